"""Revenue, defined once: Σ payment gross and Σ net by payment date (결제일).

Refunds and corrections are payments with negative amounts, so they count on their own
date; tombstoned payments never do. The dashboard's month figures and the analytics pane's
per-trainer figures read the same rows; a payment belongs to its package's trainer (None
for a payment without a package). A trainer's own revenue (the dashboard of a trainer,
DOMAIN 9.5) is the payments of the packages they train plus the package-less sales they
made.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from the5hc_desktop.store.models import Payment, SessionPackage


def revenue_terms(first: date, after: date) -> list[Any]:
    """Payments that count as revenue of the days [first, after)."""
    return [Payment.paid_on >= first, Payment.paid_on < after, Payment.deleted_at.is_(None)]


def revenue_rows(session: Session, first: date, after: date, *, by_trainer: bool = False,
                 trainer: uuid.UUID | None = None) -> Iterator[tuple[date, Any, int, int]]:
    """(paid_on, trainer id or None, Σ gross, Σ net) per payment day (and trainer).

    `trainer` (daily rows): only that trainer's own revenue (see the module docstring).
    """
    if not by_trainer:
        query = (select(Payment.paid_on, func.sum(Payment.gross), func.sum(Payment.net))
                 .where(*revenue_terms(first, after)).group_by(Payment.paid_on))
        if trainer is not None:
            # Through the trainer's packages (the package_id index), not a join of every
            # payment of the period with its package.
            packages = select(SessionPackage.id).where(SessionPackage.trainer_id == trainer)
            query = query.where(or_(Payment.package_id.in_(packages),
                                    and_(Payment.package_id.is_(None),
                                         Payment.staff_id == trainer)))
        for paid_on, gross, net in session.execute(query):
            yield paid_on, trainer, int(gross), int(net)
        return
    for paid_on, trainer_id, gross, net in session.execute(
        select(Payment.paid_on, SessionPackage.trainer_id, func.sum(Payment.gross),
               func.sum(Payment.net))
        .outerjoin(SessionPackage, SessionPackage.id == Payment.package_id)
        .where(*revenue_terms(first, after))
        .group_by(Payment.paid_on, SessionPackage.trainer_id)
    ):
        yield paid_on, trainer_id, int(gross), int(net)
