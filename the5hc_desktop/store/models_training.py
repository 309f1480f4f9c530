"""Packages, the credit ledger, training sessions, payments and fee audit entries.

Money is integer KRW (BIGINT); rates are `Decimal` with four places (`Rate`).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    or_,
    text,
)
from sqlalchemy import column as sql_column
from sqlalchemy.orm import Mapped, mapped_column, relationship

from the5hc_desktop.domain.choices import SESSION_LEDGER_KINDS
from the5hc_desktop.store.base import Base, ChainedMixin, SyncedMixin, live_index, one_of
from the5hc_desktop.store.codes import LEDGER_KIND, PAYMENT_METHOD, SESSION_STATUS
from the5hc_desktop.store.models_core import Client, StaffAccount
from the5hc_desktop.store.types import PackedJSON, Rate, UTCDateTime

MIN_DURATION_MIN = 15
MAX_DURATION_MIN = 240


class SessionPackage(SyncedMixin, Base):
    """A package of sessions sold to a member (세션 패키지). Rates and method as sold."""

    __tablename__ = "session_packages"
    __table_args__ = (
        one_of("payment_method", PAYMENT_METHOD),
        CheckConstraint("gross >= 0", name="gross"),
        CheckConstraint("session_price >= 0", name="session_price"),
        CheckConstraint("sessions_bought >= 0", name="sessions_bought"),
        # Used by: 분석's revenue and packages sold (a payment's package trainer and price
        # from the index alone; migration 0009).
        Index("ix_session_packages_id_trainer", "id", "trainer_id", "gross", "deleted_at"),
    )

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    trainer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    gross: Mapped[int] = mapped_column(BigInteger)
    session_price: Mapped[int] = mapped_column(BigInteger)
    sessions_bought: Mapped[int] = mapped_column(Integer)
    vat_rate: Mapped[Decimal] = mapped_column(Rate)
    card_fee_rate: Mapped[Decimal] = mapped_column(Rate)
    payment_method: Mapped[str] = mapped_column(PAYMENT_METHOD, default="card")
    expires_on: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str | None] = mapped_column(Text)

    client: Mapped[Client] = relationship()
    trainer: Mapped[StaffAccount] = relationship()


class TrainingSession(SyncedMixin, Base):
    """One booked training session (세션).

    `starts_at` is a UTC instant; screens convert to and from the gym's zone (Asia/Seoul),
    and a day view queries the UTC range of that local day, which the index serves.
    """

    __tablename__ = "sessions"
    __table_args__ = (
        one_of("status", SESSION_STATUS),
        CheckConstraint(
            f"duration_min BETWEEN {MIN_DURATION_MIN} AND {MAX_DURATION_MIN}",
            name="duration_min",
        ),
        # Each index names the query that uses it (EXPLAIN QUERY PLAN, migration 0003;
        # checked again on the 100k busy set with 0009); starts_at alone was dropped (the
        # live index serves every range query). Besides these: the primary key, the unique
        # legacy_id index over rows that have one (idempotent legacy import) and
        # change_stamp (the sync outbox, SYNC.md §3).
        # Used by: completed / scheduled counts per package (package_id IN .. AND status).
        Index(None, "package_id", "status"),
        # Used by: 분석's counts, heat map, active members and per-member pass (migration 0009),
        # the dashboard's counts by status of a partial hour and the gym-wide day view
        # (starts_at range; its own (starts_at, status) index was dropped in 0014).
        live_index("ix_sessions_live_analytics", "starts_at", "status", "trainer_id",
                   "client_id"),
        # Used by: 분석's sessions per trainer and status (one range count each, no sort), and
        # a trainer's calendar, day list and day close (every one counts live rows; the plain
        # (trainer_id, starts_at) index was dropped in 0014: a week of the busiest of 40
        # trainers on the 100k set reads in 1.0 ms CPU instead of 0.1 ms, 13 MB less).
        live_index("ix_sessions_live_trainer_status", "trainer_id", "status", "starts_at"),
        # Used by: member_activity's triggers (a member's first / latest completed session),
        # a member's sessions (latest, or scheduled ones in a range: a member has few, so
        # the plain (client_id, starts_at) index was dropped in 0014; the member merge,
        # which also moves tombstones, scans the table: ~30 ms CPU on 400,000 sessions).
        live_index("ix_sessions_live_client_status", "client_id", "status", "starts_at",
                   "trainer_id"),
    )

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"))
    package_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("session_packages.id"))
    trainer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_accounts.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_min: Mapped[int] = mapped_column(Integer, default=60)
    status: Mapped[str] = mapped_column(SESSION_STATUS, default="scheduled")
    # Status transitions so far, bumped by the write seam (stamping.py) whenever a stamped
    # write changes `status`; a merge keeps the version with the higher count (SYNC.md §4).
    status_seq: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    notes: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    client: Mapped[Client] = relationship()
    package: Mapped[SessionPackage] = relationship()
    trainer: Mapped[StaffAccount] = relationship()


class CreditLedgerEntry(SyncedMixin, Base):
    """One credit movement of a package; remaining sessions = SUM(delta). Append-only.

    UNIQUE(session_id, kind, cycle) means a given completion (or no-show, or undo) of a
    session is recorded once, even when two offline devices both record it and later merge.
    `cycle` counts completion rounds of one session: complete (cycle 0) -> undo_complete
    (cycle 0) -> complete (cycle 1) -> ... The service takes cycle = number of earlier
    `undo_complete` rows of that session. Rows without a session (purchase, adjustment,
    refund, opening) have session_id NULL, and NULLs never collide.
    """

    __tablename__ = "credit_ledger"
    __table_args__ = (
        one_of("kind", LEDGER_KIND),
        UniqueConstraint("session_id", "kind", "cycle"),
        CheckConstraint(
            or_(sql_column("session_id").is_not(None),
                sql_column("kind", LEDGER_KIND).not_in(SESSION_LEDGER_KINDS)),
            name="session_kind_has_session",
        ),
        CheckConstraint("cycle >= 0", name="cycle"),
        # Balances (Σ delta) per package and per member without reading the ledger rows.
        # Every ledger query counts live rows only, so these also serve every lookup by
        # package or member (plain package_id / client_id indexes were dropped in 0009).
        live_index("ix_credit_ledger_live_package", "package_id", "delta"),
        live_index("ix_credit_ledger_live_client", "client_id", "package_id", "delta"),
    )

    package_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("session_packages.id"))
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"))
    session_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("sessions.id"))
    kind: Mapped[str] = mapped_column(LEDGER_KIND)
    delta: Mapped[int] = mapped_column(Integer)
    cycle: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str | None] = mapped_column(Text)
    staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_accounts.id"))

    package: Mapped[SessionPackage] = relationship()


class Payment(SyncedMixin, ChainedMixin, Base):
    """Money received (결제), split with `domain.fees.split_payment`; parts add up to gross.

    A refund or correction is a new row with negative amounts and `reverses_payment_id`.
    """

    __tablename__ = "payments"
    __table_args__ = (
        one_of("method", PAYMENT_METHOD),
        CheckConstraint("vat + card_fee + net = gross", name="parts_add_up"),
        # Used by: 분석's revenue per month and trainer, packages sold (migration 0009), and
        # the dashboard's revenue by payment day from the index alone: every payment query
        # by day counts live rows, so it serves them all (plain paid_on dropped in 0009,
        # (paid_on, gross, net) in 0014).
        live_index("ix_payments_live_revenue", "paid_on", "package_id", "reverses_payment_id",
                   "gross", "net"),
        live_index("ix_payments_live_package_paid", "package_id", "reverses_payment_id",
                   "paid_on"),
        Index("ix_payments_chain", "chain_device", "chain_seq"),
    )

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    package_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("session_packages.id"), index=True
    )
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    paid_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(PAYMENT_METHOD)
    gross: Mapped[int] = mapped_column(BigInteger)
    vat: Mapped[int] = mapped_column(BigInteger)
    card_fee: Mapped[int] = mapped_column(BigInteger)
    net: Mapped[int] = mapped_column(BigInteger)
    vat_rate: Mapped[Decimal] = mapped_column(Rate)
    card_fee_rate: Mapped[Decimal] = mapped_column(Rate)
    description: Mapped[str | None] = mapped_column(Text)
    reverses_payment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("payments.id"))

    client: Mapped[Client] = relationship()
    package: Mapped[SessionPackage | None] = relationship()
    staff: Mapped[StaffAccount] = relationship()


class FeeAuditEntry(SyncedMixin, Base):
    """The fee breakdown as computed at a sale, top-up, payment or correction. Read-only."""

    __tablename__ = "fee_audit_entries"

    # No index on package_id / payment_id (dropped in 0009): the app writes these rows and
    # exports them whole, it never looks them up by package or payment, and a parent row is
    # never deleted nor its id changed, so no foreign-key check needs them either.
    package_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("session_packages.id"))
    payment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("payments.id"))
    calculation_type: Mapped[str] = mapped_column(String(30))
    gross: Mapped[int] = mapped_column(BigInteger)
    vat: Mapped[int] = mapped_column(BigInteger)
    card_fee: Mapped[int] = mapped_column(BigInteger)
    net: Mapped[int] = mapped_column(BigInteger)
    vat_rate: Mapped[Decimal] = mapped_column(Rate)
    card_fee_rate: Mapped[Decimal] = mapped_column(Rate)
    details: Mapped[dict[str, Any]] = mapped_column(PackedJSON, default=dict)
    created_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_accounts.id"))
