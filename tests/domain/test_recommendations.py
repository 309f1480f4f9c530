"""Recommendation rules (docs/domain.md 3.3), programme tables and follow-up dates."""

from __future__ import annotations

import pytest

from the5hc_desktop.domain.recommendations import (
    MAX_TIPS_PER_CATEGORY,
    PROGRAMME,
    Recommendations,
    intensity_for_age,
    recommend,
    weekly_schedule,
)
from the5hc_desktop.domain.scoring import AssessmentInputs, score_assessment
from the5hc_desktop.domain.tips import TIPS

GOOD = {  # every category 100: only "keep it up" tips
    "push_up_reps": 40,
    "farmer_carry_weight_kg": 30,
    "farmer_carry_distance_m": 30,
    "farmer_carry_time_s": 60,
    "toe_touch_cm": 10,
    "shoulder_mobility_score": 3,
    "overhead_squat_score": 3,
    "balance_right_open_s": 60,
    "balance_left_open_s": 60,
    "balance_right_closed_s": 40,
    "balance_left_closed_s": 40,
    "step_test_pulse_1": 30,
    "step_test_pulse_2": 30,
    "step_test_pulse_3": 30,
}


def codes(age: int = 35, gender: str = "M", height_cm: float | None = None, **fields: object
          ) -> dict[str, list[str]]:  # fmt: skip
    inputs = AssessmentInputs.from_mapping({"gender": gender, "age": age, **fields})
    result = recommend(inputs, score_assessment(inputs), height_cm=height_cm)
    return {cat: [tip.code for tip in tips] for cat, tips in result.by_category.items()}


def test_categories_in_order_and_maintain_tips_when_all_good() -> None:
    result = codes(**GOOD)
    assert list(result) == ["strength", "mobility", "balance", "cardio", "risk"]
    assert result["strength"] == ["strength.maintain.level", "strength.maintain.full_body"]
    assert result["cardio"] == ["cardio.maintain.level", "cardio.maintain.variety"]
    assert result["risk"] == ["risk.advice.low", "risk.reassess.low"]


def test_nothing_measured_gives_no_tips() -> None:
    assert codes() == {"strength": [], "mobility": [], "balance": [], "cardio": [], "risk": []}


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (55, ["strength.push_up.older.incline", "strength.push_up.older.band"]),
        (16, ["strength.push_up.youth.form", "strength.push_up.youth.knee"]),
        (35, ["strength.push_up.progressive", "strength.push_up.accessory"]),
        (50, ["strength.push_up.progressive", "strength.push_up.accessory"]),  # older is > 50
    ],
)
def test_rule_1_push_up_by_age(age: int, expected: list[str]) -> None:
    got = codes(age=age, **{**GOOD, "push_up_reps": 0})
    assert got["strength"][:2] == expected


def test_rule_1_not_for_push_up_score_3() -> None:
    got = codes(**{**GOOD, "push_up_reps": 29})  # male 35: 24 → 3
    assert not any(code.startswith("strength.push_up") for code in got["strength"])


@pytest.mark.parametrize(
    ("weight", "distance", "fires"), [(19.9, 30, True), (30, 19.9, True), (20, 20, False)]
)
def test_rule_2_farmer_weight_or_distance(weight: float, distance: float, fires: bool) -> None:
    got = codes(**{**GOOD, "farmer_carry_weight_kg": weight, "farmer_carry_distance_m": distance})
    assert (got["strength"][:2] == ["strength.grip", "strength.core"]) is fires
    older = codes(age=60, **{**GOOD, "farmer_carry_weight_kg": 10})
    assert older["strength"][:2] == ["strength.grip.older", "strength.core.older"]


