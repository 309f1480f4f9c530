"""Ctrl+P on a list: the table as the user sees it (visible columns, their order, the rows in
the current sort and filter), previewed as a page and printed or saved as PDF.

`snapshot` reads the view on the GUI thread (text only, cheap); the PDF is laid out on a
worker lane by `PdfDialog`. A pane may split the rows into sections by one column (today's
schedule per trainer): that column becomes the section heading.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QTableView, QWidget

from the5hc_desktop.reports.data import LANDSCAPE_FROM, ListColumn, ListSection
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.settings import SettingsService
from the5hc_desktop.ui.messages import MessageBridge

MAX_ROWS = 20_000  # a printed list longer than this helps nobody; the preview says so


@dataclass(frozen=True)
class ListSnapshot:
    title: str
    subtitle: str
    columns: tuple[ListColumn, ...]
    sections: tuple[ListSection, ...]
    truncated: bool = False

    @property
    def rows(self) -> int:
        return sum(len(s.rows) for s in self.sections)


def _text(model: QAbstractItemModel, index: QModelIndex) -> str:
    value = model.data(index, Qt.ItemDataRole.DisplayRole)
    return "" if value is None else str(value)


def snapshot(view: QTableView, title: str, subtitle: str = "",
             section_column: int | None = None) -> ListSnapshot:
    """The view's visible columns (in on-screen order and width) and rows as text."""
    model = view.model()
    header = view.horizontalHeader()
    logical = [header.logicalIndex(v) for v in range(header.count())]
    # Columns without a title hold buttons (a row's actions), not data.
    shown = [c for c in logical if not view.isColumnHidden(c) and c != section_column
             and model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)]
    columns = []
    for c in shown:
        align = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole)
        cell_align = model.data(model.index(0, c), Qt.ItemDataRole.TextAlignmentRole) \
            if model.rowCount() else None
        flags = int(cell_align if cell_align is not None else (align or 0))
        word = ("RIGHT" if flags & int(Qt.AlignmentFlag.AlignRight)
                else "CENTER" if flags & int(Qt.AlignmentFlag.AlignHCenter) else "LEFT")
        name = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        columns.append(ListColumn(str(name or ""), max(view.columnWidth(c), 30), word))
    count = min(model.rowCount(), MAX_ROWS)
    groups: dict[str, list[list[str]]] = {}
    for row in range(count):
        key = _text(model, model.index(row, section_column)) if section_column is not None else ""
        groups.setdefault(key, []).append([_text(model, model.index(row, c)) for c in shown])
    sections = tuple(ListSection(key, tuple(tuple(r) for r in rows))
                     for key, rows in groups.items()) or (ListSection("", ()),)
    return ListSnapshot(title, subtitle, tuple(columns), sections,
                        truncated=model.rowCount() > MAX_ROWS)


class ListPrinter:
    """What a pane needs to print its lists; the composition root attaches one to each pane
    (`pane.printing`), so a pane says only which table, with which title."""

    def __init__(self, settings: SettingsService, actor: Actor, messages: MessageBridge,
                 language: str) -> None:
        self._settings = settings
        self._actor = actor
        self._messages = messages
        self._language = language
        self.dialog: QDialog | None = None

    def open(self, parent: QWidget, view: QTableView, title: str, *, subtitle: str = "",
             section_column: int | None = None, file_stem: str) -> QDialog:
        """Preview `view` as a printed list (the dialog stays open beside the pane)."""
        # The preview (QtPdf, ReportLab) loads on first use, never at start-up.
        from the5hc_desktop.ui.list_print_dialog import ListPrintDialog

        shot = snapshot(view, title, subtitle, section_column)
        settings = self._settings
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = ListPrintDialog(
            shot, gym_name=lambda: settings.get().gym_name, printed_by=self._actor.display_name,
            language=self._language, messages=self._messages, file_stem=file_stem,
            parent=parent)
        self.dialog.resize(1000 if len(shot.columns) >= LANDSCAPE_FROM else 760, 900)
        self.dialog.show()
        return self.dialog

