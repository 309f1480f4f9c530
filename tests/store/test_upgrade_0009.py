"""0008 -> 0009: compact storage. Every row of every table reads back through the models
with the same values, row for row; the stored forms are the compact ones; the indexes
changed as the revision says; downgrading gives back the 0008 file row for row."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select

from the5hc_desktop.services import passwords
from the5hc_desktop.services.demo import LIGHT, generate_demo
from the5hc_desktop.store import migrate
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.engine import create_sqlite_engine, write_engine
from the5hc_desktop.store.models import Base, Client, SyncBase, SyncConflict
from the5hc_desktop.store.types import utcnow

# Derived tables are left out: the search index, and the summaries later revisions create
# (0010 for the dashboard, 0012 for 분석, 0013 for the member list), and the device numbers
# of 0014.
LATER = {"member_activity", "package_sales", "member_list_facts", "member_list_day", "device_refs"}
CHECKED_TABLES = sorted(t for t in Base.metadata.tables
                        if t != "client_search" and not t.startswith("dash_") and t not in LATER)


def _rows(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, read through today's column types (primary-key order)."""
    rows = {}
    for name in CHECKED_TABLES:
        table = Base.metadata.tables[name]
        rows[name] = [tuple(r) for r in conn.execute(
            select(table).order_by(*table.primary_key.columns))]
    return rows


def _raw(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in CHECKED_TABLES}
    finally:
        conn.close()


def _migrate(path: Path, target: str, down: bool = False) -> None:
    from alembic import command

    engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        with write_engine(engine).begin() as conn:
            if down:
                config = migrate.make_config()
                config.attributes["connection"] = conn
                command.downgrade(config, target)
            else:
                migrate.upgrade(conn, target=target)
            migrate.check_foreign_keys(conn)
    finally:
        engine.dispose()


def _read(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        with engine.connect() as conn:
            return _rows(conn)
    finally:
        engine.dispose()


@pytest.fixture
def file_at_0008(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(passwords, "_HASHER", passwords.PasswordHasher(
        time_cost=1, memory_cost=8, parallelism=1))
    path = tmp_path / "gym.sqlite3"
    with Database.open(path) as db:
        generate_demo(db, 120, seed=11, profile=LIGHT)
        with db.write(stamp=False) as s:  # the local sync tables hold clock values too
            s.add(SyncBase(row_id=db.device_id, hlc="01a241fc49f601f475ad28a15c0d"))
            s.add(SyncConflict(id=db.device_id, entity="clients", row_id=db.device_id,
                               reason="superseded", winner={"hlc": "x"}, loser=None,
                               at=utcnow()))
    _migrate(path, "0008", down=True)
    return path


def test_upgrade_keeps_every_value_and_stores_the_compact_forms(file_at_0008: Path) -> None:
    raw_0008 = _raw(file_at_0008)
    conn = sqlite3.connect(file_at_0008)
    assert conn.execute("SELECT typeof(created_at), typeof(hlc), typeof(risk_factors)"
                        " FROM assessments LIMIT 1").fetchone() == ("text", "text", "text")
    conn.close()
    before = _read(file_at_0008)  # today's types read the 0008 forms too
    assert sum(len(rows) for rows in before.values()) > 1000

    _migrate(file_at_0008, "0009")
    assert _read(file_at_0008) == before

    conn = sqlite3.connect(file_at_0008)
    try:
        kinds = conn.execute(
            "SELECT DISTINCT typeof(created_at), typeof(updated_at), typeof(updated_by_device),"
            " length(updated_by_device), typeof(hlc), length(hlc) FROM sessions").fetchall()
        assert kinds == [("integer", "integer", "blob", 16, "blob", 14)]
        packed = conn.execute("SELECT DISTINCT typeof(risk_factors), typeof(recommendations),"
                              " substr(risk_factors, 1, 1) FROM assessments").fetchall()
        assert packed == [("blob", "blob", b"\x01")]
        assert conn.execute("SELECT DISTINCT typeof(hlc) FROM sync_base").fetchall() == [
            ("blob",)]
        indexes = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'credit_ledger'")}
        assert "ix_credit_ledger_package_id" not in indexes
        assert "ix_credit_ledger_legacy_id" in indexes
        assert not [r for r in conn.execute("PRAGMA index_list(fee_audit_entries)")
                    if r[1].endswith(("_package_id", "_payment_id"))]
        payment_indexes = {r[1] for r in conn.execute("PRAGMA index_list(payments)")}
        assert "ix_payments_paid_on" not in payment_indexes
        assert not [r for r in conn.execute("PRAGMA index_list(sessions)") if r[3] == "u"]
        triggers = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert triggers == {"client_search_insert", "client_search_update",
                            "client_search_delete"}
    finally:
        conn.close()

    _migrate(file_at_0008, "0008", down=True)
    assert _raw(file_at_0008) == raw_0008


def test_an_upgraded_file_opens_and_takes_writes(file_at_0008: Path) -> None:
    with Database.open(file_at_0008) as db:
        with db.read() as s:
            conflict = s.scalars(select(SyncConflict)).one()
            assert conflict.winner == {"hlc": "x"}
            assert s.scalars(select(SyncBase.hlc)).one() == "01a241fc49f601f475ad28a15c0d"
        with db.write() as s:
            client = s.scalars(select(Client).order_by(Client.id).limit(1)).one()
            old_hlc, old_updated = client.hlc, client.updated_at
            client.notes = "after 0009"
        with db.read() as s:
            again = s.get_one(Client, client.id)
            assert again.notes == "after 0009"
            assert again.hlc > old_hlc
            assert again.updated_at > old_updated
            assert again.updated_by_device == str(db.device_id)
