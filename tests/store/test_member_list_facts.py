"""member_list_facts stays exactly what the member list computes from the live rows (newest
assessment, sessions left on usable packages, trainer's name), whoever writes them and
whatever the day."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text, update
from store_seed import seed_basics

from the5hc_desktop.store import member_list_sql
from the5hc_desktop.store.bulk import BulkWriter
from the5hc_desktop.store.codes import LEDGER_KIND
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    Assessment,
    Client,
    CreditLedgerEntry,
    MemberListDay,
    MemberListFacts,
    SessionPackage,
    StaffAccount,
)
from the5hc_desktop.store.stamping import RAW_WRITE

START = datetime(2025, 1, 1, tzinfo=UTC)
FIRST_DAY = date(2025, 3, 1)


def expected(db: Database) -> dict[uuid.UUID, tuple[object, ...]]:
    """Every live member's row, recomputed in Python from all rows on the stored day."""
    with db.read() as s:
        day = s.scalar(select(MemberListDay.day))
        clients = s.scalars(select(Client).where(Client.deleted_at.is_(None))).all()
        # As the list sorts trainers: coalesce(display_name, username).
        staff = {t.id: t.username if t.display_name is None else t.display_name
                 for t in s.scalars(select(StaffAccount))}
        assessments = s.scalars(select(Assessment).where(Assessment.deleted_at.is_(None))).all()
        packages = {k.id: k for k in s.scalars(select(SessionPackage))}
        ledger = s.scalars(select(CreditLedgerEntry)
                           .where(CreditLedgerEntry.deleted_at.is_(None))).all()
    rows = {}
    for c in clients:
        mine = sorted(((a.assessed_on, a.created_at, a.score_overall or -1.0, a)
                       for a in assessments if a.client_id == c.id),
                      key=lambda t: t[:3], reverse=True)
        newest = mine[0][3] if mine else None
        left = sum(
            e.delta for e in ledger
            if (k := packages.get(e.package_id)) is not None and k.client_id == c.id
            and k.deleted_at is None and k.active
            and (k.expires_on is None or (day is not None and k.expires_on >= day)))
        rows[c.id] = (c.name, c.active, staff.get(c.trainer_id) if c.trainer_id else None,
                      newest.assessed_on if newest else None,
                      newest.score_overall if newest else None, left)
    return rows


def stored(db: Database) -> dict[uuid.UUID, tuple[object, ...]]:
    with db.read() as s:
        return {r.client_id: (r.name, r.active, r.trainer_name, r.last_assessed_on,
                              r.last_overall, r.remaining)
                for r in s.scalars(select(MemberListFacts))}


def _assessment(client: uuid.UUID, trainer: uuid.UUID, rng: random.Random) -> Assessment:
    return Assessment(client_id=client, trainer_id=trainer, gender="male",
                      assessed_on=FIRST_DAY + timedelta(days=rng.randrange(6)),
                      score_overall=rng.choice((None, 40.0, 55.5, 70.25)),
                      scoring_version="test")


def _set_day(db: Database, day: date) -> None:
    """What the list does before sorting by sessions left (services/clients.py)."""
    with db.write(stamp=False) as s:
        before = s.scalar(select(MemberListDay.day))
        s.execute(delete(MemberListDay))
        s.add(MemberListDay(day=day))
        s.flush()
        statement, values = member_list_sql.day_step(before, day)
        s.execute(text(statement), values)


