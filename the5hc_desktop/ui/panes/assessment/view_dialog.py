"""A stored assessment as it was saved (its own scoring version, never recomputed here)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.scoring import SCORING_VERSION, fmt1, partial_categories
from the5hc_desktop.services.assessments import AssessmentView, is_recalculable

from .checks import ENVIRONMENT_LABELS
from .review import ReviewPanel


class AssessmentViewDialog(QDialog):
    edit_requested = Signal(object)  # AssessmentView

    def __init__(
        self, view: AssessmentView, language: str, *, can_edit: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentViewDialog")
        self.view = view
        self.setWindowTitle(self.tr("Assessment of {name}, {date}").format(
            name=view.client_name, date=view.assessed_on.isoformat()))
        self.resize(980, 760)
        facts = QFormLayout()
        environment = ENVIRONMENT_LABELS.get(view.environment)
        conditions = environment.text(language) if environment else view.environment
        if view.temperature_c is not None:
            conditions += f", {fmt1(view.temperature_c)} °C"
        body = " · ".join(part for part in (
            f"{fmt1(view.height_cm)} cm" if view.height_cm is not None else "",
            f"{fmt1(view.weight_kg)} kg" if view.weight_kg is not None else "",
            self.tr("body fat {pct} %").format(pct=fmt1(view.body_fat_pct))
            if view.body_fat_pct is not None else "",
            self.tr("muscle {kg} kg").format(kg=fmt1(view.skeletal_muscle_kg))
            if view.skeletal_muscle_kg is not None else "",
        ) if part)
        version = view.scoring_version
        if is_recalculable(version):
            version = self.tr("{version} (imported; not recalculated)").format(version=version)
        facts.addRow(self.tr("Trainer"), QLabel(view.trainer_name))
        facts.addRow(self.tr("Age on the day"),
                     QLabel("" if view.age is None else str(view.age)))
        facts.addRow(self.tr("Conditions"), QLabel(conditions))
        facts.addRow(self.tr("Body"), QLabel(body or self.tr("Not measured")))
        facts.addRow(self.tr("Scoring"), QLabel(version))
        self.panel = ReviewPanel(language)
        self.panel.show_results(view.inputs, view.scores, view.risk, view.recommendations,
                                partial_categories(view.scores))
        notes = QLabel(view.notes or self.tr("No notes"))
        notes.setObjectName("viewNotes")
        notes.setWordWrap(True)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.addLayout(facts)
        content_layout.addWidget(self.panel)
        content_layout.addWidget(QLabel(self.tr("Notes")))
        content_layout.addWidget(notes)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("viewEditButton")
        self.edit_button.setEnabled(can_edit)
        self.edit_button.setToolTip(self.tr(
            "Editing re-scores with the current rules ({version}).").format(
            version=SCORING_VERSION))
        buttons.addButton(self.edit_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.edit_button.clicked.connect(self._edit)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)

    def _edit(self) -> None:
        self.edit_requested.emit(self.view)
        self.accept()
