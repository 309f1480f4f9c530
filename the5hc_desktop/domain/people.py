"""Client facts: gender, phone numbers, age on a date, BMI."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from .errors import ValidationError
from .labels import Label
from .validation import check_number


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"

    @property
    def label(self) -> Label:
        return GENDER_LABELS[self]


GENDER_LABELS: dict[Gender, Label] = {
    Gender.MALE: Label("남성", "Male"),
    Gender.FEMALE: Label("여성", "Female"),
}

# Spellings met in forms, the Original (title case) and the Legacy database (Korean words).
_GENDER_WORDS: dict[str, Gender] = {
    "male": Gender.MALE,
    "m": Gender.MALE,
    "남성": Gender.MALE,
    "남": Gender.MALE,
    "female": Gender.FEMALE,
    "f": Gender.FEMALE,
    "여성": Gender.FEMALE,
    "여": Gender.FEMALE,
}


def parse_gender(text: object) -> Gender:
    """Gender from 남성/여성/M/F/male/female in any case; anything else is refused."""
    if isinstance(text, str):
        found = _GENDER_WORDS.get(text.strip().casefold())
        if found is not None:
            return found
    raise ValidationError(
        "성별은 남성 또는 여성이어야 합니다.", "Gender must be male or female.", field="gender"
    )


def normalize_phone(text: str) -> str:
    """The digits of a phone number: 10 or 11 digits, or a 9-digit Seoul (02) number."""
    digits = re.sub(r"\D", "", text)
    if len(digits) in (10, 11) or (len(digits) == 9 and digits.startswith("02")):
        return digits
    raise ValidationError(
        # One line under the field (the form keeps one line of room for a message).
        "전화번호는 숫자 10~11자리입니다 (02는 9자리도 가능).",
        "A phone number has 10–11 digits (9 for 02).",
        field="phone",
    )


def format_phone(digits: str) -> str:
    """Display form: 02-123-4567, 02-1234-5678, 031-123-4567, 010-1234-5678.

    Any other length is shown as its digits, unchanged: display must never fail.
    """
    d = re.sub(r"\D", "", digits)
    if d.startswith("02") and len(d) in (9, 10):
        return f"{d[:2]}-{d[2:-4]}-{d[-4:]}"
    if len(d) in (10, 11):
        return f"{d[:3]}-{d[3:-4]}-{d[-4:]}"
    if len(d) == 8:  # nationwide numbers such as 1588-1234
        return f"{d[:4]}-{d[4:]}"
    return d


def format_phone_typing(text: str) -> str:
    """A phone number grouped while it is typed: 010-1234-5, then 010-1234-5678.

    Only digits are kept (at most 11); a complete number takes its `format_phone` form.
    """
    d = re.sub(r"\D", "", text)[:11]
    complete = (9, 10) if d.startswith("02") else (10, 11)
    if len(d) in complete:
        return format_phone(d)
    head = 2 if d.startswith("02") else 3
    rest = d[head:]
    if not rest:
        return d
    if len(rest) <= 4:
        return f"{d[:head]}-{rest}"
    return f"{d[:head]}-{rest[:4]}-{rest[4:]}"


# One rule for a member's height and weight, wherever they are typed (member form,
# assessment wizard, import): each within its range, and together a BMI a person can have.
HEIGHT_CM_RANGE = (50.0, 300.0)
WEIGHT_KG_RANGE = (20.0, 250.0)
BMI_RANGE = (10.0, 50.0)
HEIGHT_LABEL = Label("키 (cm)", "Height (cm)")
WEIGHT_LABEL = Label("몸무게 (kg)", "Weight (kg)")


def body_problems(height_cm: object, weight_kg: object) -> tuple[ValidationError, ...]:
    """Every problem with a height and weight (None: not given), for a form to show at once."""
    problems: list[ValidationError] = []
    values: list[float | None] = []
    for value, field, label, (lo, hi) in (
        (height_cm, "height_cm", HEIGHT_LABEL, HEIGHT_CM_RANGE),
        (weight_kg, "weight_kg", WEIGHT_LABEL, WEIGHT_KG_RANGE),
    ):
        if value is None:
            values.append(None)
            continue
        try:
            values.append(check_number(value, field, label, lo, hi))
        except ValidationError as problem:
            problems.append(problem)
            values.append(None)
    index = bmi(values[0], values[1])
    if not problems and index is not None and not BMI_RANGE[0] <= index <= BMI_RANGE[1]:
        problems.append(ValidationError(
            "키와 몸무게를 확인해주세요 (BMI 10~50).",
            "Please check the height and weight (BMI 10–50).", field="weight_kg"))
    return tuple(problems)


def check_body(height_cm: object, weight_kg: object) -> tuple[float | None, float | None]:
    """Height and weight as numbers, or the first of `body_problems` raised."""
    problems = body_problems(height_cm, weight_kg)
    if problems:
        raise problems[0]
    return (None if height_cm is None else float(height_cm),  # type: ignore[arg-type]
            None if weight_kg is None else float(weight_kg))  # type: ignore[arg-type]


def age_on(birth: date, on: date) -> int:
    """Whole years (만 나이) on a given day; the birthday itself counts as reached."""
    if on < birth:
        raise ValidationError(
            "생년월일이 기준일보다 늦습니다.",
            "The birth date is after the reference date.",
            field="birth_date",
        )
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def bmi(height_cm: float | None, weight_kg: float | None) -> float | None:
    """weight ÷ (height in m)², unrounded; None when either value is missing or not positive."""
    if height_cm is None or weight_kg is None or height_cm <= 0 or weight_kg <= 0:
        return None
    metres = height_cm / 100
    return weight_kg / (metres * metres)


# Korean (Asia-Pacific) bands, used everywhere (gotcha G19).
_BMI_BANDS: tuple[tuple[float, Label], ...] = (
    (18.5, Label("저체중", "Underweight")),
    (23.0, Label("정상", "Normal")),
    (25.0, Label("과체중", "Overweight")),
    (30.0, Label("비만", "Obese")),
)
_BMI_TOP = Label("고도비만", "Severely obese")


def bmi_band(value: float) -> Label:
    """< 18.5 저체중, < 23 정상, < 25 과체중, < 30 비만, otherwise 고도비만."""
    for upper, label in _BMI_BANDS:
        if value < upper:
            return label
    return _BMI_TOP
