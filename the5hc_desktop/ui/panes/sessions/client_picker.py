"""Pick a member by typing: name, 초성 (ㄱㅁㅅ) or the last four phone digits.

A search box and a result list side by side. Typing searches through `ClientService.search`
on the worker lane after a 150 ms pause (stale answers are dropped) and selects the first
match, so "ㄱㅁㅅ" + Tab is enough at a busy desk.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSizePolicy, QWidget

from the5hc_desktop.services.clients import ClientRow, ClientService
from the5hc_desktop.services.context import Actor, Page
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.panes.sessions.widgets import find_data

SEARCH_DEBOUNCE_MS = 150
RESULT_LIMIT = 30


class ClientPicker(QWidget):
    """`client_changed(uuid | None)` when the chosen member changes."""

    client_changed = Signal(object)

    def __init__(
        self,
        clients: ClientService,
        actor: Actor,
        *,
        allow_all: bool = False,
        name: str = "clientPicker",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._clients = clients
        self._actor = actor
        self._allow_all = allow_all
        self._generation = 0
        self._searching = False
        self._current: uuid.UUID | None = None
        self._names: dict[uuid.UUID, str] = {}

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName(f"{name}Search")
        self.search_edit.setPlaceholderText(self.tr("Name, initials or last 4 digits"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textEdited.connect(self._edited)
        self.search_edit.returnPressed.connect(self.search_now)
        self.results = QComboBox()
        self.results.setObjectName(f"{name}Results")
        self.results.setMinimumContentsLength(14)
        self.results.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.results.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.results.currentIndexChanged.connect(self._chosen)
        self.timer = QTimer(self)
        self.timer.setObjectName(f"{name}Debounce")
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit, 1)
        layout.addWidget(self.results, 1)
        self._fill([])

    # --- state -------------------------------------------------------------------------
    def client_id(self) -> uuid.UUID | None:
        return self._current

    def client_name(self) -> str:
        return self._names.get(self._current, "") if self._current is not None else ""

    def is_searching(self) -> bool:
        return self._searching or self.timer.isActive()

    def set_client(self, client_id: uuid.UUID | None, name: str = "") -> None:
        """Show exactly this member (opened from a member's page); None clears."""
        self._generation += 1  # a search still running must not replace it
        self._searching = False
        self.timer.stop()
        self.search_edit.clear()
        self._fill([(client_id, name, name)] if client_id is not None else [])

    # --- searching ---------------------------------------------------------------------
    def _edited(self, _text: str) -> None:
        self.timer.start()

    def search(self, text: str) -> None:
        """Type `text` and search at once (keyboard users and tests)."""
        self.search_edit.setText(text)
        self.search_now()

    def search_now(self) -> None:
        self.timer.stop()
        self._generation += 1
        generation, text = self._generation, self.search_edit.text().strip()
        clients, actor = self._clients, self._actor
        self._searching = True

        def done() -> None:
            if generation == self._generation:
                self._searching = False

        worker.run(
            lambda _ctx: clients.search(actor, text, active=True, limit=RESULT_LIMIT),
            lambda page: self._arrived(generation, page),
            parent=self,
            on_done=done,
        )

    def _arrived(self, generation: int, page: Page[ClientRow]) -> None:
        if generation != self._generation:
            return
        entries = [(row.id, row.name, _row_text(row)) for row in page.rows]
        keep = self._current if any(e[0] == self._current for e in entries) else None
        self._fill(entries, keep, searched=bool(self.search_edit.text().strip()))

    def _fill(self, entries: list[tuple[uuid.UUID, str, str]],
              keep: uuid.UUID | None = None, searched: bool = False) -> None:
        previous = self._current
        self.results.blockSignals(True)
        self.results.clear()
        if self._allow_all:
            self.results.addItem(self.tr("All clients"), None)
        elif not entries:
            # Before any search the list is empty, not fruitless: say what to do.
            self.results.addItem(self.tr("No client found") if searched
                                 else self.tr("← Search for a client"), None)
        self._names = {client_id: name for client_id, name, _text in entries}
        for client_id, _name, text in entries:
            self.results.addItem(text, client_id)
        index = find_data(self.results, keep) if keep is not None else -1
        if index < 0:
            index = 1 if self._allow_all and entries and self.search_edit.text() else 0
        self.results.setCurrentIndex(min(index, self.results.count() - 1))
        self.results.blockSignals(False)
        self._current = self.results.currentData()
        if self._current != previous:
            self.client_changed.emit(self._current)

    def _chosen(self, _index: int) -> None:
        chosen = self.results.currentData()
        if chosen != self._current:
            self._current = chosen
            self.client_changed.emit(chosen)


def _row_text(row: ClientRow) -> str:
    phone = f" · {row.phone_display[-4:]}" if row.phone_display else ""
    return f"{row.name}{phone}"
