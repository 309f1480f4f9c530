"""Recurring bookings: which dates a rule like "매주 월·수 19:00, 10회" gives.

A rule starts on a date and repeats on chosen weekdays at one wall-clock time, either a
number of times (`count`), up to a date (`until`), or both (whichever ends first). A day the
gym is closed or the trainer is off (`closed(day)` says why) is skipped and does not count:
"10회" means ten sessions, the holidays are stepped over. Times are naive local times of the
gym: the service turns each into an instant with the gym's zone, so a weekly 19:00 stays
19:00 on every date (Korea has no daylight saving; elsewhere the zone does the right thing
per date, the rule never adds hours).

Pure functions; tested with tables (tests/domain/test_recurrence.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .availability import WEEKDAY_LABELS, Availability, ExceptionKind, day_spans
from .errors import ValidationError
from .labels import Label

MAX_OCCURRENCES = 100  # two sessions a week for a year is the longest series a desk books
MAX_SPAN_DAYS = 366

Closed = Callable[[date], Label | None]


@dataclass(frozen=True)
class Recurrence:
    first_day: date
    weekdays: frozenset[int]  # Monday = 0
    start: time
    duration_min: int
    count: int | None = None
    until: date | None = None


@dataclass(frozen=True)
class Expansion:
    starts: tuple[datetime, ...]  # naive local, in order
    skipped: tuple[tuple[date, Label], ...]  # closed days stepped over, and why


def _bad(field: str, ko: str, en: str) -> ValidationError:
    return ValidationError(ko, en, field=field)


def validate(rule: Recurrence) -> None:
    """Raise ValidationError (naming the field) for a rule that cannot be expanded."""
    if not rule.weekdays or not all(isinstance(d, int) and 0 <= d <= 6 for d in rule.weekdays):
        raise _bad("weekdays", "반복할 요일을 하나 이상 고르세요.",
                   "Choose at least one weekday to repeat on.")
    if rule.count is None and rule.until is None:
        raise _bad("count", "횟수나 종료일을 정하세요.",
                   "Give a number of sessions or an end date.")
    if rule.count is not None and not 1 <= rule.count <= MAX_OCCURRENCES:
        raise _bad("count", f"횟수는 1~{MAX_OCCURRENCES}회여야 합니다.",
                   f"The number of sessions must be 1 to {MAX_OCCURRENCES}.")
    if rule.until is not None:
        if rule.until < rule.first_day:
            raise _bad("until", "종료일이 시작일보다 빠릅니다.",
                       "The end date is before the first day.")
        if (rule.until - rule.first_day).days > MAX_SPAN_DAYS:
            raise _bad("until", "반복 예약은 1년 이내로 정하세요.",
                       "Keep a recurring booking within a year.")


def expand(rule: Recurrence, closed: Closed | None = None) -> Expansion:
    """The start times of `rule`, skipping the days `closed` names (see the module doc)."""
    validate(rule)
    last = rule.until or rule.first_day + timedelta(days=MAX_SPAN_DAYS)
    wanted = rule.count if rule.count is not None else MAX_OCCURRENCES
    starts: list[datetime] = []
    skipped: list[tuple[date, Label]] = []
    day = rule.first_day
    while day <= last and len(starts) < wanted:
        if day.weekday() in rule.weekdays:
            reason = closed(day) if closed is not None else None
            if reason is None:
                starts.append(datetime.combine(day, rule.start))
            else:
                skipped.append((day, reason))
        day += timedelta(days=1)
    return Expansion(tuple(starts), tuple(skipped))


def closed_days(availability: Availability, holidays: Iterable[date] = ()) -> Closed:
    """`closed(day)` from a trainer's availability: the gym's opening hours say closed, or
    the trainer takes the whole day off (휴무/휴가 without hours), or it is a holiday."""
    days_off = {rule.on: rule.kind for rule in availability.exceptions
                if rule.kind is not ExceptionKind.EXTRA and not rule.ranges}
    extra = {rule.on for rule in availability.exceptions if rule.kind is ExceptionKind.EXTRA}
    holiday_set = set(holidays)

    def closed(day: date) -> Label | None:
        if day in holiday_set:
            return Label("휴일", "Holiday")
        if day in days_off:
            kind = days_off[day]
            return Label(f"트레이너 {kind.label.ko}", f"Trainer on {kind.label.en.lower()}")
        if availability.opening is not None and not availability.opening.get(day.weekday()) \
                and day not in extra:
            return Label("휴관일", "Gym closed")
        if availability.configured and not day_spans(availability, day):
            return Label("트레이너 근무 없음", "Trainer not working")
        return None

    return closed


def describe(rule: Recurrence, language: str = "ko") -> str:
    """"매주 월·수 19:00, 10회" / "Every Mon·Wed 19:00, 10 times"."""
    days = "·".join(WEEKDAY_LABELS[d].text(language) for d in sorted(rule.weekdays))
    at = f"{rule.start.hour:02d}:{rule.start.minute:02d}"
    parts = []
    if language == "en":
        if rule.count is not None:
            parts.append(f"{rule.count} times")
        if rule.until is not None:
            parts.append(f"until {rule.until.isoformat()}")
        return f"Every {days} {at}, {', '.join(parts)}"
    if rule.count is not None:
        parts.append(f"{rule.count}회")
    if rule.until is not None:
        parts.append(f"{rule.until.isoformat()}까지")
    return f"매주 {days} {at}, {', '.join(parts)}"
