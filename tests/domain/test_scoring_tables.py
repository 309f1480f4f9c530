"""Every threshold of every test, checked on both sides of the boundary."""

from __future__ import annotations

import pytest

from the5hc_desktop.domain.people import Gender
from the5hc_desktop.domain.scoring import (
    AssessmentInputs,
    PushUpType,
    balance_score,
    farmer_carry_score,
    physical_fitness_index,
    push_up_score,
    score_assessment,
    step_test_score,
    toe_touch_score,
)

M, F = Gender.MALE, Gender.FEMALE
S, K, W = PushUpType.STANDARD, PushUpType.MODIFIED, PushUpType.WALL

# docs/domain.md 2.3, copied independently of the code: excellent / good / average per age band.
EXPECTED_PUSH_UP = {
    (M, S): [(36, 29, 22), (30, 24, 17), (25, 20, 13), (21, 16, 10), (18, 12, 8)],
    (F, S): [(30, 21, 15), (27, 20, 13), (24, 15, 11), (21, 13, 9), (17, 12, 8)],
    (M, K): [(25, 20, 15), (21, 17, 12), (18, 14, 9), (15, 11, 7), (13, 8, 6)],
    (F, K): [(21, 15, 10), (19, 14, 9), (17, 10, 8), (15, 9, 6), (12, 8, 6)],
    (M, W): [(14, 12, 9), (12, 10, 7), (10, 8, 5), (8, 6, 4), (7, 5, 3)],
    (F, W): [(12, 8, 6), (11, 8, 5), (10, 6, 4), (8, 5, 4), (7, 5, 3)],
}
# Ages at both edges of every band; under-18s use the youngest band.
BAND_AGES = [(1, 10, 17, 18, 29), (30, 39), (40, 49), (50, 59), (60, 61, 90, 150)]

PUSH_UP_CASES = [
    pytest.param(gender, kind, age, cells, id=f"{gender}-{kind}-{age}")
    for (gender, kind), rows in EXPECTED_PUSH_UP.items()
    for cells, ages in zip(rows, BAND_AGES, strict=True)
    for age in ages
]


@pytest.mark.parametrize(("gender", "kind", "age", "cells"), PUSH_UP_CASES)
def test_push_up_thresholds_both_sides(
    gender: Gender, kind: PushUpType, age: int, cells: tuple[int, int, int]
) -> None:
    excellent, good, average = cells
    assert push_up_score(gender, age, excellent, kind) == 4
    assert push_up_score(gender, age, excellent - 1, kind) == 3
    assert push_up_score(gender, age, good, kind) == 3
    assert push_up_score(gender, age, good - 1, kind) == 2
    assert push_up_score(gender, age, average, kind) == 2
    assert push_up_score(gender, age, average - 1, kind) == 1
    assert push_up_score(gender, age, 0, kind) == 1


def test_push_up_through_the_pipeline_uses_gender_age_and_type() -> None:
    # 14 wall push-ups: a 4 for a 17-year-old man (no scaled-down score under 18, G12).
    teen = score_assessment(
        AssessmentInputs(gender="M", age=17, push_up_reps=14, push_up_type="wall")
    )
    assert teen.push_up == 4
    woman = score_assessment(AssessmentInputs(gender="여성", age=45, push_up_reps=24))
    man = score_assessment(AssessmentInputs(gender="남성", age=45, push_up_reps=24))
    assert (woman.push_up, man.push_up) == (4, 3)


@pytest.mark.parametrize(("gender", "levels"), [(M, (60.0, 45.0, 30.0)), (F, (45.0, 30.0, 20.0))])
def test_farmer_time_levels_both_sides(gender: Gender, levels: tuple[float, ...]) -> None:
    excellent, good, average = levels
    assert farmer_carry_score(gender, excellent, None) == 4.0
    assert farmer_carry_score(gender, excellent - 0.1, None) == 3.0
    assert farmer_carry_score(gender, good, None) == 3.0
    assert farmer_carry_score(gender, good - 0.1, None) == 2.0
    assert farmer_carry_score(gender, average, None) == 2.0
    assert farmer_carry_score(gender, average - 0.1, None) == 1.0


