"""Step 2: height, weight (from the client's card, editable), body fat, muscle; live BMI."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from the5hc_desktop.domain.people import bmi, bmi_band
from the5hc_desktop.domain.scoring import fmt1
from the5hc_desktop.services.clients import ClientView

from ..checks import check_body
from ..draft import WizardDraft
from .common import DraftPage, NumberEdit, WizardContext, field_row, form_layout, hint_label


class BodyPage(DraftPage):
    FIELDS = ("height_cm", "weight_kg", "body_weight_kg", "body_fat_pct", "skeletal_muscle_kg")

    def __init__(self, context: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Body measurements"))
        self.setSubTitle(self.tr(
            "Height and weight come from the client's card; correct them if they changed."
        ))
        self.height_edit = NumberEdit("height_cm")
        self.weight_edit = NumberEdit("weight_kg")
        self.body_fat_edit = NumberEdit("body_fat_pct")
        self.muscle_edit = NumberEdit("skeletal_muscle_kg")
        self.bmi_label = QLabel()
        self.bmi_label.setObjectName("bmiLabel")
        font = self.bmi_label.font()
        font.setBold(True)
        self.bmi_label.setFont(font)

        form = form_layout()
        rows = {
            "height_cm": (self.tr("Height"), field_row(self.height_edit, "cm")),
            "weight_kg": (self.tr("Weight"), field_row(self.weight_edit, "kg")),
            "body_fat_pct": (self.tr("Body fat"), field_row(self.body_fat_edit, "%")),
            "skeletal_muscle_kg": (self.tr("Skeletal muscle mass"),
                                   field_row(self.muscle_edit, "kg")),
        }
        for label, row in rows.values():
            form.addRow(label, row)
        form.addRow(self.tr("BMI"), self.bmi_label)
        form.addRow("", hint_label(self.tr(
            "Body fat and muscle mass are optional (from a body-composition scale). The "
            "weight is used for the farmer's carry percentage."
        )))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.page_error_label())
        for name, (_label, row) in rows.items():
            extra = ("body_weight_kg",) if name == "weight_kg" else ()
            self.errors.register(row, name, *extra)
        for edit in (self.height_edit, self.weight_edit, self.body_fat_edit, self.muscle_edit):
            edit.textChanged.connect(self.notify_changed)

    def load(self, draft: WizardDraft) -> None:
        self.height_edit.set_value(draft.height_cm)
        self.weight_edit.set_value(draft.weight_kg)
        self.body_fat_edit.set_value(draft.body_fat_pct)
        self.muscle_edit.set_value(draft.skeletal_muscle_kg)

    def store(self, draft: WizardDraft) -> WizardDraft:
        return replace(
            draft,
            height_cm=self.height_edit.value(),
            weight_kg=self.weight_edit.value(),
            body_fat_pct=self.body_fat_edit.value(),
            skeletal_muscle_kg=self.muscle_edit.value(),
        )

    def prefill(self, client: ClientView) -> bool:
        """Fill empty height/weight from the client's card; True if anything changed."""
        changed = False
        pairs = ((self.height_edit, client.height_cm), (self.weight_edit, client.weight_kg))
        for edit, value in pairs:
            if not edit.text().strip() and value is not None:
                edit.set_value(value)
                changed = True
        return changed

    def check(self, draft: WizardDraft) -> None:
        check_body(draft, self.context.today())

    def refresh_live(self) -> None:
        height, weight = self.height_edit.value(), self.weight_edit.value()
        index = None
        if isinstance(height, int | float) and isinstance(weight, int | float):
            index = bmi(float(height), float(weight))
        if index is None:
            self.bmi_label.setText(self.tr("Needs height and weight"))
            return
        band = bmi_band(index).text(self.context.language())
        self.bmi_label.setText(f"{fmt1(index)} · {band}")
