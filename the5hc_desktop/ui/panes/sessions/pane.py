"""세션 관리: the calendar, today's sessions, packages and payments.

Built for a front desk that sells, books and checks off sessions all day. Three tabs:

- 일정 (`schedule_page.py`): day / week / month calendar, today's one-click list and the
  selected session; free slots and Ctrl+B book, sessions are completed, marked no-show,
  cancelled or un-completed (docs/rules.md §5).
- 패키지 (`packages_panel.py`): a member's packages with their ledger figures; bonus
  sessions and refunds for the owner and senior trainers.
- 결제 (`payments_panel.py`): payments by date, method and member with totals and receipts.

The pane owns the dialogs (sell, book) so the composition root can open them for a member
(`sell_package(client_id)`, `book_session(client_id)`), loads the gym settings and the
trainers once, and reloads its own views after its writes; the change bus
(ui/change_bus.py) tells the panes that show balances.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.services import changes
from the5hc_desktop.services.accounts import StaffView
from the5hc_desktop.services.clients import ClientView
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import PackageView
from the5hc_desktop.services.permissions import Capability, can
from the5hc_desktop.services.sessions import SessionView
from the5hc_desktop.services.settings import GymSettings
from the5hc_desktop.ui import export_action, i18n, worker
from the5hc_desktop.ui.list_print import ListPrinter
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.sessions import formatting as fmt
from the5hc_desktop.ui.panes.sessions.book_dialog import BookSessionDialog, next_quarter
from the5hc_desktop.ui.panes.sessions.calendar_shading import attach_availability
from the5hc_desktop.ui.panes.sessions.free_slots import attach_to_booking
from the5hc_desktop.ui.panes.sessions.gym_packages_panel import (
    GymPackagesPanel,
    attach_gym_packages,
)
from the5hc_desktop.ui.panes.sessions.packages_panel import PackagesPanel
from the5hc_desktop.ui.panes.sessions.pane_services import SessionsPaneServices
from the5hc_desktop.ui.panes.sessions.payments_panel import PaymentsPanel
from the5hc_desktop.ui.panes.sessions.recurring_dialog import RecurringBookingDialog
from the5hc_desktop.ui.panes.sessions.schedule_page import SchedulePage
from the5hc_desktop.ui.panes.sessions.sell_dialog import SellPackageDialog

Clock = Callable[[], datetime]
DEFAULT_ZONE = "Asia/Seoul"


@dataclass(frozen=True)
class Basics:
    settings: GymSettings
    trainers: tuple[StaffView, ...]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SessionsPane(QWidget):
    """The 세션 관리 pane (see the module docstring)."""

    printing: ListPrinter | None = None  # set by the composition root (Ctrl+P)

    data_changed = Signal()  # credits, bookings or payments changed here (the bus tells others)
    watches = frozenset({changes.SESSIONS, changes.PACKAGES, changes.CREDIT_LEDGER,
                         changes.PAYMENTS, changes.CLIENTS, changes.STAFF, changes.SETTINGS})
    gym_packages: GymPackagesPanel | None = None  # 전체 패키지 (gym_packages_panel.py)

    def __init__(
        self,
        services: SessionsPaneServices,
        actor: Actor,
        messages: MessageBridge,
        *,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionsPane")
        self._services = services
        self._actor = actor
        self._messages = messages
        self._clock = clock or _utc_now
        self._language = i18n.current_language()
        self.settings: GymSettings | None = None
        self.trainers: tuple[StaffView, ...] = ()
        self._pending: list[Callable[[], object]] = []
        self._loading_basics = False
        self.dialog: QDialog | None = None
        self._build()

    # --- the Pane protocol ----------------------------------------------------------------
    @property
    def object_name(self) -> str:
        return "sessionsPane"

    @property
    def title(self) -> str:
        return self.tr("Sessions")

    @property
    def widget(self) -> QWidget:
        return self

    def pane_actions(self) -> tuple[str, ...]:
        return ("session.new", "file.export", "file.print")

    def print_current(self) -> None:
        """Ctrl+P: the list of the tab on show; on the schedule, today's sessions per
        trainer (the desk's printed day sheet)."""
        if self.printing is None:
            return
        shown, day = self.tabs.currentWidget(), self.today().isoformat()
        if shown is self.payments_panel and self.payments_panel is not None:
            self.printing.open(self, self.payments_panel.table, self.tr("Payments"),
                               file_stem=f"payments_{day}")
        elif shown is self.packages_panel:
            self.printing.open(self, self.packages_panel.table, self.tr("Packages"),
                               file_stem=f"packages_{day}")
        else:
            today = self.schedule.today_list
            self.printing.open(self, today.table, self.tr("Today's schedule"), subtitle=day,
                               section_column=today.model.column_of("trainer"),
                               file_stem=f"schedule_{day}")

    def export_current(self) -> None:
        """Ctrl+E: the list of the tab on show (sessions, packages or payments) to Excel."""
        shown = self.tabs.currentWidget()
        what = ("packages" if shown is self.packages_panel else
                "payments" if shown is self.payments_panel and shown is not None else "sessions")
        export_action.export_list(self, self._services.clients, self._actor, what,
                                  self._messages)

    # --- time -------------------------------------------------------------------------------
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.settings.timezone if self.settings else DEFAULT_ZONE)

    def now(self) -> datetime:
        """Now in the gym's zone."""
        return self._clock().astimezone(self.zone())

    def today(self) -> date:
        return self.now().date()

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        s = self._services
        self.schedule = SchedulePage(s.sessions, self._actor, self._messages, self.now)
        attach_availability(self.schedule, getattr(s, "availability", None), self._actor,
                            self._messages)
        self.schedule.book_requested.connect(
            lambda start, trainer: self.book_session(start=start, trainer_id=trainer))
        self.schedule.sell_requested.connect(lambda: self.sell_package())
        self.schedule.recurring_requested.connect(lambda: self.book_recurring())
        self.schedule.packages_requested.connect(self.show_client_packages)
        self.schedule.changed.connect(self._credits_changed)
        self.packages_panel = PackagesPanel(s.packages, s.clients, self._actor, self._messages)
        self.packages_panel.changed.connect(self._credits_changed)
        self.packages_panel.sell_requested.connect(self.sell_package)
        self.packages_panel.book_requested.connect(self.book_session)
        self.payments_panel: PaymentsPanel | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("sessionsTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.schedule, self.tr("Schedule"))
        self.tabs.addTab(self.packages_panel, self.tr("Packages"))
        if can(self._actor, Capability.SELL_AND_BOOK):  # who takes payments may list them
            self.payments_panel = PaymentsPanel(s.packages, s.clients, self._actor,
                                                self._messages, self.today)
            self.payments_panel.changed.connect(self._credits_changed)
            self.tabs.addTab(self.payments_panel, self.tr("Payments"))
        self.tabs.currentChanged.connect(lambda _i: self._refresh_tab())
        attach_gym_packages(self, getattr(s, "package_list", None))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    # --- loading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """On show and F5: settings and trainers once, then the schedule and the open tab."""
        self.with_basics(self._reload_all)

    def _reload_all(self) -> None:
        self.schedule.reload()
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        current = self.tabs.currentWidget()
        if current is self.packages_panel:
            self.packages_panel.refresh()
        elif self.payments_panel is not None and current is self.payments_panel:
            self.payments_panel.refresh()

    def with_basics(self, then: Callable[[], object]) -> None:
        """Run `then` once the gym settings and the trainers are loaded."""
        if self.settings is not None:
            then()
            return
        self._pending.append(then)
        if self._loading_basics:
            return
        self._loading_basics = True
        services, actor = self._services, self._actor

        def done() -> None:
            self._loading_basics = False

        worker.run(
            lambda _ctx: Basics(services.settings.get(), services.accounts.trainers(actor)),
            self._basics_arrived,
            on_failure=self._basics_failed,
            parent=self,
            on_done=done,
        )

    def _basics_arrived(self, basics: Basics) -> None:
        self.settings, self.trainers = basics.settings, basics.trainers
        self.schedule.set_basics(basics.settings, basics.trainers)
        pending, self._pending = self._pending, []
        for then in pending:
            then()

    def _basics_failed(self, error: The5HCError) -> None:
        self._pending.clear()
        self._messages.show_error(error)

    def _credits_changed(self) -> None:
        """Balances moved: every view here reloads, and the other panes hear of it."""
        self.schedule.reload()
        if self.tabs.currentWidget() is self.packages_panel:
            self.packages_panel.reload()
        elif self.payments_panel is not None and self.tabs.currentWidget() is self.payments_panel:
            self.payments_panel.reload()
        self.data_changed.emit()

    # --- dialogs (also opened by the composition root) ------------------------------------
    def new_session(self) -> None:
        """Ctrl+B."""
        self.book_session()

    def book_session(self, client_id: uuid.UUID | None = None, client_name: str = "",
                     start: datetime | None = None,
                     trainer_id: uuid.UUID | None = None) -> None:
        """The booking dialog, for a member (clients pane) or a free slot (calendar)."""
        self._with_name(client_id, client_name, lambda name: self.with_basics(
            lambda: self._open_booking(client_id, name, start, trainer_id)))

    def _open_booking(self, client_id: uuid.UUID | None, name: str,
                      start: datetime | None, trainer_id: uuid.UUID | None) -> None:
        s = self._services
        dialog = BookSessionDialog(
            s.sessions, s.packages, s.clients, self._actor, self._messages, self.trainers,
            start or next_quarter(self.now()), client_id=client_id, client_name=name,
            trainer_id=trainer_id or self.schedule.trainer_filter(), parent=self)
        dialog.booked.connect(self._booked)
        dialog.sell_requested.connect(self.sell_package)
        attach_to_booking(dialog, getattr(s, "availability", None))
        self._show_dialog(dialog)

    def book_recurring(self, client_id: uuid.UUID | None = None, client_name: str = "",
                       start: datetime | None = None) -> None:
        """The recurring booking dialog (반복 예약), for a member or empty."""
        self._with_name(client_id, client_name, lambda name: self.with_basics(
            lambda: self._open_recurring(client_id, name, start)))

    def _open_recurring(self, client_id: uuid.UUID | None, name: str,
                        start: datetime | None) -> None:
        s = self._services
        dialog = RecurringBookingDialog(
            s.sessions, s.packages, s.clients, self._actor, self._messages, self.trainers,
            start or next_quarter(self.now()), client_id=client_id, client_name=name,
            trainer_id=self.schedule.trainer_filter(), parent=self)
        dialog.series_booked.connect(self._series_booked)
        dialog.sell_requested.connect(self.sell_package)
        self._show_dialog(dialog)

    def _series_booked(self, views: tuple[SessionView, ...]) -> None:
        first = views[0]
        self._messages.success(self.tr("Booked {count} sessions for {client}, from {when}.")
                               .format(count=len(views), client=first.client_name,
                                       when=fmt.day_text(first.starts_at.date(),
                                                         self._language)))
        self.schedule.show_session(first)
        self._credits_changed()

    def _booked(self, view: SessionView) -> None:
        self._messages.success(self.tr("Booked {client} on {when} with {trainer}.").format(
            client=view.client_name,
            when=f"{fmt.day_text(view.starts_at.date(), self._language)} "
                 f"{fmt.hhmm(view.starts_at)}",
            trainer=view.trainer_name))
        self.schedule.show_session(view)
        self._credits_changed()

    def sell_package(self, client_id: uuid.UUID | None = None, client_name: str = "") -> None:
        """The sell dialog, for a member (clients pane) or empty."""
        self._with_name(client_id, client_name, lambda name: self.with_basics(
            lambda: self._open_sale(client_id, name)))

    def _open_sale(self, client_id: uuid.UUID | None, name: str) -> None:
        assert self.settings is not None  # with_basics loaded them
        s = self._services
        dialog = SellPackageDialog(s.packages, s.clients, self._actor, self._messages,
                                   self.settings, self.today(), client_id=client_id,
                                   client_name=name, parent=self)
        dialog.sold.connect(self._sold)
        self._show_dialog(dialog)

    def _sold(self, package: PackageView) -> None:
        self._messages.success(self.tr("{client}: {name} sold ({count} sessions).").format(
            client=package.client_name, name=package.name, count=package.sessions_bought))
        if self.packages_panel.picker.client_id() == package.client_id:
            self.packages_panel.reload()
        self._credits_changed()

    def show_client_packages(self, client_id: uuid.UUID, name: str = "") -> None:
        self.tabs.setCurrentWidget(self.packages_panel)
        self._with_name(client_id, name,
                        lambda known: self.packages_panel.show_client(client_id, known))

    def _with_name(self, client_id: uuid.UUID | None, name: str,
                   then: Callable[[str], object]) -> None:
        if client_id is None or name:
            then(name)
            return
        clients, actor = self._services.clients, self._actor

        def named(view: ClientView) -> None:
            then(view.name)

        worker.run(lambda _ctx: clients.view(actor, client_id), named, parent=self)

    def _show_dialog(self, dialog: QDialog) -> None:
        if self.dialog is not None and shiboken6.isValid(self.dialog) and self.dialog.isVisible():
            self.dialog.close()
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
