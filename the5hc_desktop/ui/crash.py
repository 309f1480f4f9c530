"""Logging, the crash dialog and the report of a previous hard crash.

- Named loggers under "the5hc" ("the5hc.store", "the5hc.ui.worker", ...) write to a rotating
  file in `paths.log_dir()`; Qt's own warnings are routed into "the5hc.qt".
- Privacy rule, kept by every module rather than by a masking filter: log ids (staff id,
  client id, task id), never member names, phone numbers, notes or passwords, and never
  the text of a user message.
- An uncaught exception is a bug: it is logged and shown in a `CrashDialog` (version,
  traceback, Copy, Close); the app keeps running.
- faulthandler writes hard crashes (segfaults) to a file; at the next start that file is
  moved aside and reported once as a status message.
"""

from __future__ import annotations

import faulthandler
import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QObject,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop import __version__, paths
from the5hc_desktop.ui.messages import MessageBridge

LOGGER_ROOT = "the5hc"
LOG_FILE = "the5hc.log"
FAULT_FILE = "faulthandler.log"
PREVIOUS_FAULT_FILE = "faulthandler-previous.log"
_LOG_FORMAT = "%(asctime)s %(levelname)-8s %(name)s [%(threadName)s] %(message)s"

log = logging.getLogger("the5hc.ui.crash")
_qt_log = logging.getLogger("the5hc.qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


# --- logging ---------------------------------------------------------------------------
def qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's qDebug/qWarning output, into the "the5hc.qt" logger."""
    where = f" ({context.category})" if context.category else ""
    _qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s%s", message, where)
    if mode == QtMsgType.QtFatalMsg and sys.stderr is not None:
        # Qt aborts next (e.g. no platform plugin: a system library is missing): say why.
        sys.stderr.write(f"The5HC: {message}{where}\n")


@dataclass
class LoggingSetup:
    log_file: Path
    handler: logging.Handler
    previous_qt_handler: Any
    previous_thread_hook: Callable[[threading.ExceptHookArgs], Any]
    routed_qt: bool

    def close(self) -> None:
        """Undo `setup_logging` (tests; the app simply exits)."""
        logging.getLogger(LOGGER_ROOT).removeHandler(self.handler)
        self.handler.close()
        if self.routed_qt:
            qInstallMessageHandler(self.previous_qt_handler)
        threading.excepthook = self.previous_thread_hook


def setup_logging(
    log_dir: Path | None = None, level: int = logging.INFO, *, route_qt: bool = True
) -> LoggingSetup:
    folder = log_dir if log_dir is not None else paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        folder / LOG_FILE, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_LOG_FORMAT))
    root = logging.getLogger(LOGGER_ROOT)
    root.setLevel(level)
    root.addHandler(handler)
    previous = qInstallMessageHandler(qt_message_handler) if route_qt else None
    previous_thread_hook = threading.excepthook
    threading.excepthook = _log_thread_exception
    return LoggingSetup(folder / LOG_FILE, handler, previous, previous_thread_hook, route_qt)


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    log.critical(
        "uncaught exception in thread %s",
        args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback),
    )


# --- faulthandler and the previous run's crash ----------------------------------------
@dataclass(frozen=True)
class PreviousCrash:
    """A hard crash faulthandler recorded during the previous run."""

    report: str
    saved_to: Path

    def message(self) -> str:
        return QCoreApplication.translate(
            "Crash",
            "The5HC closed unexpectedly last time. The details were saved to {path}.",
        ).format(path=self.saved_to)


def take_previous_crash(log_dir: Path | None = None) -> PreviousCrash | None:
    """Move a non-empty faulthandler file aside and return it (reported once)."""
    folder = log_dir if log_dir is not None else paths.log_dir()
    fault_file = folder / FAULT_FILE
    if not fault_file.is_file() or fault_file.stat().st_size == 0:
        return None
    report = fault_file.read_text(encoding="utf-8", errors="replace")
    saved_to = folder / PREVIOUS_FAULT_FILE
    fault_file.replace(saved_to)
    log.warning("the previous run crashed; faulthandler output kept in %s", saved_to.name)
    return PreviousCrash(report, saved_to)


