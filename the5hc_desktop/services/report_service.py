"""Assessment and comparison PDFs: stored rows → `reports.data` values → ReportLab.

Scores are the stored snapshot (never recomputed here; `AssessmentService` reads them back
as `AssessmentScores` with the stored risk and recommendations). The gym name comes from
the settings. Batch export runs off the GUI thread with progress and cancel.
ReportLab is imported only when a PDF is made, so it stays off the app's start path.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.people import parse_gender
from the5hc_desktop.reports.data import (
    AssessmentReportData,
    AssessmentSnapshot,
    ComparisonReportData,
)
from the5hc_desktop.reports.filenames import comparison_filename, report_filename
from the5hc_desktop.services.assessments import AssessmentService, AssessmentView
from the5hc_desktop.services.base import ServiceBase, gym_zone, to_local
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.health import HealthService, health_report_data
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.services.report_files import PathLike, target_path, writing
from the5hc_desktop.services.settings import read_settings
from the5hc_desktop.store.models import Assessment, Client

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ReportService(ServiceBase):
    def _assessments(self) -> AssessmentService:
        return AssessmentService(self._db, now=self._now)

    # -- data -----------------------------------------------------------------------------------

    def assessment_data(self, actor: Actor, assessment_id: uuid.UUID) -> AssessmentReportData:
        """Everything the assessment PDF prints, from the stored assessment."""
        require(actor, Capability.PRINT_REPORTS)
        view = self._assessments().get(actor, assessment_id)
        return self._data(actor, view)

    def comparison_data(
        self, actor: Actor, a_id: uuid.UUID, b_id: uuid.UUID
    ) -> ComparisonReportData:
        """Two assessments of one member, the earlier one as `before`."""
        require(actor, Capability.PRINT_REPORTS)
        service = self._assessments()
        a, b = service.get(actor, a_id), service.get(actor, b_id)
        if a.client_id != b.client_id:
            raise ValidationError("같은 회원의 평가끼리만 비교할 수 있습니다.",
                                  "Only assessments of the same client can be compared.",
                                  field="b_id")
        before, after = sorted((a, b), key=lambda v: v.assessed_on)
        context = self._context(after)
        return ComparisonReportData(
            gym_name=context.gym_name,
            client_name=after.client_name,
            gender=context.gender,
            age=after.inputs.age,
            trainer_name=after.trainer_name or actor.display_name,
            before=AssessmentSnapshot(before.assessed_on, before.inputs, before.scores),
            after=AssessmentSnapshot(after.assessed_on, after.inputs, after.scores),
            generated_at=context.generated_at,
        )

    # -- rendering --------------------------------------------------------------------------------

    def render_assessment(self, actor: Actor, assessment_id: uuid.UUID, path: PathLike) -> Path:
        """Write the report to `path`; a folder gets `YYYY-MM-DD_이름_평가보고서.pdf` in it."""
        data = self.assessment_data(actor, assessment_id)
        target = target_path(path, report_filename(data.assessed_on, data.client_name))
        with writing(target):
            from the5hc_desktop.reports.assessment_report import render_assessment_report

            render_assessment_report(data, target)
        return target

    def render_comparison(
        self, actor: Actor, a_id: uuid.UUID, b_id: uuid.UUID, path: PathLike
    ) -> Path:
        data = self.comparison_data(actor, a_id, b_id)
        name = comparison_filename(data.before.assessed_on, data.after.assessed_on,
                                   data.client_name)
        target = target_path(path, name)
        with writing(target):
            from the5hc_desktop.reports.comparison_report import render_comparison_report

            render_comparison_report(data, target)
        return target

    def export_batch(
        self,
        actor: Actor,
        folder: PathLike,
        date_from: date | None = None,
        date_to: date | None = None,
        client_ids: Sequence[uuid.UUID] | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> list[Path]:
        """One PDF per assessment in the range (dates inclusive) and/or of the members.

        Each report's data is read just before it is rendered, so a long batch starts at
        once and stops promptly: `cancelled()` is checked before every report (files already
        written are kept and returned), `progress(done, total)` is called with 0 first and
        after every file. Names follow `reports.batch` and never replace an existing file.
        """
        require(actor, Capability.PRINT_REPORTS)
        if date_from is not None and date_to is not None and date_to < date_from:
            raise ValidationError("끝 날짜가 시작 날짜보다 빠릅니다.",
                                  "The end date is before the start date.", field="date_to")
        from the5hc_desktop.reports.batch import export_batch

        ids = self._batch_ids(date_from, date_to, client_ids)
        written: list[Path] = []
        if progress is not None:
            progress(0, len(ids))
        for done, assessment_id in enumerate(ids, start=1):
            if cancelled is not None and cancelled():
                break
            data = self.assessment_data(actor, assessment_id)
            # One item per call: the folder listing then includes the files just written.
            written += export_batch([data], folder)
            if progress is not None:
                progress(done, len(ids))
        return written

    # -- helpers ----------------------------------------------------------------------------------

    def _batch_ids(
        self,
        date_from: date | None,
        date_to: date | None,
        client_ids: Sequence[uuid.UUID] | None,
    ) -> list[uuid.UUID]:
        query = (
            select(Assessment.id)
            .join(Client, Client.id == Assessment.client_id)
            .where(Assessment.deleted_at.is_(None), Client.deleted_at.is_(None))
        )
        if date_from is not None:
            query = query.where(Assessment.assessed_on >= date_from)
        if date_to is not None:
            query = query.where(Assessment.assessed_on <= date_to)
        if client_ids is not None:
            query = query.where(Assessment.client_id.in_(list(client_ids)))
        with self._db.read() as session:
            return list(session.scalars(
                query.order_by(Assessment.assessed_on, Client.name, Assessment.created_at)
            ))

    def _context(self, view: AssessmentView) -> _Context:
        with self._db.read() as session:
            settings = read_settings(session)
            generated = to_local(self.utc_now(), gym_zone(session))
            client = session.get(Client, view.client_id)
            client_height = client.height_cm if client is not None else None
        return _Context(
            gym_name=settings.gym_name,
            generated_at=generated,
            gender=parse_gender(view.inputs.gender).label,
            height_cm=view.height_cm if view.height_cm is not None else client_height,
            weight_kg=(view.weight_kg if view.weight_kg is not None
                       else view.inputs.body_weight_kg),
        )

    def _data(self, actor: Actor, view: AssessmentView) -> AssessmentReportData:
        context = self._context(view)
        return AssessmentReportData(
            gym_name=context.gym_name,
            client_name=view.client_name,
            gender=context.gender,
            age=view.inputs.age,
            height_cm=context.height_cm,
            weight_kg=context.weight_kg,
            assessed_on=view.assessed_on,
            trainer_name=view.trainer_name or actor.display_name,
            environment=view.environment,
            temperature_c=view.temperature_c,
            inputs=view.inputs,
            scores=view.scores,
            risk=view.risk,
            recommendations=view.recommendations,
            notes=view.notes,
            scoring_version=view.scoring_version,
            generated_at=context.generated_at,
            health=health_report_data(HealthService(self._db, now=self._now)
                                      .for_assessment(actor, view.id)),
        )


@dataclass(frozen=True)
class _Context:
    """What a report takes from outside the assessment row."""

    gym_name: str
    generated_at: datetime
    gender: Label
    height_cm: float | None
    weight_kg: float | None


__all__ = ["ReportService"]
