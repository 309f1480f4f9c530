"""Navigation icons drawn at run time: a coloured badge with the pane title's first letter.

No image files to bundle, and the letter follows the UI language (회 for 회원 관리).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPixmap

PALETTE = ("#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#4e342e")


def badge_icon(text: str, index: int = 0, size: int = 32) -> QIcon:
    ratio = 2.0  # drawn at double size so it stays sharp on high-DPI screens
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(PALETTE[index % len(PALETTE)]))
        rect = QRectF(1, 1, size - 2, size - 2)
        painter.drawRoundedRect(rect, size * 0.25, size * 0.25)
        font = QFont(QGuiApplication.font())
        font.setBold(True)
        font.setPixelSize(int(size * 0.5))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text[:1])
    finally:
        painter.end()
    return QIcon(pixmap)
