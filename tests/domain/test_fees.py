"""split_payment (docs/rules.md §4) and sessions_for."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.fees import (
    DEFAULT_CARD_FEE_RATE,
    DEFAULT_VAT_RATE,
    MAX_SALE_KRW,
    FeeBreakdown,
    PaymentMethod,
    sale_remainder,
    sessions_for,
    split_payment,
    whole_session_prices,
)

# docs/domain.md 5.5, column G (the seed's method = desktop): gross → vat / card fee / net
WORKED_G = [
    (1, 0, 0, 1),
    (99, 9, 3, 87),
    (999, 91, 32, 876),
    (1_135, 103, 36, 996),
    (55_555, 5_050, 1_768, 48_737),
    (100_000, 9_091, 3_182, 87_727),
    (300_000, 27_273, 9_545, 263_182),
    (1_234_567, 112_233, 39_282, 1_083_052),
    (1_980_000, 180_000, 63_000, 1_737_000),
    (2_000_000, 181_818, 63_636, 1_754_546),
    (3_300_000, 300_000, 105_000, 2_895_000),
]


def test_seed_example() -> None:
    assert split_payment(100_000) == FeeBreakdown(100_000, 9_091, 3_182, 87_727)
    assert split_payment(100_000).supply == 90_909


@pytest.mark.parametrize(("gross", "vat", "card_fee", "net"), WORKED_G)
def test_worked_values_column_g(gross: int, vat: int, card_fee: int, net: int) -> None:
    assert split_payment(gross, "card") == FeeBreakdown(gross, vat, card_fee, net)


@pytest.mark.parametrize("method", ["cash", "transfer", "other", PaymentMethod.CASH])
def test_non_card_has_no_card_fee_but_vat(method: str) -> None:
    assert split_payment(100_000, method) == FeeBreakdown(100_000, 9_091, 0, 90_909)


def test_zero_gross() -> None:
    assert split_payment(0) == FeeBreakdown(0, 0, 0, 0)


def test_defaults_and_custom_rates() -> None:
    assert str(DEFAULT_VAT_RATE) == "0.10"
    assert str(DEFAULT_CARD_FEE_RATE) == "0.035"
    no_vat = split_payment(100_000, "card", vat_rate=Decimal("0"), card_fee_rate=Decimal("0.02"))
    assert no_vat == FeeBreakdown(100_000, 0, 2_000, 98_000)


def test_half_up_at_an_exact_tie() -> None:
    # 330 → supply 300 exactly, card fee 300 × 0.035 = 10.5: half up gives 11 where
    # Python's half-even round() would give 10.
    assert split_payment(330).card_fee == 11
    assert split_payment(770).card_fee == 25  # 700 × 0.035 = 24.5 → 25


def _vat_oracle(gross: int) -> int:
    # gross − gross/1.1 = gross/11; half up in integers: floor(gross/11 + 1/2)
    return (2 * gross + 11) // 22


def _card_oracle(gross: int) -> int:
    # supply × 0.035 = gross × 35 / 1100; half up in integers
    return (2 * 35 * gross + 1100) // 2200


@settings(max_examples=1000, database=None)
@given(st.integers(min_value=0, max_value=MAX_SALE_KRW), st.sampled_from(list(PaymentMethod)))
def test_parts_always_add_up_to_gross(gross: int, method: PaymentMethod) -> None:
    fees = split_payment(gross, method)
    assert fees.vat + fees.card_fee + fees.net == gross
    assert fees.vat == _vat_oracle(gross)
    assert fees.card_fee == (_card_oracle(gross) if method is PaymentMethod.CARD else 0)
    assert min(fees.vat, fees.card_fee, fees.net) >= 0
    assert all(type(v) is int for v in (fees.gross, fees.vat, fees.card_fee, fees.net))


def test_first_thirty_thousand_amounts_exhaustively() -> None:
    for gross in range(30_001):
        fees = split_payment(gross)
        assert fees.vat == _vat_oracle(gross)
        assert fees.card_fee == _card_oracle(gross)
        assert fees.net == gross - fees.vat - fees.card_fee


@pytest.mark.parametrize("gross", [-1, 100.0, 100.5, Decimal("100"), "100", True, False, None])
def test_gross_must_be_a_whole_int(gross: object) -> None:
    with pytest.raises(ValidationError) as caught:
        split_payment(gross)  # type: ignore[arg-type]
    assert caught.value.field == "gross"
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"method": "bitcoin"}, "method"),
        ({"vat_rate": 0.1}, "vat_rate"),  # binary float refused
        ({"vat_rate": Decimal("-0.1")}, "vat_rate"),
        ({"card_fee_rate": Decimal("1")}, "card_fee_rate"),
        ({"card_fee_rate": Decimal("NaN")}, "card_fee_rate"),
    ],
)
def test_bad_method_or_rate(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        split_payment(100_000, **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_method_labels() -> None:
    assert [m.label.ko for m in PaymentMethod] == ["카드", "현금", "계좌이체", "기타"]


@pytest.mark.parametrize(
    ("gross", "price", "sessions"),
    [(500_000, 50_000, 10), (549_999, 50_000, 10), (50_000, 50_000, 1), (1_000_000, 70_000, 14)],
)
def test_sessions_round_down(gross: int, price: int, sessions: int) -> None:
    assert sessions_for(gross, price) == sessions


def test_sessions_need_at_least_one() -> None:
    with pytest.raises(ValidationError) as caught:
        sessions_for(49_999, 50_000)
    assert caught.value.field == "gross"
    assert caught.value.message_ko == "금액이 세션 단가보다 작습니다"
    with pytest.raises(ValidationError) as zero_price:
        sessions_for(10_000, 0)
    assert zero_price.value.field == "session_price"


def test_sale_remainder_and_the_prices_that_divide_exactly() -> None:
    assert sale_remainder(100_000, 70_000) == 30_000
    assert sale_remainder(600_000, 60_000) == 0
    assert whole_session_prices(100_000, 70_000) == ((100_000, 1), (50_000, 2))
    assert whole_session_prices(1_000_000, 70_000) == ()  # neither 14 nor 15 divides
    assert whole_session_prices(600_000, 60_000) == ()  # it divides already; 11 does not
