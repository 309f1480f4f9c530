"""The credit ledger rules (docs/rules.md §5), in one place for every service that shows credits.

Remaining sessions of a package = Σ of its ledger rows; nothing is a mutable counter. The
figures a screen shows (used, no-show, bonus, refunded) are sums of the matching kinds, and
"scheduled" counts the package's sessions still booked. Every function takes the caller's
session and answers for many packages with one grouped query, so lists never go N+1.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.credits import (
    REVERSAL_KINDS,
    LedgerKind,
    SessionStatus,
    session_entry_id,
)
from the5hc_desktop.store.models import CreditLedgerEntry, TrainingSession

# Stored texts of the ledger kinds (defined in domain.credits), for queries and rows.
PURCHASE = LedgerKind.PURCHASE.value
COMPLETE = LedgerKind.COMPLETE.value
NO_SHOW = LedgerKind.NO_SHOW.value
UNDO_COMPLETE = LedgerKind.UNDO_COMPLETE.value
ADJUSTMENT = LedgerKind.ADJUSTMENT.value
REFUND = LedgerKind.REFUND.value
OPENING = LedgerKind.OPENING.value

SCHEDULED = SessionStatus.SCHEDULED.value


@dataclass(frozen=True)
class Credits:
    """Credit figures of one package. `remaining` may be below 0 after a sync merge."""

    remaining: int = 0
    purchased: int = 0
    used: int = 0
    no_show: int = 0
    bonus: int = 0
    refunded: int = 0
    scheduled: int = 0

    @property
    def available(self) -> int:
        """Sessions that can still be booked: remaining minus those already booked."""
        return self.remaining - self.scheduled

    @property
    def overdrawn(self) -> bool:
        return self.remaining < 0


EMPTY = Credits()


def pairs(rows: Iterable[Any]) -> dict[Any, Any]:
    """{first column: second column} of a two-column result."""
    return {row[0]: row[1] for row in rows}


def _kind_sum(kinds: Iterable[str]) -> Any:
    return func.coalesce(
        func.sum(case((CreditLedgerEntry.kind.in_(tuple(kinds)), CreditLedgerEntry.delta),
                      else_=0)),
        0,
    )


def _session_adjustments(on_a_session: bool) -> Any:
    tied = (CreditLedgerEntry.session_id.is_not(None) if on_a_session
            else CreditLedgerEntry.session_id.is_(None))
    return func.coalesce(
        func.sum(case(((CreditLedgerEntry.kind == ADJUSTMENT) & tied, CreditLedgerEntry.delta),
                      else_=0)),
        0,
    )


def live_ledger() -> Any:
    """Condition for ledger rows that count (tombstones never do)."""
    return CreditLedgerEntry.deleted_at.is_(None)


def balance_subquery(package_ids: Select[Any] | None = None) -> Any:
    """Subquery (package_id, remaining) = Σ delta, optionally for the packages selected."""
    query = (
        select(
            CreditLedgerEntry.package_id.label("package_id"),
            func.sum(CreditLedgerEntry.delta).label("remaining"),
        )
        .where(live_ledger())
        .group_by(CreditLedgerEntry.package_id)
    )
    if package_ids is not None:
        query = query.where(CreditLedgerEntry.package_id.in_(package_ids.scalar_subquery()))
    return query.subquery("package_balance")


def scheduled_subquery(package_ids: Select[Any] | None = None) -> Any:
    """Subquery (package_id, scheduled) = sessions of the package still booked."""
    query = (
        select(
            TrainingSession.package_id.label("package_id"),
            func.count().label("scheduled"),
        )
        .where(TrainingSession.status == SCHEDULED, TrainingSession.deleted_at.is_(None))
        .group_by(TrainingSession.package_id)
    )
    if package_ids is not None:
        query = query.where(TrainingSession.package_id.in_(package_ids.scalar_subquery()))
    return query.subquery("package_scheduled")


def balance(session: Session, package_id: uuid.UUID) -> int:
    """Remaining sessions of one package (Σ of its ledger rows)."""
    total = session.scalar(
        select(func.coalesce(func.sum(CreditLedgerEntry.delta), 0)).where(
            CreditLedgerEntry.package_id == package_id, live_ledger()
        )
    )
    return int(total or 0)


def scheduled_count(session: Session, package_id: uuid.UUID) -> int:
    """Sessions of the package still booked (they will each take a credit)."""
    total = session.scalar(
        select(func.count()).where(
            TrainingSession.package_id == package_id,
            TrainingSession.status == SCHEDULED,
            TrainingSession.deleted_at.is_(None),
        )
    )
    return int(total or 0)


def credits_for(session: Session, package_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, Credits]:
    """Credit figures of every listed package: one grouped ledger query, one session count."""
    if not package_ids:
        return {}
    ids = list(package_ids)
    ledger_rows = session.execute(
        select(
            CreditLedgerEntry.package_id,
            func.coalesce(func.sum(CreditLedgerEntry.delta), 0),
            _kind_sum((PURCHASE, OPENING)),
            _kind_sum((COMPLETE, UNDO_COMPLETE)),
            # An adjustment on a session gives back a no-show; one without is a bonus.
            _kind_sum((NO_SHOW,)) + _session_adjustments(True),
            _session_adjustments(False),
            _kind_sum((REFUND,)),
        )
        .where(CreditLedgerEntry.package_id.in_(ids), live_ledger())
        .group_by(CreditLedgerEntry.package_id)
    ).all()
    scheduled = pairs(
        session.execute(
            select(TrainingSession.package_id, func.count())
            .where(
                TrainingSession.package_id.in_(ids),
                TrainingSession.status == SCHEDULED,
                TrainingSession.deleted_at.is_(None),
            )
            .group_by(TrainingSession.package_id)
        )
    )
    result = {pid: Credits(scheduled=int(scheduled.get(pid, 0))) for pid in ids}
    for pid, remaining, purchased, completions, no_shows, bonus, refunds in ledger_rows:
        result[pid] = Credits(
            remaining=int(remaining),
            purchased=int(purchased),
            # Completions are −1 and their undos +1, so the sum's negation is what was used.
            used=-int(completions),
            no_show=-int(no_shows),
            bonus=int(bonus),
            refunded=-int(refunds),
            scheduled=int(scheduled.get(pid, 0)),
        )
    return result


def completion_cycle(session: Session, session_id: uuid.UUID) -> int:
    """The round of a session's check-off: the number of reversals recorded so far.

    complete (0) → undo (0) → no-show (1) → undo (1) → ...; with UNIQUE(session_id, kind,
    cycle) and the id derived from the three, the same transition written twice (two desks,
    or two processes) is one row.
    """
    count = session.scalar(
        select(func.count()).where(
            CreditLedgerEntry.session_id == session_id,
            CreditLedgerEntry.kind.in_([kind.value for kind in REVERSAL_KINDS]),
        )
    )
    return int(count or 0)


def session_net(session: Session, session_id: uuid.UUID) -> int:
    """Σ of a session's ledger rows: −1 while a debit stands, 0 once taken back (or never)."""
    total = session.scalar(
        select(func.coalesce(func.sum(CreditLedgerEntry.delta), 0)).where(
            CreditLedgerEntry.session_id == session_id, live_ledger())
    )
    return int(total or 0)


