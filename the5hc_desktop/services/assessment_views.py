"""Assessment values: the draft, the stored view, summaries, the evaluation of one set of
inputs, and how each is built from (or written to) an `assessments` row. The stored
snapshot is read back by services/stored_assessment.py (re-exported here).

`AssessmentService` (services/assessments.py) owns the use cases; this module is its data.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.recommendations import Recommendations, recommend
from the5hc_desktop.domain.risk import RiskAssessment
from the5hc_desktop.domain.scoring import (
    SCORING_VERSION,
    AssessmentInputs,
    AssessmentScores,
    partial_categories,
    score_with_risk,
)
from the5hc_desktop.services.stored_assessment import inputs_from_values as inputs_from_values
from the5hc_desktop.services.stored_assessment import recommendations_from, risk_from_row
from the5hc_desktop.services.stored_assessment import scores_from_row as scores_from_row
from the5hc_desktop.services.stored_assessment import staff_name as staff_name
from the5hc_desktop.store.models import (
    ASSESSMENT_INPUT_FIELDS,
    SCORE_COLUMNS,
    Assessment,
    Client,
    StaffAccount,
)

# Inputs the draft may carry in `values`; gender and age come from the client.
DRAFT_VALUE_KEYS = tuple(name for name in ASSESSMENT_INPUT_FIELDS if name != "gender")


@dataclass(frozen=True)
class Override:
    """A trainer's replacement for one computed test score, and why."""

    value: float
    reason: str


@dataclass(frozen=True)
class AssessmentDraft:
    client_id: uuid.UUID
    assessed_on: date
    trainer_id: uuid.UUID | None = None  # None: the acting trainer
    environment: str = "indoor"
    temperature_c: float | None = None
    height_cm: float | None = None
    weight_kg: float | None = None
    body_fat_pct: float | None = None
    skeletal_muscle_kg: float | None = None
    values: Mapping[str, object] = field(default_factory=dict)
    overhead_squat_quality: str | None = None
    test_notes: Mapping[str, str] = field(default_factory=dict)
    notes: str = ""
    overrides: Mapping[str, Override] = field(default_factory=dict)


@dataclass(frozen=True)
class AssessmentView:
    id: uuid.UUID
    client_id: uuid.UUID
    client_name: str
    assessed_on: date
    trainer_id: uuid.UUID
    trainer_name: str
    age: int | None
    environment: str
    temperature_c: float | None
    height_cm: float | None
    weight_kg: float | None
    body_fat_pct: float | None
    skeletal_muscle_kg: float | None
    inputs: AssessmentInputs
    scores: AssessmentScores
    risk: RiskAssessment | None
    recommendations: Recommendations
    notes: str
    test_notes: Mapping[str, str]
    # {test key: {"computed": float|None, "value": float, "by": staff id, "reason": str}}
    overrides: Mapping[str, Mapping[str, Any]]
    scoring_version: str
    draft: AssessmentDraft


@dataclass(frozen=True)
class AssessmentSummary:
    id: uuid.UUID
    client_id: uuid.UUID
    client_name: str
    assessed_on: date
    trainer_name: str
    overall: float | None
    strength: float | None
    mobility: float | None
    balance: float | None
    cardio: float | None
    complete: bool
    scoring_version: str



@dataclass(frozen=True)
class Evaluation:
    """What desktop-1 makes of one set of inputs: what create/update store and what the
    wizard's review page shows (one formula, gotcha G8)."""

    inputs: AssessmentInputs
    scores: AssessmentScores
    risk: RiskAssessment
    recommendations: Recommendations

    @property
    def partial(self) -> frozenset[str]:
        """Categories measured only in part (일부 측정)."""
        return partial_categories(self.scores)

    def columns(self) -> dict[str, Any]:
        """Column values of this scoring: every score unrounded, the risk factors, the
        recommendations snapshot and `scoring_version`."""
        data = self.scores.to_dict()
        columns: dict[str, Any] = {column: data[name] for name, column in SCORE_COLUMNS.items()}
        columns["risk_factors"] = _risk_json(self.risk)
        columns["recommendations"] = recommendations_json(self.recommendations)
        columns["scoring_version"] = SCORING_VERSION
        return columns


def evaluate_inputs(inputs: AssessmentInputs, height_cm: float | None) -> Evaluation:
    """Score, risk and recommendations of checked inputs (`height_cm` for the BMI tips)."""
    scores, risk = score_with_risk(inputs)  # the risk rules run once
    return Evaluation(
        inputs=inputs,
        scores=scores,
        risk=risk,
        recommendations=recommend(inputs, scores, height_cm=height_cm),
    )


def score_columns(inputs: AssessmentInputs, height_cm: float | None) -> dict[str, Any]:
    """`Evaluation.columns` of the inputs: one scoring path for the service, imports and the
    demo generator."""
    return evaluate_inputs(inputs, height_cm).columns()


def _risk_json(risk: RiskAssessment) -> list[list[Any]]:
    # Compact: [code, points, details] per factor, plus [concern code, *params] and the
    # concern's place among the primary concerns when it has one. The concern texts come
    # from the domain (`concern_of`) when the row is read, so they are not stored.
    ranks = {concern.code: n for n, concern in enumerate(risk.primary_concerns)}
    rows: list[list[Any]] = []
    for f in risk.factors:
        item: list[Any] = [f.code, f.points, f.details]
        if f.concern is not None:
            item += [[f.concern.code, *f.concern.params], ranks.get(f.concern.code)]
        rows.append(item)
    return rows


