"""Holds the place of the category chart until the first review needs it.

pyqtgraph takes a noticeable time to import; the wizard opens without it and the chart is
built (once) on the first review.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from the5hc_desktop.domain.series import SeriesPoint

if TYPE_CHECKING:
    from .chart import CategoryChart


class ChartSlot(QWidget):
    def __init__(self, not_measured: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoryChartSlot")
        self._not_measured = not_measured
        self.chart: CategoryChart | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setMinimumSize(280, 220)

    def set_series(self, points: Sequence[SeriesPoint], language: str) -> None:
        if self.chart is None:
            from the5hc_desktop.ui.source_lines import forget_source_lines

            from .chart import CategoryChart

            forget_source_lines()  # pyqtgraph's and numpy's, cached by PySide6's hook

            self.chart = CategoryChart(self._not_measured, self)
            self._layout.addWidget(self.chart)
        self.chart.set_series(points, language)
