"""충돌 기록: each conflict the merge rules settled, with both versions side by side.

The server's last-writer-wins rule keeps one version of a row and sets the other aside;
nothing is dropped silently. Here a manager sees when, which record, both versions (the
fields that differ marked) and which one won, and can bring either back as a new change
("이 버전으로 복원"), which then syncs like any other edit.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.services.sync_service import ConflictView
from the5hc_desktop.ui import gym_clock, worker
from the5hc_desktop.ui.messages import MessageBridge

Restore = Callable[[uuid.UUID, str], object]  # (conflict id, "winner" | "loser")
_HIDDEN = frozenset({"id", "hlc", "change_stamp", "updated_by_device", "updated_at"})


def version_text(version: dict[str, Any] | None, other: dict[str, Any] | None) -> str:
    """One version as "field: value" lines, the fields that differ from `other` first and
    marked "▶", so the change is what a person reads first."""
    if not version:
        return ""
    data = dict(version.get("data") or {})
    theirs = dict((other or {}).get("data") or {})
    lines = []
    if version.get("deleted"):
        lines.append("▶ (삭제됨 / deleted)")
    for key in sorted(data, key=lambda k: (data.get(k) == theirs.get(k), k)):
        if key in _HIDDEN:
            continue
        mark = "▶ " if data.get(key) != theirs.get(key) else "   "
        value = data[key]
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        lines.append(f"{mark}{key}: {shown}")
    return "\n".join(lines)


def record_name(conflict: ConflictView) -> str:
    """A name a person recognises (member, staff, setting key), else the id's start."""
    for version in (conflict.winner, conflict.loser):
        data = (version or {}).get("data") or {}
        for key in ("name", "display_name", "username", "key"):
            if data.get(key):
                return str(data[key])
    return str(conflict.row_id)[:8]


class ConflictLog(QWidget):
    """The list on the left, the two versions on the right."""

    restored = Signal()

    def __init__(
        self,
        load: Callable[[], list[ConflictView]],
        restore: Restore,
        messages: MessageBridge,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncConflictLog")
        self._load = load
        self._restore = restore
        self._messages = messages
        self.conflicts: list[ConflictView] = []

        self.list = QListWidget()
        self.list.setObjectName("syncConflictList")
        self.list.currentRowChanged.connect(self._show)
        self.empty = QLabel(self.tr("No conflicts. When two desks change the same record, "
                                    "the version that was set aside is kept here."))
        self.empty.setObjectName("syncConflictEmpty")
        self.empty.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("syncConflictSummary")
        self.summary.setWordWrap(True)
        self.kept = _version_box("syncConflictWinner")
        self.set_aside = _version_box("syncConflictLoser")
        self.restore_kept = QPushButton(self.tr("Restore this version"))
        self.restore_kept.setObjectName("syncConflictRestoreWinner")
        self.restore_kept.clicked.connect(lambda: self.restore_selected("winner"))
        self.restore_set_aside = QPushButton(self.tr("Restore this version"))
        self.restore_set_aside.setObjectName("syncConflictRestoreLoser")
        self.restore_set_aside.clicked.connect(lambda: self.restore_selected("loser"))

        versions = QWidget()
        grid = QGridLayout(versions)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.summary, 0, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Kept (won)")), 1, 0)
        grid.addWidget(QLabel(self.tr("Set aside")), 1, 1)
        grid.addWidget(self.kept, 2, 0)
        grid.addWidget(self.set_aside, 2, 1)
        grid.addWidget(self.restore_kept, 3, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.restore_set_aside, 3, 1, Qt.AlignmentFlag.AlignLeft)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(versions)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([330, 670])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        self._show(-1)

    def reload(self) -> None:
        worker.run(lambda _ctx: self._load(), self._loaded, parent=self)

    def _loaded(self, conflicts: list[ConflictView]) -> None:
        current = self.selected()
        self.conflicts = conflicts
        self.list.blockSignals(True)
        self.list.clear()
        for conflict in conflicts:
            at = gym_clock.stamp(conflict.at)
            item = QListWidgetItem(f"{at} · {self._entity_label(conflict.entity)} "
                                   f"{record_name(conflict)}")
            item.setToolTip(self._reason_label(conflict.reason))
            item.setData(Qt.ItemDataRole.UserRole, str(conflict.id))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.empty.setVisible(not conflicts)
        ids = [c.id for c in conflicts]
        row = ids.index(current.id) if current is not None and current.id in ids else (
            0 if conflicts else -1)
        self.list.setCurrentRow(row)
        self._show(row)

    def selected(self) -> ConflictView | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show(self, row: int) -> None:
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        restorable = conflict is not None and conflict.entity not in _FACTS
        self.restore_kept.setEnabled(restorable and bool(conflict and conflict.winner))
        self.restore_set_aside.setEnabled(restorable and bool(conflict and conflict.loser))
        if conflict is None:
            self.summary.clear()
            self.kept.clear()
            self.set_aside.clear()
            return
        self.summary.setText(self.tr("{entity} {row} · {reason}").format(
            entity=self._entity_label(conflict.entity), row=record_name(conflict),
            reason=self._reason_label(conflict.reason)))
        self.kept.setPlainText(version_text(conflict.winner, conflict.loser))
        self.set_aside.setPlainText(version_text(conflict.loser, conflict.winner))

    def restore_selected(self, side: str) -> None:
        conflict = self.selected()
        if conflict is None:
            return
        worker.run(lambda _ctx: self._restore(conflict.id, side), self._restore_done,
                   on_failure=self._restore_failed, parent=self)

    def _restore_done(self, _result: object) -> None:
        self._messages.success(self.tr("The version was restored; it is sent with the next "
                                       "sync."))
        self.restored.emit()

    def _restore_failed(self, error: The5HCError) -> None:
        self._messages.show_error(error)


    def _entity_label(self, entity: str) -> str:
        labels = {
            "clients": self.tr("Member"),
            "staff_accounts": self.tr("Staff account"),
            "settings": self.tr("Setting"),
            "assessments": self.tr("Assessment"),
            "session_packages": self.tr("Package"),
            "sessions": self.tr("Session"),
        }
        return labels.get(entity, entity)

    def _reason_label(self, reason: str) -> str:
        labels = {
            "superseded": self.tr("a newer version from another desk won"),
            "concurrent_edit": self.tr("edited on two desks; the later edit won"),
            "cancel_vs_complete": self.tr("cancelled on one desk, completed on another"),
            "status": self.tr("status changed on two desks"),
        }
        return labels.get(reason, reason)


_FACTS = frozenset({"credit_ledger", "payments", "fee_audit_entries", "audit_log"})


def _version_box(name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setReadOnly(True)
    box.setMinimumHeight(160)
    return box
