"""The progress chart of one member: overall and the four categories over time.

A view fed arrays: the five curves, the shaded bands and the guide lines are made once in
the constructor and `set_series` only calls `setData`. The numbers come from
`domain.series.progress_series` (through `ClientService.get`), the same series the PDF
report draws. Imported lazily by the detail panel: pyqtgraph is slow to import.
"""

from __future__ import annotations

import calendar
import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

import pyqtgraph as pg  # isort: skip  # after PySide6, so pyqtgraph binds to it

from the5hc_desktop.domain.labels import Label  # isort: skip
from the5hc_desktop.domain.scoring import BANDS  # isort: skip
from the5hc_desktop.domain.series import BAND_LINES, ProgressSeries  # isort: skip
from the5hc_desktop.domain.vocabulary import (  # isort: skip
    CATEGORY_KEYS,
    CATEGORY_LABELS,
    OVERALL_LABEL,
)

SERIES_KEYS: tuple[str, ...] = ("overall", *CATEGORY_KEYS)
SERIES_COLOURS = {
    "overall": "#263238",
    "strength": "#1565c0",
    "mobility": "#2e7d32",
    "balance": "#6a1b9a",
    "cardio": "#ef6c00",
}
# Shading of the bands between the guide lines, top band first (매우 우수 … 개선 필요).
_BAND_SHADES = ("#e8f5e9", "#f1f8e9", "#fffde7", "#fff3e0", "#fdecea")
_AXIS_COLOUR = "#78909c"
_TEXT_COLOUR = "#37474f"
_DAY = 86_400
_SINGLE_POINT_PAD_DAYS = 20
_DATE_TICKS_UP_TO = 6  # up to this many assessments, the axis names exactly their dates


def day_seconds(day: date) -> float:
    """A date as seconds since the epoch at 00:00 UTC (the date axis runs in UTC)."""
    return float(calendar.timegm(day.timetuple()))


class _DateAxis(pg.DateAxisItem):  # type: ignore[misc]  # pyqtgraph ships no type hints
    """Dates written as numbers ("2025.03", "03.15"): no English month names in Korean."""

    def __init__(self) -> None:
        super().__init__(orientation="bottom", utcOffset=0)

    def tickValues(self, minVal: float, maxVal: float,
                   size: float) -> list[tuple[float, list[float]]]:
        """One row of labels: the finest level with two ticks or more. A coarser level's
        "2026.11" would land between "10.29" and "11.03" and print over them."""
        levels: list[tuple[float, list[float]]] = super().tickValues(minVal, maxVal, size)
        readable = [level for level in levels if len(level[1]) >= 2]
        return readable[-1:] or levels

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if spacing >= 360 * _DAY:
            pattern = "%Y"
        elif spacing >= 28 * _DAY:
            pattern = "%Y.%m"
        else:
            pattern = "%m.%d"
        return [datetime.fromtimestamp(v * scale, UTC).strftime(pattern) for v in values]


