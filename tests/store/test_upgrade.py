"""Opening an old file: backup first, upgrade on a copy, original untouched on failure;
upgrading 0001 -> 0002 keeps every row and builds the member search index; 0002 -> 0003
makes the rows sync-ready, checked row for row."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from old_rows import insert_rows, old_rows
from search_pieces import expected_index, expected_rows, stored_index
from sqlalchemy import Connection, func, inspect, select
from store_seed import NEXT_REVISION, seed_basics

from the5hc_desktop.domain.errors import StorageUnavailable
from the5hc_desktop.services.settings import read_settings
from the5hc_desktop.store import backup, migrate
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.engine import create_sqlite_engine, write_engine
from the5hc_desktop.store.models import (
    Assessment,
    Client,
    Setting,
    TrainingSession,
    setting_id,
)

ScriptsFn = Callable[[str, str], Path]

# Rebuilds `clients` (SQLite batch "move and copy") while sessions and packages point at it.
REBUILD_CLIENTS = """
with op.batch_alter_table("clients", recreate="always") as batch_op:
    batch_op.add_column(sa.Column("nickname", sa.String(50)))
"""

BROKEN = """
op.add_column("clients", sa.Column("nickname", sa.String(50)))
op.execute("INSERT INTO no_such_table VALUES (1)")
"""


def _seeded_file(path: Path) -> None:
    with Database.open(path) as db:
        ids = seed_basics(db)
        with db.write() as s:
            s.add(
                Assessment(
                    client_id=ids.client_id, trainer_id=ids.staff_id,
                    assessed_on=date(2025, 3, 4), gender="male", scoring_version="desktop-1",
                )
            )


def test_backup_is_taken_before_upgrade_and_ten_are_kept(
    migrated_db_path: Path, scripts_with: ScriptsFn
) -> None:
    _seeded_file(migrated_db_path)
    original = _dump(migrated_db_path)
    folder = backup.backups_dir(migrated_db_path)
    folder.mkdir()
    old = [folder / f"the5hc-2020{m:02d}01T000000000000Z-0001.sqlite3" for m in range(1, 13)]
    for fake in old:
        fake.write_bytes(b"old")
    stranger = folder / "notes.txt"  # not a backup: left alone
    stranger.write_text("keep me")

    scripts = scripts_with("rebuild clients", REBUILD_CLIENTS)
    with Database.open(migrated_db_path, script_location=scripts) as db:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == NEXT_REVISION
            assert "nickname" in {c["name"] for c in inspect(conn).get_columns("clients")}
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        with db.read() as s:  # the table rebuild kept every child row
            assert s.scalar(select(func.count()).select_from(Client)) == 1
            assert s.scalar(select(func.count()).select_from(TrainingSession)) == 1
            assert s.scalar(select(func.count()).select_from(Assessment)) == 1

    kept = backup.list_backups(migrated_db_path)
    assert len(kept) == backup.KEEP_BACKUPS
    newest = kept[-1]
    assert newest.name.endswith(f"-{migrate.HEAD_REVISION}.sqlite3")
    assert _dump(newest) == original  # every row; the backup API rewrites header counters
    assert set(old[:3]).isdisjoint(kept)
    assert stranger.exists()
    assert not list(migrated_db_path.parent.glob("*.upgrading*"))

    with Database.open(migrated_db_path, script_location=scripts):
        pass  # already at head: no second backup
    assert backup.list_backups(migrated_db_path)[-1] == newest


def test_failed_upgrade_leaves_the_file_byte_identical(
    migrated_db_path: Path, scripts_with: ScriptsFn
) -> None:
    _seeded_file(migrated_db_path)
    before = migrated_db_path.read_bytes()
    scripts = scripts_with("broken", BROKEN)

    with pytest.raises(StorageUnavailable) as caught:
        Database.open(migrated_db_path, script_location=scripts)

    assert "원본 파일은 변경되지 않았습니다" in caught.value.message("ko")
    assert "original file was left unchanged" in caught.value.message("en")
    assert migrated_db_path.read_bytes() == before
    assert not list(migrated_db_path.parent.glob("*.upgrading*"))
    assert len(backup.list_backups(migrated_db_path)) == 1
    with Database.open(migrated_db_path) as db, db.read() as s:  # still usable as it was
        assert s.scalar(select(func.count()).select_from(Client)) == 1


def test_failure_raised_by_alembic_itself_is_wrapped(
    migrated_db_path: Path, scripts_with: ScriptsFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = migrated_db_path.read_bytes()
    scripts = scripts_with("fine", "pass")

    def explode(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(migrate, "upgrade", explode)
    with pytest.raises(StorageUnavailable, match="disk full"):
        Database.open(migrated_db_path, script_location=scripts)
    assert migrated_db_path.read_bytes() == before


def test_database_from_a_newer_app_is_refused(migrated_db_path: Path) -> None:
    conn = sqlite3.connect(migrated_db_path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    before = migrated_db_path.read_bytes()
    with pytest.raises(StorageUnavailable) as caught:
        Database.open(migrated_db_path)
    assert "newer version" in caught.value.message("en")
    assert "새 버전" in caught.value.message("ko")
    assert migrated_db_path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageUnavailable):
        Database.open(path)
    assert path.read_bytes() == b"this is not sqlite" * 100


def test_a_folder_that_cannot_be_created_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StorageUnavailable):
        Database.open(blocker / "sub" / "db.sqlite3")


# The tables of revision 0001, whose rows an upgrade must keep as they are.
TABLES_0001 = tuple(old_rows())


def _table_rows(conn: Connection, columns: dict[str, list[str]] | None = None,
                ) -> dict[str, list[Any]]:
    def listed(table: str) -> str:
        return ", ".join(columns[table]) if columns else "*"
    return {
        table: sorted(
            tuple(canonical(v) for v in r)
            for r in conn.exec_driver_sql(f"SELECT {listed(table)} FROM {table}")
        )
        for table in TABLES_0001
    }


def canonical(value: Any) -> Any:
    """A stored value in a form that compares across revisions (16-byte ids as hex)."""
    if isinstance(value, bytes) and len(value) == 16:
        return value.hex()
    return value


def _file_at(path: Path, revision: str) -> dict[str, list[str]]:
    """A database at `revision` holding `old_rows()`; returns each table's columns."""
    path.parent.mkdir(exist_ok=True)
    engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        with write_engine(engine).begin() as conn:
            migrate.upgrade(conn, target=revision)
            insert_rows(conn, old_rows())
            return {t: [c["name"] for c in inspect(conn).get_columns(t)] for t in TABLES_0001}
    finally:
        engine.dispose()


