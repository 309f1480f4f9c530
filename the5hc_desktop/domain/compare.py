"""Two assessments of one client side by side (earlier `a`, later `b`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .labels import Band, Label
from .scoring import AssessmentInputs, AssessmentScores, band_for
from .vocabulary import CATEGORY_KEYS, CATEGORY_LABELS, OVERALL_LABEL, TEST_KEYS, TEST_LABELS

Assessed = tuple[date, AssessmentInputs, AssessmentScores]


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _balance_raw(i: AssessmentInputs) -> float | None:
    return _mean(
        [
            i.balance_right_open_s,
            i.balance_left_open_s,
            i.balance_right_closed_s,
            i.balance_left_closed_s,
        ]
    )


def _shoulder_raw(i: AssessmentInputs) -> float | None:
    gaps = [g for g in (i.shoulder_left_cm, i.shoulder_right_cm) if g is not None]
    return max(gaps) if gaps else None


def _push_up_raw(i: AssessmentInputs) -> float | None:
    return None if i.push_up_reps is None else float(i.push_up_reps)


def _ohs_raw(i: AssessmentInputs) -> float | None:
    return None if i.overhead_squat_score is None else float(i.overhead_squat_score)


# The raw figure shown per test, its unit, and how it is read from the inputs.
_RAW: dict[str, tuple[Label, Callable[[AssessmentInputs], float | None]]] = {
    "push_up": (Label("회", "reps"), _push_up_raw),
    "farmer_carry": (Label("초", "s"), lambda i: i.farmer_carry_time_s),
    "toe_touch": (Label("cm", "cm"), lambda i: i.toe_touch_cm),
    "shoulder_mobility": (Label("cm (큰 쪽)", "cm (larger side)"), _shoulder_raw),
    "overhead_squat": (Label("점", "points"), _ohs_raw),
    "balance": (Label("초 (평균)", "s (mean)"), _balance_raw),
    "step_test": (Label("PFI", "PFI"), lambda i: None),  # filled from the scores' PFI
}


def _change(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else b - a


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    key: str
    label: Label
    unit: Label
    raw_a: float | None
    raw_b: float | None
    score_a: float | None
    score_b: float | None

    @property
    def score_change(self) -> float | None:
        return _change(self.score_a, self.score_b)

    @property
    def raw_change(self) -> float | None:
        """How the measurement itself moved: 10 → 20 push-ups is +10 within one band."""
        return _change(self.raw_a, self.raw_b)


@dataclass(frozen=True, slots=True)
class CategoryComparison:
    key: str
    label: Label
    a: float | None
    b: float | None
    change: float | None
    band_a: Band | None
    band_b: Band | None


@dataclass(frozen=True, slots=True)
class Comparison:
    days_between: int
    rows: tuple[ComparisonRow, ...]
    categories: tuple[CategoryComparison, ...]  # the four categories, then "overall"


def _raw(key: str, inputs: AssessmentInputs, scores: AssessmentScores) -> float | None:
    return scores.pfi if key == "step_test" else _RAW[key][1](inputs)


def compare_assessments(a: Assessed, b: Assessed) -> Comparison:
    """Test rows (raw value and score), category and overall rows with change and bands."""
    (date_a, inputs_a, scores_a), (date_b, inputs_b, scores_b) = a, b
    rows = tuple(
        ComparisonRow(
            key,
            TEST_LABELS[key],
            _RAW[key][0],
            _raw(key, inputs_a, scores_a),
            _raw(key, inputs_b, scores_b),
            scores_a.test(key),
            scores_b.test(key),
        )
        for key in TEST_KEYS
    )
    pairs = [
        (key, CATEGORY_LABELS[key], scores_a.category(key), scores_b.category(key))
        for key in CATEGORY_KEYS
    ]
    pairs.append(("overall", OVERALL_LABEL, scores_a.overall, scores_b.overall))
    categories = tuple(
        CategoryComparison(key, label, va, vb, _change(va, vb), band_for(va), band_for(vb))
        for key, label, va, vb in pairs
    )
    return Comparison((date_b - date_a).days, rows, categories)
