"""The bulk path behind `demo`: ids, stamps and stored forms match what the ORM writes."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from the5hc_desktop.store.bulk import BulkWriter, IdMaker, db_date, db_time
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import Client, Device


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = Database.open(tmp_path / "bulk.sqlite3", device_name="bulk-test")
    try:
        yield db
    finally:
        db.close()


def test_ids_are_time_ordered_uuid7() -> None:
    maker = IdMaker()
    ids = maker.take(10_000) + maker.take(5)
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    for stored in ids[:3] + ids[-3:]:
        value = uuid.UUID(bytes=stored)
        assert value.version == 7
        assert value.variant == uuid.RFC_4122


def test_bulk_row_equals_orm_row(database: Database) -> None:
    created = datetime(2025, 3, 1, 1, 2, 3, 456789, tzinfo=UTC)
    with database.write() as s:
        orm = Client(name="김민수", name_initials="ㄱㅁㅅ", gender="male",
                     birth_date=date(1990, 5, 17), phone="01012345678", phone_last4="5678",
                     active=True, created_at=created)
        s.add(orm)
    bulk_id = IdMaker().one()
    with database.write() as s:
        writer = BulkWriter(s.connection(), database.device_id, database.clock, datetime.now(UTC))
        writer.insert(Client, ("id", "created_at", "name", "name_initials", "gender",
                               "birth_date", "phone", "phone_last4", "active"),
                      [(bulk_id, db_time(created), "김민수", "ㄱㅁㅅ", "male",
                        db_date(date(1990, 5, 17)), "01012345678", "5678", 1)])
    with database.read() as s:
        a = s.get(Client, orm.id)
        b = s.get(Client, uuid.UUID(bytes=bulk_id))
        assert a is not None
        assert b is not None
        for column in ("name", "name_initials", "gender", "birth_date", "phone", "phone_last4",
                       "active", "created_at", "updated_by_device", "deleted_at", "legacy_id"):
            assert getattr(a, column) == getattr(b, column), column
        assert b.change_stamp == a.change_stamp + 1
        counter = s.scalar(select(Device.change_counter).where(Device.id == database.device_id))
        assert counter == b.change_stamp
        raw = s.connection().exec_driver_sql(
            "SELECT typeof(id), length(id), created_at, typeof(updated_at),"
            " typeof(updated_by_device), length(updated_by_device), typeof(hlc), length(hlc)"
            " FROM clients ORDER BY change_stamp"
        ).all()
    assert tuple(raw[0]) == tuple(raw[1]), "stored forms differ (types, lengths, created_at)"
    # The desk's own device is number 1 of the file (store/device_refs.py).
    assert tuple(raw[0])[3:] == ("integer", "integer", 1, "blob", 14)


def test_missing_required_column_is_refused(database: Database) -> None:
    with database.write() as s:
        writer = BulkWriter(s.connection(), database.device_id, database.clock, datetime.now(UTC))
        with pytest.raises(ValueError, match="gender"):
            writer.insert(Client, ("id", "created_at", "name", "name_initials", "active"), [])
        with pytest.raises(ValueError, match="change_stamp"):
            writer.insert(Client, ("id", "created_at", "change_stamp"), [])
