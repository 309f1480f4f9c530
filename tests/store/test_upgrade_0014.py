"""0012 -> 0014: vocabulary codes and device numbers. Every row reads back through the models
with the same values, row for row; the stored forms are the small ones; the schema is the
one a new file gets; downgrading gives back the 0012 file row for row."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select
from test_upgrade_0009 import _migrate

from the5hc_desktop.services import passwords
from the5hc_desktop.services.demo import LIGHT, generate_demo
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.engine import create_sqlite_engine
from the5hc_desktop.store.models import Base, CreditLedgerEntry, TrainingSession
from the5hc_desktop.store.schema_check import schema_differences

# Every table of 0012 (the device numbers are new in 0014).
CHECKED_TABLES = sorted(t for t in Base.metadata.tables if t != "device_refs")
DROPPED = {"ix_sessions_live_starts_at", "ix_payments_live_paid_on",
           "ix_assessments_live_assessed_on", "ix_clients_live_created_at",
           "ix_sessions_client_id_starts_at", "ix_sessions_trainer_id_starts_at"}


def _rows(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    rows = {}
    for name in CHECKED_TABLES:
        table = Base.metadata.tables[name]
        rows[name] = sorted((tuple(r) for r in conn.execute(select(table))), key=repr)
    return rows


def _read(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        with engine.connect() as conn:
            return _rows(conn)
    finally:
        engine.dispose()


def _raw(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in CHECKED_TABLES}
    finally:
        conn.close()


def _objects(path: Path, kind: str) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = ?", (kind,))}
    finally:
        conn.close()


@pytest.fixture
def file_at_0013(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(passwords, "_HASHER", passwords.PasswordHasher(
        time_cost=1, memory_cost=8, parallelism=1))
    path = tmp_path / "gym.sqlite3"
    with Database.open(path) as db:
        generate_demo(db, 120, seed=5, profile=LIGHT)
        with db.write() as s:  # a row pulled from another desk keeps its device
            session = s.scalars(select(TrainingSession).limit(1)).one()
            session.notes = "from the front desk"
        with db.write(stamp=False) as s:
            s.get_one(TrainingSession, session.id).updated_by_device = str(uuid.UUID(int=7))
    _migrate(path, "0013", down=True)
    return path


def test_upgrade_keeps_every_value_and_stores_the_small_forms(file_at_0013: Path) -> None:
    raw_0013 = _raw(file_at_0013)
    triggers = _objects(file_at_0013, "trigger")
    before = _read(file_at_0013)  # today's types read the 0012 forms too
    assert sum(len(rows) for rows in before.values()) > 1000
    assert {r[12] for r in before["sessions"]} >= {str(uuid.UUID(int=7))}

    _migrate(file_at_0013, "0014")
    assert _read(file_at_0013) == before

    conn = sqlite3.connect(file_at_0013)
    try:
        kinds = conn.execute("SELECT DISTINCT typeof(status), typeof(updated_by_device)"
                             " FROM sessions").fetchall()
        assert sorted(kinds) == [("integer", "integer")]
        statuses = dict(conn.execute("SELECT status, count(*) FROM sessions GROUP BY 1"))
        assert set(statuses) <= {0, 1, 2, 3}
        assert 1 in statuses
        assert conn.execute("SELECT DISTINCT typeof(kind) FROM credit_ledger").fetchall() == [
            ("integer",)]
        assert conn.execute("SELECT DISTINCT typeof(status) FROM dash_session_hours"
                            ).fetchall() == [("integer",)]
        numbers = conn.execute("SELECT ref, device_id FROM device_refs ORDER BY ref").fetchall()
        local = conn.execute("SELECT id FROM devices WHERE is_local = 1").fetchone()[0]
        assert numbers[0] == (1, local)
        assert (uuid.UUID(int=7).bytes,) in [(d,) for _n, d in numbers]
        assert schema_differences(conn, "0014") == []
    finally:
        conn.close()
    assert _objects(file_at_0013, "trigger") == triggers
    assert not DROPPED & _objects(file_at_0013, "index")

    _migrate(file_at_0013, "0013", down=True)
    assert _raw(file_at_0013) == raw_0013
    assert _objects(file_at_0013, "trigger") == triggers
    assert _objects(file_at_0013, "index") >= DROPPED


def test_an_upgraded_file_takes_writes_in_the_small_forms(file_at_0013: Path) -> None:
    _migrate(file_at_0013, "0014")
    with Database.open(file_at_0013) as db:
        with db.write() as s:
            session = s.scalars(select(TrainingSession).where(
                TrainingSession.status == "scheduled").limit(1)).one()
            session.status = "no_show"
            s.add(CreditLedgerEntry(package_id=session.package_id, client_id=session.client_id,
                                    session_id=session.id, kind="no_show", delta=-1))
        with db.read() as s:
            again = s.get_one(TrainingSession, session.id)
            assert (again.status, again.updated_by_device) == ("no_show", str(db.device_id))
            assert s.scalar(select(CreditLedgerEntry.kind).where(
                CreditLedgerEntry.session_id == session.id)) == "no_show"
    conn = sqlite3.connect(file_at_0013)
    try:
        assert conn.execute("SELECT status, updated_by_device FROM sessions WHERE id = ?",
                            (session.id.bytes,)).fetchone() == (3, 1)
        with pytest.raises(sqlite3.IntegrityError):  # the CHECK lists the codes
            conn.execute("UPDATE sessions SET status = 'no_show' WHERE id = ?",
                         (session.id.bytes,))
    finally:
        conn.close()
