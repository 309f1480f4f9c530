"""평가 실시 pane: start an assessment, resume drafts, and open / edit / delete / recalculate /
compare a chosen client's assessments. Every service call runs on the worker lane."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from PySide6.QtCore import QAbstractItemModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.compare import Comparison
from the5hc_desktop.services import changes
from the5hc_desktop.services.assessments import AssessmentSummary, AssessmentView, is_recalculable
from the5hc_desktop.services.clients import ClientRow, ClientView
from the5hc_desktop.services.context import Actor, Page
from the5hc_desktop.services.permissions import Capability, can
from the5hc_desktop.ui import gym_clock, i18n, worker
from the5hc_desktop.ui.actions import ActionSpec
from the5hc_desktop.ui.dialogs import ask
from the5hc_desktop.ui.help import add_search_tip
from the5hc_desktop.ui.list_print import ListPrinter
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.columns import ColumnWidths, Sample, fit_columns
from the5hc_desktop.ui.rows_model import ROW_ROLE, read_only_table

from .compare_dialog import CompareDialog
from .draft import DraftStore, WizardDraft, from_assessment
from .drafts_box import DraftsBox
from .metronome import ClickSound
from .models import (
    ClientAssessmentsModel,
    ClientSearchModel,
    assessment_samples,
    client_samples,
)
from .pane_services import AssessmentPaneServices
from .stopwatch import Clock
from .view_dialog import AssessmentViewDialog
from .wizard import AssessmentWizard

SEARCH_DELAY_MS = 250


def _table(name: str, model: QAbstractItemModel, stretch: int,
           samples: Mapping[int, Sample], multi: bool = False) -> tuple[QTableView, ColumnWidths]:
    view = read_only_table(name, model, multi=multi)
    return view, fit_columns(view, stretch, samples)


class AssessmentPane(QWidget):
    """The pane the main window shows under 평가 실시 (see ui/pane.py for the protocol)."""

    printing: ListPrinter | None = None  # set by the composition root (Ctrl+P)

    assessment_saved = Signal(object)  # AssessmentView (the change bus tells other panes)
    watches = frozenset({changes.CLIENTS, changes.ASSESSMENTS})

    def __init__(
        self,
        services: AssessmentPaneServices,
        actor: Actor,
        messages: MessageBridge,
        *,
        drafts: DraftStore | None = None,
        clock: Clock = time.monotonic,
        today: Callable[[], date] = gym_clock.today,
        metronome_sound: bool = True,
        offer_resume: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentPane")
        self._services = services
        self._actor = actor
        self._messages = messages
        self.drafts = drafts or DraftStore()
        self._clock = clock
        self._today = today
        self._sound = metronome_sound
        self._language = i18n.current_language()
        self._client: ClientRow | None = None
        self._serial = 0
        self._offered = False
        self.wizard: AssessmentWizard | None = None
        self._click: ClickSound | None = None
        self._build()
        self._resume_timer = QTimer(self)
        self._resume_timer.setSingleShot(True)
        self._resume_timer.setInterval(0)
        self._resume_timer.timeout.connect(self.offer_resume)
        if offer_resume:
            self._resume_timer.start()  # once the window is up: the last session's draft
        self._update_buttons()

    # --- Pane protocol ---------------------------------------------------------------------
    @property
    def object_name(self) -> str:
        return "assessmentPane"

    @property
    def title(self) -> str:
        return self.tr("Assessments")

    @property
    def widget(self) -> QWidget:
        return self

    def pane_actions(self) -> Sequence[ActionSpec | str]:
        return ("assessment.new", "file.print")

    def print_current(self) -> None:
        """Ctrl+P: the chosen member's assessments, else the member list as shown."""
        if self.printing is None:
            return
        chosen = self.assessment_model.rowCount() > 0 and self.clients.currentIndex().isValid()
        if chosen:
            name = str(self.clients.currentIndex().siblingAtColumn(0).data() or "")
            self.printing.open(self, self.assessments, self.tr("Assessment history"),
                               subtitle=name,
                               file_stem=f"{name}_assessments")
        else:
            self.printing.open(self, self.clients, self.tr("Members"),
                               file_stem="assessment_members")

    def refresh(self) -> None:
        self.run_search()
        self.reload_drafts()
        if self._client is not None:
            self.load_assessments()

    # --- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("paneClientSearch")
        self.search.setPlaceholderText(self.tr("Find a client: name, ㄱㅁㅅ or phone digits"))
        self.search.setClearButtonEnabled(True)
        add_search_tip(self.search)
        self.client_model = ClientSearchModel(self, compact=True)
        self.clients, client_columns = _table("paneClientTable", self.client_model, 0,
                                              client_samples(compact=True))
        self.clients.selectionModel().selectionChanged.connect(self._client_selected)
        self.assessment_model = ClientAssessmentsModel(self)
        self.assessments, _columns = _table("assessmentTable", self.assessment_model,
                                            ClientAssessmentsModel.STRETCH,
                                            assessment_samples(), multi=True)
        self.assessments.selectionModel().selectionChanged.connect(self._update_buttons)
        self.assessments.doubleClicked.connect(lambda _index: self.view_selected())
        self.client_title = QLabel(self.tr("Choose a client on the left."))
        self.client_title.setObjectName("assessmentClientTitle")
        font = self.client_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.client_title.setFont(font)
        self.drafts_box = DraftsBox(self.drafts)
        self.drafts_box.may_resume = can(self._actor, Capability.RUN_ASSESSMENTS)
        self.drafts_box.resume_requested.connect(self.open_wizard)

        def button(name: str, text: str, slot: Callable[[], None]) -> QPushButton:
            widget = QPushButton(text)
            widget.setObjectName(name)
            widget.clicked.connect(slot)
            return widget

        self.new_button = button("newAssessmentButton", self.tr("New assessment…"),
                                 self.new_assessment)
        self.view_button = button("viewAssessmentButton", self.tr("Open"), self.view_selected)
        self.edit_button = button("editAssessmentButton", self.tr("Edit…"), self.edit_selected)
        self.delete_button = button("deleteAssessmentButton", self.tr("Delete"),
                                    self.delete_selected)
        self.recalculate_button = button("recalculateButton",
                                         self.tr("Recalculate with current rules"),
                                         self.recalculate_selected)
        self.compare_button = button("compareButton", self.tr("Compare two"),
                                     self.compare_selected)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.clients)
        actions = QHBoxLayout()
        for widget in (self.new_button, self.view_button, self.edit_button,
                       self.compare_button, self.recalculate_button, self.delete_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.client_title)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.assessments, 1)
        right_layout.addWidget(self.drafts_box)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("assessmentSplitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        left.setMinimumWidth(300)
        # The client list as wide as its columns need; the history gets the rest.
        narrow = max(300, client_columns.minimum_width())
        splitter.setSizes([narrow, 1200 - narrow])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())

    # --- clients and their assessments -----------------------------------------------------
    def run_search(self) -> None:
        self._search_timer.stop()
        self._serial += 1
        serial, query = self._serial, self.search.text().strip()
        clients, actor = self._services.clients, self._actor
        worker.run(lambda _ctx: clients.search(actor, query, limit=100),
                   lambda page: self._show_clients(serial, page), parent=self)

    def _show_clients(self, serial: int, page: Page[ClientRow]) -> None:
        if serial != self._serial:
            return
        self.client_model.set_rows(page.rows)
        if self._client is not None:
            self._keep_chosen(self._client.id)

    def _keep_chosen(self, client_id: uuid.UUID) -> None:
        """After a reload: the chosen member stays highlighted, with its fresh row (최근 평가일),
        without clearing and re-reading their assessments."""
        for row, client in enumerate(self.client_model.rows()):
            if client.id == client_id:
                self._client = client
                selection = self.clients.selectionModel()
                selection.blockSignals(True)
                self.clients.selectRow(row)
                selection.blockSignals(False)
                return

    def _client_selected(self) -> None:
        rows = self.clients.selectionModel().selectedRows()
        self._client = self.client_model.data(rows[0], ROW_ROLE) if rows else None
        self.assessment_model.set_rows([])
        self.client_title.setText(self._client.name if self._client else
                                  self.tr("Choose a client on the left."))
        self._update_buttons()
        if self._client is not None:
            self.load_assessments()

    def select_client(self, client_id: uuid.UUID) -> bool:
        for row, client in enumerate(self.client_model.rows()):
            if client.id == client_id:
                self.clients.selectRow(row)
                return True
        return False

    def load_assessments(self) -> None:
        client = self._client
        if client is None:
            return
        service, actor = self._services.assessments, self._actor
        worker.run(lambda _ctx: service.list_for_client(actor, client.id),
                   lambda rows: self._show_assessments(client.id, rows), parent=self)

    def _show_assessments(
        self, client_id: uuid.UUID, rows: tuple[AssessmentSummary, ...]
    ) -> None:
        if self._client is not None and self._client.id == client_id:
            self.assessment_model.set_rows(rows)
            self._update_buttons()

    def selected_assessments(self) -> list[AssessmentSummary]:
        rows = sorted(i.row() for i in self.assessments.selectionModel().selectedRows())
        return [s for r in rows if (s := self.assessment_model.row_at(r)) is not None]

    def _update_buttons(self) -> None:
        chosen = self.selected_assessments() if hasattr(self, "assessments") else []
        may_run = can(self._actor, Capability.RUN_ASSESSMENTS)
        self.new_button.setEnabled(may_run)
        self.view_button.setEnabled(len(chosen) == 1)
        self.edit_button.setEnabled(len(chosen) == 1 and may_run)
        self.delete_button.setEnabled(len(chosen) == 1 and can(self._actor, Capability.DELETE))
        self.recalculate_button.setEnabled(
            len(chosen) == 1 and may_run and is_recalculable(chosen[0].scoring_version))
        self.compare_button.setEnabled(len(chosen) == 2)

    # --- the wizard ------------------------------------------------------------------------
    def new_assessment(self) -> None:
        """Ctrl+Shift+A and the button: a new assessment, for the chosen client if any."""
        if self._client is None:
            self.open_wizard(WizardDraft(trainer_id=str(self._actor.staff_id),
                                         assessed_on=self._today()))
            return
        draft = WizardDraft(trainer_id=str(self._actor.staff_id), assessed_on=self._today(),
                            client_id=str(self._client.id), client_name=self._client.name)
        self.open_wizard(draft)

    def start_for_client(self, client_id: uuid.UUID, name: str = "") -> None:
        """For the clients pane's "new assessment": start with this client chosen."""
        self.open_wizard(WizardDraft(trainer_id=str(self._actor.staff_id),
                                     assessed_on=self._today(),
                                     client_id=str(client_id), client_name=name))

    def open_wizard(
        self, draft: WizardDraft, client: ClientView | None = None
    ) -> AssessmentWizard | None:
        if self.wizard is not None:
            self.wizard.raise_()
            self.wizard.activateWindow()
            self._messages.info(self.tr("Finish or cancel the open assessment first."))
            return None
        services = self._services
        wizard = AssessmentWizard(
            assessments=services.assessments, clients=services.clients,
            accounts=services.accounts, actor=self._actor, messages=self._messages,
            store=self.drafts, draft=draft, client=client, clock=self._clock,
            today=self._today, click_factory=self._click_sound if self._sound else None,
            health=services.health, parent=self,
        )
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.saved.connect(self._wizard_saved)
        wizard.finished.connect(lambda _result: self._wizard_closed(wizard))
        self.wizard = wizard
        wizard.open()
        return wizard

    def _click_sound(self) -> ClickSound:
        """One metronome click for every wizard, made when a step test first needs it."""
        if self._click is None:
            self._click = ClickSound(self)
        return self._click

    def _wizard_saved(self, view: AssessmentView) -> None:
        # The bus skips the pane whose own task wrote, so the pane reloads all it shows: its
        # client list carries 최근 평가일 too, not only the chosen member's history.
        self.assessment_saved.emit(view)
        self.refresh()

    def _wizard_closed(self, wizard: AssessmentWizard) -> None:
        if self.wizard is wizard:
            self.wizard = None
        wizard.deleteLater()
        self.reload_drafts()

    # --- drafts ----------------------------------------------------------------------------
    def reload_drafts(self) -> None:
        self.drafts_box.reload()

    def offer_resume(self) -> bool:
        """At start: offer the newest unfinished assessment ('저장되지 않은 평가가 있습니다')."""
        self._resume_timer.stop()
        if self._offered or self.wizard is not None:
            return False
        self._offered = True
        drafts = self.drafts_box.reload()
        if not drafts or not can(self._actor, Capability.RUN_ASSESSMENTS):
            return False
        newest = drafts[0]
        who = newest.client_name or self.tr("no client chosen yet")
        text = self.tr("There is an unsaved assessment ({who}). Continue where you left off?"
                       ).format(who=who)
        if not ask(self.window(), self.tr("Unsaved assessment"), text):
            return False
        return self.open_wizard(newest) is not None

    # --- stored assessments ----------------------------------------------------------------
    def _fetch(self, assessment_id: uuid.UUID, then: Callable[[AssessmentView], object]) -> None:
        service, actor = self._services.assessments, self._actor
        worker.run(lambda _ctx: service.get(actor, assessment_id), then, parent=self)

    def open_assessment(self, assessment_id: uuid.UUID) -> None:
        """View a stored assessment (also for the clients pane's assessment list)."""
        self._fetch(assessment_id, self._show_view)

    def view_selected(self) -> None:
        chosen = self.selected_assessments()
        if len(chosen) == 1:
            self.open_assessment(chosen[0].id)

    def _show_view(self, view: AssessmentView) -> AssessmentViewDialog:
        dialog = AssessmentViewDialog(view, self._language, parent=self,
                                      can_edit=can(self._actor, Capability.RUN_ASSESSMENTS))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.edit_requested.connect(self._edit_view)
        dialog.open()
        return dialog

    def edit_selected(self) -> None:
        chosen = self.selected_assessments()
        if len(chosen) == 1:
            self._fetch(chosen[0].id, self._edit_view)

    def _edit_view(self, view: AssessmentView) -> None:
        existing = [d for d in self.drafts.list() if d.assessment_id == str(view.id)]
        self.open_wizard(existing[0] if existing else from_assessment(view))

    def delete_selected(self) -> None:
        chosen = self.selected_assessments()
        if len(chosen) != 1:
            return
        summary = chosen[0]
        text = self.tr("Delete the assessment of {name} on {date}? It disappears from the "
                       "lists and reports.").format(
            name=summary.client_name, date=summary.assessed_on.isoformat())
        if not ask(self, self.tr("Delete assessment"), text, destructive=True):
            return
        service, actor = self._services.assessments, self._actor
        worker.run(lambda _ctx: service.delete(actor, summary.id),
                   lambda _none: self._changed(self.tr("Assessment deleted.")), parent=self)

    def recalculate_selected(self) -> None:
        chosen = self.selected_assessments()
        if len(chosen) != 1 or not is_recalculable(chosen[0].scoring_version):
            return
        summary = chosen[0]
        text = self.tr("Recalculate this imported assessment with the current rules? Its "
                       "scores will change; the old ones stay in the audit log.")
        if not ask(self, self.tr("Recalculate"), text):
            return
        service, actor = self._services.assessments, self._actor
        worker.run(lambda _ctx: service.recalculate(actor, summary.id),
                   lambda _view: self._changed(self.tr("Assessment recalculated.")), parent=self)

    def _changed(self, text: str) -> None:
        self._messages.success(text)
        self.refresh()

    def compare_selected(self) -> None:
        chosen = self.selected_assessments()
        if len(chosen) != 2:
            return
        first, second = sorted(chosen, key=lambda s: s.assessed_on)
        service, actor = self._services.assessments, self._actor
        worker.run(lambda _ctx: service.compare(actor, first.id, second.id),
                   lambda comparison: self._show_compare(comparison, first, second),
                   parent=self)

    def _show_compare(
        self, comparison: Comparison, first: AssessmentSummary, second: AssessmentSummary
    ) -> CompareDialog:
        dialog = CompareDialog(comparison, first.client_name,
                               (first.assessed_on, second.assessed_on), self._language, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
