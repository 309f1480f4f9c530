"""Printing a shown PDF through the system print dialog.

The dialog is a classmethod of `Printing` so tests replace it (and may hand back a QPrinter
writing a PDF file). Pages are rasterised by QtPdf on the GUI thread, where the document
lives, at the printer's resolution capped at 300 dpi: sharp text without page images of
hundreds of megabytes on a 1200 dpi laser.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

PRINT_DPI = 300


class PrintFailed(Exception):
    """The printer could not be opened or the document had no pages."""


class Printing:
    """The modal print dialog (patched in tests)."""

    @classmethod
    def choose_printer(
        cls, parent: QWidget | None, page_count: int, document_name: str
    ) -> QPrinter | None:
        """The printer and options the user chose, or None when they cancelled."""
        printer = new_printer(document_name)
        dialog = QPrintDialog(printer, parent)
        dialog.setObjectName("reportPrintDialog")
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, True)
        dialog.setMinMax(1, max(page_count, 1))
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return printer if accepted else None


def new_printer(document_name: str) -> QPrinter:
    """A4 portrait like the report itself, the whole sheet addressable (the PDF has margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(document_name)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)
    return printer


def page_range(printer: QPrinter, page_count: int) -> range:
    """The 0-based pages the dialog asked for (all of them unless a range was given)."""
    first, last = 0, page_count - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage() - 1, 0)
        last = min(max(printer.toPage(), printer.fromPage()) - 1, last)
    return range(first, last + 1)


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint the chosen pages of `document` onto `printer`; the number of sheets sent."""
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise PrintFailed("no document to print")
    pages = page_range(printer, document.pageCount())
    # Drivers that collate copies themselves say so; otherwise repeat the pages here.
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed("the printer could not be opened")
    sent = 0
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        for _copy in range(copies):
            for page in pages:
                if sent:
                    printer.newPage()
                _paint_page(painter, document, page, dpi)
                sent += 1
    finally:
        painter.end()
    return sent


def _paint_page(painter: QPainter, document: QPdfDocument, page: int, dpi: int) -> None:
    points = document.pagePointSize(page)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    image = document.render(page, size)
    area = painter.viewport()
    scaled = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRect(area.x() + (area.width() - scaled.width()) // 2,
                   area.y() + (area.height() - scaled.height()) // 2,
                   scaled.width(), scaled.height())
    painter.drawImage(target, image)
