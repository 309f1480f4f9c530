"""The calendar shows the right sessions in the right places and colours (items, not pixels)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sessions_ui_support import TODAY, Gym, MakePane, SettableClock, sell, settle

from the5hc_desktop.services.sessions import SessionStatus, SessionView
from the5hc_desktop.ui.panes.sessions import SessionsPane
from the5hc_desktop.ui.panes.sessions.calendar_layout import (
    Mode,
    layout_time_grid,
    step,
    visible_range,
)
from the5hc_desktop.ui.panes.sessions.widgets import find_data

BLUE, GREEN, GREY, RED = "#1e6fd9", "#2e9d4f", "#9e9e9e", "#d93025"


def seed_week(gym: Gym, clock: SettableClock) -> None:
    """김민수 this week: Mon completed, Tue no-show, Wed cancelled and Wed/Thu scheduled."""
    package_id = sell(gym, "김민수", 10)
    other = sell(gym, "이영희", 10)
    sessions, owner = gym.services.sessions, gym.owner

    def book(client: str, package: uuid.UUID, day: date, hour: int, trainer: uuid.UUID
             ) -> SessionView:
        return sessions.book(owner, gym.clients[client], package, trainer,
                             datetime(day.year, day.month, day.day, hour))

    monday = TODAY - timedelta(days=2)
    saved = clock.value
    clock.value = saved - timedelta(days=3)  # the desk booked Monday and Tuesday last week
    done = book("김민수", package_id, monday, 9, owner.staff_id)
    missed = book("김민수", package_id, monday + timedelta(days=1), 9, owner.staff_id)
    clock.value = saved
    dropped = book("김민수", package_id, TODAY, 10, owner.staff_id)
    sessions.complete(owner, done.id)
    sessions.no_show(owner, missed.id)
    sessions.cancel(owner, dropped.id)
    book("김민수", package_id, TODAY, 10, owner.staff_id)  # rebooked in the cancelled slot
    book("이영희", other, TODAY, 10, gym.trainer.staff_id)  # same time, other trainer
    book("김민수", package_id, TODAY + timedelta(days=1), 18, owner.staff_id)
    book("김민수", package_id, TODAY + timedelta(days=8), 18, owner.staff_id)  # next week


def shown(pane: SessionsPane) -> list[tuple[int, int, str, str, int, int]]:
    return sorted((item.column, item.start_min, item.session.client_name, item.colour,
                   item.lane, item.lanes) for item in pane.schedule.calendar.items)


def test_week_view_places_and_colours_the_sessions(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, clock: SettableClock
) -> None:
    seed_week(gym, clock)
    pane = make_pane()
    assert pane.schedule.mode is Mode.WEEK
    assert pane.schedule.calendar.first_day == date(2025, 3, 10)  # Monday
    assert pane.schedule.range_label.text() == "2025-03-10 – 03-16"
    assert shown(pane) == [
        (0, 540, "김민수", GREEN, 0, 1),
        (1, 540, "김민수", RED, 0, 1),
        (2, 600, "김민수", BLUE, 0, 3),
        (2, 600, "김민수", GREY, 2, 3),  # cancelled: drawn beside the booking that replaced it
        (2, 600, "이영희", BLUE, 1, 3),
        (3, 1080, "김민수", BLUE, 0, 1),
    ]
    by_status = {item.status: item.colour for item in pane.schedule.calendar.items}
    assert by_status == {SessionStatus.COMPLETED: GREEN, SessionStatus.NO_SHOW: RED,
                         SessionStatus.SCHEDULED: BLUE, SessionStatus.CANCELLED: GREY}
    # A selected session shows its balance (10 bought, 1 completed, 1 no-show): the grid's
    # entries carry none, the detail loads the full view.
    future = next(item for item in pane.schedule.calendar.items if item.column == 3)
    qtbot.mouseClick(pane.schedule.calendar, Qt.MouseButton.LeftButton,
                     pos=pane.schedule.calendar.item_rect(future).center().toPoint())
    qtbot.waitUntil(lambda: pane.schedule.detail.view is not None
                    and pane.schedule.detail.view.id == future.session.id)
    assert pane.schedule.detail.view is not None
    assert pane.schedule.detail.view.remaining_sessions == 8
    pane.schedule.calendar.grab()  # paints without error


def test_navigation_and_modes(qtbot: QtBot, make_pane: MakePane, gym: Gym,
                              clock: SettableClock) -> None:
    seed_week(gym, clock)
    pane = make_pane()
    qtbot.mouseClick(pane.schedule.next_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert pane.schedule.calendar.first_day == date(2025, 3, 17)
    assert [item.column for item in pane.schedule.calendar.items] == [3]  # Thursday next week
    qtbot.mouseClick(pane.schedule.today_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pane.schedule.mode_buttons[Mode.MONTH], Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert pane.schedule.range_label.text() == "2025년 3월"
    assert pane.schedule.calendar.first_day == date(2025, 2, 24)
    cells = pane.schedule.calendar.cells
    assert len(cells) == 42  # 24 February to 6 April: six rows
    assert [v.client_name for v in cells[(TODAY - date(2025, 2, 24)).days]] == [
        "김민수", "김민수", "이영희"]
    pane.schedule.calendar.grab()
    pane.schedule.calendar.day_activated.emit(TODAY + timedelta(days=1))  # double-click a day
    settle(qtbot)
    assert pane.schedule.mode is Mode.DAY
    assert pane.schedule.range_label.text() == "2025-03-13 (목)"
    assert [(i.session.client_name, i.start_min) for i in pane.schedule.calendar.items] == [
        ("김민수", 1080)]
    qtbot.mouseClick(pane.schedule.prev_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert pane.schedule.calendar.first_day == TODAY
    names = dict(pane.schedule.calendar.columns)
    trainers = {names[item.session.trainer_id] for item in pane.schedule.calendar.items}
    assert trainers == {"김대표", "박코치"}
    pane.schedule.calendar.grab()


def test_trainer_filter(qtbot: QtBot, make_pane: MakePane, gym: Gym,
                        clock: SettableClock) -> None:
    seed_week(gym, clock)
    pane = make_pane()
    combo = pane.schedule.trainer_combo
    combo.setCurrentIndex(find_data(combo, gym.trainer.staff_id))
    settle(qtbot)
    assert [item.session.client_name for item in pane.schedule.calendar.items] == ["이영희"]
    assert [v.client_name for v in pane.schedule.today_list.model.rows()] == ["이영희"]


def test_a_trainer_starts_with_their_own_diary(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, clock: SettableClock
) -> None:
    seed_week(gym, clock)
    pane = make_pane(gym.trainer)
    assert pane.schedule.trainer_combo.currentData() == gym.trainer.staff_id
    assert [item.session.client_name for item in pane.schedule.calendar.items] == ["이영희"]


@pytest.mark.parametrize(("mode", "anchor", "expected"), [
    (Mode.DAY, date(2025, 3, 12), (date(2025, 3, 12), date(2025, 3, 13))),
    (Mode.WEEK, date(2025, 3, 16), (date(2025, 3, 10), date(2025, 3, 17))),
    (Mode.MONTH, date(2025, 3, 12), (date(2025, 2, 24), date(2025, 4, 7))),
    (Mode.MONTH, date(2025, 6, 1), (date(2025, 5, 26), date(2025, 7, 7))),
])
def test_visible_ranges(mode: Mode, anchor: date, expected: tuple[date, date]) -> None:
    first, end = visible_range(mode, anchor)
    assert (first, end) == expected
    assert (end - first).days <= 42


def test_month_steps_keep_a_valid_day() -> None:
    assert step(Mode.MONTH, date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert step(Mode.MONTH, date(2025, 1, 15), -1) == date(2024, 12, 15)
    assert step(Mode.WEEK, date(2025, 3, 12), -1) == date(2025, 3, 5)


def test_lanes_only_for_overlaps(gym: Gym) -> None:
    package_id = sell(gym, "김민수", 10)
    other = sell(gym, "이영희", 10)
    book = gym.services.sessions.book
    views = [
        book(gym.owner, gym.clients["김민수"], package_id, gym.owner.staff_id,
             datetime(2025, 3, 12, 9), 60),
        book(gym.owner, gym.clients["이영희"], other, gym.trainer.staff_id,
             datetime(2025, 3, 12, 9, 30), 60),
        book(gym.owner, gym.clients["김민수"], package_id, gym.owner.staff_id,
             datetime(2025, 3, 12, 11), 30),
    ]
    items = layout_time_grid(views, TODAY, 1)
    assert [(i.start_min, i.end_min, i.lane, i.lanes) for i in items] == [
        (540, 600, 0, 2), (570, 630, 1, 2), (660, 690, 0, 1)]


def test_crowded_items_hold_every_session_once_on_random_weeks() -> None:
    """Gathering overlaps into crowds loses nobody and fits the lanes it was given."""
    import random

    from the5hc_desktop.services.sessions import CalendarEntry

    rng = random.Random(3)
    first = date(2025, 3, 10)
    for max_lanes in (1, 2, 4, 8):
        entries = []
        for n in range(300):
            start = datetime.combine(first + timedelta(days=rng.randrange(7)),
                                     datetime.min.time()) + timedelta(
                minutes=rng.randrange(6 * 4, 22 * 4) * 15)
            duration = rng.choice((30, 60, 90))
            entries.append(CalendarEntry(uuid.uuid4(), uuid.uuid4(), f"회원{n}", uuid.uuid4(),
                                         "코치", start, start + timedelta(minutes=duration),
                                         duration, rng.choice(list(SessionStatus))))
        items = layout_time_grid(entries, first, 7, None, max_lanes)
        held = [entry.id for item in items for entry in item.entries()]
        assert sorted(held) == sorted(entry.id for entry in entries)
        for item in items:
            assert all(e.starts_at.date() == first + timedelta(days=item.column)
                       for e in item.entries())
            assert item.start_min <= min(e.starts_at.hour * 60 + e.starts_at.minute
                                         for e in item.entries())
        plain = layout_time_grid(entries, first, 7)  # no limit: one item per session
        assert all(not item.crowd for item in plain)
        assert len(plain) == len(entries)
