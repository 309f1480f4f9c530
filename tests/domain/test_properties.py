"""Property tests: scoring never fails on valid input and stays in range."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from the5hc_desktop.domain.recommendations import MAX_TIPS_PER_CATEGORY, recommend
from the5hc_desktop.domain.risk import RiskLevel, risk_level_for
from the5hc_desktop.domain.scoring import (
    TEST_KEYS,
    TEST_MAX,
    AssessmentInputs,
    fmt1,
    partial_categories,
    score_assessment,
)


def _real(lo: float, hi: float) -> st.SearchStrategy[float | None]:
    return st.none() | st.floats(min_value=lo, max_value=hi, allow_nan=False)


def _whole(lo: int, hi: int) -> st.SearchStrategy[int | None]:
    return st.none() | st.integers(min_value=lo, max_value=hi)


_TEST_SCORE = {
    key: (
        st.integers(min_value=0 if TEST_MAX[key] == 3 else 1, max_value=TEST_MAX[key])
        if key not in ("farmer_carry", "balance")
        else st.floats(min_value=1.0, max_value=4.0)
    )
    for key in TEST_KEYS
}

valid_inputs: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
    {
        "gender": st.sampled_from(["male", "female", "남성", "여성", "M", "f"]),
        "age": st.integers(min_value=1, max_value=150),
    },
    optional={
        "body_weight_kg": _real(1, 500),
        "push_up_reps": _whole(0, 1000),
        "push_up_type": st.sampled_from(["standard", "modified", "wall"]),
        "farmer_carry_weight_kg": _real(0, 500),
        "farmer_carry_distance_m": _real(0, 10_000),
        "farmer_carry_time_s": _real(0, 3600),
        "farmer_carry_percent": _real(0, 1000),
        "toe_touch_cm": _real(-100, 100),
        "shoulder_mobility_score": _whole(0, 3),
        "shoulder_pain": st.booleans(),
        "shoulder_left_cm": _real(0, 200),
        "shoulder_right_cm": _real(0, 200),
        "overhead_squat_score": _whole(0, 3),
        "knee_valgus": st.booleans(),
        "forward_lean": st.booleans(),
        "heel_lift": st.booleans(),
        "arm_drop": st.booleans(),
        "balance_right_open_s": _real(0, 300),
        "balance_left_open_s": _real(0, 300),
        "balance_right_closed_s": _real(0, 300),
        "balance_left_closed_s": _real(0, 300),
        "step_test_duration_s": _real(1, 300),
        "step_test_pulse_1": _whole(10, 150),
        "step_test_pulse_2": _whole(10, 150),
        "step_test_pulse_3": _whole(10, 150),
        "overrides": st.dictionaries(st.sampled_from(TEST_KEYS), st.just(0)).flatmap(
            lambda d: st.fixed_dictionaries({key: _TEST_SCORE[key] for key in d})
        ),
    },
)


@settings(max_examples=400, database=None)
@given(valid_inputs)
def test_scoring_never_raises_and_stays_in_range(data: dict[str, Any]) -> None:
    inputs = AssessmentInputs.from_mapping(data)
    scores = score_assessment(inputs)
    for key in TEST_KEYS:
        value = scores.test(key)
        low = 0 if TEST_MAX[key] == 3 else 1
        assert value is None or low <= value <= TEST_MAX[key]
    for value in (scores.strength, scores.mobility, scores.balance_category, scores.cardio):
        assert value is None or 25 <= value <= 100
    categories = [scores.strength, scores.mobility, scores.balance_category, scores.cardio]
    if all(value is None for value in categories):
        assert scores.overall is None
    else:
        assert scores.overall is not None
        measured = [v for v in categories if v is not None]
        assert min(measured) - 1e-9 <= scores.overall <= max(measured) + 1e-9
    assert scores.complete == all(scores.test(key) is not None for key in TEST_KEYS)
    assert 0 <= scores.risk_score <= 100
    assert scores.risk_score == round(scores.risk_score, 1)
    assert scores.risk_level is risk_level_for(scores.risk_score)
    assert isinstance(scores.risk_level, RiskLevel)
    assert partial_categories(scores) <= {"strength", "mobility", "balance", "cardio"}
    fmt1(scores.overall)
    tips = recommend(inputs, score_assessment(inputs), height_cm=170)
    assert all(len(t) <= MAX_TIPS_PER_CATEGORY for t in tips.by_category.values())
