"""member_activity and package_sales stay exactly what the live rows say, whoever writes them."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import delete, select, text, update
from store_seed import seed_basics

from the5hc_desktop.store import analytics_sql
from the5hc_desktop.store.codes import LEDGER_KIND
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    Client,
    CreditLedgerEntry,
    MemberActivity,
    PackageSale,
    Payment,
    SessionPackage,
    StaffAccount,
    TrainingSession,
)
from the5hc_desktop.store.stamping import RAW_WRITE

STATUSES = ("scheduled", "completed", "no_show", "cancelled")
START = datetime(2025, 1, 1, tzinfo=UTC)


def expected(db: Database) -> dict[uuid.UUID, tuple[object, ...]]:
    """Every member's row, recomputed from all their live sessions and ledger rows."""
    with db.read() as s:
        sessions = s.execute(select(TrainingSession.client_id, TrainingSession.trainer_id,
                                    TrainingSession.starts_at, TrainingSession.status)
                             .where(TrainingSession.deleted_at.is_(None))).all()
        ledger = s.execute(select(CreditLedgerEntry.client_id, CreditLedgerEntry.delta)
                           .where(CreditLedgerEntry.deleted_at.is_(None))).all()
        everyone = {c for (c,) in s.execute(select(TrainingSession.client_id))} | {
            c for (c,) in s.execute(select(CreditLedgerEntry.client_id))}
    rows = {}
    for client in everyone:
        done = sorted((t.starts_at, t.trainer_id.bytes, t.trainer_id) for t in sessions
                       if t.client_id == client and t.status == "completed")
        used = sorted((t.starts_at, t.trainer_id.bytes, t.trainer_id) for t in sessions
                       if t.client_id == client and t.status in ("completed", "no_show"))
        rows[client] = (
            sum(e.delta for e in ledger if e.client_id == client),
            done[0][0] if done else None, done[0][2] if done else None,
            int(done[0][0].timestamp()) if done else None,
            int((done[-1][0] - done[0][0]).total_seconds()) if done else None,
            used[-1][0] if used else None, used[-1][2] if used else None,
        )
    return rows


NOTHING = (0, None, None, None, None, None, None)  # a member without a row reads as this


def stored(db: Database) -> dict[uuid.UUID, tuple[object, ...]]:
    with db.read() as s:
        return {r.client_id: (r.balance, r.first_done_at, r.first_done_trainer, r.first_done_s,
                              r.done_span_s, r.last_used_at, r.last_used_trainer)
                for r in s.scalars(select(MemberActivity))}


def same(db: Database) -> bool:
    def known(rows: dict[uuid.UUID, tuple[object, ...]]) -> dict[uuid.UUID, tuple[object, ...]]:
        return {c: row for c, row in rows.items() if row != NOTHING}

    return known(stored(db)) == known(expected(db))


