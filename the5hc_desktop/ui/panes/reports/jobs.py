"""What the 리포트 pane runs on the worker lane: render a preview, write a file, export many.

Nothing here touches a widget. File-system failures become `StorageUnavailable` so the
worker routes them to a message instead of the crash dialog (a full disk or a read-only
folder is expected, not a bug).
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from the5hc_desktop.reports.filenames import comparison_filename, report_filename
from the5hc_desktop.services.assessments import AssessmentSummary
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.report_service import ReportService
from the5hc_desktop.ui.documents.files import storage_error


@dataclass(frozen=True)
class Preview:
    """One rendered PDF held in memory: shown, printed and saved as the same bytes."""

    assessment_ids: tuple[uuid.UUID, ...]  # one, or (before, after) for a comparison
    client_id: uuid.UUID
    client_name: str
    dates: tuple[date, ...]
    file_name: str  # suggested name for Save as
    pdf: bytes

    @property
    def is_comparison(self) -> bool:
        return len(self.assessment_ids) == 2


def render_preview(
    reports: ReportService, actor: Actor, chosen: Sequence[AssessmentSummary]
) -> Preview:
    """The assessment report of one summary, or the comparison report of two."""
    if len(chosen) not in (1, 2):
        raise ValueError("a preview shows one assessment or compares two")
    ordered = sorted(chosen, key=lambda s: (s.assessed_on, str(s.id)))
    last = ordered[-1]
    with tempfile.TemporaryDirectory(prefix="the5hc-preview-") as folder:
        target = Path(folder) / "preview.pdf"
        if len(ordered) == 1:
            reports.render_assessment(actor, last.id, target)
            name = report_filename(last.assessed_on, last.client_name)
        else:
            first = ordered[0]
            reports.render_comparison(actor, first.id, last.id, target)
            name = comparison_filename(first.assessed_on, last.assessed_on, last.client_name)
        pdf = target.read_bytes()
    return Preview(
        assessment_ids=tuple(s.id for s in ordered),
        client_id=last.client_id,
        client_name=last.client_name,
        dates=tuple(s.assessed_on for s in ordered),
        file_name=name,
        pdf=pdf,
    )


# --- batch export -------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchRequest:
    folder: Path
    date_from: date | None = None
    date_to: date | None = None
    client_ids: tuple[uuid.UUID, ...] | None = None  # None: every client


@dataclass(frozen=True)
class BatchResult:
    folder: Path
    files: tuple[Path, ...]
    total: int  # assessments the request matched
    cancelled: bool


class BatchContext(Protocol):
    """The part of the worker's TaskContext a batch uses."""

    def cancelled(self) -> bool: ...

    def report(self, done: int, total: int = 0, text: str = "") -> None: ...


def run_batch(
    reports: ReportService,
    actor: Actor,
    request: BatchRequest,
    ctx: BatchContext,
    progress_text: str = "{done} / {total}",
) -> BatchResult:
    """One PDF per matching assessment into the folder; stops between files on cancel.

    Files already written when the user cancels are kept and listed in the result.
    """
    total = 0

    def progress(done: int, count: int) -> None:
        nonlocal total
        total = count
        ctx.report(done, count, progress_text.format(done=done, total=count))

    try:
        files = reports.export_batch(
            actor, request.folder, request.date_from, request.date_to,
            client_ids=list(request.client_ids) if request.client_ids is not None else None,
            progress=progress, cancelled=ctx.cancelled,
        )
    except OSError as error:
        raise storage_error(request.folder, error) from error
    return BatchResult(request.folder, tuple(files), total,
                       cancelled=len(files) < total and ctx.cancelled())
