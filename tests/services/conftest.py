"""Service fixtures: a migrated template copied per test, a settable clock, signed-in actors."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from service_support import OWNER_PASSWORD, Clock, make_staff

from the5hc_desktop.services import passwords
from the5hc_desktop.services.accounts import AccountService
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.store import migrate
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.engine import create_sqlite_engine, write_engine


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    # Cheap argon2id parameters keep the suite fast; the format and algorithm are unchanged.
    monkeypatch.setattr(
        passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture(scope="session")
def services_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at head, migrated once per run."""
    path = tmp_path_factory.mktemp("services-template") / "template.sqlite3"
    engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        with write_engine(engine).begin() as conn:
            migrate.upgrade(conn)
    finally:
        engine.dispose()
    return path


@pytest.fixture
def db(services_template: Path, tmp_path: Path) -> Iterator[Database]:
    target = tmp_path / "data" / "the5hc.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(services_template, target)
    database = Database.open(target, device_name="test-device")
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def clock() -> Clock:
    # 2025-06-15 10:00 in Seoul.
    return Clock(datetime(2025, 6, 15, 1, 0, tzinfo=UTC))


@pytest.fixture
def accounts(db: Database, clock: Clock) -> AccountService:
    return AccountService(db, now=clock)


@pytest.fixture
def owner(accounts: AccountService) -> Actor:
    accounts.create_gym_and_owner("The5HC 피트니스 센터", "김대표", "owner", OWNER_PASSWORD)
    return accounts.sign_in("owner", OWNER_PASSWORD)


@pytest.fixture
def senior(accounts: AccountService, owner: Actor) -> Actor:
    return make_staff(accounts, owner, "senior", Role.SENIOR)


@pytest.fixture
def trainer(accounts: AccountService, owner: Actor) -> Actor:
    return make_staff(accounts, owner, "trainer", Role.TRAINER)


@pytest.fixture
def assistant(accounts: AccountService, owner: Actor) -> Actor:
    return make_staff(accounts, owner, "desk", Role.ASSISTANT)
