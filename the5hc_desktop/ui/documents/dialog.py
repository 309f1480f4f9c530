"""A dialog that shows a rendered PDF as it will print, with Print… and Save as PDF….

The PDF is made on a worker lane by `render` (any callable returning bytes); subclasses
add their own controls above the preview (the day close's period) and call `reload`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.documents.files import FileDialogs, last_folder, remember_folder, write_pdf
from the5hc_desktop.ui.documents.preview import PdfPreview
from the5hc_desktop.ui.documents.printing import PrintFailed, Printing, print_document
from the5hc_desktop.ui.messages import MessageBridge, error_text


class PdfDialog(QDialog):
    def __init__(self, messages: MessageBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._messages = messages
        self._serial = 0
        self._pdf: bytes | None = None
        self.top = QVBoxLayout()  # the subclass's own controls
        self.error_label = QLabel()
        self.error_label.setObjectName("pdfDialogError")
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        # The line is kept even when empty, so an error never moves the preview.
        self.error_label.setMinimumHeight(self.error_label.fontMetrics().height())
        self.preview = PdfPreview()
        self.preview.setMinimumSize(640, 560)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.print_button = buttons.addButton(self.tr("&Print…"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("pdfDialogPrint")
        self.print_button.clicked.connect(self.print_current)
        self.save_button = buttons.addButton(self.tr("&Save as PDF…"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("pdfDialogSave")
        self.save_button.clicked.connect(self.save_as)
        # Enter belongs to the field being typed in (a date, say), never to Close or Print.
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addLayout(self.top)
        layout.addWidget(self.error_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self._update_buttons()

    # --- to be given by the subclass ---------------------------------------------------------
    def file_name(self) -> str:
        """The suggested file name (and the print job's name)."""
        return "the5hc.pdf"

    # --- loading ---------------------------------------------------------------------------
    def load(self, render: Callable[[], bytes]) -> None:
        """Render on the slow-read lane and show the result (a newer load wins)."""
        self._serial += 1
        serial = self._serial
        self._pdf = None
        self._update_buttons()
        self.preview.show_message(self.tr("Preparing…"))
        worker.run(
            lambda _ctx: render(),
            lambda pdf: self._arrived(serial, pdf),
            on_failure=lambda error: self._failed(serial, error),
            cancellable=False,
            parent=self,
            lane=worker.Lane.SLOW_READ,
        )

    def pdf(self) -> bytes | None:
        return self._pdf

    def _arrived(self, serial: int, pdf: bytes) -> None:
        if serial != self._serial:
            return  # another load replaced this one meanwhile
        self.error_label.clear()
        if self.preview.show_pdf(pdf) == 0:
            self.preview.show_message(self.tr("The document could not be shown."))
            return
        self._pdf = pdf
        self._update_buttons()

    def _failed(self, serial: int, error: The5HCError) -> None:
        if serial != self._serial:
            return
        self.error_label.setText(error_text(error))
        self.preview.show_message(self.tr("Nothing to show."))

    def _update_buttons(self) -> None:
        shown = self._pdf is not None
        self.print_button.setEnabled(shown)
        self.save_button.setEnabled(shown)

    # --- print and save ---------------------------------------------------------------------
    def print_current(self) -> None:
        if self._pdf is None:
            return
        printer = Printing.choose_printer(self, self.preview.page_count(),
                                          Path(self.file_name()).stem)
        if printer is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            print_document(self.preview.document, printer)
        except PrintFailed:
            self._messages.error(self.tr("The document could not be printed. Check the "
                                         "printer and try again."), dialog=True)
        else:
            self._messages.success(self.tr("Sent to the printer."))
        finally:
            QApplication.restoreOverrideCursor()

    def save_as(self) -> None:
        pdf = self._pdf
        if pdf is None:
            return
        path = FileDialogs.save_pdf(self, self.tr("Save as PDF"),
                                    last_folder() / self.file_name())
        if path is None:
            return
        remember_folder(path.parent)
        worker.run(
            lambda _ctx: write_pdf(path, pdf),
            lambda saved: self._messages.success(
                self.tr("Saved {file}.").format(file=saved.name)),
            progress_label=self.tr("Saving…"),
            cancellable=False,
            parent=self,
        )
