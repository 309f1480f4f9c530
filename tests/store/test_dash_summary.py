"""Dashboard summaries (migration 0010): the triggers keep each total equal to counting the
base table, for ORM writes, Core updates, hard deletes and rows applied by sync."""

from __future__ import annotations

import random
import sqlite3
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import delete, inspect, select, update
from store_seed import Seeded, seed_basics

from the5hc_desktop.domain.choices import SESSION_STATUSES
from the5hc_desktop.store import migrate
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.engine import create_sqlite_engine, write_engine
from the5hc_desktop.store.models import (
    NO_EXPIRY,
    SUMMARY_TABLES,
    CreditLedgerEntry,
    PackageBalance,
    PackageExpiryCount,
    SessionHourCount,
    SessionPackage,
    TrainingSession,
)
from the5hc_desktop.store.schema_check import schema_differences
from the5hc_desktop.store.stamping import RAW_WRITE, SYNCED_TABLES
from the5hc_desktop.sync.local import CODECS, LocalReplica

TRIGGERS = {
    "sessions": {"dash_session_hours_insert", "dash_session_hours_update",
                 "dash_session_hours_delete"},
    "credit_ledger": {"dash_package_balances_insert", "dash_package_balances_update",
                      "dash_package_balances_delete"},
    "session_packages": {"dash_package_expiry_insert", "dash_package_expiry_update",
                         "dash_package_expiry_delete"},
}
START = datetime(2025, 3, 1, tzinfo=UTC)


# --- the truth, counted in Python from the base tables ----------------------------------------


def expected(db: Database) -> dict[str, Counter[Any]]:
    hours: Counter[Any] = Counter()
    balances: Counter[Any] = Counter()
    expiry: Counter[Any] = Counter()
    with db.read() as s:
        for starts, status in s.execute(select(TrainingSession.starts_at, TrainingSession.status)
                                        .where(TrainingSession.deleted_at.is_(None))):
            hours[(starts.replace(minute=0, second=0, microsecond=0), status)] += 1
        for package_id, delta in s.execute(select(CreditLedgerEntry.package_id,
                                                  CreditLedgerEntry.delta)
                                           .where(CreditLedgerEntry.deleted_at.is_(None))):
            balances[(package_id, "remaining")] += delta
            balances[(package_id, "entries")] += 1
        for (expires_on,) in s.execute(select(SessionPackage.expires_on).where(
                SessionPackage.deleted_at.is_(None), SessionPackage.active.is_(True))):
            expiry[expires_on or NO_EXPIRY] += 1
    return {"hours": +hours, "balances": _nonzero(balances), "expiry": +expiry}


def stored(db: Database) -> dict[str, Counter[Any]]:
    with db.read() as s:
        hours = Counter({(h, st): n for h, st, n in s.execute(
            select(SessionHourCount.hour, SessionHourCount.status, SessionHourCount.total))})
        balances: Counter[Any] = Counter()
        for package_id, remaining, entries in s.execute(
                select(PackageBalance.package_id, PackageBalance.remaining,
                       PackageBalance.entries)):
            balances[(package_id, "remaining")] = remaining
            balances[(package_id, "entries")] = entries
        expiry = Counter(dict(s.execute(select(PackageExpiryCount.expires_on,
                                               PackageExpiryCount.total)).all()))
    # Zero totals may stay behind; negative ones never may.
    assert all(n >= 0 for n in hours.values())
    assert all(n >= 0 for n in expiry.values())
    assert all(n >= 0 for (_, kind), n in balances.items() if kind == "entries")
    return {"hours": +hours, "balances": _nonzero(balances), "expiry": +expiry}


def _nonzero(counter: Counter[Any]) -> Counter[Any]:
    return Counter({k: v for k, v in counter.items() if v != 0})


def assert_exact(db: Database) -> None:
    assert stored(db) == expected(db)


# --- random writes ------------------------------------------------------------------------------


