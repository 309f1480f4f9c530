"""일마감 dialog: today's close on open, other periods, typed errors in place, print and save."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from reports_pane_support import FIRST_DAY, Gym

from the5hc_desktop.ui import worker
from the5hc_desktop.ui.documents.files import FileDialogs
from the5hc_desktop.ui.documents.printing import Printing, new_printer
from the5hc_desktop.ui.messages import MessageBridge, MessageRecorder
from the5hc_desktop.ui.panes.reports import ReportsPane, create_pane
from the5hc_desktop.ui.panes.reports.day_close_dialog import DayCloseDialog


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def sold(gym: Gym) -> Gym:
    """Two sales on FIRST_DAY (card and cash), one on the next day."""
    packages = gym.services.packages
    packages.sell(gym.owner, gym.client.id, 1_000_000, 50_000, "card", paid_on=FIRST_DAY)
    packages.sell(gym.owner, gym.other_client.id, 300_000, 60_000, "cash", paid_on=FIRST_DAY)
    packages.sell(gym.owner, gym.other_client.id, 660_000, 66_000, "transfer",
                  paid_on=FIRST_DAY.replace(day=FIRST_DAY.day + 1))
    return gym


@pytest.fixture
def dialog(qtbot: QtBot, sold: Gym, messages: MessageBridge,
           task_worker: worker.Worker) -> DayCloseDialog:
    pane = create_pane(sold.services, sold.owner, messages)
    qtbot.addWidget(pane)
    assert isinstance(pane, ReportsPane)
    pane._today = lambda: FIRST_DAY
    opened = pane.open_day_close()
    assert task_worker.wait_idle()
    return opened


def test_opens_on_today_with_the_days_sales(dialog: DayCloseDialog) -> None:
    assert dialog.period() == (FIRST_DAY, FIRST_DAY)
    assert dialog.print_button.isEnabled()
    assert dialog.save_button.isEnabled()
    text = pdf_text(dialog.preview.pdf())
    assert "일마감" in text
    assert "1,300,000원" in text
    assert "계좌이체" not in text  # the transfer was the next day


def test_a_range_adds_the_next_day(dialog: DayCloseDialog, task_worker: worker.Worker) -> None:
    nxt = FIRST_DAY.replace(day=FIRST_DAY.day + 1)
    dialog.last_edit.setDate(QDate(nxt.year, nxt.month, nxt.day))
    dialog.reload_timer.timeout.emit()  # the debounce, without waiting for it
    assert task_worker.wait_idle()
    text = pdf_text(dialog.preview.pdf())
    assert "1,960,000원" in text
    assert "계좌이체" in text
    assert dialog.file_name() == f"일마감_{FIRST_DAY.isoformat()}_{nxt.isoformat()}.pdf"


def test_an_end_before_the_start_is_said_next_to_the_dates(
    dialog: DayCloseDialog, task_worker: worker.Worker
) -> None:
    dialog.show_range(date(2024, 3, 10), date(2024, 3, 1))
    assert task_worker.wait_idle()
    assert "끝 날짜" in dialog.error_label.text()
    assert not dialog.print_button.isEnabled()


def test_save_and_print(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                        dialog: DayCloseDialog, recorder: MessageRecorder,
                        task_worker: worker.Worker) -> None:
    target = tmp_path / "close.pdf"
    monkeypatch.setattr(FileDialogs, "save_pdf", lambda *_args: target)
    dialog.save_as()
    assert task_worker.wait_idle()
    assert target.read_bytes() == dialog.preview.pdf()

    output = tmp_path / "printed.pdf"

    def choose_printer(_parent: QWidget | None, pages: int, name: str) -> QPrinter:
        assert name == f"일마감_{FIRST_DAY.isoformat()}"
        printer = new_printer(name)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        printer.setResolution(96)
        return printer

    monkeypatch.setattr(Printing, "choose_printer", choose_printer)
    dialog.print_current()
    assert output.stat().st_size > 0
    assert len(recorder.texts("success")) == 2


def test_typing_a_date_and_enter_shows_that_period_and_keeps_the_dialog(
    qtbot: QtBot, dialog: DayCloseDialog, task_worker: worker.Worker
) -> None:
    dialog.show()
    nxt = FIRST_DAY.replace(day=FIRST_DAY.day + 1)
    dialog.last_edit.setFocus()
    dialog.last_edit.setDate(QDate(nxt.year, nxt.month, nxt.day))
    qtbot.keyClick(dialog.last_edit, Qt.Key.Key_Return)
    assert task_worker.wait_idle()
    assert dialog.isVisible()  # Enter is the date field's, not Close's
    assert dialog.period() == (FIRST_DAY, nxt)
    assert "계좌이체" in pdf_text(dialog.preview.pdf())  # the next day's sale is in
