"""Database size of the web-shaped 100k data set (prints figures; asserts nothing).

    python bench/bench_db_size.py                  # temp folder, removed afterwards
    python bench/bench_db_size.py --db /tmp/size.sqlite3 --keep

Prints the file size as written and after VACUUM, then the largest tables and indexes.

The set: 100,000 members, 100,000 assessments, 125,000 packages (each sold with a payment,
a fee audit entry and a purchase ledger row), 400,000 sessions spread over 3 years
(completed / cancelled / no-show / scheduled), and a ledger row for every completed or
no-show session. The busy demo profile writes about that; the few rows it falls short of
a target are added here with the store's bulk writer (store/bulk.py), so every row is
stamped as the app stamps it. Target: ≤ 312 MB (1.5 × the web edition's 208 MB).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from the5hc_desktop.domain.fees import split_payment
from the5hc_desktop.services.demo import generate_demo
from the5hc_desktop.store.bulk import BulkWriter, IdMaker, db_date, db_json, db_rate, db_time
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    Assessment,
    CreditLedgerEntry,
    FeeAuditEntry,
    Payment,
    SessionPackage,
    TrainingSession,
)

TARGETS = {"clients": 100_000, "assessments": 100_000, "session_packages": 125_000,
           "payments": 125_000, "sessions": 400_000}
TARGET_MB = 312
STATUSES = (("completed", 0.78), ("cancelled", 0.08), ("no_show", 0.04))
VAT_RATE, CARD_RATE = Decimal("0.1"), Decimal("0.035")
VAT, CARD = db_rate(VAT_RATE), db_rate(CARD_RATE)
_SYNC = ("id", "created_at", "updated_at", "updated_by_device", "change_stamp", "hlc",
         "deleted_at", "legacy_id")


def count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


class TopUp:
    def __init__(self, db: Database, rng: random.Random, today: date) -> None:
        self.db, self.rng, self.today = db, rng, today
        self.ids = IdMaker()
        self.start = today - timedelta(days=3 * 365)

    def day(self) -> date:
        return self.start + timedelta(days=self.rng.randrange(3 * 365 + 30))

    def at(self, on: date, hour: int) -> str | None:
        return db_time(datetime(on.year, on.month, on.day, hour, tzinfo=UTC))

    def run(self, have: dict[str, int]) -> None:
        with self.db.write() as session:
            conn = session.connection()
            conn.exec_driver_sql("PRAGMA cache_size=-262144")
            bulk = BulkWriter(conn, self.db.device_id, self.db.clock, datetime.now(UTC))
            raw = conn.exec_driver_sql
            members = [r[0] for r in raw("SELECT id FROM clients")]
            staff = [r[0] for r in raw("SELECT id FROM staff_accounts")]
            self.assessments(bulk, conn, members, staff,
                             TARGETS["assessments"] - have["assessments"])
            self.training(bulk, members, staff,
                          TARGETS["session_packages"] - have["session_packages"],
                          TARGETS["sessions"] - have["sessions"])

    def assessments(self, bulk: BulkWriter, conn: Any, members: list[Any], staff: list[Any],
                    wanted: int) -> None:
        # Copies of the demo's assessments (real inputs and scores) for other members/days,
        # read and written as Python values (the store's types give each its stored form).
        table = Assessment.__table__
        columns = [c.name for c in table.columns if c.name not in _SYNC]
        models = conn.execute(select(*[table.c[c] for c in columns])).all()
        rows = []
        for _ in range(max(0, wanted)):
            values = dict(zip(columns, self.rng.choice(models), strict=True))
            on = self.day()
            values.update(client_id=uuid.UUID(bytes=self.rng.choice(members)),
                          trainer_id=uuid.UUID(bytes=self.rng.choice(staff)), assessed_on=on,
                          created_at=datetime(on.year, on.month, on.day, 10, tzinfo=UTC))
            rows.append(values)
        bulk.insert_values(Assessment, rows)

    def training(self, bulk: BulkWriter, members: list[Any], staff: list[Any],
                 packages_wanted: int, sessions_wanted: int) -> None:
        packages, payments, audits, ledger, sessions = [], [], [], [], []
        if packages_wanted <= 0 or sessions_wanted <= 0:
            return  # the busy demo already has them
        per_package = sessions_wanted / packages_wanted
        made = 0
        for n in range(packages_wanted):
            package_id, payment_id, audit_id, purchase_id = self.ids.take(4)
            client, trainer = self.rng.choice(members), self.rng.choice(staff)
            sold_on = self.day()
            bought = self.rng.choice((10, 20, 30))
            price = self.rng.choice((50_000, 60_000, 70_000))
            gross = bought * price
            fees = split_payment(gross, "card", VAT_RATE, CARD_RATE)
            sold_at = self.at(sold_on, 11)
            packages.append((package_id, sold_at, client, trainer, f"{bought}회 패키지", gross,
                             price, bought, VAT, CARD, "card", db_date(sold_on + timedelta(
                                 days=365)), 1, None))
            payments.append((payment_id, sold_at, client, package_id, trainer, db_date(sold_on),
                             "card", fees.gross, fees.vat, fees.card_fee, fees.net, VAT, CARD,
                             f"패키지 구매: {bought}회 패키지", None))
            audits.append((audit_id, sold_at, package_id, payment_id, "package_sale",
                           fees.gross, fees.vat, fees.card_fee, fees.net, VAT, CARD,
                           db_json({"sessions": bought, "session_price": price}), trainer))
            ledger.append((purchase_id, sold_at, package_id, client, None, "purchase", bought,
                           0, None, trainer))
            share = round((n + 1) * per_package) - made
            made += share
            for k in range(share):
                on = sold_on + timedelta(days=3 + 7 * k)
                status = "scheduled"
                if on <= self.today:
                    roll, status = self.rng.random(), "completed"
                    for name, weight in STATUSES:
                        if roll < weight:
                            status = name
                            break
                        roll -= weight
                    else:
                        status = "scheduled"
                session_id = self.ids.one()
                starts = self.at(on, self.rng.randrange(6, 22))
                done = status == "completed"
                sessions.append((session_id, self.at(sold_on, 12), client, package_id, trainer,
                                 starts, 60, status, None, starts if done else None))
                if status in ("completed", "no_show"):
                    ledger.append((self.ids.one(), starts, package_id, client, session_id,
                                   "complete" if done else "no_show", -1, 0, None, trainer))
        bulk.insert(SessionPackage, ("id", "created_at", "client_id", "trainer_id", "name",
                                     "gross", "session_price", "sessions_bought", "vat_rate",
                                     "card_fee_rate", "payment_method", "expires_on", "active",
                                     "notes"), packages)
        bulk.insert(Payment, ("id", "created_at", "client_id", "package_id", "staff_id",
                              "paid_on", "method", "gross", "vat", "card_fee", "net",
                              "vat_rate", "card_fee_rate", "description",
                              "reverses_payment_id"), payments)
        bulk.insert(FeeAuditEntry, ("id", "created_at", "package_id", "payment_id",
                                    "calculation_type", "gross", "vat", "card_fee", "net",
                                    "vat_rate", "card_fee_rate", "details", "created_by_id"),
                    audits)
        bulk.insert(TrainingSession, ("id", "created_at", "client_id", "package_id",
                                      "trainer_id", "starts_at", "duration_min", "status",
                                      "notes", "completed_at"), sessions)
        bulk.insert(CreditLedgerEntry, ("id", "created_at", "package_id", "client_id",
                                        "session_id", "kind", "delta", "cycle", "reason",
                                        "staff_id"), ledger)


def table_sizes(path: Path) -> list[tuple[str, float]]:
    """MB per table and index (dbstat), largest first."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    except sqlite3.OperationalError:  # SQLite built without dbstat
        return []
    finally:
        conn.close()
    return [(name, size / 1e6) for name, size in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="file to write (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the file afterwards")
    parser.add_argument("--top", type=int, default=12, help="largest objects to list")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="the5hc-size-"))
    path = args.db or folder / "size.sqlite3"
    try:
        started = time.perf_counter()
        db = Database.open(path)
        try:
            generate_demo(db, TARGETS["clients"], seed=7)
            with sqlite3.connect(path) as conn:
                have = {t: count(conn, t) for t in TARGETS}
            TopUp(db, random.Random(7), date.today()).run(have)
        finally:
            db.close()
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            counts = {t: count(conn, t) for t in
                      (*TARGETS, "credit_ledger", "fee_audit_entries", "client_search")}
        size_mb = path.stat().st_size / 1e6
        print(f"generated in {time.perf_counter() - started:.0f} s")
        for table, rows in counts.items():
            print(f"  {table:<20} {rows:>9,} rows")
        print(f"file size: {size_mb:.1f} MB as written (target ≤ {TARGET_MB} MB)")
        with sqlite3.connect(path) as conn:
            conn.execute("VACUUM")  # full pages in key order: what a vacuumed file holds
        print(f"file size: {path.stat().st_size / 1e6:.1f} MB after VACUUM; by object:")
        for name, mb in table_sizes(path)[: args.top]:
            print(f"  {name:<40} {mb:8.1f} MB")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
            if args.db is not None:
                for suffix in ("", "-wal", "-shm", ".clock"):
                    Path(f"{args.db}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
