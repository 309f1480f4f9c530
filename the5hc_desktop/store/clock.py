"""Hybrid logical clock: the `hlc` of every synced row.

A value is 28 lowercase hex digits, `f"{wall_ms:012x}{counter:04x}{node:012x}"`: Unix
milliseconds, a counter for values made within one millisecond (or while the wall clock
lags a value already seen), and the low 48 bits of the writing device's id. Fixed width,
so string order is clock order, and two devices never make the same value.

The clock never goes backwards on this device, even when the system clock does or a backup
of the database is restored: a high-water mark is kept in a file next to the database
(`<db>.clock`). It is written as a lease, `wall + LEASE_MS`, only when a tick reaches the
previous lease, so not on every tick; a restarted clock starts at the lease, which is above
every value handed out before.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("the5hc.store")

HLC_LENGTH = 28
LEASE_MS = 60_000
_NODE_MASK = 0xFFFF_FFFF_FFFF
_COUNTER_MAX = 0xFFFF


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


def format_hlc(wall_ms: int, counter: int, node: int) -> str:
    return f"{wall_ms:012x}{counter:04x}{node & _NODE_MASK:012x}"


def parse_hlc(value: str) -> tuple[int, int, int]:
    """(wall_ms, counter, node) of a value; ValueError when it is not one."""
    if len(value) != HLC_LENGTH or value.lower() != value:
        raise ValueError(f"not a hybrid clock value: {value!r}")
    return int(value[:12], 16), int(value[12:16], 16), int(value[16:], 16)


def node_of(device_id: uuid.UUID) -> int:
    """The node part of a device's values: the low 48 bits of its id."""
    return device_id.int & _NODE_MASK


def clock_file(db_path: Path) -> Path:
    """Where the high-water mark of the database at `db_path` is kept."""
    return db_path.with_name(db_path.name + ".clock")


class HybridClock:
    """Strictly increasing clock values for one device (thread-safe)."""

    def __init__(
        self,
        node: int | uuid.UUID,
        state_file: Path | None = None,
        *,
        now_ms: Callable[[], int] = wall_clock_ms,
        lease_ms: int = LEASE_MS,
    ) -> None:
        self.node = node_of(node) if isinstance(node, uuid.UUID) else node & _NODE_MASK
        self._file = state_file
        self._now_ms = now_ms
        self._lease_ms = lease_ms
        self._lock = threading.Lock()
        # The last value handed out or observed; a restart resumes above the stored lease.
        self._lease = _read_lease(state_file)
        self._wall, self._counter = self._lease, -1

    @property
    def lease(self) -> int:
        """The stored high-water mark (ms): every value handed out so far is below it."""
        return self._lease

    def tick(self) -> str:
        """A new value, above every value this clock has handed out or observed."""
        return self.take(1)[0]

    def take(self, count: int) -> list[str]:
        """`count` new values in increasing order (one lock and one lease check)."""
        with self._lock:
            now = self._now_ms()
            out: list[str] = []
            wall, counter = self._wall, self._counter
            for _ in range(count):
                if now > wall:
                    wall, counter = now, 0
                elif counter < _COUNTER_MAX:
                    counter += 1
                else:  # 65,536 values in one millisecond: borrow the next one
                    wall, counter = wall + 1, 0
                out.append(format_hlc(wall, counter, self.node))
            self._wall, self._counter = wall, counter
            self._extend_lease(wall)
            return out

    def observe(self, hlc: str) -> None:
        """A value made elsewhere (a pulled row): later ticks are above it."""
        wall, counter, _node = parse_hlc(hlc)
        with self._lock:
            if (wall, counter) > (self._wall, self._counter):
                self._wall, self._counter = wall, counter
                self._extend_lease(wall)

    def _extend_lease(self, wall: int) -> None:
        if wall < self._lease:
            return
        lease = wall + self._lease_ms
        if self._file is not None:
            _write_lease(self._file, lease)
        self._lease = lease


def _read_lease(path: Path | None) -> int:
    if path is None:
        return 0
    try:
        return max(0, int(path.read_text(encoding="ascii").strip() or 0))
    except FileNotFoundError:
        return 0
    except (OSError, ValueError) as exc:
        # A damaged mark only loses the restore guard; the wall clock still moves forward.
        log.warning("clock high-water mark %s unreadable (%s); starting from now", path, exc)
        return 0


def _write_lease(path: Path, lease: int) -> None:
    # Write-then-rename: a crash leaves the old mark or the new one, never half of one.
    work = path.with_name(path.name + ".tmp")
    try:
        with open(work, "w", encoding="ascii") as handle:
            handle.write(f"{lease}\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(work, path)
    except OSError as exc:
        log.warning("clock high-water mark %s not written (%s)", path, exc)
