"""member_activity and package_sales: what 분석 asks of a member's or package's whole history.

Local and derived (not synced, never written by services): SQLite triggers from migration
0009 (`store/analytics_sql.py`) keep them exact for every writer — ORM, bulk insert,
import and rows applied by sync — by recomputing a member's (package's) row from the live
sessions and credit ledger (package and payments) whenever one of those rows is written. A
migration that rebuilds `sessions`, `credit_ledger`, `session_packages` or `payments` on
SQLite drops the triggers and must create them again.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, Integer, text
from sqlalchemy.orm import Mapped, mapped_column

from the5hc_desktop.store.base import Base, partial_index
from the5hc_desktop.store.types import DbUuid, UTCDateTime


class MemberActivity(Base):
    __tablename__ = "member_activity"
    __table_args__ = (
        # Used by: the retention cohort (first completed session in a range).
        partial_index("ix_member_activity_first_done", "first_done_at", "first_done_trainer",
                      "done_span_s", "first_done_s", sqlite_where="first_done_at IS NOT NULL"),
        # Used by: lapsed members (credits used up, latest used session in a range).
        partial_index("ix_member_activity_used_up", "last_used_at", "last_used_trainer",
                      "balance", sqlite_where="balance <= 0"),
        {"sqlite_with_rowid": False},
    )

    client_id: Mapped[uuid.UUID] = mapped_column(DbUuid, primary_key=True)
    # Σ delta of the member's live credit ledger rows.
    balance: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # The earliest live completed session (ties: the lowest trainer id) and its trainer.
    first_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_done_trainer: Mapped[uuid.UUID | None] = mapped_column(DbUuid)
    # Unix seconds of first_done_at, and whole seconds from it to the latest completed one.
    first_done_s: Mapped[int | None] = mapped_column(BigInteger)
    done_span_s: Mapped[int | None] = mapped_column(BigInteger)
    # The latest live completed or no-show session (ties: the highest trainer id).
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_trainer: Mapped[uuid.UUID | None] = mapped_column(DbUuid)


class PackageSale(Base):
    """A package's trainer, price and sale day (its first payment that is not a refund)."""

    __tablename__ = "package_sales"
    __table_args__ = (
        # Used by: packages sold per trainer (sale day in a range).
        partial_index("ix_package_sales_sold", "first_paid_on", "trainer_id", "gross", "live",
                      sqlite_where="live = 1 AND first_paid_on IS NOT NULL",
                      postgresql_where="live AND first_paid_on IS NOT NULL"),
        {"sqlite_with_rowid": False},
    )

    package_id: Mapped[uuid.UUID] = mapped_column(DbUuid, primary_key=True)
    trainer_id: Mapped[uuid.UUID] = mapped_column(DbUuid)
    gross: Mapped[int] = mapped_column(BigInteger)
    live: Mapped[bool] = mapped_column(Boolean)  # the package is not deleted
    first_paid_on: Mapped[date | None] = mapped_column(Date)
