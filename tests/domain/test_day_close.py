"""일마감 arithmetic: sales and refunds per method, totals, session counts per trainer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from the5hc_desktop.domain.day_close import (
    Amounts,
    PaymentFact,
    SessionCounts,
    close_day,
)
from the5hc_desktop.domain.fees import split_payment


def _sale(method: str, gross: int) -> PaymentFact:
    f = split_payment(gross, method)
    return PaymentFact(method, f.gross, f.vat, f.card_fee, f.net, is_refund=False)


def _refund(method: str, gross: int) -> PaymentFact:
    f = split_payment(gross, method)
    return PaymentFact(method, -f.gross, -f.vat, -f.card_fee, -f.net, is_refund=True)


def test_a_day_of_sales_and_one_refund() -> None:
    day = close_day(
        [_sale("cash", 300_000), _sale("card", 1_000_000), _sale("card", 100_000),
         _refund("card", 100_000)],
        [("kim", "completed", 5), ("kim", "no_show", 1), ("lee", "cancelled", 2),
         ("lee", "scheduled", 3), ("kim", "completed", 1)],
    )
    # Methods in the fixed order card, cash, transfer, other.
    assert list(day.sales) == ["card", "cash"]
    # Card: the card fee is 3.5 % of the supply value (1,000,000 → 90,909 / 31,818 / 877,273;
    # 100,000 → 9,091 / 3,182 / 87,727); cash pays no card fee.
    assert day.sales["card"] == Amounts(2, 1_100_000, 100_000, 35_000, 965_000)
    assert day.sales["cash"] == Amounts(1, 300_000, 27_273, 0, 272_727)
    assert day.refunds == {"card": Amounts(1, -100_000, -9_091, -3_182, -87_727)}
    assert day.sales_total == Amounts(3, 1_400_000, 127_273, 35_000, 1_237_727)
    assert day.total == Amounts(4, 1_300_000, 118_182, 31_818, 1_150_000)
    assert day.sessions == {"kim": SessionCounts(completed=6, no_show=1),
                            "lee": SessionCounts(cancelled=2, scheduled=3)}
    assert day.sessions_total == SessionCounts(6, 1, 2, 3)
    assert day.sessions["kim"].no_show_rate == pytest.approx(1 / 7)
    assert day.sessions["lee"].no_show_rate is None


def test_an_empty_day_is_all_zero() -> None:
    day = close_day([], [])
    assert day.sales == {}
    assert day.refunds == {}
    assert day.sessions == {}
    assert day.total == Amounts()
    assert day.sessions_total.total == 0


def test_an_unknown_status_is_refused() -> None:
    with pytest.raises(ValueError, match="lost"):
        close_day([], [("kim", "lost", 1)])


_facts = st.lists(st.builds(
    lambda method, gross, refund: (_refund if refund else _sale)(method, gross),
    st.sampled_from(["card", "cash", "transfer", "other"]),
    st.integers(0, 5_000_000), st.booleans()), max_size=30)


@given(_facts)
def test_totals_are_the_plain_sums(facts: list[PaymentFact]) -> None:
    day = close_day(facts, [])
    assert day.total.gross == sum(f.gross for f in facts)
    assert day.total.net == sum(f.net for f in facts)
    assert day.total.count == len(facts)
    for book in (day.sales, day.refunds):
        for amounts in book.values():
            # Each method's row keeps VAT + card fee + net = gross, as every payment does.
            assert amounts.vat + amounts.card_fee + amounts.net == amounts.gross