def test_upgrade_from_0001_keeps_seeded_rows_and_indexes_the_members(tmp_path: Path) -> None:
    path = tmp_path / "data" / "the5hc.sqlite3"
    _file_at(path, "0001")
    engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        with engine.connect() as conn:
            before = _table_rows(conn)
            assert not inspect(conn).has_table("client_search")
        with write_engine(engine).begin() as conn:
            migrate.upgrade(conn, target="0002")
            assert _table_rows(conn) == before  # every row as it was
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            # Read as stored at 0002 (ids as hex text), not through today's models.
            index = {(k, t, n, c, bool(a)) for k, t, n, c, a in conn.exec_driver_sql(
                "SELECT kind, term, name, client_id, active FROM client_search")}
            wanted: set[Any] = set()
            for client_id, name, initials, active in conn.exec_driver_sql(
                    "SELECT id, name, name_initials, active FROM clients"
                    " WHERE deleted_at IS NULL"):
                wanted |= expected_rows(name, initials, client_id, bool(active))
            assert index == wanted
    finally:
        engine.dispose()
    assert all(before[table] for table in TABLES_0001)
    # The live members only (the tombstoned 이영희 has no rows); inactive ones are kept.
    assert {name for _, _, name, _, _ in index} == {"김민수", "John Park"}
    assert ("n", "pa", "John Park") in {row[:3] for row in index}


def _expected_hlc(updated_at: str, device: str) -> str:
    when = datetime.fromisoformat(updated_at).replace(tzinfo=UTC)
    ms = int(when.timestamp() * 1000)
    node = uuid.UUID(device).int & 0xFFFF_FFFF_FFFF if len(device) == 36 else 0
    return f"{ms:012x}0000{node:012x}"


