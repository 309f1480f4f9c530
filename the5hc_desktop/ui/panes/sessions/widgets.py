"""Small widgets and Qt helpers shared by the 세션 관리 dialogs and panels."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import TypeVar

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QSpinBox, QTimeEdit, QWidget

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.domain.fees import MAX_SALE_KRW
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.dialogs import ERROR_COLOUR, FieldErrors

T = TypeVar("T")

MAX_WON = MAX_SALE_KRW  # the largest sale the rules accept (domain/fees.py)
STEP_MIN = 15


def won_spin(name: str, step: int, suffix: str, parent: QWidget | None = None) -> QSpinBox:
    """Whole won with thousands separators ("1,000,000 원")."""
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(0, MAX_WON)
    spin.setSingleStep(step)
    spin.setGroupSeparatorShown(True)
    spin.setSuffix(suffix)
    spin.setAccelerated(True)
    spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.PlusMinus)
    spin.setMinimumWidth(150)
    return spin


class QuarterHourEdit(QTimeEdit):
    """HH:mm whose arrows move minutes in 15-minute steps (what the desk books in)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")

    def stepBy(self, steps: int) -> None:
        if self.currentSection() == QTimeEdit.Section.MinuteSection:
            self.setTime(snap(self.time()).addSecs(steps * STEP_MIN * 60))
            return
        super().stepBy(steps)


def snap(value: QTime) -> QTime:
    """Down to the quarter hour."""
    return QTime(value.hour(), value.minute() - value.minute() % STEP_MIN)


def error_label(name: str) -> QLabel:
    """A red line for refusals that name no field (a conflict, a permission)."""
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_time(value: QTime) -> time:
    return time(value.hour(), value.minute())


def find_data(combo: QComboBox, value: object) -> int:
    """Index of the item whose data equals `value` (-1 if none).

    QComboBox.findData compares Python objects by identity, so an equal UUID from another
    query would not be found.
    """
    return next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)


class FormSubmission:
    """One save at a time from a dialog: busy while the worker runs, refusals shown under
    their field (or handed to `report` when they name none)."""

    def __init__(self, dialog: QWidget, errors: FieldErrors,
                 report: Callable[[The5HCError], object],
                 on_busy_changed: Callable[[bool], object]) -> None:
        self._dialog = dialog
        self._errors = errors
        self._report = report
        self._on_busy_changed = on_busy_changed
        self.busy = False

    def submit(self, op: Callable[[worker.TaskContext], T], on_success: Callable[[T], object],
               label: str) -> None:
        self._set_busy(True)
        worker.run(op, on_success, on_failure=self._failed, progress_label=label,
                   cancellable=False, parent=self._dialog, on_done=lambda: self._set_busy(False))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._on_busy_changed(busy)

    def _failed(self, error: The5HCError) -> None:
        if not self._errors.show_error(error):
            self._report(error)
