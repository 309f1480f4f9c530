"""The 분석 charts (pyqtgraph): monthly revenue by trainer, sessions by weekday × hour, and
the retention curve.

Imported only when the first report arrives (pyqtgraph costs ~0.4 s to import), so the
window paints before it loads. PySide6 is imported first so pyqtgraph binds to it. Each
chart builds its items once; `set_data` moves them, so a filter change redraws in place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

import pyqtgraph as pg  # isort: skip  # after PySide6, so pyqtgraph uses this binding

Formatter = Callable[[float], str]

AXIS_COLOUR = "#78909c"
TEXT_COLOUR = "#37474f"
# Distinct, print-friendly colours for the top trainers; grey for the others together.
PALETTE = ("#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#c62828", "#5d4037")
OTHERS_COLOUR = "#b0bec5"
HEAT_LOW, HEAT_HIGH = (255, 255, 255), (21, 101, 192)
LINE_COLOUR = "#1565c0"


class _FormattedAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph ships no type hints
    """An axis whose tick labels go through a formatter ("1,235만", "40%")."""

    def __init__(self, orientation: str, formatter: Formatter) -> None:
        super().__init__(orientation)
        self._formatter = formatter
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [self._formatter(v * scale) for v in values]


def _small_font() -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(max(font.pointSizeF() - 1, 8))
    return font


def _style(item: Any, font: QFont, x_title: str, y_title: str) -> None:
    item.setMenuEnabled(False)
    item.hideButtons()
    item.setMouseEnabled(x=False, y=False)
    for side, title in (("left", y_title), ("bottom", x_title)):
        axis = item.getAxis(side)
        axis.setPen(pg.mkPen(AXIS_COLOUR))
        axis.setTextPen(pg.mkPen(TEXT_COLOUR))
        axis.setTickFont(font)
        axis.setLabel(title, color=TEXT_COLOUR)


class _Chart(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.font_ = _small_font()
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.view.setObjectName(f"{name}View")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.setMinimumHeight(240)


class RevenueChart(_Chart):
    """Stacked monthly bars, one colour per trainer, the legend on the right."""

    def __init__(self, axis_format: Formatter, x_title: str, y_title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__("analyticsRevenueChart", parent)
        self.plot = self.view.addPlot(row=0, col=0,
                                      axisItems={"left": _FormattedAxis("left", axis_format)})
        _style(self.plot, self.font_, x_title, y_title)
        self.plot.showGrid(x=False, y=True, alpha=0.15)
        self.plot.getAxis("bottom").setStyle(tickLength=0, tickTextOffset=6)
        # Under the plot, one row: the bars keep the whole width.
        self.legend = pg.LegendItem(offset=None, labelTextColor=TEXT_COLOUR,
                                    labelTextSize=f"{self.font_.pointSizeF():.0f}pt",
                                    horSpacing=18)
        self.view.addItem(self.legend, row=1, col=0)
        self._bars: list[Any] = []
        self._names: list[str] = []
        self._totals: list[float] = []

    def set_data(self, labels: Sequence[str], series: Sequence[tuple[str, Sequence[int]]],
                 others: str) -> None:
        """`series`: (legend name, value per label); the last may be the others' (grey)."""
        for bar in self._bars:
            self.plot.removeItem(bar)
        self.legend.clear()
        self._bars, self._names = [], []
        xs = np.arange(len(labels), dtype=float)
        up = np.zeros(len(labels))
        down = np.zeros(len(labels))
        for index, (name, values) in enumerate(series):
            heights = np.asarray(values, dtype=float)
            base = np.where(heights >= 0, up, down)
            colour = OTHERS_COLOUR if name == others else PALETTE[index % len(PALETTE)]
            bar = pg.BarGraphItem(x=xs, y0=base, height=heights, width=0.65,
                                  brush=pg.mkBrush(colour), pen=QPen(Qt.PenStyle.NoPen))
            self.plot.addItem(bar)
            self.legend.addItem(bar, name)
            self._bars.append(bar)
            self._names.append(name)
            up = up + np.where(heights >= 0, heights, 0)
            down = down + np.where(heights < 0, heights, 0)
        self.legend.setColumnCount(max(len(self._names), 1))
        self._totals = [float(v) for v in up + down]
        self.plot.getAxis("bottom").setTicks([list(zip(xs.tolist(), labels, strict=True))])
        top, bottom = float(up.max(initial=0.0)), float(down.min(initial=0.0))
        self.plot.setYRange(bottom * 1.1, top * 1.1 if top > 0 else 1.0, padding=0)
        self.plot.setXRange(-0.6, max(len(labels) - 0.4, 0.6), padding=0)

    def legend_names(self) -> list[str]:
        return list(self._names)

    def totals(self) -> list[float]:
        return list(self._totals)


