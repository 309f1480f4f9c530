"""One message bridge between the code that has something to say and the widgets that say it.

Panes, the worker and dialogs never reach for the status bar: they call
`messages.show_message(level, text)` and the main window decides how to show it (status
bar; a dialog only when `dialog=True`). Tests connect a `MessageRecorder` instead.

The text is never logged: messages often name members ("김민수 회원이 등록되었습니다").
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.ui import i18n


class Level(StrEnum):
    INFO = "info"
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"


class MessageBridge(QObject):
    """Carries user-facing messages to whoever displays them."""

    message = Signal(str, str)  # level, text
    dialog_requested = Signal(str, str)  # level, text: the caller asked for a dialog

    def show_message(self, level: str, text: str, *, dialog: bool = False) -> None:
        level = Level(level).value  # reject typos early, at the caller
        self.message.emit(level, text)
        if dialog:
            self.dialog_requested.emit(level, text)

    def info(self, text: str) -> None:
        self.show_message(Level.INFO, text)

    def success(self, text: str) -> None:
        self.show_message(Level.SUCCESS, text)

    def warning(self, text: str, *, dialog: bool = False) -> None:
        self.show_message(Level.WARNING, text, dialog=dialog)

    def error(self, text: str, *, dialog: bool = False) -> None:
        self.show_message(Level.ERROR, text, dialog=dialog)

    def show_error(self, error: The5HCError, *, dialog: bool = False) -> None:
        """An expected failure, in the UI language."""
        self.error(error_text(error), dialog=dialog)


def error_text(error: The5HCError) -> str:
    """The error's message in the language the UI runs in."""
    return error.message(i18n.current_language())


class MessageRecorder:
    """Collects every message a bridge sends; for tests and the self-test."""

    def __init__(self, bridge: MessageBridge) -> None:
        self.records: list[tuple[str, str]] = []
        self.dialogs: list[tuple[str, str]] = []
        bridge.message.connect(self._record)
        bridge.dialog_requested.connect(self._record_dialog)

    def _record(self, level: str, text: str) -> None:
        self.records.append((level, text))

    def _record_dialog(self, level: str, text: str) -> None:
        self.dialogs.append((level, text))

    def texts(self, level: str | None = None) -> list[str]:
        return [text for lvl, text in self.records if level is None or lvl == level]

    def clear(self) -> None:
        self.records.clear()
        self.dialogs.clear()
