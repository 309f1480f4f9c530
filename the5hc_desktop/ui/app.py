"""The composition root: process set-up, database, first run, sign-in, then the main window.

    run_gui(["--db", "gym.sqlite3"])         # the app
    run_gui(["--self-test", "--db", path])   # no human: see ui/app_selftest.py

Order: logging and crash handling, the QApplication with NanumGothic and the Korean
catalogues (before any window), the database opened on the worker lane (a migration can
take a while; the worker shows its progress dialog after ~600 ms), then the first-run or
sign-in dialog, then `MainWindow` with the panes of `app_panes.PANES`. The engine, the
services and the window are built here and passed down through constructors.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

# The data layer first, before Qt: PySide6's import hook reads the source text of every
# module imported after it (looking for `__feature__`), which would cost SQLAlchemy and the
# services ~20 MB of cached source lines and ~0.2 s at every start.
# Only the services of the first screen: the others are imported when first used.
from the5hc_desktop.services import (  # noqa: F401  # isort: skip
    accounts, dashboard, dashboard_lists, first_day, maintenance, settings, sync_service)
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel

from the5hc_desktop import paths, startup_gc
from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.services.soundness import SoundnessCheck
from the5hc_desktop.ui import application, crash, i18n, worker
from the5hc_desktop.ui.dialogs import Dialogs
from the5hc_desktop.ui.messages import MessageBridge, error_text

log = logging.getLogger("the5hc.ui.app")

DEMO_FILE = "the5hc-demo.sqlite3"


@dataclass(frozen=True)
class Options:
    db: Path | None
    self_test: bool
    qt_args: tuple[str, ...] = ()

    def db_path(self) -> Path:
        return self.db if self.db is not None else paths.default_db_path()


def parse_options(args: Sequence[str]) -> Options:
    parser = argparse.ArgumentParser(prog="the5hc", add_help=False)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--self-test", action="store_true")
    known, rest = parser.parse_known_args(list(args))
    db = known.db.expanduser() if known.db is not None else None
    return Options(db=db, self_test=known.self_test, qt_args=tuple(rest))


def demo_db_path() -> Path:
    return paths.data_dir() / DEMO_FILE


# --- process set-up shared by the app and the self-test ------------------------------------
@dataclass
class Boot:
    """Everything set up before the first window; `close()` undoes it in reverse."""

    app: QApplication
    translations: i18n.InstalledTranslations
    messages: MessageBridge
    lane: worker.Worker
    crash_handler: crash.CrashHandler
    logging_setup: crash.LoggingSetup
    fault_stream: IO[str]
    previous_crash: crash.PreviousCrash | None
    crashes: list[BaseException] = field(default_factory=list)

    def use_language(self, language: str) -> None:
        """Switch catalogues before any window of the session is built."""
        language = i18n.normalise_language(language)
        i18n.save_language(language)
        if language != i18n.current_language():
            self.translations.remove()
            self.translations = i18n.install_translations(language)

    def close(self) -> None:
        self.lane.shutdown()
        worker.install(None)
        self.crash_handler.uninstall()
        self.translations.remove()
        crash.disable_faulthandler(self.fault_stream)
        self.logging_setup.close()


def boot(options: Options, *, log_dir: Path | None = None) -> Boot:
    previous = crash.take_previous_crash(log_dir)  # before faulthandler truncates the file
    logging_setup = crash.setup_logging(log_dir)
    fault_stream = crash.enable_faulthandler(log_dir)
    app, translations = application.create_application(["the5hc", *options.qt_args])
    messages = MessageBridge()
    handler = crash.CrashHandler()
    handler.install()
    crashes: list[BaseException] = []

    def on_crash(error: BaseException) -> None:
        crashes.append(error)  # the self-test fails on any
        handler.handle_exception(error)

    lane = worker.Worker(messages, on_crash=on_crash)
    worker.install(lane)
    return Boot(app, translations, messages, lane, handler, logging_setup, fault_stream,
                previous, crashes)


# --- the interactive app -------------------------------------------------------------------
def make_splash() -> QLabel:
    """A small card shown from the first moment until the first dialog appears.

    A frameless splash-screen label, not QSplashScreen: that one's show() waits up to a
    second for the window system to report the window exposed (measured: 1,005 ms at
    every start), while the label is painted by the next processEvents."""
    ratio = 2.0  # drawn at double size: sharp on high-DPI screens
    width, height = 380, 150
    pixmap = QPixmap(int(width * ratio), int(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor("#1565c0"))
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor("white"))
        title = QFont(QGuiApplication.font())
        title.setPointSizeF(20)
        title.setBold(True)
        painter.setFont(title)
        painter.drawText(QRectF(24, 24, width - 48, 44), "The5HC Desktop")
        body = QFont(QGuiApplication.font())
        body.setPointSizeF(10.5)
        painter.setFont(body)
        painter.drawText(QRectF(24, 72, width - 48, 24),
                         QCoreApplication.translate("Splash", "Fitness assessment and training "
                                                              "management"))
        painter.setPen(QColor("#bbdefb"))
        painter.drawText(QRectF(24, height - 40, width - 48, 24),
                         QCoreApplication.translate("Splash", "Starting…"))
    finally:
        painter.end()
    splash = QLabel()
    splash.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint
                          | Qt.WindowType.WindowStaysOnTopHint)
    splash.setObjectName("splash")
    splash.setPixmap(pixmap)
    splash.resize(width, height)
    screen = QGuiApplication.primaryScreen()
    if screen is not None:  # centred, as a splash screen is
        splash.move(screen.availableGeometry().center() - splash.rect().center())
    return splash


def run_app(options: Options) -> int:
    """Open → first run or sign-in → main window, until the flow ends (quit or cancel)."""
    # First: the file's integrity check reads it while the window toolkit loads.
    soundness = SoundnessCheck(options.db_path()).start()
    started = boot(options)
    from the5hc_desktop.ui import single_instance

    guard = single_instance.claim(options.db_path())
    if guard is None:  # another window has this file: it was asked to come forward
        started.close()
        return 0
    guard.activate_requested.connect(single_instance.bring_forward)
    started.app.setQuitOnLastWindowClosed(False)  # the flow decides when the app ends
    splash = make_splash()
    splash.show()
    QCoreApplication.processEvents()  # paint it before the services load (~0.7 s)
    from the5hc_desktop.ui.app_flow import SignInFlow  # after the QApplication exists

    flow = SignInFlow(started.messages, options.db_path(), use_language=started.use_language,
                      previous_crash=started.previous_crash, soundness=soundness)
    flow.ui_shown.connect(splash.close)
    flow.finished.connect(QCoreApplication.exit)
    flow.start()
    try:
        return started.app.exec()
    finally:
        flow.close()
        guard.close()
        started.close()


def show_fatal(error: The5HCError) -> None:
    """A failure before any window: one dialog, then the app ends."""
    Dialogs.error(None, QCoreApplication.translate("App", "The5HC"), error_text(error))


def run_gui(args: list[str]) -> int:
    """Entry point of the window app (`python -m the5hc_desktop [--db PATH] [--self-test]`)."""
    options = parse_options(args)
    if options.self_test:
        startup_gc.resume()  # a check, not a start to make quick
        from the5hc_desktop.ui.app_selftest import run_self_test

        return run_self_test(options)
    return run_app(options)

