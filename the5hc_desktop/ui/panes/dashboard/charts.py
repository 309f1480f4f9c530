"""A pyqtgraph bar chart fed arrays: items are made once, then `set_data` moves them.

Imported only when the first figures arrive (pyqtgraph costs ~0.4 s to import), so the
window paints before it loads. PySide6 is imported first so pyqtgraph binds to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

import pyqtgraph as pg  # isort: skip  # after PySide6, so pyqtgraph uses this binding

Formatter = Callable[[float], str]

_AXIS_COLOUR = "#78909c"
_TEXT_COLOUR = "#37474f"


class _ValueAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph ships no type hints
    """Left axis whose tick labels go through the chart's formatter (₩ thousands)."""

    def __init__(self, formatter: Formatter) -> None:
        super().__init__("left")
        self._formatter = formatter
        self.enableAutoSIPrefix(False)  # "1,200,000", never "1.2 (x1e6)"

    def tickSpacing(self, minVal: float, maxVal: float,
                    size: float) -> list[tuple[float, float]]:
        """Whole steps only: counts and won have no fractions, and a 0.2 step rounded for
        display labelled an empty chart "1, 1, 0, 0"."""
        levels: list[tuple[float, float]] = super().tickSpacing(minVal, maxVal, size)
        return [level for level in levels if level[0] >= 1] or [(1.0, 0.0)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [self._formatter(v * scale) for v in values]

    def shown_ticks(self) -> list[str]:
        """The labels drawn for the current range (what a reader of the chart sees)."""
        low, high = self.range
        strings: list[str] = []
        for spacing, values in self.tickValues(low, high, self.height() or 200):
            strings += self.tickStrings(values, 1.0, spacing)
        return strings


class BarChart(QWidget):
    """Vertical bars with the value written above each one and category labels below."""

    def __init__(
        self,
        name: str,
        colour: str,
        axis_format: Formatter,
        bar_format: Formatter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._bar_format = bar_format
        self._values: list[float] = []
        self._labels: list[str] = []
        font = QFont(QGuiApplication.font())
        font.setPointSizeF(max(font.pointSizeF() - 1, 8))

        self._left = _ValueAxis(axis_format)
        self.plot = pg.PlotWidget(background="w", axisItems={"left": self._left})
        self.plot.setObjectName(f"{name}Plot")
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=False, y=True, alpha=0.15)
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(_AXIS_COLOUR))
            axis.setTextPen(pg.mkPen(_TEXT_COLOUR))
            axis.setTickFont(font)
        bottom = item.getAxis("bottom")
        bottom.setStyle(tickLength=0, tickTextOffset=6)
        # Room for two-line labels ("06/09" over "~06/15"), so none is cut off.
        bottom.setHeight(2 * QFontMetrics(font).lineSpacing() + 14)
        self._bars = pg.BarGraphItem(
            x=[], height=[], width=0.6, brush=pg.mkBrush(colour), pen=QPen(Qt.PenStyle.NoPen)
        )
        item.addItem(self._bars)
        self._texts: list[Any] = []
        self._font = font
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.setMinimumHeight(220)

    def set_data(self, labels: Sequence[str], values: Sequence[float]) -> None:
        """Show one bar per label; values are plain numbers (counts or won)."""
        self._labels = list(labels)
        self._values = [float(v) for v in values]
        xs = list(range(len(self._values)))
        self._bars.setOpts(x=xs, height=self._values, width=0.6)
        item = self.plot.getPlotItem()
        item.getAxis("bottom").setTicks([list(zip(xs, self._labels, strict=True))])
        self._place_texts(item, xs)
        top = max(self._values, default=0.0)
        item.setYRange(0, top * 1.2 if top > 0 else 1.0, padding=0)
        item.setXRange(-0.6, max(len(xs) - 0.4, 0.6), padding=0)

    def _place_texts(self, item: Any, xs: list[int]) -> None:
        while len(self._texts) < len(xs):  # made once per bar, then re-used
            text = pg.TextItem(anchor=(0.5, 1.0), color=QColor(_TEXT_COLOUR))
            text.setFont(self._font)
            item.addItem(text)
            self._texts.append(text)
        for index, text in enumerate(self._texts):
            if index < len(xs):
                text.setText(self._bar_format(self._values[index]))
                text.setPos(xs[index], self._values[index])
                text.show()
            else:
                text.hide()

    def values(self) -> list[float]:
        return list(self._values)

    def labels(self) -> list[str]:
        return list(self._labels)

    def bar_texts(self) -> list[str]:
        return [t.toPlainText() for t in self._texts[: len(self._values)]]
