"""The file lock's slot scheme (how Windows gets shared and exclusive holds out of
exclusive byte-range locks), run on any platform with an in-memory byte-range locker."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from the5hc_desktop.domain.errors import StorageUnavailable
from the5hc_desktop.store import file_lock
from the5hc_desktop.store.file_lock import FileLock, SlotLocks, try_exclusive


class MemoryRanges:
    """Exclusive byte-range locks per file, held per open handle, as LockFile does."""

    def __init__(self) -> None:
        self.owners: dict[tuple[int, int], int] = {}  # (file, byte) -> fd

    @staticmethod
    def _file(fd: int) -> int:
        return os.fstat(fd).st_ino

    def try_lock(self, fd: int, start: int, length: int) -> bool:
        keys = [(self._file(fd), b) for b in range(start, start + length)]
        if any(key in self.owners for key in keys):  # the same handle conflicts too
            return False
        for key in keys:
            self.owners[key] = fd
        return True

    def unlock(self, fd: int, start: int, length: int) -> None:
        for b in range(start, start + length):
            assert self.owners.pop((self._file(fd), b)) == fd


@pytest.fixture
def ranges(monkeypatch: pytest.MonkeyPatch) -> MemoryRanges:
    memory = MemoryRanges()
    monkeypatch.setattr(file_lock, "RANGES", memory)
    return memory


def handles(tmp_path: Path, n: int) -> list[int]:
    path = tmp_path / "x.lock"
    return [os.open(path, os.O_RDWR | os.O_CREAT) for _ in range(n)]


def test_slots_share_and_exclude(tmp_path: Path) -> None:
    slots = SlotLocks(MemoryRanges(), slots=3)
    a, b, c, d = handles(tmp_path, 4)
    first, second = slots.shared(a), slots.shared(b)
    assert first == (0, 1)
    assert second == (1, 1)
    assert slots.exclusive(c) is None  # readers hold slots
    assert slots.shared(c) == (2, 1)
    assert slots.shared(d) is None  # every slot taken
    for fd, held in ((a, first), (b, second), (c, (2, 1))):
        slots.release(fd, held)
    assert slots.exclusive(c) == (0, 3)
    assert slots.shared(a) is None  # the exclusive holder keeps readers out
    assert slots.exclusive(d) is None
    for fd in (a, b, c, d):
        os.close(fd)


def test_file_lock_on_slots_refuses_an_exclusive_hold_while_the_file_is_open(
    tmp_path: Path, ranges: MemoryRanges
) -> None:
    db = tmp_path / "gym.sqlite3"
    app = FileLock.acquire(db, exclusive=False)
    cli = FileLock.acquire(db, exclusive=False)  # two programs reading: fine
    with pytest.raises(StorageUnavailable) as refused:
        FileLock.acquire(db, exclusive=True)
    assert "사용 중" in refused.value.message("ko")
    assert try_exclusive(db) is None
    app.release()
    assert try_exclusive(db) is None  # the second one still has it open
    cli.release()
    restore = try_exclusive(db)
    assert restore is not None
    with pytest.raises(StorageUnavailable):
        FileLock.acquire(db, exclusive=False)
    restore.release()
    assert ranges.owners == {}


def test_an_exclusive_hold_turns_shared_after_an_upgrade(
    tmp_path: Path, ranges: MemoryRanges
) -> None:
    db = tmp_path / "gym.sqlite3"
    opener = FileLock.acquire(db, exclusive=True)
    with pytest.raises(StorageUnavailable):
        FileLock.acquire(db, exclusive=False)
    opener.share()
    assert not opener.exclusive
    other = FileLock.acquire(db, exclusive=False)  # a second reader may now open it
    assert try_exclusive(db) is None
    other.release()
    opener.release()
    assert ranges.owners == {}


def test_the_platform_lock_refuses_exclusive_while_shared(tmp_path: Path) -> None:
    """Whatever this platform uses (flock on POSIX, slots on Windows)."""
    db = tmp_path / "gym.sqlite3"
    with FileLock.acquire(db, exclusive=False):
        assert try_exclusive(db) is None
    held = try_exclusive(db)
    assert held is not None
    held.release()
