"""The one way to copy a SQLite database file: SQLite's online backup API.

    copy_database(live_path, target)   # safe while the app has the file open

Backups, the working copy of an upgrade, a restore, and the scratch copy of a legacy-import
dry run all use it. The copy holds every committed transaction, the WAL's included, and
never a half-written page, because SQLite copies under a read transaction; a plain file copy
of a database in WAL mode can miss commits or tear. The source is opened read-only. Every
copy passes the quick integrity check before it counts as made: a damaged source raises
DatabaseDamaged and leaves no copy behind, so a backup of a damaged file is never written
as if good.

`copy_as_is` is the exception: a damaged file cannot be read through SQLite, so before it
is replaced it is saved byte for byte, WAL file included, for a later rescue attempt.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from the5hc_desktop.store.integrity import damaged, quick_check

_PAGES_PER_STEP = 4096  # copy in steps so a writer elsewhere is not blocked for long


def copy_database(
    source: Path, target: Path, progress: Callable[[int, int], object] | None = None
) -> None:
    """Copy the database `source` to `target` (replaced if it exists, with its WAL).

    `progress(pages_done, pages_total)` is called after each step. Raises DatabaseDamaged
    for a damaged source, sqlite3.Error when the source cannot be read, OSError for the
    target folder.
    """
    _remove(target)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst, pages=_PAGES_PER_STEP, progress=None if progress is None else (
                lambda _status, remaining, total: progress(total - remaining, total)))
        finally:
            dst.close()
        problem = quick_check(target)
        if problem is not None:
            raise damaged(source, problem)
    except sqlite3.DatabaseError as exc:
        _remove(target)
        if "malformed" in str(exc) or "not a database" in str(exc):
            raise damaged(source, str(exc)) from exc
        raise
    except BaseException:
        _remove(target)
        raise
    finally:
        src.close()


def copy_as_is(source: Path, target: Path) -> None:
    """Byte copy of a (damaged) database and its WAL; see the module docstring."""
    _remove(target)
    shutil.copy2(source, target)
    wal = Path(f"{source}-wal")
    if wal.is_file():
        shutil.copy2(wal, Path(f"{target}-wal"))


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        leftover.unlink(missing_ok=True)