@pytest.mark.parametrize("seed", [13, 14, 15])
def test_facts_follow_every_kind_of_write_and_day(database: Database, seed: int) -> None:
    seeded = seed_basics(database)
    rng = random.Random(seed)
    _set_day(database, FIRST_DAY)
    clients = [seeded.client_id]
    with database.write() as s:
        for name in ("이서준", "박지우", "최하준"):
            c = Client(name=name, gender="female", trainer_id=seeded.staff_id)
            s.add(c)
            s.flush()
            clients.append(c.id)
    packages = [seeded.package_id]
    assessments: list[uuid.UUID] = []
    ledger: list[uuid.UUID] = []
    trainer = seeded.staff_id
    trainers = [trainer]
    with database.read() as s:
        organization = s.get(StaffAccount, trainer).organization_id
    actions = ("member", "rename", "activate", "retrainer", "rename_trainer", "hire",
               "tombstone_member", "erase_member",
               "assess", "assess", "redate", "rescore", "drop_assessment", "move_assessment",
               "erase_assessment", "sell", "sell", "package_state", "expiry", "move_package",
               "drop_package", "credit", "credit", "redelta", "move_credit", "move_credit",
               "drop_credit",
               "erase_credit", "upsert_credit", "bulk_assess", "day")
    for round_ in range(300):
        action = rng.choice(actions)
        with database.write() as s:
            if action == "member" or not clients:
                c = Client(name=rng.choice(("김민수", "이서준", "박지우")), gender="female",
                           trainer_id=trainer)
                s.add(c)
                s.flush()
                clients.append(c.id)
            elif action == "rename":
                s.get(Client, rng.choice(clients)).name = rng.choice(("최하준", "정민서"))
            elif action == "retrainer":
                s.get(Client, rng.choice(clients)).trainer_id = rng.choice(
                    [None, *trainers])
            elif action == "rename_trainer":  # staff names feed the trainer sort
                s.get(StaffAccount, rng.choice(trainers)).display_name = rng.choice(
                    ("", "김코치", "이코치"))
            elif action == "hire":  # a trainer row arriving after members that name it
                hired = uuid.uuid4()
                s.execute(text("PRAGMA defer_foreign_keys = ON"))  # checked at commit
                s.execute(update(Client).where(Client.id == rng.choice(clients))
                          .values(trainer_id=hired).execution_options(**{RAW_WRITE: True}))
                s.add(StaffAccount(id=hired, organization_id=organization,
                                   username=f"t{round_}", display_name="박코치",
                                   password_hash="x", role="trainer"))
                s.flush()
                trainers.append(hired)
            elif action == "activate":
                row = s.get(Client, rng.choice(clients))
                row.active = not row.active
            elif action == "tombstone_member":  # a merge's loser, or a delete; or a revival
                row = s.get(Client, rng.choice(clients))
                row.deleted_at = None if row.deleted_at else START
            elif action == "erase_member":  # a pulled tombstone purged: a real DELETE
                gone = rng.choice(clients)
                if not (s.scalar(select(Assessment.id).where(Assessment.client_id == gone))
                        or s.scalar(select(SessionPackage.id)
                                    .where(SessionPackage.client_id == gone))):
                    clients.remove(gone)
                    s.execute(delete(Client).where(Client.id == gone)
                              .execution_options(**{RAW_WRITE: True}))
            elif action == "assess" or not assessments:
                a = _assessment(rng.choice(clients), trainer, rng)
                s.add(a)
                s.flush()
                assessments.append(a.id)
            elif action == "redate":
                s.get(Assessment, rng.choice(assessments)).assessed_on = (
                    FIRST_DAY + timedelta(days=rng.randrange(6)))
            elif action == "rescore":
                s.get(Assessment, rng.choice(assessments)).score_overall = rng.choice(
                    (None, 33.0, 90.0))
            elif action == "drop_assessment":
                row = s.get(Assessment, rng.choice(assessments))
                row.deleted_at = None if row.deleted_at else START
            elif action == "move_assessment":  # merging members re-points their rows
                s.get(Assessment, rng.choice(assessments)).client_id = rng.choice(clients)
            elif action == "erase_assessment":
                gone = assessments.pop(rng.randrange(len(assessments)))
                s.execute(delete(Assessment).where(Assessment.id == gone)
                          .execution_options(**{RAW_WRITE: True}))
            elif action == "sell" or not packages:
                k = SessionPackage(client_id=rng.choice(clients), trainer_id=trainer,
                                   name="패키지", gross=300_000, session_price=30_000,
                                   sessions_bought=10, vat_rate=Decimal("0.1"),
                                   card_fee_rate=Decimal("0.035"),
                                   expires_on=rng.choice((None, FIRST_DAY + timedelta(
                                       days=rng.randrange(-3, 8)))))
                s.add(k)
                s.flush()
                packages.append(k.id)
            elif action == "package_state":
                row = s.get(SessionPackage, rng.choice(packages))
                row.active = not row.active
            elif action == "expiry":
                s.get(SessionPackage, rng.choice(packages)).expires_on = rng.choice(
                    (None, FIRST_DAY + timedelta(days=rng.randrange(-3, 8))))
            elif action == "move_package":
                s.get(SessionPackage, rng.choice(packages)).client_id = rng.choice(clients)
            elif action == "drop_package":
                row = s.get(SessionPackage, rng.choice(packages))
                row.deleted_at = None if row.deleted_at else START
            elif action == "credit" or not ledger:
                package = s.get(SessionPackage, rng.choice(packages))
                e = CreditLedgerEntry(package_id=package.id, client_id=package.client_id,
                                      kind="adjustment", delta=rng.choice((-2, -1, 1, 4, 10)))
                s.add(e)
                s.flush()
                ledger.append(e.id)
            elif action == "redelta":
                s.get(CreditLedgerEntry, rng.choice(ledger)).delta = rng.choice((-1, 3))
            elif action == "move_credit":
                s.get(CreditLedgerEntry, rng.choice(ledger)).package_id = rng.choice(packages)
            elif action == "drop_credit":
                row = s.get(CreditLedgerEntry, rng.choice(ledger))
                row.deleted_at = None if row.deleted_at else START
            elif action == "erase_credit":
                gone = ledger.pop(rng.randrange(len(ledger)))
                s.execute(delete(CreditLedgerEntry).where(CreditLedgerEntry.id == gone)
                          .execution_options(**{RAW_WRITE: True}))
            elif action == "upsert_credit":  # sync applies pulled rows with raw upserts
                entry = rng.choice(ledger) if rng.random() < 0.5 else uuid.uuid4()
                package = s.get(SessionPackage, rng.choice(packages))
                s.execute(text(
                    "INSERT INTO credit_ledger (id, package_id, client_id, kind, delta, cycle,"
                    " created_at, updated_at, updated_by_device, change_stamp, hlc) VALUES"
                    " (:id, :p, :c, :kind, :d, 0, 1, 1, 'x', 1, 'h')"
                    " ON CONFLICT (id) DO UPDATE SET delta = excluded.delta,"
                    " package_id = excluded.package_id"),
                    {"id": entry.bytes, "p": package.id.bytes, "c": package.client_id.bytes,
                     "kind": LEDGER_KIND.stored("adjustment"), "d": rng.choice((-1, 2, 6))})
                if entry not in ledger:
                    ledger.append(entry)
            elif action == "bulk_assess":  # the bulk writer (demo, imports)
                writer = BulkWriter(s.connection(), database.device_id, database.clock,
                                    START)
                new = uuid.uuid4()
                writer.insert_values(Assessment, [{
                    "id": new, "client_id": rng.choice(clients), "trainer_id": trainer,
                    "gender": "male", "assessed_on": FIRST_DAY + timedelta(days=rng.randrange(6)),
                    "score_overall": 61.5, "scoring_version": "test", "created_at": START}])
                assessments.append(new)
        if action == "day":
            _set_day(database, FIRST_DAY + timedelta(days=rng.randrange(-4, 9)))
        assert stored(database) == expected(database), (round_, action)
    # The migration's back-fill builds the same rows from scratch.
    with database.write() as s:
        s.execute(text("DELETE FROM member_list_facts"))
        for statement in member_list_sql.BACKFILL:
            s.execute(text(statement))
    assert stored(database) == expected(database)


