"""Remembered layout: splitter positions and table column widths, kept in QSettings.

Any `QSplitter` or item view below a root widget is remembered if it has an objectName;
the key is the chain of objectNames from the root, so two panes may both call a table
"table". Column widths are restored when the model first provides columns, because panes
load their data after the window is built.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, QSettings
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QTreeView,
    QWidget,
)


def _path(root: QWidget, widget: QWidget) -> str | None:
    """objectNames from `root` (exclusive) down to `widget`; None if `widget` is unnamed."""
    if not widget.objectName():
        return None
    names: list[str] = []
    node: QObject | None = widget
    while node is not None and node is not root:
        if node.objectName():
            names.append(node.objectName())
        node = node.parent()
    return "/".join(reversed(names))


def _header(view: QAbstractItemView) -> QHeaderView | None:
    if isinstance(view, QTableView):
        return view.horizontalHeader()
    if isinstance(view, QTreeView):
        return view.header()
    return None


def save_view_state(settings: QSettings, root: QWidget, group: str) -> None:
    settings.beginGroup(group)
    try:
        for splitter in root.findChildren(QSplitter):
            key = _path(root, splitter)
            if key is not None:
                settings.setValue(f"splitter/{key}", splitter.saveState())
        for view in root.findChildren(QAbstractItemView):
            header = _header(view)
            key = _path(root, view)
            if header is not None and key is not None and header.count() > 0:
                widths = [header.sectionSize(i) for i in range(header.count())]
                settings.setValue(f"columns/{key}", ",".join(map(str, widths)))
    finally:
        settings.endGroup()


def restore_view_state(settings: QSettings, root: QWidget, group: str) -> None:
    settings.beginGroup(group)
    try:
        for splitter in root.findChildren(QSplitter):
            key = _path(root, splitter)
            state = settings.value(f"splitter/{key}") if key is not None else None
            if isinstance(state, QByteArray | bytes):
                splitter.restoreState(QByteArray(state))
        for view in root.findChildren(QAbstractItemView):
            header = _header(view)
            key = _path(root, view)
            if header is None or key is None:
                continue
            widths = _parse_widths(settings.value(f"columns/{key}"))
            if widths:
                _apply_widths(header, widths)
    finally:
        settings.endGroup()


def _parse_widths(value: object) -> list[int]:
    text = ",".join(value) if isinstance(value, list) else str(value or "")
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        return []  # a hand-edited or foreign settings file: fall back to default widths


def _apply_widths(header: QHeaderView, widths: list[int]) -> None:
    def apply() -> None:
        last = header.count() - 1
        for index, width in enumerate(widths[: header.count()]):
            stretched = index == last and header.stretchLastSection()
            if width > 0 and not stretched:
                header.resizeSection(index, width)

    if header.count() > 0:
        apply()
        return

    def on_columns(_old: int, new: int) -> None:
        if new > 0:
            header.sectionCountChanged.disconnect(on_columns)
            apply()

    header.sectionCountChanged.connect(on_columns)
