"""Where sessions go on the calendar: ranges, steps, lanes and month cells. No Qt here.

The painted view (`calendar_view.py`) only turns these items into rectangles, so tests
check what the calendar shows — which session, which day, which colour — without pixels.
No Qt also means the schedule page lays a busy week out on the worker lane. Where more
sessions overlap than a column has room for lanes (`max_lanes`), the overlapping sessions
are gathered per quarter hour into one crowded item that shows their count.
"""

from __future__ import annotations

import calendar
import heapq
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from the5hc_desktop.services.sessions import CalendarEntry, SessionStatus, SessionView
from the5hc_desktop.ui.panes.sessions.formatting import STATUS_COLOURS

Entry = CalendarEntry | SessionView  # what the calendar needs of a session, both have it

DEFAULT_FIRST_HOUR = 6
DEFAULT_LAST_HOUR = 23  # exclusive: the grid ends at 23:00
MINUTES_PER_DAY = 24 * 60


class Mode(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def week_start(on: date) -> date:
    """Monday of the week of `on` (weeks run Monday to Sunday, as on the dashboard)."""
    return on - timedelta(days=on.weekday())


def visible_range(mode: Mode, anchor: date) -> tuple[date, date]:
    """First day shown and the day after the last one."""
    if mode is Mode.DAY:
        return anchor, anchor + timedelta(days=1)
    if mode is Mode.WEEK:
        first = week_start(anchor)
        return first, first + timedelta(days=7)
    month_first = anchor.replace(day=1)
    last = anchor.replace(day=calendar.monthrange(anchor.year, anchor.month)[1])
    return week_start(month_first), week_start(last) + timedelta(days=7)


def step(mode: Mode, anchor: date, direction: int) -> date:
    """The anchor one day, week or month earlier (direction −1) or later (+1)."""
    if mode is Mode.DAY:
        return anchor + timedelta(days=direction)
    if mode is Mode.WEEK:
        return anchor + timedelta(days=7 * direction)
    month = anchor.month - 1 + direction
    year = anchor.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


SLOT_MIN = 15  # a crowded item gathers the sessions starting in one quarter hour
TRAINER_COLOURS = (
    "#00897b", "#8e24aa", "#f4511e", "#3949ab", "#c0ca33", "#6d4c41", "#d81b60", "#039be5",
    "#fb8c00", "#43a047", "#5e35b1", "#757575", "#00acc1", "#e53935", "#7cb342", "#3f51b5",
)


def trainer_colour(trainer_id: uuid.UUID) -> str:
    """The trainer's colour: the same on every desk and every day (from the id alone)."""
    return TRAINER_COLOURS[trainer_id.int % len(TRAINER_COLOURS)]


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """One session placed on a time grid: day column, minutes and its lane among overlaps.

    A crowded item stands for every session of `crowd` (two or more, by start time);
    `session` is then the first of them."""

    session: Entry
    column: int
    start_min: int
    end_min: int
    lane: int
    lanes: int
    crowd: tuple[Entry, ...] = ()

    @property
    def count(self) -> int:
        return len(self.crowd) or 1

    @property
    def status(self) -> SessionStatus:
        """A crowd shows as booked while any of it is still booked, else as most of it is."""
        if not self.crowd:
            return self.session.status
        counts = Counter(e.status for e in self.crowd)
        if counts[SessionStatus.SCHEDULED]:
            return SessionStatus.SCHEDULED
        return counts.most_common(1)[0][0]

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.status]

    def entries(self) -> tuple[Entry, ...]:
        return self.crowd or (self.session,)


def _minutes(view: Entry) -> tuple[int, int]:
    start = view.starts_at.hour * 60 + view.starts_at.minute
    # A session running past midnight is drawn to the end of its first day.
    return start, min(start + view.duration_min, MINUTES_PER_DAY)


def layout_time_grid(
    sessions: Iterable[Entry],
    first_day: date,
    days: int,
    trainer_ids: Sequence[uuid.UUID] | None = None,
    max_lanes: int | None = None,
) -> tuple[CalendarItem, ...]:
    """Items for a time grid; overlapping sessions of a column share its width in lanes.

    Columns are days, or — for one day with `trainer_ids` — the trainers in that order.
    A cluster of overlaps needing more than `max_lanes` lanes becomes crowded items.
    """
    by_column: dict[int, list[Entry]] = {}
    positions = {trainer: n for n, trainer in enumerate(trainer_ids or ())}
    for view in sessions:
        offset = (view.starts_at.date() - first_day).days
        if not 0 <= offset < days:
            continue
        column = positions.get(view.trainer_id, -1) if trainer_ids is not None else offset
        if column >= 0:
            by_column.setdefault(column, []).append(view)
    items: list[CalendarItem] = []
    for column in sorted(by_column):
        spans = [(*_minutes(v), v.status != SessionStatus.SCHEDULED, n, v)
                 for n, v in enumerate(by_column[column])]
        spans.sort(key=lambda span: span[:4])
        placed = _lanes(column, [(start, end, view) for start, end, _s, _n, view in spans])
        if max_lanes is not None and any(item.lanes > max_lanes for item in placed):
            placed = _crowded(column, placed, max_lanes)
        items.extend(placed)
    return tuple(items)