def test_rule_3_toe_touch_and_rule_4_shoulder_by_gender() -> None:
    got = codes(gender="F", **{**GOOD, "toe_touch_cm": -5, "shoulder_mobility_score": 2})
    assert got["mobility"][:4] == [
        "mobility.hamstring",
        "mobility.hip_hinge",
        "mobility.shoulder.foam_roll",
        "mobility.shoulder.rotation",
    ]
    man = codes(age=70, **{**GOOD, "toe_touch_cm": -5, "shoulder_mobility_score": 2})
    assert man["mobility"][:4] == [
        "mobility.hamstring.older",
        "mobility.hip.older",
        "mobility.shoulder.rotation_daily",
        "mobility.thoracic",
    ]


def test_rule_5_balance_with_weaker_leg_first() -> None:
    got = codes(**{**GOOD, "balance_right_open_s": 12, "balance_left_open_s": 40})
    assert got["balance"][:3] == [
        "balance.symmetry.right",
        "balance.single_leg",
        "balance.barefoot",
    ]
    left = codes(age=65, **{**GOOD, "balance_right_open_s": 40, "balance_left_open_s": 25})
    assert left["balance"][:3] == [
        "balance.symmetry.left",
        "balance.older.safe",
        "balance.older.tai_chi",
    ]
    close = codes(**{**GOOD, "balance_right_open_s": 25, "balance_left_open_s": 30})
    assert close["balance"][:2] == ["balance.single_leg", "balance.barefoot"]


def test_rule_6_compensation_boxes_first_two_only() -> None:
    got = codes(**{**GOOD, "overhead_squat_score": 2, "knee_valgus": True, "forward_lean": True,
                   "heel_lift": True})  # fmt: skip
    assert got["balance"][:2] == ["balance.ohs.knee_valgus", "balance.ohs.forward_lean"]
    assert "balance.ohs.heel_lift" not in got["balance"]
    heel = codes(**{**GOOD, "overhead_squat_score": 1, "heel_lift": True})
    assert heel["balance"][0] == "balance.ohs.heel_lift"
    none_ticked = codes(**{**GOOD, "overhead_squat_score": 2, "arm_drop": True})
    assert none_ticked["balance"][:2] == ["balance.ohs.mechanics", "balance.ohs.ankle_hip"]
    perfect = codes(**{**GOOD, "knee_valgus": True})  # OHS 3: rule 6 does not run
    assert not any(code.startswith("balance.ohs") for code in perfect["balance"])


@pytest.mark.parametrize(
    ("age", "pulses", "expected"),
    [
        (25, (50, 45, 40), ["cardio.hiit", "cardio.sport"]),  # score 2
        (40, (100, 90, 80), ["cardio.gradual", "cardio.intervals"]),  # score 1
        (60, (50, 45, 40), ["cardio.older.low_impact", "cardio.older.heart_rate"]),
        (40, (34, 33, 33), ["cardio.maintain.level", "cardio.maintain.variety"]),  # score 4
    ],
)
def test_rule_7_step_test_score_at_most_2(
    age: int, pulses: tuple[int, int, int], expected: list[str]
) -> None:
    p1, p2, p3 = pulses
    got = codes(age=age, step_test_pulse_1=p1, step_test_pulse_2=p2, step_test_pulse_3=p3)
    assert got["cardio"][:2] == expected


def test_bmi_rules_need_height() -> None:
    heavy = {**GOOD, "body_weight_kg": 90}
    assert "strength.bmi.compound" not in codes(**heavy)["strength"]
    with_height = codes(height_cm=175, **heavy)  # BMI 29.4
    assert with_height["strength"] == ["strength.bmi.compound"]
    assert with_height["cardio"] == ["cardio.bmi.longer"]
    light = codes(height_cm=180, **{**GOOD, "body_weight_kg": 55})  # BMI 17.0
    assert light["strength"] == ["strength.bmi.lean_mass"]