def test_member_activity_follows_every_kind_of_write(database: Database) -> None:
    seeded = seed_basics(database)
    rng = random.Random(9)
    with database.write() as s:
        other = StaffAccount(organization_id=s.get(StaffAccount, seeded.staff_id).organization_id,
                             username="trainer", password_hash="x", role="trainer")
        s.add(other)
        s.flush()
        trainers = [seeded.staff_id, other.id]
        clients = [seeded.client_id]
        for i in range(4):
            c = Client(name=f"회원{i}", gender="female", trainer_id=seeded.staff_id)
            s.add(c)
            s.flush()
            clients.append(c.id)
        packages = {}
        for c in clients:
            p = SessionPackage(client_id=c, trainer_id=rng.choice(trainers), name="패키지",
                               gross=300_000, session_price=30_000, sessions_bought=10,
                               vat_rate=Decimal("0.1"), card_fee_rate=Decimal("0.035"))
            s.add(p)
            s.flush()
            packages[c] = p.id
    session_ids: list[uuid.UUID] = []
    ledger_ids: list[uuid.UUID] = []
    for round_ in range(60):
        with database.write() as s:
            action = rng.choice(("book", "book", "credit", "status", "move", "tombstone",
                                 "revive", "erase", "credit_gone", "time"))
            if action == "book" or not session_ids:
                c = rng.choice(clients)
                t = TrainingSession(client_id=c, package_id=packages[c],
                                    trainer_id=rng.choice(trainers), status=rng.choice(STATUSES),
                                    # Hours apart, and now and then the same start twice.
                                    starts_at=START + timedelta(hours=rng.randrange(40)))
                s.add(t)
                s.flush()
                session_ids.append(t.id)
            elif action == "credit" or not ledger_ids:
                c = rng.choice(clients)
                e = CreditLedgerEntry(package_id=packages[c], client_id=c,
                                      kind=rng.choice(("purchase", "adjustment")),
                                      delta=rng.choice((-3, -1, 1, 5)))
                s.add(e)
                s.flush()
                ledger_ids.append(e.id)
            elif action == "status":
                s.get(TrainingSession, rng.choice(session_ids)).status = rng.choice(STATUSES)
            elif action == "time":
                row = s.get(TrainingSession, rng.choice(session_ids))
                row.starts_at = START + timedelta(hours=rng.randrange(40))
                row.trainer_id = rng.choice(trainers)
            elif action == "move":
                row = s.get(TrainingSession, rng.choice(session_ids))
                row.client_id = rng.choice(clients)
            elif action == "tombstone":
                s.get(TrainingSession, rng.choice(session_ids)).deleted_at = START
            elif action == "revive":
                s.get(TrainingSession, rng.choice(session_ids)).deleted_at = None
            elif action == "erase":  # purging a pulled tombstone: a real DELETE
                gone = session_ids.pop(rng.randrange(len(session_ids)))
                s.execute(delete(TrainingSession).where(TrainingSession.id == gone)
                          .execution_options(**{RAW_WRITE: True}))
            else:
                row = s.get(CreditLedgerEntry, rng.choice(ledger_ids))
                row.deleted_at = None if row.deleted_at else START
        assert same(database), (round_, action)
    # The migration's backfill builds the same rows from scratch.
    with database.write() as s:
        s.execute(text("DELETE FROM member_activity").execution_options(**{RAW_WRITE: True}))
        s.execute(text(analytics_sql.backfill()))
    assert same(database)


def test_rows_written_without_the_orm_are_counted_too(database: Database) -> None:
    """Sync applies pulled rows with plain SQL; the triggers see those as well."""
    seeded = seed_basics(database)
    with database.write(stamp=False) as s:
        s.execute(update(TrainingSession).where(TrainingSession.id == seeded.session_id)
                  .values(status="completed"))
        s.execute(text("INSERT INTO credit_ledger (id, package_id, client_id, session_id, kind,"
                       " delta, cycle, created_at, updated_at, updated_by_device, change_stamp,"
                       " hlc) VALUES (:id, :p, :c, :s, :kind, -1, 0, '2025-03-04',"
                       " '2025-03-04', 'x', 1, 'h')"),
                  {"id": uuid.uuid4().bytes, "p": seeded.package_id.bytes,
                   "c": seeded.client_id.bytes, "s": seeded.session_id.bytes,
                   "kind": LEDGER_KIND.stored("complete")})  # as the store keeps it
    assert same(database)
    assert stored(database)[seeded.client_id][0] == -1
    # Sync's upsert (INSERT … ON CONFLICT DO UPDATE) of a new and of a known ledger row, for
    # a member who already has a row here.
    upsert = text("INSERT INTO credit_ledger (id, package_id, client_id, kind, delta, cycle,"
                  " created_at, updated_at, updated_by_device, change_stamp, hlc) VALUES"
                  " (:id, :p, :c, :kind, :d, 0, '2025-03-04', '2025-03-04', 'x', 2, 'h')"
                  " ON CONFLICT (id) DO UPDATE SET delta = excluded.delta")
    entry = uuid.uuid4().bytes
    for delta in (5, 7):
        with database.write(stamp=False) as s:
            s.execute(upsert, {"id": entry, "p": seeded.package_id.bytes,
                               "c": seeded.client_id.bytes, "d": delta,
                               "kind": LEDGER_KIND.stored("adjustment")})
        assert same(database)
    assert stored(database)[seeded.client_id][0] == 6


