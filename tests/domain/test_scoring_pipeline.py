"""score_assessment: categories from measured parts, re-weighted overall, overrides, words."""

from __future__ import annotations

import pytest

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.risk import RiskLevel
from the5hc_desktop.domain.scoring import (
    SCORING_VERSION,
    TEST_KEYS,
    TEST_MAX,
    AssessmentInputs,
    AssessmentScores,
    OverheadSquatQuality,
    band_for,
    fms_normalise,
    fmt1,
    level_word,
    partial_categories,
    round1,
    score_assessment,
    score_tests,
    suggest_overhead_squat,
    suggest_shoulder_mobility,
)

CASE_A = {
    "gender": "male",
    "age": 25,
    "push_up_reps": 36,
    "farmer_carry_weight_kg": 20,
    "farmer_carry_distance_m": 20,
    "farmer_carry_time_s": 45,
    "toe_touch_cm": 5.0,
    "overhead_squat_score": 3,
    "shoulder_mobility_score": 3,
    "balance_right_open_s": 30,
    "balance_left_open_s": 28,
    "balance_right_closed_s": 12,
    "balance_left_closed_s": 10,
    "step_test_pulse_1": 110,
    "step_test_pulse_2": 100,
    "step_test_pulse_3": 90,
}


def test_worked_case_a_on_desktop_1() -> None:
    scores = score_assessment(AssessmentInputs.from_mapping(CASE_A))
    assert SCORING_VERSION == "desktop-1"
    assert (scores.push_up, scores.farmer_carry, scores.toe_touch) == (4, 3.0, 4)
    assert (scores.balance, scores.pfi, scores.step_test) == (2.0, 30.0, 1)
    # cardio is step score × 25 (not × 20 as in the Original)
    assert (scores.strength, scores.mobility, scores.balance_category, scores.cardio) == (
        87.5,
        100.0,
        75.0,
        25.0,
    )
    assert scores.overall == pytest.approx(75.0)
    assert scores.complete is True
    assert scores.risk_score == 33.8
    assert scores.risk_level is RiskLevel.LOW_MODERATE


def test_nothing_measured_gives_none_everywhere_and_low_risk() -> None:
    scores = score_assessment(AssessmentInputs(gender="female", age=40))
    for key in (*TEST_KEYS, "pfi", "strength", "mobility", "balance_category", "cardio"):
        assert getattr(scores, key) is None, key
    assert scores.overall is None
    assert scores.complete is False
    assert (scores.risk_score, scores.risk_level) == (0.0, RiskLevel.LOW)


@pytest.mark.parametrize(
    ("inputs", "category", "expected"),
    [
        ({"push_up_reps": 36}, "strength", 100.0),
        ({"farmer_carry_time_s": 30}, "strength", 50.0),
        ({"toe_touch_cm": -20}, "mobility", 25.0),
        ({"shoulder_mobility_score": 2}, "mobility", 75.0),
        ({"overhead_squat_score": 1}, "balance_category", 50.0),
        ({"balance_right_closed_s": 30}, "balance_category", 100.0),
        (
            {"step_test_pulse_1": 30, "step_test_pulse_2": 30, "step_test_pulse_3": 30},
            "cardio",
            100.0,
        ),
    ],
)
def test_category_from_a_single_component(
    inputs: dict[str, object], category: str, expected: float
) -> None:
    scores = score_assessment(AssessmentInputs.from_mapping({"gender": "M", "age": 25, **inputs}))
    assert getattr(scores, category) == expected
    others = {"strength", "mobility", "balance_category", "cardio"} - {category}
    assert all(getattr(scores, other) is None for other in others)
    # overall over one measured category is that category
    assert scores.overall == pytest.approx(expected)


def test_overall_reweights_over_measured_categories() -> None:
    scores = score_assessment(
        AssessmentInputs(gender="M", age=25, push_up_reps=36, overhead_squat_score=1)
    )
    assert (scores.strength, scores.balance_category) == (100.0, 50.0)
    assert scores.overall == pytest.approx((0.30 * 100 + 0.25 * 50) / (0.30 + 0.25))
    cardio_and_mobility = score_assessment(
        AssessmentInputs(
            gender="M",
            age=25,
            toe_touch_cm=10,
            step_test_pulse_1=60,
            step_test_pulse_2=60,
            step_test_pulse_3=60,
        )
    )
    assert cardio_and_mobility.overall == pytest.approx((0.25 * 100 + 0.20 * 25) / 0.45)


def test_shoulder_pain_forces_zero_and_counts_lowest() -> None:
    scores = score_assessment(
        AssessmentInputs(
            gender="M", age=30, shoulder_mobility_score=3, shoulder_pain=True, toe_touch_cm=5
        )
    )
    assert scores.shoulder_mobility == 0
    assert scores.mobility == (4 + fms_normalise(0)) / 2 * 25 == 62.5
    pain_only = score_assessment(AssessmentInputs(gender="M", age=30, shoulder_pain=True))
    assert pain_only.shoulder_mobility == 0  # pain on the clearing test is a result


