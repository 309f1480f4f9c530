"""One assessment's PDF as its own process: `the5hc report ID -o FILE`, without SQLAlchemy.

A trainer waits for this command (and for the window's "print" when it shells out), and
importing SQLAlchemy and mapping the models would cost more than reading and rendering.
So the rows are read on a plain sqlite3 connection (store/report_rows.py) and made into the
report's values by the very functions the services use (stored_assessment, stored_health,
zones); the result equals `ReportService.assessment_data` (a test compares them on random
assessments).

Whatever is out of the ordinary takes the ordinary path (`open_services` and
`ReportService.render_assessment`), which deals with it as always: a file to upgrade,
refuse or check, no owner yet, a missing or deleted assessment, a legacy row without its
age, an error of the file while reading.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

from the5hc_desktop.domain.people import parse_gender
from the5hc_desktop.domain.recommendations import recommend
from the5hc_desktop.domain.roles import Role
from the5hc_desktop.reports.data import AssessmentReportData
from the5hc_desktop.reports.filenames import report_filename
from the5hc_desktop.reports.health_data import HealthReportData
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.services.report_files import PathLike, target_path, writing
from the5hc_desktop.services.stored_assessment import (
    inputs_from_values,
    recommendations_from,
    risk_from_row,
    scores_from_row,
    staff_name,
)
from the5hc_desktop.services.stored_health import (
    health_report_data,
    health_view_of,
    screening_view,
)
from the5hc_desktop.services.zones import TIMEZONE_KEY, stored_zone, to_local
from the5hc_desktop.store.report_rows import NeedsFullOpen, ReportRows

Clock = Callable[[], datetime]
log = logging.getLogger("the5hc.services.quick_report")


class _Ordinary(Exception):
    """This report is for the ordinary path (see the module docstring)."""


def render_assessment(
    db: Path, assessment_id: uuid.UUID, path: PathLike, now: Clock | None = None
) -> Path:
    """Write the report of `assessment_id` in the database file `db` to `path` (a folder
    gets `YYYY-MM-DD_이름_평가보고서.pdf` in it), as the system actor (the first owner)."""
    data = quick_data(db, assessment_id, now)
    if data is None:
        return _ordinary_render(db, assessment_id, path, now)
    target = target_path(path, report_filename(data.assessed_on, data.client_name))
    with writing(target):
        from the5hc_desktop.reports.assessment_report import render_assessment_report

        render_assessment_report(data, target)
    return target


def quick_data(
    db: Path, assessment_id: uuid.UUID, now: Clock | None = None
) -> AssessmentReportData | None:
    """The report's values read without SQLAlchemy; None when the ordinary path must read
    them. The file is closed again before this returns."""
    try:
        rows = ReportRows.open(db)
    except NeedsFullOpen as reason:
        log.info("report %s: the ordinary open (%s)", assessment_id, reason)
        return None
    try:
        return _data(rows, assessment_id, (now or _utcnow)())
    except (_Ordinary, sqlite3.Error) as reason:
        log.info("report %s: the ordinary read (%s)", assessment_id, reason)
        return None
    finally:
        rows.close()


def _data(rows: ReportRows, assessment_id: uuid.UUID, now: datetime) -> AssessmentReportData:
    """`ReportService.assessment_data` for the system actor, step by step."""
    owner = rows.first_owner()
    if owner is None:
        raise _Ordinary("no owner yet")
    actor = Actor(owner.id, Role.OWNER, owner.display_name or owner.username, owner.username)
    require(actor, Capability.PRINT_REPORTS)
    require(actor, Capability.VIEW_CLIENTS)
    row = rows.assessment(assessment_id)
    if row is None or row.deleted_at is not None:
        raise _Ordinary("no such assessment")
    if row.age_at_assessment is None:
        raise _Ordinary("the age is worked out from the member")
    client = rows.client(row.client_id)
    inputs = inputs_from_values(vars(row), row.age_at_assessment)[0]
    scores = scores_from_row(row)
    client_height = client.height_cm if client is not None else None
    return AssessmentReportData(
        gym_name=rows.gym_name(),
        client_name=client.name if client is not None else "",
        gender=parse_gender(inputs.gender).label,
        age=inputs.age,
        height_cm=row.height_cm if row.height_cm is not None else client_height,
        weight_kg=row.weight_kg if row.weight_kg is not None else inputs.body_weight_kg,
        assessed_on=row.assessed_on,
        trainer_name=staff_name(rows.staff(row.trainer_id)) or actor.display_name,
        environment=row.environment or "indoor",
        temperature_c=row.temperature_c,
        inputs=inputs,
        scores=scores,
        risk=risk_from_row(row),
        recommendations=(recommendations_from(row.recommendations)
                         or recommend(inputs, scores, height_cm=row.height_cm)),
        notes=row.notes or "",
        scoring_version=row.scoring_version,
        generated_at=to_local(now, stored_zone(rows.setting(TIMEZONE_KEY))),
        health=_health(rows, row),
    )


def _health(rows: ReportRows, assessment: SimpleNamespace) -> HealthReportData | None:
    """`health_report_data` of the assessment (the names of who recorded the screening and
    who proceeded are not printed, so they are not looked up)."""
    health = rows.health(assessment.id)
    if health is None or health.deleted_at is not None:
        return None
    screening = None
    if health.screening_id is not None:
        found = rows.screening(health.screening_id)
        if found is not None:
            screening = screening_view(found, "")
    return health_report_data(health_view_of(assessment.id, health, screening, "",
                                             assessment.risk_score))


def _ordinary_render(
    db: Path, assessment_id: uuid.UUID, path: PathLike, now: Clock | None
) -> Path:
    from the5hc_desktop.services import open_services

    services = open_services(db, now)
    try:
        actor = services.maintenance.system_actor()
        return services.reports.render_assessment(actor, assessment_id, path)
    finally:
        services.close()


def _utcnow() -> datetime:
    return datetime.now(UTC)
