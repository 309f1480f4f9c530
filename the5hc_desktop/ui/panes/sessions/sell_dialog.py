"""패키지 판매: client, amount paid (VAT included), session price, method, name and expiry.

The breakdown under the form is `domain.fees.split_payment` with the gym's rates quantised
exactly as `PackageService.sell` stores them, so what the desk sees is what is saved. An
amount below one session is refused inline ("금액이 세션 단가보다 작습니다") and Sell stays
disabled. An amount that does not divide by the price shows its remainder and Sell waits
until the desk rounds down (the remainder is noted on the payment) or takes a price that
divides exactly. After the sale the dialog offers the receipt (member's or gym's copy).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError, ValidationError
from the5hc_desktop.domain.fees import (
    FeeBreakdown,
    PaymentMethod,
    sale_remainder,
    sessions_for,
    split_payment,
    whole_session_prices,
)
from the5hc_desktop.domain.money import won_text
from the5hc_desktop.services.clients import ClientService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import RATE_PLACES, PackageService, PackageView, PaymentView
from the5hc_desktop.services.settings import GymSettings
from the5hc_desktop.ui import i18n, worker
from the5hc_desktop.ui.dialogs import FieldErrors
from the5hc_desktop.ui.messages import MessageBridge, error_text
from the5hc_desktop.ui.panes.sessions import formatting as fmt
from the5hc_desktop.ui.panes.sessions.client_picker import ClientPicker
from the5hc_desktop.ui.panes.sessions.receipt import ReceiptPanel
from the5hc_desktop.ui.panes.sessions.widgets import FormSubmission, to_date, won_spin

DEFAULT_VALIDITY_DAYS = 180


def stored_rate(value: Decimal) -> Decimal:
    """The rate as the sale stores it (four decimals, half up) — the preview uses the same."""
    return Decimal(value).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def sale_payment(packages: PackageService, actor: Actor, package: PackageView
                 ) -> PaymentView | None:
    """Worker: the payment row the sale of `package` wrote (for its receipt)."""
    return next((p for p in packages.payments_for_package(actor, package.id)
                 if not p.is_reversal), None)


class SellPackageDialog(QDialog):
    """Sell a package; `sold(PackageView)` after the one transaction succeeded."""

    sold = Signal(object)

    def __init__(
        self,
        packages: PackageService,
        clients: ClientService,
        actor: Actor,
        messages: MessageBridge,
        settings: GymSettings,
        today: date,
        *,
        client_id: uuid.UUID | None = None,
        client_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sellPackageDialog")
        self.setWindowTitle(self.tr("Sell package"))
        self._packages = packages
        self._actor = actor
        self._messages = messages
        self._language = i18n.current_language()
        self._vat_rate = stored_rate(settings.vat_rate)
        self._card_rate = stored_rate(settings.card_fee_rate)
        self._today = today
        self.fees: FeeBreakdown | None = None
        self.sessions: int | None = None
        self.remainder = 0
        self.remainder_accepted = False
        self.adjust_buttons: list[QPushButton] = []
        self.package: PackageView | None = None
        self.payment: PaymentView | None = None
        self.errors = FieldErrors(self)
        self._submission = FormSubmission(self, self.errors, messages.show_error,
                                          lambda _busy: self._update_button())

        self.picker = ClientPicker(clients, actor, name="sellClient")
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_form())
        self.stack.addWidget(self._build_done())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        if client_id is not None:
            self.picker.set_client(client_id, client_name)
        self.recalculate()
        self.resize(520, self.sizeHint().height())

    # --- layout -------------------------------------------------------------------------
    def _build_form(self) -> QWidget:
        page = QWidget()
        page.setObjectName("sellFormPage")
        self.gross_spin = won_spin("sellGross", 10_000, self.tr(" won"))
        self.price_spin = won_spin("sellPrice", 5_000, self.tr(" won"))
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("sellMethod")
        for method in fmt.METHODS:
            self.method_combo.addItem(fmt.method_text(method, self._language), method.value)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("sellName")
        self.expiry_check = QCheckBox(self.tr("Expires on"))
        self.expiry_check.setObjectName("sellExpiryCheck")
        self.expiry_edit = QDateEdit()
        self.expiry_edit.setObjectName("sellExpiry")
        self.expiry_edit.setCalendarPopup(True)
        self.expiry_edit.setDisplayFormat("yyyy-MM-dd")
        start = self._today + timedelta(days=DEFAULT_VALIDITY_DAYS)
        self.expiry_edit.setDate(QDate(start.year, start.month, start.day))
        self.expiry_edit.setMinimumDate(QDate(self._today.year, self._today.month,
                                              self._today.day))  # not before the sale
        self.expiry_edit.setEnabled(False)
        self.expiry_check.toggled.connect(self.expiry_edit.setEnabled)
        expiry = QWidget()
        expiry.setObjectName("sellExpiryRow")
        row = QHBoxLayout(expiry)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.expiry_check)
        row.addWidget(self.expiry_edit, 1)
        self.no_expiry_label = QLabel(self.tr("(none: unlimited)"))
        self.no_expiry_label.setStyleSheet(f"color: {fmt.MUTED_COLOUR};")
        self.expiry_check.toggled.connect(self.no_expiry_label.setHidden)
        row.addWidget(self.no_expiry_label)

        form = QFormLayout()
        form.addRow(self.tr("Client"), self.picker)
        form.addRow(self.tr("Amount paid (VAT included)"), self.gross_spin)
        form.addRow(self.tr("Price per session"), self.price_spin)
        form.addRow(self.tr("Payment method"), self.method_combo)
        form.addRow(self.tr("Package name (optional)"), self.name_edit)
        form.addRow(self.tr("Expiry"), expiry)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sell_button = QPushButton(self.tr("Sell"))
        self.sell_button.setObjectName("sellConfirmButton")
        self.sell_button.setDefault(True)
        self.buttons.addButton(self.sell_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        column.addWidget(self._build_breakdown())
        column.addWidget(self._build_remainder_choice())
        column.addWidget(self.buttons)

        self.errors.register(self.picker, "client_id")
        self.errors.register(self.gross_spin, "gross")
        self.errors.register(self.price_spin, "session_price")
        self.errors.register(self.method_combo, "method")
        self.errors.register(self.name_edit, "name")
        self.errors.register(expiry, "expires_on", "paid_on")
        # Connected after FieldErrors: an edit clears the message, then the check re-runs.
        for spin in (self.gross_spin, self.price_spin):
            spin.valueChanged.connect(lambda _value: self._amounts_changed())
        self.method_combo.currentIndexChanged.connect(lambda _index: self.recalculate())
        self.picker.client_changed.connect(lambda _client: self.recalculate())
        return page

    def _build_breakdown(self) -> QGroupBox:
        box = QGroupBox(self.tr("Breakdown"))
        box.setObjectName("sellBreakdown")
        self.supply_value = _figure("sellSupply")
        self.vat_value = _figure("sellVat")
        self.card_fee_value = _figure("sellCardFee")
        self.net_value = _figure("sellNet")
        self.sessions_value = _figure("sellSessions")
        self.sessions_value.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.breakdown = QFormLayout(box)
        self.breakdown.addRow(self.tr("Supply value"), self.supply_value)
        self.breakdown.addRow(self.tr("VAT ({rate})").format(rate=percent(self._vat_rate)),
                              self.vat_value)
        self.breakdown.addRow(self.tr("Card fee ({rate})").format(rate=percent(self._card_rate)),
                              self.card_fee_value)
        self.breakdown.addRow(self.tr("Net received"), self.net_value)
        self.breakdown.addRow(self.tr("Sessions"), self.sessions_value)
        self.remainder_value = _figure("sellRemainder")
        self.remainder_value.setStyleSheet(f"color: {fmt.OVERDRAWN_COLOUR}; font-weight: bold;")
        self.breakdown.addRow(self.tr("Remainder (not in sessions)"), self.remainder_value)
        return box

    def _build_remainder_choice(self) -> QWidget:
        """Round down and note the remainder, or take a price that divides the amount."""
        box = QWidget()
        box.setObjectName("sellRemainderChoice")
        self.remainder_box = box
        self.remainder_text = QLabel()
        self.remainder_text.setObjectName("sellRemainderText")
        self.remainder_text.setWordWrap(True)
        self.round_down_button = QPushButton(self.tr("Round down, note the remainder"))
        self.round_down_button.setObjectName("sellRoundDownButton")
        self.round_down_button.setCheckable(True)
        self.round_down_button.toggled.connect(self._round_down_toggled)
        self._choice_row = QHBoxLayout()
        self._choice_row.setContentsMargins(0, 0, 0, 0)
        self._choice_row.addWidget(self.round_down_button)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.remainder_text)
        column.addLayout(self._choice_row)
        box.setVisible(False)
        return box

    def _build_done(self) -> QWidget:
        page = QWidget()
        page.setObjectName("sellDonePage")
        self.done_label = QLabel()
        self.done_label.setObjectName("sellDoneText")
        self.done_label.setWordWrap(True)
        self.done_label.setStyleSheet("font-size: 12pt;")
        self.receipt = ReceiptPanel(self._packages, self._actor, self._messages, page)
        self.receipt_note = QLabel()
        self.receipt_note.setObjectName("sellReceiptNote")
        self.receipt_note.setStyleSheet(f"color: {fmt.MUTED_COLOUR};")
        self.receipt_note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("sellDoneButtons")
        close.rejected.connect(self.accept)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.done_label)
        column.addSpacing(8)
        column.addWidget(self.receipt)
        column.addWidget(self.receipt_note)
        column.addStretch(1)
        column.addWidget(close)
        return page

    # --- the live breakdown ---------------------------------------------------------------
    def method(self) -> PaymentMethod:
        return PaymentMethod(self.method_combo.currentData())

    def _amounts_changed(self) -> None:
        """A new amount or price: a remainder must be decided again."""
        self.round_down_button.setChecked(False)
        self.recalculate()

    def _round_down_toggled(self, checked: bool) -> None:
        self.remainder_accepted = checked
        if checked:
            self.errors.clear("gross")
        self._update_button()

    def _adjust_price(self, price: int) -> None:
        self.price_spin.setValue(price)  # valueChanged recalculates

    def recalculate(self) -> None:
        gross, price, method = self.gross_spin.value(), self.price_spin.value(), self.method()
        self.fees = split_payment(gross, method.value, self._vat_rate, self._card_rate)
        self.sessions = None
        self.remainder = 0
        if gross > 0 and price > 0:
            try:
                self.sessions = sessions_for(gross, price)
            except ValidationError as error:
                self.errors.show_error(error, focus=False)
            else:
                self.errors.clear("gross")
                self.remainder = sale_remainder(gross, price)
        else:
            self.errors.clear("gross")
        self._show_remainder(gross, price)
        lang = self._language
        self.supply_value.setText(won_text(self.fees.supply, lang))
        self.vat_value.setText(won_text(self.fees.vat, lang))
        self.card_fee_value.setText(won_text(self.fees.card_fee, lang))
        self.net_value.setText(won_text(self.fees.net, lang))
        self.breakdown.setRowVisible(self.card_fee_value, method is PaymentMethod.CARD)
        self.sessions_value.setText(
            self.tr("{count} sessions").format(count=self.sessions) if self.sessions else "–")
        default_name = self.tr("{count}-session package").format(count=self.sessions or "N")
        self.name_edit.setPlaceholderText(default_name)
        self._update_button()

    def _show_remainder(self, gross: int, price: int) -> None:
        lang = self._language
        self.remainder_value.setText(won_text(self.remainder, lang))
        self.breakdown.setRowVisible(self.remainder_value, self.remainder > 0)
        self.remainder_box.setVisible(self.remainder > 0)
        for button in self.adjust_buttons:
            self._choice_row.removeWidget(button)
            button.deleteLater()
        self.adjust_buttons = []
        if not self.remainder or self.sessions is None:
            return
        self.remainder_text.setText(self.tr(
            "{amount} at {price} per session is {count} sessions with {remainder} left over. "
            "Round down and note the remainder on the payment, or adjust the price."
        ).format(amount=won_text(gross, lang), price=won_text(price, lang),
                 count=self.sessions, remainder=won_text(self.remainder, lang)))
        for exact, count in whole_session_prices(gross, price):
            button = QPushButton(self.tr("Price {price} ({count} sessions)").format(
                price=won_text(exact, lang), count=count))
            button.setObjectName("sellAdjustPriceButton")
            button.clicked.connect(lambda _checked=False, value=exact: self._adjust_price(value))
            self._choice_row.addWidget(button)
            self.adjust_buttons.append(button)

    def _update_button(self) -> None:
        decided = self.remainder == 0 or self.remainder_accepted
        ready = (self.sessions is not None and self.picker.client_id() is not None
                 and decided and not self._submission.busy)
        self.sell_button.setEnabled(ready)

    # --- selling --------------------------------------------------------------------------
    def submit(self) -> None:
        if self._submission.busy or self.stack.currentIndex() != 0:
            return
        client_id = self.picker.client_id()
        if client_id is None:
            self.errors.show("client_id", self.tr("Choose the client."))
            return
        if self.sessions is None:
            return  # the inline message already says why
        if self.remainder and not self.remainder_accepted:
            self.errors.show("gross", self.tr("Choose what happens to the remainder."))
            return
        gross, price, method = self.gross_spin.value(), self.price_spin.value(), self.method()
        name = self.name_edit.text().strip() or None
        expires = to_date(self.expiry_edit.date()) if self.expiry_check.isChecked() else None
        packages, actor = self._packages, self._actor
        self._submission.submit(
            lambda _ctx: packages.sell(actor, client_id, gross, price, method, name, expires),
            self._sold,
            self.tr("Selling the package…"),
        )

    def _sold(self, package: PackageView) -> None:
        self.package = package
        self.done_label.setText(self.tr(
            "Sold {name} to {client}: {count} sessions for {amount}."
        ).format(name=package.name, client=package.client_name, count=package.sessions_bought,
                 amount=won_text(package.gross, self._language)))
        self.setWindowTitle(self.tr("Package sold"))
        self.stack.setCurrentIndex(1)
        self.receipt.set_payment(None)
        self.receipt_note.setText(self.tr("Looking up the payment for the receipt…"))
        self.sold.emit(package)
        packages, actor = self._packages, self._actor
        worker.run(
            lambda _ctx: sale_payment(packages, actor, package),
            self._payment_found,
            on_failure=self._payment_failed,
            parent=self,
        )

    def _payment_found(self, payment: PaymentView | None) -> None:
        self.payment = payment
        if payment is None:
            self.receipt_note.setText(self.tr("The payment was not found; print the receipt "
                                              "from the payments list."))
            return
        self.receipt.set_payment(payment.id, payment.client_name, payment.paid_on)
        self.receipt_note.setText(self.tr("The gym's copy also shows the card fee and the net "
                                          "amount; the client's copy does not."))

    def _payment_failed(self, error: The5HCError) -> None:
        self.receipt_note.setText(error_text(error))


def _figure(name: str) -> QLabel:
    label = QLabel("–")
    label.setObjectName(name)
    label.setMinimumWidth(140)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label
