"""Optional step: the lifestyle questionnaire (생활습관 설문), built from the shipped data.

"건너뛰기" leaves the member without questionnaire scores (never zeros); editing the
assessment later fills them in. Single answers are radio buttons, multiple answers check
boxes and scale answers 1–5 radio buttons with their end words.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain import questionnaire as q
from the5hc_desktop.services.health import shipped_questionnaire

from ..draft import WizardDraft
from ..health_state import health_of, with_health
from ..health_state import words as w
from .common import DraftPage, WizardContext, hint_label


class QuestionWidget(QWidget):
    """One question: its text, a hint and the answer buttons."""

    def __init__(self, question: q.Question, number: int, language: str) -> None:
        super().__init__()
        self.question = question
        self.setObjectName(f"question_{question.key}")
        title = QLabel(f"<b>{number}. {question.text.text(language)}</b>")
        title.setWordWrap(True)
        hint = hint_label(question.help.text(language))
        self.buttons: dict[object, QAbstractButton] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(question.kind is not q.AnswerKind.MULTIPLE)
        row = QHBoxLayout()
        row.setContentsMargins(12, 0, 0, 0)
        if question.kind is q.AnswerKind.SCALE:
            scale = question.scale
            assert scale is not None
            row.addWidget(QLabel(scale.low_text.text(language)))
            for value in range(scale.low, scale.high + 1):
                self._add(row, value, QRadioButton(str(value)))
            row.addWidget(QLabel(scale.high_text.text(language)))
        else:
            for choice in question.choices:
                text = choice.text.text(language)
                button: QAbstractButton = (QCheckBox(text)
                                           if question.kind is q.AnswerKind.MULTIPLE
                                           else QRadioButton(text))
                self._add(row, choice.key, button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(row)

    def _add(self, row: QHBoxLayout, value: object, button: QAbstractButton) -> None:
        button.setObjectName(f"answer_{self.question.key}_{value}")
        self.group.addButton(button)
        self.buttons[value] = button
        row.addWidget(button)

    def answer(self) -> Any:
        picked = [value for value, button in self.buttons.items() if button.isChecked()]
        if self.question.kind is q.AnswerKind.MULTIPLE:
            return picked or None
        return picked[0] if picked else None

    def set_answer(self, answer: Any) -> None:
        chosen = set(answer) if isinstance(answer, list | tuple) else {answer}
        exclusive = self.group.exclusive()
        self.group.setExclusive(False)
        for value, button in self.buttons.items():
            button.setChecked(value in chosen)
        self.group.setExclusive(exclusive)


class QuestionnairePage(DraftPage):
    def __init__(self, context: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        lang = context.language()
        self.questionnaire = shipped_questionnaire()
        self.FIELDS = ("questionnaire", *(f"questionnaire.{question.key}"
                                          for question in self.questionnaire.questions))
        self.setTitle(w("생활습관 설문 (선택)", "Lifestyle questionnaire (optional)", lang))
        self.setSubTitle(w(
            "답은 종합 점수와 부상 위험도에 반영됩니다. 건너뛰면 설문 점수 없이 저장되고, "
            "나중에 평가를 수정해 채울 수 있습니다.",
            "The answers feed the comprehensive score and the injury risk. Skipped, the "
            "assessment is saved without questionnaire scores; edit it later to add them.",
            lang))
        self.skip = QCheckBox(w("설문 건너뛰기", "Skip the questionnaire", lang))
        self.skip.setObjectName("questionnaireSkip")
        self.form = QWidget()
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        self.questions: dict[str, QuestionWidget] = {}
        number = 0
        for category in self.questionnaire.categories:
            box = QGroupBox(category.name.text(lang))
            box.setObjectName(f"questionnaire_{category.key}")
            box_layout = QVBoxLayout(box)
            for question in self.questionnaire.in_category(category.key):
                number += 1
                widget = QuestionWidget(question, number, lang)
                widget.group.buttonToggled.connect(self.notify_changed)
                self.questions[question.key] = widget
                box_layout.addWidget(widget)
                self.errors.register(widget, f"questionnaire.{question.key}")
            form_layout.addWidget(box)
        form_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("questionnaireScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.skip)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.page_error_label())
        self.skip.toggled.connect(self.notify_changed)

    def load(self, draft: WizardDraft) -> None:
        health = health_of(draft)
        self.skip.setChecked(health.skipped)
        for key, widget in self.questions.items():
            widget.set_answer(health.answers.get(key))

    def store(self, draft: WizardDraft) -> WizardDraft:
        answers = {key: widget.answer() for key, widget in self.questions.items()}
        health = replace(health_of(draft), skipped=self.skip.isChecked(),
                         answers={k: v for k, v in answers.items() if v is not None})
        return with_health(draft, health)

    def check(self, draft: WizardDraft) -> None:
        health = health_of(draft)
        if not health.skipped:
            q.check_answers(self.questionnaire, health.answers)

    def refresh_live(self) -> None:
        self.form.setEnabled(not self.skip.isChecked())
