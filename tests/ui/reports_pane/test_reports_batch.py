"""리포트 pane: batch export of a period or of chosen clients, with progress and cancel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from reports_pane_support import FIRST_DAY, OTHER_DAY, SECOND_DAY, Gym

from the5hc_desktop.reports.filenames import report_filename
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.documents.files import FileDialogs
from the5hc_desktop.ui.messages import MessageBridge, MessageRecorder
from the5hc_desktop.ui.panes.reports import ReportsPane
from the5hc_desktop.ui.panes.reports.batch_dialog import (
    BatchExportDialog,
    BatchSummaryDialog,
    Period,
    period_range,
)
from the5hc_desktop.ui.panes.reports.jobs import BatchRequest, BatchResult, run_batch


@pytest.fixture
def pane(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, task_worker: worker.Worker
) -> ReportsPane:
    pane = ReportsPane(gym.services, gym.owner, messages, today=lambda: date(2024, 10, 1))
    qtbot.addWidget(pane)
    pane.refresh()
    assert task_worker.wait_idle()
    return pane


def test_a_period_exports_one_named_file_per_assessment(
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    tmp_path: Path,
    pane: ReportsPane,
    recorder: MessageRecorder,
    task_worker: worker.Worker,
) -> None:
    folder = tmp_path / "보고서"
    dialog = pane.open_batch_dialog()
    assert not dialog.chosen_clients.isEnabled()  # nobody chosen in the list
    dialog.set_dates(date(2024, 1, 1), date(2024, 6, 30))
    assert dialog.period.currentIndex() == Period.CUSTOM
    dialog.folder_edit.setText(str(folder))

    with qtbot.waitSignal(pane.batch_finished) as done:
        dialog.export_button.click()
    assert task_worker.wait_idle()

    result: BatchResult = done.args[0]
    expected = {report_filename(FIRST_DAY, "김민수"), report_filename(SECOND_DAY, "김민수")}
    assert {path.name for path in folder.iterdir()} == expected
    assert {path.name for path in result.files} == expected
    assert (result.total, result.cancelled) == (2, False)

    summary = pane.summary_dialog
    assert isinstance(summary, BatchSummaryDialog)
    assert summary.isVisible()
    assert "2" in summary.headline.text()
    assert summary.folder_label.text() == str(folder)
    assert summary.files.count() == 2
    opened: list[Path] = []

    def open_folder(path: Path) -> bool:
        opened.append(path)
        return True

    monkeypatch.setattr(FileDialogs, "open_folder", open_folder)
    summary.open_button.click()
    assert opened == [folder]
    assert recorder.texts("success")


def test_chosen_clients_export_only_theirs(
    qtbot: QtBot, tmp_path: Path, pane: ReportsPane, task_worker: worker.Worker
) -> None:
    rows = [row.name for row in pane.client_model.rows()]
    pane.select_client_row(rows.index("이영희"))
    assert task_worker.wait_idle()

    dialog = pane.open_batch_dialog()
    assert dialog.all_clients.isChecked()  # one chosen client is the one being previewed
    assert "이영희" in dialog.chosen_clients.text()
    dialog.chosen_clients.setChecked(True)
    dialog.set_period(Period.ALL_DATES)
    dialog.folder_edit.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(pane.batch_finished) as done:
        dialog.accept()
    assert task_worker.wait_idle()

    assert [p.name for p in done.args[0].files] == [report_filename(OTHER_DAY, "이영희")]


def test_cancel_stops_between_files_and_keeps_what_was_written(
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    tmp_path: Path,
    pane: ReportsPane,
    task_worker: worker.Worker,
) -> None:
    # The user presses Cancel while the first report is being written: the flag the op
    # polls turns on after its first look.
    looks: list[bool] = []

    def cancelled(_ctx: worker.TaskContext) -> bool:
        looks.append(True)
        return len(looks) > 1

    monkeypatch.setattr(worker.TaskContext, "cancelled", cancelled)
    folder = tmp_path / "out"
    with qtbot.waitSignal(pane.batch_finished) as done:
        pane.start_batch(BatchRequest(folder, date(2024, 1, 1), date(2024, 12, 31)))
    assert task_worker.wait_idle()

    result: BatchResult = done.args[0]
    assert result.cancelled
    assert (len(result.files), result.total) == (1, 3)
    assert [p.name for p in folder.iterdir()] == [report_filename(FIRST_DAY, "김민수")]
    summary = pane.summary_dialog
    assert summary is not None
    assert "1" in summary.headline.text()
    assert "3" in summary.headline.text()


def test_run_batch_reports_progress_and_honours_a_cancel_flag(
    tmp_path: Path, gym: Gym
) -> None:
    class Context:
        def __init__(self, cancel_after: int) -> None:
            self.reports: list[tuple[int, int, str]] = []
            self.cancel_after = cancel_after

        def cancelled(self) -> bool:
            return len(self.reports) > self.cancel_after

        def report(self, done: int, total: int = 0, text: str = "") -> None:
            self.reports.append((done, total, text))

    request = BatchRequest(tmp_path / "all", date(2024, 1, 1), date(2024, 12, 31))
    everything = Context(cancel_after=99)
    result = run_batch(gym.services.reports, gym.owner, request, everything, "{done}/{total}")
    assert (len(result.files), result.total, result.cancelled) == (3, 3, False)
    assert [text for _d, _t, text in everything.reports] == ["0/3", "1/3", "2/3", "3/3"]

    request = BatchRequest(tmp_path / "some", date(2024, 1, 1), date(2024, 12, 31))
    stopped = run_batch(gym.services.reports, gym.owner, request, Context(cancel_after=2))
    assert (len(stopped.files), stopped.total, stopped.cancelled) == (2, 3, True)


def test_an_empty_period_says_so_without_a_summary(
    qtbot: QtBot, tmp_path: Path, pane: ReportsPane, recorder: MessageRecorder,
    task_worker: worker.Worker,
) -> None:
    with qtbot.waitSignal(pane.batch_finished):
        pane.start_batch(BatchRequest(tmp_path / "none", date(2023, 1, 1), date(2023, 12, 31)))
    assert task_worker.wait_idle()
    assert pane.summary_dialog is None
    assert recorder.texts("info")


def test_several_chosen_clients_are_the_default_scope(
    qtbot: QtBot, pane: ReportsPane, task_worker: worker.Worker
) -> None:
    pane.client_table.selectAll()
    assert task_worker.wait_idle()
    dialog = pane.open_batch_dialog()
    assert dialog.chosen_clients.isChecked()
    assert "김민수" in dialog.chosen_clients.text()
    assert "이영희" in dialog.chosen_clients.text()
    dialog.reject()


def test_the_dialog_checks_dates_and_folder(
    qtbot: QtBot, tmp_path: Path, pane: ReportsPane
) -> None:
    dialog = pane.open_batch_dialog()
    dialog.set_dates(date(2024, 6, 1), date(2024, 5, 1))
    dialog.folder_edit.setText(str(tmp_path))
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.errors.text("date_to")

    dialog.set_dates(date(2024, 5, 1), date(2024, 6, 1))
    assert not dialog.errors.text("date_to")  # cleared on edit
    dialog.folder_edit.setText("")
    dialog.accept()
    assert dialog.errors.text("folder")
    assert dialog.request() is None
    dialog.reject()
    assert pane.batch_dialog is None


def test_the_folder_chooser_fills_the_folder(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = BatchExportDialog(today=date(2024, 10, 1), folder=tmp_path)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(FileDialogs, "choose_folder", lambda *_args: tmp_path / "picked")
    dialog.browse()
    assert dialog.folder_edit.text() == str(tmp_path / "picked")


@pytest.mark.parametrize(
    ("period", "today", "expected"),
    [
        (Period.THIS_MONTH, date(2024, 10, 15), (date(2024, 10, 1), date(2024, 10, 15))),
        (Period.LAST_MONTH, date(2024, 1, 15), (date(2023, 12, 1), date(2023, 12, 31))),
        (Period.LAST_MONTH, date(2024, 3, 31), (date(2024, 2, 1), date(2024, 2, 29))),
        (Period.LAST_3_MONTHS, date(2024, 2, 10), (date(2023, 12, 1), date(2024, 2, 10))),
        (Period.THIS_YEAR, date(2024, 10, 15), (date(2024, 1, 1), date(2024, 10, 15))),
        (Period.ALL_DATES, date(2024, 10, 15), None),
    ],
)
def test_period_presets(
    period: Period, today: date, expected: tuple[date, date] | None
) -> None:
    assert period_range(period, today) == expected
