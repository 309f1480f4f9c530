"""Opening an old file: backup first, upgrade on a copy, original untouched on failure;
upgrading a 0001 file with data keeps every row and builds the member search index."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from search_pieces import expected_index, stored_index
from sqlalchemy import Connection, func, inspect, select
from sqlalchemy.orm import Session as OrmSession
from store_seed import NEXT_REVISION, seed_basics

from the5hc_desktop.domain.errors import StorageUnavailable
from the5hc_desktop.store import backup, migrate
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.engine import create_sqlite_engine, write_engine
from the5hc_desktop.store.models import (
    Assessment,
    AuditLogEntry,
    Client,
    CreditLedgerEntry,
    Device,
    FeeAuditEntry,
    Organization,
    Payment,
    SessionPackage,
    Setting,
    StaffAccount,
    TrainingSession,
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
TABLES_0001 = (
    "devices", "organizations", "settings", "staff_accounts", "audit_log", "clients",
    "assessments", "session_packages", "payments", "sessions", "credit_ledger",
    "fee_audit_entries",
)


def _rows_at_0001() -> list[Any]:
    """One of everything, written with a plain session (no store hooks: stamps by hand)."""
    org = Organization(name="The5HC 피트니스 센터")
    staff = StaffAccount(organization_id=org.id, username="owner", password_hash="x",
                         role="owner", display_name="김대표")
    people = [
        Client(name="김민수", name_initials="ㄱㅁㅅ", gender="male", phone="01012345678",
               phone_last4="5678", trainer_id=staff.id),
        Client(name="John Park", name_initials="JohnPark", gender="male", active=False),
        Client(name="이영희", name_initials="ㅇㅇㅎ", gender="female",
               deleted_at=datetime(2025, 2, 1, tzinfo=UTC)),
    ]
    minsu = people[0]
    package = SessionPackage(
        client_id=minsu.id, trainer_id=staff.id, name="10회 패키지", gross=500_000,
        session_price=50_000, sessions_bought=10, vat_rate=Decimal("0.10"),
        card_fee_rate=Decimal("0.035"))
    booked = TrainingSession(client_id=minsu.id, package_id=package.id, trainer_id=staff.id,
                             starts_at=datetime(2025, 3, 4, 1, 0, tzinfo=UTC))
    payment = Payment(client_id=minsu.id, package_id=package.id, staff_id=staff.id,
                      paid_on=date(2025, 3, 1), method="card", gross=500_000, vat=45_455,
                      card_fee=17_500, net=437_045, vat_rate=Decimal("0.10"),
                      card_fee_rate=Decimal("0.035"))
    rows: list[Any] = [
        org, staff, *people, package, booked, payment,
        Assessment(client_id=minsu.id, trainer_id=staff.id, assessed_on=date(2025, 3, 4),
                   gender="male", scoring_version="desktop-1", score_overall=72.5),
        CreditLedgerEntry(package_id=package.id, client_id=minsu.id, kind="purchase",
                          delta=10),
        FeeAuditEntry(package_id=package.id, payment_id=payment.id, calculation_type="sale",
                      gross=500_000, vat=45_455, card_fee=17_500, net=437_045,
                      vat_rate=Decimal("0.10"), card_fee_rate=Decimal("0.035"),
                      created_by_id=staff.id),
        AuditLogEntry(actor_id=staff.id, action="client_created", entity="client",
                      entity_id=minsu.id),
        Setting(key="vat_rate", value="0.10"),
    ]
    for stamp, row in enumerate(rows, start=1):
        row.updated_by_device = "seed-device"
        row.change_stamp = stamp
    return [*rows, Device(name="front desk", change_counter=len(rows), is_local=True)]


def _table_rows(conn: Connection) -> dict[str, list[Any]]:
    return {
        table: sorted(tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table}"))
        for table in TABLES_0001
    }


def test_upgrade_from_0001_keeps_seeded_rows_and_indexes_the_members(tmp_path: Path) -> None:
    path = tmp_path / "data" / "the5hc.sqlite3"
    path.parent.mkdir()
    engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        with write_engine(engine).begin() as conn:
            migrate.upgrade(conn, target="0001")
        with OrmSession(engine) as s, s.begin():
            s.add_all(_rows_at_0001())
        with engine.connect() as conn:
            before = _table_rows(conn)
            assert not inspect(conn).has_table("client_search")
    finally:
        engine.dispose()
    assert all(before[table] for table in TABLES_0001)

    with Database.open(path) as db, db.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.HEAD_REVISION
        assert _table_rows(conn) == before  # every row as it was
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        index = stored_index(conn)
        assert index == expected_index(conn)
        # The live members only (the tombstoned 이영희 has no rows); inactive ones are kept.
        assert {name for _, _, name, _, _ in index} == {"김민수", "John Park"}
        assert ("n", "pa", "John Park") in {row[:3] for row in index}
    (saved,) = backup.list_backups(path)
    assert saved.name.endswith("-0001.sqlite3")


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
