"""Gender, phone numbers, age, BMI; 초성 and phone search."""

from __future__ import annotations

from datetime import date

import pytest

from the5hc_desktop.domain import hangul
from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.hangul import initials, is_initials_query, matches, phone_last4
from the5hc_desktop.domain.people import (
    Gender,
    age_on,
    bmi,
    bmi_band,
    body_problems,
    check_body,
    format_phone,
    format_phone_typing,
    normalize_phone,
    parse_gender,
)


@pytest.mark.parametrize(
    ("text", "gender"),
    [("남성", Gender.MALE), ("M", Gender.MALE), ("male", Gender.MALE), ("Male", Gender.MALE),
     ("여성", Gender.FEMALE), ("f", Gender.FEMALE), ("FEMALE", Gender.FEMALE),
     (Gender.FEMALE, Gender.FEMALE)],
)  # fmt: skip
def test_parse_gender(text: str, gender: Gender) -> None:
    assert parse_gender(text) is gender


@pytest.mark.parametrize("text", ["", "x", "other", None, 1])
def test_parse_gender_refuses_others(text: object) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_gender(text)
    assert caught.value.field == "gender"


def test_gender_labels() -> None:
    assert (Gender.MALE.label.ko, Gender.FEMALE.label.en) == ("남성", "Female")


@pytest.mark.parametrize(
    ("text", "digits"),
    [("010-1234-5678", "01012345678"), (" 010 1234 5678 ", "01012345678"),
     ("031-123-4567", "0311234567"), ("02-1234-5678", "0212345678"), ("02-123-4567", "021234567")],
)  # fmt: skip
def test_normalize_phone(text: str, digits: str) -> None:
    assert normalize_phone(text) == digits


@pytest.mark.parametrize("text", ["", "1234", "010-1234-56789", "031-123-456", "abc"])
def test_normalize_phone_refuses_bad_numbers(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_phone(text)
    assert caught.value.field == "phone"


@pytest.mark.parametrize(
    ("digits", "shown"),
    [("01012345678", "010-1234-5678"), ("0311234567", "031-123-4567"),
     ("021234567", "02-123-4567"), ("0212345678", "02-1234-5678"), ("15881234", "1588-1234"),
     ("010-1234-5678", "010-1234-5678"), ("123", "123")],
)  # fmt: skip
def test_format_phone(digits: str, shown: str) -> None:
    assert format_phone(digits) == shown


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [(date(1990, 5, 20), date(2025, 5, 19), 34), (date(1990, 5, 20), date(2025, 5, 20), 35),
     (date(2000, 2, 29), date(2025, 2, 28), 24), (date(2000, 2, 29), date(2025, 3, 1), 25),
     (date(2025, 1, 1), date(2025, 1, 1), 0)],
)  # fmt: skip
def test_age_on(birth: date, on: date, age: int) -> None:
    assert age_on(birth, on) == age


def test_age_on_refuses_future_birth() -> None:
    with pytest.raises(ValidationError) as caught:
        age_on(date(2025, 1, 2), date(2025, 1, 1))
    assert caught.value.field == "birth_date"


def test_bmi() -> None:
    assert bmi(175, 70) == pytest.approx(22.857, abs=1e-3)
    assert bmi(None, 70) is None
    assert bmi(175, None) is None
    assert bmi(0, 70) is None


@pytest.mark.parametrize(
    ("value", "ko"),
    [(18.4, "저체중"), (18.5, "정상"), (22.9, "정상"), (23, "과체중"), (24.9, "과체중"),
     (25, "비만"), (29.9, "비만"), (30, "고도비만")],
)  # fmt: skip
def test_bmi_bands(value: float, ko: str) -> None:
    assert bmi_band(value).ko == ko


@pytest.mark.parametrize(
    ("name", "expected"),
    [("김민수", "ㄱㅁㅅ"), ("까치", "ㄲㅊ"), ("홍길동", "ㅎㄱㄷ"), ("가", "ㄱ"), ("힣", "ㅎ"),
     ("이 Alex", "ㅇ Alex"), ("", "")],
)  # fmt: skip
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_is_initials_query() -> None:
    assert is_initials_query("ㄱㅁㅅ")
    assert is_initials_query(" ㄱ ㅁ ")
    assert not is_initials_query("김ㅁ")
    assert not is_initials_query("")
    assert not is_initials_query("ㅏ")  # a vowel is not an initial


def test_phone_last4() -> None:
    assert phone_last4("010-1234-5678") == "5678"
    assert phone_last4("12") == ""


@pytest.mark.parametrize(
    ("query", "found"),
    [("", True), ("김민수", True), ("민수", True), ("ㄱㅁㅅ", True), ("ㅁㅅ", True), ("김ㅁ", True),
     ("ㄱㅅ", False), ("박", False), ("5678", True), ("1234-5678", True), ("56", True),
     ("0101", False),  # four digits are the last four, not any four
     ("1012345", True), ("01012345678", True), ("0101234567", False),
     ("4321", False), ("9999", False), ("김민수수", False)],
)  # fmt: skip
def test_matches_name_initials_and_phone(query: str, found: bool) -> None:
    assert matches(query, "김민수", "01012345678") is found


def test_matches_latin_names_case_insensitively_and_without_phone() -> None:
    assert matches("alex", "Alex Kim", None)
    assert not matches("1234", "Alex Kim", None)


@pytest.mark.parametrize(
    ("word", "particle"),
    [("평가", "를"), ("회원", "을"), ("패키지", "를"), ("세션", "을"), ("PDF", "을(를)")],
)
def test_object_particle_follows_the_final_consonant(word: str, particle: str) -> None:
    assert hangul.object_particle(word) == particle


@pytest.mark.parametrize(("typed", "shown"), [
    ("0", "0"), ("010", "010"), ("0101", "010-1"), ("0101234", "010-1234"),
    ("01012345", "010-1234-5"), ("01012345678", "010-1234-5678"),
    ("010-1234-56789", "010-1234-5678"),  # at most 11 digits
    ("010abc1234", "010-1234"),  # letters never get in
    ("0212345678", "02-1234-5678"), ("021234567", "02-123-4567"), ("0212", "02-12"),
    ("0311234567", "031-123-4567"),
])
def test_a_phone_number_is_grouped_as_it_is_typed(typed: str, shown: str) -> None:
    assert format_phone_typing(typed) == shown


@pytest.mark.parametrize(("height", "weight", "fields"), [
    (175, 70, []),
    (None, None, []),
    (175, None, []),
    (175, 300, ["weight_kg"]),  # over the weight range, whatever the height
    (250, 300, ["weight_kg"]),
    (175, 200, ["weight_kg"]),  # BMI 65
    (40, 19, ["height_cm", "weight_kg"]),  # both reported at once
    ("abc", 70, ["height_cm"]),
])
def test_one_body_rule_reports_every_problem(
    height: object, weight: object, fields: list[str]
) -> None:
    assert [p.field for p in body_problems(height, weight)] == fields
    if fields:
        with pytest.raises(ValidationError):
            check_body(height, weight)
    else:
        assert check_body(height, weight) == (
            None if height is None else float(height),  # type: ignore[arg-type]
            None if weight is None else float(weight))  # type: ignore[arg-type]