class HeatChart(_Chart):
    """Weekday rows (월 on top) × hour columns, white to blue, with a colour bar."""

    def __init__(self, weekdays: Sequence[str], x_title: str, y_title: str, bar_title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__("analyticsHeatChart", parent)
        self.plot = self.view.addPlot(row=0, col=0)
        _style(self.plot, self.font_, x_title, y_title)
        self.plot.invertY(True)
        self.plot.setAspectLocked(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        left = self.plot.getAxis("left")
        left.setTicks([[(d + 0.5, name) for d, name in enumerate(weekdays)]])
        bottom = self.plot.getAxis("bottom")
        bottom.setTicks([[(h + 0.5, str(h)) for h in range(0, 24)]])
        colours = pg.ColorMap(pos=[0.0, 1.0], color=[HEAT_LOW, HEAT_HIGH])
        self.colour_bar = pg.ColorBarItem(values=(0, 1), colorMap=colours, interactive=False,
                                          label=bar_title, width=14)
        self.colour_bar.setImageItem(self.image, insert_in=self.plot)
        self.colour_bar.getAxis("right").setTickFont(self.font_)
        self.plot.setXRange(0, 24, padding=0)
        self.plot.setYRange(0, 7, padding=0)
        self._peak = 0

    def set_data(self, heat: Sequence[Sequence[int]]) -> None:
        data = np.asarray(heat, dtype=float).reshape(7, 24)
        self._peak = int(data.max(initial=0.0))
        self.image.setImage(data, autoLevels=False)
        self.image.setRect(0, 0, 24, 7)
        self.colour_bar.setLevels((0, max(self._peak, 1)))

    def peak(self) -> int:
        return self._peak


class RetentionChart(_Chart):
    """Share of the cohort still training, month by month after their first session."""

    def __init__(self, x_title: str, y_title: str, parent: QWidget | None = None) -> None:
        super().__init__("analyticsRetentionChart", parent)
        self.plot = self.view.addPlot(
            row=0, col=0, axisItems={"left": _FormattedAxis("left", lambda v: f"{v:.0f}%")})
        _style(self.plot, self.font_, x_title, y_title)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.curve = self.plot.plot([], [], pen=pg.mkPen(LINE_COLOUR, width=2), symbol="o",
                                    symbolSize=7, symbolBrush=pg.mkBrush(LINE_COLOUR),
                                    symbolPen=pg.mkPen("w"))
        self._labels: list[Any] = []

    def set_data(self, months: Sequence[int], rates: Sequence[float]) -> None:
        """`rates` in percent, one per month."""
        self.curve.setData(list(months), list(rates))
        while len(self._labels) < len(months):  # made once per point, then re-used
            label = pg.TextItem(anchor=(-0.1, 1.1), color=QColor(TEXT_COLOUR))
            label.setFont(self.font_)
            self.plot.addItem(label)
            self._labels.append(label)
        for index, label in enumerate(self._labels):
            if index < len(months):
                label.setText(f"{rates[index]:.0f}%")
                label.setPos(months[index], rates[index])
                label.show()
            else:
                label.hide()
        self.plot.getAxis("bottom").setTicks([[(m, str(m)) for m in months]])
        self.plot.setYRange(0, 110, padding=0)
        self.plot.setXRange(-0.5, max(len(months) - 0.5, 0.5), padding=0)

    def points(self) -> list[tuple[float, float]]:
        xs, ys = self.curve.getData()
        return [] if xs is None else list(zip(xs.tolist(), ys.tolist(), strict=True))
