"""회원 관리: the member list with search, and one member's page.

Built for the front desk: type a name, its 초성 (ㄱㅁㅅ) or the last four phone digits and
the list follows within a keystroke (150 ms debounce, the search on the worker lane, stale
results dropped); Enter opens the top or selected member, Esc returns, Ctrl+F finds,
Ctrl+N registers, F5 reloads, Delete deactivates after asking.

Requests that belong to other panes leave as signals carrying UUIDs, which the composition
root connects; a button for one is shown only once something listens to it.
"""

from __future__ import annotations

import uuid

import shiboken6
from PySide6.QtCore import QMetaMethod, QPoint, Signal, SignalInstance
from PySide6.QtWidgets import QDialog, QMenu, QStackedWidget, QTableView, QVBoxLayout, QWidget

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.domain.roles import trains
from the5hc_desktop.services import changes
from the5hc_desktop.services.accounts import AccountService
from the5hc_desktop.services.clients import (
    ClientDetail,
    ClientRow,
    ClientService,
    ClientView,
    SaveResult,
)
from the5hc_desktop.services.context import Actor, Page
from the5hc_desktop.services.merge_members import MergeMembersService, MergeResult
from the5hc_desktop.services.packages import PaymentView
from the5hc_desktop.services.permissions import Capability, can
from the5hc_desktop.ui import dialogs, export_action, i18n, worker
from the5hc_desktop.ui.actions import ActionSpec
from the5hc_desktop.ui.list_print import ListPrinter
from the5hc_desktop.ui.messages import MessageBridge, error_text
from the5hc_desktop.ui.panes.clients import import_wizard, merge_dialog
from the5hc_desktop.ui.panes.clients.client_dialog import ClientDialog
from the5hc_desktop.ui.panes.clients.detail import ClientDetailView
from the5hc_desktop.ui.panes.clients.history import MemberHistory, MemberRecords
from the5hc_desktop.ui.panes.clients.list_page import ClientListPage
from the5hc_desktop.ui.panes.clients.table_model import ClientQuery


