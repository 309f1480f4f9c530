"""Random members, packages, payments, sessions and ledger rows, bulk-written the same way
for a given seed (test_bulk_load.py and its SIGKILL child; tests/store is on sys.path)."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from the5hc_desktop.domain.choices import LEDGER_KINDS, SESSION_STATUSES
from the5hc_desktop.store.bulk import BulkWriter
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    Client,
    CreditLedgerEntry,
    Organization,
    Payment,
    SessionPackage,
    StaffAccount,
    TrainingSession,
)

TABLES = ("clients", "session_packages", "payments", "sessions", "credit_ledger")
START = datetime(2025, 3, 1, tzinfo=UTC)
# Ledger kinds a row without a session may carry.
FREE_KINDS = ("opening", "purchase", "adjustment")


def seed_staff(db: Database, rng: random.Random) -> list[uuid.UUID]:
    """A gym and three trainers (ORM writes, as the imports and the demo make them)."""
    with db.write() as s:
        org = Organization(id=_id(rng), name="The5HC")
        s.add(org)
        staff = [StaffAccount(id=_id(rng), organization_id=org.id, username=f"t{n}",
                              password_hash="x", role="owner" if n == 0 else "trainer")
                 for n in range(3)]
        s.add_all(staff)
        return [a.id for a in staff]


def write_rows(conn: Connection, db: Database, rng: random.Random, staff: list[uuid.UUID],
               members: int) -> None:
    """`members` members with random history, in the caller's transaction."""
    bulk = BulkWriter(conn, db.device_id, db.clock, datetime.now(UTC))
    rows = _Rows(rng, staff, members)
    for model, batch in rows.batches():
        bulk.insert_values(model, batch)


def _id(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128))


def _deleted(rng: random.Random) -> datetime | None:
    return START if rng.random() < 0.1 else None


class _Rows:
    def __init__(self, rng: random.Random, staff: list[uuid.UUID], members: int) -> None:
        self.rng, self.staff, self.members = rng, staff, members

    def when(self) -> datetime:
        return START + timedelta(minutes=self.rng.randrange(60 * 24 * 60))

    def batches(self) -> Iterator[tuple[Any, list[dict[str, Any]]]]:
        rng = self.rng
        clients = [{"id": _id(rng), "created_at": START, "name": f"회원{n}",
                    "gender": rng.choice(("male", "female")), "deleted_at": _deleted(rng)}
                   for n in range(self.members)]
        packages: list[dict[str, Any]] = []
        payments: list[dict[str, Any]] = []
        sessions: list[dict[str, Any]] = []
        ledger: list[dict[str, Any]] = []
        for client in clients:
            for _n in range(rng.randrange(3)):
                package = self.package(client["id"])
                packages.append(package)
                payments += self.payments(package)
                for _s in range(rng.randrange(5)):
                    session = self.session(package)
                    sessions.append(session)
                    if session["status"] in ("completed", "no_show") and rng.random() < 0.8:
                        kind = "complete" if session["status"] == "completed" else "no_show"
                        ledger.append(self.entry(package, kind, -1, session["id"]))
                for _e in range(rng.randrange(3)):
                    ledger.append(self.entry(package, rng.choice(FREE_KINDS),
                                             rng.randrange(-3, 20), None))
        yield Client, clients
        if packages:
            yield SessionPackage, packages
        if payments:
            yield Payment, payments
        if sessions:
            yield TrainingSession, sessions
        if ledger:
            yield CreditLedgerEntry, ledger

    def package(self, client_id: uuid.UUID) -> dict[str, Any]:
        rng = self.rng
        bought = rng.choice((10, 20))
        return {"id": _id(rng), "created_at": START, "client_id": client_id,
                "trainer_id": rng.choice(self.staff), "name": f"{bought}회",
                "gross": bought * 50_000, "session_price": 50_000, "sessions_bought": bought,
                "vat_rate": Decimal("0.1"), "card_fee_rate": Decimal("0.035"),
                "expires_on": rng.choice((None, date(2025, 6, rng.randrange(1, 29)))),
                "active": rng.random() < 0.8, "deleted_at": _deleted(self.rng)}

    def payments(self, package: dict[str, Any]) -> list[dict[str, Any]]:
        rng = self.rng
        rows = []
        for n in range(rng.randrange(3)):
            gross = package["gross"] if n == 0 else -package["gross"] // 2
            rows.append({"id": _id(rng), "created_at": START, "client_id": package["client_id"],
                         "package_id": package["id"], "staff_id": rng.choice(self.staff),
                         "paid_on": date(2025, 3, rng.randrange(1, 29)), "method": "cash",
                         "gross": gross, "vat": 0, "card_fee": 0, "net": gross,
                         "vat_rate": Decimal("0"), "card_fee_rate": Decimal("0"),
                         "reverses_payment_id": rows[0]["id"] if n else None,
                         "deleted_at": _deleted(rng)})
        return rows

    def session(self, package: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        return {"id": _id(rng), "created_at": START, "client_id": package["client_id"],
                "package_id": package["id"], "trainer_id": rng.choice(self.staff),
                "starts_at": self.when(), "status": rng.choice(SESSION_STATUSES),
                "deleted_at": _deleted(rng)}

    def entry(self, package: dict[str, Any], kind: str, delta: int,
              session_id: uuid.UUID | None) -> dict[str, Any]:
        assert kind in LEDGER_KINDS
        return {"id": _id(self.rng), "created_at": START, "package_id": package["id"],
                "client_id": package["client_id"], "session_id": session_id, "kind": kind,
                "delta": delta, "cycle": 0, "deleted_at": _deleted(self.rng)}
