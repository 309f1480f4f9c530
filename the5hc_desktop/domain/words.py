"""Words and number formatting for scores: bands, level words, one-decimal half-up display."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from .labels import Band, Label

_BANDS: tuple[tuple[float, Band], ...] = (
    (90, Band("매우 우수", "Outstanding", "outstanding")),
    (80, Band("우수", "Excellent", "excellent")),
    (70, Band("양호", "Good", "good")),
    (60, Band("보통", "Average", "average")),
)
_BAND_LOW = Band("개선 필요", "Needs improvement", "needs_improvement")
BANDS: tuple[Band, ...] = (*(band for _, band in _BANDS), _BAND_LOW)


def band_for(score: float | None) -> Band | None:
    """Band of an overall or category score (0–100); None when not measured."""
    if score is None:
        return None
    for minimum, band in _BANDS:
        if score >= minimum:
            return band
    return _BAND_LOW


LEVEL_WORDS: dict[int, Label] = {
    4: Label("우수", "Excellent"),
    3: Label("양호", "Good"),
    2: Label("평균", "Average"),
    1: Label("개선 필요", "Needs improvement"),
    0: Label("통증", "Pain"),
}


def level_word(test_score: float) -> Label:
    """Word of a test score by its floor: 4 우수, 3 양호, 2 평균, 1 개선 필요, 0 통증 (FMS)."""
    return LEVEL_WORDS[min(4, max(0, math.floor(test_score)))]


def _half_up(value: float) -> Decimal:
    # Via the shortest repr, so 2.45 rounds to 2.5 as a person reading "2.45" expects.
    return Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


_QUICK_LIMIT = 1e6  # |value| below this: the binary error is far under the 1e-6 margin
_TIE_MARGIN = 1e-6  # in tenths


def _quick_round1(value: float) -> float | None:
    """`round(value, 1)` where it equals the half-up rounding of the shortest repr; None for
    a value at or near a tie (x.x5), a huge or non-finite one, or one that is not a number.

    round() rounds the binary value correctly; the shortest repr lies within half a unit in
    the last place of it. Away from a tie both fall on the same side, so the two agree, and
    round() costs a tenth of the Decimal (a dozen figures are rounded per assessment).
    """
    kind = type(value)
    if (kind is not float and kind is not int) or not -_QUICK_LIMIT < value < _QUICK_LIMIT:
        return None
    tenths = value * 10.0
    if abs(tenths - math.floor(tenths) - 0.5) <= _TIE_MARGIN:
        return None
    return round(float(value), 1)


def round1(value: float) -> float:
    """One decimal, half up (Python's round() is half-even and works on the binary value)."""
    quick = _quick_round1(value)
    return float(_half_up(value)) if quick is None else quick


def fmt1(value: float | None) -> str:
    """One decimal, half up, for display; "" for None (the screen decides what to show)."""
    if value is None:
        return ""
    quick = _quick_round1(value)
    text = str(_half_up(value)) if quick is None else repr(quick)
    return "0.0" if text == "-0.0" else text
