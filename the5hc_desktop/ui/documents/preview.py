"""The report as it will print: QtPdf's document and view, with zoom and a page count.

The PDF arrives as bytes (rendered on the worker lane) and is read from a QBuffer, so no
temporary file stays open while it is shown. The view starts at "fit width", the size a
manager reads a report at; the zoom buttons switch to a fixed factor from there.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMargins, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 4.0
_PAGE_BACKGROUND = "#e8eaed"


class PdfPreview(QWidget):
    """A PDF viewer for one document at a time, or a hint when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPreview")
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self._pdf = b""

        self.view = QPdfView()
        self.view.setObjectName("reportPdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setDocumentMargins(QMargins(12, 12, 12, 12))
        self.view.setStyleSheet(f"QPdfView {{ background: {_PAGE_BACKGROUND}; }}")

        self.placeholder = QLabel()
        self.placeholder.setObjectName("reportPreviewPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(
            f"background: {_PAGE_BACKGROUND}; color: #546e7a; padding: 24px;")

        self.stack = QStackedWidget()
        self.stack.setObjectName("reportPreviewStack")
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self._build_zoom_bar())
        layout.addWidget(self.stack, 1)
        self.show_message(self.tr("Choose a client and an assessment to preview its report."))

    def _build_zoom_bar(self) -> QHBoxLayout:
        def tool(name: str, text: str, tip: str, checkable: bool = False) -> QToolButton:
            button = QToolButton()
            button.setObjectName(name)
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(checkable)
            button.setAutoRaise(True)
            return button

        self.zoom_out_button = tool("reportZoomOut", "−", self.tr("Zoom out (Ctrl+-)"))
        self.zoom_out_button.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut))
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button = tool("reportZoomIn", "+", self.tr("Zoom in (Ctrl++)"))
        self.zoom_in_button.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn))
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.fit_width_button = tool("reportFitWidth", self.tr("Fit width"),
                                     self.tr("Fit the page width to the window"), True)
        self.fit_width_button.clicked.connect(self.fit_width)
        self.fit_page_button = tool("reportFitPage", self.tr("Whole page"),
                                    self.tr("Show whole pages"), True)
        self.fit_page_button.clicked.connect(self.fit_page)
        self.pages_label = QLabel()
        self.pages_label.setObjectName("reportPageCount")
        self.pages_label.setStyleSheet("color: #607d8b;")

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_width_button,
                       self.fit_page_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.pages_label)
        self._sync_zoom_buttons()
        return row

    # --- content --------------------------------------------------------------------------
    def show_pdf(self, pdf: bytes) -> int:
        """Show `pdf` at fit width; the page count (0 when the bytes are not a readable PDF)."""
        self._unload()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.document.load(buffer)  # synchronous for a random-access device
        pages = self.page_count()
        if pages == 0:
            self._unload()
            return 0
        self._pdf = pdf
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.verticalScrollBar().setValue(0)  # a new report starts at its first page
        self.stack.setCurrentWidget(self.view)
        self.pages_label.setText(self.tr("{pages} pages").format(pages=pages))
        self._sync_zoom_buttons()
        return pages

    def show_message(self, text: str) -> None:
        """Drop the document and show `text` where the pages were."""
        self._unload()
        self.placeholder.setText(text)
        self.stack.setCurrentWidget(self.placeholder)
        self._sync_zoom_buttons()

    def has_document(self) -> bool:
        return bool(self._pdf)

    def pdf(self) -> bytes:
        """The bytes shown (what Save as writes), or b"" when nothing is."""
        return self._pdf

    def page_count(self) -> int:
        if self.document.status() != QPdfDocument.Status.Ready:
            return 0
        return self.document.pageCount()

    def _unload(self) -> None:
        self._pdf = b""
        self.pages_label.clear()
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    # --- zoom -------------------------------------------------------------------------------
    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._sync_zoom_buttons()

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self._sync_zoom_buttons()

    def zoom_in(self) -> None:
        self._set_zoom(self.effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.effective_zoom() / ZOOM_STEP)

    def effective_zoom(self) -> float:
        """The factor on screen, also in the fit modes (where QPdfView keeps its old one)."""
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.Custom or self.page_count() == 0:
            return self.view.zoomFactor()
        points = self.document.pagePointSize(0)
        scale = self.view.logicalDpiX() / 72
        margins = self.view.documentMargins()
        area = self.view.viewport().size()
        by_width = (area.width() - margins.left() - margins.right()) / (points.width() * scale)
        if mode == QPdfView.ZoomMode.FitToWidth:
            return max(by_width, ZOOM_MIN)
        by_height = (area.height() - margins.top() - margins.bottom()) / (points.height() * scale)
        return max(min(by_width, by_height), ZOOM_MIN)

    def _set_zoom(self, factor: float) -> None:
        if not self.has_document():
            return
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(max(factor, ZOOM_MIN), ZOOM_MAX))
        self._sync_zoom_buttons()

    def _sync_zoom_buttons(self) -> None:
        mode = self.view.zoomMode()
        loaded = self.has_document()
        self.fit_width_button.setChecked(mode == QPdfView.ZoomMode.FitToWidth)
        self.fit_page_button.setChecked(mode == QPdfView.ZoomMode.FitInView)
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_width_button,
                       self.fit_page_button):
            button.setEnabled(loaded)
