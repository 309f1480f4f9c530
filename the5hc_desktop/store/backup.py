"""Timestamped copies of the database file, taken before every schema upgrade and restore."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from the5hc_desktop.store.copy import copy_as_is, copy_database

BACKUP_DIR_NAME = "backups"
KEEP_BACKUPS = 10


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR_NAME


def checkpoint(db_path: Path) -> None:
    """Fold committed WAL pages into the main file so a byte copy holds every commit.

    Raises sqlite3.OperationalError when another program holds the database open.
    """
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise sqlite3.OperationalError("database is in use by another program")
    finally:
        conn.close()


def take_backup(
    db_path: Path, revision: str | None, keep: int = KEEP_BACKUPS, *, as_is: bool = False
) -> Path:
    """Copy `db_path` to `backups/<stem>-<UTC timestamp>-<revision><suffix>`; keep `keep`.

    An online copy (`store.copy`); `as_is` copies the bytes instead, for a file SQLite can
    no longer read. The timestamp sorts lexically, so pruning keeps the newest.
    """
    folder = backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{db_path.stem}-{stamp}-{revision or 'none'}{db_path.suffix}"
    if as_is:
        copy_as_is(db_path, target)
    else:
        copy_database(db_path, target)
    prune_backups(db_path, keep)
    return target


def list_backups(db_path: Path) -> list[Path]:
    """Backups of `db_path`, oldest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = re.compile(
        rf"^{re.escape(db_path.stem)}-\d{{8}}T\d{{12}}Z-[\w.-]+{re.escape(db_path.suffix)}$"
    )
    return sorted(p for p in folder.iterdir() if p.is_file() and pattern.match(p.name))


def prune_backups(db_path: Path, keep: int = KEEP_BACKUPS) -> None:
    backups = list_backups(db_path)
    for old in backups[: max(0, len(backups) - keep)]:
        old.unlink()
