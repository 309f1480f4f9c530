"""HybridClock: fixed-width values in clock order that never go backwards, even after a
restart with the system clock set back or with a database restored from a backup."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from the5hc_desktop.store.clock import (
    HLC_LENGTH,
    HybridClock,
    clock_file,
    format_hlc,
    parse_hlc,
)
from the5hc_desktop.store.database import Database

NODE = uuid.UUID("01950000-0000-7000-8000-0000deadbeef")


class FakeTime:
    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_values_are_fixed_width_hex_in_clock_order() -> None:
    now = FakeTime(1_740_000_000_000)
    clock = HybridClock(NODE, now_ms=now)
    values = [clock.tick() for _ in range(5)]
    now.ms += 1
    values.append(clock.tick())
    assert values == sorted(values)
    assert len(set(values)) == len(values)
    assert all(len(v) == HLC_LENGTH and v == v.lower() for v in values)
    assert parse_hlc(values[0]) == (1_740_000_000_000, 0, 0xDEADBEEF)
    assert parse_hlc(values[4])[1] == 4  # the counter within one millisecond
    assert parse_hlc(values[5])[:2] == (1_740_000_000_001, 0)
    assert values[0] == f"{1_740_000_000_000:012x}0000{0xDEADBEEF:012x}"


def test_a_wall_clock_set_back_does_not_move_values_back() -> None:
    now = FakeTime(2_000_000)
    clock = HybridClock(NODE, now_ms=now)
    first = clock.tick()
    now.ms -= 60_000
    assert clock.tick() > first


def test_observed_remote_values_are_passed() -> None:
    now = FakeTime(1_000)
    clock = HybridClock(NODE, now_ms=now)
    remote = format_hlc(5_000, 7, 0x1234)
    clock.observe(remote)
    after = clock.tick()
    assert after > remote
    assert parse_hlc(after)[:2] == (5_000, 8)
    clock.observe(format_hlc(10, 0, 1))  # an older value changes nothing
    assert clock.tick() > after


def test_not_a_clock_value_is_refused() -> None:
    with pytest.raises(ValueError, match="hybrid clock"):
        HybridClock(NODE).observe("2025-03-01")


def test_restart_resumes_above_the_stored_lease(tmp_path: Path) -> None:
    state = tmp_path / "db.sqlite3.clock"
    now = FakeTime(1_000_000)
    clock = HybridClock(NODE, state, now_ms=now, lease_ms=60_000)
    issued = [clock.tick()]
    assert int(state.read_text()) == 1_060_000
    now.ms += 30_000  # inside the lease: the file is not rewritten
    state.write_text("1060000\n")
    stamp = state.stat().st_mtime_ns
    issued.append(clock.tick())
    assert state.stat().st_mtime_ns == stamp
    now.ms += 40_000  # past the lease: extended
    issued.append(clock.tick())
    assert int(state.read_text()) == 1_070_000 + 60_000

    now.ms = 500_000  # the machine restarts with its clock far behind
    restarted = HybridClock(NODE, state, now_ms=now, lease_ms=60_000)
    assert restarted.tick() > max(issued)


def test_database_clock_survives_restoring_an_old_copy(migrated_db_path: Path) -> None:
    old_copy = migrated_db_path.read_bytes()
    with Database.open(migrated_db_path) as db:
        last = max(db.clock.tick() for _ in range(3))
    assert clock_file(migrated_db_path).exists()  # outside the database file
    migrated_db_path.write_bytes(old_copy)  # "restore a backup" taken before those ticks
    with Database.open(migrated_db_path) as db:
        assert db.clock.tick() > last
        assert db.clock.node == db.device_id.int & 0xFFFF_FFFF_FFFF
