"""평가 실시: the seven-test assessment as a QWizard, one page per step.

Each page fills the `WizardDraft`; the draft is written to a local JSON file as the trainer
types (and on every page change), so a crash or a closed window loses nothing. Finish calls
one service method (create, or update when editing) on the worker lane; Cancel asks, deletes
the local draft and writes nothing to the database. The review shows the numbers of the
same calls the service stores with (evaluation.py).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QWidget, QWizard

from the5hc_desktop.domain.errors import The5HCError, ValidationError
from the5hc_desktop.services.accounts import AccountService
from the5hc_desktop.services.assessments import AssessmentService, AssessmentView
from the5hc_desktop.services.clients import ClientService, ClientView
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.health import HealthService
from the5hc_desktop.ui import gym_clock, i18n, worker
from the5hc_desktop.ui.dialogs import ask
from the5hc_desktop.ui.messages import MessageBridge, error_text

from .draft import DraftStore, WizardDraft, to_service_draft
from .health_pages import HealthPages
from .pages.balance_page import BalancePage
from .pages.body_page import BodyPage
from .pages.client_page import ClientPage
from .pages.common import DraftPage
from .pages.fms_pages import OverheadSquatPage, ShoulderPage
from .pages.review_page import ReviewPage
from .pages.step_page import StepTestPage
from .pages.strength_pages import FarmerCarryPage, PushUpPage
from .pages.toe_touch import ToeTouchPage
from .stopwatch import Clock

log = logging.getLogger("the5hc.ui.assessment")

AUTOSAVE_MS = 400
(CLIENT, SCREENING, QUESTIONNAIRE, BODY, PUSH_UP, FARMER, TOE_TOUCH, SHOULDER, OVERHEAD_SQUAT,
 BALANCE, STEP_TEST, REVIEW) = range(12)


class AssessmentWizard(QWizard):
    saved = Signal(object)  # AssessmentView, after Finish stored it
    discarded = Signal(str)  # draft id, after Cancel

    def __init__(
        self,
        *,
        assessments: AssessmentService,
        clients: ClientService,
        accounts: AccountService,
        actor: Actor,
        messages: MessageBridge,
        store: DraftStore,
        draft: WizardDraft | None = None,
        client: ClientView | None = None,
        clock: Clock = time.monotonic,
        today: Callable[[], date] = gym_clock.today,
        click_factory: Callable[[], Callable[[], None] | None] | None = None,
        health: HealthService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentWizard")
        self._assessments = assessments
        self._actor = actor
        self._messages = messages
        self._store = store
        self._today = today
        self._language = i18n.current_language()
        self._draft = draft or WizardDraft(trainer_id=str(actor.staff_id), assessed_on=today())
        if client is not None and self._draft.client_id is None:
            self._draft = replace(self._draft, client_id=str(client.id), client_name=client.name)
        matches = client is not None and str(client.id) == self._draft.client_id
        self._client: ClientView | None = client if matches else None
        self._resume_to = self._draft.page
        self._keep_draft = False
        self._finished = False
        editing = self._draft.assessment_id is not None
        self.setWindowTitle(self.tr("Edit assessment") if editing else self.tr("New assessment"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Save"))
        self.setMinimumSize(900, 700)

        self.client_page = ClientPage(
            self, actor,
            search=lambda query: clients.search(actor, query, limit=50),
            load_client=lambda client_id: clients.view(actor, client_id),
            load_trainers=lambda: accounts.trainers(actor),
            on_client=self.set_client,
        )
        self.body_page = BodyPage(self)
        self.review_page = ReviewPage(self, save=self.save)
        # Screening and questionnaire (without a health service only the tests are asked).
        self.health_pages = (HealthPages(self, health, actor, editing=editing, parent=self)
                             if health is not None else None)
        pages: list[tuple[int, DraftPage]] = [
            (CLIENT, self.client_page),
            *([(SCREENING, self.health_pages.screening_page),
               (QUESTIONNAIRE, self.health_pages.questionnaire_page)]
              if self.health_pages is not None else []),
            (BODY, self.body_page),
            (PUSH_UP, PushUpPage(self)),
            (FARMER, FarmerCarryPage(self, clock)),
            (TOE_TOUCH, ToeTouchPage(self)),
            (SHOULDER, ShoulderPage(self)),
            (OVERHEAD_SQUAT, OverheadSquatPage(self)),
            (BALANCE, BalancePage(self, clock)),
            (STEP_TEST, StepTestPage(self, clock, click_factory)),
            (REVIEW, self.review_page),
        ]
        self._pages = dict(pages)
        self.steps = QListWidget()
        self.steps.setObjectName("wizardSteps")
        self.steps.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.steps.setFixedWidth(170)
        self._ready = False  # pages are still being filled: the draft is not theirs yet
        self._stale = True
        for page_id, page in pages:
            self.setPage(page_id, page)
            self.steps.addItem(f"{page_id + 1}. {page.title()}")
            page.load_draft(self._draft)
            page.changed.connect(self._on_edited)
        self.setSideWidget(self.steps)
        if self.health_pages is not None:
            self.health_pages.attach_review(self.review_page)
            if self._draft.assessment_id is not None:
                self.health_pages.load_stored(uuid.UUID(self._draft.assessment_id),
                                              self._draft, self._apply_draft)
        self._ready = True
        for page in self._pages.values():
            page.refresh_live()

        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.save_draft_now)
        self._resume_timer = QTimer(self)
        self._resume_timer.setSingleShot(True)
        self._resume_timer.setInterval(0)
        self._resume_timer.timeout.connect(self._resume)
        self.currentIdChanged.connect(self._on_page_changed)
        if self._client is None and self._draft.client_id is not None:
            client_id = uuid.UUID(self._draft.client_id)
            self.client_page.choose_client(client_id, self._draft.client_name)
        elif self._client is not None:
            self.set_client(self._client)

    # --- what pages ask (pages.common.WizardContext) ------------------------------------
    @property
    def client(self) -> ClientView | None:
        return self._client

    def current_draft(self) -> WizardDraft:
        """Every page's widgets written into the draft; recollected only after an edit."""
        if not self._ready or not self._stale:
            return self._draft
        draft = self._draft
        for page in self._pages.values():
            draft = page.store_draft(draft)
        current = self.currentId()
        self._draft = replace(draft, page=current if current >= 0 else draft.page)
        self._stale = False
        return self._draft

    def today(self) -> date:
        return self._today()

    def language(self) -> str:
        return self._language

    def page_for(self, field: str | None) -> int | None:
        for page_id, page in self._pages.items():
            if page.answers_for(field):
                return page_id
        return None

    @property
    def draft_id(self) -> str:
        return self._draft.draft_id

    def _apply_draft(self, draft: WizardDraft) -> None:
        """Take a draft changed from outside the pages (stored answers of an edit)."""
        self._draft = draft
        for page in self._pages.values():
            page.load_draft(draft)
            page.refresh_live()

    # --- client --------------------------------------------------------------------------
    def set_client(self, client: ClientView | None) -> None:
        self._client = client
        if client is not None:
            self.body_page.prefill(client)  # an edit like any other: autosaved
            for page in self._pages.values():
                page.refresh_live()
            if self._resume_to > CLIENT:
                self._resume_timer.start()  # after the client page has taken the client in

    def _resume(self) -> None:
        target, self._resume_to = self._resume_to, CLIENT
        self.advance_to(target)

    def advance_to(self, target: int) -> None:
        """Walk forward (each page validating) up to `target`; stops at a page that refuses."""
        target = min(target, REVIEW)
        while self.currentId() < target:
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break

    # --- autosave ------------------------------------------------------------------------
    def _on_edited(self) -> None:
        self._stale = True
        self._schedule_autosave()

    def _schedule_autosave(self) -> None:
        if not self._finished:
            self._autosave_timer.start()

    def save_draft_now(self) -> None:
        """Write the draft file now (atomic); an empty draft is not worth a file."""
        self._autosave_timer.stop()
        if self._finished:
            return
        draft = self.current_draft()
        if draft.is_empty():
            return
        self._draft = self._store.save_later(draft)
        if self._store.take_error() is not None:
            self._messages.warning(self.tr("The draft could not be saved on this computer."))

    def _on_page_changed(self, page_id: int) -> None:
        self._stale = True  # the page number is part of the draft
        for other_id, page in self._pages.items():
            set_active = getattr(page, "set_active", None)
            if callable(set_active):
                set_active(other_id == page_id)
        row = self.steps.item(page_id) if page_id >= 0 else None
        for index in range(self.steps.count()):
            item = self.steps.item(index)
            font = item.font()
            font.setBold(item is row)
            item.setFont(font)
        if page_id >= 0:
            self.save_draft_now()

    # --- saving --------------------------------------------------------------------------
    def save(self) -> None:
        """Finish: one service call on the worker lane (create, or update when editing)."""
        draft = self.current_draft()
        service_draft = to_service_draft(draft)
        health = self.health_pages.saver(draft) if self.health_pages is not None else None
        if health is not None:
            try:
                health.check()  # a bad answer stops here, before anything is written
            except ValidationError as error:
                self._save_failed(error)
                return
        self.review_page.saving = True
        self.review_page.completeChanged.emit()
        actor, assessments = self._actor, self._assessments
        if draft.assessment_id is not None:
            assessment_id = uuid.UUID(draft.assessment_id)

            def store(_ctx: worker.TaskContext) -> AssessmentView:
                return assessments.update(actor, assessment_id, service_draft)
        else:
            def store(_ctx: worker.TaskContext) -> AssessmentView:
                return assessments.create(actor, service_draft)

        def op(ctx: worker.TaskContext) -> AssessmentView:
            view = store(ctx)
            if health is not None:
                health.save(view.id)
            return view

        worker.run(op, self._saved, on_failure=self._save_failed,
                   progress_label=self.tr("Saving the assessment…"), cancellable=False,
                   parent=self)

    def _saved(self, view: AssessmentView) -> None:
        self._finished = True
        self._autosave_timer.stop()
        self._store.delete(self._draft.draft_id)
        self.review_page.saved = True
        self.review_page.saving = False
        self._stop_clocks()
        self._messages.success(
            self.tr("Assessment of {name} saved.").format(name=view.client_name)
        )
        self.saved.emit(view)
        self.accept()

    def _save_failed(self, error: The5HCError) -> None:
        self.review_page.saving = False
        self.review_page.completeChanged.emit()
        target = self.page_for(error.field) if isinstance(error, ValidationError) else None
        if not isinstance(error, ValidationError) or target is None or target == REVIEW:
            self.review_page.show_failure(error_text(error))
            return
        while self.currentId() > target:
            self.back()
        self._pages[target].show_error(error)

    # --- leaving -------------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel asks first; the window's close button keeps the draft for later."""
        if self._keep_draft or self._finished:
            self.save_draft_now()
            self._stop_clocks()
            super().reject()
            return
        draft = self.current_draft()
        if not draft.is_empty():
            editing = draft.assessment_id is not None
            question = (
                self.tr("Discard your changes? The saved assessment stays as it was.")
                if editing else
                self.tr("Discard this assessment? Nothing you entered will be saved.")
            )
            if not ask(self, self.tr("Cancel assessment"), question, destructive=True):
                return
        self._finished = True
        self._autosave_timer.stop()
        self._store.delete(draft.draft_id)
        self._stop_clocks()
        self.discarded.emit(draft.draft_id)
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._keep_draft = True
        super().closeEvent(event)

    def keep_for_later(self) -> None:
        """Close without asking and keep the draft (the app is quitting or signing out)."""
        self._keep_draft = True
        self.reject()

    def _stop_clocks(self) -> None:
        self._autosave_timer.stop()
        self._resume_timer.stop()
        for page in self._pages.values():
            set_active = getattr(page, "set_active", None)
            if callable(set_active):
                set_active(False)
