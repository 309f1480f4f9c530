"""The staff accounts table: one row per `StaffView`, columns in the UI language."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from the5hc_desktop.services.accounts import StaffView
from the5hc_desktop.services.context import Role

Index = QModelIndex | QPersistentModelIndex
STAFF_ROLE = Qt.ItemDataRole.UserRole + 1  # the StaffView of the row

NAME, USERNAME, ROLE, STATUS, LAST_LOGIN = range(5)
_INACTIVE = QColor("#90a4ae")
_LOCKED = QColor("#c62828")


class StaffModel(QAbstractTableModel):
    def __init__(self, language: str = "ko", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._rows: tuple[StaffView, ...] = ()
        self._headers = (
            self.tr("Name"),
            self.tr("Username"),
            self.tr("Role"),
            self.tr("Status"),
            self.tr("Last sign-in"),
        )

    def set_rows(self, rows: Sequence[StaffView]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rows(self) -> tuple[StaffView, ...]:
        return self._rows

    def staff(self, row: int) -> StaffView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, staff_id: uuid.UUID) -> int:
        for index, view in enumerate(self._rows):
            if view.id == staff_id:
                return index
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        view = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(view, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == STATUS and view.locked_until is not None:
                return _LOCKED
            if not view.active:
                return _INACTIVE
        if role == STAFF_ROLE:
            return view
        return None

    def _text(self, view: StaffView, column: int) -> str:
        if column == NAME:
            return view.display_name
        if column == USERNAME:
            return view.username
        if column == ROLE:
            return view.role.label(self._language)
        if column == STATUS:
            return self.status_text(view)
        if column == LAST_LOGIN:
            return f"{view.last_login:%Y-%m-%d %H:%M}" if view.last_login else "–"
        return ""

    def samples(self) -> dict[int, str]:
        """The widest text of each short column (ui/panes/columns.py); the name stretches."""
        lines = "\n".join
        return {
            USERNAME: "username00",
            ROLE: lines(role.label(self._language) for role in Role),
            STATUS: lines((self.tr("Deactivated"), self.tr("Active (must change password)"),
                           self.tr("Locked until {time}").format(time="00:00"),
                           self.tr("Active"))),
            LAST_LOGIN: "0000-00-00 00:00",
        }

    def status_text(self, view: StaffView) -> str:
        if not view.active:
            return self.tr("Deactivated")
        if view.locked_until is not None:
            return self.tr("Locked until {time}").format(time=f"{view.locked_until:%H:%M}")
        if view.must_change_password:
            return self.tr("Active (must change password)")
        return self.tr("Active")

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
