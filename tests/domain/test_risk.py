"""Injury-risk rules (docs/domain.md 2.15.2) on desktop-1 scores: each rule firing and not."""

from __future__ import annotations

import pytest

from the5hc_desktop.domain.risk import (
    RISK_ADVICE,
    RiskAssessment,
    RiskLevel,
    assess_risk,
    blend_questionnaire_risk,
    questionnaire_risk,
    risk_level_for,
)
from the5hc_desktop.domain.scoring import AssessmentInputs, score_assessment


def risk(**fields: object) -> RiskAssessment:
    inputs = AssessmentInputs.from_mapping({"gender": "M", "age": 30, **fields})
    return assess_risk(inputs, score_assessment(inputs))


def points(result: RiskAssessment) -> dict[str, float]:
    return {factor.code: factor.points for factor in result.factors}


ALL_FOUR = {  # strength 100, mobility 100, balance 100, cardio 100 → no imbalance
    "push_up_reps": 40,
    "toe_touch_cm": 10,
    "overhead_squat_score": 3,
    "step_test_pulse_1": 30,
    "step_test_pulse_2": 30,
    "step_test_pulse_3": 30,
}


def test_no_rule_firing_is_zero_and_low() -> None:
    result = risk(**ALL_FOUR)
    assert (result.score, result.level, result.factors, result.primary_concerns) == (
        0.0,
        RiskLevel.LOW,
        (),
        (),
    )


def test_rule_1_imbalance_needs_all_four_categories() -> None:
    three = risk(push_up_reps=40, toe_touch_cm=10, overhead_squat_score=0)
    assert "category_imbalance" not in points(three)
    # strength 100, mobility 100, balance 25 (OHS 0), cardio 100: avg 81.25, max dev 56.25
    four = risk(**{**ALL_FOUR, "overhead_squat_score": 0})
    assert points(four)["category_imbalance"] == pytest.approx(30.0)  # 34.6 capped at 30
    imbalance = next(f for f in four.factors if f.code == "category_imbalance")
    assert list(imbalance.details["categories"]) == ["balance"]  # type: ignore[call-overload]
    assert four.primary_concerns[0].text_ko == "심각한 균형 불균형 (69.2% 편차)"
    assert four.primary_concerns[0].text_en == "Severe balance imbalance (69.2% deviation)"


def test_rule_1_small_imbalance_adds_points_without_a_concern() -> None:
    # toe 4 + shoulder 2 → mobility 87.5; others 100: avg 96.875, dev 9.375 → 4.84 points
    result = risk(**{**ALL_FOUR, "shoulder_mobility_score": 2})
    assert points(result)["category_imbalance"] == pytest.approx(9.375 / 96.875 * 50)
    assert result.primary_concerns == ()


@pytest.mark.parametrize(
    ("right", "left", "expected"),
    [(20, 10, 20.0), (20, 14, None), (20, 13.9, 12.2), (None, 10, None), (0, 10, None)],
)
def test_rule_2a_eyes_open_asymmetry(
    right: float | None, left: float, expected: float | None
) -> None:
    result = risk(balance_right_open_s=right, balance_left_open_s=left)
    got = points(result).get("balance_asymmetry_eyes_open")
    assert got == (pytest.approx(expected) if expected is not None else None)


def test_rule_2b_eyes_closed_asymmetry_and_concern_only_for_eyes_open() -> None:
    result = risk(balance_right_closed_s=30, balance_left_closed_s=10)
    assert points(result)["balance_asymmetry_eyes_closed"] == pytest.approx(20.0)  # 66.7 × 0.4
    assert [c.code for c in result.primary_concerns] == []
    open_result = risk(balance_right_open_s=30, balance_left_open_s=15)
    assert [c.text_ko for c in open_result.primary_concerns] == ["균형 비대칭 (50.0%)"]