def test_triggers_exist_at_head(database: Database) -> None:
    with database.read() as s:
        names = set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
    assert {name for name, _ in member_list_sql.TRIGGERS} <= names


# A later script rebuilding tables the trigger bodies name (Alembic's batch mode on SQLite).
REBUILD = """
for table in ("clients", "session_packages", "credit_ledger"):
    with op.batch_alter_table(table, recreate="always") as batch_op:
        batch_op.add_column(sa.Column("nickname", sa.String(50)))
"""


def test_a_later_table_rebuild_keeps_rows_and_triggers(
    migrated_db_path: Path, scripts_with: Callable[[str, str], Path]
) -> None:
    with Database.open(migrated_db_path) as db:
        seeded = seed_basics(db)
        with db.write() as s:
            s.add(CreditLedgerEntry(package_id=seeded.package_id, client_id=seeded.client_id,
                                    kind="adjustment", delta=10))
    with Database.open(migrated_db_path, script_location=scripts_with("rebuild", REBUILD)) as db:
        assert stored(db) == expected(db)
        assert stored(db)[seeded.client_id][-1] == 10
        with db.write() as s:  # and the triggers follow writes again
            s.add(CreditLedgerEntry(package_id=seeded.package_id, client_id=seeded.client_id,
                                    kind="adjustment", delta=-1))
        assert stored(db)[seeded.client_id][-1] == 9


def test_a_missing_day_is_caught_up(database: Database) -> None:
    """Without a day row, packages with an expiry count nowhere; the step to a day that
    was never set recomputes every member holding one."""
    seeded = seed_basics(database)
    with database.write() as s:
        s.execute(delete(MemberListDay))
        s.get_one(SessionPackage, seeded.package_id).expires_on = FIRST_DAY + timedelta(days=5)
        s.add(CreditLedgerEntry(package_id=seeded.package_id, client_id=seeded.client_id,
                                kind="adjustment", delta=4))
    assert stored(database)[seeded.client_id][-1] == 0
    _set_day(database, FIRST_DAY)
    assert stored(database) == expected(database)
    assert stored(database)[seeded.client_id][-1] == 4
