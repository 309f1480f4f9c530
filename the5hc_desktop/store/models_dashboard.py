"""Dashboard summaries: running totals that database triggers keep (migration 0010).

Local and derived, like `client_search`: never synced, never written by services. The
triggers fire for every writer — the ORM's stamped writes, bulk inserts, imports and the
rows sync applies with raw upserts — so the totals stay equal to counting the base tables
(tests/store/test_dash_summary.py compares them on random writes). Zero totals may stay
behind after a row moves away; they add nothing. A migration that rebuilds `sessions`,
`credit_ledger` or `session_packages` on SQLite drops their triggers and must re-create
them (the tests check they exist at head).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from the5hc_desktop.store.base import Base
from the5hc_desktop.store.codes import SESSION_STATUS
from the5hc_desktop.store.types import DbUuid, UTCDateTime

# The key of packages without an expiry date in `dash_package_expiry` (later than any day).
NO_EXPIRY = date(9999, 12, 31)


class SessionHourCount(Base):
    """Live sessions per UTC hour of `starts_at` and status.

    A range of whole hours is summed here; an edge inside an hour (a zone with a half-hour
    offset) reads its part of the hour from `sessions` (services/dashboard.py).
    """

    __tablename__ = "dash_session_hours"
    __table_args__ = ({"sqlite_with_rowid": False},)

    hour: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    status: Mapped[str] = mapped_column(SESSION_STATUS, primary_key=True)
    total: Mapped[int] = mapped_column(Integer)


class PackageBalance(Base):
    """Σ delta and the number of live ledger rows of each package (the package's balance).

    `entries` tells a package with no live ledger row (it has no balance) from a balance
    of zero.
    """

    __tablename__ = "dash_package_balances"
    __table_args__ = (
        # Used by: the dashboard's low balances (the packages with remaining <= 2 first).
        Index("ix_dash_package_balances_remaining", "remaining", "entries"),
        {"sqlite_with_rowid": False},
    )

    package_id: Mapped[uuid.UUID] = mapped_column(DbUuid, primary_key=True)
    remaining: Mapped[int] = mapped_column(Integer)
    entries: Mapped[int] = mapped_column(Integer)


class PackageExpiryCount(Base):
    """Live, active packages per expiry date (`NO_EXPIRY` for those without one)."""

    __tablename__ = "dash_package_expiry"
    __table_args__ = ({"sqlite_with_rowid": False},)

    expires_on: Mapped[date] = mapped_column(Date, primary_key=True)
    total: Mapped[int] = mapped_column(Integer)


SUMMARY_TABLES = ("dash_session_hours", "dash_package_balances", "dash_package_expiry")

__all__ = [
    "NO_EXPIRY",
    "SUMMARY_TABLES",
    "PackageBalance",
    "PackageExpiryCount",
    "SessionHourCount",
]