def test_fms_zero_scores_lowest_not_like_one() -> None:
    zero = score_assessment(AssessmentInputs(gender="M", age=30, overhead_squat_score=0))
    one = score_assessment(AssessmentInputs(gender="M", age=30, overhead_squat_score=1))
    assert (zero.balance_category, one.balance_category) == (25.0, 50.0)


def test_step_test_uses_the_real_duration() -> None:
    pulses = {"step_test_pulse_1": 50, "step_test_pulse_2": 45, "step_test_pulse_3": 40}
    full = score_assessment(AssessmentInputs(gender="M", age=30, **pulses))
    short = score_assessment(
        AssessmentInputs(gender="M", age=30, step_test_duration_s=120, **pulses)
    )
    assert full.pfi == pytest.approx(100 * 180 / (2 * 135))  # 66.7 → 2
    assert short.pfi == pytest.approx(100 * 120 / (2 * 135))  # 44.4 → 1
    assert (full.step_test, short.step_test) == (2, 1)
    assert (full.cardio, short.cardio) == (50.0, 25.0)


def test_step_test_needs_all_three_pulses() -> None:
    scores = score_assessment(
        AssessmentInputs(gender="M", age=30, step_test_pulse_1=50, step_test_pulse_2=45)
    )
    assert (scores.pfi, scores.step_test, scores.cardio) == (None, None, None)


def test_override_replaces_computed_score_before_categories() -> None:
    inputs = AssessmentInputs(
        gender="M", age=25, push_up_reps=36, farmer_carry_time_s=60, overrides={"push_up": 2}
    )
    scores = score_assessment(inputs)
    assert scores.push_up == 2
    assert scores.strength == (2 + 4) / 2 * 25
    computed = score_tests(inputs, apply_overrides=False)
    assert computed["push_up"] == 4
    assert score_tests(inputs)["push_up"] == 2


def test_override_supplies_a_score_for_an_unmeasured_test() -> None:
    scores = score_assessment(
        AssessmentInputs(gender="F", age=50, overrides={"balance": 3.4, "step_test": 3})
    )
    assert (scores.balance, scores.balance_category) == (3.4, 3.4 * 25)
    assert (scores.step_test, scores.cardio, scores.pfi) == (3, 75.0, None)


@pytest.mark.parametrize(
    ("key", "value"),
    [("push_up", 0), ("push_up", 5), ("push_up", 2.5), ("overhead_squat", 4), ("balance", 0.9),
     ("shoulder_mobility", -1), ("farmer_carry", 4.01), ("nonsense", 2)],
)  # fmt: skip
def test_override_out_of_range_is_refused(key: str, value: float) -> None:
    with pytest.raises(ValidationError) as caught:
        AssessmentInputs(gender="M", age=30, overrides={key: value})
    assert caught.value.field == "overrides"


def test_overrides_accept_the_whole_range_of_each_test() -> None:
    for key in TEST_KEYS:
        low = 0 if TEST_MAX[key] == 3 else 1
        for value in (low, TEST_MAX[key]):
            scores = score_assessment(AssessmentInputs(gender="M", age=30, overrides={key: value}))
            assert scores.test(key) == value


def test_complete_needs_all_seven_tests() -> None:
    without_toe = {k: v for k, v in CASE_A.items() if k != "toe_touch_cm"}
    scores = score_assessment(AssessmentInputs.from_mapping(without_toe))
    assert scores.complete is False
    assert partial_categories(scores) == {"mobility"}
    assert partial_categories(AssessmentInputs.from_mapping(CASE_A)) == frozenset()


def test_partial_categories_excludes_unmeasured_ones() -> None:
    inputs = AssessmentInputs(gender="M", age=30, push_up_reps=10, toe_touch_cm=1,
                              shoulder_mobility_score=2)  # fmt: skip
    assert partial_categories(inputs) == {"strength"}


def test_to_dict_has_the_contract_keys_and_plain_values() -> None:
    data = score_assessment(AssessmentInputs.from_mapping(CASE_A)).to_dict()
    assert list(data) == [
        "push_up", "farmer_carry", "toe_touch", "shoulder_mobility", "overhead_squat",
        "balance", "step_test", "pfi", "strength", "mobility", "balance_category", "cardio",
        "overall", "complete", "risk_score", "risk_level",
    ]  # fmt: skip
    assert data["risk_level"] == "low-moderate"
    assert type(data["risk_level"]) is str


def test_scores_are_stored_unrounded() -> None:
    scores = score_assessment(
        AssessmentInputs(gender="M", age=30, step_test_pulse_1=50, step_test_pulse_2=45,
                         step_test_pulse_3=40)
    )  # fmt: skip
    assert scores.pfi == 100 * 180 / 270
    assert fmt1(scores.pfi) == "66.7"


