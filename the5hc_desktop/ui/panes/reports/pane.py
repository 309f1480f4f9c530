"""리포트 pane: find a client, pick an assessment (or two to compare), read the report as it
will print, then print it (Ctrl+P) or save it as a PDF (Ctrl+E); or export many at once.

Every service call and every PDF rendering runs on the worker lane; the preview shows the
very bytes that Save as writes and that printing rasterises. Picking a client previews the
newest assessment at once, since that is the one usually printed at the desk.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.services import changes
from the5hc_desktop.services.assessments import AssessmentSummary
from the5hc_desktop.services.clients import ClientRow
from the5hc_desktop.services.context import Actor, Page
from the5hc_desktop.ui import gym_clock, worker
from the5hc_desktop.ui.actions import QT_TRANSLATE_NOOP, ActionSpec, Scope
from the5hc_desktop.ui.documents.files import FileDialogs, last_folder, remember_folder, write_pdf
from the5hc_desktop.ui.documents.preview import PdfPreview
from the5hc_desktop.ui.documents.printing import PrintFailed, Printing, print_document
from the5hc_desktop.ui.help import add_search_tip
from the5hc_desktop.ui.messages import MessageBridge, error_text
from the5hc_desktop.ui.panes.columns import ColumnWidths, fit_columns
from the5hc_desktop.ui.rows_model import read_only_table

from .batch_dialog import BatchExportDialog, BatchSummaryDialog
from .day_close_dialog import DayCloseDialog
from .jobs import BatchRequest, BatchResult, Preview, render_preview, run_batch
from .models import AssessmentListModel, ClientListModel, assessment_samples, client_samples
from .pane_services import ReportsPaneServices

SEARCH_DEBOUNCE_MS = 200
CLIENT_LIMIT = 200


@dataclass(frozen=True)
class _Client:
    """The client whose assessments are listed (may be outside the search results)."""

    id: uuid.UUID
    name: str


def _table(name: str, model: QAbstractItemModel, stretch_column: int,
           samples: Mapping[int, str]) -> tuple[QTableView, ColumnWidths]:
    view = read_only_table(name, model, multi=True)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setHighlightSections(False)
    return view, fit_columns(view, stretch_column, samples)


DAY_CLOSE_ACTION = ActionSpec(
    "reports.day_close",
    QT_TRANSLATE_NOOP("Actions", "&Day close…"),
    "open_day_close",
    "Ctrl+Shift+D",
    scope=Scope.PANE,
)


class ReportsPane(QWidget):
    """The 리포트 pane (see the module docstring and ui/pane.py for the protocol)."""

    watches = frozenset({changes.CLIENTS, changes.ASSESSMENTS})
    preview_loaded = Signal(object)  # Preview
    saved = Signal(object)  # Path
    batch_finished = Signal(object)  # BatchResult

    def __init__(
        self,
        services: ReportsPaneServices,
        actor: Actor,
        messages: MessageBridge,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = gym_clock.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPane")
        self._services = services
        self._actor = actor
        self._messages = messages
        self._today = today
        self._client: _Client | None = None
        self._preview: Preview | None = None
        self._requested: frozenset[uuid.UUID] = frozenset()  # shown, or on its way
        self._search_serial = 0
        self._list_serial = 0
        self._preview_serial = 0
        self._preview_handle: worker.TaskHandle | None = None
        self._quiet = False  # set while the lists are refilled: no preview per reset
        self.batch_dialog: BatchExportDialog | None = None
        self.day_close_dialog: DayCloseDialog | None = None
        self.summary_dialog: BatchSummaryDialog | None = None
        self.batch_handle: worker.TaskHandle | None = None

        self.search_timer = QTimer(self)
        self.search_timer.setObjectName("reportSearchDebounce")
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self.search_timer.timeout.connect(self.run_search)
        self._build()
        self._update_buttons()

    # --- the Pane protocol ----------------------------------------------------------------
    @property
    def object_name(self) -> str:
        return "reportsPane"

    @property
    def title(self) -> str:
        return self.tr("Reports")

    @property
    def widget(self) -> QWidget:
        return self

    def pane_actions(self) -> tuple[ActionSpec | str, ...]:
        return ("file.print", "file.export", DAY_CLOSE_ACTION)

    def refresh(self) -> None:
        """Reload the client list and the chosen client's assessments; re-render the report."""
        self.run_search()
        if self._client is not None:
            self.load_assessments(self.selected_ids(), rerender=True)

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("reportClientSearch")
        self.search_edit.setPlaceholderText(self.tr("Find a client: name, ㄱㅁㅅ or phone digits"))
        self.search_edit.setClearButtonEnabled(True)
        add_search_tip(self.search_edit)
        self.search_edit.textChanged.connect(lambda _text: self.search_timer.start())
        self.search_edit.returnPressed.connect(self.run_search)
        self.client_model = ClientListModel(self)
        self.client_table, self._client_columns = _table(
            "reportClientTable", self.client_model, 0, client_samples())
        self.client_table.selectionModel().selectionChanged.connect(self._clients_selected)
        self.client_count = QLabel()
        self.client_count.setObjectName("reportClientCount")
        self.client_count.setStyleSheet("color: #607d8b;")

        self.assessment_title = QLabel(self.tr("Assessments"))
        self.assessment_title.setObjectName("reportAssessmentTitle")
        bold = self.assessment_title.font()
        bold.setBold(True)
        self.assessment_title.setFont(bold)
        self.assessment_model = AssessmentListModel(self)
        self.assessment_table, self._assessment_columns = _table(
            "reportAssessmentTable", self.assessment_model, 3, assessment_samples())
        self.assessment_table.selectionModel().selectionChanged.connect(
            self._assessments_selected)
        hint = QLabel(self.tr("One assessment shows its report; Ctrl+click a second one to "
                              "compare the two."))
        hint.setObjectName("reportSelectionHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #607d8b;")

        clients = QWidget()
        clients.setObjectName("reportClientsBox")
        column = QVBoxLayout(clients)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search_edit)
        column.addWidget(self.client_table, 1)
        column.addWidget(self.client_count)
        assessments = QWidget()
        assessments.setObjectName("reportAssessmentsBox")
        column = QVBoxLayout(assessments)
        column.setContentsMargins(0, 6, 0, 0)
        column.addWidget(self.assessment_title)
        column.addWidget(self.assessment_table, 1)
        column.addWidget(hint)
        lists = QSplitter(Qt.Orientation.Vertical)
        lists.setObjectName("reportListSplitter")
        lists.addWidget(clients)
        lists.addWidget(assessments)
        lists.setChildrenCollapsible(False)
        lists.setMinimumWidth(max(self._client_columns.minimum_width(),
                                  self._assessment_columns.minimum_width()))

        self.preview = PdfPreview()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("reportSplitter")
        splitter.addWidget(lists)
        splitter.addWidget(self._build_preview_side())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)  # the report is what this pane is for
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addWidget(splitter)

    def _build_preview_side(self) -> QWidget:
        def button(name: str, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
            widget = QPushButton(text)
            widget.setObjectName(name)
            widget.setToolTip(tip)
            widget.clicked.connect(slot)
            return widget

        self.caption = QLabel()
        self.caption.setObjectName("reportCaption")
        font = self.caption.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.caption.setFont(font)
        self.print_button = button("reportPrintButton", self.tr("Print…"),
                                   self.tr("Print this report (Ctrl+P)"), self.print_current)
        self.save_button = button("reportSaveButton", self.tr("Save as PDF…"),
                                  self.tr("Save this report as a PDF file (Ctrl+E)"), self.save_as)
        self.batch_button = button("reportBatchButton", self.tr("Export many…"),
                                   self.tr("Save the reports of a period or of the chosen "
                                           "clients into a folder"), self.open_batch_dialog)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.caption, 1)
        top.addWidget(self.print_button)
        top.addWidget(self.save_button)
        self.day_close_button = button(
            "reportDayCloseButton", self.tr("Day close…"),
            self.tr("Sales by payment method, refunds and sessions of a day or a period "
                    "(Ctrl+Shift+D)"), self.open_day_close)
        top.addSpacing(12)
        top.addWidget(self.batch_button)
        top.addWidget(self.day_close_button)
        side = QWidget()
        side.setObjectName("reportPreviewSide")
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.preview, 1)
        return side

    # --- clients ----------------------------------------------------------------------------
    def run_search(self) -> None:
        """Search now with the box's text (the debounce ends here)."""
        self.search_timer.stop()
        self._search_serial += 1
        serial, query = self._search_serial, self.search_edit.text().strip()
        clients, actor = self._services.clients, self._actor
        worker.run(
            lambda _ctx: clients.search(actor, query, active=None, limit=CLIENT_LIMIT),
            lambda page: self._show_clients(serial, page),
            parent=self,
        )

    def _show_clients(self, serial: int, page: Page[ClientRow]) -> None:
        if serial != self._search_serial:
            return  # a newer search is on its way
        keep = {row.id for row in self.selected_clients()}
        self._quiet = True
        try:
            self.client_model.set_rows(page.rows)
            for row, client in enumerate(page.rows):
                if client.id in keep:
                    self.client_table.selectionModel().select(
                        self.client_model.index(row, 0),
                        self.client_table.selectionModel().SelectionFlag.Select
                        | self.client_table.selectionModel().SelectionFlag.Rows)
        finally:
            self._quiet = False
        if page.total > len(page.rows):
            self.client_count.setText(self.tr("{shown} of {total} clients; type more of the "
                                              "name to narrow the list.")
                                      .format(shown=len(page.rows), total=page.total))
        elif page.total == 0:
            self.client_count.setText(self.tr("No client matches."))
        else:
            self.client_count.setText(self.tr("{count} clients").format(count=page.total))

    def selected_clients(self) -> list[ClientRow]:
        rows = sorted(i.row() for i in self.client_table.selectionModel().selectedRows())
        return [c for r in rows if (c := self.client_model.row_at(r)) is not None]

    def select_client_row(self, row: int) -> None:
        """Choose the client in `row` of the list (what a click does)."""
        self.client_table.selectRow(row)

    def _clients_selected(self) -> None:
        if self._quiet:
            return
        chosen = self.selected_clients()
        current = self.client_model.row_at(self.client_table.currentIndex().row())
        client = current if current is not None and current in chosen else (
            chosen[0] if chosen else None)
        if client is not None and (self._client is None or client.id != self._client.id):
            self.open_client(client.id, client.name)

    def open_client(
        self, client_id: uuid.UUID, name: str = "", assessment_id: uuid.UUID | None = None
    ) -> None:
        """Show a client's assessments and preview `assessment_id` (default: the newest).

        Also the entry point for another pane's "print this report" request (the
        composition root connects it); the name, when not given, comes with the list.
        """
        self._client = _Client(client_id, name)
        self._show_title()
        self._quiet = True
        try:
            self.assessment_model.set_rows([])
        finally:
            self._quiet = False
        self._clear_preview(self.tr("Loading the assessments…"))
        self.load_assessments((assessment_id,) if assessment_id is not None else ())

    def _show_title(self) -> None:
        name = self._client.name if self._client is not None else ""
        self.assessment_title.setText(self.tr("Assessments of {name}").format(name=name)
                                      if name else self.tr("Assessments"))

    # --- assessments ------------------------------------------------------------------------
    def load_assessments(self, select: Sequence[uuid.UUID] = (), rerender: bool = False) -> None:
        client = self._client
        if client is None:
            return
        self._list_serial += 1
        serial, service, actor = self._list_serial, self._services.assessments, self._actor
        worker.run(
            lambda _ctx: service.list_for_client(actor, client.id),
            lambda rows: self._show_assessments(serial, rows, tuple(select), rerender),
            on_failure=lambda error: self._list_failed(serial, error),
            parent=self,
        )

    def _show_assessments(
        self,
        serial: int,
        rows: tuple[AssessmentSummary, ...],
        select: tuple[uuid.UUID, ...],
        rerender: bool,
    ) -> None:
        if serial != self._list_serial or self._client is None:
            return
        if rows and not self._client.name:
            self._client = _Client(self._client.id, rows[0].client_name)
            self._show_title()
        self._quiet = True
        try:
            self.assessment_model.set_rows(rows)
            wanted = [r for r in (self.assessment_model.row_of(i) for i in select) if r >= 0]
            if not wanted and rows:
                wanted = [0]  # newest first: the report usually printed
            selection = self.assessment_table.selectionModel()
            for row in wanted:
                selection.select(self.assessment_model.index(row, 0),
                                 selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
            if wanted:
                selection.setCurrentIndex(self.assessment_model.index(wanted[0], 0),
                                          selection.SelectionFlag.NoUpdate)
        finally:
            self._quiet = False
        if not rows:
            name = self._client.name
            self._clear_preview(self.tr("{name} has no assessments yet.").format(name=name)
                                if name else self.tr("No assessments yet."))
            return
        self._assessments_selected(force=rerender)

    def selected_assessments(self) -> list[AssessmentSummary]:
        rows = sorted(i.row() for i in self.assessment_table.selectionModel().selectedRows())
        return [s for r in rows if (s := self.assessment_model.row_at(r)) is not None]

    def selected_ids(self) -> tuple[uuid.UUID, ...]:
        return tuple(s.id for s in self.selected_assessments())

    def select_assessments(self, *assessment_ids: uuid.UUID) -> None:
        """Choose these assessments in the list (what clicks and Ctrl+clicks do)."""
        selection = self.assessment_table.selectionModel()
        self._quiet = True
        try:
            selection.clearSelection()
            for assessment_id in assessment_ids:
                row = self.assessment_model.row_of(assessment_id)
                if row >= 0:
                    selection.select(self.assessment_model.index(row, 0),
                                     selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        finally:
            self._quiet = False
        self._assessments_selected()

    def _assessments_selected(self, *_args: object, force: bool = False) -> None:
        if self._quiet:
            return
        chosen = self.selected_assessments()
        if not chosen:
            self._clear_preview(self.tr("Choose an assessment to preview its report."))
        elif len(chosen) > 2:
            self._clear_preview(self.tr("Choose one assessment, or two to compare."))
        else:
            self.request_preview(chosen, force=force)

    # --- preview ----------------------------------------------------------------------------
    def request_preview(self, chosen: Sequence[AssessmentSummary], force: bool = False) -> None:
        ids = frozenset(s.id for s in chosen)
        if not force and ids == self._requested:
            return
        self._requested = ids
        if self._preview_handle is not None:
            self._preview_handle.cancel()  # not started yet: it never runs
        self._preview_serial += 1
        serial, reports, actor = self._preview_serial, self._services.reports, self._actor
        picked = tuple(chosen)
        self.caption.setText(self.tr("Preparing the report…"))
        self._preview = None
        self._update_buttons()
        self._preview_handle = worker.run(
            lambda _ctx: render_preview(reports, actor, picked),
            lambda preview: self._preview_arrived(serial, preview),
            on_failure=lambda error: self._preview_failed(serial, error),
            progress_label=self.tr("Preparing the report…"),
            cancellable=False,  # a second or so; the next selection replaces it anyway
            parent=self,
        )

    def _preview_arrived(self, serial: int, preview: Preview) -> None:
        if serial != self._preview_serial:
            return
        self._preview_handle = None
        if self.preview.show_pdf(preview.pdf) == 0:
            self._clear_preview(self.tr("The report could not be shown."))
            self._messages.error(self.tr("The report could not be shown."))
            return
        self._preview = preview
        self.caption.setText(self._caption_of(preview))
        self._update_buttons()
        self.preview_loaded.emit(preview)

    def _preview_failed(self, serial: int, error: The5HCError) -> None:
        if serial == self._preview_serial:
            self._preview_handle = None
            self._clear_preview(error_text(error))
            self._messages.show_error(error)

    def _caption_of(self, preview: Preview) -> str:
        if preview.is_comparison:
            return self.tr("{name} · comparison {before} → {after}").format(
                name=preview.client_name, before=preview.dates[0].isoformat(),
                after=preview.dates[-1].isoformat())
        return self.tr("{name} · assessment of {date}").format(
            name=preview.client_name, date=preview.dates[0].isoformat())

    def _clear_preview(self, text: str) -> None:
        if self._preview_handle is not None:
            self._preview_handle.cancel()
            self._preview_handle = None
        self._preview_serial += 1  # a render still on the lane is dropped on arrival
        self._requested = frozenset()
        self._preview = None
        self.caption.clear()
        self.preview.show_message(text)
        self._update_buttons()

    def current_preview(self) -> Preview | None:
        return self._preview

    def _update_buttons(self) -> None:
        shown = self._preview is not None
        self.print_button.setEnabled(shown)
        self.save_button.setEnabled(shown)

    def _list_failed(self, serial: int, error: The5HCError) -> None:
        if serial == self._list_serial:
            self._clear_preview(error_text(error))
            self._messages.show_error(error)

    # --- print and save ---------------------------------------------------------------------
    def print_current(self) -> None:
        """Ctrl+P: the system print dialog, then the shown report's pages."""
        preview = self._preview
        if preview is None:
            self._messages.info(self.tr("Choose an assessment to print first."))
            return
        printer = Printing.choose_printer(self, self.preview.page_count(),
                                          Path(preview.file_name).stem)
        if printer is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            print_document(self.preview.document, printer)
        except PrintFailed:
            self._messages.error(self.tr("The report could not be printed. Check the printer "
                                         "and try again."), dialog=True)
        else:
            self._messages.success(self.tr("The report was sent to the printer."))
        finally:
            QApplication.restoreOverrideCursor()

    def export_current(self) -> None:
        """Ctrl+E: Save as PDF."""
        self.save_as()

    def save_as(self) -> None:
        preview = self._preview
        if preview is None:
            self._messages.info(self.tr("Choose an assessment to save first."))
            return
        path = FileDialogs.save_pdf(self, self.tr("Save report as PDF"),
                                    last_folder() / preview.file_name)
        if path is None:
            return
        remember_folder(path.parent)
        pdf = preview.pdf
        worker.run(
            lambda _ctx: write_pdf(path, pdf),
            self._saved,
            progress_label=self.tr("Saving the report…"),
            cancellable=False,
            parent=self,
        )

    def _saved(self, path: Path) -> None:
        self._messages.success(self.tr("Saved {file}.").format(file=path.name))
        self.saved.emit(path)

    # --- day close -------------------------------------------------------------------------
    def open_day_close(self) -> DayCloseDialog:
        """Ctrl+Shift+D: 일마감 of today (another day or a range can be picked)."""
        if self.day_close_dialog is None:
            self.day_close_dialog = DayCloseDialog(
                self._services.day_close, self._actor, self._messages, self,
                today=self._today)
            self.day_close_dialog.resize(860, 900)
        else:
            self.day_close_dialog.reload()
        self.day_close_dialog.show()
        self.day_close_dialog.raise_()
        self.day_close_dialog.activateWindow()
        return self.day_close_dialog

    # --- batch export -----------------------------------------------------------------------
    def open_batch_dialog(self) -> BatchExportDialog:
        if self.batch_dialog is not None:
            self.batch_dialog.raise_()
            self.batch_dialog.activateWindow()
            return self.batch_dialog
        chosen = [(c.id, c.name) for c in self.selected_clients()]
        dialog = BatchExportDialog(today=self._today(), folder=last_folder(),
                                   chosen_clients=chosen, parent=self)
        self.batch_dialog = dialog
        dialog.accepted.connect(lambda: self._batch_accepted(dialog))
        dialog.finished.connect(lambda _result: self._batch_dialog_closed(dialog))
        dialog.open()
        return dialog

    def _batch_accepted(self, dialog: BatchExportDialog) -> None:
        request = dialog.request()
        if request is not None:
            self.start_batch(request)

    def _batch_dialog_closed(self, dialog: BatchExportDialog) -> None:
        if self.batch_dialog is dialog:
            self.batch_dialog = None
        dialog.deleteLater()

    def start_batch(self, request: BatchRequest) -> worker.TaskHandle:
        """Export on the worker lane with progress and Cancel; a summary when it ends."""
        remember_folder(request.folder)
        reports, actor = self._services.reports, self._actor
        step = self.tr("{done} of {total} reports")
        self.batch_handle = worker.run(
            lambda ctx: run_batch(reports, actor, request, ctx, step),
            self._batch_done,
            progress_label=self.tr("Exporting reports…"),
            cancellable=True,
            parent=self,
            lane=worker.Lane.SLOW_READ,  # minutes of PDFs must not hold up the front desk
        )
        return self.batch_handle

    def _batch_done(self, result: BatchResult) -> None:
        self.batch_handle = None
        self.batch_finished.emit(result)
        if not result.files and not result.cancelled:
            self._messages.info(self.tr("No assessment matches; nothing was exported."))
            return
        self._messages.success(self.tr("{count} reports exported.").format(
            count=len(result.files)))
        if self.summary_dialog is not None:
            self.summary_dialog.close()
        summary = BatchSummaryDialog(result, self)
        self.summary_dialog = summary
        summary.finished.connect(lambda _result: self._summary_closed(summary))
        summary.open()

    def _summary_closed(self, summary: BatchSummaryDialog) -> None:
        if self.summary_dialog is summary:
            self.summary_dialog = None
        summary.deleteLater()
