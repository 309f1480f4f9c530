"""Chart data shared by the pyqtgraph views and the ReportLab drawings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .labels import Label
from .scoring import AssessmentScores
from .vocabulary import CATEGORY_KEYS, CATEGORY_LABELS, OVERALL_LABEL

# Horizontal guide lines at the band limits (매우 우수 / 우수 / 양호 / 보통).
BAND_LINES: tuple[int, ...] = (90, 80, 70, 60)


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    key: str
    label: Label
    value: float | None


def category_series(
    scores: AssessmentScores, *, include_overall: bool = False
) -> tuple[SeriesPoint, ...]:
    """One bar per category (strength, mobility, balance, cardio), None when not measured."""
    points = [SeriesPoint(key, CATEGORY_LABELS[key], scores.category(key)) for key in CATEGORY_KEYS]
    if include_overall:
        points.append(SeriesPoint("overall", OVERALL_LABEL, scores.overall))
    return tuple(points)


@dataclass(frozen=True, slots=True)
class ProgressSeries:
    """Parallel lists over the assessment dates, oldest first; None marks a gap."""

    dates: list[date]
    overall: list[float | None]
    strength: list[float | None]
    mobility: list[float | None]
    balance: list[float | None]
    cardio: list[float | None]

    def series(self, key: str) -> list[float | None]:
        """The values of "overall" or a category key."""
        if key not in ("overall", *CATEGORY_KEYS):
            raise KeyError(key)
        values: list[float | None] = getattr(self, key)
        return values


def progress_series(points: Sequence[tuple[date, AssessmentScores]]) -> ProgressSeries:
    """Scores over time, sorted by date (stable for two assessments on one day)."""
    ordered = sorted(points, key=lambda point: point[0])
    return ProgressSeries(
        dates=[day for day, _ in ordered],
        overall=[scores.overall for _, scores in ordered],
        strength=[scores.strength for _, scores in ordered],
        mobility=[scores.mobility for _, scores in ordered],
        balance=[scores.balance_category for _, scores in ordered],
        cardio=[scores.cardio for _, scores in ordered],
    )
