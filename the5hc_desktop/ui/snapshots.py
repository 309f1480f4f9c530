"""PNG snapshots of widgets, for the self-test, bug reports and documentation.

Works offscreen: `QWidget.grab()` renders the widget even when it was never shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget


def save_widget_png(widget: QWidget, path: str | Path) -> Path:
    """Render `widget` into a PNG file at `path` (folders are created); returns the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    widget.ensurePolished()
    QCoreApplication.processEvents()  # let pending layout requests settle before rendering
    if not widget.grab().save(str(target), "PNG"):
        raise OSError(f"could not write the snapshot {target}")
    return target
