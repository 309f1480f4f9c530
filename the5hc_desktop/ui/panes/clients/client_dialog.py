"""새 회원 등록 / 회원 정보 수정: the member form.

Checks run where the rules live: `ClientService` raises `ValidationError(field)` and the
message lands under that field (in the UI language); only what the widgets alone know
(a date or number that does not parse, no gender picked) is checked here. A duplicate
phone number or name is a yellow note, not an error: saving stays allowed. The save runs
on the worker lane; on any failure the dialog stays open with everything typed intact.
"""

from __future__ import annotations

import uuid

import shiboken6
from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError, ValidationError
from the5hc_desktop.domain.people import (
    Gender,
    bmi,
    bmi_band,
    body_problems,
    format_phone,
    format_phone_typing,
    normalize_phone,
)
from the5hc_desktop.domain.roles import trains
from the5hc_desktop.services.accounts import AccountService, StaffView
from the5hc_desktop.services.clients import ClientDraft, ClientService, ClientView, SaveResult
from the5hc_desktop.services.context import Actor, Notice
from the5hc_desktop.ui import i18n, worker
from the5hc_desktop.ui.dialogs import ERROR_COLOUR, FieldErrors
from the5hc_desktop.ui.messages import error_text
from the5hc_desktop.ui.panes.clients import formatting as fmt

NOTE_STYLE = (
    "QLabel { background: #fff8e1; border: 1px solid #ffe082; border-radius: 4px;"
    " color: #6d4c00; padding: 6px; }"
)
_MUTED = "color: #607d8b;"


