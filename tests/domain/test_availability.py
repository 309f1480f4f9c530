"""Availability rules: weekly ranges, exceptions, midnight, opening hours, free slots."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from the5hc_desktop.domain.availability import (
    Availability,
    DayException,
    ExceptionKind,
    Range,
    day_spans,
    next_free_slots,
    outside_reason,
    parse_ranges_text,
    ranges_text,
    unavailable_spans,
    weekly_from_json,
    weekly_to_json,
)
from the5hc_desktop.domain.errors import ValidationError

MON = date(2026, 12, 7)  # a Monday
TUE = MON + timedelta(days=1)


def hm(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def at(day: date, text: str) -> datetime:
    return datetime.combine(day, datetime.min.time()) + timedelta(minutes=hm(text))


SPLIT = weekly_from_json({"0": [["09:00", "12:00"], ["13:00", "18:00"]]})
NIGHT = weekly_from_json({"0": [["22:00", "02:00"]]})
OPEN = weekly_from_json({str(d): [["06:00", "23:00"]] for d in range(7)})


@pytest.mark.parametrize(("rules", "day", "spans"), [
    # several ranges on one day
    (Availability(SPLIT), MON, [("09:00", "12:00"), ("13:00", "18:00")]),
    (Availability(SPLIT), TUE, []),
    # a range past midnight spills into the next day
    (Availability(NIGHT), MON, [("22:00", "24:00")]),
    (Availability(NIGHT), TUE, [("00:00", "02:00")]),
    # whole-day off and vacation
    (Availability(SPLIT, (DayException(MON, ExceptionKind.OFF),)), MON, []),
    (Availability(SPLIT, (DayException(MON, ExceptionKind.VACATION),)), MON, []),
    # a few hours off
    (Availability(SPLIT, (DayException(MON, ExceptionKind.OFF,
                                       (Range.parse("10:00", "11:00"),)),)), MON,
     [("09:00", "10:00"), ("11:00", "12:00"), ("13:00", "18:00")]),
    # extra hours join the weekly ones; an exception on another day changes nothing
    (Availability(SPLIT, (DayException(MON, ExceptionKind.EXTRA,
                                       (Range.parse("12:00", "13:00"),)),)), MON,
     [("09:00", "18:00")]),
    (Availability(SPLIT, (DayException(TUE, ExceptionKind.EXTRA,
                                       (Range.parse("19:00", "21:00"),)),)), TUE,
     [("19:00", "21:00")]),
    (Availability(SPLIT, (DayException(TUE, ExceptionKind.OFF),)), MON,
     [("09:00", "12:00"), ("13:00", "18:00")]),
    # the gym's opening hours clip everything
    (Availability(NIGHT, opening=OPEN), MON, [("22:00", "23:00")]),
    (Availability(NIGHT, opening=OPEN), TUE, []),
    # not set up: available whenever the gym is open
    (Availability(), MON, [("00:00", "24:00")]),
    (Availability(opening=OPEN), MON, [("06:00", "23:00")]),
])
def test_day_spans(rules: Availability, day: date, spans: list[tuple[str, str]]) -> None:
    assert day_spans(rules, day) == [(hm(a), hm(b)) for a, b in spans]


def test_unavailable_is_the_complement() -> None:
    assert unavailable_spans(Availability(SPLIT), MON) == [
        (0, hm("09:00")), (hm("12:00"), hm("13:00")), (hm("18:00"), 1440)]


@pytest.mark.parametrize(("rules", "start", "minutes", "reason"), [
    (Availability(SPLIT), at(MON, "09:00"), 60, None),
    (Availability(SPLIT), at(MON, "11:30"), 60, "트레이너 근무 시간이 아닙니다."),
    (Availability(SPLIT), at(TUE, "10:00"), 60, "트레이너 근무 시간이 아닙니다."),
    (Availability(NIGHT), at(MON, "23:30"), 60, None),  # across midnight
    (Availability(NIGHT), at(TUE, "01:30"), 60, "트레이너 근무 시간이 아닙니다."),
    (Availability(SPLIT, (DayException(MON, ExceptionKind.VACATION),)), at(MON, "09:00"), 60,
     "트레이너 휴가입니다."),
    (Availability(SPLIT, (DayException(MON, ExceptionKind.OFF),)), at(MON, "09:00"), 60,
     "트레이너 휴무입니다."),
    (Availability(opening=OPEN), at(MON, "05:00"), 60, "체육관 영업 시간이 아닙니다."),
])
def test_outside_reason(rules: Availability, start: datetime, minutes: int,
                        reason: str | None) -> None:
    found = outside_reason(rules, start, start + timedelta(minutes=minutes))
    assert (found.ko if found else None) == reason


def test_next_free_slots_skip_busy_and_closed_hours() -> None:
    busy = [(at(MON, "09:00"), at(MON, "10:00")), (at(MON, "10:30"), at(MON, "11:00"))]
    slots = next_free_slots(Availability(SPLIT), busy, at(MON, "08:10"), 60, 4)
    assert slots == [at(MON, "11:00"), at(MON, "13:00"), at(MON, "13:30"), at(MON, "14:00")]


def test_next_free_slots_roll_to_the_next_week() -> None:
    slots = next_free_slots(Availability(SPLIT), [], at(MON, "17:30"), 60, 1)
    assert slots == [at(MON + timedelta(days=7), "09:00")]


def test_next_free_slots_none_when_never_available() -> None:
    rules = Availability(SPLIT, opening=weekly_from_json({"6": [["09:00", "12:00"]]}))
    assert next_free_slots(rules, [], at(MON, "00:00"), 60, 3, horizon_days=14) == []


def test_weekly_json_round_trip_and_bad_input() -> None:
    assert weekly_from_json(weekly_to_json(SPLIT)) == SPLIT
    assert weekly_to_json(weekly_from_json({"4": [["18:00", "24:00"]]})) == {
        "4": [["18:00", "00:00"]]}
    for bad in ({"7": [["09:00", "10:00"]]}, {"0": [["9h", "10:00"]]},
                {"0": [["10:00", "10:00"]]}, {"0": [["25:00", "10:00"]]}):
        with pytest.raises(ValidationError):
            weekly_from_json(bad)


def test_ranges_as_typed_in_the_editor() -> None:
    typed = "09:00-12:00, 13:00~18:00,,"
    assert parse_ranges_text(typed) == [["09:00", "12:00"], ["13:00", "18:00"]]
    assert ranges_text(parse_ranges_text(typed)) == "09:00-12:00, 13:00-18:00"
    assert parse_ranges_text("  ") == []
    with pytest.raises(ValidationError):
        parse_ranges_text("9시부터 12시")
