"""Table models of the dashboard lists: today's sessions, recent activity, low balances.

The shared `RowsModel` (ui/rows_model.py), with each cell's text as its tooltip too: the
cards are narrow and long names elide.
"""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import Qt

from the5hc_desktop.ui import rows_model
from the5hc_desktop.ui.rows_model import ROW_ROLE, Column, Index

__all__ = ["ROW_ROLE", "Column", "RowsModel"]

R = TypeVar("R")


class RowsModel(rows_model.RowsModel[R]):
    """Read-only rows of one dataclass type; a cell's tooltip is its text."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            role = Qt.ItemDataRole.DisplayRole
        return super().data(index, role)