def _line(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def _text_box(name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setFixedHeight(54)
    return box


class ClientDialog(QDialog):
    """Add (existing=None) or edit one member."""

    saved = Signal(object)  # SaveResult

    def __init__(
        self,
        clients: ClientService,
        accounts: AccountService,
        actor: Actor,
        existing: ClientView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clientDialog")
        self._clients = clients
        self._accounts = accounts
        self._actor = actor
        self._existing = existing
        self._language = i18n.current_language()
        self._check_generation = 0
        self._closing = False
        self.result_value: SaveResult | None = None
        self.notices: tuple[Notice, ...] = ()
        self.setWindowTitle(self.tr("Edit client") if existing else self.tr("New client"))
        self._build()
        self._register_errors()
        if existing is not None:
            self._fill(existing)
        self._load_trainers()

    @property
    def is_new(self) -> bool:
        """True for 새 회원 등록, False when editing an existing member."""
        return self._existing is None

    # --- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self.name = _line("clientName", self.tr("e.g. 김민수"))
        self.gender = QWidget()
        self.gender.setObjectName("clientGender")
        self.male = QRadioButton(Gender.MALE.label.text(self._language))
        self.male.setObjectName("clientGenderMale")
        self.female = QRadioButton(Gender.FEMALE.label.text(self._language))
        self.female.setObjectName("clientGenderFemale")
        self._gender_group = QButtonGroup(self)
        self._gender_group.addButton(self.male)
        self._gender_group.addButton(self.female)
        gender_row = QHBoxLayout(self.gender)
        gender_row.setContentsMargins(0, 0, 0, 0)
        gender_row.addWidget(self.male)
        gender_row.addWidget(self.female)
        gender_row.addStretch(1)
        self.phone = _line("clientPhone", "010-1234-5678")
        self.birth_date = _line("clientBirthDate", self.tr("YYYY-MM-DD (optional)"))
        self.email = _line("clientEmail", self.tr("Optional"))
        self.height_edit = _line("clientHeight", "cm")
        self.weight_edit = _line("clientWeight", "kg")
        self.bmi_label = QLabel()
        self.bmi_label.setObjectName("clientBmiPreview")
        self.bmi_label.setStyleSheet(_MUTED)
        self.trainer = QComboBox()
        self.trainer.setObjectName("clientTrainer")
        self.active = QCheckBox(self.tr("Active client"))
        self.active.setObjectName("clientActive")
        self.active.setChecked(True)
        self.goals = _text_box("clientGoals")
        self.medical_notes = _text_box("clientMedicalNotes")
        self.medical_notes.setPlaceholderText(self.tr("Injuries, conditions, medication"))
        self.notes = _text_box("clientNotes")

        form = self._form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("Name *"), self.name)
        form.addRow(self.tr("Gender *"), self.gender)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Birth date"), self.birth_date)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Height (cm)"), self.height_edit)
        form.addRow(self.tr("Weight (kg)"), self.weight_edit)
        form.addRow("", self.bmi_label)
        form.addRow(self.tr("Trainer"), self.trainer)
        form.addRow(self.tr("Goals"), self.goals)
        form.addRow(self.tr("Medical notes"), self.medical_notes)
        form.addRow(self.tr("Notes"), self.notes)
        if self._existing is not None:
            form.addRow("", self.active)
        else:
            self.active.hide()

        self.duplicate_note = QLabel()
        self.duplicate_note.setObjectName("clientDuplicateNote")
        self.duplicate_note.setStyleSheet(NOTE_STYLE)
        self.duplicate_note.setWordWrap(True)
        self.duplicate_note.hide()
        self.general_error = QLabel()
        self.general_error.setObjectName("clientDialogError")
        self.general_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("clientDialogButtons")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.duplicate_note)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

        # Digits only, grouped as they are typed (010-1234-5678).
        self.phone.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[0-9\- ]{0,16}"), self.phone))
        self.phone.textEdited.connect(self._group_phone)
        self.phone.editingFinished.connect(self._tidy_phone)
        self.name.editingFinished.connect(self.check_duplicates)
        self.phone.editingFinished.connect(self.check_duplicates)
        self.height_edit.textChanged.connect(self._update_bmi)
        self.weight_edit.textChanged.connect(self._update_bmi)
        self._update_bmi()

    def _register_errors(self) -> None:
        self.errors = FieldErrors(self)
        for widget, fields in (
            (self.name, ("name",)),
            (self.gender, ("gender",)),
            (self.phone, ("phone",)),
            (self.birth_date, ("birth_date",)),
            (self.email, ("email",)),
            (self.height_edit, ("height_cm",)),
            (self.weight_edit, ("weight_kg",)),
            (self.trainer, ("trainer_id",)),
            (self.goals, ("goals",)),
            (self.medical_notes, ("medical_notes",)),
            (self.notes, ("notes",)),
        ):
            self.errors.register(widget, *fields)

    def _fill(self, client: ClientView) -> None:
        self.name.setText(client.name)
        (self.male if client.gender is Gender.MALE else self.female).setChecked(True)
        self.phone.setText(client.phone_display)
        self.birth_date.setText(fmt.date_text(client.birth_date))
        self.email.setText(client.email)
        self.height_edit.setText(_number_text(client.height_cm))
        self.weight_edit.setText(_number_text(client.weight_kg))
        self.goals.setPlainText(client.goals)
        self.medical_notes.setPlainText(client.medical_notes)
        self.notes.setPlainText(client.notes)
        self.active.setChecked(client.active)

    # --- trainers -------------------------------------------------------------------------
    def _load_trainers(self) -> None:
        # Item data are id strings: QComboBox.findData compares Python objects by identity.
        existing = self._existing
        if existing is None or existing.trainer_id is None:
            self.trainer.addItem(self.tr("Not assigned"), "")
        if existing is not None and existing.trainer_id is not None:
            self.trainer.addItem(existing.trainer_name, str(existing.trainer_id))
        elif existing is None and trains(self._actor.role):
            self.trainer.addItem(self._actor.display_name, str(self._actor.staff_id))
            self.trainer.setCurrentIndex(1)
        accounts, actor = self._accounts, self._actor
        worker.run(
            lambda _ctx: accounts.trainers(actor),
            self._trainers_loaded,
            on_failure=lambda _error: None,  # the combo keeps the default; saving still works
            cancellable=False,
            parent=self,
        )

    def _trainers_loaded(self, staff: tuple[StaffView, ...]) -> None:
        chosen = str(self.trainer.currentData() or "")
        chosen_name = self.trainer.currentText()
        self.trainer.blockSignals(True)
        self.trainer.clear()
        if self._existing is None or self._existing.trainer_id is None:
            self.trainer.addItem(self.tr("Not assigned"), "")
        for person in staff:
            self.trainer.addItem(person.display_name or person.username, str(person.id))
        if chosen and self.trainer.findData(chosen) < 0:
            self.trainer.addItem(chosen_name, chosen)  # no longer active: kept as it was
        self.trainer.setCurrentIndex(max(self.trainer.findData(chosen), 0))
        self.trainer.blockSignals(False)

    # --- live helpers ---------------------------------------------------------------------
    def _group_phone(self, text: str) -> None:
        grouped = format_phone_typing(text)
        if grouped != text:
            self.phone.setText(grouped)
            self.phone.setCursorPosition(len(grouped))

    def _tidy_phone(self) -> None:
        text = self.phone.text().strip()
        if not text:
            return
        try:
            digits = normalize_phone(text)
        except ValidationError:
            return  # left as typed; Save shows the message
        self.phone.setText(format_phone(digits))

    def _update_bmi(self) -> None:
        try:
            height = fmt.parse_number(self.height_edit.text())
            weight = fmt.parse_number(self.weight_edit.text())
        except ValueError:
            height = weight = None
        index = bmi(height, weight)
        shown = index is not None and 5 <= index <= 100
        if index is not None and shown:
            self.bmi_label.setText(self.tr("BMI {bmi} ({band})").format(
                bmi=fmt.score_text(index), band=bmi_band(index).text(self._language)))
        self._form.setRowVisible(self.bmi_label, shown)

    def done(self, result: int) -> None:
        self._closing = True  # closing moves the focus: no duplicate check for a closed form
        super().done(result)

    def check_duplicates(self) -> None:
        """Warn (yellow note) about another member with this phone number or name."""
        if self._closing:
            return
        name, phone = self.name.text().strip(), self.phone.text().strip()
        self._check_generation += 1
        if len(name) < 2:
            self._show_notices(())
            return
        # Only the name and the phone matter here: other fields may still be half typed.
        probe = ClientDraft(name=name, gender=Gender.MALE, phone=phone)
        generation, clients = self._check_generation, self._clients
        exclude = self._existing.id if self._existing is not None else None
        worker.run(
            lambda _ctx: clients.check_duplicates(probe, exclude),
            lambda notices: self._notices_arrived(generation, notices),
            on_failure=lambda _error: None,  # a bad phone: Save will say so under the field
            cancellable=False,
            parent=self,
        )

    def _notices_arrived(self, generation: int, notices: tuple[Notice, ...]) -> None:
        if generation == self._check_generation:
            self._show_notices(notices)

    def _show_notices(self, notices: tuple[Notice, ...]) -> None:
        self.notices = notices
        lines = [notice.message(self._language) for notice in notices]
        if lines:
            lines.append(self.tr("You can still save."))
        self.duplicate_note.setText("\n".join(lines))
        self.duplicate_note.setVisible(bool(notices))

    # --- saving ---------------------------------------------------------------------------
    def draft(self) -> ClientDraft | None:
        """The form as a draft; None after showing what could not be read."""
        problems: list[tuple[str, str]] = []
        gender: Gender | str = ""
        if self.male.isChecked():
            gender = Gender.MALE
        elif self.female.isChecked():
            gender = Gender.FEMALE
        else:
            problems.append(("gender", self.tr("Choose the gender.")))
        try:
            birth = fmt.parse_birth_date(self.birth_date.text())
        except ValueError:
            birth = None
            problems.append(("birth_date", self.tr("Enter a date such as 1990-03-15.")))
        numbers: dict[str, float | None] = {}
        for field, edit in (("height_cm", self.height_edit), ("weight_kg", self.weight_edit)):
            try:
                numbers[field] = fmt.parse_number(edit.text())
            except ValueError:
                numbers[field] = None
                problems.append((field, self.tr("Enter a number.")))
        # Every field at once, by the same rules the service applies (it checks again).
        for problem in body_problems(numbers["height_cm"], numbers["weight_kg"]):
            problems.append((problem.field or "weight_kg", error_text(problem)))
        phone = self.phone.text().strip()
        if phone:
            try:
                normalize_phone(phone)
            except ValidationError as problem:
                problems.append(("phone", error_text(problem)))
        name = self.name.text().strip()
        if not name:
            problems.insert(0, ("name", self.tr("Enter the client's name.")))
        elif len(name) < 2:
            problems.insert(0, ("name", self.tr("The name needs at least 2 characters.")))
        for field, text in problems:
            self.errors.show(field, text)
        if problems:
            self._focus_first_error()
            return None
        trainer = str(self.trainer.currentData() or "")
        return ClientDraft(
            name=self.name.text().strip(),
            gender=gender,
            phone=self.phone.text().strip(),
            birth_date=birth,
            email=self.email.text().strip(),
            height_cm=numbers["height_cm"],
            weight_kg=numbers["weight_kg"],
            goals=self.goals.toPlainText().strip(),
            medical_notes=self.medical_notes.toPlainText().strip(),
            notes=self.notes.toPlainText().strip(),
            trainer_id=uuid.UUID(trainer) if trainer else None,
            active=self.active.isChecked(),
        )

    def _focus_first_error(self) -> None:
        for widget in (self.name, self.gender, self.phone, self.birth_date, self.email,
                       self.height_edit, self.weight_edit):
            if widget.property("fieldError"):
                target = self.male if widget is self.gender else widget
                target.setFocus()
                return

    def submit(self) -> None:
        self.errors.clear()
        self.general_error.hide()
        draft = self.draft()
        if draft is None:
            return
        clients, actor, existing = self._clients, self._actor, self._existing

        def save(_ctx: worker.TaskContext) -> SaveResult:
            if existing is None:
                return clients.create(actor, draft)
            return clients.update(actor, existing.id, draft)

        self.buttons.setEnabled(False)
        worker.run(
            save,
            self._saved,
            on_failure=self._failed,
            progress_label=self.tr("Saving the client…"),
            cancellable=False,
            parent=self,
            on_done=self._enable_buttons,
        )

    def _enable_buttons(self) -> None:
        if shiboken6.isValid(self):
            self.buttons.setEnabled(True)

    def _saved(self, result: SaveResult) -> None:
        self.result_value = result
        self.saved.emit(result)
        self.accept()

    def _failed(self, error: The5HCError) -> None:
        if not self.errors.show_error(error):
            self.general_error.setText(error_text(error))
            self.general_error.show()


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"
