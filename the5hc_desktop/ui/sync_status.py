"""The sync part of the status bar: 오프라인 / 동기화 중… / HH:MM 동기화됨 / 오류: reason.

A flat button, so a click opens the details (the full reason of an error, what is still
waiting to go up). Offline is shown as a normal state in grey, never in red.
"""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton, QWidget

from the5hc_desktop.ui import gym_clock
from the5hc_desktop.ui.dialogs import ERROR_COLOUR, Dialogs
from the5hc_desktop.ui.messages import error_text
from the5hc_desktop.ui.sync_controller import SyncDisplay, SyncPhase

_COLOURS = {SyncPhase.OFFLINE: "#607d8b", SyncPhase.SYNCING: "#1565c0",
            SyncPhase.SYNCED: "#2e7d32", SyncPhase.ERROR: ERROR_COLOUR}


class SyncStatusButton(QToolButton):

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusSyncButton")
        self.setAutoRaise(True)
        self.display = SyncDisplay(SyncPhase.OFF)
        self.clicked.connect(self.show_details)
        self.show_state(self.display)

    def state_text(self, display: SyncDisplay) -> str:
        if display.phase is SyncPhase.OFF:
            return ""
        if display.phase is SyncPhase.OFFLINE:
            text = self.tr("Offline")
        elif display.phase is SyncPhase.SYNCING:
            text = self.tr("Syncing…")
        elif display.phase is SyncPhase.SYNCED:
            at = gym_clock.local(display.last_synced) if display.last_synced else None
            text = self.tr("Synced {time}").format(time=at.strftime("%H:%M") if at else "")
        else:
            text = self.tr("Error: {reason}").format(reason=self._reason(display))
        if display.pending:
            text += " · " + self.tr("{count} to send").format(count=display.pending)
        return text

    def _reason(self, display: SyncDisplay) -> str:
        kind = display.error.kind if display.error is not None else ""
        reasons = {
            "auth": self.tr("wrong secret"),
            "revoked": self.tr("device revoked"),
            "wrong_gym": self.tr("another gym"),
            "update_required": self.tr("update required"),
            "clock_ahead": self.tr("clock ahead"),
            "refused": self.tr("refused by the server"),
            "server": self.tr("server fault"),
            "secret": self.tr("secret needed"),
        }
        return reasons.get(kind, self.tr("see details"))

    def show_state(self, display: SyncDisplay) -> None:
        self.display = display
        self.setVisible(display.phase is not SyncPhase.OFF)
        self.setText(self.state_text(display))
        colour = _COLOURS.get(display.phase)
        self.setStyleSheet(f"color: {colour};" if colour else "")
        self.setToolTip(self._details())

    def _details(self) -> str:
        display = self.display
        lines = []
        if display.error is not None:
            lines.append(error_text(display.error))
        if display.phase is SyncPhase.OFFLINE:
            lines.append(self.tr("The server cannot be reached. Work goes on here; changes "
                                 "are sent when the connection is back."))
        if display.last_synced is not None:
            lines.append(self.tr("Last synced: {time}").format(
                time=gym_clock.stamp(display.last_synced)))
        lines.append(self.tr("Changes not yet on the server: {count}").format(
            count=display.pending))
        if display.conflicts:
            lines.append(self.tr("Conflict log entries: {count}").format(count=display.conflicts))
        return "\n".join(lines)

    def show_details(self) -> None:
        text = self._details()
        if self.display.phase is SyncPhase.ERROR:
            Dialogs.error(self.window(), self.tr("Sync"), text)
        else:
            Dialogs.inform(self.window(), self.tr("Sync"), text)


def ask_secret(parent: QWidget | None) -> str | None:
    """Once per run, where the computer has no keyring: the device secret, and why."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from the5hc_desktop.sync.enrolment import normalize_secret

    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("SyncStatusButton", "Device secret"),
        QCoreApplication.translate(
            "SyncStatusButton",
            "This computer has no keyring to keep the sync secret safely, so it is asked "
            "once each time the program starts. Enter the device secret:"),
        QLineEdit.EchoMode.Password,
    )
    return normalize_secret(text.strip()) if ok and text.strip() else None
