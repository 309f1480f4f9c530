"""일마감 (day close): what the desk took in over a day or a date range, and what was trained.

Pure arithmetic over the payment and session facts the service reads. Sales and refunds are
kept apart, each per payment method with gross, VAT, card fee and net; a refund is a payment
with negative amounts (it reverses a sale), so the totals row is simply the sum of both.
Session counts are per trainer and status. Every figure is whole KRW or a count.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from .credits import SessionStatus
from .fees import PaymentMethod


@dataclass(frozen=True, slots=True)
class PaymentFact:
    method: str
    gross: int
    vat: int
    card_fee: int
    net: int
    is_refund: bool  # reverses an earlier sale (negative amounts)


@dataclass(frozen=True, slots=True)
class Amounts:
    """A count of payments and their sums (negative for refunds)."""

    count: int = 0
    gross: int = 0
    vat: int = 0
    card_fee: int = 0
    net: int = 0

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(self.count + other.count, self.gross + other.gross,
                       self.vat + other.vat, self.card_fee + other.card_fee,
                       self.net + other.net)


@dataclass(frozen=True, slots=True)
class SessionCounts:
    completed: int = 0
    no_show: int = 0
    cancelled: int = 0
    scheduled: int = 0

    @property
    def total(self) -> int:
        return self.completed + self.no_show + self.cancelled + self.scheduled

    @property
    def no_show_rate(self) -> float | None:
        """No-shows among sessions that were due (completed + no-show); None when none were."""
        due = self.completed + self.no_show
        return None if due == 0 else self.no_show / due

    def __add__(self, other: SessionCounts) -> SessionCounts:
        return SessionCounts(self.completed + other.completed, self.no_show + other.no_show,
                             self.cancelled + other.cancelled,
                             self.scheduled + other.scheduled)


@dataclass(frozen=True)
class DayClose:
    # Methods in the fixed order of PaymentMethod; a method with no payment is left out.
    sales: dict[str, Amounts] = field(default_factory=dict)
    refunds: dict[str, Amounts] = field(default_factory=dict)
    sessions: dict[Hashable, SessionCounts] = field(default_factory=dict)  # trainer -> counts

    @property
    def sales_total(self) -> Amounts:
        return sum(self.sales.values(), Amounts())

    @property
    def refunds_total(self) -> Amounts:
        return sum(self.refunds.values(), Amounts())

    @property
    def total(self) -> Amounts:
        """What stays after refunds: sales plus the (negative) refunds."""
        return self.sales_total + self.refunds_total

    @property
    def sessions_total(self) -> SessionCounts:
        return sum(self.sessions.values(), SessionCounts())


_METHOD_ORDER = {m.value: i for i, m in enumerate(PaymentMethod)}


def close_day(
    payments: Iterable[PaymentFact],
    sessions: Iterable[tuple[Hashable, str, int]],
) -> DayClose:
    """The day close of `payments` and `sessions` ((trainer, status, count) triples)."""
    sales: dict[str, Amounts] = {}
    refunds: dict[str, Amounts] = {}
    for p in payments:
        book = refunds if p.is_refund else sales
        book[p.method] = book.get(p.method, Amounts()) + Amounts(
            1, p.gross, p.vat, p.card_fee, p.net)
    counts: dict[Hashable, SessionCounts] = {}
    for trainer, status, count in sessions:
        counts[trainer] = counts.get(trainer, SessionCounts()) + _one_status(status, count)

    def ordered(book: dict[str, Amounts]) -> dict[str, Amounts]:
        return dict(sorted(book.items(), key=lambda item: _METHOD_ORDER.get(item[0], 99)))

    return DayClose(sales=ordered(sales), refunds=ordered(refunds), sessions=counts)


def _one_status(status: str, count: int) -> SessionCounts:
    match SessionStatus(status):
        case SessionStatus.COMPLETED:
            return SessionCounts(completed=count)
        case SessionStatus.NO_SHOW:
            return SessionCounts(no_show=count)
        case SessionStatus.CANCELLED:
            return SessionCounts(cancelled=count)
        case _:
            return SessionCounts(scheduled=count)
