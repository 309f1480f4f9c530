"""The member list sorted by gender, phone and age, page by page, equals a plain Python sort
of the same members (random data), and each of those sorts walks its index
(migration 0009) instead of sorting every member; sorted by last assessment, overall score,
sessions left or trainer (member_list_facts), it is in the order of the values the rows
show."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from service_support import Clock
from sqlalchemy import text

from the5hc_desktop.domain import hangul
from the5hc_desktop.services.clients import ClientRow, ClientService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    Assessment,
    Client,
    CreditLedgerEntry,
    SessionPackage,
)

SURNAMES = "김이박최정"
GIVEN = "민서준지우하"
JULIAN_EPOCH = 2440587.5  # julianday('1970-01-01')


def _julian(day: date) -> float:
    return JULIAN_EPOCH + (day - date(1970, 1, 1)).days


@pytest.fixture
def members(db: Database) -> list[Client]:
    """80 members: repeated names, genders, phones (some missing), birth dates or only an
    age snapshot (some neither), a few inactive and a few deleted."""
    rng = random.Random(14)
    rows: list[Client] = []
    with db.write() as session:
        for number in range(80):
            name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))
            phone = rng.choice([None, f"010{rng.randrange(10**8):08d}"])
            kind = rng.randrange(3)
            row = Client(
                name=name, name_initials=hangul.initials(name),
                gender=rng.choice(["male", "female"]),
                phone=phone, phone_last4=phone[-4:] if phone else None,
                birth_date=date(1960, 1, 1) + timedelta(days=rng.randrange(15000))
                if kind == 0 else None,
                age_years=rng.randint(20, 70) if kind == 1 else None,
                age_recorded_on=date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
                if kind == 1 else None,
                active=rng.random() > 0.2,
            )
            if number % 17 == 0:
                row.deleted_at = row.created_at
            session.add(row)
            rows.append(row)
    return [row for row in rows if row.deleted_at is None]


def _birth_key(row: Client) -> float | None:
    if row.birth_date is not None:
        return _julian(row.birth_date)
    if row.age_recorded_on is not None and row.age_years is not None:
        return _julian(row.age_recorded_on) - row.age_years * 365.25
    return None


def _expected(rows: list[Client], key: str, descending: bool) -> list[uuid.UUID]:
    """The list's order in plain Python: missing values last, then name and id."""
    values: dict[str, Any] = {
        "gender": lambda r: r.gender,
        "phone": lambda r: r.phone,
        # Age ascending is the youngest first: the latest birth first.
        "age": lambda r: None if _birth_key(r) is None else -_birth_key(r),
    }
    value = values[key]
    present = [r for r in rows if value(r) is not None]
    missing = [r for r in rows if value(r) is None]
    by_tail = sorted(present, key=lambda r: (r.name, str(r.id)))
    ordered = sorted(by_tail, key=value, reverse=descending)  # stable: ties keep name, id
    missing.sort(key=lambda r: (r.name, str(r.id)))
    return [r.id for r in ordered + missing]


