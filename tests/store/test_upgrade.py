"""Opening an old file: backup first, upgrade on a copy, original untouched on failure."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select
from store_seed import seed_basics

from the5hc_desktop.domain.errors import StorageUnavailable
from the5hc_desktop.store import backup, migrate
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import Assessment, Client, TrainingSession

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
    original = migrated_db_path.read_bytes()
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
            assert migrate.current_revision(conn) == "0002"
            assert "nickname" in {c["name"] for c in inspect(conn).get_columns("clients")}
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        with db.read() as s:  # the table rebuild kept every child row
            assert s.scalar(select(func.count()).select_from(Client)) == 1
            assert s.scalar(select(func.count()).select_from(TrainingSession)) == 1
            assert s.scalar(select(func.count()).select_from(Assessment)) == 1

    kept = backup.list_backups(migrated_db_path)
    assert len(kept) == backup.KEEP_BACKUPS
    newest = kept[-1]
    assert newest.name.endswith("-0001.sqlite3")
    assert newest.read_bytes() == original
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
