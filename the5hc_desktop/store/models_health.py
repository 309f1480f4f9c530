"""Health screening and the lifestyle questionnaire of an assessment (synced tables).

`health_screenings`: one row per screening a member answered (dated, kept; reused by later
assessments while it is younger than 12 months). `assessment_health`: one row per
assessment, linking the screening used, the trainer's reason for proceeding despite
의사 확인 권장, and the questionnaire answers with their score snapshot (NULL answers =
questionnaire skipped). Its id is derived from the assessment id (`assessment_health_id`),
so two desks editing the same assessment's questionnaire write the same row and sync merges
them by last writer, never by a uniqueness error.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from the5hc_desktop.store.base import Base, SyncedMixin

_HEALTH_NAMESPACE = uuid.UUID("6f1d4c2e-9a57-4b1e-8c3d-2f5e7a9b0c14")


def assessment_health_id(assessment_id: uuid.UUID) -> uuid.UUID:
    """The id of an assessment's health row, the same on every device."""
    return uuid.uuid5(_HEALTH_NAMESPACE, f"{assessment_id}:health")


class HealthScreening(SyncedMixin, Base):
    """A member's answers to the seven screening questions on one day."""

    __tablename__ = "health_screenings"
    __table_args__ = (Index(None, "client_id", "screened_on"),)

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"))
    screened_on: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_accounts.id"))
    # {question key: bool} for the seven keys of domain.screening.
    answers: Mapped[dict[str, bool]] = mapped_column(JSON, default=dict)
    clearance_advised: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)


class AssessmentHealth(SyncedMixin, Base):
    """The screening and questionnaire side of one assessment."""

    __tablename__ = "assessment_health"

    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessments.id"), index=True)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    screening_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("health_screenings.id"))
    # Set when the screening advised medical clearance and the trainer proceeded anyway.
    proceed_reason: Mapped[str | None] = mapped_column(Text)
    proceed_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_accounts.id"))
    # {question key: choice key | [choice keys] | scale value}; NULL = questionnaire skipped.
    answers: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    questionnaire_version: Mapped[str | None] = mapped_column(String(20))
    # Score snapshot (domain.questionnaire, `scoring_version`), never recomputed on read.
    category_scores: Mapped[dict[str, float | None] | None] = mapped_column(JSON)
    comprehensive: Mapped[float | None] = mapped_column(Float)
    questionnaire_risk: Mapped[float | None] = mapped_column(Float)
    blended_risk: Mapped[float | None] = mapped_column(Float)
    # [{"question", "choice", "code", "weight"}] of the answers flagged as a risk.
    risk_answers: Mapped[list[Any]] = mapped_column(JSON, default=list)
    scoring_version: Mapped[str | None] = mapped_column(String(20))