@pytest.mark.parametrize(
    ("time_s", "percent", "expected"),
    [
        (60, 40, 3.2),  # docs/domain.md 2.9 examples
        (45, 30, 1.8),
        (60, 25, 2.0),
        (45, 150, 3.3),
        (60, 150, 4.0),  # 4.4 clamped
        (60, 50, 4.0),  # 50 % is the start of the neutral range
        (60, 49, 3.92),
        (60, 100, 4.0),
        (45, 100, 3.0),  # 100 % is still neutral
        (45, 101, 3.006),
        (45, 200, 3.6),  # factor capped at 1.2
        (45, 300, 3.6),
        (30, 10, 1.0),  # factor floor 0.5 gives 1.0 from level 2
        (20, 10, 1.0),  # 1 × 0.5 clamped up to 1.0
        (45, None, 3.0),
    ],
)
def test_farmer_body_weight_factor(time_s: float, percent: float | None, expected: float) -> None:
    assert farmer_carry_score(M, time_s, percent) == pytest.approx(expected)


def test_farmer_percent_from_weights_and_entered_percent_wins() -> None:
    from_weights = AssessmentInputs(
        gender="male", age=30, body_weight_kg=80, farmer_carry_weight_kg=32, farmer_carry_time_s=60
    )
    assert score_assessment(from_weights).farmer_carry == pytest.approx(3.2)  # 40 %
    entered = AssessmentInputs(
        gender="male",
        age=30,
        body_weight_kg=80,
        farmer_carry_weight_kg=32,
        farmer_carry_percent=75,
        farmer_carry_time_s=60,
    )
    assert score_assessment(entered).farmer_carry == 4.0
    no_body_weight = AssessmentInputs(
        gender="male", age=30, farmer_carry_weight_kg=32, farmer_carry_time_s=60
    )
    assert score_assessment(no_body_weight).farmer_carry == 4.0  # no p → factor 1


@pytest.mark.parametrize(
    ("cm", "expected"),
    [(20, 4), (5, 4), (4.9, 3), (0, 3), (-0.1, 2), (-10, 2), (-10.1, 1), (-40, 1)],
)
def test_toe_touch_thresholds(cm: float, expected: int) -> None:
    assert toe_touch_score(cm) == expected


@pytest.mark.parametrize(
    ("seconds", "level"), [(45, 4), (44.9, 3), (30, 3), (29.9, 2), (15, 2), (14.9, 1), (0, 1)]
)
def test_balance_eyes_open_levels(seconds: float, level: int) -> None:
    assert balance_score([seconds, seconds], []) == level


@pytest.mark.parametrize(
    ("seconds", "level"), [(30, 4), (29.9, 3), (20, 3), (19.9, 2), (10, 2), (9.9, 1), (0, 1)]
)
def test_balance_eyes_closed_levels(seconds: float, level: int) -> None:
    assert balance_score([], [seconds, seconds]) == level


def test_balance_combined_table_is_exact_in_tenths() -> None:
    open_times = {1: 0.0, 2: 15.0, 3: 30.0, 4: 45.0}
    closed_times = {1: 0.0, 2: 10.0, 3: 20.0, 4: 30.0}
    table = {
        (1, 1): 1.0, (2, 1): 1.4, (3, 1): 1.8, (4, 1): 2.2,
        (1, 2): 1.6, (2, 2): 2.0, (3, 2): 2.4, (4, 2): 2.8,
        (1, 3): 2.2, (2, 3): 2.6, (3, 3): 3.0, (4, 3): 3.4,
        (1, 4): 2.8, (2, 4): 3.2, (3, 4): 3.6, (4, 4): 4.0,
    }  # fmt: skip
    for (open_level, closed_level), expected in table.items():
        got = balance_score([open_times[open_level]], [closed_times[closed_level]])
        assert got == expected  # exact: no 2.4000000000000004


def test_balance_uses_the_mean_of_the_times_present() -> None:
    # mean(50, 10) = 30 → open level 3; a single missing time is simply left out.
    assert balance_score([50, 10], []) == 3
    scores = score_assessment(
        AssessmentInputs(gender="F", age=40, balance_right_open_s=50, balance_left_closed_s=20)
    )
    assert scores.balance == pytest.approx((4 * 4 + 6 * 3) / 10)


@pytest.mark.parametrize(
    ("duration", "pfi", "score"),
    [
        (180, 90.0, 4),
        (179, 89.5, 3),
        (160, 80.0, 3),
        (159, 79.5, 2),
        (130, 65.0, 2),
        (129, 64.5, 1),
    ],
)
def test_step_test_thresholds(duration: float, pfi: float, score: int) -> None:
    # Pulse counts 34 + 33 + 33 = 100 make PFI = duration / 2.
    assert physical_fitness_index(duration, 34, 33, 33) == pfi
    assert step_test_score(pfi) == score
