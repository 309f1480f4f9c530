"""An assessment's stored screening and questionnaire read back as values, and what the PDF
prints of them. Never recomputed on read.

`row` arguments are anything with the columns as attributes: mapped rows, or the plain rows
the report command reads without SQLAlchemy (store/report_rows.py), which is why nothing
here imports the models. services/health.py re-exports what its callers take from it.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from the5hc_desktop import paths
from the5hc_desktop.domain import questionnaire as q
from the5hc_desktop.domain import screening as s
from the5hc_desktop.reports.health_data import HealthReportData


def questionnaire_file() -> Path:
    return paths.resources_dir() / "questionnaire" / "lifestyle_questionnaire.json"


@lru_cache(maxsize=1)
def shipped_questionnaire() -> q.Questionnaire:
    """The questionnaire shipped with the app (read once)."""
    return q.load_questionnaire(questionnaire_file())


@dataclass(frozen=True)
class ScreeningView:
    id: uuid.UUID
    client_id: uuid.UUID
    screened_on: date
    answers: Mapping[str, bool]
    outcome: s.ScreeningOutcome
    recorded_by_name: str
    notes: str = ""

    @property
    def valid_until(self) -> date:
        return s.valid_until(self.screened_on)

    def is_current(self, on: date) -> bool:
        return s.is_current(self.screened_on, on)

    @property
    def yes_questions(self) -> tuple[s.ScreeningQuestion, ...]:
        return s.yes_questions(self.answers)


@dataclass(frozen=True)
class AssessmentHealthView:
    assessment_id: uuid.UUID
    screening: ScreeningView | None
    proceed_reason: str | None
    proceed_by_name: str
    answers: Mapping[str, q.Answer] | None
    result: q.QuestionnaireResult | None
    questionnaire_version: str | None

    @property
    def skipped(self) -> bool:
        return self.answers is None


def screening_view(row: Any, recorder: str) -> ScreeningView:
    answers = {k: bool(v) for k, v in dict(row.answers or {}).items()}
    outcome = (s.ScreeningOutcome.CLEARANCE_ADVISED if row.clearance_advised
               else s.ScreeningOutcome.CLEAR)
    return ScreeningView(row.id, row.client_id, row.screened_on, answers, outcome, recorder,
                         row.notes or "")


def read_answers(stored: Mapping[str, Any]) -> dict[str, q.Answer]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in stored.items()}


def result_of(row: Any, physical_risk: float | None) -> q.QuestionnaireResult:
    """The stored snapshot as a result value (never recomputed)."""
    flagged = tuple(
        q.RiskAnswer(str(r["question"]), str(r["choice"]), str(r["code"]), float(r["weight"]))
        for r in row.risk_answers or ()
    )
    return q.QuestionnaireResult(
        categories=dict(row.category_scores or {}),
        comprehensive=row.comprehensive,
        risk_answers=flagged,
        questionnaire_risk=row.questionnaire_risk or 0.0,
        physical_risk=physical_risk,
        blended_risk=row.blended_risk,
    )


def health_view_of(
    assessment_id: uuid.UUID, row: Any, screening: ScreeningView | None, proceed_by_name: str,
    physical_risk: float | None,
) -> AssessmentHealthView:
    """The view of a live `assessment_health` row; `physical_risk`: the assessment's stored
    injury risk score (the questionnaire's result shows it beside its own)."""
    answers = None if row.answers is None else read_answers(row.answers)
    return AssessmentHealthView(
        assessment_id=assessment_id,
        screening=screening,
        proceed_reason=row.proceed_reason,
        proceed_by_name=proceed_by_name,
        answers=answers,
        result=None if answers is None else result_of(row, physical_risk),
        questionnaire_version=row.questionnaire_version,
    )


def health_report_data(view: AssessmentHealthView | None) -> HealthReportData | None:
    """What the PDF prints (None: nothing recorded, the report leaves the sections out)."""
    if view is None:
        return None
    screening = view.screening
    return HealthReportData(
        screening_outcome=screening.outcome if screening is not None else None,
        screened_on=screening.screened_on if screening is not None else None,
        yes_questions=screening.yes_questions if screening is not None else (),
        proceed_reason=view.proceed_reason,
        questionnaire=shipped_questionnaire(),
        result=view.result,
    )
