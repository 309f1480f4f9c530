"""Small checks that turn bad values into a `ValidationError` naming the field.

Messages avoid Korean particles after the label (은/는 depends on the last syllable), so the
label is followed by a colon instead.
"""

from __future__ import annotations

import math

from .errors import ValidationError
from .labels import Label


def _show(bound: float) -> str:
    return str(int(bound)) if float(bound).is_integer() else str(bound)


def _range_error(field: str, label: Label, lo: float, hi: float, *, whole: bool) -> ValidationError:
    kind_ko = "정수를" if whole else "값을"
    kind_en = "a whole number" if whole else "a value"
    return ValidationError(
        f"{label.ko}: {_show(lo)}~{_show(hi)} 사이의 {kind_ko} 입력하세요.",
        f"{label.en}: enter {kind_en} from {_show(lo)} to {_show(hi)}.",
        field=field,
    )


def check_number(value: object, field: str, label: Label, lo: float, hi: float) -> float:
    """A finite real number within lo…hi (inclusive). bool is refused: True is not 1 kg."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(
            f"{label.ko}: 숫자를 입력하세요.", f"{label.en}: enter a number.", field=field
        )
    number = float(value)
    if not math.isfinite(number) or not lo <= number <= hi:
        raise _range_error(field, label, lo, hi, whole=False)
    return number


def check_whole(value: object, field: str, label: Label, lo: int, hi: int) -> int:
    """A whole number within lo…hi; a float such as 12.0 from a spin box is accepted."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(
            f"{label.ko}: 숫자를 입력하세요.", f"{label.en}: enter a number.", field=field
        )
    if isinstance(value, float) and not value.is_integer():
        raise _range_error(field, label, lo, hi, whole=True)
    number = int(value)
    if not lo <= number <= hi:
        raise _range_error(field, label, lo, hi, whole=True)
    return number


def check_flag(value: object, field: str, label: Label) -> bool:
    """A tick box: only a real bool, so a stray 0/1 or "no" is caught rather than guessed."""
    if not isinstance(value, bool):
        raise ValidationError(
            f"{label.ko}: 예/아니오 값이어야 합니다.",
            f"{label.en}: must be yes or no.",
            field=field,
        )
    return value
