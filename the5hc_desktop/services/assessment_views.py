"""Assessment values: the draft, the stored view, summaries, the evaluation of one set of
inputs, and how each is built from (or written to) an `assessments` row.

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

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.recommendations import Recommendations, Tip, recommend, tip_for
from the5hc_desktop.domain.risk import (
    Concern,
    RiskAssessment,
    RiskFactor,
    RiskLevel,
    concern_of,
    risk_level_for,
)
from the5hc_desktop.domain.scoring import (
    SCORING_VERSION,
    AssessmentInputs,
    AssessmentScores,
    partial_categories,
    score_with_risk,
)
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


def _stored_concern(raw: Any) -> Concern | None:
    """A concern as stored: [code, *params] (compact) or {code, text_ko, text_en} (before
    revision 0006, and rows whose texts are not this version's)."""
    if isinstance(raw, list) and raw:
        code, params = str(raw[0]), tuple(str(p) for p in raw[1:])
        try:
            return concern_of(code, params)
        except (KeyError, ValueError):  # written by a newer version: show the code
            return Concern(code, code, code, params)
    if isinstance(raw, Mapping) and "code" in raw:
        return Concern(str(raw["code"]), str(raw.get("text_ko", "")), str(raw.get("text_en", "")))
    return None


def _stored_factor(item: Any) -> tuple[RiskFactor, Any] | None:
    """(factor, rank among the primary concerns) of a stored risk factor, either form."""
    if isinstance(item, list) and len(item) >= 3:
        code, points, details = item[0], item[1], item[2]
        concern = _stored_concern(item[3]) if len(item) > 3 else None
        rank = item[4] if len(item) > 4 else None
    elif isinstance(item, Mapping) and "code" in item:
        code, points, details = item["code"], item.get("points"), item.get("details")
        concern = _stored_concern(item.get("concern"))
        rank = item.get("primary_rank")
    else:
        return None
    factor = RiskFactor(str(code), float(points or 0),
                        dict(details) if isinstance(details, Mapping) else {}, concern)
    return factor, rank


def _risk_from_row(row: Assessment) -> RiskAssessment | None:
    if row.risk_score is None:
        return None
    factors: list[RiskFactor] = []
    primary: dict[int, Concern] = {}
    for item in row.risk_factors or []:
        stored = _stored_factor(item)
        if stored is None:
            continue
        factor, rank = stored
        factors.append(factor)
        if factor.concern is not None and isinstance(rank, int):
            primary.setdefault(rank, factor.concern)
    level = _risk_level(row.risk_level, row.risk_score)
    concerns = tuple(primary[rank] for rank in sorted(primary))
    return RiskAssessment(row.risk_score, level, tuple(factors), concerns)


def _risk_level(stored: str | None, score: float) -> RiskLevel:
    try:
        return RiskLevel(stored) if stored else risk_level_for(score)
    except ValueError:
        return risk_level_for(score)


def _stored_tip(item: Any) -> Tip | None:
    if isinstance(item, str):  # compact: the code
        try:
            return tip_for(item)
        except (KeyError, ValueError):  # written by a newer version: show the code
            return Tip(item, item, item)
    if isinstance(item, Mapping):
        return Tip(str(item.get("code", "")), str(item.get("text_ko", "")),
                   str(item.get("text_en", "")))
    return None


def _recommendations_from(data: Any) -> Recommendations | None:
    by = data.get("by_category") if isinstance(data, Mapping) else None
    if not isinstance(by, Mapping):
        return None
    return Recommendations({
        str(category): tuple(tip for tip in map(_stored_tip, tips) if tip is not None)
        for category, tips in by.items() if isinstance(tips, list)
    })


def scores_from_row(row: Assessment) -> AssessmentScores:
    """The stored snapshot as AssessmentScores (never recomputed).

    Imported rows without a risk score get 0 / low here; `AssessmentView.risk` is None then.
    """
    risk_score = float(row.risk_score or 0.0)
    return AssessmentScores(
        push_up=row.score_push_up,
        farmer_carry=row.score_farmer_carry,
        toe_touch=row.score_toe_touch,
        shoulder_mobility=row.score_shoulder_mobility,
        overhead_squat=row.score_overhead_squat,
        balance=row.score_balance,
        step_test=row.score_step_test,
        pfi=row.pfi,
        strength=row.score_strength,
        mobility=row.score_mobility,
        balance_category=row.score_balance_category,
        cardio=row.score_cardio,
        overall=row.score_overall,
        complete=bool(row.complete),
        risk_score=risk_score,
        risk_level=_risk_level(row.risk_level, risk_score),
    )


def inputs_from_row(row: Assessment, age: int) -> tuple[AssessmentInputs, tuple[str, ...]]:
    """Inputs as stored, and the names of stored values the rules refuse (imported rows may
    hold e.g. a bpm figure where desktop-1 expects a 30-second count): those are left out."""
    values = {name: getattr(row, name) for name in (*ASSESSMENT_INPUT_FIELDS, "overrides")}
    return inputs_from_values(values, age)


def inputs_from_values(
    values: Mapping[str, Any], age: int
) -> tuple[AssessmentInputs, tuple[str, ...]]:
    """`inputs_from_row` for a row's column values (a field left out reads as None)."""
    data: dict[str, object] = {name: values.get(name) for name in ASSESSMENT_INPUT_FIELDS}
    data["age"] = age
    data["overrides"] = {
        key: item["value"] for key, item in (values.get("overrides") or {}).items()
        if isinstance(item, Mapping) and item.get("value") is not None
    }
    dropped: list[str] = []
    while True:
        try:
            return AssessmentInputs.from_mapping(data), tuple(dropped)
        except ValidationError as error:
            name = error.field
            if name is None or name in ("gender", "age") or name not in data:
                raise
            dropped.append(name)
            data[name] = {} if name == "overrides" else None


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


def staff_name(staff: StaffAccount | None) -> str:
    return (staff.display_name or staff.username) if staff is not None else ""


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
    recommendations = _recommendations_from(row.recommendations) or recommend(
        inputs, scores, height_cm=row.height_cm)
    return _view(row, client_name, trainer_name, inputs, scores, _risk_from_row(row),
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
