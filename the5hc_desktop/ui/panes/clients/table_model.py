"""The member list as a paged table model over `ClientService.search`.

Rows arrive a page at a time (`canFetchMore`/`fetchMore`), each page fetched on the worker
lane, so 100,000 members never load at once and the GUI thread never waits on SQLite.
Every new query or sort bumps a generation counter; a page that comes back for an older
generation is dropped, so a slow result can never overwrite a newer one. The rows shown
stay until the new first page replaces them: typing never flashes an empty table.
Sorting is done by the service (`sort`/`descending`), never in the view.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.domain.scoring import band_for
from the5hc_desktop.services.clients import ClientRow
from the5hc_desktop.services.context import Page
from the5hc_desktop.ui import i18n, worker
from the5hc_desktop.ui.panes.clients import formatting as fmt

Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1  # the ClientRow itself
ID_ROLE = int(Qt.ItemDataRole.UserRole.value) + 2  # the client's UUID

FIRST_PAGE = 100  # a screenful and then some; the rest arrives as the view scrolls
PAGE = 200
MAX_RELOAD = 1000  # the service's largest page: a reload keeps at most this many rows

# Column order of the table and the service's sort key for each.
SORT_KEYS: tuple[str, ...] = (
    "name", "gender", "age", "phone", "trainer", "last_assessed_on", "last_overall",
    "remaining", "active",
)
(COL_NAME, COL_GENDER, COL_AGE, COL_PHONE, COL_TRAINER, COL_ASSESSED, COL_OVERALL,
 COL_REMAINING, COL_STATUS) = range(len(SORT_KEYS))
_RIGHT = {COL_AGE, COL_OVERALL, COL_REMAINING}
_CENTRE = {COL_GENDER, COL_ASSESSED, COL_STATUS}
_ALIGNMENTS = tuple(
    int((Qt.AlignmentFlag.AlignRight if column in _RIGHT
         else Qt.AlignmentFlag.AlignHCenter if column in _CENTRE
         else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter)
    for column in range(len(SORT_KEYS))
)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
          | Qt.ItemFlag.ItemNeverHasChildren)
_MUTED_BRUSH = QBrush(QColor("#90a4ae"))  # inactive members; no sessions left
_OVERDRAWN_BRUSH = QBrush(QColor("#c62828"))


@dataclass(frozen=True)
class ClientQuery:
    """What the list shows: search text, filters and the server-side sort."""

    text: str = ""
    active: bool | None = True  # None: active and inactive
    trainer_id: uuid.UUID | None = None  # "내 회원": the signed-in trainer's id
    sort: str = "name"
    descending: bool = False


# (query, offset, limit) -> one page; runs on the worker lane.
Fetch = Callable[[ClientQuery, int, int], Page[ClientRow]]


class ClientTableModel(QAbstractTableModel):
    """Read-only, paged, server-sorted member rows (see the module docstring)."""

    loaded = Signal()  # the first page of the current query is shown
    failed = Signal(object)  # The5HCError of a page fetch
    busy_changed = Signal(bool)

    def __init__(
        self,
        fetch: Fetch,
        owner: QWidget | None = None,
        parent: QObject | None = None,
        *,
        first_page: int = FIRST_PAGE,
        page: int = PAGE,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._first_page = first_page
        self._page = page
        self._owner = owner  # the worker skips callbacks once this widget is gone
        self._language = i18n.current_language()
        self._query = ClientQuery()
        self._rows: list[ClientRow] = []
        self._texts: list[tuple[str, ...]] = []  # display text per row, made once per page
        self._total = 0
        self._generation = 0
        self._loaded_generation = -1  # generation whose first page is on show
        self._first: worker.TaskHandle | None = None
        self._more: worker.TaskHandle | None = None
        self._headers = (
            self.tr("Name"), self.tr("Gender"), self.tr("Age"), self.tr("Phone"),
            self.tr("Trainer"), self.tr("Last assessed"), self.tr("Overall"),
            self.tr("Sessions left"), self.tr("Status"),
        )

    # --- queries --------------------------------------------------------------------------
    @property
    def query(self) -> ClientQuery:
        return self._query

    @property
    def total(self) -> int:
        """Members matching the current query (rows loaded may be fewer)."""
        return self._total

    def set_query(self, query: ClientQuery) -> None:
        """Show `query`; the rows on screen stay until its first page arrives."""
        self._query = query
        self._load_first(self._first_page)

    def reload(self) -> None:
        """The same query again (after an edit, F5), as many rows as are loaded now."""
        self._load_first(min(max(len(self._rows), self._first_page), MAX_RELOAD))

    def is_busy(self) -> bool:
        return self._busy(self._first) or self._busy(self._more)

    def is_searching(self) -> bool:
        """A first page (new query, sort or reload) is on its way."""
        return self._busy(self._first)

    def _load_first(self, limit: int) -> None:
        self._generation += 1
        for handle in (self._first, self._more):
            if handle is not None:
                handle.cancel()  # not started yet: never runs; running: dropped on arrival
        self._more = None
        generation, query, fetch = self._generation, self._query, self._fetch
        self._first = worker.run(
            lambda _ctx: fetch(query, 0, limit),
            lambda page: self._first_arrived(generation, page),
            on_failure=self._failed,
            cancellable=False,
            parent=self._owner,
            on_done=self._notify_busy,
        )
        self.busy_changed.emit(True)

    def _first_arrived(self, generation: int, page: Page[ClientRow]) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # a newer query was asked meanwhile
        texts = self._cells(page.rows)
        self.beginResetModel()
        self._rows = list(page.rows)
        self._texts = texts
        self._total = page.total
        self._loaded_generation = generation
        self.endResetModel()
        self.loaded.emit()

    # --- paging (the view asks as it scrolls) -----------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return (
            not parent.isValid()
            and self._loaded_generation == self._generation
            and len(self._rows) < self._total
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        if not self.canFetchMore(parent) or self._busy(self._more):
            return
        generation, query, fetch = self._generation, self._query, self._fetch
        offset, size = len(self._rows), self._page
        self._more = worker.run(
            lambda _ctx: fetch(query, offset, size),
            lambda page: self._more_arrived(generation, offset, page),
            on_failure=self._failed,
            cancellable=False,
            parent=self._owner,
            on_done=self._notify_busy,
        )
        self.busy_changed.emit(True)

    def _more_arrived(self, generation: int, offset: int, page: Page[ClientRow]) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        if offset != len(self._rows) or not page.rows:
            return
        self._total = page.total
        first = len(self._rows)
        texts = self._cells(page.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self._texts.extend(texts)
        self.endInsertRows()

    def _failed(self, error: The5HCError) -> None:
        if shiboken6.isValid(self):
            self.failed.emit(error)

    def _notify_busy(self) -> None:
        if shiboken6.isValid(self):
            self.busy_changed.emit(self.is_busy())

    @staticmethod
    def _busy(handle: worker.TaskHandle | None) -> bool:
        return handle is not None and not handle.is_done()

    # --- sorting (server side) --------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SORT_KEYS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        wanted = replace(self._query, sort=SORT_KEYS[column], descending=descending)
        if wanted != self._query:
            self.set_query(wanted)

    def sort_column(self) -> int:
        return SORT_KEYS.index(self._query.sort)

    # --- rows ---------------------------------------------------------------------------
    def row_at(self, row: int) -> ClientRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, client_id: uuid.UUID) -> int:
        """The row showing `client_id`, or -1 when it is not loaded."""
        for number, row in enumerate(self._rows):
            if row.id == client_id:
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(SORT_KEYS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called ~2,000 times a repaint: plain ints and precomputed texts, no enum arithmetic.
        number = index.row()
        if not 0 <= number < len(self._rows) or not index.isValid():
            return None
        column = index.column()
        if role == _DISPLAY:
            return self._texts[number][column]
        if role == _ALIGNMENT:
            return _ALIGNMENTS[column]
        row = self._rows[number]
        if role == _FOREGROUND:
            if column == COL_REMAINING and row.remaining_sessions < 0:
                return _OVERDRAWN_BRUSH
            if not row.active or (column == COL_REMAINING and row.remaining_sessions == 0):
                return _MUTED_BRUSH
            return None
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        return None

    def _cells(self, rows: tuple[ClientRow, ...]) -> list[tuple[str, ...]]:
        columns = range(len(SORT_KEYS))
        return [tuple(self._text(row, column) for column in columns) for row in rows]

    def _text(self, row: ClientRow, column: int) -> str:
        if column == COL_NAME:
            return row.name
        if column == COL_GENDER:
            return row.gender.label.text(self._language)
        if column == COL_AGE:
            return "" if row.age is None else str(row.age)
        if column == COL_PHONE:
            return row.phone_display
        if column == COL_TRAINER:
            return row.trainer_name
        if column == COL_ASSESSED:
            return fmt.date_text(row.last_assessed_on)
        if column == COL_OVERALL:
            return fmt.score_text(row.last_overall, empty="")
        if column == COL_REMAINING:
            return str(row.remaining_sessions)
        return self.tr("Active") if row.active else self.tr("Inactive")

    def _tooltip(self, row: ClientRow, column: int) -> str | None:
        if column == COL_OVERALL:
            band = band_for(row.last_overall)
            return band.text(self._language) if band is not None else None
        if column == COL_REMAINING and row.remaining_sessions < 0:
            return self.tr("Overdrawn: more sessions used than bought")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS
