"""The pane's list of unfinished assessments saved on this computer (resume or discard)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.ui.dialogs import ask
from the5hc_desktop.ui.panes.columns import fit_columns
from the5hc_desktop.ui.rows_model import read_only_table

from .draft import DraftStore, WizardDraft
from .models import DraftListModel, draft_samples


class DraftsBox(QGroupBox):
    resume_requested = Signal(object)  # WizardDraft, freshly read from its file

    def __init__(self, store: DraftStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBox")
        self.setTitle(self.tr("Unfinished assessments on this computer"))
        self.store = store
        self.may_resume = True
        self.model = DraftListModel(self)
        self.table = read_only_table("draftTable", self.model)
        fit_columns(self.table, 0, draft_samples())
        self.table.setMaximumHeight(150)
        self.resume_button = QPushButton(self.tr("Continue"))
        self.resume_button.setObjectName("resumeDraftButton")
        self.discard_button = QPushButton(self.tr("Discard draft"))
        self.discard_button.setObjectName("discardDraftButton")
        self.empty_label = QLabel(self.tr(
            "None. An assessment left unfinished is kept here, to continue later."))
        self.empty_label.setObjectName("draftEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #607d8b;")
        self.action_row = QWidget()
        buttons = QHBoxLayout(self.action_row)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)
        layout.addWidget(self.action_row)
        self.table.hide()  # until reload() finds drafts
        self.action_row.hide()
        self.resume_button.clicked.connect(self.resume_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.table.doubleClicked.connect(lambda _index: self.resume_selected())
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        self.update_buttons()

    def reload(self) -> list[WizardDraft]:
        drafts = self.store.list()
        self.model.set_rows(drafts)
        # Nothing to continue: one line of text instead of an empty table.
        self.empty_label.setVisible(not drafts)
        self.table.setVisible(bool(drafts))
        self.action_row.setVisible(bool(drafts))
        self.update_buttons()
        return drafts

    def selected(self) -> WizardDraft | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.resume_button.setEnabled(chosen and self.may_resume)
        self.discard_button.setEnabled(chosen)

    def resume_selected(self) -> None:
        draft = self.selected()
        if draft is not None and self.may_resume:
            self.resume_requested.emit(self.store.load(draft.draft_id) or draft)

    def discard_selected(self) -> None:
        draft = self.selected()
        if draft is None:
            return
        if ask(self, self.tr("Discard draft"),
               self.tr("Delete this unfinished assessment? It cannot be recovered."),
               destructive=True):
            self.store.delete(draft.draft_id)
            self.reload()
