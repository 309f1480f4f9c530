"""Dashboard figures read from the trigger-kept summaries (store/models_dashboard.py).

Each function gives exactly what counting the base tables gives (tests compare them on
random data), in time that does not grow with the number of members:

- sessions per status in UTC ranges: whole hours from `dash_session_hours`; the part of
  a range inside an hour (an edge of a zone with a half-hour offset) from `sessions`;
- active packages on a day: Σ live active packages per expiry date from that day on;
- low balances: only members with a usable package at ≤ N sessions can total ≤ N (a sum
  of packages each above N is above N), so those few members are summed, not all.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.credits import SessionStatus
from the5hc_desktop.store.models import (
    Client,
    PackageBalance,
    PackageExpiryCount,
    SessionHourCount,
    SessionPackage,
    TrainingSession,
)

HOUR = timedelta(hours=1)
STATUSES = tuple(status.value for status in SessionStatus)


def _floor_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def _ceil_hour(moment: datetime) -> datetime:
    floor = _floor_hour(moment)
    return floor if floor == moment else floor + HOUR


def session_counts(session: Session,
                   ranges: Sequence[tuple[datetime, datetime]]) -> list[dict[str, int]]:
    """Live sessions starting in each [lo, hi) (UTC instants), per status value."""
    counts = [dict.fromkeys(STATUSES, 0) for _ in ranges]
    whole: list[tuple[int, datetime, datetime]] = []  # (range, first hour, end hour)
    parts: list[tuple[int, datetime, datetime]] = []  # pieces inside an hour
    for index, (lo, hi) in enumerate(ranges):
        first, end = _ceil_hour(lo), _floor_hour(hi)
        if first >= end:  # no whole hour inside
            parts.append((index, lo, hi))
            continue
        whole.append((index, first, end))
        parts += [(index, lo, first), (index, end, hi)]
    if whole:
        hour = SessionHourCount.hour
        sums = [func.coalesce(func.sum(case((and_(hour >= a, hour < b),
                                              SessionHourCount.total), else_=0)), 0)
                for _, a, b in whole]
        query = (select(SessionHourCount.status, *sums)
                 .where(hour >= min(a for _, a, _ in whole),
                        hour < max(b for _, _, b in whole))
                 .group_by(SessionHourCount.status))
        for status, *totals in session.execute(query):
            for (index, _, _), total in zip(whole, totals, strict=True):
                counts[index][status] = counts[index].get(status, 0) + int(total)
    for index, lo, hi in parts:
        if lo >= hi:
            continue
        for status, total in session.execute(
            select(TrainingSession.status, func.count())
            .where(TrainingSession.deleted_at.is_(None), TrainingSession.starts_at >= lo,
                   TrainingSession.starts_at < hi)
            .group_by(TrainingSession.status)
        ):
            counts[index][status] = counts[index].get(status, 0) + int(total)
    return counts


def active_packages(session: Session, day: date) -> int:
    """Live, active packages not expired on `day` (no expiry date: never expired)."""
    return int(session.scalar(
        select(func.coalesce(func.sum(PackageExpiryCount.total), 0))
        .where(PackageExpiryCount.expires_on >= day)
    ) or 0)


def _usable(day: date) -> list[Any]:
    """Packages whose sessions count on `day`: live, active and not expired."""
    return [SessionPackage.deleted_at.is_(None), SessionPackage.active.is_(True),
            or_(SessionPackage.expires_on.is_(None), SessionPackage.expires_on >= day)]


def low_balances(session: Session, day: date, at_most: int,
                 limit: int) -> list[tuple[uuid.UUID, str, int]]:
    """(member id, name, remaining) of active members whose usable packages hold at most
    `at_most` sessions in all (packages with ledger rows only), fewest first, then by name.
    """
    counted = [PackageBalance.entries > 0, *_usable(day)]
    candidates = (
        select(SessionPackage.client_id)
        .join(PackageBalance, PackageBalance.package_id == SessionPackage.id)
        .where(PackageBalance.remaining <= at_most, *counted)
    )
    remaining = func.sum(PackageBalance.remaining)
    per_client = (
        select(SessionPackage.client_id.label("client_id"), remaining.label("remaining"))
        .join(PackageBalance, PackageBalance.package_id == SessionPackage.id)
        .where(SessionPackage.client_id.in_(candidates), *counted)
        .group_by(SessionPackage.client_id)
        .having(remaining <= at_most)
        .subquery("low")
    )
    rows = session.execute(
        select(Client.id, Client.name, per_client.c.remaining)
        .join(per_client, per_client.c.client_id == Client.id)
        .where(Client.deleted_at.is_(None), Client.active.is_(True))
        .order_by(per_client.c.remaining, Client.name, Client.id)
        .limit(limit)
    )
    return [(client_id, name, int(left)) for client_id, name, left in rows]


__all__ = ["active_packages", "low_balances", "session_counts"]
