"""Chart series and the comparison of two assessments."""

from __future__ import annotations

from datetime import date

import pytest

from the5hc_desktop.domain.compare import compare_assessments
from the5hc_desktop.domain.scoring import AssessmentInputs, band_for, score_assessment
from the5hc_desktop.domain.series import BAND_LINES, category_series, progress_series


def _assessed(day: date, **fields: object) -> tuple[date, AssessmentInputs, object]:
    inputs = AssessmentInputs.from_mapping({"gender": "F", "age": 40, **fields})
    return day, inputs, score_assessment(inputs)


def test_category_series_keeps_gaps() -> None:
    scores = score_assessment(AssessmentInputs(gender="F", age=40, push_up_reps=30))
    series = category_series(scores)
    assert [(p.key, p.label.ko, p.value) for p in series] == [
        ("strength", "근력", 100.0),
        ("mobility", "유연성", None),
        ("balance", "균형", None),
        ("cardio", "심폐지구력", None),
    ]
    with_overall = category_series(scores, include_overall=True)
    assert (with_overall[-1].key, with_overall[-1].value) == ("overall", 100.0)
    assert BAND_LINES == (90, 80, 70, 60)


def test_progress_series_sorted_by_date_with_none_for_gaps() -> None:
    first = score_assessment(AssessmentInputs(gender="F", age=40, push_up_reps=30))
    second = score_assessment(AssessmentInputs(gender="F", age=40, toe_touch_cm=0))
    series = progress_series([(date(2025, 3, 1), second), (date(2025, 1, 1), first)])
    assert series.dates == [date(2025, 1, 1), date(2025, 3, 1)]
    assert series.strength == [100.0, None]
    assert series.mobility == [None, 75.0]
    assert series.overall == [100.0, 75.0]
    assert series.series("cardio") == [None, None]
    assert progress_series([]).dates == []


def test_compare_two_assessments() -> None:
    a = _assessed(date(2025, 1, 1), push_up_reps=10, toe_touch_cm=-12, step_test_pulse_1=60,
                  step_test_pulse_2=55, step_test_pulse_3=50)  # fmt: skip
    b = _assessed(date(2025, 4, 1), push_up_reps=25, toe_touch_cm=2, shoulder_left_cm=8,
                  shoulder_right_cm=12, step_test_pulse_1=40, step_test_pulse_2=35,
                  step_test_pulse_3=30)  # fmt: skip
    result = compare_assessments(a, b)  # type: ignore[arg-type]
    assert result.days_between == 90
    rows = {row.key: row for row in result.rows}
    assert list(rows) == [
        "push_up", "farmer_carry", "toe_touch", "shoulder_mobility", "overhead_squat",
        "balance", "step_test",
    ]  # fmt: skip
    push = rows["push_up"]
    assert (push.raw_a, push.raw_b, push.score_a, push.score_b, push.score_change) == (
        10.0, 25.0, 1.0, 4.0, 3.0,
    )  # fmt: skip
    assert rows["farmer_carry"].raw_a is None
    assert rows["farmer_carry"].score_change is None
    assert rows["shoulder_mobility"].raw_b == 12
    assert rows["step_test"].raw_b == pytest.approx(100 * 180 / 210)
    categories = {c.key: c for c in result.categories}
    assert list(categories) == ["strength", "mobility", "balance", "cardio", "overall"]
    strength = categories["strength"]
    assert (strength.a, strength.b, strength.change) == (25.0, 100.0, 75.0)
    assert strength.band_a == band_for(25.0)
    assert strength.band_b == band_for(100.0)
    assert (band_for(25.0), band_for(100.0)) != (None, None)
    assert [strength.band_a.ko, strength.band_b.ko] == ["개선 필요", "매우 우수"]  # type: ignore[union-attr]
    assert categories["balance"].change is None
    assert categories["balance"].band_a is None
