"""반복 예약 ("매주 월·수 19:00, 10회"): the booking dialog with weekdays and an end, a preview
of every date and what stands in its way, then one all-or-nothing booking.

The member, package, trainer, first day, time and duration work as in 세션 예약 (the dialog
extends it). 미리 보기 asks `RecurringBookingService.preview` on the worker lane; its table
lists each date: clear dates are ticked, dates that clash are not (the desk may tick one
outside the trainer's hours when the gym allows it, which confirms it), days the trainer or
the gym is off are listed as skipped. The credits line says how many the package still has
free. Changing the rule clears the preview, so what is booked is what was last shown.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, time

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.availability import WEEKDAY_LABELS
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.recurrence import MAX_OCCURRENCES, Recurrence, describe
from the5hc_desktop.services.accounts import StaffView
from the5hc_desktop.services.clients import ClientService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.services.recurring_bookings import Occurrence, SeriesPreview
from the5hc_desktop.services.sessions import SessionService, SessionView
from the5hc_desktop.ui import i18n
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.sessions import formatting as fmt
from the5hc_desktop.ui.panes.sessions.book_dialog import BookSessionDialog
from the5hc_desktop.ui.panes.sessions.widgets import to_date, to_time

DEFAULT_COUNT = 10
_CONFLICT = QColor("#c62828")
_SKIPPED = QColor(fmt.MUTED_COLOUR)


class RecurringBookingDialog(BookSessionDialog):
    """Book a weekly series; `series_booked(tuple[SessionView, ...])` once it is written."""

    series_booked = Signal(object)

    def __init__(
        self,
        sessions: SessionService,
        packages: PackageService,
        clients: ClientService,
        actor: Actor,
        messages: MessageBridge,
        trainers: Sequence[StaffView],
        start: datetime,
        *,
        client_id: uuid.UUID | None = None,
        client_name: str = "",
        trainer_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.preview: SeriesPreview | None = None
        self._language = i18n.current_language()
        super().__init__(sessions, packages, clients, actor, messages, trainers, start,
                         client_id=client_id, client_name=client_name, trainer_id=trainer_id,
                         parent=parent)
        self.setObjectName("recurringBookingDialog")
        self.setWindowTitle(self.tr("Recurring booking"))
        self.resize(560, 640)

    # --- layout -------------------------------------------------------------------------
    def _build(self, trainers: Sequence[StaffView], start: datetime,
               trainer_id: uuid.UUID | None) -> None:
        super()._build(trainers, start, trainer_id)
        root = self.layout()
        assert isinstance(root, QVBoxLayout)
        first = root.itemAt(0)
        form = first.layout() if first is not None else None
        assert isinstance(form, QFormLayout)
        form.setRowVisible(self.notes_edit, False)  # a series carries no per-session note
        start_row = self.date_edit.parentWidget()
        start_label = form.labelForField(start_row) if start_row is not None else None
        if isinstance(start_label, QLabel):
            start_label.setText(self.tr("First day"))

        days = QWidget()
        days.setObjectName("recurringWeekdays")
        row = QHBoxLayout(days)
        row.setContentsMargins(0, 0, 0, 0)
        self.weekday_boxes: list[QCheckBox] = []
        for number, label in enumerate(WEEKDAY_LABELS):
            box = QCheckBox(label.text(self._language))
            box.setObjectName(f"recurringDay{number}")
            box.setChecked(number == start.weekday())
            box.toggled.connect(lambda _on: self._rule_changed())
            row.addWidget(box)
            self.weekday_boxes.append(box)
        row.addStretch(1)

        ends = QWidget()
        end_row = QHBoxLayout(ends)
        end_row.setContentsMargins(0, 0, 0, 0)
        self.count_spin = QSpinBox()
        self.count_spin.setObjectName("recurringCount")
        self.count_spin.setRange(1, MAX_OCCURRENCES)
        self.count_spin.setValue(DEFAULT_COUNT)
        self.count_spin.setSuffix(self.tr(" times"))
        self.until_box = QCheckBox(self.tr("until"))
        self.until_box.setObjectName("recurringUntilBox")
        self.until_edit = QDateEdit()
        self.until_edit.setObjectName("recurringUntil")
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat("yyyy-MM-dd (ddd)")
        self.until_edit.setDate(QDate(start.year, start.month, start.day).addMonths(3))
        self.until_edit.setEnabled(False)
        self.until_box.toggled.connect(self.until_edit.setEnabled)
        end_row.addWidget(self.count_spin)
        end_row.addWidget(self.until_box)
        end_row.addWidget(self.until_edit)
        end_row.addStretch(1)
        self.count_spin.valueChanged.connect(lambda _v: self._rule_changed())
        self.until_box.toggled.connect(lambda _on: self._rule_changed())
        self.until_edit.dateChanged.connect(lambda _d: self._rule_changed())
        form.insertRow(form.rowCount() - 1, self.tr("Repeat on"), days)
        form.insertRow(form.rowCount() - 1, self.tr("Ends after"), ends)
        self.errors.register(days, "weekdays")
        self.errors.register(self.count_spin, "count")
        self.errors.register(ends, "until")

        self.rule_label = QLabel()
        self.rule_label.setObjectName("recurringRule")
        self.rule_label.setStyleSheet("font-weight: bold;")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("recurringPreview")
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Time"),
                                              self.tr("Check")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.itemChanged.connect(lambda _item: self._update_button())
        self.summary = QLabel()
        self.summary.setObjectName("recurringSummary")
        self.summary.setWordWrap(True)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setObjectName("recurringPreviewButton")
        self.preview_button.clicked.connect(self.load_preview)
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.setAutoDefault(False)
        index = root.indexOf(self.buttons)
        root.insertWidget(index, self.rule_label)
        root.insertWidget(index + 1, self.table, 1)
        root.insertWidget(index + 2, self.summary)
        self.trainer_combo.currentIndexChanged.connect(lambda _i: self._rule_changed())
        self.package_combo.currentIndexChanged.connect(lambda _i: self._rule_changed())
        self.date_edit.dateChanged.connect(lambda _d: self._rule_changed())
        self.time_edit.timeChanged.connect(lambda _t: self._rule_changed())
        self.duration_spin.valueChanged.connect(lambda _v: self._rule_changed())
        self.picker.client_changed.connect(lambda _c: self._rule_changed())

    # --- the rule ---------------------------------------------------------------------------
    def rule(self) -> Recurrence:
        days = frozenset(n for n, box in enumerate(self.weekday_boxes) if box.isChecked())
        until = to_date(self.until_edit.date()) if self.until_box.isChecked() else None
        start: time = to_time(self.time_edit.time())
        return Recurrence(to_date(self.date_edit.date()), days, start,
                          self.duration_spin.value(), self.count_spin.value(), until)

    def _rule_changed(self) -> None:
        if not hasattr(self, "table"):
            return  # still building
        self.preview = None
        self.table.setRowCount(0)
        self.summary.setText(self.tr("Preview the dates before booking."))
        self.rule_label.setText(describe(self.rule(), self._language)
                                if any(b.isChecked() for b in self.weekday_boxes) else "")
        self._update_button()

    def load_preview(self) -> None:
        client_id, package = self.picker.client_id(), self.chosen_package()
        trainer_id = self.trainer_combo.currentData()
        if client_id is None:
            self.errors.show("client_id", self.tr("Choose the client."))
            return
        if package is None:
            self.errors.show("package_id", self.tr("Choose a package."))
            return
        self.errors.clear()
        rule, recurring, actor = self.rule(), self._sessions.recurring, self._actor
        self._submission.submit(
            lambda _ctx: recurring.preview(actor, client_id, package.id, trainer_id, rule),
            self.show_preview, self.tr("Checking the dates…"))

    def show_preview(self, preview: SeriesPreview) -> None:
        self.preview = preview
        self.table.blockSignals(True)
        rows: list[tuple[date, Occurrence | Label]] = sorted(
            [*((o.on, o) for o in preview.occurrences), *preview.skipped], key=lambda r: r[0])
        self.table.setRowCount(len(rows))
        for number, (day, what) in enumerate(rows):
            when = QTableWidgetItem(fmt.day_text(day, self._language))
            when.setData(Qt.ItemDataRole.UserRole, day)
            if isinstance(what, Occurrence):
                at = fmt.time_span(what.starts_at, what.ends_at)
                note = (self.tr("OK") if what.conflict is None
                        else what.conflict.text(self._language))
                bookable = what.conflict is None or what.confirmable
                when.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                              if bookable else Qt.ItemFlag.NoItemFlags)
                when.setCheckState(Qt.CheckState.Checked if what.conflict is None
                                   else Qt.CheckState.Unchecked)
                colour = None if what.conflict is None else _CONFLICT
            else:
                at, colour = "", _SKIPPED
                note = self.tr("Skipped: {reason}").format(reason=what.text(self._language))
                when.setFlags(Qt.ItemFlag.NoItemFlags)
            cells = (when, QTableWidgetItem(at), QTableWidgetItem(note))
            for column, cell in enumerate(cells):
                if column:
                    cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if colour is not None:
                    cell.setForeground(colour)
                self.table.setItem(number, column, cell)
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)
        self._update_button()

    def chosen_dates(self) -> list[date]:
        return [self._row_day(row) for row in range(self.table.rowCount())
                if self._row_checked(row)]

    def dropped_dates(self) -> frozenset[date]:
        if self.preview is None:
            return frozenset()
        chosen = set(self.chosen_dates())
        return frozenset(o.on for o in self.preview.occurrences if o.on not in chosen)

    def _row_day(self, row: int) -> date:
        item = self.table.item(row, 0)
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        assert isinstance(value, date)
        return value

    def _row_checked(self, row: int) -> bool:
        item = self.table.item(row, 0)
        return (item is not None and bool(item.flags() & Qt.ItemFlag.ItemIsUserCheckable)
                and item.checkState() == Qt.CheckState.Checked)

    def _update_button(self) -> None:
        super()._update_button()
        if not hasattr(self, "table"):
            return
        chosen = len(self.chosen_dates()) if self.preview is not None else 0
        enough = self.preview is not None and chosen <= self.preview.bookable
        self.book_button.setText(self.tr("Book {count} sessions").format(count=chosen))
        self.book_button.setEnabled(self.book_button.isEnabled() and chosen > 0 and enough)
        if self.preview is not None:
            text = self.tr("{chosen} dates chosen · {bookable} sessions free in the package "
                           "· {conflicts} in conflict").format(
                chosen=chosen, bookable=self.preview.bookable,
                conflicts=len(self.preview.conflicts))
            if not enough:
                text += " — " + self.tr("too few sessions: untick some dates or sell more.")
            self.summary.setText(text)
            self.summary.setStyleSheet("" if enough else f"color: {_CONFLICT.name()};")

    # --- booking ----------------------------------------------------------------------------
    def submit(self) -> None:
        if self._submission.busy:
            return
        if self.preview is None:
            self.load_preview()
            return
        client_id, package = self.picker.client_id(), self.chosen_package()
        trainer_id = self.trainer_combo.currentData()
        if client_id is None or package is None or trainer_id is None:
            return
        rule, dropped = self.preview.rule, self.dropped_dates()
        # A ticked date outside the trainer's hours is the desk's confirmation.
        confirmed = any(o.conflict is not None and o.on not in dropped
                        for o in self.preview.occurrences)
        recurring, actor = self._sessions.recurring, self._actor
        self._submission.submit(
            lambda _ctx: recurring.book(actor, client_id, package.id, trainer_id, rule,
                                        dropped, outside_confirmed=confirmed),
            self._series_booked, self.tr("Booking…"))

    def _series_booked(self, views: tuple[SessionView, ...]) -> None:
        self.series_booked.emit(views)
        self.accept()
