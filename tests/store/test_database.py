"""Database API: device, change stamps, tombstones, transactions and constraints."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, StatementError
from store_seed import Seeded

from the5hc_desktop.store.database import Database, HardDeleteForbidden, ReadOnlySession
from the5hc_desktop.store.models import (
    Client,
    CreditLedgerEntry,
    Device,
    Organization,
    Payment,
    SessionPackage,
    StaffAccount,
    TrainingSession,
)
from the5hc_desktop.store.stamping import RAW_WRITE

SeedFn = Callable[[Database], Seeded]


def test_device_created_on_first_open_and_kept(migrated_db_path: Path) -> None:
    with Database.open(migrated_db_path, device_name="front-desk") as db:
        first = db.device_id
        with db.read() as s:
            device = s.get_one(Device, first)
            assert (device.name, device.is_local, device.change_counter) == ("front-desk", True, 0)
    with Database.open(migrated_db_path) as db:
        assert db.device_id == first
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(Device)) == 1


def test_change_stamp_increments_per_write(database: Database, seed: SeedFn) -> None:
    ids = seed(database)
    with database.read() as s:
        stamps = sorted(s.scalars(select(Client.change_stamp).union_all(
            select(SessionPackage.change_stamp), select(TrainingSession.change_stamp)
        )))
        client = s.get_one(Client, ids.client_id)
        before = (client.change_stamp, client.updated_at, client.created_at)
        counter = s.get_one(Device, database.device_id).change_counter
    assert counter == 5  # organization, staff, client, package, session
    assert len(set(stamps)) == len(stamps)
    assert client.updated_by_device == str(database.device_id)

    with database.write() as s:
        s.get_one(Client, ids.client_id).notes = "무릎 통증 이력"
    with database.read() as s:
        client = s.get_one(Client, ids.client_id)
        assert client.change_stamp == counter + 1 > before[0]
        assert client.updated_at > before[1]
        assert client.created_at == before[2]
        assert s.get_one(Device, database.device_id).change_counter == counter + 1

    with database.write() as s:  # loading without changing stamps nothing
        s.get_one(Client, ids.client_id)
    with database.read() as s:
        assert s.get_one(Device, database.device_id).change_counter == counter + 1


def test_write_without_stamping_keeps_given_sync_columns(database: Database, seed: SeedFn) -> None:
    ids = seed(database)
    remote = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    with database.write(stamp=False) as s:
        client = s.get_one(Client, ids.client_id)
        client.notes = "from another device"
        client.updated_at, client.updated_by_device, client.change_stamp = remote, "other", 77
    with database.read() as s:
        client = s.get_one(Client, ids.client_id)
        assert (client.updated_at, client.updated_by_device, client.change_stamp) == (
            remote, "other", 77,
        )


def test_tombstoned_rows_stay(database: Database, seed: SeedFn) -> None:
    ids = seed(database)
    with database.write() as s:
        s.get_one(Client, ids.client_id).soft_delete()
    with database.read() as s:
        client = s.get_one(Client, ids.client_id)
        assert client.is_deleted
        assert client.deleted_at is not None
        assert client.deleted_at.tzinfo is UTC
        live = s.scalars(select(Client).where(Client.deleted_at.is_(None))).all()
        assert live == []
    with pytest.raises(HardDeleteForbidden), database.write() as s:
        s.delete(s.get_one(Client, ids.client_id))
    with database.read() as s:
        assert s.get(Client, ids.client_id) is not None


def test_write_rolls_back_on_error(database: Database, seed: SeedFn) -> None:
    ids = seed(database)

    def fail_half_way() -> None:
        with database.write() as s:
            s.get_one(Client, ids.client_id).notes = "never saved"
            s.flush()
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        fail_half_way()
    with database.read() as s:
        assert s.get_one(Client, ids.client_id).notes is None
        assert s.get_one(Device, database.device_id).change_counter == 5


def test_read_session_refuses_writes(database: Database, seed: SeedFn) -> None:
    ids = seed(database)

    def write_in_read() -> None:
        with database.read() as s:
            s.get_one(Client, ids.client_id).notes = "x"
            s.flush()

    with pytest.raises(ReadOnlySession):
        write_in_read()


def test_write_takes_the_lock_at_begin(database: Database, seed: SeedFn) -> None:
    seed(database)
    assert database.path is not None
    other = sqlite3.connect(database.path, timeout=0, isolation_level=None)
    try:
        with database.write() as s:
            s.execute(text("SELECT 1"))  # only reads so far, yet BEGIN IMMEDIATE holds the lock
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_datetimes_are_utc_aware_and_naive_is_refused(database: Database, seed: SeedFn) -> None:
    ids = seed(database)
    seoul = timezone(timedelta(hours=9))
    with database.write() as s:
        session = s.get_one(TrainingSession, ids.session_id)
        session.starts_at = datetime(2025, 3, 4, 19, tzinfo=seoul)
    with database.read() as s:
        starts = s.get_one(TrainingSession, ids.session_id).starts_at
        assert starts == datetime(2025, 3, 4, 10, tzinfo=UTC)
        assert starts.tzinfo is UTC
        # Range queries compare in UTC, whatever zone the bound value carries.
        day = s.scalars(
            select(TrainingSession.id).where(
                TrainingSession.starts_at >= datetime(2025, 3, 4, tzinfo=seoul),
                TrainingSession.starts_at < datetime(2025, 3, 5, tzinfo=seoul),
            )
        ).all()
        assert day == [ids.session_id]

    def store_naive() -> None:
        with database.write() as s:
            s.get_one(TrainingSession, ids.session_id).starts_at = datetime(2025, 3, 4, 19)

    with pytest.raises(StatementError, match="naive"):
        store_naive()


def test_rates_round_trip_as_decimal(database: Database, seed: SeedFn) -> None:
    ids = seed(database)
    with database.read() as s:
        package = s.get_one(SessionPackage, ids.package_id)
        assert package.vat_rate == Decimal("0.1000")
        assert package.card_fee_rate == Decimal("0.0350")
        assert isinstance(package.card_fee_rate, Decimal)


def _ledger(
    ids: Seeded, kind: str, delta: int, cycle: int = 0, session: bool = True
) -> CreditLedgerEntry:
    return CreditLedgerEntry(
        package_id=ids.package_id, client_id=ids.client_id,
        session_id=ids.session_id if session else None, kind=kind, delta=delta, cycle=cycle,
    )


def test_ledger_counts_a_completion_once_per_cycle(database: Database, seed: SeedFn) -> None:
    ids = seed(database)
    with database.write() as s:
        s.add(_ledger(ids, "purchase", 10, session=False))
        s.add(_ledger(ids, "adjustment", 1, session=False))  # NULL session: no collision
        s.add(_ledger(ids, "complete", -1, cycle=0))
    with database.write() as s:
        s.add(_ledger(ids, "undo_complete", +1, cycle=0))
    with database.write() as s:
        s.add(_ledger(ids, "complete", -1, cycle=1))
    with pytest.raises(IntegrityError), database.write() as s:
        s.add(_ledger(ids, "complete", -1, cycle=1))  # the same completion recorded twice
    with database.read() as s:
        balance = s.scalar(
            select(func.sum(CreditLedgerEntry.delta)).where(
                CreditLedgerEntry.package_id == ids.package_id
            )
        )
        assert balance == 10


def test_session_kinds_need_a_session(database: Database, seed: SeedFn) -> None:
    ids = seed(database)
    with pytest.raises(IntegrityError, match="session_kind_has_session"), database.write() as s:
        s.add(_ledger(ids, "complete", -1, session=False))


def test_payment_parts_must_add_up(database: Database, seed: SeedFn) -> None:
    ids = seed(database)
    common = dict(
        client_id=ids.client_id, package_id=ids.package_id, staff_id=ids.staff_id,
        paid_on=date(2025, 3, 4), method="card", vat_rate=Decimal("0.1"),
        card_fee_rate=Decimal("0.035"),
    )
    with database.write() as s:
        s.add(Payment(**common, gross=100_000, vat=9_091, card_fee=3_182, net=87_727))
    with pytest.raises(IntegrityError, match="parts_add_up"), database.write() as s:
        s.add(Payment(**common, gross=100_000, vat=9_091, card_fee=3_182, net=87_000))


def test_duration_is_checked(database: Database, seed: SeedFn) -> None:
    ids = seed(database)
    with pytest.raises(IntegrityError, match="duration_min"), database.write() as s:
        s.get_one(TrainingSession, ids.session_id).duration_min = 10


def test_legacy_id_unique_when_present(database: Database, seed: SeedFn) -> None:
    seed(database)
    with database.write() as s:
        s.add_all([Client(name=f"회원{i}", gender="female") for i in range(2)])  # NULL twice
        s.add(Client(name="가", gender="female", legacy_id=7))
    with pytest.raises(IntegrityError), database.write() as s:
        s.add(Client(name="나", gender="female", legacy_id=7))


def test_foreign_keys_are_enforced(database: Database) -> None:
    with pytest.raises(IntegrityError), database.write() as s:
        s.add(Client(name="고아", gender="male", trainer_id=uuid.uuid4()))


def test_ids_are_uuid7_and_assigned_at_construction() -> None:
    first, second = Client(name="a", gender="male"), Client(name="b", gender="male")
    assert first.id.version == 7
    assert first.id < second.id
    given = uuid.uuid4()
    assert Client(id=given, name="c", gender="male").id == given


def test_vacuum_gives_back_free_pages_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "gym.sqlite3"
    with Database.open(path) as db:
        with db.write() as s:
            org = Organization(name="Gym")
            s.add(org)
            s.flush()
            staff = StaffAccount(organization_id=org.id, username="t", password_hash="x")
            s.add(staff)
            s.flush()
            for n in range(2000):
                s.add(Client(name=f"회원{n}", gender="female", notes="메모" * 40,
                             trainer_id=staff.id))
        with db.write(stamp=False) as s:  # free pages: a raw delete, as only tests may
            s.execute(text("DELETE FROM clients WHERE rowid % 2 = 0"),
                      execution_options={RAW_WRITE: True})
        before = path.stat().st_size
        db.vacuum()
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(Client)) == 1000
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA freelist_count").fetchone() == (0,)
    finally:
        conn.close()
    assert path.stat().st_size < before