class ClientsPane(QWidget):
    """The 회원 관리 pane (see the module docstring)."""

    new_assessment_requested = Signal(object)  # client id (uuid.UUID)
    sell_package_requested = Signal(object)  # client id
    book_session_requested = Signal(object)  # client id
    open_assessment_requested = Signal(object)  # assessment id
    # The member list and page: figures, packages, balances, assessments, trainers.
    watches = frozenset({changes.CLIENTS, changes.ASSESSMENTS, changes.PACKAGES,
                         changes.SESSIONS, changes.CREDIT_LEDGER, changes.PAYMENTS,
                         changes.STAFF})
    # Set by the composition root: the member page's sessions and payments, and Ctrl+P.
    records: MemberRecords | None = None
    printing: ListPrinter | None = None

    def __init__(
        self,
        clients: ClientService,
        accounts: AccountService,
        actor: Actor,
        messages: MessageBridge,
        parent: QWidget | None = None,
        merge: MergeMembersService | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clientsPane")
        self._merge = merge
        self._clients = clients
        self._accounts = accounts
        self._actor = actor
        self._messages = messages
        self._language = i18n.current_language()
        self._detail_generation = 0
        self.dialog: ClientDialog | None = None
        self.receipt_dialog: QDialog | None = None
        self.merger: merge_dialog.MergeMembersDialog | None = None
        self._build()

    # --- the Pane protocol ----------------------------------------------------------------
    @property
    def object_name(self) -> str:
        return "clientsPane"

    @property
    def title(self) -> str:
        return self.tr("Clients")

    @property
    def widget(self) -> QWidget:
        return self

    def pane_actions(self) -> tuple[str | ActionSpec, ...]:
        actions: tuple[str | ActionSpec, ...] = (
            "client.new", "client.search", "file.export", "file.print",
            import_wizard.import_action())
        if self._merge is not None and merge_dialog.may_merge(self._actor):
            actions += (merge_dialog.merge_action(),)
        return actions

    # --- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        mine = self._actor.staff_id if trains(self._actor.role) else None
        self.list_page = ClientListPage(self._fetch_page, mine)  # front desk owns no one
        page = self.list_page
        page.model.failed.connect(self._messages.show_error)
        page.open_requested.connect(self.open_client)
        page.deactivate_requested.connect(self._deactivate_row)
        page.context_menu_requested.connect(self._context_menu)
        page.new_requested.connect(self.new_client)
        import_wizard.add_import_button(page, page.new_button, self.import_members)

        self.detail = ClientDetailView()
        self.detail.set_permissions(can_delete=can(self._actor, Capability.DELETE),
                                    can_assess=can(self._actor, Capability.RUN_ASSESSMENTS))
        d = self.detail
        d.back_requested.connect(self.show_list)
        d.edit_requested.connect(self.edit_client)
        d.active_change_requested.connect(self.set_client_active)
        d.delete_requested.connect(self.delete_client)
        d.new_assessment_requested.connect(self.new_assessment_requested)
        d.sell_package_requested.connect(self.sell_package_requested)
        d.book_session_requested.connect(self.book_session_requested)
        d.open_assessment_requested.connect(self.open_assessment_requested)
        d.history.receipt_requested.connect(self.open_receipt)
        d.history.print_requested.connect(self.print_history)

        self.stack = QStackedWidget()
        self.stack.setObjectName("clientsStack")
        self.stack.addWidget(self.list_page)
        self.stack.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _fetch_page(self, query: ClientQuery, offset: int, limit: int) -> Page[ClientRow]:
        # Runs on the worker lane.
        return self._clients.search(
            self._actor, query.text, active=query.active, trainer_id=query.trainer_id,
            sort=query.sort, descending=query.descending, offset=offset, limit=limit,
        )

    # --- data in and out (import_wizard, export_action) ---------------------------------
    def import_members(self) -> None:
        import_wizard.open_import_wizard(self, self._clients, self._actor,
                                         lambda _summary: self.refresh())

    def export_current(self) -> None:
        export_action.export_list(self, self._clients, self._actor, "members", self._messages)

    # --- pane-wide keys -----------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the list (and the member page when it shows); on show and on F5."""
        self.list_page.reload()
        if self.is_showing_detail() and self.detail.client_id is not None:
            self._load_detail(self.detail.client_id)

    def focus_search(self) -> None:
        """Ctrl+F: back to the list, the search box focused and its text selected."""
        self.show_list()
        self.list_page.focus_search()

    def _context_menu(self, row: ClientRow, position: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self.open_client(row.id, row.name))
        menu.addAction(self.tr("Edit…"), lambda: self.edit_client(row.id))
        if row.active:
            menu.addAction(self.tr("Deactivate…"),
                           lambda: self.set_client_active(row.id, False, row.name))
        else:
            menu.addAction(self.tr("Reactivate"),
                           lambda: self.set_client_active(row.id, True, row.name))
        if can(self._actor, Capability.DELETE):
            menu.addAction(self.tr("Delete…"), lambda: self.delete_client(row.id, row.name))
        if self._merge is not None:
            merge_dialog.add_menu_entry(menu, self._actor, lambda: self.merge_members(row.id))
        menu.exec(position)
        menu.deleteLater()

    # --- 회원 병합 (merge_dialog) -------------------------------------------------------------
    def merge_members(self, first_id: uuid.UUID | None = None) -> None:
        """The merge dialog for the shown, clicked or selected member."""
        if self._merge is None:
            return
        if not merge_dialog.may_merge(self._actor):
            self._messages.error(merge_dialog.refusal_text())
            return
        first_id = first_id or self._current_client_id()
        if first_id is None:
            self._messages.info(merge_dialog.choose_first_text())
            return
        dialog = merge_dialog.MergeMembersDialog(
            self._clients, self._merge, self._actor, first_id, self)
        self.merger = dialog
        dialog.merged.connect(self._members_merged)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _current_client_id(self) -> uuid.UUID | None:
        if self.is_showing_detail():
            return self.detail.client_id
        row = self.list_page.model.row_at(self.list_page.table.currentIndex().row())
        return row.id if row is not None else None

    def _members_merged(self, result: MergeResult) -> None:
        self._messages.success(merge_dialog.done_text(result))
        self.list_page.reload(select=result.survivor_id)
        if self.is_showing_detail():
            self.open_client(result.survivor_id)

    # --- the member page ------------------------------------------------------------------
    def open_client(self, client_id: uuid.UUID, name: str = "") -> None:
        """Show one member's page; the figures load on the worker lane."""
        self.detail.set_extra_actions(
            assessment=self._listened(self.new_assessment_requested),
            package=self._listened(self.sell_package_requested),
            session=self._listened(self.book_session_requested),
        )
        self.detail.show_loading(client_id, name)
        self.stack.setCurrentWidget(self.detail)
        self.detail.setFocus()
        self._load_detail(client_id)

    def _listened(self, signal: SignalInstance) -> bool:
        return self.isSignalConnected(QMetaMethod.fromSignal(signal))

    def _load_detail(self, client_id: uuid.UUID) -> None:
        self._detail_generation += 1
        generation, clients, actor = self._detail_generation, self._clients, self._actor
        worker.run(
            lambda _ctx: clients.get(actor, client_id),
            lambda detail: self._detail_arrived(generation, detail),
            on_failure=self._detail_failed,
            progress_label=self.tr("Loading the client…"),
            parent=self,
        )

    def _detail_arrived(self, generation: int, detail: ClientDetail) -> None:
        if generation == self._detail_generation and detail.client.id == self.detail.client_id:
            self.detail.show_detail(detail)
            self._load_history(generation, detail.client.id)

    def _load_history(self, generation: int, client_id: uuid.UUID) -> None:
        """Sessions and payments, after the page itself (the slower, longer lists)."""
        records, actor = self.records, self._actor
        if records is None:
            return
        worker.run(
            lambda _ctx: records.load(actor, client_id),
            lambda history: self._history_arrived(generation, history),
            on_failure=self._messages.show_error,
            parent=self,
            lane=worker.Lane.SLOW_READ,
        )

    def _history_arrived(self, generation: int, history: MemberHistory) -> None:
        if generation == self._detail_generation and history.client_id == self.detail.client_id:
            self.detail.history.show_history(history)

    def open_receipt(self, payment: PaymentView) -> None:
        """A payment's receipt from the member page (the payments list's own dialog)."""
        if self.records is None:
            return
        from the5hc_desktop.ui.panes.sessions.receipt import ReceiptDialog  # on first use

        summary = self.tr("{date} · {item}").format(
            date=payment.paid_on.isoformat(), item=payment.package_name or payment.description)
        self.receipt_dialog = ReceiptDialog(
            self.records.packages, self._actor, self._messages, payment.id, summary,
            payment.client_name, payment.paid_on, self)
        self.receipt_dialog.show()

    def print_current(self) -> None:
        """Ctrl+P: the member list as shown (search, filter and sort), or on a member's page
        that member's sessions."""
        if self.is_showing_detail():
            self.print_history(self.detail.history.sessions_table, self.tr("Sessions"))
            return
        if self.printing is not None:
            self.printing.open(self, self.list_page.table, self.tr("Members"),
                               subtitle=self.list_page.search_edit.text().strip(),
                               file_stem=self.tr("members"))

    def print_history(self, table: QTableView, title: str) -> None:
        shown = self.detail.detail
        if self.printing is None or shown is None:
            return
        name = shown.client.name
        self.printing.open(self, table, f"{name} · {title}", file_stem=f"{name}_{title}")

    def _detail_failed(self, error: The5HCError) -> None:
        self.detail.show_failed(error_text(error))
        self._messages.show_error(error)

    def show_list(self) -> None:
        if self.stack.currentWidget() is not self.list_page:
            self.stack.setCurrentWidget(self.list_page)
            self.list_page.table.setFocus()

    def is_showing_detail(self) -> bool:
        return self.stack.currentWidget() is self.detail

    # --- add and edit ---------------------------------------------------------------------
    def new_client(self) -> None:
        """Ctrl+N: the empty member form."""
        self._open_dialog(None)

    def edit_client(self, client_id: uuid.UUID) -> None:
        shown = self.detail.detail
        if shown is not None and shown.client.id == client_id:
            self._open_edit(shown.client)
            return
        clients, actor = self._clients, self._actor
        worker.run(
            lambda _ctx: clients.view(actor, client_id),
            self._open_edit,
            progress_label=self.tr("Loading the client…"),
            parent=self,
        )

    def _open_edit(self, client: ClientView) -> None:
        self._open_dialog(client)

    def _open_dialog(self, client: ClientView | None) -> None:
        """One member form at a time (window-modal, so the list stays visible behind it)."""
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        dialog = ClientDialog(self._clients, self._accounts, self._actor, client, self)
        self.dialog = dialog
        dialog.saved.connect(self._client_saved)
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _client_saved(self, result: SaveResult) -> None:
        client = result.client
        created = self.dialog is not None and self.dialog.is_new
        text = (self.tr("{name} has been registered.") if created
                else self.tr("{name} has been updated."))
        self._messages.success(text.format(name=client.name))
        for notice in result.notices:
            self._messages.warning(notice.message(self._language))
        self.list_page.reload(select=client.id)
        if created:  # next at the desk: a package or an assessment, from the member's page
            self.open_client(client.id, client.name)
        elif self.is_showing_detail() and self.detail.client_id == client.id:
            self._load_detail(client.id)

    # --- deactivate and delete --------------------------------------------------------------
    def _deactivate_row(self, row: ClientRow) -> None:
        """Delete key on the list: deactivate the member after asking."""
        if not row.active:
            self._messages.info(self.tr("{name} is already inactive.").format(name=row.name))
            return
        self.set_client_active(row.id, False, row.name)

    def set_client_active(self, client_id: uuid.UUID, active: bool, name: str = "") -> None:
        name = name or self._name_of(client_id)
        if not active and not dialogs.ask(
            self,
            self.tr("Deactivate client"),
            self.tr("Deactivate {name}? Inactive clients leave the default list; their "
                    "records stay and they can be reactivated at any time.").format(name=name),
        ):
            return
        clients, actor = self._clients, self._actor
        done = (self.tr("{name} is now inactive.") if not active
                else self.tr("{name} is active again.")).format(name=name)
        worker.run(
            lambda _ctx: clients.set_active(actor, client_id, active),
            lambda _view: self._changed(done, client_id),
            parent=self,
        )

    def delete_client(self, client_id: uuid.UUID, name: str = "") -> None:
        if not can(self._actor, Capability.DELETE):
            self._messages.error(self.tr("Only the owner or a senior trainer can delete "
                                         "clients."))
            return
        name = name or self._name_of(client_id)
        if not dialogs.ask(
            self,
            self.tr("Delete client"),
            self.tr("Delete {name}? The client disappears from every list together with "
                    "their assessments and packages. Deactivating keeps the records.")
            .format(name=name),
            destructive=True,
        ):
            return
        clients, actor = self._clients, self._actor
        worker.run(
            lambda _ctx: clients.delete(actor, client_id),
            lambda _none: self._deleted(name),
            parent=self,
        )

    def _deleted(self, name: str) -> None:
        self.show_list()
        self._changed(self.tr("{name} has been deleted.").format(name=name), None)

    def _changed(self, text: str, client_id: uuid.UUID | None) -> None:
        self._messages.success(text)
        self.list_page.reload(select=client_id)
        if client_id is not None and self.is_showing_detail():
            self._load_detail(client_id)

    def _name_of(self, client_id: uuid.UUID) -> str:
        shown = self.detail.detail
        if shown is not None and shown.client.id == client_id:
            return shown.client.name
        model = self.list_page.model
        row = model.row_at(model.row_of(client_id))
        return row.name if row is not None else ""
