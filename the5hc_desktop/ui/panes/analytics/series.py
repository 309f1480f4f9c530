"""What the 분석 charts draw, shaped from the report (no Qt, no pyqtgraph)."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date

from the5hc_desktop.services.analytics import AnalyticsReport


def heat_is_empty(report: AnalyticsReport) -> bool:
    return not any(any(day) for day in report.heat)


def month_labels(months: Sequence[date], language: str) -> list[str]:
    """"1월" … or "Jan" …; with the year ("25.12") when the months span two years."""
    if len({m.year for m in months}) > 1:
        return [f"{m.year % 100:02d}.{m.month:02d}" for m in months]
    if language == "en":
        return [calendar.month_abbr[m.month] for m in months]
    return [f"{m.month}월" for m in months]


def axis_won(value: float, language: str) -> str:
    """Money ticks: "3.5억", "2,000만" in Korean; "₩350M" in English."""
    amount = round(value)
    if amount == 0:
        return "0"
    if language == "en":
        for size, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")):
            if abs(amount) >= size:
                return f"₩{amount / size:,.1f}".removesuffix(".0") + suffix
        return f"₩{amount:,}"
    if abs(amount) >= 100_000_000:
        return f"{amount / 100_000_000:,.1f}".removesuffix(".0") + "억"
    if abs(amount) >= 10_000:
        return f"{amount / 10_000:,.0f}만"
    return f"{amount:,}원"
