"""When a trainer can be booked: weekly hours, dated exceptions and the gym's opening hours.

Times are wall-clock minutes of the gym's local day (0..1440). A weekly range whose end is
not after its start runs past midnight into the next day (22:00–02:00). Exceptions on a date
replace nothing silently: 휴무/휴가 without ranges take the whole day off, with ranges take
only those hours off; "extra" adds hours on that date. Everything is then clipped to the gym's
opening hours. A trainer with no weekly hours at all has not been set up: they are taken as
available whenever the gym is open, so existing gyms keep booking as before.

Pure functions over naive local datetimes; services convert UTC instants with the gym zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from .errors import ValidationError
from .labels import Label

DAY_MINUTES = 24 * 60
WEEKDAY_LABELS = (Label("월", "Mon"), Label("화", "Tue"), Label("수", "Wed"),
                  Label("목", "Thu"), Label("금", "Fri"), Label("토", "Sat"),
                  Label("일", "Sun"))

Span = tuple[int, int]  # [start, end) in minutes of one local day, 0 <= start < end <= 1440


class ExceptionKind(StrEnum):
    OFF = "off"  # 휴무
    VACATION = "vacation"  # 휴가
    EXTRA = "extra"  # 추가 근무

    @property
    def label(self) -> Label:
        return EXCEPTION_LABELS[self]


EXCEPTION_LABELS = {
    ExceptionKind.OFF: Label("휴무", "Day off"),
    ExceptionKind.VACATION: Label("휴가", "Vacation"),
    ExceptionKind.EXTRA: Label("추가 근무", "Extra hours"),
}


class BookingPolicy(StrEnum):
    """What booking outside availability does (a gym setting)."""

    CONFIRM = "confirm"
    REFUSE = "refuse"


# -- parsing ------------------------------------------------------------------------------------


def parse_minutes(text: str) -> int:
    """"HH:MM" → minutes of the day; "24:00" is the end of the day."""
    try:
        hours, minutes = (int(p) for p in text.strip().split(":"))
    except ValueError:
        raise ValidationError(f"시간 형식이 잘못되었습니다: {text}",
                              f"Invalid time: {text}") from None
    if not (0 <= hours <= 24 and 0 <= minutes < 60) or (hours == 24 and minutes):
        raise ValidationError(f"시간 형식이 잘못되었습니다: {text}", f"Invalid time: {text}")
    return hours * 60 + minutes


def format_minutes(value: int) -> str:
    return f"{value // 60:02d}:{value % 60:02d}"


@dataclass(frozen=True)
class Range:
    """Hours of one day as typed: start and end minutes; end <= start runs past midnight."""

    start: int
    end: int

    @classmethod
    def parse(cls, start: str, end: str) -> Range:
        lo, hi = parse_minutes(start), parse_minutes(end)
        if lo in (hi, DAY_MINUTES):
            raise ValidationError("시작과 끝 시간이 같습니다.", "Start and end are the same.")
        return cls(lo, hi % DAY_MINUTES if hi == DAY_MINUTES else hi)

    @property
    def wraps(self) -> bool:
        return self.end <= self.start

    def same_day(self) -> Span:
        return (self.start, DAY_MINUTES if self.wraps else self.end)

    def next_day(self) -> Span | None:
        return (0, self.end) if self.wraps and self.end > 0 else None

    def as_text(self) -> list[str]:
        return [format_minutes(self.start), format_minutes(self.end)]


Weekly = Mapping[int, Sequence[Range]]  # weekday (Monday = 0) → ranges


@dataclass(frozen=True)
class DayException:
    on: date
    kind: ExceptionKind
    ranges: tuple[Range, ...] = ()  # empty with OFF/VACATION = the whole day


@dataclass(frozen=True)
class Availability:
    """One trainer's rules plus the gym's opening hours (None = always open)."""

    weekly: Weekly = field(default_factory=dict)
    exceptions: tuple[DayException, ...] = ()
    opening: Weekly | None = None

    @property
    def configured(self) -> bool:
        return any(self.weekly.get(d) for d in range(7))


def weekly_from_json(
    data: Mapping[str, Iterable[Sequence[str]]] | None,
) -> dict[int, tuple[Range, ...]]:
    """{"0": [["09:00", "12:00"], ...]} as stored → {0: (Range, ...)}."""
    result: dict[int, tuple[Range, ...]] = {}
    for key, ranges in (data or {}).items():
        day = int(key)
        if not 0 <= day <= 6:
            raise ValidationError("요일이 잘못되었습니다.", "Invalid weekday.")
        result[day] = tuple(Range.parse(a, b) for a, b in ranges)
    return result


def weekly_to_json(weekly: Weekly) -> dict[str, list[list[str]]]:
    return {str(d): [r.as_text() for r in weekly[d]] for d in sorted(weekly) if weekly[d]}


def parse_ranges_text(text: str) -> list[list[str]]:
    """"09:00-12:00, 13:00-18:00" (as typed in the editor) → [["09:00", "12:00"], ...];
    an empty text is no hours. Each range is checked."""
    out: list[list[str]] = []
    for part in text.replace("~", "-").replace("–", "-").split(","):
        part = part.strip()
        if not part:
            continue
        pieces = [p.strip() for p in part.split("-")]
        if len(pieces) != 2:
            raise ValidationError(f"시간 범위 형식이 잘못되었습니다: {part} (예: 09:00-12:00)",
                                  f"Invalid range: {part} (e.g. 09:00-12:00)")
        out.append(Range.parse(*pieces).as_text())
    return out


def ranges_text(ranges: Iterable[Sequence[str]]) -> str:
    return ", ".join(f"{a}-{b}" for a, b in ranges)


# -- span arithmetic ------------------------------------------------------------------------------


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping union (touching spans join)."""
    out: list[Span] = []
    for lo, hi in sorted(s for s in spans if s[0] < s[1]):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def subtract(spans: Sequence[Span], removed: Sequence[Span]) -> list[Span]:
    out: list[Span] = []
    for lo, hi in spans:
        pieces = [(lo, hi)]
        for rlo, rhi in removed:
            pieces = [p for a, b in pieces
                      for p in ((a, min(b, rlo)), (max(a, rhi), b)) if p[0] < p[1]]
        out.extend(pieces)
    return merge(out)


