"""Step 1: the client (searched as in the clients pane), date, trainer and conditions."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.services.accounts import StaffView
from the5hc_desktop.services.clients import ClientRow, ClientView
from the5hc_desktop.services.context import Actor, Page
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.help import add_search_tip
from the5hc_desktop.ui.messages import error_text
from the5hc_desktop.ui.panes.columns import fit_columns
from the5hc_desktop.ui.rows_model import ROW_ROLE, read_only_table

from ..checks import ENVIRONMENT_LABELS, ENVIRONMENTS, check_start
from ..draft import WizardDraft
from ..models import ClientSearchModel, client_samples
from .common import DraftPage, NumberEdit, WizardContext, field_row, form_layout, hint_label

SEARCH_DELAY_MS = 250
SEARCH_LIMIT = 50

# What the page needs from the services, each run on the worker lane.
Search = Callable[[str], Page[ClientRow]]
LoadClient = Callable[[uuid.UUID], ClientView]
LoadTrainers = Callable[[], tuple[StaffView, ...]]


class ClientPage(DraftPage):
    FIELDS = ("client_id", "birth_date", "assessed_on", "trainer_id", "environment",
              "temperature_c")

    def __init__(
        self,
        context: WizardContext,
        actor: Actor,
        *,
        search: Search,
        load_client: LoadClient,
        load_trainers: LoadTrainers,
        on_client: Callable[[ClientView | None], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Client and conditions"))
        self.setSubTitle(self.tr("Find the client, then check the date, trainer and setting."))
        self._actor = actor
        self._search_op = search
        self._load_client = load_client
        self._on_client = on_client
        self._search_serial = 0
        self._client_id: str | None = None
        self._client_name = ""
        self._pending_trainer: str | None = None

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("clientSearch")
        self.search_edit.setPlaceholderText(
            self.tr("Name, initials (ㄱㅁㅅ) or the last 4 digits of the phone")
        )
        self.search_edit.setClearButtonEnabled(True)
        add_search_tip(self.search_edit)
        self.results_model = ClientSearchModel(self)
        self.results = read_only_table("clientResults", self.results_model)
        fit_columns(self.results, 0, client_samples())
        self.results.setMinimumHeight(150)
        self.results.selectionModel().selectionChanged.connect(self._on_selection)
        self.selected = QLabel(self.tr("No client chosen"))
        self.selected.setObjectName("selectedClient")
        font = self.selected.font()
        font.setBold(True)
        self.selected.setFont(font)

        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("assessed_on")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.trainer = QComboBox()
        self.trainer.setObjectName("trainer_id")
        self.trainer.addItem(actor.display_name, str(actor.staff_id))
        self.environment = QComboBox()
        self.environment.setObjectName("environment")
        lang = context.language()
        for key in ENVIRONMENTS:
            self.environment.addItem(ENVIRONMENT_LABELS[key].text(lang), key)
        for widget, width in ((self.date_edit, 160), (self.trainer, 260), (self.environment, 160)):
            widget.setMaximumWidth(width)
        self.temperature = NumberEdit("temperature_c")
        self.temperature.setPlaceholderText(self.tr("Optional"))

        form = form_layout()
        form.addRow(self.tr("Client"), self.selected)
        form.addRow(self.tr("Assessment date"), self.date_edit)
        form.addRow(self.tr("Trainer"), self.trainer)
        form.addRow(self.tr("Environment"), self.environment)
        temperature_row = field_row(self.temperature, "°C")
        form.addRow(self.tr("Temperature"), temperature_row)
        form.addRow("", hint_label(self.tr(
            "Environment and temperature are recorded and printed; they do not change scores."
        )))
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.results, 1)
        layout.addLayout(form)
        layout.addWidget(self.page_error_label())

        self.errors.register(self.selected, "client_id", "birth_date")
        self.errors.register(self.date_edit, "assessed_on")
        self.errors.register(self.trainer, "trainer_id")
        self.errors.register(self.environment, "environment")
        self.errors.register(temperature_row, "temperature_c")

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.date_edit.dateChanged.connect(self.notify_changed)
        self.trainer.currentIndexChanged.connect(self.notify_changed)
        self.environment.currentIndexChanged.connect(self.notify_changed)
        self.temperature.textChanged.connect(self.notify_changed)
        worker.run(lambda _ctx: load_trainers(), self._show_trainers,
                   on_failure=lambda _error: None, parent=self)
        self.run_search()

    # --- draft ---------------------------------------------------------------------------
    def load(self, draft: WizardDraft) -> None:
        self._client_id = draft.client_id
        self._client_name = draft.client_name
        self._show_selected()
        day = draft.assessed_on or self.context.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self._select_trainer(draft.trainer_id or str(self._actor.staff_id))
        index = self.environment.findData(draft.environment)
        self.environment.setCurrentIndex(max(index, 0))
        self.temperature.set_value(draft.temperature_c)

    def store(self, draft: WizardDraft) -> WizardDraft:
        picked = self.date_edit.date()
        return replace(
            draft,
            client_id=self._client_id,
            client_name=self._client_name,
            assessed_on=date(picked.year(), picked.month(), picked.day()),
            trainer_id=self._pending_trainer or self.trainer.currentData(),
            environment=self.environment.currentData(),
            temperature_c=self.temperature.value(),
        )

    def check(self, draft: WizardDraft) -> None:
        check_start(draft, self.context.client, self.context.today())

    def isComplete(self) -> bool:
        client = self.context.client
        return client is not None and str(client.id) == self._client_id

    # --- search --------------------------------------------------------------------------
    def run_search(self) -> None:
        self._search_timer.stop()
        self._search_serial += 1
        serial = self._search_serial
        query = self.search_edit.text().strip()
        worker.run(lambda _ctx: self._search_op(query),
                   lambda page: self._show_results(serial, page), parent=self)

    def _show_results(self, serial: int, page: Page[ClientRow]) -> None:
        if serial == self._search_serial:  # an older, slower answer is dropped
            self.results_model.set_rows(page.rows)

    def choose_row(self, row: int) -> None:
        self.results.selectRow(row)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        client: ClientRow = self.results_model.data(indexes[0], ROW_ROLE)
        self.choose_client(client.id, client.name)

    def choose_client(self, client_id: uuid.UUID, name: str) -> None:
        """Pick a client; the card (birth date, weight) loads off the GUI thread."""
        self._client_id = str(client_id)
        self._client_name = name
        self._show_selected()
        self.errors.clear("client_id")
        self._on_client(None)
        self.completeChanged.emit()
        worker.run(lambda _ctx: self._load_client(client_id), self._client_loaded,
                   on_failure=self._client_failed, parent=self)
        self.notify_changed()

    def _client_loaded(self, client: ClientView) -> None:
        if str(client.id) != self._client_id:
            return
        self._on_client(client)
        self._show_selected()
        self.completeChanged.emit()

    def _client_failed(self, error: The5HCError) -> None:
        self.errors.show("client_id", self.tr("The client could not be loaded."))
        self.show_error_message(error)

    def show_error_message(self, error: The5HCError) -> None:
        self.page_error_label().setText(error_text(error))
        self.page_error_label().show()

    def _show_selected(self) -> None:
        client = self.context.client
        if self._client_id is None:
            self.selected.setText(self.tr("No client chosen"))
        elif client is not None and str(client.id) == self._client_id:
            lang = self.context.language()
            age = "" if client.age is None else self.tr("{age} yrs").format(age=client.age)
            self.selected.setText(" · ".join(
                part for part in (client.name, client.gender.label.text(lang), age,
                                  client.phone_display) if part
            ))
        else:
            self.selected.setText(self.tr("{name} (loading…)").format(name=self._client_name))

    # --- trainers ------------------------------------------------------------------------
    def _show_trainers(self, trainers: tuple[StaffView, ...]) -> None:
        current = self.trainer.currentData()
        self.trainer.blockSignals(True)
        self.trainer.clear()
        for staff in trainers:
            self.trainer.addItem(staff.display_name or staff.username, str(staff.id))
        if self.trainer.findData(str(self._actor.staff_id)) < 0:
            self.trainer.insertItem(0, self._actor.display_name, str(self._actor.staff_id))
        self.trainer.blockSignals(False)
        self._select_trainer(self._pending_trainer or current)

    def _select_trainer(self, trainer_id: str | None) -> None:
        index = self.trainer.findData(trainer_id)
        if index < 0:
            self._pending_trainer = trainer_id  # the list has not arrived yet
            return
        self._pending_trainer = None
        self.trainer.setCurrentIndex(index)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