def append(
    session: Session,
    *,
    package_id: uuid.UUID,
    client_id: uuid.UUID,
    kind: str,
    delta: int,
    staff_id: uuid.UUID | None,
    session_id: uuid.UUID | None = None,
    cycle: int = 0,
    reason: str | None = None,
) -> CreditLedgerEntry:
    """Add one ledger row (rows are never updated or deleted).

    A session's row (complete / no_show / undo_complete, a no-show's reversal) gets the id
    `session_entry_id` derives from (session, kind, cycle), so every device writes that
    transition as one row.
    """
    entry_id = session_entry_id(session_id, kind, cycle) if session_id is not None else None
    entry = CreditLedgerEntry(
        id=entry_id,
        package_id=package_id,
        client_id=client_id,
        session_id=session_id,
        kind=kind,
        delta=delta,
        cycle=cycle,
        reason=reason,
        staff_id=staff_id,
    )
    session.add(entry)
    return entry


__all__ = [
    "ADJUSTMENT",
    "COMPLETE",
    "EMPTY",
    "NO_SHOW",
    "OPENING",
    "PURCHASE",
    "REFUND",
    "UNDO_COMPLETE",
    "Credits",
    "append",
    "balance",
    "balance_subquery",
    "completion_cycle",
    "credits_for",
    "live_ledger",
    "pairs",
    "scheduled_count",
    "scheduled_subquery",
    "session_net",
]
