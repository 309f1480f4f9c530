"""One chart with its table behind it: a "차트 / 표" switch over a stack.

The chart widget arrives later (pyqtgraph is imported with the first report); until then,
and whenever there is nothing to draw, the panel shows a plain line ("데이터 없음") instead
of empty axes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

_TOGGLE_STYLE = """
QToolButton { padding: 3px 12px; border: 1px solid #b0bec5; background: white; color: #37474f; }
QToolButton:checked { background: #1565c0; color: white; border-color: #1565c0; }
"""


class ChartPanel(QWidget):
    def __init__(self, name: str, table: QWidget, chart_text: str, table_text: str,
                 note: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.table = table
        self.chart: QWidget | None = None
        self._empty = True
        self.chart_button = QToolButton()
        self.table_button = QToolButton()
        group = QButtonGroup(self)
        for button, text, key in ((self.chart_button, chart_text, "Chart"),
                                  (self.table_button, table_text, "Table")):
            button.setText(text)
            button.setObjectName(f"{name}{key}")
            button.setCheckable(True)
            button.setStyleSheet(_TOGGLE_STYLE)
            group.addButton(button)
        self.chart_button.setChecked(True)
        self.note = QLabel(note)
        self.note.setStyleSheet("color: #607d8b;")
        self.note.setWordWrap(True)
        self.empty_label = QLabel()
        self.empty_label.setObjectName(f"{name}Empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #78909c; font-size: 13pt;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(table)
        for button in (self.chart_button, self.table_button):
            button.toggled.connect(lambda _on: self._show())
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.setSpacing(0)
        top.addWidget(self.chart_button)
        top.addWidget(self.table_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    def set_chart(self, chart: QWidget) -> None:
        self.chart = chart
        self.stack.addWidget(chart)
        self._show()

    def set_empty(self, empty: bool, text: str) -> None:
        """Show `text` instead of the chart and the table when there is nothing to show."""
        self._empty = empty
        self.empty_label.setText(text)
        self._show()

    def showing_chart(self) -> bool:
        return self.chart_button.isChecked()

    def shown(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _show(self) -> None:
        if self._empty:
            self.stack.setCurrentWidget(self.empty_label)
        elif self.chart_button.isChecked():
            self.stack.setCurrentWidget(self.chart if self.chart is not None
                                        else self.empty_label)
        else:
            self.stack.setCurrentWidget(self.table)
