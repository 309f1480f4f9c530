"""일마감 dialog: pick a day (or a range), see the day close as it prints, print or save it.

The figures are read and the PDF is rendered on the slow-read lane; the dialog shows the
result in the same preview the assessment reports use, so what is seen is what prints.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.day_close import DayCloseService
from the5hc_desktop.ui.documents.dialog import PdfDialog
from the5hc_desktop.ui.messages import MessageBridge

RELOAD_DELAY_MS = 250  # typing a date changes it digit by digit: read once it settles


def render_pdf(service: DayCloseService, actor: Actor, first: date, last: date) -> bytes:
    """The day close of first..last as PDF bytes (runs on a worker lane)."""
    from the5hc_desktop.reports.day_close import render_day_close  # ReportLab: on first use

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


class DayCloseDialog(PdfDialog):
    def __init__(
        self,
        service: DayCloseService,
        actor: Actor,
        messages: MessageBridge,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(messages, parent)
        self.setObjectName("dayCloseDialog")
        self.setWindowTitle(self.tr("Day close"))
        self._service = service
        self._actor = actor
        self._today = today
        self._shown: tuple[date, date] | None = None
        self.reload_timer = QTimer(self)
        self.reload_timer.setSingleShot(True)
        self.reload_timer.setInterval(RELOAD_DELAY_MS)
        self.reload_timer.timeout.connect(self.reload)
        self._build_period()
        self.show_range(today(), today())

    def _build_period(self) -> None:
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
        self.top.addLayout(period)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(lambda _d: self.reload_timer.start())
        # Enter after typing a date shows that period at once (no wait for the debounce).
        edit.editingFinished.connect(
            lambda: self.reload() if self.reload_timer.isActive() else None)
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

    def reload(self) -> None:
        self.reload_timer.stop()
        first, last = self.period()
        self._shown = (first, last)
        service, actor = self._service, self._actor
        self.load(lambda: render_pdf(service, actor, first, last))

    def file_name(self) -> str:
        first, last = self._shown or self.period()
        span = first.isoformat() if first == last else f"{first.isoformat()}_{last.isoformat()}"
        return f"일마감_{span}.pdf"
