"""Recurring bookings: the dates a weekly rule gives (tables), skipped days, validation."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from the5hc_desktop.domain.availability import (
    Availability,
    DayException,
    ExceptionKind,
    Range,
)
from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.recurrence import (
    MAX_OCCURRENCES,
    Recurrence,
    closed_days,
    describe,
    expand,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
AT_19 = time(19, 0)


def rule(first: date, days: set[int], count: int | None = None, until: date | None = None
         ) -> Recurrence:
    return Recurrence(first, frozenset(days), AT_19, 60, count, until)


@pytest.mark.parametrize(("first", "days", "count", "until", "expected"), [
    # 매주 월·수, 4회, from a Monday
    (date(2025, 3, 10), {MON, WED}, 4, None,
     ["2025-03-10", "2025-03-12", "2025-03-17", "2025-03-19"]),
    # starting on a Tuesday: the first Wednesday comes first
    (date(2025, 3, 11), {MON, WED}, 3, None, ["2025-03-12", "2025-03-17", "2025-03-19"]),
    # until a date (inclusive)
    (date(2025, 3, 10), {FRI}, None, date(2025, 3, 28),
     ["2025-03-14", "2025-03-21", "2025-03-28"]),
    # count and until: whichever ends first
    (date(2025, 3, 10), {MON, TUE, WED, THU, FRI}, 20, date(2025, 3, 12),
     ["2025-03-10", "2025-03-11", "2025-03-12"]),
    (date(2025, 3, 10), {SAT, SUN}, 2, date(2025, 12, 31), ["2025-03-15", "2025-03-16"]),
    # across a month and a year end
    (date(2025, 12, 29), {MON, THU}, 3, None, ["2025-12-29", "2026-01-01", "2026-01-05"]),
    # a leap day
    (date(2028, 2, 28), {TUE}, 1, None, ["2028-02-29"]),
    # until before any chosen weekday: nothing
    (date(2025, 3, 10), {SUN}, None, date(2025, 3, 15), []),
])
def test_expansion_table(first: date, days: set[int], count: int | None, until: date | None,
                         expected: list[str]) -> None:
    found = expand(rule(first, days, count, until))
    assert [s.date().isoformat() for s in found.starts] == expected
    assert all(s.time() == AT_19 for s in found.starts)
    assert found.skipped == ()


def test_closed_days_are_skipped_and_do_not_count() -> None:
    holiday = date(2025, 3, 12)
    found = expand(rule(date(2025, 3, 10), {MON, WED}, 4),
                   closed_days(Availability(), holidays=[holiday]))
    assert [s.date() for s in found.starts] == [date(2025, 3, 10), date(2025, 3, 17),
                                                date(2025, 3, 19), date(2025, 3, 24)]
    assert [(d, reason.ko) for d, reason in found.skipped] == [(holiday, "휴일")]


@pytest.mark.parametrize(("availability", "day", "reason"), [
    (Availability(exceptions=(DayException(date(2025, 3, 17), ExceptionKind.VACATION),)),
     date(2025, 3, 17), "트레이너 휴가"),
    (Availability(exceptions=(DayException(date(2025, 3, 17), ExceptionKind.OFF),)),
     date(2025, 3, 17), "트레이너 휴무"),
    # the gym opens Tuesday to Saturday: Mondays are closed
    (Availability(opening={d: (Range.parse("06:00", "23:00"),) for d in (1, 2, 3, 4, 5)}),
     date(2025, 3, 17), "휴관일"),
    # the trainer works Wednesdays only
    (Availability(weekly={WED: (Range.parse("09:00", "21:00"),)}), date(2025, 3, 17),
     "트레이너 근무 없음"),
    # an off exception with hours takes only those hours: the day is not skipped
    (Availability(exceptions=(DayException(date(2025, 3, 17), ExceptionKind.OFF,
                                           (Range.parse("09:00", "12:00"),)),)),
     date(2025, 3, 17), None),
])
def test_closed_days_from_availability(availability: Availability, day: date,
                                       reason: str | None) -> None:
    found = closed_days(availability)(day)
    assert (found.ko if found is not None else None) == reason


def test_seoul_times_keep_their_offset_on_every_date() -> None:
    """The rule gives wall-clock times; in Korea every one is UTC+9 (no DST anywhere in
    the year, even on the dates other zones change their clocks)."""
    seoul = ZoneInfo("Asia/Seoul")
    found = expand(rule(date(2025, 1, 1), {SUN}, 52))
    offsets = {s.replace(tzinfo=seoul).astimezone(UTC).replace(tzinfo=None) - s
               for s in found.starts}
    assert offsets == {timedelta(hours=-9)}
    assert datetime(2025, 3, 9, 19) in found.starts  # the US change day
    assert datetime(2025, 10, 26, 19) in found.starts  # the European one


@pytest.mark.parametrize(("bad", "field"), [
    (Recurrence(date(2025, 3, 10), frozenset(), AT_19, 60, 4), "weekdays"),
    (Recurrence(date(2025, 3, 10), frozenset({7}), AT_19, 60, 4), "weekdays"),
    (Recurrence(date(2025, 3, 10), frozenset({MON}), AT_19, 60), "count"),
    (Recurrence(date(2025, 3, 10), frozenset({MON}), AT_19, 60, 0), "count"),
    (Recurrence(date(2025, 3, 10), frozenset({MON}), AT_19, 60, MAX_OCCURRENCES + 1), "count"),
    (Recurrence(date(2025, 3, 10), frozenset({MON}), AT_19, 60, None, date(2025, 3, 9)),
     "until"),
    (Recurrence(date(2025, 3, 10), frozenset({MON}), AT_19, 60, None, date(2026, 6, 1)),
     "until"),
])
def test_invalid_rules_name_their_field(bad: Recurrence, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        expand(bad)
    assert caught.value.field == field


def test_an_all_closed_year_ends() -> None:
    found = expand(rule(date(2025, 1, 1), {MON}, 10), lambda _day: closed_days(
        Availability(), holidays=[_day])(_day))
    assert found.starts == ()
    assert len(found.skipped) == 52  # a year of Mondays (2025-01-06 … 12-29), then it stops


def test_description() -> None:
    every = rule(date(2025, 3, 10), {WED, MON}, 10)
    assert describe(every) == "매주 월·수 19:00, 10회"
    assert describe(every, "en") == "Every Mon·Wed 19:00, 10 times"
