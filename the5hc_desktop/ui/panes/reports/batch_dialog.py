"""Batch export: which assessments (a period, every client or the chosen ones) and where to;
then a summary of what was written with a button opening the folder.

The dialog only builds a `BatchRequest`; the pane runs it on the worker lane.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.ui.dialogs import FieldErrors
from the5hc_desktop.ui.documents.files import FileDialogs

from .jobs import BatchRequest, BatchResult

_NAMES_SHOWN = 3


class Period(IntEnum):
    THIS_MONTH = 0
    LAST_MONTH = 1
    LAST_3_MONTHS = 2
    THIS_YEAR = 3
    ALL_DATES = 4
    CUSTOM = 5


def period_range(period: Period, today: date) -> tuple[date, date] | None:
    """Inclusive dates of a preset; None for all dates (and for custom: keep what is set)."""
    month_start = today.replace(day=1)
    if period is Period.THIS_MONTH:
        return month_start, today
    if period is Period.LAST_MONTH:
        last_day = month_start - timedelta(days=1)
        return last_day.replace(day=1), last_day
    if period is Period.LAST_3_MONTHS:
        year, month = divmod(today.year * 12 + today.month - 1 - 2, 12)
        return date(year, month + 1, 1), today
    if period is Period.THIS_YEAR:
        return date(today.year, 1, 1), today
    return None


def _py_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class BatchExportDialog(QDialog):
    """Choose the assessments to export and the folder; `request()` once accepted."""

    def __init__(
        self,
        *,
        today: date,
        folder: Path,
        chosen_clients: Sequence[tuple[uuid.UUID, str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportBatchDialog")
        self.setWindowTitle(self.tr("Export reports"))
        self._today = today
        self._chosen = tuple(chosen_clients)
        self._request: BatchRequest | None = None
        self._build(folder)
        self.errors = FieldErrors(self)
        self.errors.register(self.date_row, "date_to")
        self.errors.register(self.folder_row, "folder")
        self.set_period(Period.THIS_MONTH)

    def _build(self, folder: Path) -> None:
        self.period = QComboBox()
        self.period.setObjectName("batchPeriod")
        for text in (self.tr("This month"), self.tr("Last month"), self.tr("Last 3 months"),
                     self.tr("This year"), self.tr("All dates"), self.tr("Custom")):
            self.period.addItem(text)
        self.period.activated.connect(lambda index: self.set_period(Period(index)))

        self.date_from = self._date_edit("batchDateFrom")
        self.date_to = self._date_edit("batchDateTo")
        self.date_row = QWidget()
        self.date_row.setObjectName("batchDates")
        dates = QHBoxLayout(self.date_row)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)

        self.all_clients = QRadioButton(self.tr("All clients"))
        self.all_clients.setObjectName("batchAllClients")
        self.chosen_clients = QRadioButton(self._chosen_text())
        self.chosen_clients.setObjectName("batchChosenClients")
        self.chosen_clients.setEnabled(bool(self._chosen))
        group = QButtonGroup(self)
        group.addButton(self.all_clients)
        group.addButton(self.chosen_clients)
        # One chosen client is usually just the one being previewed; several is a choice.
        (self.chosen_clients if len(self._chosen) > 1 else self.all_clients).setChecked(True)
        clients = QVBoxLayout()
        clients.setSpacing(2)
        clients.addWidget(self.all_clients)
        clients.addWidget(self.chosen_clients)

        self.folder_edit = QLineEdit(str(folder))
        self.folder_edit.setObjectName("batchFolder")
        self.folder_edit.setMinimumWidth(320)
        browse = QPushButton(self.tr("Browse…"))
        browse.setObjectName("batchBrowse")
        browse.clicked.connect(self.browse)
        self.folder_row = QWidget()
        self.folder_row.setObjectName("batchFolderRow")
        folder_layout = QHBoxLayout(self.folder_row)
        folder_layout.setContentsMargins(0, 0, 0, 0)
        folder_layout.addWidget(self.folder_edit, 1)
        folder_layout.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("Period"), self.period)
        form.addRow(self.tr("Assessment dates"), self.date_row)
        form.addRow(self.tr("Clients"), clients)
        form.addRow(self.tr("Save to"), self.folder_row)
        hint = QLabel(self.tr("One PDF per assessment, named like "
                              "2024-03-05_김민수_평가보고서.pdf. Existing files are kept."))
        hint.setObjectName("batchHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #607d8b;")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(self.tr("Export"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("batchExportButton")
        self.export_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(self._dates_edited)
        return edit

    def _chosen_text(self) -> str:
        if not self._chosen:
            return self.tr("Clients chosen in the list (none chosen)")
        names = ", ".join(name for _id, name in self._chosen[:_NAMES_SHOWN])
        if len(self._chosen) > _NAMES_SHOWN:
            return self.tr("Chosen clients: {names} and {more} more").format(
                names=names, more=len(self._chosen) - _NAMES_SHOWN)
        return self.tr("Chosen clients: {names}").format(names=names)

    # --- editing ----------------------------------------------------------------------------
    def set_period(self, period: Period) -> None:
        self.period.setCurrentIndex(int(period))
        dates = period_range(period, self._today)
        if dates is not None:
            for edit, value in ((self.date_from, dates[0]), (self.date_to, dates[1])):
                edit.blockSignals(True)
                edit.setDate(QDate(value.year, value.month, value.day))
                edit.blockSignals(False)
        self.date_row.setEnabled(period is not Period.ALL_DATES)

    def set_dates(self, date_from: date, date_to: date) -> None:
        """A custom period (as if typed into the two date boxes)."""
        self.date_from.setDate(QDate(date_from.year, date_from.month, date_from.day))
        self.date_to.setDate(QDate(date_to.year, date_to.month, date_to.day))

    def _dates_edited(self) -> None:
        self.period.setCurrentIndex(int(Period.CUSTOM))

    def browse(self) -> None:
        start = Path(self.folder_edit.text().strip() or Path.home())
        chosen = FileDialogs.choose_folder(self, self.tr("Folder for the reports"), start)
        if chosen is not None:
            self.folder_edit.setText(str(chosen))

    # --- result -----------------------------------------------------------------------------
    def accept(self) -> None:
        self.errors.clear()
        request = self._validated()
        if request is not None:
            self._request = request
            super().accept()

    def request(self) -> BatchRequest | None:
        """What to export; None until the dialog was accepted."""
        return self._request

    def _validated(self) -> BatchRequest | None:
        date_from: date | None = None
        date_to: date | None = None
        if self.period.currentIndex() != Period.ALL_DATES:
            date_from = _py_date(self.date_from.date())
            date_to = _py_date(self.date_to.date())
            if date_to < date_from:
                self.errors.show("date_to", self.tr("The end date is before the start date."))
                return None
        text = self.folder_edit.text().strip()
        folder = Path(text).expanduser() if text else None
        if folder is None:
            self.errors.show("folder", self.tr("Choose a folder for the reports."))
            return None
        if folder.exists() and not folder.is_dir():
            self.errors.show("folder", self.tr("This is a file, not a folder."))
            return None
        client_ids = (tuple(client_id for client_id, _name in self._chosen)
                      if self.chosen_clients.isChecked() else None)
        return BatchRequest(folder, date_from, date_to, client_ids)


class BatchSummaryDialog(QDialog):
    """What a batch wrote, where, and a button opening that folder."""

    def __init__(self, result: BatchResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportBatchSummary")
        self.setWindowTitle(self.tr("Reports exported"))
        self.result_ = result
        count = len(result.files)
        if result.cancelled:
            text = self.tr("Export cancelled: {count} of {total} reports were saved.").format(
                count=count, total=result.total)
        else:
            text = self.tr("{count} reports were saved.").format(count=count)
        self.headline = QLabel(text)
        self.headline.setObjectName("batchSummaryText")
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.folder_label = QLabel(str(result.folder))
        self.folder_label.setObjectName("batchSummaryFolder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        self.files = QListWidget()
        self.files.setObjectName("batchSummaryFiles")
        self.files.addItems([path.name for path in result.files])
        self.files.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.files.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.files.setVisible(count > 0)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton(self.tr("Open folder"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setObjectName("batchOpenFolder")
        self.open_button.clicked.connect(self.open_folder)
        self.open_button.setDefault(True)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(QLabel(self.tr("Folder:")))
        layout.addWidget(self.folder_label)
        layout.addWidget(self.files, 1)
        layout.addWidget(buttons)
        self.resize(520, 360 if count else 160)

    def open_folder(self) -> None:
        FileDialogs.open_folder(self.result_.folder)
        self.accept()
