"""세션 예약: client, package, trainer, start and duration (60 min default, 15–240).

The package list holds the client's active packages, the bookable one preselected when it
is the only one; packages without a free session or past their expiry stay listed (marked)
so that choosing one shows the service's own refusal under the field. Every rule — no
remaining sessions, expired, overlap with the trainer's or the client's other session —
is checked by `SessionService.book`; its `ValidationError.field` puts the message inline.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.services.accounts import StaffView
from the5hc_desktop.services.clients import ClientService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import PackageService, PackageView
from the5hc_desktop.services.sessions import SessionService, SessionView
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.dialogs import FieldErrors
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.sessions import formatting as fmt
from the5hc_desktop.ui.panes.sessions.client_picker import ClientPicker
from the5hc_desktop.ui.panes.sessions.widgets import (
    STEP_MIN,
    FormSubmission,
    QuarterHourEdit,
    find_data,
    to_date,
    to_time,
)

if TYPE_CHECKING:
    from the5hc_desktop.ui.panes.sessions.free_slots import FreeSlots

DEFAULT_DURATION_MIN = 60
MIN_DURATION_MIN = 15
MAX_DURATION_MIN = 240


@dataclass(frozen=True)
class ClientPackages:
    """What the dialog loads for a chosen client."""

    packages: tuple[PackageView, ...]
    trainer_id: uuid.UUID | None


def load_client_packages(
    packages: PackageService, clients: ClientService, actor: Actor, client_id: uuid.UUID
) -> ClientPackages:
    """Worker: the client's active packages with sessions left, and responsible trainer.

    Used-up packages stay active until refunded or deactivated, but are no choice here.
    """
    listed = packages.list_for_client(actor, client_id, include_inactive=False)
    return ClientPackages(tuple(p for p in listed if p.remaining > 0),
                          clients.view(actor, client_id).trainer_id)


def next_quarter(now: datetime) -> datetime:
    """The next quarter hour after `now` (naive local)."""
    base = now.replace(second=0, microsecond=0, tzinfo=None)
    return base + timedelta(minutes=STEP_MIN - base.minute % STEP_MIN)


class BookSessionDialog(QDialog):
    """Book one session; `booked(SessionView)` when the service accepted it."""

    booked = Signal(object)
    sell_requested = Signal(object, str)  # client id, name: no package to book on

    def __init__(
        self,
        sessions: SessionService,
        packages: PackageService,
        clients: ClientService,
        actor: Actor,
        messages: MessageBridge,
        trainers: Sequence[StaffView],
        start: datetime,
        *,
        client_id: uuid.UUID | None = None,
        client_name: str = "",
        trainer_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bookSessionDialog")
        self.setWindowTitle(self.tr("Book session"))
        self._sessions = sessions
        self._packages = packages
        self._clients = clients
        self._actor = actor
        self._messages = messages
        self._trainer_given = trainer_id is not None
        self._generation = 0
        self.errors = FieldErrors(self)
        self._submission = FormSubmission(self, self.errors, messages.show_error,
                                          lambda _busy: self._update_button())
        self._loading = False
        self.package_views: tuple[PackageView, ...] = ()
        self.session: SessionView | None = None
        # Set after the user agreed to book outside the trainer's hours (free_slots.py).
        self.outside_confirmed = False
        self.free_slots: FreeSlots | None = None

        self.picker = ClientPicker(clients, actor, name="bookClient")
        self._build(trainers, start, trainer_id)
        self.picker.client_changed.connect(self.load_packages)
        if client_id is not None:
            self.picker.set_client(client_id, client_name)
        self._update_button()
        self.resize(500, self.sizeHint().height())

    # --- layout -------------------------------------------------------------------------
    def _build(self, trainers: Sequence[StaffView], start: datetime,
               trainer_id: uuid.UUID | None) -> None:
        self.package_combo = QComboBox()
        self.package_combo.setObjectName("bookPackage")
        self.package_combo.currentIndexChanged.connect(lambda _i: self._update_button())
        self.trainer_combo = QComboBox()
        self.trainer_combo.setObjectName("bookTrainer")
        for trainer in trainers:
            self.trainer_combo.addItem(trainer.display_name, trainer.id)
        self._choose_trainer(trainer_id or self._actor.staff_id)

        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("bookDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd (ddd)")
        self.date_edit.setDate(QDate(start.year, start.month, start.day))
        self.time_edit = QuarterHourEdit()
        self.time_edit.setObjectName("bookTime")
        self.time_edit.setTime(QTime(start.hour, start.minute))
        when = QWidget()
        when.setObjectName("bookStartRow")
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date_edit, 2)
        row.addWidget(self.time_edit, 1)

        self.duration_spin = QSpinBox()
        self.duration_spin.setObjectName("bookDuration")
        self.duration_spin.setRange(MIN_DURATION_MIN, MAX_DURATION_MIN)
        self.duration_spin.setSingleStep(STEP_MIN)
        self.duration_spin.setValue(DEFAULT_DURATION_MIN)
        self.duration_spin.setSuffix(self.tr(" min"))
        self.duration_spin.editingFinished.connect(self._snap_duration)
        self.notes_edit = QLineEdit()
        self.notes_edit.setObjectName("bookNotes")

        form = QFormLayout()
        form.addRow(self.tr("Client"), self.picker)
        form.addRow(self.tr("Package"), self.package_combo)
        form.addRow(self.tr("Trainer"), self.trainer_combo)
        form.addRow(self.tr("Start"), when)
        form.addRow(self.tr("Duration"), self.duration_spin)
        form.addRow(self.tr("Notes"), self.notes_edit)
        self.package_info = QLabel()
        self.package_info.setObjectName("bookPackageInfo")
        self.package_info.setStyleSheet(f"color: {fmt.MUTED_COLOUR};")
        self.package_info.setWordWrap(True)
        self.sell_button = QPushButton(self.tr("Sell a package…"))
        self.sell_button.setObjectName("bookSellButton")
        self.sell_button.setAutoDefault(False)
        self.sell_button.hide()
        self.sell_button.clicked.connect(self._sell_instead)
        info = QHBoxLayout()
        info.addWidget(self.package_info, 1)
        info.addWidget(self.sell_button)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.book_button = QPushButton(self.tr("Book"))
        self.book_button.setObjectName("bookConfirmButton")
        self.buttons.addButton(self.book_button, QDialogButtonBox.ButtonRole.AcceptRole)
        # Default once it sits in the dialog (before, the dialog picks 취소 on show), and
        # 취소 never takes Enter over: Enter books, from any field, the time included.
        self.book_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addLayout(info)
        column.addWidget(self.buttons)

        self.errors.register(self.picker, "client_id")
        self.errors.register(self.package_combo, "package_id")
        self.errors.register(self.trainer_combo, "trainer_id")
        self.errors.register(when, "starts_at")
        self.errors.register(self.duration_spin, "duration_min")
        self.errors.register(self.notes_edit, "notes")
        self.package_combo.currentIndexChanged.connect(lambda _i: self._describe_package())

    def _choose_trainer(self, trainer_id: uuid.UUID | None) -> None:
        index = find_data(self.trainer_combo, trainer_id) if trainer_id is not None else -1
        if index >= 0:
            self.trainer_combo.setCurrentIndex(index)

    def _snap_duration(self) -> None:
        value = self.duration_spin.value()
        snapped = max(MIN_DURATION_MIN, round(value / STEP_MIN) * STEP_MIN)
        if snapped != value:
            self.duration_spin.setValue(min(snapped, MAX_DURATION_MIN))

    # --- packages of the chosen client -----------------------------------------------------
    def load_packages(self, client_id: uuid.UUID | None = None) -> None:
        client_id = client_id if client_id is not None else self.picker.client_id()
        self._generation += 1
        generation = self._generation
        self._fill_packages(())
        if client_id is None:
            return
        self._loading = True
        self.package_info.setText(self.tr("Loading the client's packages…"))
        packages, clients, actor = self._packages, self._clients, self._actor

        def done() -> None:
            if generation == self._generation:
                self._loading = False
                self._update_button()

        worker.run(
            lambda _ctx: load_client_packages(packages, clients, actor, client_id),
            lambda loaded: self._packages_arrived(generation, loaded),
            parent=self,
            on_done=done,
        )

    def _packages_arrived(self, generation: int, loaded: ClientPackages) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._fill_packages(loaded.packages)
        if not self._trainer_given and loaded.trainer_id is not None:
            self._choose_trainer(loaded.trainer_id)

    def _fill_packages(self, views: tuple[PackageView, ...]) -> None:
        self.package_views = views
        self.package_combo.blockSignals(True)
        self.package_combo.clear()
        for view in views:
            self.package_combo.addItem(self._package_text(view), view.id)
        bookable = [v for v in views if v.bookable]
        if len(views) == 1:
            chosen = views[0]
        elif len(bookable) == 1:
            chosen = bookable[0]
        else:
            chosen = None
        if chosen is None and views:
            self.package_combo.insertItem(0, self.tr("Choose a package"), None)
            self.package_combo.setCurrentIndex(0)
        elif chosen is not None:
            self.package_combo.setCurrentIndex(find_data(self.package_combo, chosen.id))
        self.package_combo.blockSignals(False)
        self._describe_package()
        self._update_button()

    def _package_text(self, view: PackageView) -> str:
        text = self.tr("{name} · {available} free of {remaining} left").format(
            name=view.name, available=max(view.available, 0), remaining=view.remaining)
        if view.expired:
            return self.tr("{package} (expired)").format(package=text)
        if view.available < 1:
            return self.tr("{package} (no free session)").format(package=text)
        return text

    def chosen_package(self) -> PackageView | None:
        wanted = self.package_combo.currentData()
        return next((v for v in self.package_views if v.id == wanted), None)

    def _describe_package(self) -> None:
        if self.picker.client_id() is None:
            self.package_info.setText("")
            self.sell_button.hide()
            return
        empty = not self.package_views and not self._loading
        self.sell_button.setVisible(
            not self._loading and not any(v.bookable for v in self.package_views))
        if not self.package_views:
            self.package_info.setText(
                self.tr("This client has no active package. Sell a package first.")
                if empty else "")
            return
        view = self.chosen_package()
        if view is None:
            self.package_info.setText("")
            return
        expiry = (view.expires_on.isoformat() if view.expires_on is not None
                  else self.tr("unlimited"))
        self.package_info.setText(self.tr(
            "Remaining {remaining} · booked ahead {scheduled} · expiry {expiry}"
        ).format(remaining=view.remaining, scheduled=view.scheduled_ahead, expiry=expiry))

    def _update_button(self) -> None:
        ready = (self.picker.client_id() is not None and self.chosen_package() is not None
                 and self.trainer_combo.currentData() is not None and not self._submission.busy
                 and not self._loading)
        self.book_button.setEnabled(ready)

    # --- booking ---------------------------------------------------------------------------
    def start(self) -> datetime:
        """The chosen start, naive local time (the service reads it in the gym's zone)."""
        return datetime.combine(to_date(self.date_edit.date()), to_time(self.time_edit.time()))

    def submit(self) -> None:
        if self._submission.busy:
            return
        client_id = self.picker.client_id()
        if client_id is None:
            self.errors.show("client_id", self.tr("Choose the client."))
            return
        package = self.chosen_package()
        if package is None:
            self.errors.show("package_id", self.tr("Choose a package."))
            return
        trainer_id = self.trainer_combo.currentData()
        if trainer_id is None:
            self.errors.show("trainer_id", self.tr("Choose the trainer."))
            return
        self._snap_duration()
        start, duration = self.start(), self.duration_spin.value()
        notes = self.notes_edit.text()
        sessions, actor = self._sessions, self._actor
        confirmed, self.outside_confirmed = self.outside_confirmed, False
        self._submission.submit(
            lambda _ctx: sessions.book(actor, client_id, package.id, trainer_id, start,
                                       duration, notes, outside_confirmed=confirmed),
            self._booked,
            self.tr("Booking…"),
        )

    def _sell_instead(self) -> None:
        client_id = self.picker.client_id()
        if client_id is not None:
            name = self.picker.client_name()
            self.reject()
            self.sell_requested.emit(client_id, name)

    def _booked(self, view: SessionView) -> None:
        self.session = view
        self.booked.emit(view)
        self.accept()
