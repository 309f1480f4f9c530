"""Crash dialog, excepthook, logging setup and the previous run's hard crash."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import qWarning
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from the5hc_desktop.ui import crash
from the5hc_desktop.ui.crash import CrashDialog, CrashHandler
from the5hc_desktop.ui.messages import MessageBridge, MessageRecorder


def _raise_and_handle(handler: CrashHandler, error: BaseException) -> None:
    try:
        raise error
    except type(error) as caught:
        handler.handle_exception(caught)


def _open_dialog(handler: CrashHandler, qtbot: QtBot) -> CrashDialog:
    dialog = handler.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def test_crash_shows_dialog_with_version_and_traceback_and_copy_copies(qtbot: QtBot) -> None:
    handler = CrashHandler(version="9.8.7")
    _raise_and_handle(handler, ValueError("boom"))
    dialog = _open_dialog(handler, qtbot)
    assert dialog.isVisible()
    details = dialog.findChild(QPlainTextEdit, "crashDetails")
    version = dialog.findChild(QLabel, "crashVersion")
    assert details is not None
    assert version is not None
    assert "ValueError: boom" in details.toPlainText()
    assert "_raise_and_handle" in details.toPlainText()  # a real traceback
    assert "9.8.7" in version.text()

    QApplication.clipboard().clear()
    copy = dialog.findChild(QPushButton, "crashCopyButton")
    assert copy is not None
    copy.click()
    copied = QApplication.clipboard().text()
    assert "The5HC Desktop 9.8.7" in copied
    assert "ValueError: boom" in copied

    close = dialog.findChild(QPushButton, "crashCloseButton")
    assert close is not None
    close.click()
    assert not dialog.isVisible()
    assert handler.dialog is None


def test_a_second_error_is_added_to_the_open_dialog(qtbot: QtBot) -> None:
    handler = CrashHandler()
    _raise_and_handle(handler, ValueError("first"))
    dialog = _open_dialog(handler, qtbot)
    _raise_and_handle(handler, KeyError("second"))
    assert handler.dialog is dialog
    text = dialog.report_text()
    assert "ValueError: first" in text
    assert "KeyError: 'second'" in text


def test_install_replaces_and_restores_the_excepthook(qtbot: QtBot) -> None:
    before = sys.excepthook
    handler = CrashHandler()
    handler.install()
    try:
        assert sys.excepthook == handler.handle
    finally:
        handler.uninstall()
    assert sys.excepthook is before


def test_crashes_are_logged_with_their_traceback(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    handler = CrashHandler()
    with caplog.at_level(logging.CRITICAL, logger="the5hc"):
        _raise_and_handle(handler, RuntimeError("kaput"))
    _open_dialog(handler, qtbot)
    [record] = [r for r in caplog.records if r.name == "the5hc.ui.crash"]
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], RuntimeError)


def test_setup_logging_writes_a_rotating_file_and_routes_qt_warnings(tmp_path: Path) -> None:
    setup = crash.setup_logging(tmp_path)
    try:
        logging.getLogger("the5hc.store").info("opened database (client id 42)")
        qWarning("a Qt warning for the log")
    finally:
        setup.close()
    text = setup.log_file.read_text(encoding="utf-8")
    assert "the5hc.store" in text
    assert "client id 42" in text
    assert "the5hc.qt" in text
    assert "a Qt warning for the log" in text


def test_a_hard_crash_is_reported_once_at_the_next_start(
    tmp_path: Path, messages: MessageBridge, recorder: MessageRecorder
) -> None:
    script = (
        "import sys, faulthandler, pathlib\n"
        "from the5hc_desktop.ui.crash import enable_faulthandler\n"
        "enable_faulthandler(pathlib.Path(sys.argv[1]))\n"
        "faulthandler._sigsegv()\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, check=False
    )
    assert run.returncode != 0

    previous = crash.report_previous_crash(messages, tmp_path)
    assert previous is not None
    assert "Fatal Python error" in previous.report
    assert previous.saved_to == tmp_path / crash.PREVIOUS_FAULT_FILE
    [(level, text)] = recorder.records
    assert level == "warning"
    assert "예기치 않게 종료" in text
    assert str(previous.saved_to) in text

    assert crash.report_previous_crash(messages, tmp_path) is None  # reported once


def test_a_clean_run_leaves_nothing_to_report(tmp_path: Path) -> None:
    script = (
        "import sys, pathlib\n"
        "from the5hc_desktop.ui.crash import enable_faulthandler, disable_faulthandler\n"
        "disable_faulthandler(enable_faulthandler(pathlib.Path(sys.argv[1])))\n"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True)
    assert (tmp_path / crash.FAULT_FILE).exists()
    assert crash.take_previous_crash(tmp_path) is None
