"""The review's health part: screening outcome, questionnaire scores, comprehensive score,
the questionnaire-blended injury risk (DOMAIN 2.15.4) and the tips (DOMAIN 4.6).

The figures come from `HealthService.preview`, the same calls saving stores.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from the5hc_desktop.domain import screening as s
from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.risk import risk_level_for
from the5hc_desktop.domain.words import band_for, fmt1
from the5hc_desktop.services.health import HealthService, ScreeningView, shipped_questionnaire

from .health_state import WizardHealth, uses_previous
from .health_state import words as w
from .pages.screening_page import ADVISED_COLOUR, CLEAR_COLOUR


class HealthReview(QWidget):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("healthReview")
        self._lang = language
        self.screening = QLabel()
        self.screening.setObjectName("reviewScreening")
        self.questionnaire = QLabel()
        self.questionnaire.setObjectName("reviewQuestionnaire")
        for label in (self.screening, self.questionnaire):
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addWidget(self.screening)
        layout.addWidget(self.questionnaire)

    def show_health(
        self,
        health: WizardHealth,
        previous: ScreeningView | None,
        overall: float | None,
        physical_risk: float | None,
    ) -> None:
        self.screening.setText(self._screening_html(health, previous))
        self.questionnaire.setText(self._questionnaire_html(health, overall, physical_risk))

    def _screening_html(self, health: WizardHealth, previous: ScreeningView | None) -> str:
        lang = self._lang
        head = html.escape(w("건강 사전 확인", "Health screening", lang))
        if uses_previous(health) and previous is not None:
            outcome, day = previous.outcome, previous.screened_on.isoformat()
        elif len(health.screening) == len(s.SCREENING_KEYS):
            outcome = s.screening_outcome(health.screening)
            day = w("오늘 기록", "recorded now", lang)
        else:
            none = w("기록 없음", "Not recorded", lang)
            return f"<b>{head}</b>: {html.escape(none)}"
        colour = ADVISED_COLOUR if outcome is s.ScreeningOutcome.CLEARANCE_ADVISED \
            else CLEAR_COLOUR
        text = (f"<b>{head}</b>: <b style='color:{colour}'>"
                f"{html.escape(outcome.label.text(lang))}</b> ({html.escape(day)})")
        if outcome is s.ScreeningOutcome.CLEARANCE_ADVISED and health.proceed_reason.strip():
            why = w("진행 사유", "Reason for proceeding", lang)
            text += f"<br/>{html.escape(why)}: {html.escape(health.proceed_reason.strip())}"
        return text

    def _questionnaire_html(
        self, health: WizardHealth, overall: float | None, physical_risk: float | None
    ) -> str:
        lang = self._lang
        head = html.escape(w("생활습관 설문", "Lifestyle questionnaire", lang))
        if health.skipped:
            skipped = w("건너뜀 (설문 점수 없음)", "Skipped (no questionnaire scores)", lang)
            return f"<b>{head}</b>: {html.escape(skipped)}"
        try:
            result = HealthService.preview(health.answers, overall, physical_risk)
        except ValidationError as error:
            return f"<b>{head}</b>: {html.escape(error.message(lang))}"
        questionnaire = shipped_questionnaire()
        parts = [f"<b>{head}</b>"]
        cells = []
        for category in questionnaire.categories:
            value = result.categories.get(category.key)
            band = band_for(value)
            shown = "–" if value is None or band is None else \
                f"{fmt1(value)} · {band.text(lang)}"
            cells.append(f"{html.escape(category.name.text(lang))} {html.escape(shown)}")
        parts.append(" &nbsp;|&nbsp; ".join(cells))
        comprehensive = w("종합 점수 (체력 60% + 설문 40%)",
                          "Comprehensive score (fitness 60% + questionnaire 40%)", lang)
        total = "–" if result.comprehensive is None else fmt1(result.comprehensive)
        parts.append(f"{html.escape(comprehensive)}: <b>{total}</b>")
        if result.blended_risk is not None and physical_risk is not None:
            level = risk_level_for(result.blended_risk).label.text(lang)
            blended = w("부상 위험 (설문 반영)", "Injury risk with the questionnaire", lang)
            detail = w("체력 {p} · 설문 위험 {m}", "fitness {p} · questionnaire risk {m}",
                       lang).format(p=fmt1(physical_risk), m=fmt1(result.questionnaire_risk))
            parts.append(f"{html.escape(blended)}: <b>{fmt1(result.blended_risk)} · "
                         f"{html.escape(level)}</b> ({html.escape(detail)})")
        if result.risk_answers:
            factors = ", ".join(questionnaire.risk_labels[r.code].text(lang)
                                for r in result.risk_answers)
            label = w("생활습관 위험 요인", "Lifestyle risk factors", lang)
            parts.append(f"{html.escape(label)}: {html.escape(factors)}")
        tips = []
        for insight in result.insights():
            name = questionnaire.category(insight.category).name.text(lang)
            items = "".join(f"<li>{html.escape(t.text(lang))}</li>" for t in insight.tips)
            tips.append(f"<p style='margin:4px 0 0 0'><u>{html.escape(name)}</u> "
                        f"({html.escape(insight.band.text(lang))})</p>"
                        f"<ul style='margin-top:2px'>{items}</ul>")
        if tips:
            heading = w("설문 조언", "Questionnaire tips", lang)
            parts.append(f"<b>{html.escape(heading)}</b>")
        return "<br/>".join(parts) + "".join(tips)
