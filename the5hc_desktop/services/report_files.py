"""Where a report goes: a file, or a new name in a folder; a folder that cannot be written is
the user's problem to fix, reported as such. Shared by the report service and the report
command's own path (services/quick_report.py), without SQLAlchemy.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from the5hc_desktop.domain.errors import StorageUnavailable
from the5hc_desktop.reports.filenames import unique_name

PathLike = str | os.PathLike[str]


def target_path(path: PathLike, default_name: str) -> Path:
    target = Path(path)
    with writing(target):
        if target.is_dir():
            taken = {entry.name.casefold() for entry in target.iterdir()}
            return target / unique_name(default_name, taken)
        target.parent.mkdir(parents=True, exist_ok=True)
    return target


@contextmanager
def writing(target: Path) -> Iterator[None]:
    """A folder that cannot be written is the user's problem to fix, not a crash."""
    try:
        yield
    except OSError as exc:
        raise StorageUnavailable(
            f"파일을 저장할 수 없습니다: {target} ({exc.strerror or exc})",
            f"Cannot write the file: {target} ({exc.strerror or exc})",
            field="path",
        ) from exc
