"""Navigation icons: line drawings shipped in resources/icons (nav-*.svg), one per pane.

A pane without a drawing (a later pane, or a file missing from a broken install) falls back
to a coloured badge with the first letter of its title, drawn at run time.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from the5hc_desktop import paths

# Pane object name -> drawing (resources/icons/nav-<name>.svg).
PANE_ICONS = {
    "dashboardPane": "dashboard",
    "clientsPane": "clients",
    "assessmentPane": "assessment",
    "sessionsPane": "sessions",
    "reportsPane": "reports",
    "analyticsPane": "analytics",
    "settingsPane": "settings",
}


def icon_path(name: str) -> Path:
    return paths.resources_dir() / "icons" / f"nav-{name}.svg"


def pane_icon(object_name: str, size: int = 32) -> QIcon | None:
    """The drawing for a pane, rendered sharp at twice `size`; None when there is none."""
    name = PANE_ICONS.get(object_name)
    if name is None:
        return None
    renderer = QSvgRenderer(str(icon_path(name)))
    if not renderer.isValid():
        return None
    ratio = 2.0
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
    finally:
        painter.end()
    return QIcon(pixmap)

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
