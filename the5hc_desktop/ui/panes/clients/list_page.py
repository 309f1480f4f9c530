"""The member list: search box, filters, count and the paged table.

Typing restarts a 150 ms single-shot timer; only the last keystroke of a burst searches.
The search runs on the worker lane through the model, which drops stale results. Enter in
the box (even before the debounce fired) opens the top match; Down moves to the table,
where Enter opens, Delete asks to deactivate and the context menu offers the rest. What to
do with a member is the pane's business: this page only emits requests.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.people import Gender
from the5hc_desktop.services.clients import ClientRow
from the5hc_desktop.ui import i18n
from the5hc_desktop.ui.help import add_search_tip
from the5hc_desktop.ui.panes.clients import formatting as fmt
from the5hc_desktop.ui.panes.clients.table_model import (
    COL_AGE,
    COL_ASSESSED,
    COL_GENDER,
    COL_NAME,
    COL_OVERALL,
    COL_PHONE,
    COL_REMAINING,
    COL_STATUS,
    COL_TRAINER,
    ClientQuery,
    ClientTableModel,
    Fetch,
)
from the5hc_desktop.ui.panes.clients.widgets import KeyTable, SearchBox
from the5hc_desktop.ui.panes.columns import fit_columns

SEARCH_DEBOUNCE_MS = 150
_FILTERS: tuple[bool | None, ...] = (True, False, None)  # 활성 / 비활성 / 전체


class ClientListPage(QWidget):
    """Search and list (see the module docstring)."""

    open_requested = Signal(object, str)  # client id, name
    deactivate_requested = Signal(object)  # ClientRow (Delete key)
    context_menu_requested = Signal(object, QPoint)  # ClientRow, global position
    new_requested = Signal()

    def __init__(
        self,
        fetch: Fetch,
        my_id: uuid.UUID | None,
        parent: QWidget | None = None,
    ) -> None:
        """`my_id`: the signed-in trainer for "내 회원"; None hides that filter."""
        super().__init__(parent)
        self.setObjectName("clientsListPage")
        self._my_id = my_id
        self._started = False
        self._open_after_load = False
        self._select_after_load: uuid.UUID | None = None
        self.model = ClientTableModel(fetch, owner=self, parent=self)
        self.model.loaded.connect(self._on_loaded)
        self.search_timer = QTimer(self)
        self.search_timer.setObjectName("clientSearchDebounce")
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self.search_timer.timeout.connect(self.apply_search)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 10, 12, 8)
        column.addLayout(self._build_toolbar())
        column.addWidget(self._build_table(), 1)

    # --- layout -------------------------------------------------------------------------
    def _build_toolbar(self) -> QHBoxLayout:
        self.search_edit = SearchBox()
        self.search_edit.setObjectName("clientSearch")
        self.search_edit.setPlaceholderText(
            self.tr("Name, initials (ㄱㅁㅅ) or phone's last 4 digits  (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        add_search_tip(self.search_edit)
        self.search_edit.setMinimumWidth(340)
        self.search_edit.textChanged.connect(self._search_edited)
        self.search_edit.returnPressed.connect(self._search_return)
        self.search_edit.down_pressed.connect(self._search_down)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("clientStatusFilter")
        for text in (self.tr("Active"), self.tr("Inactive"), self.tr("All")):
            self.status_filter.addItem(text)
        self.status_filter.currentIndexChanged.connect(self.apply_search)
        self.mine_filter = QCheckBox(self.tr("My clients"))
        self.mine_filter.setObjectName("clientMineFilter")
        self.mine_filter.setVisible(self._my_id is not None)
        self.mine_filter.toggled.connect(self.apply_search)

        self.count_label = QLabel()
        self.count_label.setObjectName("clientCount")
        self.count_label.setStyleSheet("color: #607d8b;")
        self.new_button = QPushButton(self.tr("New client"))
        self.new_button.setObjectName("clientNewButton")
        self.new_button.setToolTip(self.tr("Register a new client (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_requested)

        row = QHBoxLayout()
        row.addWidget(self.search_edit, 2)
        row.addWidget(self.status_filter)
        row.addWidget(self.mine_filter)
        row.addSpacing(8)
        row.addWidget(self.count_label, 1)
        row.addWidget(self.new_button)
        return row

    def _build_table(self) -> KeyTable:
        table = KeyTable("clientsTable")
        table.setModel(self.model)
        table.verticalHeader().setDefaultSectionSize(28)
        header = table.horizontalHeader()
        header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)  # the model sorts through the service
        # Measured from the headers (with their sort arrows) and the widest values; the
        # name starts wider and, like every column, keeps the width the user gives it.
        self.columns = fit_columns(table, None, self._samples(), initial={COL_NAME: 160})
        table.doubleClicked.connect(self._open_index)
        table.enter_pressed.connect(self.open_current)
        table.delete_pressed.connect(self._delete_pressed)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        self.table = table
        return table

    def _samples(self) -> dict[int, str]:
        language, lines = i18n.current_language(), "\n".join
        return {
            COL_NAME: "홍길동길",
            COL_GENDER: lines(gender.label.text(language) for gender in Gender),
            COL_AGE: "100",
            COL_PHONE: "010-0000-0000",
            COL_TRAINER: "홍길동길",
            COL_ASSESSED: "0000-00-00",
            COL_OVERALL: "100.0",
            COL_REMAINING: "-000",
            COL_STATUS: lines((QCoreApplication.translate("ClientTableModel", "Active"),
                               QCoreApplication.translate("ClientTableModel", "Inactive"))),
        }

    # --- searching ----------------------------------------------------------------------
    def current_query(self) -> ClientQuery:
        return replace(
            self.model.query,
            text=self.search_edit.text().strip(),
            active=_FILTERS[max(self.status_filter.currentIndex(), 0)],
            trainer_id=self._my_id if self.mine_filter.isChecked() else None,
        )

    def reload(self, select: uuid.UUID | None = None) -> None:
        """The first call searches; later ones reload what is shown (F5, after a change)."""
        if select is not None:
            self._select_after_load = select
        if not self._started:
            self._started = True
            self.model.set_query(self.current_query())
        else:
            self.model.reload()

    def _search_edited(self, _text: str) -> None:
        self.search_timer.start()  # restarts: only the last keystroke of a burst searches

    def apply_search(self) -> None:
        """Search now with what the box and the filters say (the debounce ends here)."""
        self.search_timer.stop()
        self._started = True
        query = self.current_query()
        if query != self.model.query or not self.model.total:
            self.model.set_query(query)

    def search_pending(self) -> bool:
        return self.search_timer.isActive() or self.model.is_searching()

    def _search_return(self) -> None:
        if self.search_pending():
            self._open_after_load = True  # opened as soon as the results are in
            if self.search_timer.isActive():
                self.apply_search()
            return
        self.open_current()

    def _on_loaded(self) -> None:
        total = self.model.total
        if total == 0:
            if self.model.query.text:
                self.count_label.setText(self.tr("No client matches."))
            else:
                self.count_label.setText(self.tr("No clients yet. Press Ctrl+N to register."))
        else:
            self.count_label.setText(self.tr("{count} clients").format(count=fmt.grouped(total)))
        wanted, self._select_after_load = self._select_after_load, None
        row = self.model.row_of(wanted) if wanted is not None else -1
        self.select_row(max(row, 0))
        if self._open_after_load:
            self._open_after_load = False
            self.open_current()

    # --- rows and keys ------------------------------------------------------------------
    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.model.index(row, 0))

    def selected_row(self) -> ClientRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _search_down(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid():
            self.select_row(0)

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_requested.emit(row.id, row.name)

    def open_current(self) -> None:
        row = self.selected_row() or self.model.row_at(0)
        if row is not None:
            self.open_requested.emit(row.id, row.name)

    def _delete_pressed(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.deactivate_requested.emit(row)

    def _context_menu(self, position: QPoint) -> None:
        row = self.model.row_at(self.table.indexAt(position).row())
        if row is not None:
            self.context_menu_requested.emit(row, self.table.viewport().mapToGlobal(position))
