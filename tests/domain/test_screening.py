"""Pre-exercise screening: outcome, the 12-month reuse window, the proceed reason."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from the5hc_desktop.domain import screening as s
from the5hc_desktop.domain.errors import ValidationError

ALL_NO = dict.fromkeys(s.SCREENING_KEYS, False)


def test_seven_questions_each_in_korean_and_english() -> None:
    assert len(s.SCREENING_QUESTIONS) == 7
    assert len(set(s.SCREENING_KEYS)) == 7
    for question in s.SCREENING_QUESTIONS:
        assert any("가" <= ch <= "힣" for ch in question.text.ko), question.key
        assert question.text.en.endswith("?"), question.key


@pytest.mark.parametrize("yes", [(), *((key,) for key in s.SCREENING_KEYS),
                                 ("chest_pain", "supervised_only")])
def test_any_yes_advises_medical_clearance(yes: tuple[str, ...]) -> None:
    answers = ALL_NO | dict.fromkeys(yes, True)
    outcome = s.screening_outcome(answers)
    if yes:
        assert outcome is s.ScreeningOutcome.CLEARANCE_ADVISED
        assert outcome.label.ko == "의사 확인 권장"
    else:
        assert outcome is s.ScreeningOutcome.CLEAR
    assert [q.key for q in s.yes_questions(answers)] == [k for k in s.SCREENING_KEYS if k in yes]


@pytest.mark.parametrize(("answers", "message"), [
    ({}, "미응답: 1, 2, 3, 4, 5, 6, 7번"),
    ({**ALL_NO, "chest_pain": None}, "미응답: 2번"),
    ({**ALL_NO, "heart_condition": "no"}, "미응답: 1번"),  # a yes/no, never text
    ({**ALL_NO, "asthma": True}, "알 수 없는 사전 확인 문항"),
])
def test_every_question_needs_a_yes_or_no(answers: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        s.screening_outcome(answers)
    assert caught.value.field == "screening"
    assert message in caught.value.message_ko


@pytest.mark.parametrize(("screened_on", "last_day"), [
    (date(2024, 3, 15), date(2025, 3, 14)),
    (date(2024, 12, 31), date(2025, 12, 30)),
    (date(2025, 1, 1), date(2025, 12, 31)),
    (date(2024, 2, 29), date(2025, 2, 27)),  # no 29 February next year: clamped, then -1
])
def test_valid_for_less_than_twelve_months(screened_on: date, last_day: date) -> None:
    assert s.valid_until(screened_on) == last_day
    assert s.is_current(screened_on, screened_on)
    assert s.is_current(screened_on, last_day)
    assert not s.is_current(screened_on, date.fromordinal(last_day.toordinal() + 1))


def test_a_screening_dated_after_today_is_not_current_and_cannot_be_saved() -> None:
    today = date(2025, 5, 1)
    assert not s.is_current(date(2025, 5, 2), today)
    with pytest.raises(ValidationError) as caught:
        s.check_screened_on(date(2025, 5, 2), today)
    assert caught.value.field == "screened_on"
    assert "미래" in caught.value.message_ko
    assert s.check_screened_on(today, today) == today
    with pytest.raises(ValidationError):
        s.check_screened_on(datetime(2025, 5, 1, 9), today)


@pytest.mark.parametrize(("outcome", "reason", "stored"), [
    (s.ScreeningOutcome.CLEAR, "", None),
    (s.ScreeningOutcome.CLEAR, "ignored", None),
    (s.ScreeningOutcome.CLEARANCE_ADVISED, "  주치의 소견서 확인 (2025-04-30)  ",
     "주치의 소견서 확인 (2025-04-30)"),
])
def test_proceed_reason(outcome: s.ScreeningOutcome, reason: str, stored: str | None) -> None:
    assert s.check_proceed_reason(outcome, reason) == stored


@pytest.mark.parametrize("reason", ["", "   ", None, "x" * (s.REASON_MAX + 1)])
def test_proceeding_despite_advice_needs_a_reason(reason: object) -> None:
    with pytest.raises(ValidationError) as caught:
        s.check_proceed_reason(s.ScreeningOutcome.CLEARANCE_ADVISED, reason)
    assert caught.value.field == "proceed_reason"
