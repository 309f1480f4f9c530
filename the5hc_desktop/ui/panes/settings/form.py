"""센터 설정: the gym-wide settings form (name, rates, policies, lock, backups). The screen
language is each user's own (settings/language.py), not a gym setting.

Rates are typed as percentages with two decimals and stored as Decimal fractions with
four (10.00 % -> 0.1000). Owners edit everything, senior trainers everything but the
rates, others only look. The service validates again and names the field it rejects.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.domain.people import format_phone_typing
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, can
from the5hc_desktop.services.settings import GymSettings, SettingsService
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.dialogs import FieldErrors
from the5hc_desktop.ui.messages import MessageBridge

_FOUR_PLACES = Decimal("0.0001")


def percent_to_rate(percent: float) -> Decimal:
    """10.0 -> Decimal("0.1000"): two decimals typed, four stored."""
    return (Decimal(f"{percent:.2f}") / 100).quantize(_FOUR_PLACES)


def rate_to_percent(rate: Decimal) -> float:
    return float(rate * 100)


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #607d8b;")
    return label


class GymSettingsForm(QWidget):
    saved = Signal(object)  # the GymSettings now stored

    def __init__(
        self,
        service: SettingsService,
        actor: Actor,
        messages: MessageBridge,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("gymSettingsForm")
        self._service = service
        self._actor = actor
        self._messages = messages
        self._loaded: GymSettings | None = None
        self.last_backup: Path | None = None
        self._build()
        self.errors = FieldErrors(self)
        for widget, field in (
            (self.gym_name, "gym_name"), (self.vat_rate, "vat_rate"),
            (self.card_fee_rate, "card_fee_rate"), (self.no_show, "no_show_consumes_credit"),
            (self.idle_minutes, "idle_lock_minutes"),
            (self.backup_row, "backup_folder"), (self.business_number, "business_number"),
            (self.representative, "representative"), (self.gym_phone, "gym_phone"),
            (self.gym_address, "gym_address"),
        ):
            self.errors.register(widget, field)
        self._apply_permissions()

    # --- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        self._groups: list[QGroupBox] = []
        self.gym_name = QLineEdit()
        self.gym_name.setObjectName("settingsGymName")
        self.gym_name.setMaxLength(100)
        self.vat_rate = self._percent_box("settingsVatRate", 50.0)
        self.card_fee_rate = self._percent_box("settingsCardFeeRate", 20.0)
        self.no_show = QComboBox()
        self.no_show.setObjectName("settingsNoShow")
        self.no_show.addItem(self.tr("A no-show uses up one session"), True)
        self.no_show.addItem(self.tr("A no-show does not use up a session"), False)
        self.edit_any = QCheckBox(self.tr("Trainers may edit assessments run by other trainers"))
        self.edit_any.setObjectName("settingsEditAnyAssessment")
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("settingsIdleMinutes")
        self.idle_minutes.setRange(1, 480)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setMaximumWidth(140)
        self.backup_folder = QLineEdit()
        self.backup_folder.setObjectName("settingsBackupFolder")
        self.backup_folder.setPlaceholderText(self.tr("Next to the database, in “backups”"))
        browse = QPushButton(self.tr("Browse…"))
        browse.setObjectName("settingsBackupBrowse")
        browse.clicked.connect(self.choose_backup_folder)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.setObjectName("settingsBackupNow")
        self.backup_button.clicked.connect(self.backup_now)
        self.backup_row = QWidget()
        row = QHBoxLayout(self.backup_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.backup_folder, 1)
        row.addWidget(browse)
        row.addWidget(self.backup_button)
        self.backup_result = _hint("")
        self.backup_result.setObjectName("settingsBackupResult")
        self.backup_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_result.hide()

        gym = self._group(self.tr("Gym"), "settingsGymGroup")
        gym.addRow(self.tr("Gym name"), self.gym_name)
        gym.addRow("", _hint(self.tr("Printed at the top of every report.")))
        self._build_receipt_group()
        money = self._group(self.tr("Fees"), "settingsFeesGroup")
        money.addRow(self.tr("VAT"), self.vat_rate)
        money.addRow(self.tr("Card fee"), self.card_fee_rate)
        self.rates_hint = _hint(self.tr("New rates apply to packages sold from now on."))
        money.addRow("", self.rates_hint)
        rules = self._group(self.tr("Policies"), "settingsPolicyGroup")
        rules.addRow(self.tr("No-show"), self.no_show)
        rules.addRow("", self.edit_any)
        screen = self._group(self.tr("Screen and security"), "settingsScreenGroup")
        screen.addRow(self.tr("Lock after idle"), self.idle_minutes)
        backup = self._group(self.tr("Backup"), "settingsBackupGroup")
        backup.addRow(self.tr("Backup folder"), self.backup_row)
        backup.addRow("", self.backup_result)

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("settingsSaveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.setObjectName("settingsRevertButton")
        self.revert_button.clicked.connect(self.revert)
        self.permission_note = _hint("")
        self.permission_note.setObjectName("settingsPermissionNote")
        self.permission_note.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        for box in self._groups:
            layout.addWidget(box)
        layout.addWidget(self.permission_note)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._align_label_columns()
        self.setMinimumWidth(640)

    def _build_receipt_group(self) -> None:
        def line(name: str, length: int, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setMaxLength(length)
            edit.setPlaceholderText(placeholder)
            return edit

        self.business_number = line("settingsBusinessNumber", 14, "123-45-67890")
        self.business_number.setMaximumWidth(220)
        self.representative = line("settingsRepresentative", 50)
        self.representative.setMaximumWidth(220)
        self.gym_phone = line("settingsGymPhone", 13, "02-123-4567")
        self.gym_phone.setMaximumWidth(220)
        # Digits only, grouped while typed, as in the member form.
        self.gym_phone.textEdited.connect(self._format_phone)
        self.gym_address = line("settingsGymAddress", 200)
        receipts = self._group(self.tr("Receipts"), "settingsReceiptGroup")
        receipts.addRow(self.tr("Business registration no."), self.business_number)
        receipts.addRow(self.tr("Representative"), self.representative)
        receipts.addRow(self.tr("Phone"), self.gym_phone)
        receipts.addRow(self.tr("Address"), self.gym_address)
        receipts.addRow("", _hint(self.tr("Printed on every receipt; leave empty what the gym "
                                          "does not want printed.")))

    def _format_phone(self, text: str) -> None:
        formatted = format_phone_typing(text)
        if formatted != text:
            self.gym_phone.setText(formatted)

    def _align_label_columns(self) -> None:
        """One label width for every group, so the fields line up down the page."""
        labels: list[QWidget] = []
        for box in self._groups:
            form = box.layout()
            if not isinstance(form, QFormLayout):
                continue
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    labels.append(widget)
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)

    def _group(self, title: str, name: str) -> QFormLayout:
        box = QGroupBox(title)
        box.setObjectName(name)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._groups.append(box)
        return form

    def _percent_box(self, name: str, top: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setObjectName(name)
        box.setDecimals(2)
        box.setRange(0.0, top)
        box.setSingleStep(0.1)
        box.setSuffix(" %")
        box.setMaximumWidth(140)
        return box

    def _apply_permissions(self) -> None:
        may_edit = can(self._actor, Capability.EDIT_SETTINGS)
        may_rates = can(self._actor, Capability.EDIT_MONEY_SETTINGS)
        for widget in (self.gym_name, self.no_show, self.edit_any,
                       self.idle_minutes, self.backup_row, self.save_button,
                       self.revert_button, self.business_number, self.representative,
                       self.gym_phone, self.gym_address):
            widget.setEnabled(may_edit)
        for box in (self.vat_rate, self.card_fee_rate):
            box.setEnabled(may_rates)
            if not may_rates:
                box.setToolTip(self.tr("Only an owner changes the rates."))
        if not may_edit:
            self.permission_note.setText(
                self.tr("Only owners and senior trainers change the settings."))
            self.permission_note.show()
        elif not may_rates:
            self.permission_note.setText(self.tr("Only an owner changes the rates."))
            self.permission_note.show()

    # --- loading and saving ------------------------------------------------------------
    def load(self) -> None:
        service = self._service
        worker.run(lambda _ctx: service.get(), self.show_settings, parent=self)

    def show_settings(self, settings: GymSettings) -> None:
        self._loaded = settings
        self.errors.clear()
        self.gym_name.setText(settings.gym_name)
        self.vat_rate.setValue(rate_to_percent(settings.vat_rate))
        self.card_fee_rate.setValue(rate_to_percent(settings.card_fee_rate))
        self.no_show.setCurrentIndex(0 if settings.no_show_consumes_credit else 1)
        self.edit_any.setChecked(settings.trainers_edit_any_assessment)
        self.idle_minutes.setValue(settings.idle_lock_minutes)
        self.backup_folder.setText(settings.backup_folder)
        self.business_number.setText(settings.business_number)
        self.representative.setText(settings.representative)
        self.gym_phone.setText(settings.gym_phone)
        self.gym_address.setText(settings.gym_address)

    def loaded(self) -> GymSettings | None:
        return self._loaded

    def form_value(self) -> GymSettings | None:
        """The form as settings (fields the form does not show keep their stored value)."""
        if self._loaded is None:
            return None
        return replace(
            self._loaded,
            gym_name=self.gym_name.text().strip(),
            vat_rate=percent_to_rate(self.vat_rate.value()),
            card_fee_rate=percent_to_rate(self.card_fee_rate.value()),
            no_show_consumes_credit=bool(self.no_show.currentData()),
            trainers_edit_any_assessment=self.edit_any.isChecked(),
            idle_lock_minutes=self.idle_minutes.value(),
            backup_folder=self.backup_folder.text().strip(),
            business_number=self.business_number.text().strip(),
            representative=self.representative.text().strip(),
            gym_phone=self.gym_phone.text().strip(),
            gym_address=self.gym_address.text().strip(),
        )

    def has_unsaved_changes(self) -> bool:
        return self._loaded is not None and self.form_value() != self._loaded

    def save(self) -> None:
        new = self.form_value()
        if new is None:
            return
        self.errors.clear()
        if not new.gym_name:
            self.errors.show("gym_name", self.tr("Enter the gym name."))
            self.gym_name.setFocus()
            return
        service, actor = self._service, self._actor
        self.save_button.setEnabled(False)
        worker.run(
            lambda _ctx: service.update(actor, new),
            self._saved,
            on_failure=self._failed,
            cancellable=False,
            parent=self,
            on_done=lambda: self.save_button.setEnabled(
                can(self._actor, Capability.EDIT_SETTINGS)),
        )

    def _saved(self, stored: GymSettings) -> None:
        self.show_settings(stored)
        self._messages.success(self.tr("Settings saved."))
        self.saved.emit(stored)

    def _failed(self, error: The5HCError) -> None:
        if not self.errors.show_error(error):
            self._messages.show_error(error)

    def revert(self) -> None:
        if self._loaded is not None:
            self.show_settings(self._loaded)

    # --- backups -----------------------------------------------------------------------
    def choose_backup_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Backup folder"), self.backup_folder.text())
        if folder:
            self.backup_folder.setText(folder)

    def backup_now(self) -> None:
        folder = self.backup_folder.text().strip() or None
        service, actor = self._service, self._actor
        self.backup_button.setEnabled(False)
        worker.run(
            lambda _ctx: service.backup_now(actor, folder),
            self._backed_up,
            on_failure=self._failed,
            progress_label=self.tr("Backing up the database…"),
            cancellable=False,
            parent=self,
            on_done=lambda: self.backup_button.setEnabled(
                can(self._actor, Capability.EDIT_SETTINGS)),
        )

    def _backed_up(self, path: Path) -> None:
        self.last_backup = path
        text = self.tr("Backed up to {path}").format(path=path)
        self.backup_result.setText(text)
        self.backup_result.show()
        self._messages.success(text)
