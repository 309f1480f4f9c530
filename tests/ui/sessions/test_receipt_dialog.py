"""영수증 PDFs read back: the member's copy without the card fee, the gym's copy with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sessions_ui_support import TODAY, Gym, MakePane, settle

from the5hc_desktop.ui.panes.sessions.receipt import ReceiptChoices, ReceiptDialog, print_pdf


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def receipt_dialog(qtbot: QtBot, make_pane: MakePane, gym: Gym) -> ReceiptDialog:
    gym.services.packages.sell(gym.owner, gym.clients["김민수"], 1_000_000, 50_000, "card")
    pane = make_pane()
    panel = pane.payments_panel
    assert panel is not None
    pane.tabs.setCurrentWidget(panel)
    settle(qtbot)
    panel.select_row(0)
    panel.open_receipt()
    dialog = panel.dialog
    assert isinstance(dialog, ReceiptDialog)
    return dialog


def test_client_and_gym_copies(
    qtbot: QtBot, receipt_dialog: ReceiptDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = receipt_dialog.panel
    suggested: list[str] = []

    def save_path(_parent: object, name: str) -> Path:
        suggested.append(name)
        return tmp_path / name

    monkeypatch.setattr(ReceiptChoices, "save_path", save_path)
    panel.save_copy("client")
    settle(qtbot)
    panel.set_copy("gym")
    panel.save_button.click()
    settle(qtbot)

    client_file, gym_file = (tmp_path / name for name in suggested)
    client_text, gym_text = text_of(client_file), text_of(gym_file)
    for text in (client_text, gym_text):
        assert "김민수" in text
        assert "1,000,000" in text
        assert "909,091" in text  # 공급가액
        assert "90,909" in text  # 부가세
        assert TODAY.strftime("%Y") in text
    assert "회원용" in client_text
    assert "카드 수수료" not in client_text
    assert "31,818" not in client_text
    assert "877,273" not in client_text
    assert "보관용" in gym_text
    assert "카드 수수료" in gym_text
    assert "31,818" in gym_text
    assert "877,273" in gym_text  # 실 수령액


def test_printing_renders_the_pdf_pages_onto_the_printer(
    qtbot: QtBot, receipt_dialog: ReceiptDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed = tmp_path / "printed.pdf"

    def printer(_parent: object) -> QPrinter:
        chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        chosen.setResolution(150)
        chosen.setOutputFileName(str(printed))
        return chosen

    monkeypatch.setattr(ReceiptChoices, "printer", printer)
    pages: list[int] = []
    receipt_dialog.panel.printed.connect(pages.append)
    receipt_dialog.panel.print_copy("gym")
    settle(qtbot)
    assert pages == [1]
    assert len(PdfReader(printed).pages) == 1


def test_print_pdf_refuses_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    with pytest.raises(OSError, match="could not be read"):
        print_pdf(broken, printer)


def test_an_80mm_receipt_is_a_narrow_slip_and_the_choice_is_remembered(
    qtbot: QtBot, receipt_dialog: ReceiptDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = receipt_dialog.panel
    assert panel.paper() == "a4"
    panel.paper_combo.setCurrentIndex(1)
    monkeypatch.setattr(ReceiptChoices, "save_path", lambda _p, name: tmp_path / name)
    panel.save_copy("client")
    settle(qtbot)
    (slip,) = tmp_path.glob("*.pdf")
    page = PdfReader(slip).pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == 80  # millimetres
    assert "1,000,000" in text_of(slip)
    assert "회원용" in text_of(slip)
    # The next receipt opened on this PC starts on the thermal printer's paper.
    again = ReceiptDialog(panel._packages, panel._actor, panel._messages,
                          panel._payment[0], "", "김민수", TODAY)  # type: ignore[index]
    qtbot.addWidget(again)
    assert again.panel.paper() == "80mm"
