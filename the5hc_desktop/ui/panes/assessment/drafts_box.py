"""The pane's list of unfinished assessments saved on this computer (resume or discard)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.ui.dialogs import ask

from .draft import DraftStore, WizardDraft
from .models import DraftListModel


class DraftsBox(QGroupBox):
    resume_requested = Signal(object)  # WizardDraft, freshly read from its file

    def __init__(self, store: DraftStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBox")
        self.setTitle(self.tr("Unfinished assessments on this computer"))
        self.store = store
        self.may_resume = True
        self.model = DraftListModel(self)
        self.table = QTableView()
        self.table.setObjectName("draftTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setMaximumHeight(150)
        self.resume_button = QPushButton(self.tr("Continue"))
        self.resume_button.setObjectName("resumeDraftButton")
        self.discard_button = QPushButton(self.tr("Discard draft"))
        self.discard_button.setObjectName("discardDraftButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.resume_button.clicked.connect(self.resume_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.table.doubleClicked.connect(lambda _index: self.resume_selected())
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        self.update_buttons()

    def reload(self) -> list[WizardDraft]:
        drafts = self.store.list()
        self.model.set_rows(drafts)
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