def test_upgrade_from_0002_makes_rows_sync_ready_row_for_row(tmp_path: Path) -> None:
    path = tmp_path / "data" / "the5hc.sqlite3"
    columns = _file_at(path, "0002")
    engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        with engine.connect() as conn:
            before = _table_rows(conn)
            old_hlc_sources = {
                t: dict(conn.exec_driver_sql(
                    f"SELECT id, updated_at || '|' || updated_by_device FROM {t}").all())
                for t in TABLES_0001 if t != "devices"
            }
    finally:
        engine.dispose()
    moved = {"failed_attempts", "locked_until", "last_login"}
    kept = {t: [c for c in cols if c not in moved] for t, cols in columns.items()}

    # Up to 0008 only: the stored forms compared below are those of 0003-0008 (0009 changes
    # them; Database.open below takes the file on to head, as the app would).
    engine = create_sqlite_engine(path, foreign_keys=False)
    with write_engine(engine).begin() as conn:
        migrate.upgrade(conn, target="0008")
        after = _table_rows(conn, kept)
        # Unchanged tables: every row, every old column, as it was.
        for table in TABLES_0001:
            if table in ("settings", "staff_accounts"):
                continue
            assert after[table] == before[table], table
        # Staff rows keep everything but the sign-in state, which moved to the local table.
        index = columns["staff_accounts"].index
        assert after["staff_accounts"] == sorted(
            tuple(v for c, v in zip(columns["staff_accounts"], row, strict=True)
                  if c not in moved) for row in before["staff_accounts"])
        state = {
            canonical(r[0]): tuple(r[1:]) for r in conn.exec_driver_sql(
                "SELECT staff_id, failed_attempts, locked_until, last_login"
                " FROM staff_sign_in_state")
        }
        assert state == {
            row[index("id")]: (row[index("failed_attempts")], row[index("locked_until")],
                               row[index("last_login")])
            for row in before["staff_accounts"]
            if row[index("failed_attempts")] or row[index("last_login")]
            or row[index("locked_until")]
        }
        assert len(state) == 2
        # Settings: the machine's own two moved out; ids derived from the key.
        local = {k: json.loads(v) for k, v in
                 conn.exec_driver_sql("SELECT key, value FROM local_settings")}
        assert local == {"language": "en", "backup_folder": "D:/백업"}
        key_at = columns["settings"].index("key")
        id_at = columns["settings"].index("id")
        expected_settings = sorted(
            tuple(setting_id(row[key_at]).hex if c == "id" else v
                  for c, v in zip(columns["settings"], row, strict=True))
            for row in before["settings"] if row[key_at] not in ("language", "backup_folder")
        )
        assert after["settings"] == expected_settings
        assert all(row[id_at] != setting_id(row[key_at]).hex for row in before["settings"])
        # Every synced row has its clock value from updated_at and the writing device.
        for table, sources in old_hlc_sources.items():
            if table == "settings":
                continue
            got = {canonical(k): v for k, v in
                   conn.exec_driver_sql(f"SELECT id, hlc FROM {table}").all()}
            assert got == {k: _expected_hlc(*v.split("|")) for k, v in sources.items()}, table
        hlcs = conn.exec_driver_sql("SELECT hlc FROM settings").scalars().all()
        assert hlcs
        assert all(len(h) == 28 for h in hlcs)
        assert conn.exec_driver_sql(
            "SELECT DISTINCT status_seq FROM sessions").scalars().all() == [0]
        # The member search index and its triggers survived the rebuild of `clients`.
        assert stored_index(conn) == expected_index(conn)
        triggers = set(conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'clients'"
        ).scalars())
        assert triggers == {"client_search_insert", "client_search_update",
                            "client_search_delete"}
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    engine.dispose()
    with Database.open(path) as db:
        with db.read() as s:
            settings = read_settings(s)
            assert (settings.language, settings.backup_folder) == ("en", "D:/백업")
            assert settings.no_show_consumes_credit is False
            assert s.get_one(Setting, setting_id("vat_rate")).value == "0.10"
        with db.write() as s:  # a stamped write on an upgraded row
            client = s.scalars(select(Client).where(Client.name == "김민수")).one()
            old_hlc = client.hlc
            client.notes = "upgraded"
        with db.read() as s:
            assert s.get_one(Client, client.id).hlc > old_hlc
    (saved,) = backup.list_backups(path)
    assert saved.name.endswith("-0008.sqlite3")


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