def expected_sales(db: Database) -> dict[uuid.UUID, tuple[object, ...]]:
    with db.read() as s:
        packages = s.scalars(select(SessionPackage)).all()
        payments = s.execute(select(Payment.package_id, Payment.paid_on)
                             .where(Payment.deleted_at.is_(None),
                                    Payment.reverses_payment_id.is_(None))).all()
        return {k.id: (k.trainer_id, k.gross, k.deleted_at is None,
                       min((p.paid_on for p in payments if p.package_id == k.id), default=None))
                for k in packages}


def stored_sales(db: Database) -> dict[uuid.UUID, tuple[object, ...]]:
    with db.read() as s:
        return {r.package_id: (r.trainer_id, r.gross, r.live, r.first_paid_on)
                for r in s.scalars(select(PackageSale))}


def test_package_sales_follow_packages_and_payments(database: Database) -> None:
    seeded = seed_basics(database)
    rng = random.Random(4)
    with database.write() as s:
        other = StaffAccount(organization_id=s.get(StaffAccount, seeded.staff_id).organization_id,
                             username="trainer", password_hash="x", role="trainer")
        s.add(other)
    trainers = [seeded.staff_id, other.id]
    packages = [seeded.package_id]
    payments: list[uuid.UUID] = []
    for round_ in range(60):
        with database.write() as s:
            action = rng.choice(("sell", "pay", "pay", "refund", "redate", "tombstone",
                                 "retrainer", "drop_package", "erase"))
            if action == "sell":
                k = SessionPackage(client_id=seeded.client_id, trainer_id=rng.choice(trainers),
                                   name="패키지", gross=rng.choice((300_000, 500_000)),
                                   session_price=50_000, sessions_bought=6,
                                   vat_rate=Decimal("0.1"), card_fee_rate=Decimal("0.035"))
                s.add(k)
                s.flush()
                packages.append(k.id)
            elif action in ("pay", "refund") or not payments:
                first = None if action == "pay" or not payments else rng.choice(payments)
                amount = 110_000 if first is None else -110_000
                p = Payment(client_id=seeded.client_id, package_id=rng.choice(packages),
                            staff_id=seeded.staff_id, method="card", gross=amount,
                            vat=amount // 11, card_fee=0, net=amount - amount // 11,
                            vat_rate=Decimal("0.1"), card_fee_rate=Decimal("0"),
                            paid_on=date(2025, 1, 1) + timedelta(days=rng.randrange(20)),
                            reverses_payment_id=first)
                s.add(p)
                s.flush()
                payments.append(p.id)
            elif action == "redate":
                row = s.get(Payment, rng.choice(payments))
                row.paid_on = date(2025, 1, 1) + timedelta(days=rng.randrange(20))
            elif action == "tombstone":
                row = s.get(Payment, rng.choice(payments))
                row.deleted_at = None if row.deleted_at else START
            elif action == "retrainer":
                row = s.get(SessionPackage, rng.choice(packages))
                row.trainer_id = rng.choice(trainers)
                row.gross += 10_000
            elif action == "drop_package":
                row = s.get(SessionPackage, rng.choice(packages))
                row.deleted_at = None if row.deleted_at else START
            else:
                gone = payments.pop(rng.randrange(len(payments)))
                s.execute(update(Payment).where(Payment.reverses_payment_id == gone)
                          .values(reverses_payment_id=None)
                          .execution_options(**{RAW_WRITE: True}))
                s.execute(delete(Payment).where(Payment.id == gone)
                          .execution_options(**{RAW_WRITE: True}))
        assert stored_sales(database) == expected_sales(database), (round_, action)
    with database.write() as s:
        s.execute(text("DELETE FROM package_sales").execution_options(**{RAW_WRITE: True}))
        s.execute(text(analytics_sql.PACKAGES_BACKFILL))
    assert stored_sales(database) == expected_sales(database)
