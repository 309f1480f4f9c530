"""Table models of the assessment pane and wizard; each holds frozen rows from the services."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from the5hc_desktop.domain.people import Gender
from the5hc_desktop.domain.scoring import BANDS, SCORING_VERSION, band_for, fmt1
from the5hc_desktop.services.assessments import AssessmentSummary, is_recalculable
from the5hc_desktop.services.clients import ClientRow
from the5hc_desktop.ui import gym_clock, i18n
from the5hc_desktop.ui.rows_model import RIGHT, Column, RowsModel

from .draft import WizardDraft

MISSING = "-"  # a score not measured, as on the member's page; the tooltip says so


def _score(value: float | None) -> str:
    return MISSING if value is None else fmt1(value)


def _missing_tip(value: float | None) -> str | None:
    if value is None:
        return QCoreApplication.translate("AssessmentModels", "Not measured")
    return None


def _band(value: float | None) -> str:
    band = band_for(value)
    return band.text(i18n.current_language()) if band is not None else ""


class ClientSearchModel(RowsModel[ClientRow]):
    """Clients found by a search; `compact` leaves out gender and trainer (narrow lists)."""

    def __init__(self, parent: Any = None, *, compact: bool = False) -> None:
        super().__init__(parent=parent)
        lang = i18n.current_language()
        columns: list[Column[ClientRow]] = [
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Gender"), lambda r: r.gender.label.text(lang)),
            Column(self.tr("Age"), lambda r: "" if r.age is None else str(r.age), align=RIGHT),
            Column(self.tr("Phone"), lambda r: r.phone_display),
            Column(self.tr("Trainer"), lambda r: r.trainer_name),
            Column(
                self.tr("Last assessed"),
                lambda r: r.last_assessed_on.isoformat() if r.last_assessed_on else "",
            ),
        ]
        if compact:
            columns = [columns[0], columns[2], columns[3], columns[5]]
        self.set_columns(columns)


# Widest expected cell text per column (ui/panes/columns.py sizes the columns by them).
DATE_SAMPLE = "0000-00-00"
PHONE_SAMPLE = "010-0000-0000"
NAME_SAMPLE = "홍길동길"


def client_samples(compact: bool = False) -> dict[int, str]:
    """Samples for `ClientSearchModel`'s columns (name, gender, age, phone, trainer, date)."""
    lang = i18n.current_language()
    samples = [NAME_SAMPLE, "\n".join(g.label.text(lang) for g in Gender), "100",
               PHONE_SAMPLE, NAME_SAMPLE, DATE_SAMPLE]
    if compact:
        samples = [samples[0], samples[2], samples[3], samples[5]]
    return dict(enumerate(samples))


def _scores_sample() -> str:
    return "100.0"


def _bands_sample() -> str:
    lang = i18n.current_language()
    return "\n".join(band.text(lang) for band in BANDS)


class ClientAssessmentsModel(RowsModel[AssessmentSummary]):
    STRETCH = 8  # the trainer's name takes the room left over

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent=parent)
        version = self._version
        self.set_columns(
            [
                Column(self.tr("Date"), lambda s: s.assessed_on.isoformat()),
                Column(self.tr("Overall"), lambda s: _score(s.overall), align=RIGHT,
                       tooltip=lambda s: _missing_tip(s.overall)),
                Column(self.tr("Band"), lambda s: _band(s.overall)),
                Column(self.tr("Strength"), lambda s: _score(s.strength), align=RIGHT,
                       tooltip=lambda s: _missing_tip(s.strength)),
                Column(self.tr("Mobility"), lambda s: _score(s.mobility), align=RIGHT,
                       tooltip=lambda s: _missing_tip(s.mobility)),
                Column(self.tr("Balance"), lambda s: _score(s.balance), align=RIGHT,
                       tooltip=lambda s: _missing_tip(s.balance)),
                Column(self.tr("Cardio"), lambda s: _score(s.cardio), align=RIGHT,
                       tooltip=lambda s: _missing_tip(s.cardio)),
                Column(self.tr("Tests"), self._completeness),
                Column(self.tr("Trainer"), lambda s: s.trainer_name),
                Column(self.tr("Scoring"), version),
            ]
        )

    def _completeness(self, summary: AssessmentSummary) -> str:
        return self.tr("All 7") if summary.complete else self.tr("Partly measured")

    def _version(self, summary: AssessmentSummary) -> str:
        if is_recalculable(summary.scoring_version):
            return self.tr("Imported ({version})").format(version=summary.scoring_version)
        if summary.scoring_version == SCORING_VERSION:
            return self.tr("Current rules")  # not the internal id "desktop-1"
        return summary.scoring_version


def assessment_samples() -> dict[int, str]:
    """Samples for `ClientAssessmentsModel`'s columns (the trainer's column stretches)."""
    translate = QCoreApplication.translate
    scores = _scores_sample()
    return {
        0: DATE_SAMPLE, 1: scores, 2: _bands_sample(), 3: scores, 4: scores, 5: scores,
        6: scores, 8: NAME_SAMPLE,
        7: "\n".join((translate("ClientAssessmentsModel", "All 7"),
                      translate("ClientAssessmentsModel", "Partly measured"))),
        9: "\n".join((translate("ClientAssessmentsModel", "Current rules"),
                      translate("ClientAssessmentsModel", "Imported ({version})").format(
                          version="legacy"))),
    }


def _saved_at(draft: WizardDraft) -> str:
    if draft.saved_at is None:
        return ""
    return gym_clock.stamp(draft.saved_at)


def draft_samples() -> dict[int, str]:
    """Samples for `DraftListModel`'s columns (the client's name stretches)."""
    translate = QCoreApplication.translate
    return {0: NAME_SAMPLE, 1: DATE_SAMPLE,
            2: "\n".join((translate("DraftListModel", "Editing"),
                          translate("DraftListModel", "New"))),
            3: "0000-00-00 00:00"}


class DraftListModel(RowsModel[WizardDraft]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(self.tr("Client"), lambda d: d.client_name or self.tr("(no client yet)")),
                Column(
                    self.tr("Assessment date"),
                    lambda d: d.assessed_on.isoformat() if d.assessed_on else "",
                ),
                Column(
                    self.tr("Kind"),
                    lambda d: self.tr("Editing") if d.assessment_id else self.tr("New"),
                ),
                Column(self.tr("Last saved"), _saved_at),
            ]
        )
