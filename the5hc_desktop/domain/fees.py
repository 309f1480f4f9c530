"""Splitting a VAT-inclusive payment into VAT, card fee and net (RULES §4, the seed's method)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from .errors import ValidationError
from .labels import Label

DEFAULT_VAT_RATE = Decimal("0.10")
DEFAULT_CARD_FEE_RATE = Decimal("0.035")
# The largest sale (and session price) accepted: 100,000,000 KRW, far above any real
# personal-training package, so no total of sales can come near an integer overflow.
MAX_SALE_KRW = 100_000_000


class PaymentMethod(StrEnum):
    CARD = "card"
    CASH = "cash"
    TRANSFER = "transfer"
    OTHER = "other"

    @property
    def label(self) -> Label:
        return PAYMENT_METHOD_LABELS[self]


PAYMENT_METHOD_LABELS: dict[PaymentMethod, Label] = {
    PaymentMethod.CARD: Label("카드", "Card"),
    PaymentMethod.CASH: Label("현금", "Cash"),
    PaymentMethod.TRANSFER: Label("계좌이체", "Bank transfer"),
    PaymentMethod.OTHER: Label("기타", "Other"),
}


@dataclass(frozen=True, slots=True)
class FeeBreakdown:
    """Whole KRW; vat + card_fee + net == gross always."""

    gross: int
    vat: int
    card_fee: int
    net: int

    @property
    def supply(self) -> int:
        """공급가액: the amount excluding VAT."""
        return self.gross - self.vat


def _check_amount(value: object, field: str) -> int:
    # bool is an int subclass in Python, but True won is never a price.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(
            "금액은 0 이상의 정수(원)여야 합니다.",
            "The amount must be a whole number of won, 0 or more.",
            field=field,
        )
    if value > MAX_SALE_KRW:
        raise ValidationError(
            f"금액은 {MAX_SALE_KRW:,}원 이하여야 합니다.",
            f"The amount must be at most {MAX_SALE_KRW:,} won.",
            field=field,
        )
    return value


def _check_rate(value: object, field: str) -> Fraction:
    # Rates come as Decimal (from settings or a stored row); a binary float would carry error.
    if (
        isinstance(value, bool)
        or not isinstance(value, Decimal | int)
        or (isinstance(value, Decimal) and not value.is_finite())
        or not 0 <= value < 1
    ):
        raise ValidationError(
            "요율은 0 이상 1 미만의 Decimal 값이어야 합니다.",
            "A rate must be a Decimal from 0 up to (not including) 1.",
            field=field,
        )
    return Fraction(value)


def parse_method(method: object) -> PaymentMethod:
    """PaymentMethod from its value ("card", "cash", "transfer", "other")."""
    try:
        return PaymentMethod(str(method).strip().lower())
    except ValueError:
        raise ValidationError(
            "결제 방법은 카드, 현금, 계좌이체, 기타 중 하나여야 합니다.",
            "The payment method must be card, cash, transfer or other.",
            field="method",
        ) from None


def _round_half_up(value: Fraction) -> int:
    # Only non-negative values reach here, so half-up is floor(x + 1/2).
    return int(value + Fraction(1, 2))


def split_payment(
    gross: int,
    method: str = "card",
    vat_rate: Decimal = DEFAULT_VAT_RATE,
    card_fee_rate: Decimal = DEFAULT_CARD_FEE_RATE,
) -> FeeBreakdown:
    """VAT, card fee and net of a VAT-inclusive amount.

    supply = gross ÷ (1 + vat_rate) is kept as an exact fraction (a Decimal division would
    round at 28 digits); vat and card fee are then rounded half up to whole won, and net
    takes the remainder so the parts always add up to gross.
    """
    amount = _check_amount(gross, "gross")
    kind = parse_method(method)
    vat_fraction = _check_rate(vat_rate, "vat_rate")
    card_fraction = _check_rate(card_fee_rate, "card_fee_rate")
    supply = Fraction(amount) / (1 + vat_fraction)
    vat = _round_half_up(amount - supply)
    card_fee = _round_half_up(supply * card_fraction) if kind is PaymentMethod.CARD else 0
    return FeeBreakdown(gross=amount, vat=vat, card_fee=card_fee, net=amount - vat - card_fee)


def sessions_for(gross: int, session_price: int) -> int:
    """Sessions a package amount buys: gross ÷ price rounded down, at least 1."""
    amount = _check_amount(gross, "gross")
    price = _check_amount(session_price, "session_price")
    if price == 0:
        raise ValidationError(
            "세션 단가는 0보다 커야 합니다.",
            "The session price must be more than 0.",
            field="session_price",
        )
    sessions = amount // price
    if sessions < 1:
        raise ValidationError(
            "금액이 세션 단가보다 작습니다",
            "The amount is less than the session price",
            field="gross",
        )
    return sessions


def sale_remainder(gross: int, session_price: int) -> int:
    """Won paid beyond the whole sessions (100,000 at 70,000 → 30,000); 0 when it divides."""
    return gross - sessions_for(gross, session_price) * session_price


def whole_session_prices(gross: int, session_price: int) -> tuple[tuple[int, int], ...]:
    """(price, sessions) pairs near `session_price` that use up `gross` exactly.

    The rounded-down count at a higher price, then one session more at a lower price; a
    pair is offered only when the amount divides into whole won.
    """
    floor = sessions_for(gross, session_price)
    return tuple((gross // count, count) for count in (floor, floor + 1)
                 if gross % count == 0 and gross // count != session_price)