def test_category_below_60_adds_original_tips() -> None:
    got = codes(toe_touch_cm=-20, shoulder_mobility_score=3)  # mobility (1 + 4)/2 × 25 = 62.5
    assert "mobility.category.daily" not in got["mobility"]
    low = codes(toe_touch_cm=-20, shoulder_mobility_score=2)  # 50
    assert low["mobility"] == [
        "mobility.hamstring",
        "mobility.hip_hinge",
        "mobility.shoulder.rotation_daily",
        "mobility.thoracic",
        "mobility.category.daily",
    ]


def test_at_most_five_unique_tips_per_category() -> None:
    worst = codes(
        age=60,
        height_cm=160,
        body_weight_kg=90,
        push_up_reps=0,
        farmer_carry_weight_kg=5,
        farmer_carry_time_s=0,
        toe_touch_cm=-30,
        shoulder_mobility_score=0,
        overhead_squat_score=0,
        knee_valgus=True,
        balance_right_open_s=1,
        balance_left_open_s=20,
        step_test_pulse_1=100,
        step_test_pulse_2=90,
        step_test_pulse_3=80,
    )
    for category, tips in worst.items():
        assert len(tips) <= MAX_TIPS_PER_CATEGORY, category
        assert len(set(tips)) == len(tips)
    assert worst["risk"][0] == "risk.advice.high"


def test_every_tip_has_korean_and_english() -> None:
    for tip in TIPS.values():
        assert tip.text_ko
        assert tip.text_en
        assert any("\uac00" <= ch <= "\ud7a3" for ch in tip.text_ko), tip.code
        assert tip.text_ko != tip.text_en


def test_to_dict() -> None:
    inputs = AssessmentInputs(gender="M", age=30, push_up_reps=0)
    data = recommend(inputs, score_assessment(inputs)).to_dict()
    assert isinstance(data["by_category"], dict)
    first = data["by_category"]["strength"][0]
    assert set(first) == {"code", "text_ko", "text_en"}
    assert isinstance(recommend(inputs, score_assessment(inputs)), Recommendations)


def test_programme_has_three_phases() -> None:
    assert [phase.weeks_ko for phase in PROGRAMME] == ["1-4주차", "5-8주차", "9-12주차"]


@pytest.mark.parametrize(
    ("age", "experience", "group", "cardio"),
    [(61, None, "60세 초과", "60~70%"), (60, None, "51~60세", "65~75%"),
     (51, "advanced", "51~60세", "65~75%"), (17, None, "18세 미만", "인터벌"),
     (30, None, "일반 (18~50세)", "70~80%"), (50, "beginner", "초보자 (18~50세)", "60~70%"),
     (18, "advanced", "숙련자 (18~50세)", "75~85%")],
)  # fmt: skip
def test_intensity_by_age_then_experience(
    age: int, experience: str | None, group: str, cardio: str
) -> None:
    guidance = intensity_for_age(age, experience)
    assert guidance.group.ko == group
    assert cardio in guidance.cardio.ko


def test_weekly_schedule_variants() -> None:
    assert [d.day.ko for d in weekly_schedule(35, None)] == ["월요일", "화요일", "목요일", "금요일"]
    weak_cardio = score_assessment(
        AssessmentInputs(gender="M", age=35, push_up_reps=40, step_test_pulse_1=100,
                         step_test_pulse_2=90, step_test_pulse_3=80)
    )  # fmt: skip
    week = weekly_schedule(35, weak_cardio)
    assert [d.day.en for d in week][-1] == "Saturday"
    assert week[-1].text.ko == "유산소 집중 세션"
    older = weekly_schedule(65, weak_cardio)
    assert [(d.day.ko, d.text.ko) for d in older] == [
        ("월요일", "걷기"),
        ("수요일", "인터벌 걷기"),
        ("금요일", "가벼운 서킷 운동"),
    ]
    assert weekly_schedule(15, weak_cardio)[-1].text.en == "Mixed games and challenges"
    unmeasured = score_assessment(AssessmentInputs(gender="M", age=65))
    assert len(weekly_schedule(65, unmeasured)) == 4  # no scores: the default week
