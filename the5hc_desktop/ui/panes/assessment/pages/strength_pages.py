"""Steps 3 and 4: push-up and farmer's carry (the strength category)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.scoring import carry_percent, fmt1
from the5hc_desktop.domain.vocabulary import PUSH_UP_TYPE_LABELS, PushUpType

from ..draft import WizardDraft
from ..evaluation import page_inputs
from ..stopwatch import Clock, StopwatchWidget
from .common import NumberEdit, TestPage, WizardContext, field_row, form_layout, hint_label

CARRY_STOPWATCH_LIMIT_S = 600.0


class PushUpPage(TestPage):
    TEST_KEY = "push_up"
    VALUE_FIELDS = ("push_up_type", "push_up_reps")
    FIELDS = VALUE_FIELDS

    def __init__(self, context: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Push-up"))
        self.setSubTitle(self.tr(
            "Count the repetitions done with good form, without a time limit."
        ))
        lang = context.language()
        self.kind = QComboBox()
        self.kind.setObjectName("push_up_type")
        self.kind.setMaximumWidth(200)
        for kind in PushUpType:
            self.kind.addItem(PUSH_UP_TYPE_LABELS[kind].text(lang), kind.value)
        self.reps = NumberEdit("push_up_reps", whole=True)
        self.variation_hint = hint_label(self.tr(
            "Knee and wall push-ups are scored against scaled standards; treat their score "
            "as approximate."
        ), "pushUpVariationHint")
        form = form_layout()
        form.addRow(self.tr("Push-up type"), self.kind)
        reps_row = field_row(self.reps, self.tr("reps"))
        form.addRow(self.tr("Repetitions"), reps_row)
        form.addRow("", self.variation_hint)
        self.add_common_rows(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.page_error_label())
        self.errors.register(self.kind, "push_up_type")
        self.errors.register(reps_row, "push_up_reps")
        self.kind.currentIndexChanged.connect(self.notify_changed)
        self.reps.textChanged.connect(self.notify_changed)

    def load(self, draft: WizardDraft) -> None:
        index = self.kind.findData(draft.value("push_up_type") or PushUpType.STANDARD.value)
        self.kind.setCurrentIndex(max(index, 0))
        self.reps.set_value(draft.value("push_up_reps"))

    def store(self, draft: WizardDraft) -> WizardDraft:
        return draft.with_values(
            push_up_type=self.kind.currentData(), push_up_reps=self.reps.value()
        )

    def refresh_live(self) -> None:
        super().refresh_live()
        self.variation_hint.setVisible(self.kind.currentData() != PushUpType.STANDARD.value)


class FarmerCarryPage(TestPage):
    TEST_KEY = "farmer_carry"
    VALUE_FIELDS = ("farmer_carry_weight_kg", "farmer_carry_distance_m", "farmer_carry_time_s",
                    "farmer_carry_percent")
    FIELDS = (*VALUE_FIELDS, "body_weight_kg")

    def __init__(
        self, context: WizardContext, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Farmer's carry"))
        self.setSubTitle(self.tr(
            "Time how long the client walks carrying the load; the score uses the time and "
            "the load as a share of body weight."
        ))
        self.load_edit = NumberEdit("farmer_carry_weight_kg")
        self.distance = NumberEdit("farmer_carry_distance_m")
        self.time = NumberEdit("farmer_carry_time_s")
        self.stopwatch = StopwatchWidget(clock, limit_s=CARRY_STOPWATCH_LIMIT_S)
        self.stopwatch.setObjectName("farmerStopwatch")
        self.stopwatch.stopped.connect(self._take_time)
        self.percent = QLabel()
        self.percent.setObjectName("carryPercent")
        form = form_layout()
        rows = {
            "farmer_carry_weight_kg": (self.tr("Load (both hands)"),
                                       field_row(self.load_edit, "kg")),
            "farmer_carry_distance_m": (self.tr("Distance"), field_row(self.distance, "m")),
            "farmer_carry_time_s": (self.tr("Time"),
                                    field_row(self.time, self.tr("s"), self.stopwatch)),
        }
        for label, row in rows.values():
            form.addRow(label, row)
        form.addRow(self.tr("% of body weight"), self.percent)
        self.add_common_rows(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.page_error_label())
        for name, (_label, row) in rows.items():
            extra = ("farmer_carry_percent", "body_weight_kg") if name.endswith("kg") else ()
            self.errors.register(row, name, *extra)
        for edit in (self.load_edit, self.distance, self.time):
            edit.textChanged.connect(self.notify_changed)

    def _take_time(self, seconds: float) -> None:
        self.time.set_value(seconds)

    def load(self, draft: WizardDraft) -> None:
        self.load_edit.set_value(draft.value("farmer_carry_weight_kg"))
        self.distance.set_value(draft.value("farmer_carry_distance_m"))
        self.time.set_value(draft.value("farmer_carry_time_s"))

    def store(self, draft: WizardDraft) -> WizardDraft:
        return draft.with_values(
            farmer_carry_weight_kg=self.load_edit.value(),
            farmer_carry_distance_m=self.distance.value(),
            farmer_carry_time_s=self.time.value(),
        )

    def refresh_live(self) -> None:
        super().refresh_live()
        self.percent.setText(self.percent_text())

    def percent_text(self) -> str:
        client = self.context.client
        if client is None:
            return ""
        try:
            inputs = page_inputs(client, self.context.current_draft(), self.VALUE_FIELDS)
        except ValidationError:
            return ""
        percent = carry_percent(inputs)
        if percent is None:
            return self.tr("Needs the load and the body weight")
        return self.tr("{percent} % of {weight} kg").format(
            percent=fmt1(percent), weight=fmt1(inputs.body_weight_kg)
        )
