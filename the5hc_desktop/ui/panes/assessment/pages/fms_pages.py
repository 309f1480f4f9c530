"""Steps 6 and 7: shoulder mobility and overhead squat (FMS-style 0–3, trainer-confirmed).

The domain suggests a score (`suggest_shoulder_mobility`, `suggest_overhead_squat`); it is
preselected until the trainer picks one, and the pick is kept (docs/domain.md 2.6, 2.8).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QComboBox, QVBoxLayout, QWidget

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.scoring import suggest_overhead_squat, suggest_shoulder_mobility
from the5hc_desktop.domain.validation import check_number
from the5hc_desktop.domain.vocabulary import (
    INPUT_LABELS,
    OHS_QUALITY_LABELS,
    OHS_SCORE_LABELS,
    SHOULDER_SCORE_LABELS,
    OverheadSquatQuality,
)

from ..draft import WizardDraft
from .common import NumberEdit, TestPage, WizardContext, field_row, form_layout, hint_label
from .score_choice import ScoreChoice

FIST_LABEL = Label("주먹 너비 (cm)", "Fist width (cm)")


def _chosen(draft: WizardDraft, key: str, chosen: bool) -> tuple[str, ...]:
    others = tuple(k for k in draft.chosen_scores if k != key)
    return (*others, key) if chosen else others


class ShoulderPage(TestPage):
    TEST_KEY = "shoulder_mobility"
    VALUE_FIELDS = ("shoulder_left_cm", "shoulder_right_cm", "shoulder_pain",
                    "shoulder_mobility_score")
    FIELDS = (*VALUE_FIELDS, "fist_cm")

    def __init__(self, context: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Shoulder mobility"))
        self.setSubTitle(self.tr(
            "Measure the distance between the fists behind the back on each side, then do "
            "the clearing test."
        ))
        lang = context.language()
        self.left = NumberEdit("shoulder_left_cm")
        self.right = NumberEdit("shoulder_right_cm")
        self.fist = NumberEdit("fist_cm")
        self.pain = QCheckBox(INPUT_LABELS["shoulder_pain"].text(lang))
        self.pain.setObjectName("shoulder_pain")
        self.score = ScoreChoice("shoulder_mobility_score", SHOULDER_SCORE_LABELS, lang)
        form = form_layout()
        rows = {
            "shoulder_left_cm": (self.tr("Left (left hand on top)"), field_row(self.left, "cm")),
            "shoulder_right_cm": (self.tr("Right (right hand on top)"),
                                  field_row(self.right, "cm")),
            "fist_cm": (self.tr("Client's fist width"), field_row(self.fist, "cm")),
        }
        for label, row in rows.values():
            form.addRow(label, row)
        form.addRow("", hint_label(self.tr(
            "The fist width turns the larger distance into fists for the suggestion: within "
            "1 fist → 3, within 1.5 fists → 2, beyond → 1."
        )))
        form.addRow(self.tr("Clearing test"), self.pain)
        form.addRow(self.tr("Score (0–3)"), self.score)
        form.addRow("", hint_label(self.tr("Pain on the clearing test always scores 0.")))
        self.add_common_rows(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.page_error_label())
        for name, (_label, row) in rows.items():
            self.errors.register(row, name)
        self.errors.register(self.pain, "shoulder_pain")
        self.errors.register(self.score, "shoulder_mobility_score")
        for edit in (self.left, self.right, self.fist):
            edit.textChanged.connect(self.notify_changed)
        self.pain.toggled.connect(self.notify_changed)
        self.score.changed.connect(self.notify_changed)

    def load(self, draft: WizardDraft) -> None:
        self.left.set_value(draft.value("shoulder_left_cm"))
        self.right.set_value(draft.value("shoulder_right_cm"))
        self.fist.set_value(draft.fist_cm)
        self.pain.setChecked(bool(draft.value("shoulder_pain")))
        self.score.set_value(draft.value("shoulder_mobility_score"),
                             chosen=self.TEST_KEY in draft.chosen_scores)

    def store(self, draft: WizardDraft) -> WizardDraft:
        draft = draft.with_values(
            shoulder_left_cm=self.left.value(),
            shoulder_right_cm=self.right.value(),
            # Unticked means "no pain observed" only once something was measured here.
            shoulder_pain=True if self.pain.isChecked() else None,
            shoulder_mobility_score=self.score.value(),
        )
        return replace(draft, fist_cm=self.fist.value(),
                       chosen_scores=_chosen(draft, self.TEST_KEY, self.score.chosen))

    def suggestion(self) -> int | None:
        left, right, fist = self.left.value(), self.right.value(), self.fist.value()
        numbers = [v if isinstance(v, int | float) else None for v in (left, right)]
        if self.pain.isChecked():
            return 0
        if not isinstance(fist, int | float):
            return None
        try:
            return suggest_shoulder_mobility(False, numbers[0], numbers[1], float(fist))
        except ValidationError:
            return None

    def check(self, draft: WizardDraft) -> None:
        if draft.fist_cm is not None:
            check_number(draft.fist_cm, "fist_cm", FIST_LABEL, 3, 30)
        super().check(draft)

    def refresh_live(self) -> None:
        self.score.set_suggestion(self.suggestion())
        super().refresh_live()


class OverheadSquatPage(TestPage):
    TEST_KEY = "overhead_squat"
    VALUE_FIELDS = ("overhead_squat_score", "knee_valgus", "forward_lean", "heel_lift",
                    "arm_drop")
    FIELDS = (*VALUE_FIELDS, "overhead_squat_quality", "quality")
    COMPENSATIONS = ("knee_valgus", "forward_lean", "heel_lift", "arm_drop")

    def __init__(self, context: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Overhead squat"))
        self.setSubTitle(self.tr(
            "Arms straight overhead, squat as deep as possible; watch from the front and "
            "the side."
        ))
        lang = context.language()
        self.quality = QComboBox()
        self.quality.setObjectName("overhead_squat_quality")
        self.quality.setMaximumWidth(280)
        self.quality.addItem(self.tr("Not chosen"), None)
        for quality in OverheadSquatQuality:
            self.quality.addItem(OHS_QUALITY_LABELS[quality].text(lang), quality.value)
        self.boxes: dict[str, QCheckBox] = {}
        for name in self.COMPENSATIONS:
            box = QCheckBox(INPUT_LABELS[name].text(lang))
            box.setObjectName(name)
            self.boxes[name] = box
        self.score = ScoreChoice("overhead_squat_score", OHS_SCORE_LABELS, lang)
        form = form_layout()
        form.addRow(self.tr("Quality"), self.quality)
        box_column = QWidget()
        box_layout = QVBoxLayout(box_column)
        box_layout.setContentsMargins(0, 0, 0, 0)
        for box in self.boxes.values():
            box_layout.addWidget(box)
        form.addRow(self.tr("Compensations"), box_column)
        form.addRow(self.tr("Score (0–3)"), self.score)
        self.add_common_rows(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.page_error_label())
        self.errors.register(self.quality, "overhead_squat_quality", "quality")
        self.errors.register(self.score, "overhead_squat_score")
        self.quality.currentIndexChanged.connect(self.notify_changed)
        for box in self.boxes.values():
            box.toggled.connect(self.notify_changed)
        self.score.changed.connect(self.notify_changed)

    def load(self, draft: WizardDraft) -> None:
        index = self.quality.findData(draft.overhead_squat_quality)
        self.quality.setCurrentIndex(max(index, 0))
        for name, box in self.boxes.items():
            box.setChecked(bool(draft.value(name)))
        self.score.set_value(draft.value("overhead_squat_score"),
                             chosen=self.TEST_KEY in draft.chosen_scores)

    def store(self, draft: WizardDraft) -> WizardDraft:
        flags = {name: True if box.isChecked() else None for name, box in self.boxes.items()}
        draft = draft.with_values(overhead_squat_score=self.score.value(), **flags)
        return replace(draft, overhead_squat_quality=self.quality.currentData(),
                       chosen_scores=_chosen(draft, self.TEST_KEY, self.score.chosen))

    def suggestion(self) -> int | None:
        flags = {name: box.isChecked() for name, box in self.boxes.items()}
        return suggest_overhead_squat(self.quality.currentData(), **flags)

    def refresh_live(self) -> None:
        self.score.set_suggestion(self.suggestion())
        super().refresh_live()
