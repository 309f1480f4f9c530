"""Desks and laptops of one gym against a real server, for the device-side sync tests.

Each `Desk` is its own SQLite file (copied from a migrated template, so each gets its own
device id), its own services and sync engine; `FaultyLink` wraps the server link to
simulate what breaks in the field: the app dying after the server committed a push but
before the ack, dying after a pull page arrived but before it was applied, a push
delivered twice, the network gone.
"""

from __future__ import annotations

import random
import shutil
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from the5hc_desktop.services import Services, build_services
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import CreditLedgerEntry, SessionPackage
from the5hc_desktop.sync import errors
from the5hc_desktop.sync.engine import RoundResult, SyncEngine
from the5hc_desktop.sync.link import ServerAddress, ServerLink, connect
from the5hc_desktop.sync.local import canonical_digest


class Crash(Exception):
    """The app died here (the test's stand-in for a killed process)."""


@dataclass
class Faults:
    crash_after_push: bool = False  # the server committed; the ack never arrives
    crash_after_pull: bool = False  # a page arrived; it is never applied
    duplicate_push: bool = False  # the same operation delivered twice
    offline: bool = False


class FaultyLink:
    def __init__(self, inner: ServerLink, faults: Faults) -> None:
        self.inner = inner
        self.faults = faults

    def hello(self, protocol: int, device_ms: int) -> dict[str, Any]:
        return self.inner.hello(protocol, device_ms)

    def push(self, op_id: uuid.UUID, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        result = self.inner.push(op_id, rows)
        if self.faults.duplicate_push:
            again = self.inner.push(op_id, rows)
            assert again["replayed"], "a replayed operation must be recognised"
        if self.faults.crash_after_push:
            self.faults.crash_after_push = False
            raise Crash("after push")
        return result

    def pull(self, cursor: int, limit: int) -> dict[str, Any]:
        page = self.inner.pull(cursor, limit)
        if self.faults.crash_after_pull and page["rows"]:
            self.faults.crash_after_pull = False
            raise Crash("after pull")
        return page

    def verify(self) -> dict[str, Any]:
        return self.inner.verify()

    def close(self) -> None:
        self.inner.close()


@dataclass
class Desk:
    name: str
    db: Database
    services: Services
    address: ServerAddress
    secret: str
    faults: Faults = field(default_factory=Faults)
    skew_ms: int = 0
    actor: Actor | None = None

    def wall_ms(self) -> int:
        return int(datetime.now(UTC).timestamp() * 1000) + self.skew_ms

    def skew(self, ms: int) -> None:
        """Move this desk's wall clock (the engine's and the row clock's) by `ms`."""
        self.skew_ms = ms
        self.db.clock._now_ms = self.wall_ms

    def link(self) -> ServerLink:
        if self.faults.offline:
            raise errors.offline("simulated")
        return FaultyLink(connect(self.address, self.secret), self.faults)

    def engine(self, push_batch: int = 500, pull_page: int = 1000) -> SyncEngine:
        return SyncEngine(self.db, self.link, push_batch=push_batch, pull_page=pull_page,
                          wall_ms=self.wall_ms)

    def sync(self, push_batch: int = 500, pull_page: int = 1000) -> RoundResult:
        engine = self.engine(push_batch, pull_page)
        try:
            return engine.run_round()
        finally:
            engine.close()

    def sync_quietly(self, rng: random.Random | None = None) -> str:
        """A round that may fail the way the field fails; returns what happened."""
        sizes = (rng.choice((1, 3, 50, 500)), rng.choice((1, 7, 1000))) if rng else (500, 1000)
        try:
            self.sync(*sizes)
        except Crash:
            return "crash"
        except errors.SyncError as exc:
            return exc.kind
        return "synced"

    def owner(self) -> Actor:
        if self.actor is None:
            staff = self.services.accounts.list_staff(_system(self.services))
            view = next(s for s in staff if s.role is Role.OWNER)
            self.actor = Actor(view.id, Role.OWNER, view.display_name, view.username)
        return self.actor

    def digest(self) -> str:
        return canonical_digest(self.db)

    def ledger_ids(self) -> set[uuid.UUID]:
        with self.db.read() as s:
            return set(s.scalars(select(CreditLedgerEntry.id)))

    def balances(self) -> dict[uuid.UUID, int]:
        with self.db.read() as s:
            rows = s.execute(
                select(SessionPackage.id, func.coalesce(func.sum(CreditLedgerEntry.delta), 0))
                .outerjoin(CreditLedgerEntry, CreditLedgerEntry.package_id == SessionPackage.id)
                .group_by(SessionPackage.id)
            ).all()
        return {pid: int(total) for pid, total in rows}

    def close(self) -> None:
        self.db.close()


def _system(services: Services) -> Actor:
    from the5hc_desktop.services.maintenance import system_actor

    return system_actor(services.database)


def open_desk(
    name: str,
    template: Path,
    folder: Path,
    enrolment: tuple[str, str],
    now: Callable[[], datetime] | None = None,
) -> Desk:
    """A desk on a fresh file from `template`, set up with an enrolment (code, secret)."""
    path = folder / f"{name}.sqlite3"
    shutil.copyfile(template, path)
    db = Database.open(path, device_name=name)
    services = build_services(db, now)
    code, secret = enrolment
    services.sync.setup(code, secret, sslmode="disable")
    return Desk(name, db, services, services.sync.address(), secret)


def later(minutes: int) -> datetime:
    return datetime.now(UTC) + timedelta(minutes=minutes)


def enrol(server: Any, gym: Any, name: str) -> tuple[str, str]:
    """A device of `gym` on the test server: its enrolment code and secret."""
    added = server.new_device(gym, name)
    return added.code, added.secret


def template_database(folder: Path) -> Path:
    """An empty database at head without a device row (each copy makes its own)."""
    from the5hc_desktop.store import migrate
    from the5hc_desktop.store.engine import create_sqlite_engine, write_engine

    path = folder / "template.sqlite3"
    engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        with write_engine(engine).begin() as conn:
            migrate.upgrade(conn)
    finally:
        engine.dispose()
    return path
