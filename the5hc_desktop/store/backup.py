"""Timestamped copies of the database file: before every schema upgrade and restore, and
when the user asks (설정 → 백업), into `backups/` beside the file or a folder of their choice.

A copy is written under a `.part` name and renamed when complete and checked, so a USB
stick pulled half-way never leaves a file that looks like a backup. `suggested_folders`
finds where a copy would survive the PC: cloud-synced folders in the home folder
(OneDrive, Dropbox, Google Drive, iCloud Drive) and removable drives.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from the5hc_desktop.store.copy import copy_as_is, copy_database

BACKUP_DIR_NAME = "backups"
KEEP_BACKUPS = 10
SUGGESTED_SUBFOLDER = "The5HC backups"
_STAMP = "%Y%m%dT%H%M%S%fZ"

Progress = Callable[[int, int], object]


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
    db_path: Path, revision: str | None, keep: int = KEEP_BACKUPS, *, as_is: bool = False,
    folder: Path | None = None, progress: Progress | None = None,
) -> Path:
    """Copy `db_path` to `<folder>/<stem>-<UTC timestamp>-<revision><suffix>`; keep `keep`.

    `folder` defaults to `backups/` beside the file. An online copy (`store.copy`); `as_is`
    copies the bytes instead, for a file SQLite can no longer read. The timestamp sorts
    lexically, so pruning keeps the newest.
    """
    folder = folder or backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime(_STAMP)
    target = folder / f"{db_path.stem}-{stamp}-{revision or 'none'}{db_path.suffix}"
    part = target.with_name(target.name + ".part")
    try:
        if as_is:
            copy_as_is(db_path, part)
        else:
            copy_database(db_path, part, progress)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    prune_backups(db_path, keep, folder)
    return target


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(db_path.stem)}-(\d{{8}}T\d{{12}}Z)-[\w.-]+{re.escape(db_path.suffix)}$"
    )


def list_backups(db_path: Path, folder: Path | None = None) -> list[Path]:
    """Backups of `db_path` in `folder` (default `backups/`), oldest first."""
    folder = folder or backups_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path)
    return sorted(p for p in folder.iterdir() if p.is_file() and pattern.match(p.name))


def prune_backups(db_path: Path, keep: int = KEEP_BACKUPS, folder: Path | None = None) -> None:
    backups = list_backups(db_path, folder)
    for old in backups[: max(0, len(backups) - keep)]:
        old.unlink()


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime  # UTC, from the name
    size: int


def backup_files(db_path: Path, folders: Iterable[Path]) -> list[BackupFile]:
    """Every backup of `db_path` in `folders`, newest first (a folder listed twice once)."""
    pattern = _pattern(db_path)
    seen: set[Path] = set()
    found: list[BackupFile] = []
    for folder in folders:
        for path in list_backups(db_path, folder):
            key = path.resolve()
            match = pattern.match(path.name)
            if key in seen or match is None:
                continue
            seen.add(key)
            taken = datetime.strptime(match[1], _STAMP).replace(tzinfo=UTC)
            found.append(BackupFile(path, taken, path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


# --- where a backup would survive the PC ----------------------------------------------------

@dataclass(frozen=True)
class Suggestion:
    folder: Path  # the folder to write backups into (inside the place found)
    place: Path  # the cloud folder or drive found
    kind: str  # "cloud" or "removable"


_CLOUD_NAMES = re.compile(r"^(OneDrive.*|Dropbox.*|Google Drive|GoogleDrive|My Drive|"
                          r"iCloud Drive|iCloudDrive)$", re.IGNORECASE)


def cloud_folders(home: Path) -> list[Path]:
    """Cloud-synced folders directly in `home` (and iCloud Drive where macOS keeps it)."""
    found: list[Path] = []
    try:
        entries = sorted(home.iterdir())
    except OSError:
        entries = []
    for entry in entries:
        if _CLOUD_NAMES.match(entry.name) and entry.is_dir():
            mine = entry / "My Drive"  # Google Drive for desktop keeps files one level down
            found.append(mine if mine.is_dir() else entry)
    icloud = home / "Library" / "Mobile Documents" / "com~apple~CloudDocs"
    if icloud.is_dir():
        found.append(icloud)
    return found


def removable_drives() -> list[Path]:
    """Mounted USB sticks and other removable drives on this machine."""
    if sys.platform == "win32":
        return _windows_removable()
    user = os.environ.get("USER") or os.environ.get("USERNAME") or ""
    roots = [Path("/Volumes")] if sys.platform == "darwin" else [
        Path("/media") / user, Path("/run/media") / user]
    return mounted_below(roots)


def mounted_below(roots: Iterable[Path]) -> list[Path]:
    """Writable folders directly under `roots` (how Linux and macOS mount removable media)."""
    found: list[Path] = []
    for root in roots:
        try:
            entries = sorted(root.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink() and os.access(entry, os.W_OK):
                found.append(entry)
    return found


def _windows_removable() -> list[Path]:
    import ctypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]  # Windows only
    mask = kernel.GetLogicalDrives()
    found: list[Path] = []
    for index in range(26):
        if mask & (1 << index):
            root = f"{chr(ord('A') + index)}:\\"
            if kernel.GetDriveTypeW(root) == 2 and os.access(root, os.W_OK):  # REMOVABLE
                found.append(Path(root))
    return found


def suggested_folders(home: Path, drives: Iterable[Path] | None = None) -> list[Suggestion]:
    """Cloud folders first (they keep copies off-site by themselves), then removable drives."""
    suggestions = [Suggestion(place / SUGGESTED_SUBFOLDER, place, "cloud")
                   for place in cloud_folders(home)]
    for drive in removable_drives() if drives is None else drives:
        suggestions.append(Suggestion(drive / SUGGESTED_SUBFOLDER, drive, "removable"))
    return suggestions
