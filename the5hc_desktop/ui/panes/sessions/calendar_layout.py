"""Where sessions go on the calendar: ranges, steps, lanes and month cells. No Qt here.

The painted view (`calendar_view.py`) only turns these items into rectangles, so tests
check what the calendar shows — which session, which day, which colour — without pixels.
"""

from __future__ import annotations

import calendar
import heapq
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from the5hc_desktop.services.sessions import SessionStatus, SessionView
from the5hc_desktop.ui.panes.sessions.formatting import STATUS_COLOURS

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


@dataclass(frozen=True)
class CalendarItem:
    """One session placed on a time grid: day column, minutes and its lane among overlaps."""

    session: SessionView
    column: int
    start_min: int
    end_min: int
    lane: int
    lanes: int

    @property
    def status(self) -> SessionStatus:
        return self.session.status

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.session.status]


def _minutes(view: SessionView) -> tuple[int, int]:
    start = view.starts_at.hour * 60 + view.starts_at.minute
    # A session running past midnight is drawn to the end of its first day.
    return start, min(start + view.duration_min, MINUTES_PER_DAY)


def layout_time_grid(
    sessions: Iterable[SessionView],
    first_day: date,
    days: int,
    trainer_ids: Sequence[uuid.UUID] | None = None,
) -> tuple[CalendarItem, ...]:
    """Items for a time grid; overlapping sessions of a column share its width in lanes.

    Columns are days, or — for one day with `trainer_ids` — the trainers in that order.
    """
    by_column: dict[int, list[SessionView]] = {}
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
        items.extend(_lanes(column, [(start, end, view) for start, end, _s, _n, view in spans]))
    return tuple(items)


def trainer_columns(
    trainers: Sequence[tuple[uuid.UUID, str]], sessions: Iterable[SessionView]
) -> tuple[tuple[uuid.UUID, str], ...]:
    """The day view's columns: the active trainers, plus anyone else with a session."""
    columns = list(trainers)
    known = {trainer for trainer, _name in columns}
    for view in sorted(sessions, key=lambda v: v.trainer_name):
        if view.trainer_id not in known:
            known.add(view.trainer_id)
            columns.append((view.trainer_id, view.trainer_name))
    return tuple(columns)


def _lanes(column: int, spans: Sequence[tuple[int, int, SessionView]]) -> list[CalendarItem]:
    """Interval partitioning by start time: each session takes the lowest free lane; a
    cluster of sessions that overlap one another (directly or through others) shares the
    column's width equally."""
    placed: list[CalendarItem] = []
    cluster: list[tuple[SessionView, int, int, int]] = []
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
    sessions: Iterable[SessionView], first_day: date, days: int
) -> tuple[tuple[SessionView, ...], ...]:
    """Sessions of each day of a month grid, by start time."""
    cells: list[list[SessionView]] = [[] for _ in range(days)]
    for view in sessions:
        column = (view.starts_at.date() - first_day).days
        if 0 <= column < days:
            cells[column].append(view)
    return tuple(tuple(sorted(cell, key=lambda v: v.starts_at)) for cell in cells)
