"""반복 예약: preview the dates with their conflicts, untick one, book the rest at once."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot
from sessions_ui_support import TODAY, Gym, MakePane, sell, settle

from the5hc_desktop.services.sessions import SessionStatus
from the5hc_desktop.ui.panes.sessions.recurring_dialog import RecurringBookingDialog

MONDAY = TODAY + timedelta(days=5)  # TODAY is Wednesday 2025-03-12: Monday 17 March


def open_dialog(qtbot: QtBot, make_pane: MakePane, gym: Gym) -> RecurringBookingDialog:
    pane = make_pane()
    qtbot.mouseClick(pane.schedule.recurring_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    dialog = pane.dialog
    assert isinstance(dialog, RecurringBookingDialog)
    dialog.picker.set_client(gym.clients["김민수"], "김민수")
    settle(qtbot)
    dialog.date_edit.setDate(MONDAY)
    dialog.time_edit.setTime(QTime(19, 0))
    dialog.time_edit.editingFinished.emit()
    for number, box in enumerate(dialog.weekday_boxes):
        box.setChecked(number in (0, 2))
    dialog.count_spin.setValue(4)
    return dialog


def test_preview_lists_conflicts_and_books_the_ticked_dates(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    package = sell(gym, "김민수", 10)
    other = sell(gym, "이영희", 10)
    # The owner trains 이영희 on Wednesday the 19th at 19:00: a clash.
    gym.services.sessions.book(gym.owner, gym.clients["이영희"], other, gym.owner.staff_id,
                               datetime(2025, 3, 19, 19))
    dialog = open_dialog(qtbot, make_pane, gym)
    assert dialog.rule_label.text() == "매주 월·수 19:00, 4회"
    assert not dialog.book_button.isEnabled()  # nothing previewed yet
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert dialog.preview is not None
    rows = [(dialog.table.item(r, 0).data(Qt.ItemDataRole.UserRole),  # type: ignore[union-attr]
             dialog._row_checked(r)) for r in range(dialog.table.rowCount())]
    assert rows == [(date(2025, 3, 17), True), (date(2025, 3, 19), False),
                    (date(2025, 3, 24), True), (date(2025, 3, 26), True)]
    assert "이영희" in dialog.table.item(1, 2).text()  # type: ignore[union-attr]
    assert dialog.book_button.isEnabled()
    assert dialog.book_button.text() == "세션 3개 예약"
    booked: list[object] = []
    dialog.series_booked.connect(booked.append)
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert len(booked) == 1
    mine = [v for v in gym.services.sessions.list_range(gym.owner, MONDAY,
                                                        MONDAY + timedelta(days=14))
            if v.client_name == "김민수"]
    assert [v.starts_at.date() for v in mine] == [date(2025, 3, 17), date(2025, 3, 24),
                                                  date(2025, 3, 26)]
    assert {v.status for v in mine} == {SessionStatus.SCHEDULED}
    assert gym.services.packages.get(gym.owner, package).remaining == 10


def test_too_few_credits_keep_the_book_button_off(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    sell(gym, "김민수", 3)
    dialog = open_dialog(qtbot, make_pane, gym)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert not dialog.book_button.isEnabled()
    assert "3" in dialog.summary.text()
    item = dialog.table.item(3, 0)
    assert item is not None
    item.setCheckState(Qt.CheckState.Unchecked)  # drop the last date: three fit
    assert dialog.book_button.isEnabled()
    dialog.count_spin.setValue(5)  # a changed rule needs a new preview
    assert not dialog.book_button.isEnabled()
    assert dialog.table.rowCount() == 0
