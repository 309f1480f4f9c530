"""The selected session: who, when, which package, its state, and the actions it allows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from the5hc_desktop.services.sessions import SessionStatus, SessionView
from the5hc_desktop.ui import i18n
from the5hc_desktop.ui.panes.sessions import formatting as fmt
from the5hc_desktop.ui.panes.sessions.today_list import (
    CANCEL,
    COMPLETE,
    NO_SHOW,
    UNDO,
    actions_for,
)


class SessionDetail(QGroupBox):
    """`action_requested(kind, SessionView)`; `packages_requested(SessionView)`."""

    action_requested = Signal(str, object)
    packages_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionDetail")
        self.setTitle(self.tr("Selected session"))
        self._language = i18n.current_language()
        self.view: SessionView | None = None
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (("client", self.tr("Client")), ("when", self.tr("Time")),
                           ("trainer", self.tr("Trainer")), ("package", self.tr("Package")),
                           ("status", self.tr("Status")), ("remaining", self.tr("Left")),
                           ("notes", self.tr("Notes"))):
            value = QLabel()
            value.setObjectName(f"session_{key}")
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.RichText if key == "status"
                                else Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(label, value)
        self.buttons = {
            COMPLETE: QPushButton(self.tr("Complete")),
            CANCEL: QPushButton(self.tr("Cancel booking")),
            NO_SHOW: QPushButton(self.tr("No-show")),
            UNDO: QPushButton(self.tr("Undo completion")),
        }
        row = QHBoxLayout()
        for kind, button in self.buttons.items():
            button.setObjectName(f"detail_{kind}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, k=kind: self._act(k))
            row.addWidget(button)
        self.packages_button = QPushButton(self.tr("Packages…"))
        self.packages_button.setObjectName("detailPackagesButton")
        self.packages_button.clicked.connect(self._packages)
        row.addStretch(1)
        row.addWidget(self.packages_button)
        form.addRow(row)
        self.setLayout(form)
        self.show_session(None)

    def show_session(self, view: SessionView | None) -> None:
        self.view = view
        allowed = actions_for(view.status) if view is not None else ()
        for kind, button in self.buttons.items():
            button.setVisible(kind in allowed)
        if view is not None:
            self.buttons[UNDO].setText(self.undo_text(view.status))
        self.packages_button.setEnabled(view is not None)
        if view is None:
            for label in self.values.values():
                label.setText("")
            self.values["client"].setText(self.tr("Click a session in the calendar."))
            return
        colour = fmt.STATUS_COLOURS[view.status]
        texts = {
            "client": view.client_name,
            "when": f"{fmt.day_text(view.starts_at.date(), self._language)} "
                    f"{fmt.time_span(view.starts_at, view.ends_at)}",
            "trainer": view.trainer_name,
            "package": view.package_name,
            "status": f"<span style='color:{colour}; font-weight:bold'>"
                      f"{fmt.status_text(view.status, self._language)}</span>",
            "remaining": self.tr("{count} sessions").format(count=view.remaining_sessions),
            "notes": view.notes,
        }
        for key, text in texts.items():
            self.values[key].setText(text)

    def undo_text(self, status: SessionStatus) -> str:
        """What 되돌리기 takes back, named for the session's state (button and menu)."""
        if status is SessionStatus.NO_SHOW:
            return self.tr("Undo no-show")
        if status is SessionStatus.CANCELLED:
            return self.tr("Undo cancellation")
        return self.tr("Undo completion")

    def _act(self, kind: str) -> None:
        if self.view is not None:
            self.action_requested.emit(kind, self.view)

    def _packages(self) -> None:
        if self.view is not None:
            self.packages_requested.emit(self.view)