class Writer:
    """Random writes of the three base tables through every path the app has."""

    def __init__(self, db: Database, ids: Seeded, rng: random.Random, sync: bool) -> None:
        self.db, self.ids, self.rng, self.sync = db, ids, rng, sync
        self.packages = [ids.package_id]
        self.sessions = [ids.session_id]
        self.entries: list[uuid.UUID] = []
        self.replica = LocalReplica(db) if sync else None
        self.cursor = 0

    def close(self) -> None:
        if self.replica is not None:
            self.replica.close()

    def instant(self) -> datetime:
        # Minutes and seconds too: rows land anywhere inside their hour.
        return START + timedelta(minutes=self.rng.randrange(0, 60 * 24 * 20),
                                 seconds=self.rng.randrange(60))

    def expiry(self) -> date | None:
        return None if self.rng.random() < 0.4 else date(2025, 3, 1) + timedelta(
            days=self.rng.randrange(60))

    def step(self) -> None:
        kinds = [self.add_package, self.add_session, self.add_entry, self.change_session,
                 self.change_package, self.change_entry, self.core_update, self.tombstone]
        if self.sync:
            kinds += [self.sync_apply, self.sync_apply, self.hard_delete]
        self.rng.choice(kinds)()

    def add_package(self) -> None:
        with self.db.write() as s:
            package = SessionPackage(
                client_id=self.ids.client_id, trainer_id=self.ids.staff_id, name="P",
                gross=100_000, session_price=10_000, sessions_bought=10,
                vat_rate=Decimal("0.10"), card_fee_rate=Decimal("0.035"),
                expires_on=self.expiry(), active=self.rng.random() < 0.8)
            s.add(package)
            self.packages.append(package.id)

    def add_session(self) -> None:
        with self.db.write() as s:
            row = TrainingSession(
                client_id=self.ids.client_id, package_id=self.rng.choice(self.packages),
                trainer_id=self.ids.staff_id, starts_at=self.instant(),
                status=self.rng.choice(SESSION_STATUSES))
            s.add(row)
            self.sessions.append(row.id)

    def add_entry(self) -> None:
        with self.db.write() as s:
            row = CreditLedgerEntry(package_id=self.rng.choice(self.packages),
                                    client_id=self.ids.client_id, kind="adjustment",
                                    delta=self.rng.randint(-3, 10))
            s.add(row)
            self.entries.append(row.id)

    def change_session(self) -> None:
        with self.db.write() as s:
            row = s.get_one(TrainingSession, self.rng.choice(self.sessions))
            if self.rng.random() < 0.5:
                row.status = self.rng.choice(SESSION_STATUSES)
            else:
                row.starts_at = self.instant()

    def change_package(self) -> None:
        with self.db.write() as s:
            row = s.get_one(SessionPackage, self.rng.choice(self.packages))
            if self.rng.random() < 0.5:
                row.active = not row.active
            else:
                row.expires_on = self.expiry()

    def change_entry(self) -> None:
        if not self.entries:
            return
        with self.db.write() as s:
            row = s.get_one(CreditLedgerEntry, self.rng.choice(self.entries))
            if self.rng.random() < 0.5:
                row.delta = self.rng.randint(-3, 10)
            else:
                row.package_id = self.rng.choice(self.packages)

    def core_update(self) -> None:
        """A Core update of several rows at once (setting the stamp, as the guard asks)."""
        with self.db.write() as s:
            status = self.rng.choice(SESSION_STATUSES)
            s.execute(update(TrainingSession)
                      .where(TrainingSession.id.in_(self.rng.sample(
                          self.sessions, min(3, len(self.sessions)))))
                      .values(status=status, change_stamp=TrainingSession.change_stamp,
                              hlc=TrainingSession.hlc))

    def tombstone(self) -> None:
        model: Any = self.rng.choice([TrainingSession, SessionPackage, CreditLedgerEntry])
        ids = {TrainingSession: self.sessions, SessionPackage: self.packages,
               CreditLedgerEntry: self.entries}[model]
        if not ids:
            return
        with self.db.write() as s:
            row = s.get_one(model, self.rng.choice(ids))
            row.deleted_at = None if row.deleted_at is not None else datetime.now(UTC)

    def hard_delete(self) -> None:
        """Maintenance purging a tombstone (the only hard delete)."""
        if len(self.sessions) < 3:
            return
        victim = self.sessions.pop(self.rng.randrange(len(self.sessions)))
        with self.db.write() as s:
            s.execute(delete(TrainingSession).where(TrainingSession.id == victim),
                      execution_options={RAW_WRITE: True})

    def sync_apply(self) -> None:
        """A pulled page: a changed version of a known row or a row new here (raw upsert)."""
        assert self.replica is not None
        model: Any = self.rng.choice([TrainingSession, SessionPackage, CreditLedgerEntry])
        table = model.__table__
        with self.db.read() as s:
            row = dict(s.execute(select(table).order_by(table.c.id)
                                 .limit(1).offset(self.rng.randrange(
                                     len(self.ids_of(model))))).one()._mapping)
        if self.rng.random() < 0.4:  # a row made on another desk
            row["id"] = uuid.uuid4()
            row["legacy_id"] = None
            self.ids_of(model).append(row["id"])
        if model is TrainingSession:
            row.update(starts_at=self.instant(), status=self.rng.choice(SESSION_STATUSES))
        elif model is SessionPackage:
            row.update(active=self.rng.random() < 0.7, expires_on=self.expiry())
        else:
            row.update(delta=self.rng.randint(-3, 10), package_id=self.rng.choice(self.packages),
                       session_id=None, kind="adjustment")
        row["deleted_at"] = datetime.now(UTC) if self.rng.random() < 0.2 else None
        row["hlc"] = "9" * 20 + f"{self.cursor:08d}"  # newer than any local version
        self.cursor += 1
        codec = CODECS[table.name]
        self.replica.apply_page([{"entity": table.name, "id": str(row["id"]),
                                  "hlc": row["hlc"], "data": codec.encode(row)}], self.cursor)

    def ids_of(self, model: Any) -> list[uuid.UUID]:
        return {TrainingSession: self.sessions, SessionPackage: self.packages,
                CreditLedgerEntry: self.entries}[model]


