"""Idle lock: a fake clock or a short interval, no sleeping; only the right password unlocks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from the5hc_desktop.domain.errors import AuthenticationError
from the5hc_desktop.ui.lock import LockScreen
from the5hc_desktop.ui.main_window import MainWindow, StaffStatus
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.worker import Worker

PASSWORD = "correct horse"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def window(qtbot: QtBot, messages: MessageBridge, clock: FakeClock) -> MainWindow:
    win = MainWindow(
        staff=StaffStatus("김코치", "트레이너", "gym.sqlite3"),
        messages=messages,
        verify_password=lambda password: password == PASSWORD,
        idle_minutes=1,
        clock=clock,
    )
    qtbot.addWidget(win)
    win.show()
    return win


def _screen(window: MainWindow) -> LockScreen:
    screen = window.lock_screen
    assert screen is not None
    return screen


def _try(screen: LockScreen, password: str, lane: Worker) -> None:
    field = screen.findChild(QLineEdit, "lockPassword")
    button = screen.findChild(QPushButton, "lockUnlockButton")
    assert field is not None
    assert button is not None
    field.setText(password)
    button.click()
    assert lane.wait_idle()


def test_the_window_locks_after_the_idle_time(window: MainWindow, clock: FakeClock) -> None:
    assert window.idle_monitor.is_running()
    clock.now += 59
    assert not window.idle_monitor.check()
    assert not window.is_locked()
    with_signal: list[bool] = []
    window.locked.connect(lambda: with_signal.append(True))
    clock.now += 1
    assert window.idle_monitor.check()
    assert window.is_locked()
    assert with_signal == [True]
    assert window.root.currentWidget() is window.locked_page  # no member data shown
    assert not window.menuBar().isEnabled()
    assert _screen(window).isVisible()
    assert _screen(window).isModal()
    assert not window.idle_monitor.is_running()


def test_input_resets_the_idle_time(window: MainWindow, clock: FakeClock) -> None:
    clock.now += 50
    QTest.keyClick(window.navigation, Qt.Key.Key_Down)
    clock.now += 50  # 100 s since start, but only 50 s since the key press
    assert not window.idle_monitor.check()
    QTest.mouseMove(window.navigation)
    clock.now += 59
    assert not window.idle_monitor.check()
    clock.now += 1
    assert window.idle_monitor.check()
    assert window.is_locked()


def test_a_short_real_interval_locks_without_sleeping(
    qtbot: QtBot, messages: MessageBridge
) -> None:
    window = MainWindow(
        staff=StaffStatus("김코치", "트레이너", "gym.sqlite3"),
        messages=messages,
        verify_password=lambda _password: False,
        idle_minutes=0.05 / 60,  # 50 ms
        idle_check_ms=10,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.is_locked, timeout=5000)


def test_only_the_right_password_unlocks(
    window: MainWindow, task_worker: Worker, qtbot: QtBot
) -> None:
    window.registry.action("app.lock").trigger()  # Ctrl+L
    screen = _screen(window)
    error = screen.findChild(QLabel, "lockError")
    assert error is not None

    screen.reject()  # Esc does not unlock
    assert screen.isVisible()
    assert window.is_locked()

    _try(screen, "", task_worker)
    assert error.text() == "비밀번호를 입력하세요."
    _try(screen, "wrong password", task_worker)
    assert window.is_locked()
    assert not error.isHidden()
    assert error.text() == "비밀번호가 올바르지 않습니다."

    with qtbot.waitSignal(window.unlocked):
        _try(screen, PASSWORD, task_worker)
    assert not window.is_locked()
    assert window.lock_screen is None
    assert window.root.currentWidget() is window.splitter
    assert window.menuBar().isEnabled()
    assert window.idle_monitor.is_running()


def test_a_refusal_raised_by_the_service_is_shown(
    qtbot: QtBot, messages: MessageBridge, task_worker: Worker
) -> None:
    def verify(_password: str) -> bool:
        raise AuthenticationError(
            "너무 많은 로그인 시도로 계정이 잠겼습니다. 14:35까지 기다려주세요.", "Locked."
        )

    window = MainWindow(
        staff=StaffStatus("김코치", "트레이너", "gym.sqlite3"),
        messages=messages,
        verify_password=verify,
    )
    qtbot.addWidget(window)
    window.show()
    window.lock()
    screen = _screen(window)
    _try(screen, "whatever", task_worker)
    error = screen.findChild(QLabel, "lockError")
    assert error is not None
    assert "14:35까지" in error.text()
    assert window.is_locked()


def test_sign_out_from_the_lock_screen_keeps_the_data_hidden(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.lock()
    button = _screen(window).findChild(QPushButton, "lockSignOutButton")
    assert button is not None
    with qtbot.waitSignal(window.sign_out_requested):
        button.click()
    assert window.lock_screen is None
    assert window.is_locked()
    reopen = window.locked_page.findChild(QPushButton, "lockedPageUnlockButton")
    assert reopen is not None
    reopen.click()
    assert window.lock_screen is not None


def test_zero_minutes_turns_the_lock_off(window: MainWindow, clock: FakeClock) -> None:
    window.set_idle_minutes(0)
    clock.now += 10_000
    assert not window.idle_monitor.check()
    assert not window.idle_monitor.is_running()
    window.set_idle_minutes(1)
    assert window.idle_monitor.is_running()


def test_closing_the_window_stops_the_monitor(window: MainWindow) -> None:
    window.close()
    assert not window.idle_monitor.is_running()


def test_locking_clears_a_status_message_that_may_name_a_member(
    window: MainWindow, messages: MessageBridge
) -> None:
    messages.success("김민수 회원이 등록되었습니다.")
    assert window.message_label.text() == "김민수 회원이 등록되었습니다."
    window.lock()
    assert window.message_label.text() == ""


def test_enter_unlocks_after_a_wrong_password(
    window: MainWindow, task_worker: Worker, qtbot: QtBot
) -> None:
    """Wrong password, then the right one + Enter: unlocked, not signed out."""
    signed_out: list[bool] = []
    window.registry.action("app.lock").trigger()
    screen = _screen(window)
    screen.sign_out_requested.connect(lambda: signed_out.append(True))
    field = screen.findChild(QLineEdit, "lockPassword")
    assert field is not None
    for password in ("wrong password", "still wrong", PASSWORD):
        field.setFocus()
        qtbot.keyClicks(field, password)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert task_worker.wait_idle()
        assert not signed_out
    assert not window.is_locked()
