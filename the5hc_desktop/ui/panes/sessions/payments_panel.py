"""결제 내역: payments by date range, method and client, with gross and net totals.

Refunds are negative rows (red) and count in the totals. From a selected row: the receipt
(member's or gym's copy) and, for the owner and senior trainers, bonus sessions or a refund
on the package it paid for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.fees import PaymentMethod
from the5hc_desktop.domain.money import won_text
from the5hc_desktop.services.clients import ClientService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import PackageService, PackageView, PaymentList, PaymentView
from the5hc_desktop.services.permissions import Capability, can
from the5hc_desktop.ui import i18n, worker
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.columns import fit_columns
from the5hc_desktop.ui.panes.sessions import formatting as fmt
from the5hc_desktop.ui.panes.sessions.client_picker import ClientPicker
from the5hc_desktop.ui.panes.sessions.package_actions import BonusDialog, RefundDialog
from the5hc_desktop.ui.panes.sessions.receipt import ReceiptDialog
from the5hc_desktop.ui.panes.sessions.widgets import to_date
from the5hc_desktop.ui.rows_model import CENTRE, RIGHT, Column, RowsModel, read_only_table


def _negative(view: PaymentView) -> str | None:
    return fmt.OVERDRAWN_COLOUR if view.gross < 0 else None


class PaymentsModel(RowsModel[PaymentView]):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        g = fmt.grouped
        super().__init__([
            Column(self.tr("Date"), lambda p: p.paid_on.isoformat(), CENTRE, key="paid_on"),
            Column(self.tr("Client"), lambda p: p.client_name, key="client"),
            Column(self.tr("Item"), lambda p: p.package_name or p.description,
                   colour=_negative, tooltip=lambda p: p.description, key="item"),
            Column(self.tr("Method"), lambda p: fmt.method_text(p.method, language), key="method"),
            Column(self.tr("Paid (VAT incl.)"), lambda p: g(p.gross), RIGHT,
                   colour=_negative, key="gross"),
            Column(self.tr("VAT"), lambda p: g(p.vat), RIGHT, colour=_negative, key="vat"),
            Column(self.tr("Card fee"), lambda p: g(p.card_fee), RIGHT,
                   colour=_negative, key="card_fee"),
            Column(self.tr("Net received"), lambda p: g(p.net), RIGHT, colour=_negative, key="net"),
            Column(self.tr("Staff"), lambda p: p.staff_name, key="staff"),
        ], parent)
        self.totals: PaymentList | None = None

    def set_list(self, listed: PaymentList) -> None:
        self.totals = listed
        self.set_rows(listed.rows)


class PaymentsPanel(QWidget):
    """`changed()` after a bonus or a refund made here."""

    changed = Signal()

    def __init__(
        self,
        packages: PackageService,
        clients: ClientService,
        actor: Actor,
        messages: MessageBridge,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paymentsPanel")
        self._packages = packages
        self._actor = actor
        self._messages = messages
        self._today = today
        self._language = i18n.current_language()
        self._generation = 0
        self._started = False
        self.dialog: QDialog | None = None
        self.model = PaymentsModel(self._language, self)

        first = today().replace(day=1)
        self.from_edit = _date_edit("paymentsFrom", first)
        self.to_edit = _date_edit("paymentsTo", today())
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("paymentsMethod")
        self.method_combo.addItem(self.tr("All methods"), None)
        for method in fmt.METHODS:
            self.method_combo.addItem(fmt.method_text(method, self._language), method.value)
        self.picker = ClientPicker(clients, actor, allow_all=True, name="paymentsClient")
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _d: self.reload())
        self.method_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.picker.client_changed.connect(lambda _c: self.reload())

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("From")))
        filters.addWidget(self.from_edit)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.to_edit)
        filters.addSpacing(8)
        filters.addWidget(self.method_combo)
        filters.addSpacing(8)
        filters.addWidget(self.picker, 1)

        self.table = read_only_table("paymentsTable", self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        column, money, name = self.model.column_of, "-00,000,000", "홍길동길"
        fit_columns(self.table, column("item"), {
            column("paid_on"): "0000-00-00", column("client"): name,
            column("method"): "\n".join(fmt.method_text(m, self._language)
                                        for m in fmt.METHODS),
            column("gross"): money, column("vat"): money, column("card_fee"): money,
            column("net"): money, column("staff"): name,
        })
        self.table.doubleClicked.connect(lambda _i: self.open_receipt())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())

        self.totals_label = QLabel()
        self.totals_label.setObjectName("paymentsTotals")
        self.totals_label.setStyleSheet("font-weight: bold;")
        self.receipt_button = QPushButton(self.tr("Receipt…"))
        self.receipt_button.setObjectName("paymentsReceiptButton")
        self.receipt_button.clicked.connect(self.open_receipt)
        self.bonus_button = QPushButton(self.tr("Bonus sessions…"))
        self.bonus_button.setObjectName("paymentsBonusButton")
        self.bonus_button.clicked.connect(lambda: self._package_action(BonusDialog))
        self.refund_button = QPushButton(self.tr("Refund…"))
        self.refund_button.setObjectName("paymentsRefundButton")
        self.refund_button.clicked.connect(lambda: self._package_action(RefundDialog))
        manager = can(actor, Capability.BONUS_AND_REFUND)
        self.bonus_button.setVisible(manager)
        self.refund_button.setVisible(manager)
        bottom = QHBoxLayout()
        bottom.addWidget(self.totals_label, 1)
        for button in (self.receipt_button, self.bonus_button, self.refund_button):
            bottom.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._update_buttons()

    # --- loading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        start, end = to_date(self.from_edit.date()), to_date(self.to_edit.date())
        method_value = self.method_combo.currentData()
        method = PaymentMethod(method_value) if method_value else None
        client_id = self.picker.client_id()
        packages, actor = self._packages, self._actor
        worker.run(
            lambda _ctx: packages.list_payments(actor, start, end, method, client_id),
            lambda listed: self._arrived(generation, listed),
            progress_label=self.tr("Loading payments…"),
            parent=self,
        )

    def _arrived(self, generation: int, listed: PaymentList) -> None:
        if generation != self._generation:
            return
        self.model.set_list(listed)
        lang = self._language
        self.totals_label.setText(self.tr(
            "{count} payments · paid {gross} · VAT {vat} · card fees {fee} · net {net}"
        ).format(count=len(listed.rows), gross=won_text(listed.total_gross, lang),
                 vat=won_text(listed.total_vat, lang), fee=won_text(listed.total_card_fee, lang),
                 net=won_text(listed.total_net, lang)))
        self._update_buttons()

    # --- selection and actions -------------------------------------------------------------
    def selected(self) -> PaymentView | None:
        return self.model.row_at(self.table.currentIndex().row())

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, 0))

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.receipt_button.setEnabled(chosen is not None)
        on_package = chosen is not None and chosen.package_id is not None
        self.bonus_button.setEnabled(on_package)
        self.refund_button.setEnabled(on_package)

    def open_receipt(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        summary = self.tr("{date} · {client} · {item} · {amount} ({method})").format(
            date=chosen.paid_on.isoformat(), client=chosen.client_name,
            item=chosen.package_name or chosen.description,
            amount=won_text(chosen.gross, self._language),
            method=fmt.method_text(chosen.method, self._language))
        dialog = ReceiptDialog(self._packages, self._actor, self._messages, chosen.id, summary,
                               chosen.client_name, chosen.paid_on, self)
        self._show(dialog)

    def _package_action(self, kind: type[BonusDialog] | type[RefundDialog]) -> None:
        chosen = self.selected()
        if chosen is None or chosen.package_id is None:
            return
        packages, actor, package_id = self._packages, self._actor, chosen.package_id
        worker.run(
            lambda _ctx: packages.get(actor, package_id),
            lambda view: self._open_package_dialog(kind, view),
            parent=self,
        )

    def _open_package_dialog(self, kind: type[BonusDialog] | type[RefundDialog],
                             package: PackageView) -> None:
        dialog = kind(self._packages, self._actor, package, self)
        if isinstance(dialog, BonusDialog):
            dialog.added.connect(lambda view: self._done(
                self.tr("{count} bonus sessions added to {client}.").format(
                    count=dialog.sessions_spin.value(), client=view.client_name)))
        else:
            dialog.refunded.connect(lambda payment: self._done(
                self.tr("Refunded {amount} to {client}.").format(
                    amount=won_text(-payment.gross, self._language), client=payment.client_name)))
        self._show(dialog)

    def _done(self, text: str) -> None:
        self._messages.success(text)
        self.reload()
        self.changed.emit()

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()


def _date_edit(name: str, value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit
