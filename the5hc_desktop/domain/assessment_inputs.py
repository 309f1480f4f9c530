"""What the trainer measured: the validated inputs of RULES §2."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from .errors import ValidationError
from .labels import Label
from .people import Gender, parse_gender
from .validation import check_flag, check_number, check_whole
from .vocabulary import (
    INPUT_LABELS,
    INTEGER_TESTS,
    TEST_KEYS,
    TEST_LABELS,
    TEST_MAX,
    TEST_MIN,
    PushUpType,
)

DEFAULT_STEP_TEST_DURATION_S = 180.0

# Accepted ranges, inclusive. Wide enough for any real client; narrow enough to catch typos
# such as a heart rate in bpm typed into a 30-second pulse count.
_REAL_RANGES: dict[str, tuple[float, float]] = {
    "body_weight_kg": (1, 500),
    "farmer_carry_weight_kg": (0, 500),
    "farmer_carry_distance_m": (0, 10_000),
    "farmer_carry_time_s": (0, 3600),
    "farmer_carry_percent": (0, 1000),
    "toe_touch_cm": (-100, 100),
    "shoulder_left_cm": (0, 200),
    "shoulder_right_cm": (0, 200),
    "balance_right_open_s": (0, 300),
    "balance_left_open_s": (0, 300),
    "balance_right_closed_s": (0, 300),
    "balance_left_closed_s": (0, 300),
    "step_test_duration_s": (1, 300),
}
_WHOLE_RANGES: dict[str, tuple[int, int]] = {
    "age": (1, 150),
    "push_up_reps": (0, 1000),
    "shoulder_mobility_score": (0, 3),
    "overhead_squat_score": (0, 3),
    "step_test_pulse_1": (10, 150),
    "step_test_pulse_2": (10, 150),
    "step_test_pulse_3": (10, 150),
}
_FLAGS = ("shoulder_pain", "knee_valgus", "forward_lean", "heel_lift", "arm_drop")
_REQUIRED = ("gender", "age")


@dataclass(frozen=True, kw_only=True)
class AssessmentInputs:
    """One assessment's measurements; None = not measured. Validated on construction."""

    gender: Gender
    age: int
    body_weight_kg: float | None = None
    push_up_reps: int | None = None
    push_up_type: PushUpType = PushUpType.STANDARD
    farmer_carry_weight_kg: float | None = None
    farmer_carry_distance_m: float | None = None
    farmer_carry_time_s: float | None = None
    farmer_carry_percent: float | None = None
    toe_touch_cm: float | None = None
    shoulder_mobility_score: int | None = None
    shoulder_pain: bool = False
    shoulder_left_cm: float | None = None
    shoulder_right_cm: float | None = None
    overhead_squat_score: int | None = None
    knee_valgus: bool = False
    forward_lean: bool = False
    heel_lift: bool = False
    arm_drop: bool = False
    balance_right_open_s: float | None = None
    balance_left_open_s: float | None = None
    balance_right_closed_s: float | None = None
    balance_left_closed_s: float | None = None
    step_test_duration_s: float = DEFAULT_STEP_TEST_DURATION_S
    step_test_pulse_1: int | None = None
    step_test_pulse_2: int | None = None
    step_test_pulse_3: int | None = None
    overrides: Mapping[str, float] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        put = object.__setattr__  # frozen: normalised values are written once, here
        put(self, "gender", parse_gender(self.gender))
        put(self, "push_up_type", _parse_push_up_type(self.push_up_type))
        if self.step_test_duration_s is None:
            put(self, "step_test_duration_s", DEFAULT_STEP_TEST_DURATION_S)
        # A float (or int) already in range is what the check would return: it is skipped.
        for name, (lo, hi) in _REAL_RANGES.items():
            value = getattr(self, name)
            if value is not None and not (type(value) is float and lo <= value <= hi):
                put(self, name, check_number(value, name, INPUT_LABELS[name], lo, hi))
        for name, (ilo, ihi) in _WHOLE_RANGES.items():
            value = getattr(self, name)
            if (value is not None or name == "age") and not (
                    type(value) is int and ilo <= value <= ihi):
                put(self, name, check_whole(value, name, INPUT_LABELS[name], ilo, ihi))
        for name in _FLAGS:
            value = getattr(self, name)
            if value is not True and value is not False:
                check_flag(value, name, INPUT_LABELS[name])
        put(self, "overrides", MappingProxyType(_check_overrides(self.overrides)))

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> AssessmentInputs:
        """Build from a dict (a form, an import row); None values are left out, unknown
        keys are refused so a misspelt field never silently goes unscored."""
        known = _INPUT_NAMES if cls is AssessmentInputs else {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                raise ValidationError(
                    f"알 수 없는 입력 항목입니다: {key}", f"Unknown input: {key}", field=key
                )
            if value is not None:
                values[key] = value
        for key in _REQUIRED:
            if key not in values:
                label = INPUT_LABELS[key]
                raise ValidationError(
                    f"{label.ko}: 필수 입력 항목입니다.", f"{label.en}: required.", field=key
                )
        return cls(**values)


_INPUT_NAMES = frozenset(f.name for f in fields(AssessmentInputs))  # built once, not per row

# RULES.md §2 measurements, in the order listed there: every input but gender and age.
# Storage, drafts and the demo generator all take their field lists from here.
MEASUREMENT_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(AssessmentInputs) if f.name not in ("gender", "age", "overrides")
)


def _parse_push_up_type(value: object) -> PushUpType:
    if value is None:
        return PushUpType.STANDARD
    try:
        return PushUpType(str(value).strip().lower())
    except ValueError:
        raise ValidationError(
            "푸시업 타입은 표준, 무릎, 벽 중 하나여야 합니다.",
            "The push-up type must be standard, modified or wall.",
            field="push_up_type",
        ) from None


def _check_overrides(overrides: object) -> dict[str, float]:
    label = INPUT_LABELS["overrides"]
    if not isinstance(overrides, Mapping):
        raise ValidationError(
            f"{label.ko}: 형식이 올바르지 않습니다.",
            f"{label.en}: not a mapping.",
            field="overrides",
        )
    checked: dict[str, float] = {}
    for key, value in overrides.items():
        if key not in TEST_KEYS:
            raise ValidationError(
                f"{label.ko}: 알 수 없는 테스트입니다 ({key}).",
                f"{label.en}: unknown test ({key}).",
                field="overrides",
            )
        test = TEST_LABELS[key]
        name = Label(f"{test.ko} 점수 수동 입력", f"{test.en} score override")
        lo, hi = TEST_MIN[key], TEST_MAX[key]
        if key in INTEGER_TESTS:
            checked[key] = float(check_whole(value, "overrides", name, lo, hi))
        else:
            checked[key] = check_number(value, "overrides", name, lo, hi)
    return checked
