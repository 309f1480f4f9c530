"""The wizard's health part in one place: the screening and questionnaire pages, their
section on the review page, loading what an edited assessment stored, and saving.

Saving runs in the wizard's one worker call: the health draft is checked first (so a bad
answer stops before the assessment is written), then the assessment is stored, then its
screening and questionnaire.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from the5hc_desktop.services.assessments import Evaluation
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.health import (
    AssessmentHealthView,
    HealthDraft,
    HealthService,
    ScreeningView,
)
from the5hc_desktop.ui import worker

from .draft import WizardDraft
from .health_review import HealthReview
from .health_state import from_stored, health_of, to_health_draft, with_health
from .pages.common import WizardContext
from .pages.questionnaire_page import QuestionnairePage
from .pages.review_page import ReviewPage
from .pages.screening_page import ScreeningPage


@dataclass(frozen=True)
class HealthSave:
    """The health half of one Finish (runs on the worker)."""

    service: HealthService
    actor: Actor
    draft: HealthDraft
    previous: ScreeningView | None
    editing: bool

    def check(self) -> None:
        HealthService.check(self.draft, self.previous, require_screening=not self.editing)

    def save(self, assessment_id: uuid.UUID) -> AssessmentHealthView:
        return self.service.save_for_assessment(self.actor, assessment_id, self.draft,
                                                 require_screening=not self.editing)


class HealthPages:
    def __init__(
        self,
        context: WizardContext,
        service: HealthService,
        actor: Actor,
        *,
        editing: bool,
        parent: QWidget,
    ) -> None:
        self._context = context
        self._service = service
        self._actor = actor
        self._editing = editing
        self._parent = parent
        self.screening_page = ScreeningPage(
            context, lambda client_id, on: service.reusable_screening(actor, client_id, on),
            editing=editing)
        self.questionnaire_page = QuestionnairePage(context)
        self.review = HealthReview(context.language())

    def attach_review(self, page: ReviewPage) -> None:
        page.extras.addWidget(self.review)
        page.recomputed.connect(self._show_review)

    def _show_review(self, evaluation: Evaluation) -> None:
        draft = self._context.current_draft()
        risk = evaluation.risk.score if evaluation.risk is not None else None
        self.review.show_health(health_of(draft), self.screening_page.previous,
                                evaluation.scores.overall, risk)

    def load_stored(
        self, assessment_id: uuid.UUID, draft: WizardDraft, apply: Callable[[WizardDraft], None]
    ) -> None:
        """For an edit: fetch what the assessment stored; `apply` takes the draft with it
        (a resumed draft keeps its own answers and only learns the stored screening)."""
        service, actor = self._service, self._actor
        resumed = bool(draft.health)

        def loaded(view: AssessmentHealthView | None) -> None:
            self.screening_page.set_known(view.screening if view is not None else None)
            if not resumed:
                apply(with_health(self._context.current_draft(), from_stored(view)))

        worker.run(lambda _ctx: service.for_assessment(actor, assessment_id), loaded,
                   parent=self._parent)

    def saver(self, draft: WizardDraft) -> HealthSave:
        return HealthSave(self._service, self._actor, to_health_draft(health_of(draft)),
                          self.screening_page.previous, self._editing)
