"""Read-only table models of the 리포트 pane: clients found and one client's assessments.

Each holds the frozen rows the services return; the views ask for `row_at(i)`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from the5hc_desktop.domain.scoring import BANDS, band_for, fmt1
from the5hc_desktop.services.assessments import AssessmentSummary
from the5hc_desktop.services.clients import ClientRow
from the5hc_desktop.ui import i18n

R = TypeVar("R", ClientRow, AssessmentSummary)
AnyIndex = QModelIndex | QPersistentModelIndex
Column = tuple[str, Callable[[Any], str], bool]  # header, text, numeric
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_INACTIVE = QColor("#90a4ae")


class _Rows(QAbstractTableModel, Generic[R]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: list[Column] = []
        self._rows: list[R] = []

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: uuid.UUID) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < len(self._columns):
            return None
        _title, text, numeric = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return _RIGHT
        return self._extra(row, role)

    def _extra(self, row: R, role: int) -> Any:
        del row, role
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._columns)):
            return self._columns[section][0]
        return None


class ClientListModel(_Rows[ClientRow]):
    """Clients the search found; inactive ones greyed (their reports still print)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_columns([
            (self.tr("Name"), lambda r: r.name, False),
            (self.tr("Age"), lambda r: "" if r.age is None else str(r.age), True),
            (self.tr("Phone"), lambda r: r.phone_display, False),
            (self.tr("Last assessed"),
             lambda r: r.last_assessed_on.isoformat() if r.last_assessed_on else "", False),
        ])
        self._inactive_tip = self.tr("Inactive client")

    def _extra(self, row: ClientRow, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return _INACTIVE
        if role == Qt.ItemDataRole.ToolTipRole and not row.active:
            return self._inactive_tip
        return None


MISSING = "-"  # not measured, as on the member's page; the tooltip says so


def _score(value: float | None) -> str:
    return MISSING if value is None else fmt1(value)


def _band(value: float | None) -> str:
    band = band_for(value) if value is not None else None
    return band.text(i18n.current_language()) if band is not None else ""


class AssessmentListModel(_Rows[AssessmentSummary]):
    """One client's assessments, newest first (as the service returns them)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        complete, partly = self.tr("All 7"), self.tr("Partly measured")
        self.set_columns([
            (self.tr("Date"), lambda s: s.assessed_on.isoformat(), False),
            (self.tr("Overall"), lambda s: _score(s.overall), True),
            (self.tr("Band"), lambda s: _band(s.overall), False),
            (self.tr("Trainer"), lambda s: s.trainer_name, False),
            (self.tr("Tests"), lambda s: complete if s.complete else partly, False),
        ])
        self._not_measured = self.tr("Not measured")

    def _extra(self, row: AssessmentSummary, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and row.overall is None:
            return self._not_measured  # the row's only score is the overall one
        return None


# The widest text of each short column (ui/panes/columns.py sizes the columns by them).
DATE_SAMPLE = "0000-00-00"
NAME_SAMPLE = "홍길동길"  # a long Korean name


def client_samples() -> dict[int, str]:
    """`ClientListModel`: the name stretches; age, phone and last date fit."""
    return {0: NAME_SAMPLE, 1: "100", 2: "010-0000-0000", 3: DATE_SAMPLE}


def assessment_samples() -> dict[int, str]:
    """`AssessmentListModel`: the trainer's name stretches; the rest fit."""
    translate = QCoreApplication.translate
    language = i18n.current_language()
    return {
        0: DATE_SAMPLE,
        1: "100.0",
        2: "\n".join(band.text(language) for band in BANDS),
        3: NAME_SAMPLE,
        4: "\n".join((translate("AssessmentListModel", "All 7"),
                      translate("AssessmentListModel", "Partly measured"))),
    }
