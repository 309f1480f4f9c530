"""Remembered layout: splitter positions and table column widths, kept in QSettings.

Any `QSplitter` or item view below a root widget is remembered if it has an objectName;
the key is the chain of objectNames from the root, so two panes may both call a table
"table". The main window keeps one group per signed-in user.

Only the columns a user sized by hand (a drag or a double click on the header) are
remembered, as `index:width`; every other column keeps the width the pane fits it to
(ui/panes/columns.py), so a width measured while a table was empty or hidden is never
saved and never shrinks a name column to "…" again. Widths saved by older versions (every
column, `w,w,w`) are ignored for that reason. A right-click on a header offers
"열 너비 초기화": the hand-made widths are forgotten and the columns fitted again. Widths
are restored when the model first provides columns, because panes load their data after
the window is built.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QSplitter,
    QTableView,
    QTreeView,
    QWidget,
)


class ColumnMemory(QObject):
    """The columns of one header that the user sized by hand, and the header's menu."""

    def __init__(self, header: QHeaderView) -> None:
        super().__init__(header)
        self.setObjectName("columnMemory")
        self._header = header
        self._pressed = False
        self.user_sized: dict[int, int] = {}
        header.viewport().installEventFilter(self)
        header.sectionResized.connect(self._resized)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_menu)

    @classmethod
    def of(cls, header: QHeaderView) -> ColumnMemory:
        found = header.findChild(ColumnMemory, "columnMemory")
        return found if found is not None else cls(header)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only a left-button drag or double click sizes a column (a right click opens the
        # menu, whose release the header never sees).
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._pressed = (isinstance(event, QMouseEvent)
                             and event.button() == Qt.MouseButton.LeftButton)
        elif kind == QEvent.Type.MouseButtonRelease:
            self._pressed = False
        return False

    def _resized(self, section: int, _old: int, new: int) -> None:
        if self._pressed and self._header.sectionResizeMode(section) is \
                QHeaderView.ResizeMode.Interactive:
            self.user_sized[section] = new

    def restore(self, widths: dict[int, int]) -> None:
        """Give the hand-sized columns their widths back (they stay hand-sized)."""
        header = self._header
        for section, width in widths.items():
            if 0 <= section < header.count() and width > 0 and \
                    header.sectionResizeMode(section) is QHeaderView.ResizeMode.Interactive:
                header.resizeSection(section, width)
                self.user_sized[section] = header.sectionSize(section)

    def menu(self) -> QMenu:
        menu = QMenu(self._header)
        menu.setObjectName("headerMenu")
        reset = menu.addAction(self.tr("Reset column widths"), self.reset)
        reset.setObjectName("resetColumnWidths")
        return menu

    def reset(self) -> None:
        """"열 너비 초기화": forget the hand-made widths and fit the columns again."""
        self.user_sized.clear()
        self._pressed = False
        fitting = self._header.findChild(QObject, "columnWidths")
        apply = getattr(fitting, "apply", None)
        if callable(apply):
            apply()
        else:
            self._header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)

    def _show_menu(self, where: QPoint) -> None:
        menu = self.menu()
        menu.exec(self._header.mapToGlobal(where))
        menu.deleteLater()


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
            if header is None or key is None:
                continue
            memory = header.findChild(ColumnMemory, "columnMemory")
            sized = memory.user_sized if memory is not None else {}
            if sized:
                settings.setValue(f"columns/{key}",
                                  ",".join(f"{i}:{w}" for i, w in sorted(sized.items())))
            else:
                settings.remove(f"columns/{key}")
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
            memory = ColumnMemory.of(header)
            widths = _parse_widths(settings.value(f"columns/{key}"))
            if widths:
                _apply_widths(header, memory, widths)
    finally:
        settings.endGroup()


def _parse_widths(value: object) -> dict[int, int]:
    """`index:width` pairs; an older all-columns list or a hand-edited value: nothing."""
    text = ",".join(value) if isinstance(value, list) else str(value or "")
    widths: dict[int, int] = {}
    for part in text.split(","):
        index, colon, width = part.strip().partition(":")
        if not colon:
            return {}
        try:
            widths[int(index)] = int(width)
        except ValueError:
            return {}
    return widths


def _apply_widths(header: QHeaderView, memory: ColumnMemory, widths: dict[int, int]) -> None:
    if header.count() > 0:
        memory.restore(widths)
        return

    def on_columns(_old: int, new: int) -> None:
        if new > 0:
            header.sectionCountChanged.disconnect(on_columns)
            memory.restore(widths)

    header.sectionCountChanged.connect(on_columns)
