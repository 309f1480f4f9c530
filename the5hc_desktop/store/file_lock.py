"""Who has a database file open: an advisory lock on `<db>.lock` beside it.

Every `Database.open` of a file holds a SHARED lock for as long as it is open; whatever
replaces the file (a restore, an upgrade's swap, removing stray working copies) needs the
EXCLUSIVE lock, which it gets only when no program — this one included — has the file
open. So a restore can never swap the file under a running app whose later writes would
then report success but land in the replaced file.

POSIX: `fcntl.flock`. Windows: `msvcrt.locking` has exclusive byte-range locks only, so
the lock file is cut into `SLOTS` one-byte slots (`SlotLocks`): a shared holder locks one
free slot, an exclusive holder locks all of them at once, which fails while any slot is
held and keeps new shared holders out. Both kinds are released by the OS when the process
dies, so a killed app never leaves a stale lock.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Protocol

from the5hc_desktop.domain.errors import StorageUnavailable

if sys.platform != "win32":
    import fcntl

    def _flock(fd: int, exclusive: bool, *, wait: bool = False) -> None:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        fcntl.flock(fd, mode if wait else mode | fcntl.LOCK_NB)
else:
    def _flock(fd: int, exclusive: bool, *, wait: bool = False) -> None:
        raise OSError("flock is POSIX only")

SLOTS = 64  # programs that may have one file open at once on Windows


class RangeLocker(Protocol):
    """Exclusive, non-blocking locks on byte ranges of an open file."""

    def try_lock(self, fd: int, start: int, length: int) -> bool: ...

    def unlock(self, fd: int, start: int, length: int) -> None: ...


Held = tuple[int, int]  # (start, length) of the locked byte range


class SlotLocks:
    """Shared and exclusive holds made of exclusive byte-range locks (see the docstring)."""

    def __init__(self, ranges: RangeLocker, slots: int = SLOTS) -> None:
        self.ranges = ranges
        self.slots = slots

    def exclusive(self, fd: int) -> Held | None:
        return (0, self.slots) if self.ranges.try_lock(fd, 0, self.slots) else None

    def shared(self, fd: int) -> Held | None:
        for slot in range(self.slots):
            if self.ranges.try_lock(fd, slot, 1):
                return (slot, 1)
        return None  # an exclusive holder, or every slot taken

    def release(self, fd: int, held: Held) -> None:
        self.ranges.unlock(fd, *held)


if sys.platform == "win32":
    import msvcrt

    class _MsvcrtRanges:
        def try_lock(self, fd: int, start: int, length: int) -> bool:
            os.lseek(fd, start, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, length)
            except OSError:
                return False
            return True

        def unlock(self, fd: int, start: int, length: int) -> None:
            os.lseek(fd, start, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, length)

    RANGES: RangeLocker | None = _MsvcrtRanges()
else:
    RANGES = None  # POSIX uses flock; tests put a RangeLocker here to run the slot logic


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

    def __init__(
        self, db_path: Path, handle: IO[bytes] | None, exclusive: bool, held: Held | None = None
    ) -> None:
        self.db_path = db_path
        self._handle = handle
        self.exclusive = exclusive
        self._held = held  # the slot range, when byte-range locks are in use

    @classmethod
    def acquire(cls, db_path: Path, *, exclusive: bool) -> FileLock:
        """Take the lock without waiting; StorageUnavailable when another holder conflicts."""
        path = lock_file(db_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        handle = os.fdopen(fd, "r+b")
        if RANGES is not None:
            slots = SlotLocks(RANGES)
            held = slots.exclusive(fd) if exclusive else slots.shared(fd)
            if held is None:
                handle.close()
                raise in_use_error(db_path)
            return cls(db_path, handle, exclusive, held)
        try:
            _flock(fd, exclusive)
        except OSError:
            handle.close()
            raise in_use_error(db_path) from None
        return cls(db_path, handle, exclusive)

    def share(self) -> None:
        """Turn an exclusive hold into a shared one (after an upgrade, for normal use)."""
        if self._handle is not None and self.exclusive:
            fd = self._handle.fileno()
            if self._held is not None and RANGES is not None:
                # No downgrade in place: let go of every slot, then hold one.
                slots = SlotLocks(RANGES)
                slots.release(fd, self._held)
                self._held = slots.shared(fd)
                if self._held is None:
                    self.release()
                    raise in_use_error(self.db_path)
            elif RANGES is None:
                _flock(fd, False, wait=True)
        self.exclusive = False

    def release(self) -> None:
        if self._handle is not None:
            if self._held is not None and RANGES is not None:
                SlotLocks(RANGES).release(self._handle.fileno(), self._held)
                self._held = None
            self._handle.close()  # closing the descriptor drops a flock
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
