"""Bad inputs raise ValidationError naming the exact input, in Korean and English."""

from __future__ import annotations

import math

import pytest

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.scoring import AssessmentInputs


def _error(**fields: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        AssessmentInputs.from_mapping({"gender": "M", "age": 30, **fields})
    return caught.value


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("push_up_reps", -1),
        ("push_up_reps", 2.5),
        ("push_up_reps", "10"),
        ("push_up_reps", True),
        ("step_test_pulse_1", 9),
        ("step_test_pulse_2", 151),
        ("step_test_pulse_3", 100.5),
        ("balance_right_open_s", -0.1),
        ("balance_left_open_s", 300.1),
        ("balance_right_closed_s", math.nan),
        ("balance_left_closed_s", math.inf),
        ("shoulder_mobility_score", 4),
        ("shoulder_mobility_score", -1),
        ("overhead_squat_score", 4),
        ("overhead_squat_score", 1.5),
        ("shoulder_left_cm", -1),
        ("toe_touch_cm", 101),
        ("farmer_carry_time_s", -1),
        ("farmer_carry_percent", -5),
        ("body_weight_kg", 0),
        ("step_test_duration_s", 0),
        ("step_test_duration_s", 301),
        ("age", 0),
        ("age", 151),
        ("age", 30.5),
        ("gender", "x"),
        ("gender", 1),
        ("push_up_type", "diamond"),
        ("shoulder_pain", 1),
        ("knee_valgus", "yes"),
    ],
)
def test_bad_value_names_its_field(field: str, value: object) -> None:
    error = _error(**{field: value})
    assert error.field == field
    assert isinstance(error, ValueError)
    assert error.message("ko")
    assert error.message("en")
    assert error.message("ko") != error.message("en")


def test_range_message_states_the_range() -> None:
    error = _error(step_test_pulse_1=200)
    assert error.message_ko == "회복 1–1.5분 맥박 수 (30초): 10~150 사이의 정수를 입력하세요."
    assert "10 to 150" in error.message_en


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("push_up_reps", 0),
        ("step_test_pulse_1", 10),
        ("step_test_pulse_1", 150),
        ("balance_right_open_s", 0),
        ("balance_right_open_s", 300),
        ("shoulder_mobility_score", 0),
        ("overhead_squat_score", 3),
        ("toe_touch_cm", -100),
    ],
)
def test_range_edges_are_accepted(field: str, value: float) -> None:
    inputs = AssessmentInputs.from_mapping({"gender": "F", "age": 30, field: value})
    assert getattr(inputs, field) == value


def test_whole_float_from_a_spin_box_becomes_int() -> None:
    inputs = AssessmentInputs(gender="F", age=30, push_up_reps=12.0)  # type: ignore[arg-type]
    assert inputs.push_up_reps == 12
    assert type(inputs.push_up_reps) is int


def test_inputs_are_frozen_and_overrides_read_only() -> None:
    inputs = AssessmentInputs(gender="F", age=30, overrides={"push_up": 3})
    with pytest.raises(AttributeError):
        inputs.age = 31  # type: ignore[misc]
    with pytest.raises(TypeError):
        inputs.overrides["push_up"] = 4  # type: ignore[index]
