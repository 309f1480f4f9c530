"""Before the tests: the seven-question health screening (건강 사전 확인).

A screening younger than 12 months is offered for reuse. Any "yes" shows 의사 확인 권장;
the trainer may go on only by ticking the confirmation and giving a reason (saved with the
assessment and audited). Texts are bilingual labels (Korean first), not catalogue strings.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain import screening as s
from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.services.health import HealthService, ScreeningView
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.dialogs import ERROR_COLOUR

from ..draft import WizardDraft
from ..health_state import WizardHealth, health_of, to_health_draft, uses_previous, with_health
from ..health_state import words as w
from .common import DraftPage, WizardContext, hint_label

FindReusable = Callable[[uuid.UUID, date], ScreeningView | None]
ADVISED_COLOUR = "#c62828"
CLEAR_COLOUR = "#2e7d32"


def _date(day: date) -> str:
    return day.isoformat()


class ScreeningPage(DraftPage):
    FIELDS = ("screening", "screened_on", "proceed_reason")

    def __init__(
        self,
        context: WizardContext,
        find_reusable: FindReusable,
        *,
        editing: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        lang = context.language()
        self._lang = lang
        self._find = find_reusable
        self._editing = editing
        self._looked_up: tuple[str, date] | None = None
        # An edit waits for the screening stored with the assessment (`set_known`).
        self._looking_up = editing
        self.previous: ScreeningView | None = None
        self.setTitle(w("건강 사전 확인", "Health screening", lang))
        self.setSubTitle(w(
            "측정 전에 회원에게 묻고 답을 고르세요. '예'가 하나라도 있으면 의사 확인을 권합니다.",
            "Ask the member before testing. Any \"yes\" means a doctor's clearance is advised.",
            lang))

        # A screening younger than 12 months, offered for reuse.
        self.previous_box = QGroupBox(w("최근 사전 확인", "Recent screening", lang))
        self.previous_box.setObjectName("screeningPreviousBox")
        self.previous_text = QLabel()
        self.previous_text.setObjectName("screeningPreviousText")
        self.previous_text.setWordWrap(True)
        self.use_previous = QRadioButton(w("이 결과를 그대로 사용", "Use this screening", lang))
        self.use_previous.setObjectName("screeningUsePrevious")
        self.screen_again = QRadioButton(w("새로 확인", "Screen again", lang))
        self.screen_again.setObjectName("screeningAgain")
        choice = QHBoxLayout()
        choice.addWidget(self.use_previous)
        choice.addWidget(self.screen_again)
        choice.addStretch(1)
        previous_layout = QVBoxLayout(self.previous_box)
        previous_layout.addWidget(self.previous_text)
        previous_layout.addLayout(choice)
        self.previous_box.hide()

        # The seven questions, each with 예 / 아니요 and no default.
        self.questions_box = QWidget()
        grid = QGridLayout(self.questions_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setColumnStretch(1, 1)
        self.groups: dict[str, QButtonGroup] = {}
        self.yes_buttons: dict[str, QRadioButton] = {}
        self.no_buttons: dict[str, QRadioButton] = {}
        for row, question in enumerate(s.SCREENING_QUESTIONS):
            number = QLabel(f"{row + 1}.")
            number.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
            text = QLabel(question.text.text(lang))
            text.setWordWrap(True)
            yes = QRadioButton(w("예", "Yes", lang))
            yes.setObjectName(f"screening_{question.key}_yes")
            no = QRadioButton(w("아니요", "No", lang))
            no.setObjectName(f"screening_{question.key}_no")
            group = QButtonGroup(self)
            group.addButton(yes)
            group.addButton(no)
            group.buttonToggled.connect(self.notify_changed)
            self.groups[question.key] = group
            self.yes_buttons[question.key] = yes
            self.no_buttons[question.key] = no
            grid.addWidget(number, row, 0)
            grid.addWidget(text, row, 1)
            grid.addWidget(yes, row, 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(no, row, 3, Qt.AlignmentFlag.AlignTop)

        self.outcome = QLabel()
        self.outcome.setObjectName("screeningOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.RichText)

        self.proceed_box = QGroupBox(w("측정 진행 확인", "Proceeding with the tests", lang))
        self.proceed_box.setObjectName("screeningProceedBox")
        self.proceed_check = QCheckBox(w(
            "회원에게 의사 확인을 권했고, 책임 트레이너로서 측정을 진행합니다.",
            "I advised the member to see a doctor and, as the trainer, proceed with the tests.",
            lang))
        self.proceed_check.setObjectName("screeningProceedConfirm")
        self.reason = QLineEdit()
        self.reason.setObjectName("proceed_reason")
        self.reason.setMaxLength(s.REASON_MAX)
        self.reason.setPlaceholderText(w(
            "진행하는 이유 (예: 주치의 소견서 확인, 저강도 항목만 측정)",
            "Reason for proceeding (e.g. doctor's note seen, low-intensity tests only)", lang))
        proceed_layout = QVBoxLayout(self.proceed_box)
        proceed_layout.addWidget(self.proceed_check)
        proceed_layout.addWidget(self.reason)
        self.proceed_box.hide()

        self.no_record = hint_label(w(
            "이 평가에는 사전 확인 기록이 없습니다. 지금 답을 고르면 새로 기록됩니다.",
            "No screening was recorded with this assessment. Answer now to record one.", lang),
            "screeningNoRecord")
        self.no_record.hide()

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.previous_box)
        body_layout.addWidget(self.no_record)
        body_layout.addWidget(self.questions_box)
        body_layout.addSpacing(6)
        body_layout.addWidget(self.outcome)
        body_layout.addWidget(self.proceed_box)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        layout.addWidget(self.page_error_label())
        self.errors.register(self.reason, "proceed_reason")
        self.watch([self.use_previous.toggled, self.proceed_check.toggled,
                    self.reason.textChanged])

    # --- draft ------------------------------------------------------------------------------
    def load(self, draft: WizardDraft) -> None:
        health = health_of(draft)
        for key, group in self.groups.items():
            answer = health.screening.get(key)
            group.setExclusive(False)
            self.yes_buttons[key].setChecked(answer is True)
            self.no_buttons[key].setChecked(answer is False)
            group.setExclusive(True)
        self.use_previous.setChecked(health.use_previous)
        self.screen_again.setChecked(not health.use_previous)
        self.proceed_check.setChecked(health.proceed_confirmed)
        self.reason.setText(health.proceed_reason)

    def store(self, draft: WizardDraft) -> WizardDraft:
        health = health_of(draft)
        answers = {key: self.yes_buttons[key].isChecked()
                   for key in self.groups
                   if self.yes_buttons[key].isChecked() or self.no_buttons[key].isChecked()}
        previous = self.previous
        health = replace(
            health,
            reuse_screening_id=str(previous.id) if previous is not None
            else health.reuse_screening_id,
            use_previous=self.use_previous.isChecked() if previous is not None
            else health.use_previous,
            screening=answers,
            proceed_confirmed=self.proceed_check.isChecked(),
            proceed_reason=self.reason.text(),
        )
        return with_health(draft, health)

    def check(self, draft: WizardDraft) -> None:
        health = health_of(draft)
        answered = len(health.screening) == len(s.SCREENING_KEYS)
        if self._looking_up and (uses_previous(health) or not answered):
            raise ValidationError("최근 사전 확인을 불러오는 중입니다.",
                                  "Still looking up the recent screening.", field="screening")
        if self._editing and not uses_previous(health) and not health.screening:
            return  # an older assessment without a screening may stay so
        outcome = self.current_outcome(health)
        if outcome is s.ScreeningOutcome.CLEARANCE_ADVISED and not health.proceed_confirmed:
            raise ValidationError(
                "의사 확인 권장 상태입니다. 진행하려면 확인란을 선택하고 이유를 적으세요.",
                "Medical clearance is advised: tick the confirmation and give a reason to "
                "proceed.", field="proceed_reason")
        HealthService.check(replace(to_health_draft(health), questionnaire=None),
                            self.previous, require_screening=not self._editing)

    # --- the previous screening --------------------------------------------------------------
    def set_known(self, screening: ScreeningView | None) -> None:
        """For edits: the screening stored with the assessment (no look-up)."""
        self._looked_up = ("known", date.min)
        self._looking_up = False
        self._show_previous(screening)
        self.completeChanged.emit()

    def initializePage(self) -> None:
        client = self.context.client
        assessed_on = self.context.current_draft().assessed_on or self.context.today()
        known = self._looked_up is not None and self._looked_up[0] == "known"
        if client is None or self._editing or known:
            self.refresh_live()
            return
        key = (str(client.id), assessed_on)
        if self._looked_up == key:
            self.refresh_live()
            return
        self._looked_up = key
        self._looking_up = True
        self.completeChanged.emit()
        find, client_id = self._find, client.id
        worker.run(lambda _ctx: find(client_id, assessed_on), self._found,
                   on_failure=lambda _error: self._found(None), parent=self)

    def _found(self, screening: ScreeningView | None) -> None:
        self._looking_up = False
        self._show_previous(screening)
        self.completeChanged.emit()

    def _show_previous(self, screening: ScreeningView | None) -> None:
        self.previous = screening
        lang = self._lang
        draft = self.context.current_draft()
        health = health_of(draft)
        if screening is None:
            self.previous_box.hide()
            self.no_record.setVisible(self._editing and not health.screening)
        else:
            self.no_record.hide()
            outcome = screening.outcome.label.text(lang)
            text = w("{day}에 확인 ({until}까지 유효) · 결과: {outcome}",
                     "Screened on {day} (valid to {until}) · result: {outcome}", lang)
            self.previous_text.setText(text.format(day=_date(screening.screened_on),
                                                   until=_date(screening.valid_until),
                                                   outcome=outcome))
            self.previous_box.show()
            same = health.reuse_screening_id == str(screening.id)
            use = health.use_previous if same else not health.screening
            self.use_previous.setChecked(use)
            self.screen_again.setChecked(not use)
        self.notify_changed()

    def isComplete(self) -> bool:
        return not self._looking_up

    # --- live outcome -------------------------------------------------------------------------
    def current_outcome(self, health: WizardHealth) -> s.ScreeningOutcome | None:
        if uses_previous(health) and self.previous is not None:
            return self.previous.outcome
        if len(health.screening) == len(s.SCREENING_KEYS):
            return s.screening_outcome(health.screening)
        return None

    def refresh_live(self) -> None:
        lang = self._lang
        health = health_of(self.store(self.context.current_draft()))
        previous = uses_previous(health) and self.previous is not None
        self.questions_box.setEnabled(not previous)
        outcome = self.current_outcome(health)
        if outcome is None:
            answered = len(health.screening)
            text = w("모든 문항에 답하세요 ({n}/7).", "Answer every question ({n}/7).", lang)
            self.outcome.setText(text.format(n=answered))
            self.outcome.setStyleSheet("color: #546e7a;")
        elif outcome is s.ScreeningOutcome.CLEARANCE_ADVISED:
            advice = s.ADVICE.text(lang)
            self.outcome.setText(f"<b style='font-size:13pt'>{outcome.label.text(lang)}</b>"
                                 f"<br/>{advice}")
            self.outcome.setStyleSheet(f"color: {ADVISED_COLOUR};")
        else:
            self.outcome.setText(f"<b style='font-size:13pt'>{outcome.label.text(lang)}</b>")
            self.outcome.setStyleSheet(f"color: {CLEAR_COLOUR};")
        advised = outcome is s.ScreeningOutcome.CLEARANCE_ADVISED
        self.proceed_box.setVisible(advised)
        self.reason.setEnabled(self.proceed_check.isChecked())
        self.proceed_box.setStyleSheet(
            f"QGroupBox {{ border: 1px solid {ERROR_COLOUR}; margin-top: 8px; }}"
            "QGroupBox::title { subcontrol-origin: margin; left: 8px; }" if advised else "")
