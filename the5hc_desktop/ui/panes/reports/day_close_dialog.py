"""일마감 dialog: pick a day (or a range), see the day close as it prints, print or save it.

The figures are read and the PDF is rendered on the slow-read lane; the dialog shows the
result in the same preview the assessment reports use, so what is seen is what prints.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.reports.day_close import render_day_close
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.day_close import DayCloseService
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.messages import MessageBridge, error_text
from the5hc_desktop.ui.panes.reports.files import FileDialogs, last_folder, remember_folder
from the5hc_desktop.ui.panes.reports.jobs import write_pdf
from the5hc_desktop.ui.panes.reports.pdf_preview import PdfPreview
from the5hc_desktop.ui.panes.reports.printing import PrintFailed, Printing, print_document

RELOAD_DELAY_MS = 250  # typing a date changes it digit by digit: read once it settles


def render_pdf(service: DayCloseService, actor: Actor, first: date, last: date) -> bytes:
    """The day close of first..last as PDF bytes (runs on a worker lane)."""
    view = service.close(actor, first, last)
    buffer = io.BytesIO()
    render_day_close(view.close, buffer, first=view.first, last=view.last,
                     gym_name=view.gym_name, closed_by=view.closed_by,
                     printed_at=view.printed_at, whole_gym=view.whole_gym)
    return buffer.getvalue()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DayCloseDialog(QDialog):
    def __init__(
        self,
        service: DayCloseService,
        actor: Actor,
        messages: MessageBridge,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dayCloseDialog")
        self.setWindowTitle(self.tr("Day close"))
        self._service = service
        self._actor = actor
        self._messages = messages
        self._today = today
        self._serial = 0
        self._pdf: bytes | None = None
        self._shown: tuple[date, date] | None = None
        self.reload_timer = QTimer(self)
        self.reload_timer.setSingleShot(True)
        self.reload_timer.setInterval(RELOAD_DELAY_MS)
        self.reload_timer.timeout.connect(self.reload)
        self._build()
        self.show_range(today(), today())

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.first_edit = self._date_edit("dayCloseFirst")
        self.last_edit = self._date_edit("dayCloseLast")
        period = QHBoxLayout()
        label = QLabel(self.tr("&Period"))
        label.setBuddy(self.first_edit)
        period.addWidget(label)
        period.addWidget(self.first_edit)
        period.addWidget(QLabel("~"))
        period.addWidget(self.last_edit)
        period.addSpacing(12)
        for name, text, days in (("dayCloseToday", self.tr("Today"), self._today_range),
                                 ("dayCloseYesterday", self.tr("Yesterday"), self._yesterday),
                                 ("dayCloseWeek", self.tr("This week"), self._this_week),
                                 ("dayCloseMonth", self.tr("This month"), self._this_month)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, pick=days: self.show_range(*pick()))
            period.addWidget(button)
        period.addStretch(1)
        self.error_label = QLabel()
        self.error_label.setObjectName("dayCloseError")
        self.error_label.setStyleSheet("color: #c62828;")
        # The line is kept even when empty, so an error never moves the preview.
        self.error_label.setMinimumHeight(self.error_label.fontMetrics().height())

        self.preview = PdfPreview()
        self.preview.setMinimumSize(640, 560)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.print_button = buttons.addButton(self.tr("&Print…"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("dayClosePrint")
        self.print_button.clicked.connect(self.print_current)
        self.save_button = buttons.addButton(self.tr("&Save as PDF…"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("dayCloseSave")
        self.save_button.clicked.connect(self.save_as)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.error_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self._update_buttons()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(lambda _d: self.reload_timer.start())
        return edit

    # --- ranges ---------------------------------------------------------------------------
    def _today_range(self) -> tuple[date, date]:
        return self._today(), self._today()

    def _yesterday(self) -> tuple[date, date]:
        day = self._today() - timedelta(days=1)
        return day, day

    def _this_week(self) -> tuple[date, date]:
        today = self._today()
        return today - timedelta(days=today.weekday()), today

    def _this_month(self) -> tuple[date, date]:
        today = self._today()
        return today.replace(day=1), today

    def show_range(self, first: date, last: date) -> None:
        for edit, day in ((self.first_edit, first), (self.last_edit, last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        self.reload()

    def period(self) -> tuple[date, date]:
        return _pydate(self.first_edit.date()), _pydate(self.last_edit.date())

    # --- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        self.reload_timer.stop()
        first, last = self.period()
        self._serial += 1
        serial, service, actor = self._serial, self._service, self._actor
        self._pdf = None
        self._update_buttons()
        self.preview.show_message(self.tr("Adding up…"))
        worker.run(
            lambda _ctx: render_pdf(service, actor, first, last),
            lambda pdf: self._arrived(serial, (first, last), pdf),
            on_failure=lambda error: self._failed(serial, error),
            cancellable=False,
            parent=self,
            lane=worker.Lane.SLOW_READ,
        )

    def _arrived(self, serial: int, shown: tuple[date, date], pdf: bytes) -> None:
        if serial != self._serial:
            return  # the user picked another period meanwhile
        self.error_label.clear()
        if self.preview.show_pdf(pdf) == 0:
            self.preview.show_message(self.tr("The day close could not be shown."))
            return
        self._pdf, self._shown = pdf, shown
        self._update_buttons()

    def _failed(self, serial: int, error: The5HCError) -> None:
        if serial != self._serial:
            return
        self.error_label.setText(error_text(error))
        self.preview.show_message(self.tr("Choose another period."))

    def _update_buttons(self) -> None:
        shown = self._pdf is not None
        self.print_button.setEnabled(shown)
        self.save_button.setEnabled(shown)

    # --- print and save ---------------------------------------------------------------------
    def file_name(self) -> str:
        first, last = self._shown or self.period()
        span = first.isoformat() if first == last else f"{first.isoformat()}_{last.isoformat()}"
        return f"일마감_{span}.pdf"

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
            self._messages.error(self.tr("The day close could not be printed. Check the "
                                         "printer and try again."), dialog=True)
        else:
            self._messages.success(self.tr("The day close was sent to the printer."))
        finally:
            QApplication.restoreOverrideCursor()

    def save_as(self) -> None:
        pdf = self._pdf
        if pdf is None:
            return
        path = FileDialogs.save_pdf(self, self.tr("Save the day close as PDF"),
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

