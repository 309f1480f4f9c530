"""Pulled pages several to a local transaction, and a first download that suspends the
summaries and indexes (store/bulk_load.py) and rebuilds them once.

Each page is applied with its cursor, so a crash loses only the pages not yet committed,
and the next round pulls them again; a first download ends with the same rows, the same
summaries and the same schema as one applied page by page through the triggers.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError
from sync_cluster import Desk, enrol, open_desk

import the5hc_desktop
from the5hc_desktop.services.demo import generate_demo
from the5hc_desktop.store import bulk_load, migrate
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.schema_check import schema_differences
from the5hc_desktop.store.summaries import BACKFILLS
from the5hc_desktop.sync.local import CODECS, CURSOR, STAMP_INDEXES, LocalReplica

CHILD = Path(__file__).with_name("download_child.py")
PACKAGE_ROOT = str(Path(the5hc_desktop.__file__).parent.parent)
DERIVED = (*BACKFILLS, "client_search")  # local tables that follow from the synced ones


# --- several pages to a transaction (no server) -----------------------------------------


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[list[dict[str, Any]]]:
    """A small demo gym's rows as the server sends them, in pages of 40."""
    from sqlalchemy import select

    database = Database.open(tmp_path_factory.mktemp("pages") / "source.sqlite3",
                             device_name="source")
    try:
        generate_demo(database, 12, seed=3)
        rows = []
        with database.read() as s:
            for name, codec in CODECS.items():
                for row in s.execute(select(codec.table)):
                    data = codec.encode(dict(row._mapping))
                    rows.append({"entity": name, "id": data["id"], "hlc": data["hlc"],
                                 "deleted": data["deleted_at"] is not None,
                                 "data": json.loads(json.dumps(data))})
    finally:
        database.close()
    return [rows[i:i + 40] for i in range(0, len(rows), 40)]


def _on_disk(path: Path) -> tuple[Any, int]:
    """The cursor and the number of synced rows that another connection sees."""
    conn = sqlite3.connect(path)
    try:
        cursor = conn.execute("SELECT value FROM sync_state WHERE key = ?", (CURSOR,)).fetchone()
        rows = sum(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                   for name in CODECS)
    finally:
        conn.close()
    if cursor is None:
        return None, rows
    value = cursor[0]  # JSON text, which the column's affinity may have made a number
    return (json.loads(value) if isinstance(value, str) else value), rows


def test_pages_share_a_transaction_until_its_bounds(
    pages: list[list[dict[str, Any]]], tmp_path: Path
) -> None:
    path = tmp_path / "desk.sqlite3"
    database = Database.open(path, device_name="desk")
    replica = LocalReplica(database)
    try:
        with replica.page_writer(rows=100, seconds=3600) as writer:
            for cursor, page in enumerate(pages[:2], start=1):
                writer.apply(page, cursor)
                assert _on_disk(path) == (None, 0)  # 40, then 80 rows: still open
            writer.apply(pages[2], 3)  # 120 rows: committed with its cursor
            assert _on_disk(path) == (3, 120)
            writer.apply(pages[3], 4)
            assert _on_disk(path) == (3, 120)
        assert _on_disk(path) == (4, 160)  # left normally: committed
    finally:
        replica.close()
        database.close()


def test_a_failed_page_takes_the_open_transaction_back_another_error_keeps_whole_pages(
    pages: list[list[dict[str, Any]]], tmp_path: Path
) -> None:
    path = tmp_path / "desk.sqlite3"
    database = Database.open(path, device_name="desk")
    replica = LocalReplica(database)
    member = next(r for r in pages[0] if r["entity"] == "clients")
    nameless = str(uuid.uuid4())  # refused by the table (NOT NULL) half-way through its page
    broken = [*pages[1], member | {"id": nameless, "data": member["data"] | {
        "id": nameless, "name": None}}]
    try:
        with pytest.raises(IntegrityError):
            _write(replica, [pages[0], broken])
        assert _on_disk(path) == (None, 0)  # page 1 went back with the broken page 2
        cut = ConnectionError("the link failed while page 3 was on its way")
        with pytest.raises(ConnectionError):
            _write(replica, pages[:2], then=cut)
        assert _on_disk(path) == (2, 80)  # whole pages stay; the next round goes on
    finally:
        replica.close()
        database.close()


