"""Many assessment reports into one folder, with progress and cancel (run off the GUI thread).

Existing files are never overwritten: a name already used in the folder, or by an earlier
report of the same batch (same member, same day), gets " (2)", " (3)"... Names are compared
case-insensitively because Windows and macOS folders are.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from the5hc_desktop.reports.assessment_report import render_assessment_report
from the5hc_desktop.reports.data import AssessmentReportData
from the5hc_desktop.reports.filenames import report_filename, unique_name

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def export_batch(
    items: Iterable[AssessmentReportData],
    folder: str | os.PathLike[str],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[Path]:
    """Write one PDF per item into `folder` (created if needed); return the files written.

    `progress(done, total)` is called with 0 first and after every file. `cancelled()` is
    checked before each report; when it returns True the export stops and the files already
    written are kept and returned.
    """
    reports = list(items)
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    taken = {entry.name.casefold() for entry in target.iterdir()}
    written: list[Path] = []
    total = len(reports)
    if progress:
        progress(0, total)
    for done, data in enumerate(reports, start=1):
        if cancelled and cancelled():
            break
        buffer = io.BytesIO()
        render_assessment_report(data, buffer)
        name = unique_name(report_filename(data.assessed_on, data.client_name), taken)
        written.append(_write_new(target / name, buffer.getvalue()))
        if progress:
            progress(done, total)
    return written


def _write_new(path: Path, content: bytes) -> Path:
    """Create `path` (never replacing a file that appeared meanwhile) and fill it."""
    try:
        handle = path.open("xb")
    except FileExistsError:
        # Another program created the name after the folder was listed: pick the next one.
        taken = {entry.name.casefold() for entry in path.parent.iterdir()}
        return _write_new(path.with_name(unique_name(path.name, taken)), content)
    try:
        with handle:
            handle.write(content)
    except BaseException:
        path.unlink(missing_ok=True)  # ours, half written (disk full, ...)
        raise
    return path
