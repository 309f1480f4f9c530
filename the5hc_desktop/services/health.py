"""Health screening (건강 사전 확인) and the lifestyle questionnaire (생활습관 설문).

A screening is kept per member with its date; an assessment links the screening it used (a
new one, or one younger than 12 months) and, when that screening advised medical clearance,
the trainer's reason for proceeding (audited). The questionnaire answers of an assessment
are stored with a score snapshot computed from the assessment's stored overall score and
injury risk; the wizard saves them after the assessment on every Finish, so an edit that
re-scores the assessment refreshes the snapshot too. A skipped questionnaire stores no
answers and no scores. Stored rows are read back into values by services/stored_health.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from the5hc_desktop.domain import questionnaire as q
from the5hc_desktop.domain import screening as s
from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.services.assessment_views import staff_name
from the5hc_desktop.services.base import ServiceBase, get_live, gym_zone, local_today
from the5hc_desktop.services.clients import CLIENT
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.services.stored_health import (
    AssessmentHealthView,
    ScreeningView,
    health_report_data,
    health_view_of,
    screening_view,
    shipped_questionnaire,
)
from the5hc_desktop.store.models import (
    Assessment,
    AssessmentHealth,
    Client,
    HealthScreening,
    StaffAccount,
    assessment_health_id,
)

ASSESSMENT = ("평가", "Assessment")
SCREENING = ("사전 확인", "Screening")


# -- values ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScreeningState:
    """What the member page shows: the newest screening and whether it still counts."""

    latest: ScreeningView | None
    today: date

    @property
    def current(self) -> bool:
        return self.latest is not None and self.latest.is_current(self.today)


@dataclass(frozen=True)
class HealthDraft:
    """What the wizard collected. Exactly one of `reuse_screening_id` (a screening younger
    than 12 months) and `screening_answers` (a new one, dated `screened_on`, default the
    assessment date) names the screening; neither = none recorded (only for edits).
    `questionnaire` None = skipped."""

    reuse_screening_id: uuid.UUID | None = None
    screening_answers: Mapping[str, object] | None = None
    screened_on: date | None = None
    proceed_reason: str = ""
    questionnaire: Mapping[str, object] | None = None


@dataclass(frozen=True)
class CheckedHealth:
    screening_answers: dict[str, bool] | None
    outcome: s.ScreeningOutcome | None
    proceed_reason: str | None
    answers: dict[str, q.Answer] | None


# -- row conversions -------------------------------------------------------------------------


def _screening_of(session: Session, row: HealthScreening) -> ScreeningView:
    recorder = session.get(StaffAccount, row.recorded_by) if row.recorded_by else None
    return screening_view(row, staff_name(recorder))


def _stored_answers(answers: Mapping[str, q.Answer]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}


def newest_screening(session: Session, client_id: uuid.UUID) -> HealthScreening | None:
    return session.scalars(
        select(HealthScreening)
        .where(HealthScreening.client_id == client_id, HealthScreening.deleted_at.is_(None))
        .order_by(HealthScreening.screened_on.desc(), HealthScreening.created_at.desc())
        .limit(1)
    ).first()


def screening_state_in(session: Session, client_id: uuid.UUID, today: date) -> ScreeningState:
    """For pages that already hold a session (the member page's detail query)."""
    row = newest_screening(session, client_id)
    return ScreeningState(None if row is None else _screening_of(session, row), today)


def health_view_in(session: Session, assessment: Assessment) -> AssessmentHealthView | None:
    row = session.get(AssessmentHealth, assessment_health_id(assessment.id))
    if row is None or row.deleted_at is not None:
        return None
    screening = None
    if row.screening_id is not None:
        screening_row = session.get(HealthScreening, row.screening_id)
        if screening_row is not None:
            screening = _screening_of(session, screening_row)
    proceeder = session.get(StaffAccount, row.proceed_by) if row.proceed_by else None
    return health_view_of(assessment.id, row, screening, staff_name(proceeder),
                          assessment.risk_score)


# -- the service ------------------------------------------------------------------------------


class HealthService(ServiceBase):
    @staticmethod
    def questionnaire() -> q.Questionnaire:
        return shipped_questionnaire()

    @staticmethod
    def check(
        draft: HealthDraft, reused: ScreeningView | None = None, *, require_screening: bool = True
    ) -> CheckedHealth:
        """Pure checks of a draft (the wizard runs them before anything is saved).
        `reused` is the screening `reuse_screening_id` names."""
        answers = outcome = None
        if draft.screening_answers is not None:
            answers = s.check_answers(draft.screening_answers)
            outcome = s.screening_outcome(answers)
        elif draft.reuse_screening_id is not None:
            if reused is None or reused.id != draft.reuse_screening_id:
                raise ValidationError("다시 쓸 사전 확인을 찾을 수 없습니다.",
                                      "The screening to reuse was not found.", field="screening")
            outcome = reused.outcome
        elif require_screening:
            raise ValidationError("측정 전에 건강 사전 확인을 하세요.",
                                  "Screen the member before testing.", field="screening")
        reason = s.check_proceed_reason(outcome, draft.proceed_reason) if outcome else None
        checked = None
        if draft.questionnaire is not None:
            checked = q.check_answers(shipped_questionnaire(), draft.questionnaire)
        return CheckedHealth(answers, outcome, reason, checked)

    @staticmethod
    def preview(
        answers: Mapping[str, object], overall: float | None, physical_risk: float | None
    ) -> q.QuestionnaireResult:
        """The figures saving would store for these answers (the review page shows them)."""
        questionnaire = shipped_questionnaire()
        checked = q.check_answers(questionnaire, answers)
        return q.score_questionnaire(questionnaire, checked, overall=overall,
                                     physical_risk=physical_risk)

    # -- reading ------------------------------------------------------------------------------

    def screening_state(self, actor: Actor, client_id: uuid.UUID) -> ScreeningState:
        require(actor, Capability.VIEW_CLIENTS)
        with self._db.read() as session:
            get_live(session, Client, client_id, CLIENT)
            return screening_state_in(session, client_id, self._today(session))

    def reusable_screening(
        self, actor: Actor, client_id: uuid.UUID, on: date
    ) -> ScreeningView | None:
        """The member's newest screening if it is younger than 12 months on `on`."""
        require(actor, Capability.VIEW_CLIENTS)
        with self._db.read() as session:
            row = newest_screening(session, client_id)
            if row is None or not s.is_current(row.screened_on, on):
                return None
            return _screening_of(session, row)

    def for_assessment(
        self, actor: Actor, assessment_id: uuid.UUID
    ) -> AssessmentHealthView | None:
        require(actor, Capability.VIEW_CLIENTS)
        with self._db.read() as session:
            row = get_live(session, Assessment, assessment_id, ASSESSMENT)
            return health_view_in(session, row)

    # -- changes ------------------------------------------------------------------------------

    def save_for_assessment(
        self,
        actor: Actor,
        assessment_id: uuid.UUID,
        draft: HealthDraft,
        *,
        require_screening: bool = True,
    ) -> AssessmentHealthView:
        """Record a new screening or link a current one, the proceed reason, and the
        questionnaire with its scores; audited. Call after the assessment is stored."""
        require(actor, Capability.RUN_ASSESSMENTS)
        with self._db.write() as session:
            assessment = get_live(session, Assessment, assessment_id, ASSESSMENT)
            today = self._today(session)
            reused = None
            if draft.screening_answers is None and draft.reuse_screening_id is not None:
                reused = self._reusable(session, assessment, draft.reuse_screening_id)
            checked = self.check(draft, reused, require_screening=require_screening)
            screening_id = reused.id if reused is not None else None
            if checked.screening_answers is not None:
                screened_on = s.check_screened_on(draft.screened_on or assessment.assessed_on,
                                                  today)
                screening_id = self._record(session, actor, assessment.client_id, screened_on,
                                            checked.screening_answers).id

            row = session.get(AssessmentHealth, assessment_health_id(assessment.id))
            if row is None:
                row = AssessmentHealth(id=assessment_health_id(assessment.id),
                                       assessment_id=assessment.id,
                                       client_id=assessment.client_id)
                session.add(row)
            row.deleted_at = None
            previous_reason = row.proceed_reason
            row.screening_id = screening_id
            row.proceed_reason = checked.proceed_reason
            if checked.proceed_reason is None:
                row.proceed_by = None
            elif checked.proceed_reason != previous_reason or row.proceed_by is None:
                row.proceed_by = actor.staff_id
                self._audit(session, actor, "screening_proceed_confirmed", "assessment",
                            assessment.id, {
                                "screening_id": screening_id,
                                "reason": checked.proceed_reason,
                                "yes": [k for k, v in self._answers_of(session, screening_id)
                                        .items() if v],
                            })
            self._store_questionnaire(row, assessment, checked.answers)
            self._audit(session, actor, "questionnaire_saved", "assessment", assessment.id, {
                "skipped": checked.answers is None,
                "comprehensive": row.comprehensive,
                "blended_risk": row.blended_risk,
                "screening_id": screening_id,
            })
            session.flush()
            view = health_view_in(session, assessment)
            assert view is not None
            return view

    def record_screening(
        self,
        actor: Actor,
        client_id: uuid.UUID,
        answers: Mapping[str, object],
        screened_on: date,
        notes: str = "",
    ) -> ScreeningView:
        """A screening on its own (outside an assessment); audited."""
        require(actor, Capability.RUN_ASSESSMENTS)
        checked = s.check_answers(answers)
        with self._db.write() as session:
            get_live(session, Client, client_id, CLIENT)
            day = s.check_screened_on(screened_on, self._today(session))
            row = self._record(session, actor, client_id, day, checked, notes)
            return _screening_of(session, row)

    # -- internals ----------------------------------------------------------------------------

    def _today(self, session: Session) -> date:
        return local_today(gym_zone(session), self._now)

    @staticmethod
    def _reusable(
        session: Session, assessment: Assessment, screening_id: uuid.UUID
    ) -> ScreeningView:
        row = get_live(session, HealthScreening, screening_id, SCREENING)
        if row.client_id != assessment.client_id:
            raise ValidationError("다른 회원의 사전 확인입니다.",
                                  "That screening belongs to another member.", field="screening")
        if not s.is_current(row.screened_on, assessment.assessed_on):
            raise ValidationError(
                "12개월이 지난 사전 확인은 다시 쓸 수 없습니다. 새로 확인하세요.",
                "A screening older than 12 months cannot be reused; screen again.",
                field="screening")
        return _screening_of(session, row)

    def _record(
        self, session: Session, actor: Actor, client_id: uuid.UUID, screened_on: date,
        answers: dict[str, bool], notes: str = "",
    ) -> HealthScreening:
        outcome = s.screening_outcome(answers)
        row = HealthScreening(client_id=client_id, screened_on=screened_on,
                              recorded_by=actor.staff_id, answers=answers,
                              clearance_advised=outcome is s.ScreeningOutcome.CLEARANCE_ADVISED,
                              notes=notes.strip() or None)
        session.add(row)
        self._audit(session, actor, "screening_recorded", "client", client_id, {
            "screening_id": row.id, "screened_on": screened_on, "outcome": outcome,
            "yes": [k for k, v in answers.items() if v],
        })
        return row

    @staticmethod
    def _answers_of(session: Session, screening_id: uuid.UUID | None) -> dict[str, bool]:
        row = session.get(HealthScreening, screening_id) if screening_id else None
        return dict(row.answers or {}) if row is not None else {}

    @staticmethod
    def _store_questionnaire(
        row: AssessmentHealth, assessment: Assessment, answers: dict[str, q.Answer] | None
    ) -> None:
        if answers is None:  # skipped: no answers, no scores (never zeros)
            row.answers = None
            row.questionnaire_version = None
            row.category_scores = None
            row.comprehensive = row.questionnaire_risk = row.blended_risk = None
            row.risk_answers = []
            row.scoring_version = None
            return
        questionnaire = shipped_questionnaire()
        result = q.score_questionnaire(questionnaire, answers,
                                       overall=assessment.score_overall,
                                       physical_risk=assessment.risk_score)
        row.answers = _stored_answers(answers)
        row.questionnaire_version = questionnaire.version
        row.category_scores = dict(result.categories)
        row.comprehensive = result.comprehensive
        row.questionnaire_risk = result.questionnaire_risk
        row.blended_risk = result.blended_risk
        row.risk_answers = [
            {"question": r.question, "choice": r.choice, "code": r.code, "weight": r.weight}
            for r in result.risk_answers
        ]
        row.scoring_version = q.QUESTIONNAIRE_SCORING


__all__ = [
    "AssessmentHealthView",
    "CheckedHealth",
    "HealthDraft",
    "HealthService",
    "ScreeningState",
    "ScreeningView",
    "health_report_data",
    "health_view_in",
    "screening_state_in",
    "shipped_questionnaire",
]
