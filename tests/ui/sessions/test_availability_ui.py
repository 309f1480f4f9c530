"""Outside-availability shading on the calendar and the 근무 시간 editor."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from pytestqt.qtbot import QtBot
from sessions_ui_support import TODAY, AskRecorder, Gym, MakePane, sell, settle

from the5hc_desktop.domain.availability import BookingPolicy
from the5hc_desktop.ui.dialogs import Dialogs
from the5hc_desktop.ui.panes.sessions import BookSessionDialog, SessionsPane
from the5hc_desktop.ui.panes.sessions.availability_dialog import AvailabilityDialog
from the5hc_desktop.ui.panes.sessions.calendar_layout import Mode
from the5hc_desktop.ui.panes.sessions.calendar_shading import shaded_rects
from the5hc_desktop.ui.panes.sessions.widgets import find_data

SEOUL = ZoneInfo("Asia/Seoul")
WEEKDAYS = {str(d): [["09:00", "12:00"], ["13:00", "18:00"]] for d in range(5)}


def test_day_view_shades_each_trainer_outside_their_hours(
        qtbot: QtBot, make_pane: MakePane, gym: Gym, tmp_path: object) -> None:
    gym.services.availability.set_weekly(gym.owner, gym.trainer.staff_id, WEEKDAYS)
    pane = make_pane()
    page = pane.schedule
    page.show_day(TODAY, Mode.DAY)
    settle(qtbot)
    view = page.calendar
    coach = next(c for c, (t, _n) in enumerate(view.columns) if t == gym.trainer.staff_id)
    rects = shaded_rects(view)
    # Only the coach has hours set: the others are open all day (not set up = available).
    col_w = view._column_width()
    columns = {round((r.x() - 54) / col_w) for r in rects}
    assert columns == {coach}
    # 06:00–09:00, 12:00–13:00 and 18:00–23:00 of the shown 06–23 grid.
    hour_px = view._hour_px()
    assert sorted(round(r.height() / hour_px, 2) for r in rects) == [1.0, 3.0, 5.0]
    pane.grab().save(str(tmp_path) + "/day_shading.png")  # type: ignore[operator]

    # A week filtered to the coach shades every day; all trainers together shade nothing.
    page.set_mode(Mode.WEEK)
    page.trainer_combo.setCurrentIndex(find_data(page.trainer_combo, gym.trainer.staff_id))
    settle(qtbot)
    assert len({round(r.x()) for r in shaded_rects(view)}) == 7
    page.trainer_combo.setCurrentIndex(0)
    settle(qtbot)
    assert shaded_rects(view) == []


def test_the_editor_saves_hours_and_a_day_off(qtbot: QtBot, make_pane: MakePane,
                                              gym: Gym) -> None:
    pane = make_pane(gym.trainer)
    button = pane.schedule.hours_button
    assert button is not None
    dialog = AvailabilityDialog(gym.services.availability, gym.trainer, pane._messages,
                                [(gym.owner.staff_id, "김대표"),
                                 (gym.trainer.staff_id, "박코치")], pane)
    qtbot.addWidget(dialog)
    settle(qtbot)
    # A trainer edits only themself, and sees no gym rules.
    assert dialog.trainer_combo.count() == 1
    assert dialog.opening_edits == []
    dialog.day_edits[0].setText("09:00-12:00, 13:00~18:00")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    dialog.exception_kind.setCurrentIndex(dialog.exception_kind.findData("vacation"))
    dialog.add_exception()
    settle(qtbot)
    view = gym.services.availability.get(gym.owner, gym.trainer.staff_id)
    assert view.weekly == {"0": [["09:00", "12:00"], ["13:00", "18:00"]]}
    assert [e.kind.value for e in view.exceptions] == ["vacation"]
    assert dialog.exception_table.rowCount() == 1
    dialog.day_edits[1].setText("9시")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "9시" in dialog.error_label.text()


def _booking(qtbot: QtBot, pane: SessionsPane, gym: Gym) -> BookSessionDialog:
    pane.book_session(gym.clients["김민수"], trainer_id=gym.trainer.staff_id)
    settle(qtbot)
    dialog = pane.dialog
    assert isinstance(dialog, BookSessionDialog)
    return dialog


def test_next_free_time_books_in_one_click(qtbot: QtBot, make_pane: MakePane, gym: Gym,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    sell(gym, "김민수", 5)
    gym.services.availability.set_weekly(gym.owner, gym.trainer.staff_id, WEEKDAYS)
    pane = make_pane()
    dialog = _booking(qtbot, pane, gym)
    assert dialog.free_slots is not None
    shown: list[object] = []
    # The offscreen platform cannot grab for a popup menu: record where it would open.
    monkeypatch.setattr(dialog.free_slots.menu, "popup", shown.append)
    qtbot.mouseClick(dialog.free_slots.button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    # Now is Wednesday 09:30 in Seoul, inside the hours: the first start is now.
    assert dialog.free_slots.slots[:2] == [datetime(2025, 3, 12, 9, 30, tzinfo=SEOUL),
                                           datetime(2025, 3, 12, 10, tzinfo=SEOUL)]
    assert len(shown) == 1
    actions = dialog.free_slots.menu.actions()
    assert actions[1].text() == "03-12 (수) 10:00"
    actions[1].trigger()
    settle(qtbot)
    assert dialog.session is not None
    assert dialog.session.starts_at == datetime(2025, 3, 12, 10, tzinfo=SEOUL)


def test_outside_hours_asks_then_books_or_is_refused(
        qtbot: QtBot, make_pane: MakePane, gym: Gym, monkeypatch: pytest.MonkeyPatch) -> None:
    sell(gym, "김민수", 5)
    gym.services.availability.set_weekly(gym.owner, gym.trainer.staff_id, WEEKDAYS)
    ask = AskRecorder(answer=False)
    monkeypatch.setattr(Dialogs, "ask", ask)
    pane = make_pane()
    dialog = _booking(qtbot, pane, gym)
    dialog.date_edit.setDate(QDate(2025, 3, 12))
    dialog.time_edit.setTime(QTime(12, 0))
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert dialog.errors.text("starts_at") == "트레이너 근무 시간이 아닙니다."  # inline
    assert len(ask.questions) == 1
    assert dialog.session is None
    ask.answer = True
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    settle(qtbot)
    assert dialog.session is not None  # confirmed, booked

    gym.services.availability.set_gym_rules(gym.owner, None, BookingPolicy.REFUSE)
    dialog = _booking(qtbot, pane, gym)
    dialog.date_edit.setDate(QDate(2025, 3, 12))
    dialog.time_edit.setTime(QTime(19, 0))
    asked = len(ask.questions)
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert dialog.errors.text("starts_at") == "트레이너 근무 시간이 아닙니다."
    assert len(ask.questions) == asked  # refused: nothing to ask
    assert dialog.session is None


def test_all_packages_tab_filters_sorts_and_exports_contacts(
        qtbot: QtBot, make_pane: MakePane, gym: Gym, tmp_path: object) -> None:
    sell(gym, "김민수", 5)
    sell(gym, "이영희", 2)
    pane = make_pane()
    panel = pane.gym_packages
    assert panel is not None
    pane.tabs.setCurrentWidget(panel)
    settle(qtbot)
    assert sorted(r.package.client_name for r in panel.model.rows()) == ["김민수", "이영희"]
    panel.low_box.setChecked(True)
    settle(qtbot)
    assert [r.package.client_name for r in panel.model.rows()] == ["이영희"]
    panel.low_box.setChecked(False)
    settle(qtbot)
    panel.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # sessions left, as numbers
    first = panel.proxy.index(0, 0).data()
    assert first == "이영희"
    panel.table.selectRow(0)
    assert panel.bonus_button.isEnabled()
    pane.grab().save(str(tmp_path) + "/all_packages.png")  # type: ignore[operator]
    target = tmp_path / "contacts.xlsx"  # type: ignore[operator]
    panel.export_contacts_to(target)
    settle(qtbot)
    assert target.exists()
