"""The member page's sessions and payments: upcoming bookings first, then the past; every
payment with its receipt. Each list prints (the desk hands a member their schedule).

`MemberRecords` reads both on a worker lane; `MemberHistoryView` shows them and turns a
receipt or print click into a request the pane carries out.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from the5hc_desktop.domain.money import MoneyStyle, format_won
from the5hc_desktop.services.boundary import MAX_YEAR, MIN_YEAR
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import PackageService, PaymentView
from the5hc_desktop.services.sessions import SessionService, SessionStatus, SessionView
from the5hc_desktop.ui import i18n
from the5hc_desktop.ui.panes.clients import formatting as fmt
from the5hc_desktop.ui.panes.clients.widgets import KeyTable
from the5hc_desktop.ui.panes.columns import fit_columns
from the5hc_desktop.ui.rows_model import Column, RowsModel

_RIGHT = Qt.AlignmentFlag.AlignRight
_CENTRE = Qt.AlignmentFlag.AlignHCenter
SESSION_LIMIT = 200  # the newest sessions of a member; a page, not an archive


@dataclass(frozen=True)
class MemberHistory:
    client_id: uuid.UUID
    upcoming: tuple[SessionView, ...]  # soonest first
    past: tuple[SessionView, ...]  # newest first
    payments: tuple[PaymentView, ...]  # newest first


class MemberRecords:
    """The services the member page reads sessions and payments from."""

    def __init__(self, sessions: SessionService, packages: PackageService) -> None:
        self.sessions = sessions
        self.packages = packages

    def load(self, actor: Actor, client_id: uuid.UUID,
             now: datetime | None = None) -> MemberHistory:
        """Runs on a worker lane."""
        moment = now or datetime.now(UTC)
        rows = self.sessions.list_for_client(actor, client_id, SESSION_LIMIT)
        ahead = [s.starts_at >= moment and s.status is SessionStatus.SCHEDULED for s in rows]
        upcoming = tuple(sorted((s for s, a in zip(rows, ahead, strict=True) if a),
                                key=lambda s: s.starts_at))
        past = tuple(sorted((s for s, a in zip(rows, ahead, strict=True) if not a),
                            key=lambda s: s.starts_at, reverse=True))
        payments = self.packages.list_payments(
            actor, date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31), client_id=client_id).rows
        return MemberHistory(client_id, upcoming, past, payments)


class MemberHistoryView(QWidget):
    receipt_requested = Signal(object)  # PaymentView
    print_requested = Signal(object, str)  # the QTableView, its title

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberHistory")
        self._language = i18n.current_language()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self._build_sessions())
        layout.addWidget(self._build_payments())

    # --- layout ---------------------------------------------------------------------------
    def _group(self, title: str, name: str, table: KeyTable, empty: QLabel,
               buttons: list[QPushButton]) -> QGroupBox:
        box = QGroupBox(title)
        box.setObjectName(name)
        column = QVBoxLayout(box)
        column.addWidget(table)
        column.addWidget(empty)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        column.addLayout(row)
        return box

    def _table(self, name: str, model: RowsModel[Any], stretch: int,
               samples: dict[int, str]) -> KeyTable:
        table = KeyTable(name)
        table.setModel(model)
        fit_columns(table, stretch, samples)
        table.setMinimumHeight(140)
        return table

    def _build_sessions(self) -> QGroupBox:
        lang = self._language
        self.sessions_model: RowsModel[SessionView] = RowsModel([
            Column(self.tr("When"), lambda s: self._when(s)),
            Column(self.tr("Status"), lambda s: self._status(s), _CENTRE),
            Column(self.tr("Trainer"), lambda s: s.trainer_name),
            Column(self.tr("Package"), lambda s: s.package_name),
        ], self)
        self.sessions_table = self._table("historySessionsTable", self.sessions_model, 3, {
            0: "0000-00-00 00:00",
            1: "\n".join(status.label.text(lang) for status in SessionStatus), 2: "홍길동길"})
        self.sessions_empty = QLabel(self.tr("No session booked yet."))
        self.sessions_empty.setObjectName("historySessionsEmpty")
        self.print_sessions = QPushButton(self.tr("Print…"))
        self.print_sessions.setObjectName("historyPrintSessions")
        self.print_sessions.setToolTip(self.tr("Print the member's sessions"))
        self.print_sessions.clicked.connect(lambda: self.print_requested.emit(
            self.sessions_table, self.tr("Sessions")))
        return self._group(self.tr("Sessions"), "historySessionsBox", self.sessions_table,
                           self.sessions_empty, [self.print_sessions])

    def _build_payments(self) -> QGroupBox:
        money = MoneyStyle.for_language(self._language)
        self.payments_model: RowsModel[PaymentView] = RowsModel([
            Column(self.tr("Paid on"), lambda p: fmt.date_text(p.paid_on), _CENTRE),
            Column(self.tr("Item"), lambda p: p.package_name or p.description),
            Column(self.tr("Method"), lambda p: p.method.label.text(self._language), _CENTRE),
            Column(self.tr("Amount"), lambda p: format_won(p.gross, money), _RIGHT,
                   colour=lambda p: "#c62828" if p.gross < 0 else None),
        ], self)
        self.payments_table = self._table("historyPaymentsTable", self.payments_model, 1, {
            0: "0000-00-00", 3: "-0,000,000원"})
        self.payments_table.setToolTip(self.tr("Double-click or Enter opens the receipt"))
        self.payments_table.activated.connect(lambda _i: self._receipt())
        self.payments_empty = QLabel(self.tr("No payment yet."))
        self.payments_empty.setObjectName("historyPaymentsEmpty")
        self.receipt_button = QPushButton(self.tr("Receipt…"))
        self.receipt_button.setObjectName("historyReceiptButton")
        self.receipt_button.clicked.connect(self._receipt)
        self.print_payments = QPushButton(self.tr("Print…"))
        self.print_payments.setObjectName("historyPrintPayments")
        self.print_payments.setToolTip(self.tr("Print the member's payments"))
        self.print_payments.clicked.connect(lambda: self.print_requested.emit(
            self.payments_table, self.tr("Payments")))
        self.payments_table.selectionModel().selectionChanged.connect(
            lambda *_a: self._update_buttons())
        return self._group(self.tr("Payments"), "historyPaymentsBox", self.payments_table,
                           self.payments_empty, [self.receipt_button, self.print_payments])

    # --- texts ----------------------------------------------------------------------------
    def _when(self, s: SessionView) -> str:
        # Session times arrive in the gym's zone (services.sessions).
        return f"{fmt.date_text(s.starts_at.date())} {s.starts_at:%H:%M}"

    def _status(self, s: SessionView) -> str:
        return s.status.label.text(self._language)

    # --- showing --------------------------------------------------------------------------
    def clear(self) -> None:
        self.sessions_model.set_rows(())
        self.payments_model.set_rows(())
        self._update_buttons()

    def show_history(self, history: MemberHistory) -> None:
        self.sessions_model.set_rows((*history.upcoming, *history.past))
        self.payments_model.set_rows(history.payments)
        for table, empty, rows in (
                (self.sessions_table, self.sessions_empty, history.upcoming + history.past),
                (self.payments_table, self.payments_empty, history.payments)):
            table.setVisible(bool(rows))
            empty.setVisible(not rows)
        self._update_buttons()

    def selected_payment(self) -> PaymentView | None:
        rows = self.payments_table.selectionModel().selectedRows()
        return self.payments_model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.receipt_button.setEnabled(self.selected_payment() is not None)
        self.print_sessions.setEnabled(self.sessions_model.rowCount() > 0)
        self.print_payments.setEnabled(self.payments_model.rowCount() > 0)

    def _receipt(self) -> None:
        payment = self.selected_payment()
        if payment is not None:
            self.receipt_requested.emit(payment)