def test_a_first_download_keeps_the_change_stamp_indexes_it_reads(tmp_path: Path) -> None:
    database = Database.open(tmp_path / "desk.sqlite3", device_name="desk")
    try:
        with database.write() as s:
            conn = s.connection()
            load = bulk_load.begin(conn, tuple(CODECS), keep=STAMP_INDEXES)
            assert load is not None
            indexes = {name for (name,) in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index'")}
            assert indexes >= STAMP_INDEXES
            assert not STAMP_INDEXES & set(load.indexes)
            assert "ix_sessions_live_analytics" in load.indexes  # the others are suspended
            assert len(STAMP_INDEXES) == len(CODECS)  # one per synced table
            s.rollback()
    finally:
        database.close()


def _write(replica: LocalReplica, pages: list[list[dict[str, Any]]],
           then: Exception | None = None) -> None:
    """Apply `pages` (cursors 1, 2, ...) in one transaction, then fail with `then`."""
    with replica.page_writer(rows=10**6, seconds=3600) as writer:
        for cursor, page in enumerate(pages, start=1):
            writer.apply(page, cursor)
        if then is not None:
            raise then


# --- against the server: a killed download, a suspended first download ------------------


def _front(server: Any, template: Path, folder: Path) -> tuple[Any, Desk]:
    gym = server.new_gym()
    front = open_desk("front", template, folder, enrol(server, gym, "front"))
    generate_demo(front.db, 25, seed=random.randrange(1000))
    front.sync()
    return gym, front


def _download(desk: Desk, bulk: bool) -> int:
    engine = desk.engine(pull_page=37)
    engine.bulk_first_download = bulk
    try:
        return engine.run_round().pulled
    finally:
        engine.close()


def _local_tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced and derived table's rows as SQLite holds them; summary rows that add
    nothing left out (triggers leave such rows where a back-fill makes none, and back-fills
    make a member row for cancelled sessions alone)."""
    conn = sqlite3.connect(path)
    try:
        tables = {}
        for name in (*sorted(CODECS), *DERIVED):
            rows = conn.execute(f'SELECT * FROM "{name}" ORDER BY 1, 2').fetchall()
            tables[name] = [r for r in rows if not _adds_nothing(name, r)]
        return tables
    finally:
        conn.close()


def _adds_nothing(table: str, row: tuple[Any, ...]) -> bool:
    if table in ("dash_session_hours", "dash_package_expiry"):
        return row[-1] == 0
    if table in ("dash_package_balances", "member_activity"):
        return all(value in (0, None) for value in row[1:])
    return False


def _schema_differences(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return schema_differences(conn, migrate.HEAD_REVISION)
    finally:
        conn.close()


@pytest.mark.postgres
def test_a_suspended_first_download_equals_a_download_through_the_triggers(
    server: Any, sync_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gym, front = _front(server, sync_template, tmp_path)
    suspended: list[bool] = []
    begin = bulk_load.begin
    monkeypatch.setattr(bulk_load, "begin", lambda *a, **k: _noted(begin(*a, **k), suspended))
    desks = [front]
    try:
        for bulk in (True, False):
            desk = open_desk(f"laptop{int(bulk)}", sync_template, tmp_path,
                             enrol(server, gym, f"laptop{int(bulk)}"))
            desks.append(desk)
            assert _download(desk, bulk) > 37 * 3
        assert suspended == [True]  # the bulk desk suspended; the other never asked
        assert desks[1].digest() == desks[2].digest() == front.digest()
        bulk_tables = _local_tables(tmp_path / "laptop1.sqlite3")
        assert all(bulk_tables[name] for name in DERIVED)  # every summary has rows
        assert bulk_tables == _local_tables(tmp_path / "laptop0.sqlite3")
        assert _schema_differences(tmp_path / "laptop1.sqlite3") == []
    finally:
        for desk in desks:
            desk.close()


def _noted(load: Any, seen: list[bool]) -> Any:
    seen.append(load is not None)
    return load


def _kill_mid_download(path: Path, secret: str, page: int, rows: int, kill_after: int,
                       bulk: bool) -> None:
    child = subprocess.run(
        [sys.executable, str(CHILD), str(path), secret, str(page), str(rows),
         str(kill_after), "1" if bulk else "0"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([PACKAGE_ROOT, str(CHILD.parent)])})
    assert child.returncode == -signal.SIGKILL, child.stdout + child.stderr


needs_sigkill = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")


@needs_sigkill
@pytest.mark.postgres
@pytest.mark.parametrize("bulk", [False, True], ids=["through-triggers", "suspended"])
def test_a_download_killed_between_pages_loses_only_the_uncommitted_pages(
    server: Any, sync_template: Path, tmp_path: Path, bulk: bool
) -> None:
    gym, front = _front(server, sync_template, tmp_path)
    witness = server.connect(server.new_device(gym, "witness"))
    laptop = open_desk("laptop", sync_template, tmp_path, enrol(server, gym, "laptop"))
    path = tmp_path / "laptop.sqlite3"
    laptop.close()
    desks = [front]
    try:
        # Pages of 37, committed once 100 rows are in: after pages 3 and 6. Killed once
        # page 5 is applied: pages 4 and 5 were never committed.
        _kill_mid_download(path, laptop.secret, 37, 100, 5 * 37, bulk)
        cursor, stored = _on_disk(path)
        server_rows = witness.pull_all()
        assert stored == 3 * 37
        assert cursor == sorted(r["server_seq"] for r in server_rows)[3 * 37 - 1]
        marker = sqlite3.connect(path).execute(
            "SELECT count(*) FROM sync_state WHERE key = ?", (bulk_load.MARKER,)).fetchone()
        assert marker == (1 if bulk else 0,)  # suspended, committed with the first pages
        assert (_schema_differences(path) != []) == bulk

        laptop = open_desk_again(laptop)  # the next start finishes the rebuild
        desks.append(laptop)
        assert _schema_differences(path) == []
        result = laptop.sync()
        assert result.pulled == len(server_rows) - 3 * 37  # the lost pages come again
        assert result.verified
        assert laptop.digest() == front.digest()

        plain = open_desk("plain", sync_template, tmp_path, enrol(server, gym, "plain"))
        desks.append(plain)
        _download(plain, bulk=False)
        assert _local_tables(path) == _local_tables(tmp_path / "plain.sqlite3")
    finally:
        for desk in desks:
            desk.close()


def open_desk_again(desk: Desk) -> Desk:
    from the5hc_desktop.services import build_services

    assert desk.db.path is not None
    db = Database.open(desk.db.path, device_name=desk.name)
    return Desk(desk.name, db, build_services(db), desk.address, desk.secret)
