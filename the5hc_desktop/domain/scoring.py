"""Assessment scoring, version desktop-1 (RULES §2).

Test scores are on their own scales (1–4, FMS 0–3, farmer's carry and balance real 1.0–4.0);
categories and overall are 0–100. Everything is stored unrounded; `fmt1` is for display.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from .assessment_inputs import DEFAULT_STEP_TEST_DURATION_S, AssessmentInputs
from .errors import ValidationError
from .labels import Band, Label
from .people import Gender
from .pushup_table import PUSH_UP_THRESHOLDS, push_up_age_band
from .risk import RiskAssessment, RiskLevel, assess_risk
from .vocabulary import (
    CATEGORY_KEYS,
    CATEGORY_LABELS,
    CATEGORY_TESTS,
    CATEGORY_WEIGHTS,
    FMS_TESTS,
    OVERALL_LABEL,
    TEST_KEYS,
    TEST_LABELS,
    TEST_MAX,
    OverheadSquatQuality,
    PushUpType,
)
from .words import BANDS, LEVEL_WORDS, band_for, fmt1, level_word, round1

__all__ = [
    "BANDS",
    "CATEGORY_KEYS",
    "CATEGORY_LABELS",
    "DEFAULT_STEP_TEST_DURATION_S",
    "LEVEL_WORDS",
    "OVERALL_LABEL",
    "SCORING_VERSION",
    "TEST_KEYS",
    "TEST_LABELS",
    "TEST_MAX",
    "AssessmentInputs",
    "AssessmentScores",
    "Band",
    "Label",
    "OverheadSquatQuality",
    "PushUpType",
    "balance_score",
    "band_for",
    "category_scores",
    "farmer_carry_score",
    "fms_normalise",
    "fmt1",
    "level_word",
    "overall_score",
    "partial_categories",
    "physical_fitness_index",
    "push_up_score",
    "round1",
    "score_assessment",
    "score_tests",
    "score_with_risk",
    "step_test_score",
    "suggest_overhead_squat",
    "suggest_shoulder_mobility",
    "toe_touch_score",
]

SCORING_VERSION = "desktop-1"

_FARMER_TIME_LEVELS: dict[Gender, tuple[float, float, float]] = {
    Gender.MALE: (60, 45, 30),
    Gender.FEMALE: (45, 30, 20),
}
_BALANCE_OPEN_LEVELS = (45.0, 30.0, 15.0)
_BALANCE_CLOSED_LEVELS = (30.0, 20.0, 10.0)
_PFI_LEVELS = (90.0, 80.0, 65.0)


def _level(value: float, thresholds: tuple[float, float, float]) -> int:
    """4/3/2/1 for value ≥ excellent / good / average / below."""
    excellent, good, average = thresholds
    if value >= excellent:
        return 4
    if value >= good:
        return 3
    if value >= average:
        return 2
    return 1


def push_up_score(gender: Gender, age: int, reps: int, kind: PushUpType) -> int:
    """1–4 from the push-up table for gender, age band and push-up type."""
    return _level(reps, PUSH_UP_THRESHOLDS[(gender, push_up_age_band(age), kind)])


def carry_percent(inputs: AssessmentInputs) -> float | None:
    """% of body weight carried: the entered figure, else weight ÷ body weight when known."""
    if inputs.farmer_carry_percent is not None:
        return inputs.farmer_carry_percent
    if inputs.farmer_carry_weight_kg is not None and inputs.body_weight_kg is not None:
        return 100 * inputs.farmer_carry_weight_kg / inputs.body_weight_kg
    return None


def farmer_carry_score(gender: Gender, time_s: float, percent: float | None) -> float:
    """Time level × body-weight factor, clamped to 1.0–4.0."""
    level = _level(time_s, _FARMER_TIME_LEVELS[gender])
    if percent is None or 50 <= percent <= 100:
        factor = 1.0
    elif percent < 50:
        factor = max(0.5, percent / 50)
    else:
        factor = min(1.2, 1 + (percent - 100) / 500)
    return min(4.0, max(1.0, level * factor))


def toe_touch_score(distance_cm: float) -> int:
    """+ past the toes; ≥ 5 → 4, ≥ 0 → 3, ≥ −10 → 2, else 1."""
    return _level(distance_cm, (5.0, 0.0, -10.0))


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def balance_score(open_times: list[float], closed_times: list[float]) -> float | None:
    """Single-leg balance 1.0–4.0 from the measured eyes-open and eyes-closed times."""
    open_mean, closed_mean = _mean(open_times), _mean(closed_times)
    open_level = None if open_mean is None else _level(open_mean, _BALANCE_OPEN_LEVELS)
    closed_level = None if closed_mean is None else _level(closed_mean, _BALANCE_CLOSED_LEVELS)
    if open_level is not None and closed_level is not None:
        # In tenths with integers: 0.4×3 + 0.6×2 in floats is 2.4000000000000004.
        return (4 * open_level + 6 * closed_level) / 10
    if open_level is not None:
        return float(open_level)
    if closed_level is not None:
        return float(closed_level)
    return None


def physical_fitness_index(duration_s: float, pulse_1: int, pulse_2: int, pulse_3: int) -> float:
    """Harvard PFI = 100 × duration ÷ (2 × sum of the three 30-second pulse counts)."""
    return 100 * duration_s / (2 * (pulse_1 + pulse_2 + pulse_3))


def step_test_score(pfi: float) -> int:
    """PFI ≥ 90 → 4, ≥ 80 → 3, ≥ 65 → 2, else 1."""
    return _level(pfi, _PFI_LEVELS)


def fms_normalise(value: float) -> float:
    """FMS 0–3 onto the 1–4 scale of the other tests (pain 0 → 1)."""
    return value + 1


def _pfi(inputs: AssessmentInputs) -> float | None:
    p1, p2, p3 = inputs.step_test_pulse_1, inputs.step_test_pulse_2, inputs.step_test_pulse_3
    if p1 is None or p2 is None or p3 is None:
        return None
    return physical_fitness_index(inputs.step_test_duration_s, p1, p2, p3)


def _computed_scores(inputs: AssessmentInputs) -> dict[str, float | None]:
    scores: dict[str, float | None] = dict.fromkeys(TEST_KEYS)
    if inputs.push_up_reps is not None:
        scores["push_up"] = float(
            push_up_score(inputs.gender, inputs.age, inputs.push_up_reps, inputs.push_up_type)
        )
    if inputs.farmer_carry_time_s is not None:
        scores["farmer_carry"] = farmer_carry_score(
            inputs.gender, inputs.farmer_carry_time_s, carry_percent(inputs)
        )
    if inputs.toe_touch_cm is not None:
        scores["toe_touch"] = float(toe_touch_score(inputs.toe_touch_cm))
    if inputs.shoulder_pain:
        scores["shoulder_mobility"] = 0.0  # pain on the clearing test scores lowest
    elif inputs.shoulder_mobility_score is not None:
        scores["shoulder_mobility"] = float(inputs.shoulder_mobility_score)
    if inputs.overhead_squat_score is not None:
        scores["overhead_squat"] = float(inputs.overhead_squat_score)
    open_times = [
        t for t in (inputs.balance_right_open_s, inputs.balance_left_open_s) if t is not None
    ]
    closed_times = [
        t for t in (inputs.balance_right_closed_s, inputs.balance_left_closed_s) if t is not None
    ]
    scores["balance"] = balance_score(open_times, closed_times)
    pfi = _pfi(inputs)
    if pfi is not None:
        scores["step_test"] = float(step_test_score(pfi))
    return scores


def score_tests(
    inputs: AssessmentInputs, *, apply_overrides: bool = True
) -> dict[str, float | None]:
    """The seven test scores keyed by TEST_KEYS. With `apply_overrides=False` the computed
    values, which the service stores next to an overriding one."""
    scores = _computed_scores(inputs)
    if apply_overrides:
        scores.update(inputs.overrides)
    return scores


def category_scores(tests: Mapping[str, float | None]) -> dict[str, float | None]:
    """0–100 per category from the components that were measured; None when none was."""
    result: dict[str, float | None] = {}
    for category, keys in CATEGORY_TESTS.items():
        parts = [
            fms_normalise(value) if key in FMS_TESTS else value
            for key in keys
            if (value := tests.get(key)) is not None
        ]
        mean = _mean(parts)
        result[category] = None if mean is None else mean * 25
    return result


def overall_score(categories: Mapping[str, float | None]) -> float | None:
    """Weighted mean over the measured categories (weights 0.30/0.25/0.25/0.20)."""
    measured = [
        (CATEGORY_WEIGHTS[key], value)
        for key in CATEGORY_KEYS
        if (value := categories.get(key)) is not None
    ]
    if not measured:
        return None
    return sum(w * v for w, v in measured) / sum(w for w, _ in measured)


@dataclass(frozen=True, slots=True)
class AssessmentScores:
    """Scores of one assessment; None = not measured."""

    push_up: float | None
    farmer_carry: float | None
    toe_touch: float | None
    shoulder_mobility: float | None
    overhead_squat: float | None
    balance: float | None
    step_test: float | None
    pfi: float | None
    strength: float | None
    mobility: float | None
    balance_category: float | None
    cardio: float | None
    overall: float | None
    complete: bool
    risk_score: float
    risk_level: RiskLevel

    def test(self, key: str) -> float | None:
        """A test score by TEST_KEYS key."""
        if key not in TEST_KEYS:
            raise KeyError(key)
        value: float | None = getattr(self, key)
        return value

    def category(self, key: str) -> float | None:
        """A category score by CATEGORY_KEYS key ("balance" is `balance_category`)."""
        if key not in CATEGORY_KEYS:
            raise KeyError(key)
        value: float | None = getattr(self, "balance_category" if key == "balance" else key)
        return value

    def to_dict(self) -> dict[str, float | bool | str | None]:
        """Plain JSON-safe values under the attribute names (risk_level as its string)."""
        data: dict[str, float | bool | str | None] = {
            name: getattr(self, name) for name in _SCORE_FIELDS
        }
        data["risk_level"] = str(self.risk_level)
        return data


# Field names in order (dataclasses.fields() costs more than the dict it feeds).
_SCORE_FIELDS = tuple(f.name for f in dataclasses.fields(AssessmentScores))


def score_assessment(inputs: AssessmentInputs) -> AssessmentScores:
    """Test scores (with overrides), categories, overall and injury risk."""
    return score_with_risk(inputs)[0]


def score_with_risk(inputs: AssessmentInputs) -> tuple[AssessmentScores, RiskAssessment]:
    """`score_assessment` and the injury risk it took its risk figures from: what
    `assess_risk(inputs, score_assessment(inputs))` gives, without running the rules twice."""
    tests = score_tests(inputs)
    categories = category_scores(tests)
    scores = AssessmentScores(
        push_up=tests["push_up"],
        farmer_carry=tests["farmer_carry"],
        toe_touch=tests["toe_touch"],
        shoulder_mobility=tests["shoulder_mobility"],
        overhead_squat=tests["overhead_squat"],
        balance=tests["balance"],
        step_test=tests["step_test"],
        pfi=_pfi(inputs),
        strength=categories["strength"],
        mobility=categories["mobility"],
        balance_category=categories["balance"],
        cardio=categories["cardio"],
        overall=overall_score(categories),
        complete=all(value is not None for value in tests.values()),
        risk_score=0.0,
        risk_level=RiskLevel.LOW,
    )
    risk = assess_risk(inputs, scores)  # reads test and category scores only
    # Frozen: the risk figures are written once, here, before anyone else sees the object.
    object.__setattr__(scores, "risk_score", risk.score)
    object.__setattr__(scores, "risk_level", risk.level)
    return scores, risk


def partial_categories(source: AssessmentScores | AssessmentInputs) -> frozenset[str]:
    """Categories measured only in part (일부 측정): some but not all components present."""
    scores = score_assessment(source) if isinstance(source, AssessmentInputs) else source
    return frozenset(
        category
        for category, keys in CATEGORY_TESTS.items()
        if 0 < sum(scores.test(key) is not None for key in keys) < len(keys)
    )


# --- suggestions for the wizard (the trainer confirms) -----------------------------------


def suggest_overhead_squat(
    quality: OverheadSquatQuality | str | None,
    knee_valgus: bool = False,
    forward_lean: bool = False,
    heel_lift: bool = False,
    arm_drop: bool = False,
) -> int | None:
    """pain → 0; cannot squat → 1; compensations or any box ticked → 2; perfect → 3."""
    try:
        kind = OverheadSquatQuality(quality) if quality else None
    except ValueError:
        raise ValidationError(
            "오버헤드 스쿼트 수행 품질 값이 올바르지 않습니다.",
            "Unknown overhead squat quality.",
            field="quality",
        ) from None
    if kind is OverheadSquatQuality.PAIN:
        return 0
    if kind is OverheadSquatQuality.CANNOT_SQUAT:
        return 1
    if kind is OverheadSquatQuality.COMPENSATIONS or any(
        (knee_valgus, forward_lean, heel_lift, arm_drop)
    ):
        return 2
    if kind is OverheadSquatQuality.PERFECT:
        return 3
    return None


def suggest_shoulder_mobility(
    pain: bool, left_cm: float | None, right_cm: float | None, fist_cm: float
) -> int | None:
    """pain → 0; else the larger hand gap in fists: ≤ 1 → 3, ≤ 1.5 → 2, beyond → 1."""
    if pain:
        return 0
    gaps = [gap for gap in (left_cm, right_cm) if gap is not None]
    if not gaps:
        return None
    if not fist_cm > 0:
        raise ValidationError(
            "주먹 크기(cm)는 0보다 커야 합니다.",
            "The fist size (cm) must be more than 0.",
            field="fist_cm",
        )
    fists = max(gaps) / fist_cm
    if fists <= 1:
        return 3
    if fists <= 1.5:
        return 2
    return 1
