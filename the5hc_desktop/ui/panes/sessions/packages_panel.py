"""패키지: one member's packages and the credits of the selected one.

Bought, used, no-show, bonus, refunded, remaining (the ledger sum), booked ahead, still
bookable, expiry (무제한 when none) and 초과 사용 in red when the balance went below zero
after a sync merge. The owner and senior trainers add bonus sessions or refund from here.
예약 is disabled, with the reason beside it, while none of the member's packages has a
bookable session; 환불 is disabled, with the reason as its tooltip, while a session is booked.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.money import won_text
from the5hc_desktop.services.clients import ClientService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import PackageService, PackageView, PaymentView
from the5hc_desktop.services.permissions import Capability, can
from the5hc_desktop.ui import i18n, worker
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.columns import fit_columns
from the5hc_desktop.ui.panes.sessions import formatting as fmt
from the5hc_desktop.ui.panes.sessions.client_picker import ClientPicker
from the5hc_desktop.ui.panes.sessions.package_actions import (
    BonusDialog,
    RefundDialog,
    refund_blocked_text,
)
from the5hc_desktop.ui.rows_model import CENTRE, RIGHT, Column, RowsModel, read_only_table

_GOOD = "#2e7d32"
_REMAINING_STYLE = "font-weight: bold; font-size: 13pt;"


class PackagesPanel(QWidget):
    """`changed()` after bonus/refund; sell/book requests carry (client id, name)."""

    changed = Signal()
    sell_requested = Signal(object, str)
    book_requested = Signal(object, str)

    def __init__(
        self,
        packages: PackageService,
        clients: ClientService,
        actor: Actor,
        messages: MessageBridge,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("packagesPanel")
        self._packages = packages
        self._actor = actor
        self._messages = messages
        self._language = i18n.current_language()
        self._generation = 0
        self._loaded_generation = 0
        self._select_after: uuid.UUID | None = None
        self.dialog: QDialog | None = None

        self.picker = ClientPicker(clients, actor, name="packagesClient")
        self.picker.client_changed.connect(lambda _c: self.reload())
        self.model: RowsModel[PackageView] = RowsModel(self._columns(), self)
        self.table = read_only_table("packagesTable", self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        fit_columns(self.table, self.model.column_of("name"), self._samples())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_selected())

        self.sell_button = QPushButton(self.tr("Sell package…"))
        self.sell_button.setObjectName("packagesSellButton")
        self.sell_button.clicked.connect(
            lambda: self.sell_requested.emit(self.picker.client_id(), self.picker.client_name()))
        self.book_button = QPushButton(self.tr("Book session…"))
        self.book_button.setObjectName("packagesBookButton")
        self.book_button.clicked.connect(
            lambda: self.book_requested.emit(self.picker.client_id(), self.picker.client_name()))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Client")))
        top.addWidget(self.picker, 1)
        top.addWidget(self.sell_button)
        top.addWidget(self.book_button)
        self.book_reason = QLabel()
        self.book_reason.setObjectName("packagesBookReason")
        self.book_reason.setStyleSheet(f"color: {fmt.MUTED_COLOUR};")
        self.book_reason.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.book_reason.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.book_reason)
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("packagesEmpty")
        self.empty_label.setStyleSheet(f"color: {fmt.MUTED_COLOUR}; padding: 6px;")
        layout.addWidget(self.empty_label)
        layout.addWidget(self._build_detail())
        self._show_selected()

    def _columns(self) -> list[Column[PackageView]]:
        lang = self._language
        return [
            Column(self.tr("Package"), lambda p: p.name, key="name"),
            Column(self.tr("Sold"), lambda p: p.sold_on.isoformat(), CENTRE, key="sold_on"),
            Column(self.tr("Method"), lambda p: fmt.method_text(p.method, lang), key="method"),
            Column(self.tr("Paid"), lambda p: fmt.grouped(p.gross), RIGHT, key="gross"),
            Column(self.tr("Bought"), lambda p: str(p.sessions_bought), RIGHT, key="bought"),
            Column(self.tr("Used"), lambda p: str(p.used), RIGHT, key="used"),
            Column(self.tr("No-show"), lambda p: str(p.no_show), RIGHT, key="no_show"),
            Column(self.tr("Remaining"), lambda p: str(p.remaining), RIGHT,
                   colour=lambda p: fmt.OVERDRAWN_COLOUR if p.overdrawn else None,
                   bold=lambda _p: True, key="remaining"),
            Column(self.tr("Booked"), lambda p: str(p.scheduled_ahead), RIGHT, key="scheduled"),
            Column(self.tr("Expiry"), self._expiry, CENTRE, key="expires_on"),
            Column(self.tr("State"), self.state_text, colour=self._state_colour, key="state"),
        ]

    def _samples(self) -> dict[int, str]:
        """The widest text each short column shows (the package's name stretches)."""
        column, lines = self.model.column_of, "\n".join
        count = "000"
        return {
            column("sold_on"): "0000-00-00",
            column("method"): lines(fmt.method_text(m, self._language) for m in fmt.METHODS),
            column("gross"): "00,000,000",
            column("bought"): count, column("used"): count, column("no_show"): count,
            column("remaining"): count, column("scheduled"): count,
            column("expires_on"): lines(("0000-00-00", self.tr("Unlimited"))),
            column("state"): lines((self.tr("Overdrawn"), self.tr("Refunded"),
                                    self.tr("Inactive"), self.tr("Expired"),
                                    self.tr("Used up"), self.tr("Active"))),
        }

    def _build_detail(self) -> QGroupBox:
        box = QGroupBox(self.tr("Selected package"))
        box.setObjectName("packageDetail")
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        second = QFormLayout()
        rows = (
            ("bought", self.tr("Bought")), ("used", self.tr("Used")),
            ("no_show", self.tr("No-show")), ("bonus", self.tr("Bonus")),
            ("refunded", self.tr("Refunded sessions")), ("remaining", self.tr("Remaining")),
            ("scheduled", self.tr("Booked ahead")), ("available", self.tr("Still bookable")),
            ("expiry", self.tr("Expiry")), ("state", self.tr("State")),
        )
        for number, (key, label) in enumerate(rows):
            value = QLabel()
            value.setObjectName(f"package_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            (form if number < 5 else second).addRow(label, value)
        self.values["remaining"].setStyleSheet(_REMAINING_STYLE)
        self.bonus_button = QPushButton(self.tr("Bonus sessions…"))
        self.bonus_button.setObjectName("packagesBonusButton")
        self.bonus_button.clicked.connect(self.add_bonus)
        self.refund_button = QPushButton(self.tr("Refund unused…"))
        self.refund_button.setObjectName("packagesRefundButton")
        self.refund_button.clicked.connect(self.refund)
        manager = can(self._actor, Capability.BONUS_AND_REFUND)
        self.bonus_button.setVisible(manager)
        self.refund_button.setVisible(manager)
        buttons = QVBoxLayout()
        buttons.addWidget(self.bonus_button)
        buttons.addWidget(self.refund_button)
        buttons.addStretch(1)
        row = QHBoxLayout(box)
        row.addLayout(form, 1)
        row.addLayout(second, 1)
        row.addLayout(buttons)
        return box

    # --- text -----------------------------------------------------------------------------
    def _expiry(self, view: PackageView) -> str:
        if view.expires_on is None:
            return self.tr("Unlimited")
        return view.expires_on.isoformat()

    def state_text(self, view: PackageView) -> str:
        if view.overdrawn:
            return self.tr("Overdrawn")
        if view.refunded:
            return self.tr("Refunded")
        if not view.active:
            return self.tr("Inactive")
        if view.expired:
            return self.tr("Expired")
        if view.remaining == 0:
            return self.tr("Used up")
        return self.tr("Active")

    def _state_colour(self, view: PackageView) -> str | None:
        if view.overdrawn or view.expired:
            return fmt.OVERDRAWN_COLOUR
        if view.active and view.remaining > 0:
            return _GOOD
        return fmt.MUTED_COLOUR

    def booking_blocked_reason(self) -> str:
        """Why 예약 is off for the loaded member ("" when a package has a bookable session)."""
        views = self.model.rows()
        if any(v.bookable for v in views):
            return ""
        if not views:
            return self.tr("No package to book on. Sell a package first.")
        if any(v.active and not v.expired and v.remaining > 0 for v in views):
            return self.tr("No bookable session (the remaining sessions are all booked). "
                           "Sell a package.")
        return self.tr("No bookable session (used up, expired or refunded). Sell a package.")

    def refund_blocked_reason(self, view: PackageView) -> str:
        """The service refuses a refund while sessions are booked: say so before asking."""
        return refund_blocked_text(view)

    # --- loading --------------------------------------------------------------------------
    def show_client(self, client_id: uuid.UUID, name: str) -> None:
        self.picker.set_client(client_id, name)
        self.reload()

    def refresh(self) -> None:
        self.reload()

    def _loading(self) -> bool:
        return self._loaded_generation != self._generation

    def reload(self) -> None:
        self._generation += 1
        generation, client_id = self._generation, self.picker.client_id()
        if client_id is None:
            self.model.set_rows(())
            self._show_selected()
            return
        packages, actor = self._packages, self._actor
        worker.run(
            lambda _ctx: packages.list_for_client(actor, client_id),
            lambda views: self._arrived(generation, views),
            parent=self,
        )

    def _arrived(self, generation: int, views: tuple[PackageView, ...]) -> None:
        if generation != self._generation:
            return
        self._loaded_generation = generation
        current = self.selected()
        keep = self._select_after or (current.id if current is not None else None)
        self._select_after = None
        self.model.set_rows(views)
        row = next((n for n, v in enumerate(views) if v.id == keep), 0)
        if views:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self._show_selected()

    def selected(self) -> PackageView | None:
        return self.model.row_at(self.table.currentIndex().row())

    def _show_selected(self) -> None:
        view = self.selected()
        has_client = self.picker.client_id() is not None
        self.sell_button.setEnabled(True)
        reason = self.booking_blocked_reason() if has_client and not self._loading() else ""
        self.book_button.setEnabled(has_client and not reason)
        self.book_button.setToolTip(reason)
        self.book_reason.setText(reason)
        self.book_reason.setVisible(bool(reason))
        self.bonus_button.setEnabled(view is not None and view.active)
        refund_blocked = self.refund_blocked_reason(view) if view is not None else ""
        self.refund_button.setEnabled(view is not None and view.active and view.remaining > 0
                                      and not refund_blocked)
        self.refund_button.setToolTip(refund_blocked)
        if not has_client:
            self.empty_label.setText(self.tr("Find a client to see their packages."))
        elif self.model.rowCount() == 0:
            self.empty_label.setText(self.tr("This client has no package yet."))
        self.empty_label.setVisible(view is None)
        if view is None:
            for label in self.values.values():
                label.setText("–")
            self.values["state"].setStyleSheet("")
            self.values["remaining"].setStyleSheet(_REMAINING_STYLE)
            return
        figures = {
            "bought": self.tr("{count} sessions").format(count=view.sessions_bought),
            "used": str(view.used), "no_show": str(view.no_show), "bonus": str(view.bonus),
            "refunded": str(view.refunded), "remaining": str(view.remaining),
            "scheduled": str(view.scheduled_ahead), "available": str(max(view.available, 0)),
            "expiry": self._expiry(view), "state": self.state_text(view),
        }
        if view.overdrawn:
            figures["remaining"] = self.tr("{count} (overdrawn)").format(count=view.remaining)
        for key, text in figures.items():
            self.values[key].setText(text)
        colour = self._state_colour(view) or fmt.MUTED_COLOUR
        self.values["state"].setStyleSheet(f"color: {colour}; font-weight: bold;")
        remaining_colour = fmt.OVERDRAWN_COLOUR if view.overdrawn else "#1a2733"
        self.values["remaining"].setStyleSheet(f"{_REMAINING_STYLE} color: {remaining_colour};")

    # --- bonus and refund -------------------------------------------------------------------
    def add_bonus(self) -> None:
        view = self.selected()
        if view is None:
            return
        dialog = BonusDialog(self._packages, self._actor, view, self)
        dialog.added.connect(lambda updated: self._done(
            updated.id, self.tr("{count} bonus sessions added to {client}.").format(
                count=dialog.sessions_spin.value(), client=updated.client_name)))
        self._show(dialog)

    def refund(self) -> None:
        view = self.selected()
        if view is None:
            return
        dialog = RefundDialog(self._packages, self._actor, view, self)
        dialog.refunded.connect(lambda payment: self._refunded(view.id, payment))
        self._show(dialog)

    def _refunded(self, package_id: uuid.UUID, payment: PaymentView) -> None:
        self._done(package_id, self.tr("Refunded {amount} to {client}.").format(
            amount=won_text(-payment.gross, self._language), client=payment.client_name))

    def _done(self, package_id: uuid.UUID, text: str) -> None:
        self._messages.success(text)
        self._select_after = package_id
        self.reload()
        self.changed.emit()

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