@pytest.mark.parametrize(
    ("left", "right", "expected", "level"),
    [(10, 12, None, None), (10, 12.5, 7.5, "moderate"), (10, 15, 15.0, "moderate"),
     (10, 15.5, 16.5, "high"), (0, 20, 20.0, "high"), (10, None, None, None)],
)  # fmt: skip
def test_rule_2c_shoulder_asymmetry(
    left: float, right: float | None, expected: float | None, level: str | None
) -> None:
    result = risk(shoulder_left_cm=left, shoulder_right_cm=right)
    factor = next((f for f in result.factors if f.code == "shoulder_asymmetry"), None)
    if expected is None:
        assert factor is None
    else:
        assert factor is not None
        assert factor.points == pytest.approx(expected)
        assert factor.details["level"] == level
        assert result.primary_concerns[0].code == "shoulder_asymmetry"


def test_shoulder_concern_text() -> None:
    result = risk(shoulder_left_cm=10, shoulder_right_cm=14)
    assert result.primary_concerns[0].text_ko == "어깨 가동성 비대칭 (4.0cm)"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"overhead_squat_score": 0}, 15),
        ({"overhead_squat_score": 1}, 10),
        ({"overhead_squat_score": 2}, None),
        ({"toe_touch_cm": -11}, 10),  # toe score 1
        ({"toe_touch_cm": -10}, None),  # toe score 2
        ({"shoulder_mobility_score": 1}, 10),
        ({"overhead_squat_score": 0, "shoulder_mobility_score": 1, "toe_touch_cm": -30}, 35),
    ],
)
def test_rule_3_poor_mobility(fields: dict[str, object], expected: float | None) -> None:
    result = risk(**fields)
    assert points(result).get("poor_mobility") == expected


def test_rule_3_concern_counts_tests() -> None:
    result = risk(overhead_squat_score=1, toe_touch_cm=-30)
    texts = [c.text_ko for c in result.primary_concerns]
    assert "2개 테스트에서 낮은 유연성" in texts


def test_rule_4a_poor_balance_category() -> None:
    low = risk(balance_right_closed_s=0, overhead_squat_score=2)  # (1 + 3)/2 × 25 = 50
    assert "poor_balance" not in points(low)
    lower = risk(balance_right_open_s=0, balance_right_closed_s=0, overhead_squat_score=1)
    # (1 + 2)/2 × 25 = 37.5 → 15 × 0.625
    assert points(lower)["poor_balance"] == pytest.approx(9.375)


@pytest.mark.parametrize(
    ("right", "left", "fires"),
    [(9.9, 40, True), (40, 9.9, True), (10, 10, False), (None, 5, True), (None, None, False)],
)
def test_rule_4b_static_balance_uses_measured_times_only(
    right: float | None, left: float | None, fires: bool
) -> None:
    result = risk(balance_right_open_s=right, balance_left_open_s=left)
    assert ("poor_static_balance" in points(result)) is fires


@pytest.mark.parametrize(
    ("flags", "expected"),
    [({}, None), ({"arm_drop": True}, None), ({"knee_valgus": True}, 4.0),
     ({"knee_valgus": True, "heel_lift": True}, 8.0),
     ({"knee_valgus": True, "heel_lift": True, "forward_lean": True}, 10.0)],
)  # fmt: skip
def test_rule_5a_compensations(flags: dict[str, bool], expected: float | None) -> None:
    assert points(risk(**flags)).get("movement_compensations") == expected


def test_rule_5a_concern_text() -> None:
    result = risk(knee_valgus=True, forward_lean=True)
    assert result.primary_concerns[0].text_ko == "움직임 보상 (오버헤드 스쿼트에서 2개 문제)"


def test_rule_5b_shoulder_pain() -> None:
    assert points(risk(shoulder_pain=True))["shoulder_pain"] == 10.0
    # pain also forces the shoulder score to 0, which rule 3 counts
    assert points(risk(shoulder_pain=True))["poor_mobility"] == 15
    assert "shoulder_pain" not in points(risk(shoulder_mobility_score=0))


