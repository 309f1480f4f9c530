"""도움말: the shortcut list (도움말 → 단축키, F1) and the tips shown where a trick is hidden.

The list is read from the action registry, so a new action with a shortcut appears in it
without anyone editing this file; keys that only work inside one screen (not actions of
the window) are listed after them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.ui.actions import QT_TRANSLATE_NOOP, ActionRegistry

_CONTEXT = "Help"

# Keys handled inside one screen: (keys, what they do).
SCREEN_KEYS: tuple[tuple[str, str], ...] = (
    ("Space", QT_TRANSLATE_NOOP("Help", "Assessment, single-leg balance: start / stop the "
                                        "stopwatch of the ticked trial")),
    ("Ctrl+Z", QT_TRANSLATE_NOOP("Help", "Schedule: undo the last completed / no-show / "
                                         "cancelled check-off")),
    ("Enter", QT_TRANSLATE_NOOP("Help", "Sign-in and lock screen: sign in / unlock")),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def search_tip() -> str:
    """What the member search boxes understand (초성 is not something a new desk guesses)."""
    return QCoreApplication.translate(
        "Help", "Type part of the name, its initial consonants (ㄱㅁㅅ finds 김민수) or the "
        "last four digits of the phone (5678). Spaces and hyphens are ignored.")


def stopwatch_tip() -> str:
    return QCoreApplication.translate(
        "Help", "Space bar: start / stop the stopwatch of the ticked trial, also while the "
        "cursor is in a field.")


def add_search_tip(edit: QLineEdit) -> None:
    edit.setToolTip(search_tip())


def _plain(text: str) -> str:
    """A menu text without its mnemonic ("&Print…" → "Print…", "인쇄(&P)…" → "인쇄…")."""
    for mnemonic in [f"(&{c})" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]:
        text = text.replace(mnemonic, "")
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_rows(registry: ActionRegistry) -> list[tuple[str, str]]:
    """(keys as shown on this system, what they do) for every action with a shortcut, then
    the keys of single screens."""
    rows = [
        (QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText),
         _plain(registry.action(spec.id).text()))
        for spec in registry.specs() if spec.shortcut
    ]
    rows += [(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText) or keys,
              _tr(text)) for keys, text in SCREEN_KEYS]
    return rows


class ShortcutsDialog(QDialog):
    """도움말 → 단축키: every shortcut, read from the registry."""

    def __init__(self, registry: ActionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows(registry)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Does")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        for row, (keys, text) in enumerate(rows):
            key_item = QTableWidgetItem(keys)
            key_item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, 0, key_item)
            self.table.setItem(row, 1, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Row heights follow the wrapped text at the width the table really gets.
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        note = QLabel(self.tr("Menus show the same keys next to each command."))
        note.setStyleSheet("color: #607d8b;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(600, 560)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def rows(self) -> list[tuple[str, str]]:
        return [(self._cell(r, 0), self._cell(r, 1)) for r in range(self.table.rowCount())]

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
