"""A stored assessment's snapshot read back as domain values: scores, risk, tips, inputs.

Stored scores are never recomputed here. `row` is anything with the `assessments` columns as
attributes: a mapped `Assessment`, or the plain row the report command reads without
SQLAlchemy (store/report_rows.py), which is why nothing here imports the models.
services/assessment_views.py re-exports what its callers take from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from the5hc_desktop.domain.assessment_inputs import MEASUREMENT_FIELDS
from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.recommendations import Recommendations, Tip, tip_for
from the5hc_desktop.domain.risk import (
    Concern,
    RiskAssessment,
    RiskFactor,
    RiskLevel,
    concern_of,
    risk_level_for,
)
from the5hc_desktop.domain.scoring import AssessmentInputs, AssessmentScores

# store.models.ASSESSMENT_INPUT_FIELDS (a test keeps them equal).
INPUT_FIELDS: tuple[str, ...] = ("gender", *MEASUREMENT_FIELDS)


class StaffNames(Protocol):
    display_name: str
    username: str


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


def risk_from_row(row: Any) -> RiskAssessment | None:
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


def recommendations_from(data: Any) -> Recommendations | None:
    by = data.get("by_category") if isinstance(data, Mapping) else None
    if not isinstance(by, Mapping):
        return None
    return Recommendations({
        str(category): tuple(tip for tip in map(_stored_tip, tips) if tip is not None)
        for category, tips in by.items() if isinstance(tips, list)
    })


def scores_from_row(row: Any) -> AssessmentScores:
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



def inputs_from_values(
    values: Mapping[str, Any], age: int
) -> tuple[AssessmentInputs, tuple[str, ...]]:
    """`inputs_from_row` for a row's column values (a field left out reads as None)."""
    data: dict[str, object] = {name: values.get(name) for name in INPUT_FIELDS}
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



def staff_name(staff: StaffNames | None) -> str:
    return (staff.display_name or staff.username) if staff is not None else ""