@pytest.mark.parametrize("key", ["gender", "phone", "age"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("active", [True, None])
def test_sorted_pages_equal_a_python_sort(
    db: Database, clock: Clock, owner: Actor, members: list[Client], key: str,
    descending: bool, active: bool | None,
) -> None:
    clients = ClientService(db, now=clock)
    rows = [r for r in members if active is None or r.active]
    shown: list[uuid.UUID] = []
    for offset in range(0, len(rows) + 7, 7):  # pages of 7
        page = clients.search(owner, "", active=active, sort=key, descending=descending,
                              offset=offset, limit=7)
        assert page.total == len(rows)
        shown += [r.id for r in page.rows]
    assert shown == _expected(rows, key, descending)


def _plan(db: Database, clients: ClientService, owner: Actor, key: str,
          descending: bool) -> str:
    """The query plan of the page query the list runs for this sort."""
    statements: list[str] = []

    def remember(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().startswith("SELECT clients.id, clients.name"):
            statements.append(statement)

    from sqlalchemy import event

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        clients.search(owner, "", active=True, sort=key, descending=descending, limit=50)
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)
    assert len(statements) == 1
    literal = statements[0].replace("LIMIT ? OFFSET ?", "LIMIT 50 OFFSET 0")
    with db.engine.connect() as conn:
        return " | ".join(str(row[3]) for row in conn.execute(
            text("EXPLAIN QUERY PLAN " + literal.replace("?", "1"))))


@pytest.mark.parametrize("key", ["gender", "phone", "age"])
@pytest.mark.parametrize("descending", [False, True])
def test_each_sort_walks_its_index(
    db: Database, clock: Clock, owner: Actor, members: list[Client], key: str,
    descending: bool,
) -> None:
    plan = _plan(db, ClientService(db, now=clock), owner, key, descending)
    assert "ix_clients_live_sort_" in plan
    assert "TEMP B-TREE" not in plan


@pytest.fixture
def with_facts(db: Database, owner: Actor, trainer: Actor,
               members: list[Client]) -> list[Client]:
    """Assessments (some on one day, some without a score, one tombstoned) and packages
    with ledger rows (some expiring around the clock's day 2025-06-15, some inactive); half
    the members are the owner's, some the trainer's, some nobody's."""
    rng = random.Random(5)
    other = trainer
    with db.write() as session:
        for row in members:
            # Half are "my members" of the owner, some another trainer's, some nobody's.
            session.get(Client, row.id).trainer_id = rng.choice(
                [owner.staff_id, owner.staff_id, other.staff_id, None])
            for _ in range(rng.randrange(3)):
                session.add(Assessment(
                    client_id=row.id, trainer_id=owner.staff_id, gender=row.gender,
                    assessed_on=date(2025, 6, 1) + timedelta(days=rng.randrange(4)),
                    score_overall=rng.choice([None, 50.0, 61.5, 80.0]),
                    scoring_version="test",
                    deleted_at=row.created_at if rng.random() < 0.1 else None))
            for _ in range(rng.randrange(3)):
                package = SessionPackage(
                    client_id=row.id, trainer_id=owner.staff_id, name="10회", gross=100_000,
                    session_price=10_000, sessions_bought=10, vat_rate=Decimal("0.1"),
                    card_fee_rate=Decimal("0"), active=rng.random() > 0.1,
                    expires_on=rng.choice([None, date(2025, 6, 14), date(2025, 6, 15),
                                           date(2025, 6, 16)]))
                session.add(package)
                session.flush()
                for delta in rng.sample([10, -1, -1, 5, -3], rng.randrange(4)):
                    session.add(CreditLedgerEntry(package_id=package.id, client_id=row.id,
                                                  kind="adjustment", delta=delta))
    return members


def _fact(row: ClientRow, key: str) -> Any:
    return {"last_assessed_on": row.last_assessed_on, "last_overall": row.last_overall,
            "remaining": row.remaining_sessions, "trainer": row.trainer_name or None}[key]


@pytest.mark.parametrize("key", ["last_assessed_on", "last_overall", "remaining", "trainer"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("scope", ["active", "all", "mine", "search"])
def test_fact_sorts_follow_the_values_shown(
    db: Database, clock: Clock, owner: Actor, with_facts: list[Client], key: str,
    descending: bool, scope: str,
) -> None:
    """Pages sorted by a member_list_facts key are in the order of the values each row shows
    (computed from the base tables), missing values last, then name and id; a day later
    packages expiring today no longer count, in the sort as in the rows."""
    clients = ClientService(db, now=clock)
    options: dict[str, Any] = {
        "active": {"active": True}, "all": {"active": None},
        "mine": {"active": None, "trainer_id": owner.staff_id},
        "search": {"active": None, "query": "김"}}[scope]
    query = options.pop("query", "")
    for _day in range(2):
        shown: list[ClientRow] = []
        offset = 0
        while True:
            page = clients.search(owner, query, sort=key, descending=descending,
                                  offset=offset, limit=7, **options)
            shown += page.rows
            offset += 7
            if offset >= page.total:
                break
        assert len(shown) == page.total > 0
        present = sorted((r for r in shown if _fact(r, key) is not None),
                         key=lambda r: (r.name, str(r.id)))
        present.sort(key=lambda r: _fact(r, key), reverse=descending)
        missing = sorted((r for r in shown if _fact(r, key) is None),
                         key=lambda r: (r.name, str(r.id)))
        assert [r.id for r in shown] == [r.id for r in present + missing]
        clock.advance(days=1)