# --- tests --------------------------------------------------------------------------------------


def test_triggers_exist_at_head(database: Database) -> None:
    with database.engine.connect() as conn:
        for table, names in TRIGGERS.items():
            found = set(conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                (table,)).scalars())
            assert names <= found, table


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_keep_every_total_exact(database: Database, seed: int) -> None:
    ids = seed_basics(database)
    with database.write() as s:  # a ledger entry so the first sync page has one to copy
        entry = CreditLedgerEntry(package_id=ids.package_id, client_id=ids.client_id,
                                  kind="purchase", delta=10)
        s.add(entry)
    writer = Writer(database, ids, random.Random(seed), sync=True)
    writer.entries.append(entry.id)
    try:
        assert_exact(database)
        for turn in range(160):
            writer.step()
            if turn % 20 == 19:
                assert_exact(database)
        assert_exact(database)
    finally:
        writer.close()


def test_hours_are_utc_instants(database: Database) -> None:
    """The trigger's hour text reads back as the UTCDateTime the services compare with."""
    ids = seed_basics(database)
    with database.read() as s:
        hours = s.execute(select(SessionHourCount.hour, SessionHourCount.total)).all()
    assert hours == [(datetime(2025, 3, 4, 1, tzinfo=UTC), 1)]
    with database.write() as s:
        s.get_one(TrainingSession, ids.session_id).starts_at = datetime(
            2025, 3, 4, 1, 59, 59, 999_999, tzinfo=UTC)
    assert_exact(database)


@pytest.mark.postgres
def test_postgres_triggers_keep_totals_exact(pg_url: str) -> None:
    with Database.open(pg_url) as db:
        ids = seed_basics(db)
        writer = Writer(db, ids, random.Random(7), sync=False)
        for _ in range(80):
            writer.step()
        assert_exact(db)
        with db.write() as s:  # maintenance purge: the delete triggers
            s.execute(delete(TrainingSession).where(TrainingSession.id == ids.session_id),
                      execution_options={RAW_WRITE: True})
        assert_exact(db)


def test_the_schema_check_knows_the_summaries(migrated_db_path: Path) -> None:
    conn = sqlite3.connect(migrated_db_path)
    try:
        assert schema_differences(conn, migrate.HEAD_REVISION) == []
        conn.execute("DROP TRIGGER dash_session_hours_update")
        conn.execute("CREATE TRIGGER dash_x AFTER INSERT ON dash_package_expiry "
                     "BEGIN SELECT 1; END")
        assert schema_differences(conn, migrate.HEAD_REVISION) == [
            "extra trigger dash_x", "missing trigger dash_session_hours_update"]
    finally:
        conn.close()


def test_sync_never_sends_the_summaries() -> None:
    assert not set(SUMMARY_TABLES) & set(CODECS)
    assert not set(SUMMARY_TABLES) & SYNCED_TABLES


def test_upgrade_fills_the_summaries_from_the_rows_already_there(
        migrated_db_path: Path) -> None:
    with Database.open(migrated_db_path) as db:
        writer = Writer(db, seed_basics(db), random.Random(11), sync=False)
        for _ in range(120):
            writer.step()
        expected_totals = expected(db)
    engine = create_sqlite_engine(migrated_db_path, foreign_keys=False)
    try:
        with write_engine(engine).begin() as conn:
            config = migrate.make_config()
            config.attributes["connection"] = conn
            # Back to before the summaries' revision, wherever the chain puts it.
            summaries = next(r for r in migrate.script_directory().walk_revisions()
                             if (r.path or "").endswith("_dash_summary.py"))
            command.downgrade(config, str(summaries.down_revision))
            assert not set(SUMMARY_TABLES) & set(inspect(conn).get_table_names())
            migrate.upgrade(conn)
    finally:
        engine.dispose()
    with Database.open(migrated_db_path) as db:
        assert stored(db) == expected_totals
        assert_exact(db)
