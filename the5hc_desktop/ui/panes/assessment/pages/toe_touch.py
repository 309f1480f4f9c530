"""Step 5: toe touch, with a sign convention nobody can misread (gotcha G9)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from ..draft import WizardDraft
from .common import NumberEdit, TestPage, WizardContext, field_row, form_layout, hint_label

SCALE_CM = 20  # the ruler shows −20 … +20 cm


class ToeTouchRuler(QWidget):
    """A ruler with the toes at 0: short of them to the left (−), past them to the right (+),
    and a marker at the entered value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toeTouchRuler")
        self._value: float | None = None
        self.setMinimumHeight(86)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(460, 86)

    def set_value(self, value: float | None) -> None:
        self._value = value
        self.update()

    def _x(self, cm: float, left: float, width: float) -> float:
        cm = max(-SCALE_CM, min(SCALE_CM, cm))
        return left + (cm + SCALE_CM) / (2 * SCALE_CM) * width

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        left, right = 16.0, self.width() - 16.0
        width = right - left
        axis = 46.0
        zero = self._x(0, left, width)
        painter.fillRect(QRectF(left, axis - 8, zero - left, 16), QColor("#ffe0b2"))
        painter.fillRect(QRectF(zero, axis - 8, right - zero, 16), QColor("#c8e6c9"))
        painter.setPen(QPen(QColor("#455a64"), 1.5))
        painter.drawLine(QPointF(left, axis), QPointF(right, axis))
        for cm in range(-SCALE_CM, SCALE_CM + 1, 5):
            x = self._x(cm, left, width)
            painter.drawLine(QPointF(x, axis - 5), QPointF(x, axis + 5))
            text = f"{cm:+d}" if cm else "0"
            painter.drawText(QPointF(x - metrics.horizontalAdvance(text) / 2, axis + 22), text)
        painter.setPen(QPen(QColor("#1565c0"), 3))
        painter.drawLine(QPointF(zero, axis - 14), QPointF(zero, axis + 8))
        toes = self.tr("Toes (0)")
        painter.drawText(QPointF(zero - metrics.horizontalAdvance(toes) / 2, axis - 18), toes)
        painter.setPen(QColor("#e65100"))
        painter.drawText(QPointF(left, 14), self.tr("− short of the toes"))
        painter.setPen(QColor("#2e7d32"))
        past = self.tr("past the toes +")
        painter.drawText(QPointF(right - metrics.horizontalAdvance(past), 14), past)
        if self._value is not None:
            x = self._x(self._value, left, width)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#c62828"))
            painter.drawPolygon(QPolygonF([
                QPointF(x, axis - 2), QPointF(x - 7, axis - 14), QPointF(x + 7, axis - 14)
            ]))
        painter.end()


class ToeTouchPage(TestPage):
    TEST_KEY = "toe_touch"
    VALUE_FIELDS = ("toe_touch_cm",)
    FIELDS = VALUE_FIELDS

    def __init__(self, context: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Toe touch"))
        self.setSubTitle(self.tr(
            "Standing, knees straight, reach down slowly; measure from the fingertips to the "
            "toes."
        ))
        self.distance = NumberEdit("toe_touch_cm")
        self.ruler = ToeTouchRuler()
        self.sign_hint = hint_label(self.tr(
            "Fingertips past the toes: enter + (e.g. 5). Short of the toes: enter − "
            "(e.g. −8). Exactly at the toes: 0."
        ), "toeTouchSignHint")
        self.sign_hint.setStyleSheet("color: #0d47a1; font-weight: bold;")
        form = form_layout()
        distance_row = field_row(self.distance, "cm")
        form.addRow(self.tr("Distance"), distance_row)
        form.addRow("", self.sign_hint)
        form.addRow("", self.ruler)
        self.add_common_rows(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.page_error_label())
        self.errors.register(distance_row, "toe_touch_cm")
        self.distance.textChanged.connect(self.notify_changed)

    def load(self, draft: WizardDraft) -> None:
        self.distance.set_value(draft.value("toe_touch_cm"))

    def store(self, draft: WizardDraft) -> WizardDraft:
        return draft.with_values(toe_touch_cm=self.distance.value())

    def refresh_live(self) -> None:
        super().refresh_live()
        value = self.distance.value()
        self.ruler.set_value(float(value) if isinstance(value, int | float) else None)