class ProgressChart(QWidget):
    """Five line series over the assessment dates, on shaded score bands (0–100)."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientProgressChart")
        self._language = language
        font = QFont(QGuiApplication.font())
        font.setPointSizeF(max(font.pointSizeF() - 1, 8))
        self._tick_font = font

        self.date_axis = _DateAxis()
        self.band_axis = pg.AxisItem("right")
        self.plot = pg.PlotWidget(
            background="w", axisItems={"bottom": self.date_axis, "right": self.band_axis}
        )
        self.plot.setObjectName("clientProgressPlot")
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showAxis("right")
        for side in ("left", "bottom", "right"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(_AXIS_COLOUR))
            axis.setTextPen(pg.mkPen(_TEXT_COLOUR))
            axis.setTickFont(font)
        item.getAxis("left").setTicks([[(v, str(v)) for v in (0, 20, 40, 60, 70, 80, 90, 100)]])
        self._add_bands(item)
        item.setYRange(0, 100, padding=0.02)

        self.legend = item.addLegend(offset=(8, 4), colCount=len(SERIES_KEYS))
        self.legend.setBrush(pg.mkBrush(255, 255, 255, 200))
        self.legend.setLabelTextColor(QColor(_TEXT_COLOUR))
        self.curves: dict[str, Any] = {}
        for key in SERIES_KEYS:
            colour = QColor(SERIES_COLOURS[key])
            overall = key == "overall"
            curve = pg.PlotDataItem(
                [], [],
                pen=pg.mkPen(colour, width=3 if overall else 2),
                symbol="o",
                symbolSize=8 if overall else 6,
                symbolBrush=pg.mkBrush(colour),
                symbolPen=pg.mkPen("w"),
                name=self._label(key).text(language),
            )
            item.addItem(curve)
            self.curves[key] = curve

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.setMinimumHeight(260)

    @staticmethod
    def _label(key: str) -> Label:
        return OVERALL_LABEL if key == "overall" else CATEGORY_LABELS[key]

    def _add_bands(self, item: Any) -> None:
        edges = (100, *BAND_LINES, 0)
        for shade, (upper, lower) in zip(_BAND_SHADES, itertools.pairwise(edges), strict=True):
            region = pg.LinearRegionItem(
                values=(lower, upper),
                orientation="horizontal",
                movable=False,
                brush=pg.mkBrush(shade),
                pen=pg.mkPen(None),
            )
            region.setZValue(-20)
            item.addItem(region)
        for value in BAND_LINES:
            line = pg.InfiniteLine(
                pos=value, angle=0, movable=False,
                pen=pg.mkPen("#b0bec5", width=1, style=Qt.PenStyle.DashLine),
            )
            line.setZValue(-10)
            item.addItem(line)
        # Band words on the right axis, each in the middle of its band.
        centres = [(upper + lower) / 2 for upper, lower in itertools.pairwise(edges)]
        words = [band.text(self._language) for band in BANDS]
        self.band_axis.setTicks([list(zip(centres, words, strict=True))])
        # Wide enough for the longest word: pyqtgraph silently drops a label that does not
        # fit, which left "매우 우수" and "개선 필요" off the chart.
        metrics = QFontMetrics(self._tick_font)
        self.band_axis.setWidth(max(metrics.horizontalAdvance(w) for w in words) + 16)

    def set_series(self, series: ProgressSeries) -> None:
        """Show the series; a category not measured on a date is left out of its line."""
        for key in SERIES_KEYS:
            points = [
                (day_seconds(day), value)
                for day, value in zip(series.dates, series.series(key), strict=True)
                if value is not None
            ]
            self.curves[key].setData([x for x, _ in points], [y for _, y in points])
        item = self.plot.getPlotItem()
        self.date_axis.setTicks(_date_ticks(series.dates))
        if series.dates:
            first, last = series.dates[0], series.dates[-1]
            span = (last - first).days
            pad = max(round(span * 0.06), 3) if span else _SINGLE_POINT_PAD_DAYS
            item.setXRange(
                day_seconds(first - timedelta(days=pad)),
                day_seconds(last + timedelta(days=pad)),
                padding=0,
            )
        item.setYRange(0, 100, padding=0.02)

    def date_labels(self) -> list[str]:
        """The date labels under the chart for its current range."""
        fixed = self.date_axis._tickLevels  # set by _date_ticks, else None
        if fixed is not None:
            return [text for level in fixed for _, text in level]
        low, high = self.date_axis.range
        labels: list[str] = []
        for spacing, values in self.date_axis.tickValues(low, high, self.width() or 600):
            labels += self.date_axis.tickStrings(values, 1.0, spacing)
        return labels

    def points(self, key: str) -> tuple[list[float], list[float]]:
        """(x seconds, y values) shown for "overall" or a category key."""
        xs, ys = self.curves[key].getData()
        return ([] if xs is None else [float(x) for x in xs],
                [] if ys is None else [float(y) for y in ys])


def _date_ticks(dates: list[date]) -> list[list[tuple[float, str]]] | None:
    """A few assessments: one label under each ("03.01"), not a calendar of empty days
    around a single point; many: the axis chooses (None)."""
    if not dates or len(dates) > _DATE_TICKS_UP_TO:
        return None
    pattern = "%m.%d" if len({day.year for day in dates}) == 1 else "%Y.%m.%d"
    return [[(day_seconds(day), day.strftime(pattern)) for day in dates]]
