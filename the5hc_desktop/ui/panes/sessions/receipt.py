"""영수증 for any payment: the member's copy or the gym's (card fee and net only there).

The PDF comes from `reports.receipt.render_receipt` on the worker lane. Saving writes it
where the user chooses; printing renders its pages with QtPdf (`QPdfDocument`) onto the
printer chosen in `QPrintDialog`. The two modal choices are classmethods of
`ReceiptChoices`, so tests replace them instead of driving native dialogs.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from datetime import date
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QRect, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.reports.filenames import receipt_filename
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.messages import MessageBridge

Copy = Literal["client", "gym"]
COPIES: tuple[Copy, ...] = ("client", "gym")
Paper = Literal["a4", "80mm"]
PAPERS: tuple[Paper, ...] = ("a4", "80mm")
PAPER_KEY = "receipts/paper"  # per PC: the desk with the thermal printer keeps 80 mm
PRINT_DPI = 300  # sharp text on paper without huge page images


def write_receipt(
    packages: PackageService, actor: Actor, payment_id: uuid.UUID, copy: Copy, path: Path,
    paper: Paper = "a4",
) -> Path:
    """Worker: the receipt PDF of one payment written to `path`, on A4 or 80 mm paper."""
    # ReportLab loads with the first receipt, not with the pane (start-up time and memory).
    from the5hc_desktop.reports.receipt import render_receipt
    from the5hc_desktop.reports.receipt_slip import render_receipt_slip

    data = packages.receipt(actor, payment_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    if paper == "80mm":
        render_receipt_slip(data, path, copy)
    else:
        render_receipt(data, path, copy)
    return path


def print_pdf(pdf: Path, printer: QPrinter) -> int:
    """Paint every page of `pdf` onto `printer`, fitted to the printable area; page count."""
    document = QPdfDocument()
    try:
        error = document.load(str(pdf))
        if error != QPdfDocument.Error.None_ or document.pageCount() < 1:
            raise OSError(f"the PDF could not be read ({error.name})")
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not be opened")
        try:
            dpi = min(printer.resolution(), PRINT_DPI)
            for page in range(document.pageCount()):
                if page:
                    printer.newPage()
                points = document.pagePointSize(page)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                image = document.render(page, size)
                area = painter.viewport()
                scaled = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRect(area.x() + (area.width() - scaled.width()) // 2, area.y(),
                               scaled.width(), scaled.height())
                painter.drawImage(target, image)
        finally:
            painter.end()
        return document.pageCount()
    finally:
        document.close()


class ReceiptChoices:
    """The two modal choices of printing and saving (patched in tests)."""

    @classmethod
    def save_path(cls, parent: QWidget | None, suggested: str) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("ReceiptChoices", "Save receipt"),
            str(Path.home() / suggested), "PDF (*.pdf)")
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")

    @classmethod
    def printer(cls, parent: QWidget | None) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer


class ReceiptPanel(QWidget):
    """Copy choice plus Print… and Save as PDF… for one payment."""

    saved = Signal(object)  # Path
    printed = Signal(int)  # pages

    def __init__(
        self,
        packages: PackageService,
        actor: Actor,
        messages: MessageBridge,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPanel")
        self._packages = packages
        self._actor = actor
        self._messages = messages
        self._payment: tuple[uuid.UUID, str, date] | None = None

        self.copy_combo = QComboBox()
        self.copy_combo.setObjectName("receiptCopy")
        self.copy_combo.addItem(self.tr("Client's copy"), "client")
        self.copy_combo.addItem(self.tr("Gym's copy (with card fee and net)"), "gym")
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("receiptPaper")
        self.paper_combo.addItem(self.tr("A4"), "a4")
        self.paper_combo.addItem(self.tr("80 mm receipt printer"), "80mm")
        self.paper_combo.setToolTip(self.tr("Remembered on this PC"))
        stored = QSettings().value(PAPER_KEY, "a4")
        self.paper_combo.setCurrentIndex(PAPERS.index(stored) if stored in PAPERS else 0)
        self.paper_combo.currentIndexChanged.connect(
            lambda _i: QSettings().setValue(PAPER_KEY, self.paper()))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("receiptPrintButton")
        self.print_button.clicked.connect(lambda: self.print_copy(self.copy()))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.setObjectName("receiptSaveButton")
        self.save_button.clicked.connect(lambda: self.save_copy(self.copy()))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Receipt:")))
        row.addWidget(self.copy_combo, 1)
        row.addWidget(self.paper_combo)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        self.set_payment(None)

    def set_payment(self, payment_id: uuid.UUID | None, client_name: str = "",
                    paid_on: date | None = None) -> None:
        self._payment = (payment_id, client_name, paid_on or date.today()) if payment_id else None
        for widget in (self.copy_combo, self.paper_combo, self.print_button, self.save_button):
            widget.setEnabled(payment_id is not None)

    def copy(self) -> Copy:
        return "gym" if self.copy_combo.currentData() == "gym" else "client"

    def set_copy(self, copy: Copy) -> None:
        self.copy_combo.setCurrentIndex(COPIES.index(copy))

    def paper(self) -> Paper:
        return "80mm" if self.paper_combo.currentData() == "80mm" else "a4"

    def set_paper(self, paper: Paper) -> None:
        self.paper_combo.setCurrentIndex(PAPERS.index(paper))

    def save_copy(self, copy: Copy) -> None:
        if self._payment is None:
            return
        payment_id, name, paid_on = self._payment
        path = ReceiptChoices.save_path(self, receipt_filename(paid_on, name, copy))
        if path is None:
            return
        packages, actor, paper = self._packages, self._actor, self.paper()
        worker.run(
            lambda _ctx: write_receipt(packages, actor, payment_id, copy, path, paper),
            self._saved,
            progress_label=self.tr("Writing the receipt…"),
            parent=self,
        )

    def _saved(self, path: Path) -> None:
        self._messages.success(self.tr("Receipt saved: {file}").format(file=path.name))
        self.saved.emit(path)

    def print_copy(self, copy: Copy) -> None:
        if self._payment is None:
            return
        payment_id, _name, _paid_on = self._payment
        handle, name = tempfile.mkstemp(prefix="the5hc-receipt-", suffix=".pdf")
        os.close(handle)
        target = Path(name)  # removed once printed, cancelled or failed
        packages, actor, paper = self._packages, self._actor, self.paper()
        worker.run(
            lambda _ctx: write_receipt(packages, actor, payment_id, copy, target, paper),
            self._print_file,
            progress_label=self.tr("Preparing the receipt…"),
            parent=self,
            on_done=lambda: target.unlink(missing_ok=True),
        )

    def _print_file(self, pdf: Path) -> None:
        printer = ReceiptChoices.printer(self)
        if printer is None:
            return
        try:
            pages = print_pdf(pdf, printer)
        except OSError as error:
            self._messages.error(self.tr("The receipt could not be printed: {error}")
                                 .format(error=error))
            return
        self._messages.success(self.tr("Receipt sent to the printer."))
        self.printed.emit(pages)


class ReceiptDialog(QDialog):
    """The receipt of one payment from the payments list."""

    def __init__(
        self,
        packages: PackageService,
        actor: Actor,
        messages: MessageBridge,
        payment_id: uuid.UUID,
        summary: str,
        client_name: str,
        paid_on: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("receiptDialog")
        self.setWindowTitle(self.tr("Receipt"))
        self.panel = ReceiptPanel(packages, actor, messages, self)
        self.panel.set_payment(payment_id, client_name, paid_on)
        text = QLabel(summary)
        text.setObjectName("receiptSummary")
        text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.panel)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
