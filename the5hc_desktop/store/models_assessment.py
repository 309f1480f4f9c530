"""The fitness assessment (체력 평가): raw inputs, conditions and the stored score snapshot.

Input columns carry exactly the names of RULES.md §2 (`ASSESSMENT_INPUT_FIELDS`), so a row
maps onto `domain.scoring.AssessmentInputs` without renaming. Computed scores are stored as
`score_<AssessmentScores field>` (`SCORE_COLUMNS`): a `<test>_score` suffix would collide
with the trainer-entered `shoulder_mobility_score` / `overhead_squat_score` inputs.
Scores are stored unrounded together with `scoring_version` and never recomputed.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from the5hc_desktop.domain.assessment_inputs import MEASUREMENT_FIELDS
from the5hc_desktop.domain.choices import TEST_KEYS
from the5hc_desktop.store.base import Base, SyncedMixin, live_index, one_of
from the5hc_desktop.store.codes import (
    ENVIRONMENT,
    GENDER,
    OVERHEAD_SQUAT_QUALITY,
    PUSH_UP_TYPE,
    RISK_LEVEL,
)
from the5hc_desktop.store.models_core import Client, StaffAccount
from the5hc_desktop.store.types import Measure, PackedJSON

# RULES.md §2 inputs stored as columns. `age` lives in `age_at_assessment`.
ASSESSMENT_INPUT_FIELDS: tuple[str, ...] = ("gender", *MEASUREMENT_FIELDS)

# AssessmentScores field -> column.
SCORE_COLUMNS: dict[str, str] = {
    name: f"score_{name}"
    for name in (
        *TEST_KEYS,
        "strength",
        "mobility",
        "balance_category",
        "cardio",
        "overall",
    )
} | {"pfi": "pfi", "complete": "complete", "risk_score": "risk_score", "risk_level": "risk_level"}

# Keys of `test_notes` (one free-text note per test).
TEST_NOTE_KEYS = TEST_KEYS


class Assessment(SyncedMixin, Base):
    __tablename__ = "assessments"
    __table_args__ = (
        one_of("gender", GENDER),
        one_of("push_up_type", PUSH_UP_TYPE),
        one_of("environment", ENVIRONMENT),
        one_of("overhead_squat_quality", OVERHEAD_SQUAT_QUALITY),
        one_of("risk_level", RISK_LEVEL),
        # Every assessment query counts live rows only, so the two live indexes below also
        # serve every lookup by member or date (plain client_id+assessed_on and assessed_on
        # indexes were dropped in 0009; EXPLAIN QUERY PLAN on the 100k set).
        # Each member's newest live assessment (list column and sort) from the index alone.
        live_index("ix_assessments_live_client_latest",
                   "client_id", "assessed_on", "created_at", "score_overall"),
        # Used by: 분석's assessments per trainer and score changes (migration 0009), and the
        # dashboard's count and average of a month ((assessed_on, score_overall) alone was
        # dropped in 0014).
        live_index("ix_assessments_live_analytics", "assessed_on", "client_id", "trainer_id",
                   "score_overall", "created_at"),
    )

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"))
    trainer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    assessed_on: Mapped[date] = mapped_column(Date)
    age_at_assessment: Mapped[int | None] = mapped_column(Integer)

    # --- inputs (RULES.md §2); measured values are `Measure` (hundredths on SQLite) ---
    gender: Mapped[str] = mapped_column(GENDER)
    body_weight_kg: Mapped[float | None] = mapped_column(Measure)
    push_up_reps: Mapped[int | None] = mapped_column(Integer)
    push_up_type: Mapped[str] = mapped_column(PUSH_UP_TYPE, default="standard")
    farmer_carry_weight_kg: Mapped[float | None] = mapped_column(Measure)
    farmer_carry_distance_m: Mapped[float | None] = mapped_column(Measure)
    farmer_carry_time_s: Mapped[float | None] = mapped_column(Measure)
    farmer_carry_percent: Mapped[float | None] = mapped_column(Measure)
    toe_touch_cm: Mapped[float | None] = mapped_column(Measure)
    shoulder_mobility_score: Mapped[int | None] = mapped_column(Integer)
    shoulder_pain: Mapped[bool] = mapped_column(Boolean, default=False)
    shoulder_left_cm: Mapped[float | None] = mapped_column(Measure)
    shoulder_right_cm: Mapped[float | None] = mapped_column(Measure)
    overhead_squat_score: Mapped[int | None] = mapped_column(Integer)
    knee_valgus: Mapped[bool] = mapped_column(Boolean, default=False)
    forward_lean: Mapped[bool] = mapped_column(Boolean, default=False)
    heel_lift: Mapped[bool] = mapped_column(Boolean, default=False)
    arm_drop: Mapped[bool] = mapped_column(Boolean, default=False)
    overhead_squat_quality: Mapped[str | None] = mapped_column(OVERHEAD_SQUAT_QUALITY)
    balance_right_open_s: Mapped[float | None] = mapped_column(Measure)
    balance_left_open_s: Mapped[float | None] = mapped_column(Measure)
    balance_right_closed_s: Mapped[float | None] = mapped_column(Measure)
    balance_left_closed_s: Mapped[float | None] = mapped_column(Measure)
    step_test_duration_s: Mapped[float | None] = mapped_column(Measure)
    step_test_pulse_1: Mapped[int | None] = mapped_column(Integer)
    step_test_pulse_2: Mapped[int | None] = mapped_column(Integer)
    step_test_pulse_3: Mapped[int | None] = mapped_column(Integer)
    # The legacy app recorded one heart rate instead of three pulse counts; kept as-is.
    legacy_heart_rate: Mapped[int | None] = mapped_column(Integer)

    # --- body measurements and conditions (recorded and printed; not scored) ---
    height_cm: Mapped[float | None] = mapped_column(Measure)
    weight_kg: Mapped[float | None] = mapped_column(Measure)
    body_fat_pct: Mapped[float | None] = mapped_column(Measure)
    skeletal_muscle_kg: Mapped[float | None] = mapped_column(Measure)
    environment: Mapped[str] = mapped_column(ENVIRONMENT, default="indoor")
    temperature_c: Mapped[float | None] = mapped_column(Measure)

    # {test key: note}; keys from TEST_NOTE_KEYS.
    test_notes: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    notes: Mapped[str | None] = mapped_column(Text)
    # {test key: {"computed": float|None, "value": float, "by": staff id str, "reason": str}}
    overrides: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    # --- computed snapshot (domain.scoring, `scoring_version`) ---
    score_push_up: Mapped[float | None] = mapped_column(Float)
    score_farmer_carry: Mapped[float | None] = mapped_column(Float)
    score_toe_touch: Mapped[float | None] = mapped_column(Float)
    score_shoulder_mobility: Mapped[float | None] = mapped_column(Float)
    score_overhead_squat: Mapped[float | None] = mapped_column(Float)
    score_balance: Mapped[float | None] = mapped_column(Float)
    score_step_test: Mapped[float | None] = mapped_column(Float)
    pfi: Mapped[float | None] = mapped_column(Float)
    score_strength: Mapped[float | None] = mapped_column(Float)
    score_mobility: Mapped[float | None] = mapped_column(Float)
    score_balance_category: Mapped[float | None] = mapped_column(Float)
    score_cardio: Mapped[float | None] = mapped_column(Float)
    score_overall: Mapped[float | None] = mapped_column(Float)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_score: Mapped[float | None] = mapped_column(Float)
    risk_level: Mapped[str | None] = mapped_column(RISK_LEVEL)
    risk_factors: Mapped[list[Any]] = mapped_column(PackedJSON, default=list)
    recommendations: Mapped[dict[str, Any]] = mapped_column(PackedJSON, default=dict)
    scoring_version: Mapped[str] = mapped_column(String(20))

    client: Mapped[Client] = relationship()
    trainer: Mapped[StaffAccount] = relationship()
