"""리포트 pane: choose a client and an assessment, preview, compare, save as, print."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from reports_pane_support import FIRST_DAY, SECOND_DAY, Gym

from the5hc_desktop.reports.filenames import comparison_filename, report_filename
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.documents.files import FileDialogs
from the5hc_desktop.ui.documents.printing import Printing, new_printer
from the5hc_desktop.ui.main_window import MainWindow, StaffStatus
from the5hc_desktop.ui.messages import MessageBridge, MessageRecorder
from the5hc_desktop.ui.panes.reports import ReportsPane, create_pane


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def pdf_pages(path: Path) -> int:
    return len(pypdf.PdfReader(path).pages)


@pytest.fixture
def pane(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, task_worker: worker.Worker
) -> ReportsPane:
    pane = create_pane(gym.services, gym.owner, messages)
    qtbot.addWidget(pane)
    pane.resize(1200, 800)
    pane.show()
    pane.refresh()
    assert task_worker.wait_idle()
    return pane


def choose_client(pane: ReportsPane, name: str, task_worker: worker.Worker) -> None:
    rows = [row.name for row in pane.client_model.rows()]
    pane.select_client_row(rows.index(name))
    assert task_worker.wait_idle()


def test_choosing_a_client_previews_the_newest_assessment(
    pane: ReportsPane, gym: Gym, task_worker: worker.Worker
) -> None:
    assert {row.name for row in pane.client_model.rows()} == {"김민수", "이영희"}
    assert not pane.print_button.isEnabled()

    choose_client(pane, "김민수", task_worker)

    assert [s.id for s in pane.assessment_model.rows()] == [gym.second.id, gym.first.id]
    preview = pane.current_preview()
    assert preview is not None
    assert preview.assessment_ids == (gym.second.id,)
    assert pane.preview.page_count() >= 1
    assert pane.preview.stack.currentWidget() is pane.preview.view
    assert pane.print_button.isEnabled()
    assert pane.save_button.isEnabled()
    assert SECOND_DAY.isoformat() in pane.caption.text()


def test_choosing_an_assessment_loads_its_report(
    qtbot: QtBot, pane: ReportsPane, gym: Gym, task_worker: worker.Worker
) -> None:
    choose_client(pane, "김민수", task_worker)

    with qtbot.waitSignal(pane.preview_loaded) as loaded:
        pane.select_assessments(gym.first.id)
    preview = loaded.args[0]

    assert preview.assessment_ids == (gym.first.id,)
    assert not preview.is_comparison
    assert pane.preview.page_count() >= 1
    assert preview.file_name == report_filename(FIRST_DAY, "김민수")
    assert FIRST_DAY.isoformat() in pane.caption.text()
    assert "김민수" in pdf_text(pane.preview.pdf())
    assert task_worker.wait_idle()


def test_two_assessments_show_the_comparison(
    pane: ReportsPane, gym: Gym, task_worker: worker.Worker
) -> None:
    choose_client(pane, "김민수", task_worker)

    pane.select_assessments(gym.second.id, gym.first.id)
    assert task_worker.wait_idle()

    preview = pane.current_preview()
    assert preview is not None
    assert preview.is_comparison
    assert preview.assessment_ids == (gym.first.id, gym.second.id)  # earlier one first
    assert preview.file_name == comparison_filename(FIRST_DAY, SECOND_DAY, "김민수")
    assert pane.preview.page_count() >= 1
    assert "비교" in pdf_text(preview.pdf)


def test_three_chosen_assessments_ask_for_one_or_two(
    pane: ReportsPane, gym: Gym, task_worker: worker.Worker
) -> None:
    choose_client(pane, "김민수", task_worker)
    pane.assessment_table.selectAll()  # both rows: still a comparison
    assert task_worker.wait_idle()
    assert pane.current_preview() is not None

    pane.assessment_table.clearSelection()
    assert pane.current_preview() is None
    assert pane.preview.stack.currentWidget() is pane.preview.placeholder
    assert not pane.print_button.isEnabled()


def test_another_pane_can_open_a_clients_report(
    pane: ReportsPane, gym: Gym, task_worker: worker.Worker
) -> None:
    pane.open_client(gym.client.id, assessment_id=gym.first.id)  # only ids, as signals carry
    assert task_worker.wait_idle()
    preview = pane.current_preview()
    assert preview is not None
    assert preview.assessment_ids == (gym.first.id,)
    assert "김민수" in pane.assessment_title.text()


def test_an_assessment_deleted_meanwhile_is_a_message_in_place_of_the_report(
    pane: ReportsPane, gym: Gym, recorder: MessageRecorder, task_worker: worker.Worker
) -> None:
    choose_client(pane, "김민수", task_worker)
    gym.services.assessments.delete(gym.owner, gym.first.id)  # at another desk

    pane.select_assessments(gym.first.id)
    assert task_worker.wait_idle()

    assert pane.current_preview() is None
    assert not pane.print_button.isEnabled()
    assert recorder.texts("error") == [pane.preview.placeholder.text()]


def test_search_runs_on_the_worker_and_finds_by_initials(
    pane: ReportsPane, task_worker: worker.Worker
) -> None:
    pane.search_edit.setText("ㅇㅇㅎ")
    assert pane.search_timer.isActive()  # debounced
    pane.run_search()
    assert task_worker.wait_idle()
    assert [row.name for row in pane.client_model.rows()] == ["이영희"]
    assert not pane.search_timer.isActive()


def test_save_as_writes_the_previewed_pdf(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    pane: ReportsPane,
    gym: Gym,
    recorder: MessageRecorder,
    task_worker: worker.Worker,
) -> None:
    choose_client(pane, "김민수", task_worker)
    suggested: list[Path] = []
    target = tmp_path / "saved" / "report.pdf"

    def save_pdf(_parent: QWidget | None, _title: str, proposal: Path) -> Path:
        suggested.append(proposal)
        return target

    monkeypatch.setattr(FileDialogs, "save_pdf", save_pdf)
    pane.export_current()  # Ctrl+E
    assert task_worker.wait_idle()

    assert suggested[0].name == report_filename(SECOND_DAY, "김민수")
    assert target.read_bytes() == pane.preview.pdf()
    assert "김민수" in pdf_text(target.read_bytes())
    assert any("report.pdf" in text for text in recorder.texts("success"))
    assert not list(target.parent.glob(".*.part"))


def test_save_as_cancelled_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, pane: ReportsPane, task_worker: worker.Worker
) -> None:
    choose_client(pane, "김민수", task_worker)
    monkeypatch.setattr(FileDialogs, "save_pdf", lambda *_args: None)
    pane.save_as()
    assert task_worker.is_idle()


def test_save_into_an_unwritable_place_is_a_message_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    pane: ReportsPane,
    recorder: MessageRecorder,
    task_worker: worker.Worker,
) -> None:
    choose_client(pane, "김민수", task_worker)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setattr(FileDialogs, "save_pdf", lambda *_args: blocker / "report.pdf")
    pane.save_as()
    assert task_worker.wait_idle()
    assert recorder.texts("error")  # StorageUnavailable, routed to the message bridge


def test_print_renders_every_page_onto_the_chosen_printer(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    pane: ReportsPane,
    recorder: MessageRecorder,
    task_worker: worker.Worker,
) -> None:
    choose_client(pane, "김민수", task_worker)
    output = tmp_path / "printed.pdf"
    asked: list[int] = []

    def choose_printer(_parent: QWidget | None, pages: int, name: str) -> QPrinter:
        asked.append(pages)
        assert name == Path(report_filename(SECOND_DAY, "김민수")).stem
        printer = new_printer(name)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        printer.setResolution(96)  # a quick test; real printers are capped at 300 dpi
        return printer

    monkeypatch.setattr(Printing, "choose_printer", choose_printer)
    pane.print_current()

    assert asked == [pane.preview.page_count()]
    assert pdf_pages(output) == pane.preview.page_count()
    assert recorder.texts("success")


def test_print_honours_a_page_range(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, pane: ReportsPane,
    task_worker: worker.Worker,
) -> None:
    choose_client(pane, "김민수", task_worker)
    assert pane.preview.page_count() >= 2
    output = tmp_path / "page2.pdf"

    def choose_printer(_parent: QWidget | None, _pages: int, name: str) -> QPrinter:
        printer = new_printer(name)
        printer.setOutputFileName(str(output))
        printer.setResolution(96)
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 2)
        return printer

    monkeypatch.setattr(Printing, "choose_printer", choose_printer)
    pane.print_current()
    assert pdf_pages(output) == 1


def test_print_cancelled_in_the_dialog_prints_nothing(
    monkeypatch: pytest.MonkeyPatch, pane: ReportsPane, recorder: MessageRecorder,
    task_worker: worker.Worker,
) -> None:
    choose_client(pane, "김민수", task_worker)
    monkeypatch.setattr(Printing, "choose_printer", lambda *_args: None)
    pane.print_current()
    assert recorder.records == []


def test_print_and_save_without_a_report_say_what_to_do(
    monkeypatch: pytest.MonkeyPatch, pane: ReportsPane, recorder: MessageRecorder
) -> None:
    def fail(*_args: object) -> None:
        raise AssertionError("no dialog without a report")

    monkeypatch.setattr(Printing, "choose_printer", fail)
    monkeypatch.setattr(FileDialogs, "save_pdf", fail)
    pane.print_current()
    pane.save_as()
    assert len(recorder.texts("info")) == 2


def test_ctrl_p_in_the_main_window_prints_the_shown_report(
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    gym: Gym,
    messages: MessageBridge,
    task_worker: worker.Worker,
) -> None:
    pane = ReportsPane(gym.services, gym.owner, messages)
    window = MainWindow(staff=StaffStatus("김대표", "소유자", "gym.sqlite3"), messages=messages,
                        verify_password=lambda _password: True, panes=[pane])
    qtbot.addWidget(window)
    window.show()
    pane.refresh()
    assert task_worker.wait_idle()
    choose_client(pane, "김민수", task_worker)
    calls: list[int] = []
    monkeypatch.setattr(Printing, "choose_printer",
                        lambda _parent, pages, _name: calls.append(pages))

    window.registry.action("file.print").trigger()

    assert calls == [pane.preview.page_count()]
    assert window.registry.action("file.export").isEnabled()


def test_a_client_without_assessments_says_so(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, task_worker: worker.Worker
) -> None:
    from the5hc_desktop.services.clients import ClientDraft

    gym.services.clients.create(gym.owner, ClientDraft("박지성", "male", "010-5555-1234"))
    pane = ReportsPane(gym.services, gym.owner, messages)
    qtbot.addWidget(pane)
    pane.refresh()
    assert task_worker.wait_idle()
    choose_client(pane, "박지성", task_worker)
    assert pane.current_preview() is None
    assert "박지성" in pane.preview.placeholder.text()
