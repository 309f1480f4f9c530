"""Idle lock: after N minutes without input the window locks until the password is entered.

`IdleMonitor` filters every event of the application and notes the time of the last input;
a periodic check compares it with an injectable clock, so tests use a fake clock or a
short interval and never sleep. `LockScreen` is an application-modal dialog, so it takes
the keyboard even when another modal dialog was open; the main window hides its content
behind it. Nothing open is closed, so no work is lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.ui import worker
from the5hc_desktop.ui.dialogs import ERROR_COLOUR
from the5hc_desktop.ui.messages import error_text

DEFAULT_IDLE_MINUTES = 30
SETTINGS_KEY = "security/idle_lock_minutes"

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class IdleMonitor(QObject):
    """Emits `timed_out` once `timeout_s` pass without keyboard, mouse or touch input."""

    timed_out = Signal()

    def __init__(
        self,
        timeout_s: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        check_interval_ms: int = 10_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._timeout_s = timeout_s
        self._last_input = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self.check)
        self._filtering = False

    @property
    def timeout_s(self) -> float:
        return self._timeout_s

    def set_timeout(self, timeout_s: float) -> None:
        """0 or less disables the lock."""
        self._timeout_s = timeout_s
        if self._filtering:
            self.start()

    def start(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and not self._filtering:
            app.installEventFilter(self)
            self._filtering = True
        self.touch()
        if self._timeout_s > 0:
            self._timer.start()
        else:
            self._timer.stop()

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._filtering:
            app.removeEventFilter(self)
        self._filtering = False
        self._timer.stop()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def touch(self) -> None:
        self._last_input = self._clock()

    def idle_seconds(self) -> float:
        return self._clock() - self._last_input

    def check(self) -> bool:
        """Emit `timed_out` if the idle time has run out; the timer calls this."""
        if self._timeout_s <= 0 or self.idle_seconds() < self._timeout_s:
            return False
        self.touch()  # one emission per idle period
        self.timed_out.emit()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Runs for every event of the application: keep it to one set lookup.
        if event.type() in _INPUT_EVENTS:
            self._last_input = self._clock()
        return False


class LockScreen(QDialog):
    """Asks the signed-in staff member's password; only the right one closes it."""

    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(
        self,
        verify_password: Callable[[str], bool],
        staff_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setWindowTitle(self.tr("The5HC is locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self._verify = verify_password
        self._may_close = False
        self._busy = False

        message = QLabel(
            self.tr("The5HC is locked. Enter the password of {name} to continue.").format(
                name=staff_name
            )
        )
        message.setObjectName("lockMessage")
        message.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.password.textEdited.connect(self._clear_error)
        self.error = QLabel()
        self.error.setObjectName("lockError")
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.setWordWrap(True)
        self.error.hide()

        buttons = QDialogButtonBox()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("lockUnlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        sign_out = QPushButton(self.tr("Sign out"))
        sign_out.setObjectName("lockSignOutButton")
        # Enter means Unlock, even after a check moved the focus past this button.
        sign_out.setAutoDefault(False)
        sign_out.clicked.connect(self.sign_out_requested)
        buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(sign_out, QDialogButtonBox.ButtonRole.ResetRole)

        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.try_unlock()
            return
        super().keyPressEvent(event)

    def try_unlock(self) -> None:
        if self._busy:
            return
        password = self.password.text()
        if not password:
            self._show_error(self.tr("Enter your password."))
            return
        self._set_busy(True)
        worker.run(
            lambda _ctx: self._verify(password),
            self._verified,
            on_failure=lambda error: self._show_error(error_text(error)),
            cancellable=False,
            parent=self,
            on_done=lambda: self._set_busy(False),
        )

    def _verified(self, ok: bool) -> None:
        if ok:
            self._may_close = True
            self.accept()
            self.unlocked.emit()
        else:
            self._show_error(self.tr("The password is not correct."))

    def _show_error(self, text: str) -> None:
        self.password.clear()
        self.password.setFocus()
        self.error.setText(text)
        self.error.show()

    def _clear_error(self) -> None:
        self.error.hide()

    def _set_busy(self, busy: bool) -> None:
        # Read-only, not disabled: a disabled field would push the focus onto 로그아웃.
        self._busy = busy
        self.password.setReadOnly(busy)
        self.unlock_button.setEnabled(not busy)
        if not busy:
            self.password.setFocus()

    def release(self) -> None:
        """Close without a password (sign-out or shutdown decided elsewhere)."""
        self._may_close = True
        self.done(QDialog.DialogCode.Rejected)

    # Esc and the window's close button must not unlock.
    def reject(self) -> None:
        if self._may_close:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close:
            super().closeEvent(event)
        else:
            event.ignore()
