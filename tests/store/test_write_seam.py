"""The one write seam: every stamped row gets a change stamp and a clock value, sessions
count status transitions, and Core statements cannot skip the stamping or hard-delete."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import delete, select, update
from store_seed import Seeded

from the5hc_desktop.store.bulk import BulkWriter, IdMaker, db_time
from the5hc_desktop.store.clock import parse_hlc
from the5hc_desktop.store.database import Database, HardDeleteForbidden, UnstampedWrite
from the5hc_desktop.store.engine import write_engine
from the5hc_desktop.store.models import (
    SETTINGS_NAMESPACE,
    Client,
    SessionPackage,
    Setting,
    TrainingSession,
)
from the5hc_desktop.store.stamping import RAW_WRITE

SeedFn = Callable[[Database], Seeded]


def _client(db: Database, client_id: uuid.UUID) -> Client:
    with db.read() as s:
        return s.get_one(Client, client_id)


def test_every_stamped_row_gets_a_new_clock_value(database: Database, seed: SeedFn) -> None:
    ids = seed(database)
    with database.read() as s:
        seeded = s.scalars(select(Client.hlc).union_all(
            select(TrainingSession.hlc))).all()
    assert len(set(seeded)) == len(seeded) == 2
    before = _client(database, ids.client_id)
    with database.write() as s:
        s.get_one(Client, ids.client_id).notes = "메모"
    after = _client(database, ids.client_id)
    assert after.hlc > before.hlc
    assert after.hlc > max(seeded)
    assert parse_hlc(after.hlc)[2] == database.device_id.int & 0xFFFF_FFFF_FFFF


def test_bulk_rows_take_stamps_and_clock_values_from_the_same_seam(
    database: Database, seed: SeedFn
) -> None:
    ids = seed(database)
    orm_hlc = _client(database, ids.client_id).hlc
    new_ids = IdMaker().take(3)
    with database.write() as s:
        writer = BulkWriter(s.connection(), database.device_id, database.clock,
                            datetime.now(UTC))
        writer.insert(Client, ("id", "created_at", "name", "name_initials", "gender", "active"),
                      [(i, db_time(datetime.now(UTC)), "박지성", "ㅂㅈㅅ", "male", 1)
                       for i in new_ids])
    with database.write() as s:
        s.get_one(Client, ids.client_id).notes = "after bulk"
    with database.read() as s:
        rows = s.execute(select(Client.change_stamp, Client.hlc).order_by(
            Client.change_stamp)).all()
    stamps = [r.change_stamp for r in rows]
    clocks = [r.hlc for r in rows]
    assert stamps == sorted(set(stamps))
    assert clocks == sorted(set(clocks)), "clock order follows stamp order"
    assert min(clocks) > orm_hlc


def test_status_changes_count_transitions(database: Database, seed: SeedFn) -> None:
    ids = seed(database)

    def status_seq() -> tuple[str, int]:
        with database.read() as s:
            row = s.get_one(TrainingSession, ids.session_id)
            return row.status, row.status_seq

    assert status_seq() == ("scheduled", 0)
    with database.write() as s:
        s.get_one(TrainingSession, ids.session_id).notes = "not a transition"
    assert status_seq() == ("scheduled", 0)
    with database.write() as s:
        s.get_one(TrainingSession, ids.session_id).status = "completed"
    assert status_seq() == ("completed", 1)
    with database.write() as s:
        s.get_one(TrainingSession, ids.session_id).status = "scheduled"
    assert status_seq() == ("scheduled", 2)
    with database.write(stamp=False) as s:  # sync applies the server's version as it is
        row = s.get_one(TrainingSession, ids.session_id)
        row.status, row.status_seq = "cancelled", 7
    assert status_seq() == ("cancelled", 7)


def test_settings_ids_come_from_their_key(database: Database) -> None:
    with database.write() as s:
        s.add(Setting(key="vat_rate", value="0.10"))
    with database.read() as s:
        row = s.scalars(select(Setting).where(Setting.key == "vat_rate")).one()
    assert row.id == uuid.uuid5(SETTINGS_NAMESPACE, "vat_rate")


def test_core_update_that_skips_stamping_is_refused(database: Database, seed: SeedFn) -> None:
    ids = seed(database)
    with pytest.raises(UnstampedWrite), database.write() as s:
        s.execute(update(Client).where(Client.id == ids.client_id).values(notes="x"))
    with pytest.raises(UnstampedWrite), write_engine(database.engine).begin() as conn:
        conn.exec_driver_sql("UPDATE clients SET notes = 'x'")
    assert _client(database, ids.client_id).notes is None


def test_core_delete_of_a_synced_table_is_refused(database: Database, seed: SeedFn) -> None:
    ids = seed(database)
    with pytest.raises(HardDeleteForbidden), database.write() as s:
        s.execute(delete(TrainingSession).where(TrainingSession.id == ids.session_id))
    with pytest.raises(HardDeleteForbidden), database.write(stamp=False) as s:
        s.execute(delete(Client))
    with pytest.raises(HardDeleteForbidden), write_engine(database.engine).begin() as conn:
        conn.exec_driver_sql("  delete from sessions")
    with database.read() as s:
        assert s.get(TrainingSession, ids.session_id) is not None


def test_unstamped_writes_and_maintenance_may_update(database: Database, seed: SeedFn) -> None:
    ids = seed(database)
    with database.write(stamp=False) as s:  # sync: the caller gives the sync columns
        s.execute(update(Client).where(Client.id == ids.client_id).values(notes="pulled"))
    assert _client(database, ids.client_id).notes == "pulled"
    raw = write_engine(database.engine).execution_options(**{RAW_WRITE: True})
    with raw.begin() as conn:  # purging a tombstone every device has pulled
        conn.execute(delete(TrainingSession).where(TrainingSession.id == ids.session_id))
    with database.read() as s:
        assert s.get(TrainingSession, ids.session_id) is None


def _stored(database: Database, table: str, row_id: uuid.UUID) -> dict[str, object]:
    """A row as SQLite holds it (raw values), without the per-write stamp columns."""
    with database.read() as s:
        raw = s.connection().exec_driver_sql(
            f"SELECT * FROM {table} WHERE id = ?", (row_id.bytes,)).mappings().one()
    return {k: v for k, v in raw.items()
            if k not in ("id", "change_stamp", "hlc", "updated_at", "updated_by_device")}


def test_bulk_rows_from_python_values_are_stored_as_the_orm_stores_them(
    database: Database, seed: SeedFn
) -> None:
    ids = seed(database)
    created = datetime(2025, 5, 10, 1, 2, 3, 456789, tzinfo=UTC)
    values = {
        "client_id": ids.client_id, "trainer_id": ids.staff_id, "name": "20회 PT",
        "gross": 1_000_000, "session_price": 50_000, "sessions_bought": 20,
        "vat_rate": Decimal("0.1"), "card_fee_rate": Decimal("0.035"),
        "payment_method": "card", "expires_on": date(2026, 1, 31), "notes": "메모",
        "created_at": created,
    }
    with database.write() as s:
        by_orm = SessionPackage(**values)
        s.add(by_orm)
    bulk_id = uuid.uuid4()
    with database.write() as s:
        writer = BulkWriter(s.connection(), database.device_id, database.clock,
                            datetime.now(UTC))
        assert writer.insert_values(SessionPackage, [{**values, "id": bulk_id}]) == 1
    assert _stored(database, "session_packages", bulk_id) == _stored(
        database, "session_packages", by_orm.id)
    with database.read() as s:
        back = s.get_one(SessionPackage, bulk_id)
        assert (back.vat_rate, back.created_at, back.expires_on, back.active) == (
            Decimal("0.1000"), created, date(2026, 1, 31), True)  # `active` from its default