def test_from_mapping_ignores_none_and_refuses_unknown_keys() -> None:
    inputs = AssessmentInputs.from_mapping(
        {"gender": "F", "age": 30, "push_up_reps": None, "step_test_duration_s": None}
    )
    assert inputs.push_up_reps is None
    assert inputs.step_test_duration_s == 180
    with pytest.raises(ValidationError) as caught:
        AssessmentInputs.from_mapping({"gender": "F", "age": 30, "pushup_reps": 3})
    assert caught.value.field == "pushup_reps"
    with pytest.raises(ValidationError) as missing:
        AssessmentInputs.from_mapping({"gender": "F"})
    assert missing.value.field == "age"


@pytest.mark.parametrize("spelling", ["남성", "M", "m", "male", "MALE", "Male", " 남성 "])
def test_gender_spellings_at_the_boundary(spelling: str) -> None:
    assert AssessmentInputs(gender=spelling, age=30).gender == "male"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("score", "word"),
    [(None, None), (100, "매우 우수"), (90, "매우 우수"), (89.99, "우수"), (80, "우수"),
     (79.9, "양호"), (70, "양호"), (69.9, "보통"), (60, "보통"), (59.9, "개선 필요"),
     (25, "개선 필요")],
)  # fmt: skip
def test_bands(score: float | None, word: str | None) -> None:
    band = band_for(score)
    assert (band.ko if band else None) == word


@pytest.mark.parametrize(
    ("score", "ko", "en"),
    [(4, "우수", "Excellent"), (3.6, "양호", "Good"), (3, "양호", "Good"), (2.2, "평균", "Average"),
     (1.8, "개선 필요", "Needs improvement"), (1, "개선 필요", "Needs improvement"),
     (0, "통증", "Pain")],
)  # fmt: skip
def test_level_words_use_the_floor(score: float, ko: str, en: str) -> None:
    word = level_word(score)
    assert (word.ko, word.en, word.text("en")) == (ko, en, en)


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (2.45, "2.5"), (0.05, "0.1"), (54.625, "54.6"), (33.75, "33.8"), (87.5, "87.5"),
     (66.66666666666667, "66.7"), (2.4000000000000004, "2.4"), (-0.04, "0.0"), (100, "100.0")],
)  # fmt: skip
def test_fmt1_is_half_up_one_decimal(value: float | None, text: str) -> None:
    assert fmt1(value) == text


def test_round1_is_half_up_unlike_round() -> None:
    assert round(0.25, 1) == 0.2  # Python's banker's rounding on the binary value
    assert round1(0.25) == 0.3
    assert round1(2.675) == 2.7


@pytest.mark.parametrize(
    ("quality", "boxes", "expected"),
    [
        ("pain", {}, 0),
        (OverheadSquatQuality.PAIN, {"knee_valgus": True}, 0),
        ("cannot_squat", {"heel_lift": True}, 1),
        ("compensations", {}, 2),
        (None, {"arm_drop": True}, 2),
        ("perfect", {"forward_lean": True}, 2),  # a ticked box outweighs "perfect"
        ("perfect", {}, 3),
        (None, {}, None),
    ],
)
def test_overhead_squat_suggestion(
    quality: str | None, boxes: dict[str, bool], expected: int | None
) -> None:
    assert suggest_overhead_squat(quality, **boxes) == expected


def test_overhead_squat_suggestion_refuses_unknown_quality() -> None:
    with pytest.raises(ValidationError) as caught:
        suggest_overhead_squat("great")
    assert caught.value.field == "quality"


@pytest.mark.parametrize(
    ("pain", "left", "right", "expected"),
    [(True, 5, 5, 0), (False, None, None, None), (False, 10, 8, 3), (False, 10.1, 3, 2),
     (False, None, 15, 2), (False, 15.1, None, 1), (False, 30, 40, 1)],
)  # fmt: skip
def test_shoulder_suggestion_in_fists(
    pain: bool, left: float | None, right: float | None, expected: int | None
) -> None:
    assert suggest_shoulder_mobility(pain, left, right, fist_cm=10) == expected


def test_shoulder_suggestion_needs_a_fist_size() -> None:
    with pytest.raises(ValidationError) as caught:
        suggest_shoulder_mobility(False, 10, 10, fist_cm=0)
    assert caught.value.field == "fist_cm"


def test_scores_accessors_by_key() -> None:
    scores = score_assessment(AssessmentInputs.from_mapping(CASE_A))
    assert isinstance(scores, AssessmentScores)
    assert scores.category("balance") == scores.balance_category == 75.0
    assert scores.test("step_test") == 1
    with pytest.raises(KeyError):
        scores.category("overall")
