"""Every dashboard figure read from the trigger-kept summaries equals the plain count over the
base tables, on random data: bookings, status changes, moves, tombstones, ledger changes,
expiries, refunds and rows applied by sync (raw upserts), in Seoul and in a half-hour zone."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from services_training import Clock, add_client
from sqlalchemy import select

from the5hc_desktop.domain.choices import SESSION_STATUSES
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.dashboard import (
    LOW_BALANCE_AT_MOST,
    LOW_BALANCE_LIMIT,
    MONTHS,
    WEEKS,
    DashboardMetrics,
    DashboardService,
    add_months,
    month_start,
    week_start,
)
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    Client,
    CreditLedgerEntry,
    Payment,
    SessionPackage,
    Setting,
    TrainingSession,
    setting_id,
)
from the5hc_desktop.sync.local import CODECS, LocalReplica

TODAY = date(2025, 6, 15)  # the clock fixture's day


class RandomGym:
    """Members, packages (sold through the service: payment and purchase credit), sessions and
    ledger rows changed at random through the ORM and through sync's apply path."""

    def __init__(self, db: Database, clock: Clock, owner: Actor, trainer: Actor,
                 rng: random.Random) -> None:
        self.db, self.rng, self.owner = db, rng, owner
        self.clients = [add_client(db, clock, owner, name, trainer_id=trainer.staff_id)
                        for name in ("김민수", "이영희", "박지성", "김민수", "최유리")]
        self.packages: list[uuid.UUID] = []
        self.sessions: list[uuid.UUID] = []
        self.entries: list[uuid.UUID] = []
        self.replica = LocalReplica(db)
        self.cursor = 0
        selling = PackageService(db, now=clock)
        for _ in range(12):
            sold = selling.sell(owner, rng.choice(self.clients), rng.choice([50_000, 150_000]),
                                50_000, "card",
                                paid_on=TODAY - timedelta(days=rng.randrange(0, 200)))
            self.packages.append(sold.id)
            with db.write() as s:  # any expiry, past ones too
                s.get_one(SessionPackage, sold.id).expires_on = self.expiry()

    def close(self) -> None:
        self.replica.close()

    def instant(self) -> datetime:
        start = datetime(2025, 4, 20, tzinfo=UTC)
        return start + timedelta(minutes=self.rng.randrange(0, 60 * 24 * 80))

    def expiry(self) -> date | None:
        return None if self.rng.random() < 0.4 else TODAY + timedelta(
            days=self.rng.randrange(-20, 40))

    def step(self) -> None:
        self.rng.choice([self.book, self.book, self.credit, self.change_session,
                         self.change_package, self.change_member, self.tombstone,
                         self.sync_apply])()

    def book(self) -> None:
        with self.db.write() as s:
            package = s.get_one(SessionPackage, self.rng.choice(self.packages))
            row = TrainingSession(client_id=package.client_id, package_id=package.id,
                                  trainer_id=package.trainer_id, starts_at=self.instant(),
                                  status=self.rng.choice(SESSION_STATUSES))
            s.add(row)
            self.sessions.append(row.id)

    def credit(self) -> None:
        with self.db.write() as s:
            package = s.get_one(SessionPackage, self.rng.choice(self.packages))
            row = CreditLedgerEntry(package_id=package.id, client_id=package.client_id,
                                    kind="adjustment", delta=self.rng.randint(-4, 2))
            s.add(row)
            self.entries.append(row.id)

    def change_session(self) -> None:
        if not self.sessions:
            return
        with self.db.write() as s:
            row = s.get_one(TrainingSession, self.rng.choice(self.sessions))
            if self.rng.random() < 0.6:
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

    def change_member(self) -> None:
        with self.db.write() as s:
            row = s.get_one(Client, self.rng.choice(self.clients))
            row.active = not row.active

    def tombstone(self) -> None:
        model: Any = self.rng.choice([TrainingSession, SessionPackage, CreditLedgerEntry])
        ids = {TrainingSession: self.sessions, SessionPackage: self.packages,
               CreditLedgerEntry: self.entries}[model]
        if not ids:
            return
        with self.db.write() as s:
            row = s.get_one(model, self.rng.choice(ids))
            row.deleted_at = None if row.deleted_at is not None else datetime.now(UTC)

    def sync_apply(self) -> None:
        """Another desk's version of a row, or a row new here, applied as sync applies it."""
        model: Any = self.rng.choice([TrainingSession, SessionPackage, CreditLedgerEntry])
        ids = {TrainingSession: self.sessions, SessionPackage: self.packages,
               CreditLedgerEntry: self.entries}[model]
        if not ids:
            return
        table = model.__table__
        with self.db.read() as s:
            row = dict(s.execute(select(table).where(table.c.id == self.rng.choice(ids)))
                       .one()._mapping)
        if self.rng.random() < 0.4:
            row.update(id=uuid.uuid4(), legacy_id=None)
            ids.append(row["id"])
        if model is TrainingSession:
            row.update(starts_at=self.instant(), status=self.rng.choice(SESSION_STATUSES))
        elif model is SessionPackage:
            row.update(active=self.rng.random() < 0.7, expires_on=self.expiry())
        else:
            row.update(delta=self.rng.randint(-4, 3), kind="adjustment", session_id=None)
        row["deleted_at"] = datetime.now(UTC) if self.rng.random() < 0.15 else None
        self.cursor += 1
        row["hlc"] = "9" * 20 + f"{self.cursor:08d}"
        self.replica.apply_page([{"entity": table.name, "id": str(row["id"]), "hlc": row["hlc"],
                                  "data": CODECS[table.name].encode(row)}], self.cursor)


