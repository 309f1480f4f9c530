"""회원 병합 (owner and senior): one person registered twice becomes one member again.

Pick the other record (name, 초성 or phone, searched on the data lane as in the list),
compare the two side by side, choose which one stays, confirm a question that names what
moves, and the merge runs on the data lane; the dialog then shows the moved counts. A merge
cannot be undone, which the dialog says before anything is chosen.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.domain.people import format_phone
from the5hc_desktop.services.clients import ClientRow, ClientService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.merge_members import MemberRecord, MergeMembersService, MergeResult
from the5hc_desktop.services.permissions import Capability, can
from the5hc_desktop.ui import dialogs, worker
from the5hc_desktop.ui.actions import QT_TRANSLATE_NOOP, ActionSpec, Scope
from the5hc_desktop.ui.messages import error_text
from the5hc_desktop.ui.panes.clients.widgets import SearchBox

SEARCH_DEBOUNCE_MS = 150
SEARCH_LIMIT = 30
MISSING = "—"

# Result keys in the order the summary names them, with their labels.
MOVED_LABELS: dict[str, str] = {
    "session_packages": QT_TRANSLATE_NOOP("MergeMembersDialog", "packages"),
    "sessions": QT_TRANSLATE_NOOP("MergeMembersDialog", "sessions"),
    "assessments": QT_TRANSLATE_NOOP("MergeMembersDialog", "assessments"),
    "health_screenings": QT_TRANSLATE_NOOP("MergeMembersDialog", "health screenings"),
    "assessment_health": QT_TRANSLATE_NOOP("MergeMembersDialog", "assessment health records"),
    "payments": QT_TRANSLATE_NOOP("MergeMembersDialog", "payments"),
}


def may_merge(actor: Actor) -> bool:
    return can(actor, Capability.DELETE)


def refusal_text() -> str:
    """Why the merge is not offered to this role."""
    return QCoreApplication.translate(
        "MergeMembersDialog", "Only the owner or a senior trainer can merge members.")


def choose_first_text() -> str:
    return QCoreApplication.translate(
        "MergeMembersDialog", "First select one of the two members in the list.")


def done_text(result: MergeResult) -> str:
    return QCoreApplication.translate("MergeMembersDialog", "Members merged: {moved}").format(
        moved=moved_summary(result))


def merge_action() -> ActionSpec:
    """The File-menu entry (owner and senior only; the pane leaves it out for others)."""
    return ActionSpec("client.merge", QT_TRANSLATE_NOOP("Actions", "Merge &members…"),
                      "merge_members", None, scope=Scope.PANE)


def add_menu_entry(menu: QMenu, actor: Actor, merge: Callable[[], object]) -> QAction:
    """The context-menu entry; disabled, with the reason as its tooltip, for other roles."""
    caption = QCoreApplication.translate("MergeMembersDialog", "Merge with another member…")
    action = menu.addAction(caption, merge)
    if not may_merge(actor):
        action.setEnabled(False)
        action.setToolTip(refusal_text())
        menu.setToolTipsVisible(True)
    return action


def moved_summary(result: MergeResult) -> str:
    parts = [f"{QCoreApplication.translate('MergeMembersDialog', label)} {result.moved[key]}"
             for key, label in MOVED_LABELS.items() if result.moved.get(key, 0)]
    return ", ".join(parts) or QCoreApplication.translate("MergeMembersDialog",
                                                          "no records to move")


def who(record: MemberRecord) -> str:
    """The name with the phone: twins usually share the name."""
    return f"{record.name}({format_phone(record.phone)})" if record.phone else record.name


class RecordCard(QGroupBox):
    """One member's facts and the 'keep this one' choice."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.keep = QRadioButton(self.tr("Keep this member"))
        self.keep.setObjectName(f"{name}Keep")
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        rows = (("name", QT_TRANSLATE_NOOP("RecordCard", "Name")),
                ("phone", QT_TRANSLATE_NOOP("RecordCard", "Phone")),
                ("birth", QT_TRANSLATE_NOOP("RecordCard", "Birth date")),
                ("registered", QT_TRANSLATE_NOOP("RecordCard", "Registered")),
                ("packages", QT_TRANSLATE_NOOP("RecordCard", "Packages")),
                ("sessions", QT_TRANSLATE_NOOP("RecordCard", "Sessions")),
                ("assessments", QT_TRANSLATE_NOOP("RecordCard", "Assessments")),
                ("payments", QT_TRANSLATE_NOOP("RecordCard", "Payments")))
        for key, caption in rows:
            label = QLabel(MISSING)
            label.setObjectName(f"{name}_{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = label
            form.addRow(self.tr(caption), label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.keep)
        self.record: MemberRecord | None = None
        self.show_record(None)

    def show_record(self, record: MemberRecord | None) -> None:
        self.record = record
        self.keep.setEnabled(record is not None)
        if record is None:
            self.setTitle(self.tr("Choose the other member"))
            for label in self.values.values():
                label.setText(MISSING)
            return
        self.setTitle(record.name)
        shown = {
            "name": record.name,
            "phone": format_phone(record.phone) if record.phone else MISSING,
            "birth": record.birth_date.isoformat() if record.birth_date else MISSING,
            "registered": record.registered.date().isoformat(),
            "packages": str(record.packages),
            "sessions": str(record.sessions),
            "assessments": str(record.assessments),
            "payments": str(record.payments),
        }
        for key, value in shown.items():
            self.values[key].setText(value)


class MergeMembersDialog(QDialog):
    """See the module docstring. `merged` carries the MergeResult once the merge is done."""

    merged = Signal(object)
    left: RecordCard
    right: RecordCard
    matches: QListWidget

    def __init__(
        self,
        clients: ClientService,
        merge: MergeMembersService,
        actor: Actor,
        first_id: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeMembersDialog")
        self.setWindowTitle(self.tr("Merge members"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._clients = clients
        self._merge = merge
        self._actor = actor
        self._first_id = first_id
        self._search_generation = 0
        self.result_value: MergeResult | None = None
        self._build()
        self._load_record(first_id, self.left)

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        warning = QLabel(self.tr(
            "For one person registered twice. The packages, sessions, assessments and "
            "payments of the member not kept move to the member kept, whose record is then "
            "deleted. A merge cannot be undone."))
        warning.setObjectName("mergeWarning")
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #b23b00;")

        self.search_edit = SearchBox()
        self.search_edit.setObjectName("mergeSearch")
        self.search_edit.setPlaceholderText(
            self.tr("Find the other member: name, initials (ㄱㅁㅅ) or phone"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._search_edited)
        self.search_edit.down_pressed.connect(lambda: self.matches.setFocus())
        self.matches = QListWidget()
        self.matches.setObjectName("mergeMatches")
        self.matches.setMaximumHeight(140)
        self.matches.currentItemChanged.connect(self._match_chosen)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self.search_timer.timeout.connect(self._search)

        self.left = RecordCard("mergeLeft")
        self.right = RecordCard("mergeRight")
        self.keep_group = QButtonGroup(self)  # one survivor: the cards are two parents
        self.keep_group.addButton(self.left.keep)
        self.keep_group.addButton(self.right.keep)
        self.left.keep.toggled.connect(self._update_buttons)
        self.right.keep.toggled.connect(self._update_buttons)
        cards = QHBoxLayout()
        cards.addWidget(self.left, 1)
        cards.addWidget(self.right, 1)

        self.result_label = QLabel()
        self.result_label.setObjectName("mergeResult")
        self.result_label.setWordWrap(True)
        self.result_label.hide()

        self.buttons = QDialogButtonBox()
        self.merge_button = QPushButton(self.tr("Merge…"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.clicked.connect(self.confirm_and_merge)
        self.close_button = QPushButton(self.tr("Cancel"))
        self.close_button.setObjectName("mergeClose")
        self.close_button.clicked.connect(self.reject)
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.matches)
        layout.addLayout(cards)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.resize(720, 560)
        self._update_buttons()

    # --- the other member -----------------------------------------------------------------
    def _search_edited(self, _text: str) -> None:
        self.search_timer.start()

    def _search(self) -> None:
        query = self.search_edit.text().strip()
        self._search_generation += 1
        generation = self._search_generation
        if not query:
            self.matches.clear()
            return
        clients, actor = self._clients, self._actor
        worker.run(
            lambda _ctx: clients.search(actor, query, active=None, limit=SEARCH_LIMIT).rows,
            lambda rows: self._matches_arrived(generation, rows),
            parent=self,
        )

    def _matches_arrived(self, generation: int, rows: tuple[ClientRow, ...]) -> None:
        if generation != self._search_generation:
            return  # a later keystroke's search is on its way
        self.matches.clear()
        for row in rows:
            if row.id == self._first_id:
                continue
            shown = " · ".join(part for part in (row.name, row.phone_display) if part)
            if not row.active:
                shown += self.tr(" (inactive)")
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.matches.addItem(item)

    def _match_chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self._load_record(item.data(Qt.ItemDataRole.UserRole), self.right)

    def _load_record(self, client_id: uuid.UUID, card: RecordCard) -> None:
        merge, actor = self._merge, self._actor
        worker.run(lambda _ctx: merge.record(actor, client_id),
                   lambda record: self._record_arrived(card, record),
                   on_failure=self._show_error, parent=self)

    def _record_arrived(self, card: RecordCard, record: MemberRecord) -> None:
        card.show_record(record)
        if card is self.left and not self.right.keep.isChecked():
            self.left.keep.setChecked(True)
        self._update_buttons()

    # --- the merge ------------------------------------------------------------------------
    def survivor_and_other(self) -> tuple[MemberRecord, MemberRecord] | None:
        left, right = self.left.record, self.right.record
        if left is None or right is None:
            return None
        return (left, right) if self.left.keep.isChecked() else (right, left)

    def _update_buttons(self) -> None:
        ready = self.result_value is None and self.survivor_and_other() is not None
        self.merge_button.setEnabled(ready)

    def confirmation_text(self, survivor: MemberRecord, other: MemberRecord) -> str:
        kept, gone = who(survivor), who(other)
        return self.tr(
            "{packages} package(s), {sessions} session(s), {assessments} assessment(s) and "
            "{payments} payment(s) of {gone} move to {kept}, and the record of {gone} is "
            "deleted.\n\nA merge cannot be undone. Continue?").format(
            packages=other.packages, sessions=other.sessions, assessments=other.assessments,
            payments=other.payments, gone=gone, kept=kept)

    def confirm_and_merge(self) -> None:
        chosen = self.survivor_and_other()
        if chosen is None or not may_merge(self._actor):
            return
        survivor, other = chosen
        if not dialogs.ask(self, self.tr("Merge members"),
                           self.confirmation_text(survivor, other), destructive=True):
            return
        self.merge_button.setEnabled(False)
        merge, actor = self._merge, self._actor
        worker.run(lambda _ctx: merge.merge(actor, survivor.id, other.id),
                   lambda result: self._merged(survivor, result),
                   on_failure=self._failed,
                   progress_label=self.tr("Merging the members…"),
                   cancellable=False, parent=self)

    def _merged(self, survivor: MemberRecord, result: MergeResult) -> None:
        self.result_value = result
        self.result_label.setText(self.tr("Merged. Records now under {name}: {moved}").format(
            name=survivor.name, moved=moved_summary(result)))
        self.result_label.setStyleSheet("color: #1b5e20; font-weight: bold;")
        self.result_label.show()
        for widget in (self.search_edit, self.matches, self.left.keep, self.right.keep):
            widget.setEnabled(False)
        self.merge_button.hide()
        self.close_button.setText(self.tr("Close"))
        self.close_button.clicked.disconnect()
        self.close_button.clicked.connect(self.accept)
        self.merged.emit(result)

    def _failed(self, error: The5HCError) -> None:
        self._show_error(error)
        self._update_buttons()

    def _show_error(self, error: The5HCError) -> None:
        self.result_label.setText(error_text(error))
        self.result_label.setStyleSheet("color: #b00020;")
        self.result_label.show()
