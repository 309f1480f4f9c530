"""Step 10: the review (same numbers the service will store) and free notes; Finish saves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.ui.messages import error_text

from ..draft import WizardDraft
from ..evaluation import Evaluation, evaluate
from ..review import ReviewPanel
from .common import DraftPage, WizardContext


class ReviewPage(DraftPage):
    FIELDS = ("notes",)
    recomputed = Signal(object)  # the Evaluation shown (health figures follow it)

    def __init__(
        self,
        context: WizardContext,
        save: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Review and save"))
        self.setSubTitle(self.tr(
            "These are the numbers that will be saved. Untested items show as not measured."
        ))
        self._save = save
        self.saved = False
        self.saving = False
        self.evaluation: Evaluation | None = None
        self.panel = ReviewPanel(context.language())
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText(self.tr("Notes for this assessment (optional)"))
        self.notes.setFixedHeight(70)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.panel)
        self.extras = QVBoxLayout()  # more review sections (screening and questionnaire)
        body_layout.addLayout(self.extras)
        body_layout.addWidget(QLabel(self.tr("Notes")))
        body_layout.addWidget(self.notes)
        scroll = QScrollArea()
        scroll.setObjectName("reviewScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        layout.addWidget(self.page_error_label())
        self.errors.register(self.notes, "notes")
        self.notes.textChanged.connect(self.notify_changed)

    def load(self, draft: WizardDraft) -> None:
        self.notes.setPlainText(draft.notes)

    def store(self, draft: WizardDraft) -> WizardDraft:
        return replace(draft, notes=self.notes.toPlainText())

    def initializePage(self) -> None:
        self.recompute()

    def recompute(self) -> None:
        """Score the whole draft and show it; a bad value is reported, never guessed."""
        client = self.context.client
        self.evaluation = None
        self.page_error_label().hide()
        self.completeChanged.emit()
        if client is None:
            return
        try:
            result = evaluate(client, self.context.current_draft())
        except ValidationError as error:
            self.page_error_label().setText(error_text(error))
            self.page_error_label().show()
            return
        self.evaluation = result
        self.panel.show_results(result.inputs, result.scores, result.risk,
                                result.recommendations, result.partial)
        self.recomputed.emit(result)
        self.completeChanged.emit()

    def show_failure(self, text: str) -> None:
        self.page_error_label().setText(text)
        self.page_error_label().show()

    def isComplete(self) -> bool:
        return self.evaluation is not None and not self.saving

    def validatePage(self) -> bool:
        if self.saved:
            return True
        if not self.saving and self.evaluation is not None:
            self._save()
        return False