def _crowded(column: int, placed: list[CalendarItem], max_lanes: int) -> list[CalendarItem]:
    """Clusters wider than `max_lanes`: their sessions gathered by start slot (a quarter
    hour, or an hour when even the quarters overlap too much); the rest stay as placed."""
    kept = [item for item in placed if item.lanes <= max_lanes]
    wide = sorted((item for item in placed if item.lanes > max_lanes),
                  key=lambda item: (item.start_min, item.end_min))
    for slot in (SLOT_MIN, 60):
        groups: dict[int, list[CalendarItem]] = {}
        for item in wide:
            groups.setdefault(item.start_min // slot * slot, []).append(item)
        spans = [(min(i.start_min for i in group), max(i.end_min for i in group),
                  tuple(i.session for i in group)) for _key, group in sorted(groups.items())]
        gathered = [CalendarItem(crowd[0], column, item.start_min, item.end_min, item.lane,
                                 item.lanes, crowd if len(crowd) > 1 else ())
                    for item, crowd in _lanes_of_spans(column, spans)]
        if slot == 60 or all(item.lanes <= max_lanes for item in gathered):
            break
    return sorted([*kept, *gathered], key=lambda item: (item.start_min, item.lane))


def _lanes_of_spans(column: int, spans: Sequence[tuple[int, int, tuple[Entry, ...]]]
                    ) -> list[tuple[CalendarItem, tuple[Entry, ...]]]:
    """`_lanes` for groups: each group is placed as its first session, then paired back."""
    crowds = {id(crowd[0]): crowd for _start, _end, crowd in spans}
    items = _lanes(column, [(start, end, crowd[0]) for start, end, crowd in spans])
    return [(item, crowds[id(item.session)]) for item in items]


def trainer_columns(
    trainers: Sequence[tuple[uuid.UUID, str]], sessions: Iterable[Entry]
) -> tuple[tuple[uuid.UUID, str], ...]:
    """The day view's columns: the active trainers, plus anyone else with a session."""
    columns = list(trainers)
    known = {trainer for trainer, _name in columns}
    for view in sorted(sessions, key=lambda v: v.trainer_name):
        if view.trainer_id not in known:
            known.add(view.trainer_id)
            columns.append((view.trainer_id, view.trainer_name))
    return tuple(columns)


def _lanes(column: int, spans: Sequence[tuple[int, int, Entry]]) -> list[CalendarItem]:
    """Interval partitioning by start time: each session takes the lowest free lane; a
    cluster of sessions that overlap one another (directly or through others) shares the
    column's width equally."""
    placed: list[CalendarItem] = []
    cluster: list[tuple[Entry, int, int, int]] = []
    busy: list[tuple[int, int]] = []  # heap of (end, lane)
    free: list[int] = []  # heap of lanes free again inside the cluster
    lanes = 0
    for start, end, view in spans:
        end = max(end, start + 1)
        while busy and busy[0][0] <= start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if not busy and cluster:  # nothing running: the cluster is complete
            placed.extend(CalendarItem(v, column, s, e, lane, lanes) for v, s, e, lane in cluster)
            cluster, free, lanes = [], [], 0
        if free:
            lane = heapq.heappop(free)
        else:
            lane, lanes = lanes, lanes + 1
        heapq.heappush(busy, (end, lane))
        cluster.append((view, start, end, lane))
    placed.extend(CalendarItem(v, column, s, e, lane, lanes) for v, s, e, lane in cluster)
    return placed


def hour_span(items: Iterable[CalendarItem]) -> tuple[int, int]:
    """Hours shown: 06–23, widened to include any session outside them."""
    first, last = DEFAULT_FIRST_HOUR, DEFAULT_LAST_HOUR
    for item in items:
        first = min(first, item.start_min // 60)
        last = max(last, -(-item.end_min // 60))
    return first, min(last, 24)


def month_cells(
    sessions: Iterable[Entry], first_day: date, days: int
) -> tuple[tuple[Entry, ...], ...]:
    """Sessions of each day of a month grid, by start time."""
    cells: list[list[Entry]] = [[] for _ in range(days)]
    for view in sessions:
        column = (view.starts_at.date() - first_day).days
        if 0 <= column < days:
            cells[column].append(view)
    return tuple(tuple(sorted(cell, key=lambda v: v.starts_at)) for cell in cells)
