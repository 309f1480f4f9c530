"""Issue 16's calendar defects: names in month cells, counts in crowded slots, the trainer
of each block, the scroll after a check-off, English weekday headers, keyboard."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot
from sessions_ui_support import TODAY, AskRecorder, Gym, MakePane, sell, settle

from the5hc_desktop.services.sessions import SessionStatus, SessionView
from the5hc_desktop.ui import dialogs
from the5hc_desktop.ui.panes.sessions.calendar_layout import Mode, trainer_colour, week_start
from the5hc_desktop.ui.panes.sessions.calendar_view import CalendarView, month_line
from the5hc_desktop.ui.panes.sessions.today_list import COMPLETE

MONDAY = week_start(TODAY)


def view_of(name: str, start: datetime, trainer: tuple[uuid.UUID, str],
            status: SessionStatus = SessionStatus.SCHEDULED) -> SessionView:
    return SessionView(uuid.uuid4(), uuid.uuid4(), name, uuid.uuid4(), "10회", trainer[0],
                       trainer[1], start, start + timedelta(hours=1), 60, status, 5, "", None)


def trainers(count: int) -> list[tuple[uuid.UUID, str]]:
    return [(uuid.uuid4(), f"코치{n:02d}") for n in range(count)]


def week_view(qtbot: QtBot, width: int = 900) -> CalendarView:
    view = CalendarView()
    qtbot.addWidget(view)
    view.resize(width, 700)
    view.set_range(Mode.WEEK, MONDAY, 7, TODAY)
    return view


def test_a_crowded_slot_shows_its_count_and_lists_its_sessions(qtbot: QtBot) -> None:
    coaches = trainers(15)
    start = datetime.combine(TODAY, datetime.min.time()).replace(hour=10)
    crowd = [view_of(f"회원{n:02d}", start, coaches[n]) for n in range(15)]
    view = week_view(qtbot)
    view.set_sessions(crowd)
    assert [item.count for item in view.items] == [15]  # one block, not fifteen slivers
    item = view.items[0]
    assert {entry.client_name for entry in item.crowd} == {v.client_name for v in crowd}
    tooltip = view.describe_crowd(item.crowd)
    assert tooltip.splitlines()[0] == "15건"
    assert "회원00 · 코치00" in tooltip
    assert "+3건 더" in tooltip
    texts = [text for block in view._blocks() for _rect, text in block.lines]
    assert any("15" in text for text in texts)
    clicked: list[tuple[object, ...]] = []
    view.crowd_clicked.connect(lambda entries, _where: clicked.append(entries))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton,
                     pos=view.item_rect(item).center().toPoint())
    assert len(clicked) == 1
    assert len(clicked[0]) == 15


def test_every_block_names_and_colours_its_trainer_when_all_are_shown(qtbot: QtBot) -> None:
    first, second = trainers(2)
    start = datetime.combine(TODAY, datetime.min.time()).replace(hour=10)
    view = week_view(qtbot, 1400)
    view.set_sessions([view_of("김민수", start, first),
                       view_of("이영희", start + timedelta(days=1), second)])
    blocks = {block.session_id: block for block in view._blocks()}
    for item in view.items:
        block = blocks[item.session.id]
        assert item.session.trainer_name in [text for _rect, text in block.lines]
        assert block.edge.name() == trainer_colour(item.session.trainer_id)
    assert trainer_colour(first[0]) == trainer_colour(uuid.UUID(int=first[0].int))  # stable


def test_the_schedule_legend_lists_the_trainers_colours(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    package = sell(gym, "김민수", 10)
    gym.services.sessions.book(gym.owner, gym.clients["김민수"], package,
                               gym.trainer.staff_id, datetime.combine(TODAY, datetime.min.time())
                               .replace(hour=15))
    pane = make_pane()
    legend = pane.schedule.legend.text()
    assert "박코치" in legend
    assert trainer_colour(gym.trainer.staff_id) in legend


def test_month_cells_name_the_members_even_when_narrow(qtbot: QtBot) -> None:
    coach = trainers(1)[0]
    start = datetime.combine(TODAY, datetime.min.time()).replace(hour=7)
    entry = view_of("김민수", start, coach)
    view = CalendarView()
    qtbot.addWidget(view)
    metrics = QFontMetrics(view.font())
    narrow = metrics.horizontalAdvance("07:00 김민") - 1
    assert "김" in month_line(entry, metrics, narrow)  # never "07:00 …"
    wide = metrics.horizontalAdvance("07:00 김민수") + 4
    assert month_line(entry, metrics, wide) == "07:00 김민수"


@pytest.mark.parametrize("width", [700, 900, 1400])
def test_the_english_week_header_names_the_weekdays(
    qtbot: QtBot, ui_session: object, width: int
) -> None:
    ui_session.use("en")  # type: ignore[attr-defined]
    try:
        view = week_view(qtbot, width)
        titles = view.header_titles()
    finally:
        ui_session.use("ko")  # type: ignore[attr-defined]
    weekdays = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    assert [any(day in title for day in weekdays) for title in titles] == [True] * 7, titles


def test_arrows_and_enter_move_between_blocks(qtbot: QtBot) -> None:
    coach = trainers(1)[0]
    base = datetime.combine(MONDAY, datetime.min.time())
    sessions = [view_of("월9", base.replace(hour=9), coach),
                view_of("월11", base.replace(hour=11), coach),
                view_of("화10", base.replace(hour=10) + timedelta(days=1), coach)]
    view = week_view(qtbot, 1200)
    view.set_sessions(sessions)
    view.setFocus()
    opened: list[str] = []
    view.session_clicked.connect(lambda entry: opened.append(entry.client_name))
    qtbot.keyClick(view, Qt.Key.Key_Down)  # nothing selected: the first block
    assert view.selected_item() is not None
    assert view.selected_item().session.client_name == "월9"  # type: ignore[union-attr]
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.selected_item().session.client_name == "월11"  # type: ignore[union-attr]
    qtbot.keyClick(view, Qt.Key.Key_Right)  # Tuesday's block nearest in time
    assert view.selected_item().session.client_name == "화10"  # type: ignore[union-attr]
    opened.clear()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == ["화10"]


def test_the_calendar_keeps_its_scroll_and_selection_after_a_check_off(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "ask", AskRecorder(True))
    package = sell(gym, "김민수", 10)
    late = gym.services.sessions.book(gym.owner, gym.clients["김민수"], package,
                                      gym.owner.staff_id,
                                      datetime.combine(TODAY, datetime.min.time()).replace(
                                          hour=23))  # widens the grid to midnight
    pane = make_pane()
    pane.resize(1300, 500)
    settle(qtbot)
    bar = pane.schedule.calendar_scroll.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    scrolled = bar.value()
    pane.schedule.show_session(late)
    settle(qtbot)
    rect = pane.schedule.today_list.action_rect(late.id, COMPLETE)
    assert rect is not None
    jumps: list[int] = []
    bar.valueChanged.connect(jumps.append)
    qtbot.mouseClick(pane.schedule.today_list.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    settle(qtbot)
    assert gym.services.sessions.get(gym.owner, late.id).status is SessionStatus.COMPLETED
    assert bar.value() == scrolled
    assert jumps == []
    assert pane.schedule.calendar.selected_id == late.id