# --- the plain computation over the base tables -----------------------------------------------


def plain_figures(db: Database, zone: ZoneInfo, own: uuid.UUID | None) -> dict[str, Any]:
    first = month_start(TODAY)
    after = add_months(first, 1)
    mondays = [week_start(TODAY) - timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]
    with db.read() as s:
        sessions = s.execute(select(TrainingSession.starts_at, TrainingSession.status)
                             .where(TrainingSession.deleted_at.is_(None))).all()
        packages = s.execute(select(SessionPackage.id, SessionPackage.client_id,
                                    SessionPackage.trainer_id, SessionPackage.active,
                                    SessionPackage.expires_on)
                             .where(SessionPackage.deleted_at.is_(None))).all()
        ledger = s.execute(select(CreditLedgerEntry.package_id, CreditLedgerEntry.delta)
                           .where(CreditLedgerEntry.deleted_at.is_(None))).all()
        members = {i: (name, active) for i, name, active in s.execute(
            select(Client.id, Client.name, Client.active).where(Client.deleted_at.is_(None)))}
        payments = s.execute(select(Payment.paid_on, Payment.gross, Payment.net,
                                    Payment.package_id, Payment.staff_id)
                             .where(Payment.deleted_at.is_(None))).all()
    weekly = [0] * WEEKS
    by_status = dict.fromkeys(SESSION_STATUSES, 0)
    for starts, status in sessions:
        local = starts.astimezone(zone).date()
        if week_start(local) in mondays:
            weekly[mondays.index(week_start(local))] += 1
        if first <= local < after:
            by_status[status] += 1
    usable = {p.id: p for p in packages
              if p.active and (p.expires_on is None or p.expires_on >= TODAY)}
    balance: dict[uuid.UUID, int] = defaultdict(int)
    for package_id, delta in ledger:
        if package_id in usable:
            balance[package_id] += delta
    per_client: dict[uuid.UUID, int] = defaultdict(int)
    for package_id, left in balance.items():
        per_client[usable[package_id].client_id] += left
    low = sorted(((left, members[c][0], c) for c, left in per_client.items()
                  if left <= LOW_BALANCE_AT_MOST and c in members and members[c][1]))
    trainer_of = {p.id: p.trainer_id for p in packages}
    with db.read() as s:  # tombstoned packages still own their payments
        trainer_of.update(dict(s.execute(select(SessionPackage.id, SessionPackage.trainer_id))
                               .all()))
    months = [add_months(first, i - (MONTHS - 1)) for i in range(MONTHS)]
    monthly = dict.fromkeys(months, 0)
    gross = net = 0
    for paid_on, pay_gross, pay_net, package_id, seller in payments:
        owner = trainer_of.get(package_id) if package_id is not None else seller
        if own is not None and owner != own:
            continue
        if month_start(paid_on) in monthly:
            monthly[month_start(paid_on)] += pay_gross
        if first <= paid_on < after:
            gross, net = gross + pay_gross, net + pay_net
    return {
        "active_packages": len(usable),
        "weekly": weekly,
        "month": by_status,
        "low": [(c, name, left) for left, name, c in low[:LOW_BALANCE_LIMIT]],
        "revenue": (gross, net, list(monthly.values())),
    }


def served_figures(m: DashboardMetrics) -> dict[str, Any]:
    month = m.sessions_this_month
    return {
        "active_packages": m.active_packages,
        "weekly": [b.value for b in m.weekly_sessions],
        "month": {"scheduled": month.scheduled, "completed": month.completed,
                  "cancelled": month.cancelled, "no_show": month.no_show},
        "low": [(r.client_id, r.client_name, r.remaining) for r in m.low_balance],
        "revenue": (m.revenue_gross, m.revenue_net, [b.value for b in m.monthly_revenue]),
    }


def set_zone(db: Database, name: str) -> None:
    with db.write() as s:
        row = s.get(Setting, setting_id("timezone"))
        if row is None:
            s.add(Setting(key="timezone", value=name))
        else:
            row.value = name


@pytest.mark.parametrize(("seed", "zone"), [(1, "Asia/Seoul"), (2, "Asia/Kolkata"),
                                            (3, "Asia/Seoul"), (4, "America/St_Johns")])
def test_every_figure_equals_the_plain_count(db: Database, clock: Clock, owner: Actor,
                                             trainer: Actor, seed: int, zone: str) -> None:
    set_zone(db, zone)
    gym = RandomGym(db, clock, owner, trainer, random.Random(seed))
    service = DashboardService(db, now=clock)
    try:
        for turn in range(240):
            gym.step()
            if turn % 40 == 39:
                for actor, own in ((owner, None), (trainer, trainer.staff_id)):
                    served = served_figures(service.metrics(actor, TODAY))
                    assert served == plain_figures(db, ZoneInfo(zone), own), (turn, actor.role)
    finally:
        gym.close()
