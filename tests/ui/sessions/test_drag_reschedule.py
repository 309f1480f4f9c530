"""Drag a booked session to another time (or trainer); refusals inline; Ctrl+Z moves it back."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot
from sessions_ui_support import TODAY, Gym, MakePane, sell, settle

from the5hc_desktop.services.sessions import SessionView
from the5hc_desktop.ui.panes.sessions import SessionsPane
from the5hc_desktop.ui.panes.sessions.calendar_layout import CalendarItem
from the5hc_desktop.ui.panes.sessions.widgets import find_data

TOMORROW = TODAY + timedelta(days=1)


def at(day: object, hour: int, minute: int = 0) -> datetime:
    assert hasattr(day, "year")
    return datetime(day.year, day.month, day.day, hour, minute)  # type: ignore[attr-defined]


def block_of(pane: SessionsPane, session: SessionView) -> CalendarItem:
    return next(i for i in pane.schedule.calendar.items if i.session.id == session.id)


def drag(qtbot: QtBot, pane: SessionsPane, item: CalendarItem, to: datetime) -> None:
    view = pane.schedule.calendar
    rect = view.item_rect(item)
    grab = QPointF(rect.left() + 10, rect.top() + 4)
    target = view.slot_point(to)
    # The block's top-left lands on the target quarter hour; keep the grab offset.
    drop = QPointF(target.x(), target.y() - view._hour_px() * 7.5 / 60 + 4)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=grab.toPoint())
    middle = (grab + drop) / 2
    qtbot.mouseMove(view, middle.toPoint())
    qtbot.mouseMove(view, drop.toPoint())
    assert view.drop_target is not None
    assert view.drop_target[0] == to
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=drop.toPoint())
    settle(qtbot)


def test_drag_moves_the_session_and_ctrl_z_moves_it_back(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    package = sell(gym, "김민수", 10)
    booked = gym.services.sessions.book(gym.owner, gym.clients["김민수"], package,
                                        gym.owner.staff_id, at(TOMORROW, 10))
    pane = make_pane()
    drag(qtbot, pane, block_of(pane, booked), at(TOMORROW, 14))
    moved = gym.services.sessions.get(gym.owner, booked.id)
    assert moved.starts_at.replace(tzinfo=None) == at(TOMORROW, 14)
    assert block_of(pane, booked).start_min == 14 * 60
    assert not pane.schedule.move_notice.isVisible()
    assert pane.schedule.undo_action.isEnabled()
    pane.schedule.calendar.setFocus()
    qtbot.keyClick(pane.schedule.calendar, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    back = gym.services.sessions.get(gym.owner, booked.id)
    assert back.starts_at.replace(tzinfo=None) == at(TOMORROW, 10)
    assert block_of(pane, booked).start_min == 10 * 60


def test_a_refused_drop_is_said_beside_the_calendar_and_nothing_moves(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    package = sell(gym, "김민수", 10)
    other = sell(gym, "이영희", 10)
    booked = gym.services.sessions.book(gym.owner, gym.clients["김민수"], package,
                                        gym.owner.staff_id, at(TOMORROW, 10))
    gym.services.sessions.book(gym.owner, gym.clients["이영희"], other, gym.owner.staff_id,
                               at(TOMORROW, 16))
    pane = make_pane()
    combo = pane.schedule.trainer_combo
    combo.setCurrentIndex(find_data(combo, gym.owner.staff_id))  # the owner's diary alone
    settle(qtbot)
    drag(qtbot, pane, block_of(pane, booked), at(TOMORROW, 15, 30))  # runs into 16:00
    assert pane.schedule.move_notice.isVisible()
    assert "이영희" in pane.schedule.move_notice.text()
    assert gym.services.sessions.get(gym.owner, booked.id).starts_at.replace(
        tzinfo=None) == at(TOMORROW, 10)
    assert block_of(pane, booked).start_min == 10 * 60
