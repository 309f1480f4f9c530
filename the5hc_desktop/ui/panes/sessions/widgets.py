"""Small widgets and Qt helpers shared by the 세션 관리 dialogs and panels."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time
from typing import TypeVar

from PySide6.QtCore import QDate, QSize, QTime, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QSpinBox, QWidget

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.dialogs import ERROR_COLOUR, FieldErrors

T = TypeVar("T")

MAX_WON = 2_000_000_000  # fits a 32-bit spin box; far above any package price
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


class QuarterHourEdit(QAbstractSpinBox):
    """HH:mm that takes typed times and whose arrows move in 15-minute steps.

    The desk types `19:00`, `1900`, `19` or `7` (see `parse_time_text`); ↑/↓ and the
    wheel move a quarter hour, PgUp/PgDn an hour. A QTimeEdit's sections swallowed typed
    digits inside a dialog, so this keeps its own text and reads it at once: `time()` is
    what the field shows, even before the focus leaves it (Enter books).
    """

    timeChanged = Signal(QTime)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._time = QTime(0, 0)
        self.setAccelerated(True)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self._fresh = True  # the shown time is not being typed over yet
        self._before = QTime(self._time)  # what an unfinished typed time falls back to
        self.lineEdit().textEdited.connect(self._typed)
        self.editingFinished.connect(self._finish_typing)
        self._show_time()

    def time(self) -> QTime:
        parsed = parse_time_text(self.text())
        return QTime(parsed.hour, parsed.minute) if parsed is not None else QTime(self._time)

    def setTime(self, value: QTime) -> None:
        changed = value != self._time
        self._time = QTime(value.hour(), value.minute())
        self._show_time()
        if changed:
            self.timeChanged.emit(QTime(self._time))

    def displayFormat(self) -> str:
        return "HH:mm"

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if not _TIME_TYPING.fullmatch(text):
            return QValidator.State.Invalid, text, pos
        state = (QValidator.State.Acceptable if parse_time_text(text) is not None
                 else QValidator.State.Intermediate)
        return state, text, pos

    def fixup(self, text: str) -> str:
        parsed = parse_time_text(text)
        return f"{parsed:%H:%M}" if parsed is not None else self._time.toString("HH:mm")

    def stepBy(self, steps: int) -> None:
        start = snap(self.time())
        # Qt steps PgUp/PgDn by 10: those move whole hours.
        minutes = int(steps / 10) * 60 if abs(steps) >= 10 else steps * STEP_MIN
        self.setTime(start.addSecs(minutes * 60))
        self.selectAll()

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        return (QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
                | QAbstractSpinBox.StepEnabledFlag.StepDownEnabled)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        width = self.fontMetrics().horizontalAdvance("00:00") + 48
        return QSize(max(hint.width(), width), hint.height())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The first digit typed replaces the shown time, wherever a click left the cursor.
        if self._fresh and event.text().isdigit():
            self.lineEdit().clear()
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._fresh = True

    def _finish_typing(self) -> None:
        if parse_time_text(self.text()) is None and self._time != self._before:
            self.setTime(self._before)  # "25" is no time: back to the one before typing
        self._show_time()

    def _typed(self, text: str) -> None:
        if self._fresh:
            self._before = QTime(self._time)
        self._fresh = False
        parsed = parse_time_text(text)
        if parsed is not None and (parsed.hour, parsed.minute) != (
                self._time.hour(), self._time.minute()):
            self._time = QTime(parsed.hour, parsed.minute)
            self.timeChanged.emit(QTime(self._time))

    def _show_time(self) -> None:
        self._fresh = True
        self.lineEdit().setText(self._time.toString("HH:mm"))


_TIME_TYPING = re.compile(r"\d{0,4}|\d{1,2}:\d{0,2}")


def parse_time_text(text: str) -> time | None:
    """A typed time of day: `19:00`, `7:5`, `1900`, `730`, `19`, `7`; None if it is none.

    One or two digits are the hour; three or four are hour and minutes (`730` = 07:30).
    """
    text = text.strip()
    if ":" in text:
        hours, _, minutes = text.partition(":")
    elif len(text) <= 2:
        hours, minutes = text, ""
    else:
        hours, minutes = text[:-2], text[-2:]
    if not hours.isdigit() or not (minutes == "" or minutes.isdigit()) or len(hours) > 2:
        return None
    hour, minute = int(hours), int(minutes or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


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
        # Called after a refusal was shown (e.g. to offer booking outside the hours).
        self.after_refusal: Callable[[The5HCError], object] | None = None

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
        if self.after_refusal is not None:
            self.after_refusal(error)
