"""One member's page: profile, packages, assessment history and the progress chart.

A view: it shows a `ClientDetail` and turns button clicks into request signals carrying
the client's (or assessment's) UUID. The pane runs the service calls; the composition root
connects the requests that belong to other panes (new assessment, sell a package, book).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.scoring import band_for
from the5hc_desktop.services.assessments import AssessmentSummary
from the5hc_desktop.services.clients import ClientDetail, ClientView
from the5hc_desktop.services.packages import PackageView
from the5hc_desktop.ui import i18n
from the5hc_desktop.ui.dialogs import ERROR_COLOUR
from the5hc_desktop.ui.panes.clients import formatting as fmt
from the5hc_desktop.ui.panes.clients.history import MemberHistoryView
from the5hc_desktop.ui.panes.clients.screening_text import ROW_LABEL, screening_text
from the5hc_desktop.ui.panes.clients.widgets import KeyTable
from the5hc_desktop.ui.panes.columns import fit_columns
from the5hc_desktop.ui.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from the5hc_desktop.ui.panes.clients.progress_chart import ProgressChart

_RIGHT = Qt.AlignmentFlag.AlignRight
_CENTRE = Qt.AlignmentFlag.AlignHCenter
_MUTED = "#607d8b"
_WARN = "#e65100"


def _value_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def _table(name: str, model: RowsModel[Any], stretch: int,
           samples: dict[int, str]) -> KeyTable:
    table = KeyTable(name)
    table.setModel(model)
    fit_columns(table, stretch, samples)  # short columns fit, the descriptive one stretches
    table.setMinimumHeight(150)
    return table


class ClientDetailView(QWidget):
    """The member page (see the module docstring)."""

    back_requested = Signal()
    edit_requested = Signal(object)  # client id
    active_change_requested = Signal(object, bool)  # client id, new state
    delete_requested = Signal(object)  # client id
    new_assessment_requested = Signal(object)  # client id
    sell_package_requested = Signal(object)  # client id
    book_session_requested = Signal(object)  # client id
    open_assessment_requested = Signal(object)  # assessment id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientDetail")
        self._language = i18n.current_language()
        self._detail: ClientDetail | None = None
        self._client_id: uuid.UUID | None = None
        self._can_delete = False
        self._can_assess = True
        self._extra = {"assessment": False, "package": False, "session": False}
        self.chart: ProgressChart | None = None
        self._build()
        self._update_buttons()

    # --- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        content = QWidget()
        content.setObjectName("clientDetailContent")
        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self._build_profile())
        left.addWidget(self._build_packages(), 1)
        self.history = MemberHistoryView()
        left.addWidget(self.history, 1)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self._build_chart_box())
        right.addWidget(self._build_assessments(), 1)
        columns = QHBoxLayout(content)
        columns.setContentsMargins(12, 8, 12, 12)
        columns.setSpacing(12)
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)

        scroll = QScrollArea()
        scroll.setObjectName("clientDetailScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self._build_header())
        layout.addWidget(scroll, 1)

    def _button(self, name: str, text: str, tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        if tip:
            button.setToolTip(tip)
        return button

    def _build_header(self) -> QHBoxLayout:
        self.back_button = self._button(
            "detailBackButton", self.tr("← Client list"), self.tr("Back to the list (Esc)"))
        self.back_button.clicked.connect(self.back_requested)
        self.name_label = QLabel()
        self.name_label.setObjectName("detailName")
        self.name_label.setStyleSheet("font-size: 16pt; font-weight: bold; color: #1a2733;")
        self.state_label = QLabel()
        self.state_label.setObjectName("detailState")
        self.status_label = QLabel()
        self.status_label.setObjectName("detailStatus")
        self.status_label.setStyleSheet(f"color: {_MUTED};")

        self.assessment_button = self._button("detailNewAssessmentButton",
                                              self.tr("New assessment"))
        self.package_button = self._button("detailSellPackageButton", self.tr("Sell package"))
        self.session_button = self._button("detailBookSessionButton", self.tr("Book session"))
        self.edit_button = self._button("detailEditButton", self.tr("Edit"),
                                        self.tr("Edit the client's details"))
        self.active_button = self._button("detailActiveButton", self.tr("Deactivate"))
        self.delete_button = self._button("detailDeleteButton", self.tr("Delete"))
        self.delete_button.setStyleSheet(f"color: {ERROR_COLOUR};")

        self.assessment_button.clicked.connect(
            lambda: self._emit_for_client(self.new_assessment_requested))
        self.package_button.clicked.connect(
            lambda: self._emit_for_client(self.sell_package_requested))
        self.session_button.clicked.connect(
            lambda: self._emit_for_client(self.book_session_requested))
        self.edit_button.clicked.connect(lambda: self._emit_for_client(self.edit_requested))
        self.delete_button.clicked.connect(lambda: self._emit_for_client(self.delete_requested))
        self.active_button.clicked.connect(self._toggle_active)

        row = QHBoxLayout()
        row.setContentsMargins(12, 10, 12, 4)
        row.addWidget(self.back_button)
        row.addSpacing(12)
        row.addWidget(self.name_label)
        row.addWidget(self.state_label)
        row.addSpacing(8)
        row.addWidget(self.status_label)
        row.addStretch(1)
        for button in (self.assessment_button, self.package_button, self.session_button,
                       self.edit_button, self.active_button, self.delete_button):
            row.addWidget(button)
        return row

    def _build_profile(self) -> QGroupBox:
        box = QGroupBox(self.tr("Profile"))
        box.setObjectName("detailProfileBox")
        self.gender_value = _value_label("detailGender")
        self.age_value = _value_label("detailAge")
        self.birth_value = _value_label("detailBirthDate")
        self.phone_value = _value_label("detailPhone")
        self.email_value = _value_label("detailEmail")
        self.body_value = _value_label("detailBody")
        self.bmi_value = _value_label("detailBmi")
        self.trainer_value = _value_label("detailTrainer")
        self.registered_value = _value_label("detailRegistered")
        self.goals_value = _value_label("detailGoals")
        self.medical_value = _value_label("detailMedicalNotes")
        self.screening_value = _value_label("detailScreening")
        self.notes_value = _value_label("detailNotes")
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("Gender"), self.gender_value)
        form.addRow(self.tr("Age"), self.age_value)
        form.addRow(self.tr("Birth date"), self.birth_value)
        form.addRow(self.tr("Phone"), self.phone_value)
        form.addRow(self.tr("E-mail"), self.email_value)
        form.addRow(self.tr("Height / weight"), self.body_value)
        form.addRow(self.tr("BMI"), self.bmi_value)
        form.addRow(self.tr("Trainer"), self.trainer_value)
        form.addRow(self.tr("Registered on"), self.registered_value)
        form.addRow(self.tr("Goals"), self.goals_value)
        form.addRow(self.tr("Medical notes"), self.medical_value)
        form.addRow(ROW_LABEL.text(self._language), self.screening_value)
        form.addRow(self.tr("Notes"), self.notes_value)
        return box

    def _build_chart_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Progress"))
        box.setObjectName("detailProgressBox")
        self.chart_stack = QStackedWidget()
        self.chart_stack.setObjectName("detailChartStack")
        self.chart_empty = QLabel(self.tr("No assessment yet: the chart appears after the "
                                          "first one."))
        self.chart_empty.setObjectName("detailChartEmpty")
        self.chart_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart_empty.setStyleSheet(f"color: {_MUTED};")
        self.chart_stack.addWidget(self.chart_empty)
        self.chart_stack.setMinimumHeight(260)
        self.chart_stack.setMaximumHeight(340)
        layout = QVBoxLayout(box)
        layout.addWidget(self.chart_stack)
        return box

    def _build_packages(self) -> QGroupBox:
        box = QGroupBox(self.tr("Packages"))
        box.setObjectName("detailPackagesBox")
        self.packages_model: RowsModel[PackageView] = RowsModel(
            [
                Column(self.tr("Package"), lambda p: p.name, tooltip=self._package_tip),
                Column(self.tr("Left"), self._remaining_text, _RIGHT,
                       colour=lambda p: ERROR_COLOUR if p.remaining < 0 else None,
                       tooltip=self._remaining_tip),
                Column(self.tr("Sessions"), lambda p: str(p.sessions_bought + p.bonus), _RIGHT),
                Column(self.tr("Expires"), self._expiry_text, _CENTRE),
                Column(self.tr("State"), self._package_state, _CENTRE,
                       colour=lambda p: None if p.active and not p.expired else _MUTED),
            ],
            self,
        )
        self.packages_table = _table("detailPackagesTable", self.packages_model, 0, {
            1: self.tr("{count} (overdrawn)").format(count=-10),
            2: "000",
            3: "\n".join(("0000-00-00", self.tr("Unlimited"))),
            4: "\n".join((self.tr("Refunded"), self.tr("Closed"), self.tr("Expired"),
                          self.tr("Overdrawn"), self.tr("Used up"), self.tr("In use"))),
        })
        self.packages_empty = QLabel(self.tr("No package sold yet."))
        self.packages_empty.setObjectName("detailPackagesEmpty")
        self.packages_empty.setStyleSheet(f"color: {_MUTED};")
        self.packages_empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(box)
        layout.addWidget(self.packages_table)
        layout.addWidget(self.packages_empty)
        return box

    def _build_assessments(self) -> QGroupBox:
        box = QGroupBox(self.tr("Assessments"))
        box.setObjectName("detailAssessmentsBox")

        def score(header: str, key: str) -> Column[AssessmentSummary]:
            return Column(
                header,
                lambda a: fmt.score_text(getattr(a, key)),
                _RIGHT,
                colour=lambda a: fmt.band_colour(getattr(a, key)),
                tooltip=lambda a: self._band_word(getattr(a, key)),
            )

        columns = [
            Column(self.tr("Date"), lambda a: fmt.date_text(a.assessed_on), _CENTRE),
            score(self.tr("Overall"), "overall"),
            score(self.tr("Strength"), "strength"),
            score(self.tr("Mobility"), "mobility"),
            score(self.tr("Balance"), "balance"),
            score(self.tr("Cardio"), "cardio"),
        ]
        columns.append(Column(self.tr("Note"), self._assessment_note,
                              colour=lambda _a: _WARN))
        columns.append(Column(self.tr("Trainer"), lambda a: a.trainer_name))
        self.assessments_model: RowsModel[AssessmentSummary] = RowsModel(columns, self)
        score_sample = "100.0"
        self.assessments_table = _table("detailAssessmentsTable", self.assessments_model, 7, {
            0: "0000-00-00", 1: score_sample, 2: score_sample, 3: score_sample,
            4: score_sample, 5: score_sample, 6: self.tr("Partly measured"),
        })
        self.assessments_table.setToolTip(self.tr("Double-click or Enter opens the assessment"))
        self.assessments_table.doubleClicked.connect(self._open_assessment)
        self.assessments_table.enter_pressed.connect(
            lambda: self._open_assessment(self.assessments_table.currentIndex()))
        self.assessments_empty = QLabel(self.tr("No assessment yet."))
        self.assessments_empty.setObjectName("detailAssessmentsEmpty")
        self.assessments_empty.setStyleSheet(f"color: {_MUTED};")
        self.assessments_empty.setAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(box)
        layout.addWidget(self.assessments_table)
        layout.addWidget(self.assessments_empty)
        return box

    # --- words ----------------------------------------------------------------------------
    def _band_word(self, value: float | None) -> str | None:
        band = band_for(value)
        return band.text(self._language) if band is not None else None

    def _assessment_note(self, summary: AssessmentSummary) -> str:
        return "" if summary.complete else self.tr("Partly measured")

    def _expiry_text(self, package: PackageView) -> str:
        return fmt.date_text(package.expires_on) or self.tr("Unlimited")

    def _remaining_text(self, package: PackageView) -> str:
        if package.remaining < 0:
            return self.tr("{count} (overdrawn)").format(count=package.remaining)
        return str(package.remaining)

    def _remaining_tip(self, package: PackageView) -> str | None:
        if package.remaining < 0:
            return self.tr("More sessions were used than the package holds.")
        if package.scheduled_ahead:
            return self.tr("{count} already booked").format(count=package.scheduled_ahead)
        return None

    def _package_tip(self, package: PackageView) -> str:
        return self.tr("Sold on {date}: {bought} sessions, {bonus} bonus, {used} used").format(
            date=fmt.date_text(package.sold_on), bought=package.sessions_bought,
            bonus=package.bonus, used=package.used + package.no_show)

    def _package_state(self, package: PackageView) -> str:
        if package.refunded:
            return self.tr("Refunded")
        if not package.active:
            return self.tr("Closed")
        if package.expired:
            return self.tr("Expired")
        if package.remaining < 0:
            return self.tr("Overdrawn")
        if package.remaining == 0:
            return self.tr("Used up")
        return self.tr("In use")

    # --- showing ---------------------------------------------------------------------------
    @property
    def client_id(self) -> uuid.UUID | None:
        return self._client_id

    @property
    def detail(self) -> ClientDetail | None:
        return self._detail

    def set_permissions(self, *, can_delete: bool, can_assess: bool) -> None:
        self._can_delete = can_delete
        self._can_assess = can_assess
        self._update_buttons()

    def set_extra_actions(self, *, assessment: bool, package: bool, session: bool) -> None:
        """Show the buttons whose request someone (the composition root) listens to."""
        self._extra = {"assessment": assessment, "package": package, "session": session}
        self._update_buttons()

    def show_loading(self, client_id: uuid.UUID, name: str) -> None:
        """Switch to `client_id` right away; the figures follow with `show_detail`."""
        if client_id != self._client_id:
            self._detail = None
            self.packages_model.set_rows(())
            self.assessments_model.set_rows(())
            self.history.clear()
        self._client_id = client_id
        self.name_label.setText(name)
        self.status_label.setText(self.tr("Loading…"))
        self._update_buttons()

    def show_failed(self, text: str) -> None:
        self.status_label.setText(text)

    def show_detail(self, detail: ClientDetail) -> None:
        self._detail = detail
        self._client_id = detail.client.id
        client = detail.client
        self.name_label.setText(client.name)
        self.status_label.setText("")
        self._fill_profile(client)
        text, colour = screening_text(detail.screening, self._language)
        self.screening_value.setText(text)
        self.screening_value.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.packages_model.set_rows(detail.packages)
        self.packages_empty.setVisible(not detail.packages)
        self.packages_table.setVisible(bool(detail.packages))
        self.assessments_model.set_rows(detail.assessments)
        self.assessments_empty.setVisible(not detail.assessments)
        self.assessments_table.setVisible(bool(detail.assessments))
        self._fill_chart(detail)
        self._update_buttons()

    def _fill_profile(self, client: ClientView) -> None:
        lang = self._language
        self.state_label.setText("" if client.active else self.tr("Inactive"))
        self.state_label.setStyleSheet(
            "color: white; background: #90a4ae; border-radius: 4px; padding: 2px 6px;"
            if not client.active else "")
        self.gender_value.setText(client.gender.label.text(lang))
        if client.age is None:
            age = fmt.MISSING
        elif client.age_is_estimate:
            age = self.tr("{age} years (estimated)").format(age=client.age)
        else:
            age = self.tr("{age} years").format(age=client.age)
        self.age_value.setText(age)
        self.birth_value.setText(fmt.date_text(client.birth_date) or fmt.MISSING)
        self.phone_value.setText(client.phone_display or fmt.MISSING)
        self.email_value.setText(client.email or fmt.MISSING)
        height = f"{fmt.score_text(client.height_cm)} cm" if client.height_cm else fmt.MISSING
        weight = f"{fmt.score_text(client.weight_kg)} kg" if client.weight_kg else fmt.MISSING
        self.body_value.setText(f"{height} / {weight}")
        if client.bmi is None or client.bmi_band is None:
            self.bmi_value.setText(fmt.MISSING)
        else:
            self.bmi_value.setText(self.tr("{bmi} ({band})").format(
                bmi=fmt.score_text(client.bmi), band=client.bmi_band.text(lang)))
        self.trainer_value.setText(client.trainer_name or self.tr("Not assigned"))
        self.registered_value.setText(fmt.date_text(client.created_at.date()))
        self.goals_value.setText(client.goals or fmt.MISSING)
        self.medical_value.setText(client.medical_notes or fmt.MISSING)
        self.medical_value.setStyleSheet(f"color: {_WARN};" if client.medical_notes else "")
        self.notes_value.setText(client.notes or fmt.MISSING)

    def _fill_chart(self, detail: ClientDetail) -> None:
        if not detail.progress.dates:
            self.chart_stack.setCurrentWidget(self.chart_empty)
            return
        if self.chart is None:
            # Imported here: pyqtgraph is slow to import; the list shows without it.
            from the5hc_desktop.ui.panes.clients.progress_chart import ProgressChart
            from the5hc_desktop.ui.source_lines import forget_source_lines

            forget_source_lines()  # pyqtgraph's and numpy's, cached by PySide6's hook

            self.chart = ProgressChart(self._language)
            self.chart_stack.addWidget(self.chart)
        self.chart.set_series(detail.progress)
        self.chart_stack.setCurrentWidget(self.chart)

    def _update_buttons(self) -> None:
        client = self._detail.client if self._detail is not None else None
        loaded = client is not None
        for button in (self.edit_button, self.active_button, self.delete_button,
                       self.assessment_button, self.package_button, self.session_button):
            button.setEnabled(loaded)
        active = client.active if client is not None else True
        self.active_button.setText(self.tr("Deactivate") if active else self.tr("Reactivate"))
        self.delete_button.setVisible(self._can_delete)
        self.assessment_button.setVisible(
            self._extra["assessment"] and self._can_assess)
        self.package_button.setVisible(self._extra["package"])
        self.session_button.setVisible(self._extra["session"])

    # --- requests --------------------------------------------------------------------------
    def _emit_for_client(self, signal: SignalInstance) -> None:
        if self._client_id is not None:
            signal.emit(self._client_id)

    def _toggle_active(self) -> None:
        if self._detail is not None:
            client = self._detail.client
            self.active_change_requested.emit(client.id, not client.active)

    def _open_assessment(self, index: QModelIndex) -> None:
        summary = self.assessments_model.row_at(index.row())
        if summary is not None:
            self.open_assessment_requested.emit(summary.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)
