"""The framed boxes the dashboard is made of: a metric card and a titled panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

CARD_STYLE = """
QFrame[dashboardCard="true"] {
    background: #ffffff;
    border: 1px solid #dde3ea;
    border-radius: 8px;
}
QLabel[role="cardTitle"] { color: #546e7a; font-weight: bold; }
QLabel[role="cardValue"] { color: #1a2733; font-size: 20pt; font-weight: bold; }
QLabel[role="cardDetail"] { color: #607d8b; }
QLabel[role="panelTitle"] { color: #263238; font-size: 11pt; font-weight: bold; }
QLabel[role="empty"] { color: #90a4ae; }
"""


def _label(role: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    return label


class MetricCard(QFrame):
    """A title, one big figure and a detail line ("이번 달 신규 +3명")."""

    def __init__(self, name: str, title: str, accent: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("dashboardCard", True)
        # The coloured top edge tells the cards apart at a glance.
        self.setStyleSheet(f"QFrame#{name} {{ border-top: 3px solid {accent}; }}")
        self.title_label = _label("cardTitle", title)
        # Long English titles wrap instead of being cut at the card's edge.
        self.title_label.setWordWrap(True)
        self.value_label = _label("cardValue", "–")
        self.value_label.setObjectName(f"{name}Value")
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label = _label("cardDetail")
        self.detail_label.setObjectName(f"{name}Detail")
        self.detail_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail_label)
        layout.addStretch(1)
        # Every card as tall as a three-line detail needs, and free to grow when a title or
        # detail wraps further on a narrow window: the row stays even and nothing is cut.
        self.detail_label.setMinimumHeight(3 * self.detail_label.fontMetrics().lineSpacing())
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setMinimumWidth(170)

    def set_figures(self, value: str, detail: str = "", tooltip: str = "") -> None:
        self.value_label.setText(value)
        self.detail_label.setText(detail)
        self.setToolTip(tooltip)

    def clipped_labels(self) -> list[str]:
        """The labels whose text does not fit where they are shown (none, when all is well)."""
        clipped = []
        for label in (self.title_label, self.value_label, self.detail_label):
            needed = (label.heightForWidth(label.width()) if label.wordWrap()
                      else label.sizeHint().height())
            too_wide = not label.wordWrap() and label.sizeHint().width() > label.width()
            if needed > label.height() or too_wide:
                clipped.append(label.text())
        return clipped

    def value(self) -> str:
        return self.value_label.text()

    def detail(self) -> str:
        return self.detail_label.text()


class Panel(QFrame):
    """A titled white box holding a chart or a list; `body` is its content layout."""

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("dashboardCard", True)
        self.title_label = _label("panelTitle", title)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 10, 14, 12)
        self.body.setSpacing(6)
        self.body.addWidget(self.title_label)


def empty_label(text: str) -> QLabel:
    """The grey line a list shows instead of an empty table."""
    label = _label("empty", text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setMinimumHeight(60)
    return label