def intersect(a: Sequence[Span], b: Sequence[Span]) -> list[Span]:
    return merge((max(x, y), min(xe, ye)) for x, xe in a for y, ye in b)


def _weekly_spans(weekly: Weekly, day: date) -> list[Span]:
    """Hours of `day` from the weekly pattern, including yesterday's ranges that run past
    midnight."""
    today = [r.same_day() for r in weekly.get(day.weekday(), ())]
    yesterday = (day - timedelta(days=1)).weekday()
    spill = [s for r in weekly.get(yesterday, ()) if (s := r.next_day()) is not None]
    return merge(today + spill)


def _exception_spans(rule: DayException) -> list[Span]:
    return [r.same_day() for r in rule.ranges] or [(0, DAY_MINUTES)]


def day_spans(availability: Availability, day: date) -> list[Span]:
    """The bookable spans of one local day, in minutes."""
    full = [(0, DAY_MINUTES)]
    spans = _weekly_spans(availability.weekly, day) if availability.configured else full
    todays = [e for e in availability.exceptions if e.on == day]
    for rule in todays:
        if rule.kind is ExceptionKind.EXTRA:
            spans = merge([*spans, *_exception_spans(rule)])
    for rule in todays:
        if rule.kind is not ExceptionKind.EXTRA:
            spans = subtract(spans, _exception_spans(rule))
    if availability.opening is not None:
        spans = intersect(spans, _weekly_spans(availability.opening, day))
    return spans


def unavailable_spans(availability: Availability, day: date) -> list[Span]:
    """The complement of `day_spans` (what a calendar shades)."""
    return subtract([(0, DAY_MINUTES)], day_spans(availability, day))


# -- checking a booking ------------------------------------------------------------------------


def _pieces(start: datetime, end: datetime) -> Iterator[tuple[date, Span]]:
    """[start, end) cut at local midnights into (day, span) pieces."""
    cursor = start
    while cursor < end:
        midnight = datetime.combine(cursor.date() + timedelta(days=1), time.min)
        stop = min(end, midnight)
        lo = cursor.hour * 60 + cursor.minute
        hi = DAY_MINUTES if stop == midnight else stop.hour * 60 + stop.minute
        yield cursor.date(), (lo, hi)
        cursor = stop


def _covered(span: Span, spans: Sequence[Span]) -> bool:
    return any(lo <= span[0] and span[1] <= hi for lo, hi in spans)


def outside_reason(availability: Availability, start: datetime, end: datetime) -> Label | None:
    """Why [start, end) (naive local) is outside availability, or None when it is inside."""
    for day, span in _pieces(start, end):
        if _covered(span, day_spans(availability, day)):
            continue
        if availability.opening is not None and not _covered(
                span, _weekly_spans(availability.opening, day)):
            return Label("체육관 영업 시간이 아닙니다.", "Outside the gym's opening hours.")
        for rule in availability.exceptions:
            if rule.on == day and rule.kind is not ExceptionKind.EXTRA and any(
                    lo < span[1] and span[0] < hi for lo, hi in _exception_spans(rule)):
                return Label(f"트레이너 {rule.kind.label.ko}입니다.",
                             f"The trainer is on {rule.kind.label.en.lower()}.")
        return Label("트레이너 근무 시간이 아닙니다.", "Outside the trainer's working hours.")
    return None


# -- next free slots ---------------------------------------------------------------------------


def next_free_slots(
    availability: Availability,
    busy: Iterable[tuple[datetime, datetime]],
    after: datetime,
    duration_min: int,
    count: int,
    *,
    step_min: int = 30,
    horizon_days: int = 60,
) -> list[datetime]:
    """The first `count` starts (naive local) at or after `after`, on the `step_min` grid,
    whose [start, start + duration) is inside availability and overlaps no busy interval."""
    taken = sorted(busy)
    length = timedelta(minutes=duration_min)
    step = timedelta(minutes=step_min)
    first = datetime.combine(after.date(), time.min)
    offset = (after - first) // step * step
    cursor = first + offset + (step if first + offset < after else timedelta(0))
    limit = first + timedelta(days=horizon_days)
    found: list[datetime] = []
    while cursor < limit and len(found) < count:
        stop = cursor + length
        if (not any(b0 < stop and cursor < b1 for b0, b1 in taken)
                and outside_reason(availability, cursor, stop) is None):
            found.append(cursor)
        cursor += step
    return found


__all__ = [
    "DAY_MINUTES",
    "EXCEPTION_LABELS",
    "WEEKDAY_LABELS",
    "Availability",
    "BookingPolicy",
    "DayException",
    "ExceptionKind",
    "Range",
    "Span",
    "Weekly",
    "day_spans",
    "format_minutes",
    "intersect",
    "merge",
    "next_free_slots",
    "outside_reason",
    "parse_minutes",
    "parse_ranges_text",
    "ranges_text",
    "subtract",
    "unavailable_spans",
    "weekly_from_json",
    "weekly_to_json",
]