def recommendations_json(recommendations: Recommendations) -> dict[str, Any]:
    """Compact: tip codes per category; `tip_for` gives their texts when the row is read."""
    return {"by_category": {category: [tip.code for tip in tips]
                            for category, tips in recommendations.by_category.items()}}


def inputs_from_row(row: Assessment, age: int) -> tuple[AssessmentInputs, tuple[str, ...]]:
    """Inputs as stored, and the names of stored values the rules refuse (imported rows may
    hold e.g. a bpm figure where desktop-1 expects a 30-second count): those are left out."""
    values = {name: getattr(row, name) for name in (*ASSESSMENT_INPUT_FIELDS, "overrides")}
    return inputs_from_values(values, age)


def draft_from_row(row: Assessment) -> AssessmentDraft:
    """The editable draft of a stored assessment (what the wizard opens for editing)."""
    return AssessmentDraft(
        client_id=row.client_id,
        assessed_on=row.assessed_on,
        trainer_id=row.trainer_id,
        environment=row.environment or "indoor",
        temperature_c=row.temperature_c,
        height_cm=row.height_cm,
        weight_kg=row.weight_kg,
        body_fat_pct=row.body_fat_pct,
        skeletal_muscle_kg=row.skeletal_muscle_kg,
        values={name: getattr(row, name) for name in DRAFT_VALUE_KEYS},
        overhead_squat_quality=row.overhead_squat_quality,
        test_notes=dict(row.test_notes or {}),
        notes=row.notes or "",
        overrides={
            key: Override(float(item["value"]), str(item.get("reason", "")))
            for key, item in (row.overrides or {}).items()
            if isinstance(item, Mapping) and item.get("value") is not None
        },
    )


def summary_of(row: Assessment, client_name: str, trainer_name: str) -> AssessmentSummary:
    return AssessmentSummary(
        id=row.id,
        client_id=row.client_id,
        client_name=client_name,
        assessed_on=row.assessed_on,
        trainer_name=trainer_name,
        overall=row.score_overall,
        strength=row.score_strength,
        mobility=row.score_mobility,
        balance=row.score_balance_category,
        cardio=row.score_cardio,
        complete=bool(row.complete),
        scoring_version=row.scoring_version,
    )


def summary_query() -> Any:
    return (
        select(Assessment, Client.name, StaffAccount.display_name, StaffAccount.username)
        .join(Client, Client.id == Assessment.client_id)
        .outerjoin(StaffAccount, StaffAccount.id == Assessment.trainer_id)
        .where(Assessment.deleted_at.is_(None), Client.deleted_at.is_(None))
    )


def summaries_for_client(
    session: Session, client_id: uuid.UUID
) -> tuple[tuple[AssessmentSummary, ...], list[tuple[date, AssessmentScores]]]:
    """A client's assessments newest first, and (date, scores) points for the progress chart."""
    rows = session.execute(
        summary_query()
        .where(Assessment.client_id == client_id)
        .order_by(Assessment.assessed_on.desc(), Assessment.created_at.desc())
    ).all()
    summaries = tuple(summary_of(r[0], r[1], r[2] or r[3] or "") for r in rows)
    points = [(r[0].assessed_on, scores_from_row(r[0])) for r in reversed(rows)]
    return summaries, points


def assessment_view(
    row: Assessment, client_name: str, trainer_name: str, inputs: AssessmentInputs
) -> AssessmentView:
    """The view of a row as it is in memory (stored snapshot, never re-scored); `inputs` are
    the row's inputs, passed in because reading them back may need the client's age."""
    scores = scores_from_row(row)
    recommendations = recommendations_from(row.recommendations) or recommend(
        inputs, scores, height_cm=row.height_cm)
    return _view(row, client_name, trainer_name, inputs, scores, risk_from_row(row),
                 recommendations)


def fresh_assessment_view(
    row: Assessment, client_name: str, trainer_name: str, evaluation: Evaluation
) -> AssessmentView:
    """`assessment_view` of a row whose score columns were just written from `evaluation`:
    its scores, risk and tips are the evaluation's own, not read back from the columns."""
    return _view(row, client_name, trainer_name, evaluation.inputs, evaluation.scores,
                 evaluation.risk, evaluation.recommendations)


def _view(
    row: Assessment, client_name: str, trainer_name: str, inputs: AssessmentInputs,
    scores: AssessmentScores, risk: RiskAssessment | None, recommendations: Recommendations,
) -> AssessmentView:
    return AssessmentView(
        id=row.id,
        client_id=row.client_id,
        client_name=client_name,
        assessed_on=row.assessed_on,
        trainer_id=row.trainer_id,
        trainer_name=trainer_name,
        age=row.age_at_assessment,
        environment=row.environment or "indoor",
        temperature_c=row.temperature_c,
        height_cm=row.height_cm,
        weight_kg=row.weight_kg,
        body_fat_pct=row.body_fat_pct,
        skeletal_muscle_kg=row.skeletal_muscle_kg,
        inputs=inputs,
        scores=scores,
        risk=risk,
        recommendations=recommendations,
        notes=row.notes or "",
        test_notes=dict(row.test_notes or {}),
        overrides={k: dict(v) for k, v in (row.overrides or {}).items()},
        scoring_version=row.scoring_version,
        draft=draft_from_row(row),
    )
