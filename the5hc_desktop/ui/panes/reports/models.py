"""Read-only table models of the 리포트 pane: clients found and one client's assessments.

Each holds the frozen rows the services return; the views ask for `row_at(i)`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject

from the5hc_desktop.domain.scoring import BANDS, band_for, fmt1
from the5hc_desktop.services.assessments import AssessmentSummary
from the5hc_desktop.services.clients import ClientRow
from the5hc_desktop.ui import i18n
from the5hc_desktop.ui.rows_model import LEFT, RIGHT, Column, RowsModel

R = TypeVar("R", ClientRow, AssessmentSummary)
_INACTIVE = "#90a4ae"


def _columns(
    specs: list[tuple[str, Callable[[Any], str], bool]], *,
    colour: Callable[[Any], str | None] | None = None,
    tooltip: Callable[[Any], str | None] | None = None,
) -> list[Column[Any]]:
    """(header, text, numeric) specs, each cell coloured and tipped by the whole row."""
    return [Column(header, text, RIGHT if numeric else LEFT, colour=colour, tooltip=tooltip)
            for header, text, numeric in specs]


class _Rows(RowsModel[R]):
    def row_of(self, row_id: uuid.UUID) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)


class ClientListModel(_Rows[ClientRow]):
    """Clients the search found; inactive ones greyed (their reports still print)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self._inactive_tip = self.tr("Inactive client")
        self.set_columns(_columns([
            (self.tr("Name"), lambda r: r.name, False),
            (self.tr("Age"), lambda r: "" if r.age is None else str(r.age), True),
            (self.tr("Phone"), lambda r: r.phone_display, False),
            (self.tr("Last assessed"),
             lambda r: r.last_assessed_on.isoformat() if r.last_assessed_on else "", False),
        ], colour=lambda r: None if r.active else _INACTIVE,
           tooltip=lambda r: None if r.active else self._inactive_tip))


MISSING = "-"  # not measured, as on the member's page; the tooltip says so


def _score(value: float | None) -> str:
    return MISSING if value is None else fmt1(value)


def _band(value: float | None) -> str:
    band = band_for(value) if value is not None else None
    return band.text(i18n.current_language()) if band is not None else ""


class AssessmentListModel(_Rows[AssessmentSummary]):
    """One client's assessments, newest first (as the service returns them)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        complete, partly = self.tr("All 7"), self.tr("Partly measured")
        not_measured = self.tr("Not measured")  # the row's only score is the overall one
        self.set_columns(_columns([
            (self.tr("Date"), lambda s: s.assessed_on.isoformat(), False),
            (self.tr("Overall"), lambda s: _score(s.overall), True),
            (self.tr("Band"), lambda s: _band(s.overall), False),
            (self.tr("Trainer"), lambda s: s.trainer_name, False),
            (self.tr("Tests"), lambda s: complete if s.complete else partly, False),
        ], tooltip=lambda s: not_measured if s.overall is None else None))


# The widest text of each short column (ui/panes/columns.py sizes the columns by them).
DATE_SAMPLE = "0000-00-00"
NAME_SAMPLE = "홍길동길"  # a long Korean name


def client_samples() -> dict[int, str]:
    """`ClientListModel`: the name stretches; age, phone and last date fit."""
    return {0: NAME_SAMPLE, 1: "100", 2: "010-0000-0000", 3: DATE_SAMPLE}


def assessment_samples() -> dict[int, str]:
    """`AssessmentListModel`: the trainer's name stretches; the rest fit."""
    translate = QCoreApplication.translate
    language = i18n.current_language()
    return {
        0: DATE_SAMPLE,
        1: "100.0",
        2: "\n".join(band.text(language) for band in BANDS),
        3: NAME_SAMPLE,
        4: "\n".join((translate("AssessmentListModel", "All 7"),
                      translate("AssessmentListModel", "Partly measured"))),
    }