def test_rule_6a_low_strength_and_6b_weak_push_up() -> None:
    weak = risk(push_up_reps=0, farmer_carry_time_s=0)  # strength 25
    assert points(weak)["low_strength"] == pytest.approx(3.75)
    assert points(weak)["weak_push_up"] == 5.0
    fair = risk(push_up_reps=17)  # score 2 → strength 50
    assert "low_strength" not in points(fair)
    assert "weak_push_up" not in points(fair)
    carry_only = risk(farmer_carry_time_s=0)  # strength 25, push-up not measured
    assert "weak_push_up" not in points(carry_only)
    assert "low_strength" in points(carry_only)


def test_rule_7_poor_cardio() -> None:
    poor = risk(step_test_pulse_1=100, step_test_pulse_2=90, step_test_pulse_3=80)
    assert points(poor)["poor_cardio"] == pytest.approx(3.75)
    fair = risk(step_test_pulse_1=50, step_test_pulse_2=45, step_test_pulse_3=40)  # cardio 50
    assert "poor_cardio" not in points(fair)


def test_score_capped_at_100_and_concerns_at_three() -> None:
    result = risk(
        overhead_squat_score=0,
        shoulder_pain=True,
        toe_touch_cm=-40,
        shoulder_left_cm=0,
        shoulder_right_cm=20,
        balance_right_open_s=2,
        balance_left_open_s=40,
        knee_valgus=True,
        heel_lift=True,
        forward_lean=True,
        push_up_reps=0,
    )
    assert sum(f.points for f in result.factors) > 100
    assert (result.score, result.level) == (100.0, RiskLevel.HIGH)
    assert [c.code for c in result.primary_concerns] == [
        "shoulder_asymmetry",
        "balance_asymmetry",
        "movement_compensations",
    ]


def test_score_is_rounded_half_up_to_one_decimal() -> None:
    # Case A of docs/domain.md 2.17 on desktop-1: 30 (imbalance) + 3.75 (cardio 25) = 33.75 → 33.8
    result = risk(
        age=25,
        push_up_reps=36,
        farmer_carry_time_s=45,
        toe_touch_cm=5,
        overhead_squat_score=3,
        shoulder_mobility_score=3,
        balance_right_open_s=30,
        balance_left_open_s=28,
        balance_right_closed_s=12,
        balance_left_closed_s=10,
        step_test_pulse_1=110,
        step_test_pulse_2=100,
        step_test_pulse_3=90,
    )
    assert result.score == 33.8
    assert result.level is RiskLevel.LOW_MODERATE


@pytest.mark.parametrize(
    ("score", "level", "ko"),
    [(0, "low", "낮음"), (19.9, "low", "낮음"), (20, "low-moderate", "낮음-보통"),
     (39.9, "low-moderate", "낮음-보통"), (40, "moderate", "보통"), (69.9, "moderate", "보통"),
     (70, "high", "높음"), (100, "high", "높음")],
)  # fmt: skip
def test_levels(score: float, level: str, ko: str) -> None:
    assert risk_level_for(score) == level
    assert risk_level_for(score).label.ko == ko


def test_every_level_has_advice() -> None:
    assert set(RISK_ADVICE) == set(RiskLevel)


def test_to_dict_is_json_safe() -> None:
    import json

    result = risk(shoulder_left_cm=10, shoulder_right_cm=16, knee_valgus=True)
    data = json.loads(json.dumps(result.to_dict()))
    assert (data["score"], data["level"]) == (22.0, "low-moderate")  # 18 + 4
    assert {f["code"] for f in data["factors"]} == {"shoulder_asymmetry", "movement_compensations"}
    assert data["primary_concerns"][0]["code"] == "shoulder_asymmetry"


def test_questionnaire_blend() -> None:
    assert questionnaire_risk([1.0, 1.0, 1.0]) == 30.0
    assert blend_questionnaire_risk(34.0, [1.0, 1.0, 1.0]) == 33.2  # docs/domain.md 2.15.4 example
    assert blend_questionnaire_risk(34.0, []) == 34.0
    assert blend_questionnaire_risk(34.0, [0.0, -1.0]) == 34.0  # no risk flagged
    assert questionnaire_risk([5.0, 2.0]) == 20.0  # each weight counts at most 1
    assert questionnaire_risk([1.0] * 15) == 100.0
    assert blend_questionnaire_risk(50.0, [0.5]) == 41.0
