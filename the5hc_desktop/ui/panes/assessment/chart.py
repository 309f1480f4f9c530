"""The category bar chart of the review (pyqtgraph), fed by `domain.series`.

Items are created once; `set_series` only moves them. Bands come from `series.BAND_LINES`
and `scoring.band_for`, the same figures the ReportLab drawing uses. Imported lazily: the
first review pays pyqtgraph's import, the wizard opens without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

import pyqtgraph as pg  # isort: skip  # after PySide6, so pyqtgraph uses this binding

from the5hc_desktop.domain.scoring import band_for, fmt1
from the5hc_desktop.domain.series import BAND_LINES, SeriesPoint

BAND_COLOURS = {
    "outstanding": "#1b5e20",
    "excellent": "#2e7d32",
    "good": "#558b2f",
    "average": "#f9a825",
    "needs_improvement": "#e65100",
}
MISSING_COLOUR = "#b0bec5"
_TEXT = "#37474f"


class CategoryChart(QWidget):
    """Four bars on a 0–100 scale with dashed band lines at 90/80/70/60."""

    def __init__(self, not_measured: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoryChart")
        self._not_measured = not_measured
        font = QFont(QGuiApplication.font())
        font.setPointSizeF(max(font.pointSizeF() - 1, 8))
        self.plot = pg.PlotWidget(background="w")
        self.plot.setObjectName("categoryPlot")
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen("#90a4ae"))
            axis.setTextPen(pg.mkPen(_TEXT))
            axis.setTickFont(font)
        item.getAxis("bottom").setStyle(tickLength=0)
        item.getAxis("left").setTicks([[(v, str(v)) for v in (0, 20, 40, 60, 80, 100)]])
        for level in BAND_LINES:
            line = pg.InfiniteLine(
                pos=level, angle=0, pen=pg.mkPen("#90a4ae", style=Qt.PenStyle.DashLine)
            )
            item.addItem(line)
        self._bars = pg.BarGraphItem(x=[], height=[], width=0.6, pen=QPen(Qt.PenStyle.NoPen))
        item.addItem(self._bars)
        self._texts: list[Any] = []
        self._font = font
        item.setYRange(0, 112, padding=0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.setMinimumHeight(220)
        self._values: list[float | None] = []

    def set_series(self, points: Sequence[SeriesPoint], language: str) -> None:
        xs = list(range(len(points)))
        self._values = [p.value for p in points]
        heights = [p.value if p.value is not None else 0.0 for p in points]
        brushes = [pg.mkBrush(_colour(p.value)) for p in points]
        self._bars.setOpts(x=xs, height=heights, width=0.6, brushes=brushes)
        item = self.plot.getPlotItem()
        labels = [p.label.text(language) for p in points]
        item.getAxis("bottom").setTicks([list(zip(xs, labels, strict=True))])
        while len(self._texts) < len(xs):
            text = pg.TextItem(anchor=(0.5, 1.0), color=QColor(_TEXT))
            text.setFont(self._font)
            item.addItem(text)
            self._texts.append(text)
        for x, point, text in zip(xs, points, self._texts, strict=False):
            value = point.value
            text.setText(fmt1(value) if value is not None else self._not_measured)
            text.setPos(x, value if value is not None else 0.0)
        item.setXRange(-0.6, max(len(xs) - 0.4, 0.6), padding=0)

    def values(self) -> list[float | None]:
        return list(self._values)

    def bar_texts(self) -> list[str]:
        return [t.toPlainText() for t in self._texts[: len(self._values)]]


def _colour(value: float | None) -> str:
    band = band_for(value)
    return BAND_COLOURS.get(band.key, MISSING_COLOUR) if band is not None else MISSING_COLOUR