def report_previous_crash(
    messages: MessageBridge, log_dir: Path | None = None
) -> PreviousCrash | None:
    """At start, before `enable_faulthandler`: a status-bar warning if the last run crashed."""
    previous = take_previous_crash(log_dir)
    if previous is not None:
        messages.warning(previous.message())
    return previous


def enable_faulthandler(log_dir: Path | None = None) -> IO[str]:
    """Start writing hard crashes to the fault file; keep the returned file open."""
    folder = log_dir if log_dir is not None else paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stream = (folder / FAULT_FILE).open("w", encoding="utf-8")
    faulthandler.enable(file=stream, all_threads=True)
    return stream


def disable_faulthandler(stream: IO[str]) -> None:
    """At a clean exit: the fault file stays empty, so nothing is reported next time."""
    faulthandler.disable()
    stream.close()


# --- the crash dialog ------------------------------------------------------------------
def environment_summary(version: str = __version__) -> str:
    return (
        f"The5HC Desktop {version}\n"
        f"Python {platform.python_version()} · Qt {qVersion()} · {platform.platform()}"
    )


class CrashDialog(QDialog):
    """Shows an unexpected error: version, traceback, Copy and Close."""

    def __init__(self, details: str, version: str = __version__, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Unexpected error"))
        self._version = version
        intro = QLabel(
            self.tr(
                "Something went wrong that the program did not expect. Your saved data is "
                "safe. Please copy the details below and send them to your administrator."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("crashIntro")
        self._version_label = QLabel(environment_summary(version))
        self._version_label.setObjectName("crashVersion")
        self._details = QPlainTextEdit(details)
        self._details.setObjectName("crashDetails")
        self._details.setReadOnly(True)
        self._details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox()
        copy = QPushButton(self.tr("&Copy"))
        copy.setObjectName("crashCopyButton")
        copy.clicked.connect(self.copy_to_clipboard)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("crashCloseButton")
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self._version_label)
        layout.addWidget(self._details, 1)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def add_details(self, details: str) -> None:
        """A further error while the dialog is open: append rather than stack dialogs."""
        self._details.appendPlainText("\n" + details)

    def report_text(self) -> str:
        return f"{environment_summary(self._version)}\n\n{self._details.toPlainText()}"

    def copy_to_clipboard(self) -> None:
        QApplication.clipboard().setText(self.report_text())


class CrashHandler(QObject):
    """`sys.excepthook` replacement: log, then show (or extend) the crash dialog."""

    _report = Signal(str)  # carries a traceback from any thread to the GUI thread

    def __init__(
        self,
        version: str = __version__,
        parent_window: Callable[[], QWidget | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._version = version
        self._parent_window = parent_window or QApplication.activeWindow
        self._previous_hook: Callable[..., Any] | None = None
        self._dialog: CrashDialog | None = None
        self._report.connect(self._show)

    @property
    def dialog(self) -> CrashDialog | None:
        return self._dialog

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
            self._previous_hook = None

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt) or QApplication.instance() is None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        self._report.emit("".join(traceback.format_exception(exc_type, exc, tb)))

    def handle_exception(self, error: BaseException) -> None:
        """For the worker: an exception object caught elsewhere."""
        self.handle(type(error), error, error.__traceback__)

    def _show(self, details: str) -> None:
        if self._dialog is not None:
            self._dialog.add_details(details)
            self._dialog.raise_()
            return
        dialog = CrashDialog(details, self._version, self._parent_window())
        dialog.finished.connect(self._forget_dialog)
        self._dialog = dialog
        dialog.open()

    def _forget_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.deleteLater()
            self._dialog = None
