"""What the report prints of an assessment's screening and questionnaire (plain values)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from the5hc_desktop.domain.questionnaire import Questionnaire, QuestionnaireResult
from the5hc_desktop.domain.screening import ScreeningOutcome, ScreeningQuestion


@dataclass(frozen=True)
class HealthReportData:
    screening_outcome: ScreeningOutcome | None  # None: no screening recorded
    screened_on: date | None
    yes_questions: tuple[ScreeningQuestion, ...]
    proceed_reason: str | None
    questionnaire: Questionnaire
    result: QuestionnaireResult | None  # None: the questionnaire was skipped
