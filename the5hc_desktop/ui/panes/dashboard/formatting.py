"""Korean-style numbers for the dashboard: 1,235만, ₩12.3M, 12명, 72.3점.

Whole amounts of won go through `domain.money` (one formatter for every screen).

Pure functions of the value and the UI language, so tests compare strings directly.
"""

from __future__ import annotations

from the5hc_desktop.domain.money import MoneyStyle, format_won
from the5hc_desktop.domain.scoring import fmt1


def grouped(value: int) -> str:
    """Thousands separators: 1234000 -> "1,234,000"."""
    return f"{value:,}"


def axis_number(value: float) -> str:
    """Axis ticks: whole numbers with separators (counts, and won: never fractional)."""
    return grouped(round(value))


def score(value: float | None) -> str:
    """An overall score with one decimal, half up ("72.3"); "–" when there is none."""
    return fmt1(value) if value is not None else "–"


def compact_won(amount: int, language: str = "ko") -> str:
    """Short money above a bar: "1,235만" (Korean counts in 만 = 10,000) or "₩12.3M"."""
    if amount == 0:
        return "0"
    if language == "en":
        for size, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")):
            if abs(amount) >= size:
                return f"₩{amount / size:,.1f}{suffix}".replace(".0" + suffix, suffix)
        return format_won(amount, MoneyStyle.WON_SIGN)
    if abs(amount) >= 10_000:
        return f"{round(amount / 10_000):,}만"
    return format_won(amount, MoneyStyle.WON_SUFFIX)
