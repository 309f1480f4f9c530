"""세션 예약: the dialog books through SessionService; its refusals land under the field."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt, QTime
from pytestqt.qtbot import QtBot
from sessions_ui_support import TODAY, Gym, MakePane, SettableClock, sell, settle

from the5hc_desktop.services.sessions import SessionStatus
from the5hc_desktop.ui.main_window import MainWindow, StaffStatus
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.sessions import BookSessionDialog, SellPackageDialog, SessionsPane
from the5hc_desktop.ui.panes.sessions.calendar_layout import Mode
from the5hc_desktop.ui.panes.sessions.widgets import find_data


def open_booking(qtbot: QtBot, pane: SessionsPane, gym: Gym, client: str) -> BookSessionDialog:
    pane.book_session(gym.clients[client])
    settle(qtbot)
    dialog = pane.dialog
    assert isinstance(dialog, BookSessionDialog)
    return dialog


def set_start(dialog: BookSessionDialog, day: date, hour: int, minute: int = 0) -> None:
    dialog.date_edit.setDate(QDate(day.year, day.month, day.day))
    dialog.time_edit.setTime(QTime(hour, minute))


def book(qtbot: QtBot, dialog: BookSessionDialog) -> None:
    qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    settle(qtbot)


def test_books_until_the_credits_are_used_then_refuses_inline(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    package_id = sell(gym, "김민수", 2)
    pane = make_pane()
    for hour in (10, 14):
        dialog = open_booking(qtbot, pane, gym, "김민수")
        assert dialog.package_combo.currentData() == package_id  # the only one, preselected
        assert dialog.duration_spin.value() == 60
        set_start(dialog, TODAY, hour)
        book(qtbot, dialog)
        assert dialog.session is not None
        assert not shiboken6.isValid(dialog)  # closed (and deleted) after booking

    dialog = open_booking(qtbot, pane, gym, "김민수")
    assert dialog.package_combo.currentData() == package_id  # still listed, marked
    assert "(예약 가능 세션 없음)" in dialog.package_combo.currentText()
    set_start(dialog, TODAY, 16)
    book(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.errors.text("package_id") == "선택한 패키지에 남은 세션이 없습니다."
    booked = gym.services.sessions.day(gym.owner, TODAY)
    assert [(v.starts_at.hour, v.status) for v in booked] == [
        (10, SessionStatus.SCHEDULED), (14, SessionStatus.SCHEDULED)]
    assert [v.client_name for v in pane.schedule.today_list.model.rows()] == ["김민수", "김민수"]


def test_overlap_with_the_trainer_or_the_client_is_refused(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    sell(gym, "김민수", 5)
    sell(gym, "이영희", 5)
    trainer = gym.trainer.staff_id
    pane = make_pane()

    first = open_booking(qtbot, pane, gym, "김민수")
    first.trainer_combo.setCurrentIndex(find_data(first.trainer_combo, trainer))
    set_start(first, TODAY, 10)
    book(qtbot, first)
    assert first.session is not None

    clash = open_booking(qtbot, pane, gym, "이영희")  # 박코치 is her trainer: preselected
    assert clash.trainer_combo.currentData() == trainer
    set_start(clash, TODAY, 10, 30)
    book(qtbot, clash)
    assert clash.errors.text("starts_at") == (
        "박코치 트레이너는 10:00–11:00에 이미 김민수 회원의 세션이 있습니다.")

    clash.trainer_combo.setCurrentIndex(find_data(clash.trainer_combo, gym.owner.staff_id))
    book(qtbot, clash)  # another trainer at the same time: fine
    assert clash.session is not None

    client_clash = open_booking(qtbot, pane, gym, "김민수")
    client_clash.trainer_combo.setCurrentIndex(
        find_data(client_clash.trainer_combo, gym.senior.staff_id))
    set_start(client_clash, TODAY, 10, 45)
    book(qtbot, client_clash)
    assert client_clash.errors.text("starts_at").startswith("김민수 회원은 10:00–11:00에 이미")


def test_expired_package_is_refused_inline(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, clock: SettableClock
) -> None:
    clock.value = datetime(2025, 3, 1, 1, 0, tzinfo=UTC)
    sell(gym, "김민수", 5, expires_on=date(2025, 3, 10))
    clock.value = datetime(2025, 3, 12, 0, 30, tzinfo=UTC)
    pane = make_pane()
    dialog = open_booking(qtbot, pane, gym, "김민수")
    assert "(만료)" in dialog.package_combo.currentText()
    set_start(dialog, TODAY, 15)
    book(qtbot, dialog)
    assert dialog.errors.text("package_id") == "패키지가 만료되었습니다 (만료일 2025-03-10)."


def test_a_client_without_a_package_is_offered_a_sale(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    pane = make_pane()
    dialog = open_booking(qtbot, pane, gym, "이영희")
    assert dialog.package_combo.count() == 0
    assert not dialog.book_button.isEnabled()
    assert dialog.sell_button.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.sell_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert isinstance(pane.dialog, SellPackageDialog)
    assert pane.dialog.picker.client_name() == "이영희"


def test_clicking_a_free_slot_books_that_time(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    sell(gym, "김민수", 5)
    pane = make_pane()
    assert pane.schedule.mode is Mode.WEEK
    friday = TODAY + timedelta(days=2)
    point = pane.schedule.calendar.slot_point(datetime.combine(friday, datetime.min.time()).replace(
        hour=15, minute=30))
    qtbot.mouseClick(pane.schedule.calendar, Qt.MouseButton.LeftButton, pos=point.toPoint())
    settle(qtbot)
    dialog = pane.dialog
    assert isinstance(dialog, BookSessionDialog)
    assert dialog.start() == datetime(2025, 3, 14, 15, 30)
    dialog.picker.search("김민")
    settle(qtbot)
    book(qtbot, dialog)
    assert [(v.client_name, v.starts_at.hour, v.starts_at.minute) for v in
            (item.session for item in pane.schedule.calendar.items)] == [("김민수", 15, 30)]


def test_day_view_slots_carry_their_trainer(qtbot: QtBot, make_pane: MakePane, gym: Gym) -> None:
    pane = make_pane()
    pane.schedule.set_mode(Mode.DAY)
    settle(qtbot)
    names = [name for _id, name in pane.schedule.calendar.columns]
    assert names == ["김대표", "박코치", "최선임"]
    column = names.index("박코치")
    point = pane.schedule.calendar.slot_point(datetime(2025, 3, 12, 18, 0), column)
    qtbot.mouseClick(pane.schedule.calendar, Qt.MouseButton.LeftButton, pos=point.toPoint())
    settle(qtbot)
    dialog = pane.dialog
    assert isinstance(dialog, BookSessionDialog)
    assert dialog.trainer_combo.currentData() == gym.trainer.staff_id
    assert dialog.start() == datetime(2025, 3, 12, 18, 0)


@pytest.mark.usefixtures("gym")
def test_ctrl_b_opens_the_booking_dialog(
    qtbot: QtBot, make_pane: MakePane, messages: MessageBridge
) -> None:
    pane = make_pane()
    window = MainWindow(staff=StaffStatus("김대표", "소유자", "test.sqlite3"), messages=messages,
                        verify_password=lambda _p: True, panes=[pane])
    qtbot.addWidget(window)
    window.registry.trigger("session.new")
    settle(qtbot)
    assert isinstance(pane.dialog, BookSessionDialog)
    assert pane.dialog.duration_spin.value() == 60
    assert pane.dialog.start() == datetime(2025, 3, 12, 9, 45)  # the next quarter hour


@pytest.mark.parametrize(("typed", "hour", "minute"), [
    ("19:00", 19, 0), ("1900", 19, 0), ("7", 7, 0), ("730", 7, 30), ("19", 19, 0)])
def test_the_start_time_takes_typed_digits(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, typed: str, hour: int, minute: int
) -> None:
    """Typing a time in the dialog books that time (↑/↓ were the only way before)."""
    sell(gym, "김민수", 3)
    pane = make_pane()
    dialog = open_booking(qtbot, pane, gym, "김민수")
    tomorrow = TODAY + timedelta(days=1)
    dialog.date_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    dialog.time_edit.setFocus()
    qtbot.keyClicks(dialog.time_edit, typed)
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Return)  # Enter books at once
    settle(qtbot)
    (booked,) = gym.services.sessions.day(gym.owner, tomorrow)
    assert (booked.starts_at.hour, booked.starts_at.minute) == (hour, minute)


def test_the_start_time_arrows_move_quarter_hours_and_a_non_time_is_undone(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    sell(gym, "김민수", 3)
    pane = make_pane()
    dialog = open_booking(qtbot, pane, gym, "김민수")
    dialog.time_edit.setTime(QTime(10, 7))
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Up)
    assert dialog.time_edit.time() == QTime(10, 15)
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Down)
    assert dialog.time_edit.time() == QTime(9, 45)
    qtbot.keyClicks(dialog.time_edit, "25")  # no hour 25: letters and the like never get in
    qtbot.keyClicks(dialog.time_edit, "x")
    assert dialog.time_edit.text() == "25"
    dialog.time_edit.editingFinished.emit()
    assert dialog.time_edit.time() == QTime(9, 45)
    assert dialog.time_edit.text() == "09:45"
    dialog.reject()
