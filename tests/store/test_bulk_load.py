"""A suspended bulk load (store/bulk_load.py) ends exactly where the plain path ends: the
same summaries row for row, the same schema; a killed load never leaves a file without its
triggers or indexes; a table with rows never takes the suspended path."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from contextlib import nullcontext
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from bulk_rows import TABLES, seed_staff, write_rows
from store_seed import seed_basics

import the5hc_desktop
from the5hc_desktop.services import passwords
from the5hc_desktop.services.demo import BUSY, LIGHT, generate_demo
from the5hc_desktop.store import bulk_load, migrate
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.schema_check import schema_differences, schema_objects
from the5hc_desktop.store.summaries import BACKFILLS

CHILD = Path(__file__).with_name("bulk_load_child.py")
PACKAGE_ROOT = str(Path(the5hc_desktop.__file__).parent.parent)


def _load(path: Path, seed: int, members: int, suspend: bool) -> bool:
    """Seed staff and load random rows; True when the suspended path was taken."""
    with Database.open(path) as db:
        rng = random.Random(seed)
        staff = seed_staff(db, rng)
        with db.write() as s:
            conn = s.connection()
            with (bulk_load.suspended(conn, TABLES) if suspend else nullcontext()) as load:
                write_rows(conn, db, rng, staff, members)
            return load is not None


def _summaries(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Each summary's rows, less those that add nothing: a total of zero, or a member row
    with no balance and no session (the triggers leave such rows behind once the member's
    rows move away; the back-fill makes one for a member with only cancelled sessions)."""
    conn = sqlite3.connect(path)
    try:
        return {table: [row for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
                        if not _adds_nothing(table, row)]
                for table in BACKFILLS}
    finally:
        conn.close()


def _adds_nothing(table: str, row: tuple[object, ...]) -> bool:
    if table == "dash_session_hours":
        return row[-1] == 0
    if table == "package_sales":
        return False
    return all(value in (0, None) for value in row[1:])


def _schema(path: Path) -> tuple[object, list[str]]:
    conn = sqlite3.connect(path)
    try:
        return schema_objects(conn), schema_differences(conn, migrate.HEAD_REVISION)
    finally:
        conn.close()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_suspended_load_equals_the_plain_path(
    migrated_db_path: Path, tmp_path: Path, seed: int,
) -> None:
    plain = tmp_path / "plain.sqlite3"
    plain.write_bytes(migrated_db_path.read_bytes())
    assert _load(migrated_db_path, seed, 150, suspend=True)
    assert not _load(plain, seed, 150, suspend=False)
    suspended, expected = _summaries(migrated_db_path), _summaries(plain)
    assert all(expected.values())  # every summary has rows to compare
    assert suspended == expected
    objects, differences = _schema(migrated_db_path)
    assert differences == []
    assert objects == _schema(plain)[0]


def _replayed(path: Path, into: Path) -> Path:
    """`into`: an empty file at head given the base rows of `path` with its triggers on."""
    Database.open(into).close()
    conn = sqlite3.connect(into, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("ATTACH DATABASE ? AS loaded", (str(path),))
        conn.execute("BEGIN")
        for table in TABLES:  # parents first
            conn.execute(f"INSERT INTO main.{table} SELECT * FROM loaded.{table}")
        conn.execute("COMMIT")
    finally:
        conn.close()
    return into


@pytest.mark.parametrize(("profile", "seed"), [(BUSY, 4), (LIGHT, 5)])
def test_the_demo_ends_as_its_rows_written_with_the_triggers_on(
    migrated_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, profile: str,
    seed: int,
) -> None:
    monkeypatch.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024,
                                                              parallelism=1))
    with Database.open(migrated_db_path) as db:
        generate_demo(db, 150, seed=seed, profile=profile)
    assert _raw(migrated_db_path, "SELECT key FROM sync_state") == []
    assert _schema(migrated_db_path)[1] == []
    plain = _replayed(migrated_db_path, tmp_path / "plain.sqlite3")
    assert _summaries(migrated_db_path) == _summaries(plain)


def test_a_table_with_rows_takes_the_plain_path(database: Database) -> None:
    seed_basics(database)  # a member, a package and a session
    with database.write() as s:
        conn = s.connection()
        assert bulk_load.begin(conn, TABLES) is None
        assert bulk_load.begin(conn, ("payments",)) is not None  # still empty: suspended
        assert bulk_load.begin(conn, ("payments",)) is None  # one suspension at a time
        s.rollback()
    with database.read() as s:
        assert not bulk_load.pending(s.connection())


def test_only_triggers_writing_summaries_alone_are_suspended() -> None:
    assert bulk_load.summary_writes(
        "CREATE TRIGGER t AFTER UPDATE OF status ON sessions BEGIN "
        "INSERT INTO dash_session_hours (hour) SELECT 1 ON CONFLICT (hour) DO UPDATE SET "
        "total = total + 1; UPDATE member_activity SET balance = 0; END"
    ) == {"dash_session_hours", "member_activity"}
    assert bulk_load.summary_writes(
        "CREATE TRIGGER t AFTER INSERT ON clients BEGIN INSERT OR IGNORE INTO client_search "
        "SELECT 1; END") == set()
    assert bulk_load.summary_writes(
        "CREATE TRIGGER t AFTER INSERT ON sessions BEGIN UPDATE member_activity SET x = 1; "
        "DELETE FROM audit_log; END") == set()


def _kill_while_loading(path: Path, mode: str, seed: int) -> None:
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), mode, str(seed)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([PACKAGE_ROOT, str(CHILD.parent)])},
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        if line.strip() != "loading":
            pytest.fail(f"child stopped early: {child.communicate()[1]}")
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()  # closes the pipes
    assert child.returncode == -signal.SIGKILL


def _raw(path: Path, query: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


needs_sigkill = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")


@needs_sigkill
def test_a_load_killed_in_its_transaction_leaves_the_file_whole(
    migrated_db_path: Path,
) -> None:
    _kill_while_loading(migrated_db_path, "one", 5)
    # Before any open of ours: the rolled-back DDL left every trigger and index in place.
    assert _schema(migrated_db_path)[1] == []
    assert _raw(migrated_db_path, "SELECT count(*) FROM clients") == [(0,)]
    assert _raw(migrated_db_path, "SELECT key FROM sync_state") == []


@needs_sigkill
def test_a_load_killed_between_transactions_is_finished_at_the_next_open(
    migrated_db_path: Path, tmp_path: Path,
) -> None:
    _kill_while_loading(migrated_db_path, "spanning", 7)
    assert _schema(migrated_db_path)[1] != []  # suspended and committed
    assert _raw(migrated_db_path, "SELECT key FROM sync_state") == [(bulk_load.MARKER,)]
    Database.open(migrated_db_path).close()
    assert _schema(migrated_db_path)[1] == []
    assert _raw(migrated_db_path, "SELECT key FROM sync_state") == []
    # The same rows loaded the plain way (the child's seed and sizes): same summaries.
    reference = tmp_path / "reference.sqlite3"
    with Database.open(reference) as db:
        rng = random.Random(7)
        staff = seed_staff(db, rng)
        with db.write() as s:
            write_rows(s.connection(), db, rng, staff, 60)
    assert _summaries(migrated_db_path) == _summaries(reference)

