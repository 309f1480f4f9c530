"""Who has a database file open: an advisory lock on `<db>.lock` beside it.

Every `Database.open` of a file holds a SHARED lock for as long as it is open; whatever
replaces the file (a restore, an upgrade's swap, removing stray working copies) needs the
EXCLUSIVE lock, which it gets only when no program — this one included — has the file
open. So a restore can never swap the file under a running app whose later writes would
then report success but land in the replaced file.

POSIX: `fcntl.flock` (released by the OS when the process dies, so a killed app never
leaves a stale lock). Windows: SQLite opens the database without FILE_SHARE_DELETE, so
the replacing rename already fails while any program has it open; the lock file is
created but not locked there.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from the5hc_desktop.domain.errors import StorageUnavailable

if sys.platform != "win32":
    import fcntl


def lock_file(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def in_use_error(db_path: Path) -> StorageUnavailable:
    return StorageUnavailable(
        "다른 프로그램(또는 열려 있는 The5HC 창)이 이 데이터베이스를 사용 중입니다. "
        f"프로그램을 모두 닫은 뒤 다시 시도하세요: {db_path}",
        f"Another program (or an open The5HC window) is using this database. "
        f"Close it and try again: {db_path}",
    )


class FileLock:
    """A shared or exclusive hold on one database file; `release()` (or exit) lets go."""

    def __init__(self, db_path: Path, handle: IO[bytes] | None, exclusive: bool) -> None:
        self.db_path = db_path
        self._handle = handle
        self.exclusive = exclusive

    @classmethod
    def acquire(cls, db_path: Path, *, exclusive: bool) -> FileLock:
        """Take the lock without waiting; StorageUnavailable when another holder conflicts."""
        path = lock_file(db_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        handle = os.fdopen(fd, "r+b")
        if sys.platform == "win32":
            return cls(db_path, handle, exclusive)
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise in_use_error(db_path) from None
        return cls(db_path, handle, exclusive)

    def share(self) -> None:
        """Turn an exclusive hold into a shared one (after an upgrade, for normal use)."""
        if self._handle is not None and self.exclusive and sys.platform != "win32":
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_SH)
        self.exclusive = False

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the descriptor drops the flock
            self._handle = None

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def try_exclusive(db_path: Path) -> FileLock | None:
    """The exclusive lock when nobody has the file open, else None (never raises for use)."""
    try:
        return FileLock.acquire(db_path, exclusive=True)
    except StorageUnavailable:
        return None
