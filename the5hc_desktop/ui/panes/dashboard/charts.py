"""The dashboard's bar chart, painted with QPainter: bars, their values, labels, an axis.

Two small charts of at most a dozen bars need no plotting library: pyqtgraph (and numpy
under it) cost ~0.4 s of CPU to import, on the GUI thread, between the dashboard's
figures and the other panes at every start. The look is pyqtgraph's: a white plot, a
left axis with whole-number ticks through the chart's formatter (₩ thousands), faint grid
lines, the value above each bar and two-line category labels below.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

Formatter = Callable[[float], str]

_AXIS_COLOUR = "#78909c"
_TEXT_COLOUR = "#37474f"
_GRID_ALPHA = 38  # of 255: pyqtgraph's showGrid(alpha=0.15)
_BAR_WIDTH = 0.6  # of one category's slot
_HEADROOM = 1.2  # the axis reaches 20 % above the tallest bar: room for its value
_TICK_SPACING_PX = 40  # about one tick per this much height


def whole_ticks(top: float, height_px: float) -> list[float]:
    """Tick values from 0 to `top`: whole numbers only, 1-2-5 steps, about one per 40 px.

    Counts and won have no fractions; a 0.2 step rounded for display once labelled an
    empty chart "1, 1, 0, 0".
    """
    wanted = max(2, int(height_px // _TICK_SPACING_PX))
    raw = top / wanted
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(step, 1)
    return [i * step for i in range(int(top // step) + 1)]


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
        self._colour = QColor(colour)
        self._axis_format = axis_format
        self._bar_format = bar_format
        self._values: list[float] = []
        self._labels: list[str] = []
        font = QFont(QGuiApplication.font())
        font.setPointSizeF(max(font.pointSizeF() - 1, 8))
        self.setFont(font)
        self.setMinimumHeight(220)
        self.setAutoFillBackground(False)

    def set_data(self, labels: Sequence[str], values: Sequence[float]) -> None:
        """Show one bar per label; values are plain numbers (counts or won)."""
        self._labels = list(labels)
        self._values = [float(v) for v in values]
        self.update()

    def values(self) -> list[float]:
        return list(self._values)

    def labels(self) -> list[str]:
        return list(self._labels)

    def bar_texts(self) -> list[str]:
        return [self._bar_format(v) for v in self._values]

    def axis_ticks(self) -> list[str]:
        """The left axis labels drawn at the chart's current size."""
        return [self._axis_format(v) for v in whole_ticks(self._top(), self._plot().height())]

    # --- geometry ------------------------------------------------------------------------
    def _top(self) -> float:
        top = max(self._values, default=0.0)
        return top * _HEADROOM if top > 0 else 1.0

    def _bottom_margin(self) -> int:
        # Room for two-line labels ("06/09" over "~06/15"), so none is cut off.
        return 2 * QFontMetrics(self.font()).lineSpacing() + 14

    def _plot(self) -> QRectF:
        """The area inside the axes."""
        metrics = QFontMetrics(self.font())
        height = self.height() - self._bottom_margin() - 8
        ticks = whole_ticks(self._top(), max(height, 1))
        left = max((metrics.horizontalAdvance(self._axis_format(v)) for v in ticks),
                   default=0) + 14
        return QRectF(left, 8, max(self.width() - left - 10, 1), max(height, 1))

    # --- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.fillRect(self.rect(), QColor("white"))
            plot = self._plot()
            top = self._top()

            def y_of(value: float) -> float:
                return plot.bottom() - value / top * plot.height()

            self._paint_axis(painter, plot, y_of)
            slots = max(len(self._values), 1)
            slot = plot.width() / (slots + 0.2)  # pyqtgraph's x range: -0.6 … n - 0.4
            metrics = QFontMetrics(self.font())
            text = QColor(_TEXT_COLOUR)
            for index, value in enumerate(self._values):
                centre = plot.left() + (index + 0.6) * slot
                bar = QRectF(centre - _BAR_WIDTH * slot / 2, y_of(value),
                             _BAR_WIDTH * slot, plot.bottom() - y_of(value))
                painter.fillRect(bar, self._colour)
                painter.setPen(text)
                value_box = QRectF(centre - slot / 2, bar.top() - metrics.height() - 2,
                                   slot, metrics.height())
                painter.drawText(value_box, Qt.AlignmentFlag.AlignCenter,
                                 self._bar_format(value))
                if index < len(self._labels):
                    label_box = QRectF(centre - slot / 2, plot.bottom() + 6, slot,
                                       self._bottom_margin() - 6)
                    painter.drawText(label_box, Qt.AlignmentFlag.AlignHCenter
                                     | Qt.AlignmentFlag.AlignTop, self._labels[index])
        finally:
            painter.end()

    def _paint_axis(self, painter: QPainter, plot: QRectF,
                    y_of: Callable[[float], float]) -> None:
        axis = QColor(_AXIS_COLOUR)
        grid = QColor(axis)
        grid.setAlpha(_GRID_ALPHA)
        metrics = QFontMetrics(self.font())
        for value in whole_ticks(self._top(), plot.height()):
            y = y_of(value)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QPen(axis, 1))
            painter.drawLine(QPointF(plot.left() - 5, y), QPointF(plot.left(), y))
            painter.setPen(QColor(_TEXT_COLOUR))
            painter.drawText(QRectF(0, y - metrics.height() / 2, plot.left() - 8,
                                    metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             self._axis_format(value))
        painter.setPen(QPen(axis, 1))
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
