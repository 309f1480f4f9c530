"""회원 병합: the other member's records move to the survivor; the other is tombstoned."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from services_training import add_client, count, seoul
from sqlalchemy import select

from the5hc_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from the5hc_desktop.services.clients import ClientService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.merge_members import MergeMembersService, merged_family
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.services.sessions import SessionService
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    AuditLogEntry,
    Client,
    CreditLedgerEntry,
    Payment,
    SessionPackage,
    TrainingSession,
)


@pytest.fixture
def twins(db: Database, clock: object, owner: Actor) -> tuple[uuid.UUID, uuid.UUID]:
    """One person registered at two desks; the second record has a package and a session."""
    first = add_client(db, clock, owner, "김민수", "010-1234-5678")
    second = add_client(db, clock, owner, "김민수 ", "010-1234-5679")
    sold = PackageService(db, now=clock).sell(owner, second, 150_000, 50_000, "cash")
    SessionService(db, now=clock).book(owner, second, sold.id, owner.staff_id,
                                       seoul(2025, 6, 16, 10))
    return first, second


def test_merge_moves_packages_and_sessions_and_tombstones_the_other(
    db: Database, clock: object, owner: Actor, twins: tuple[uuid.UUID, uuid.UUID]
) -> None:
    survivor, other = twins
    result = MergeMembersService(db, now=clock).merge(owner, survivor, other)

    assert result.moved["session_packages"] == 1
    assert result.moved["sessions"] == 1
    assert count(db, SessionPackage, SessionPackage.client_id == survivor) == 1
    assert count(db, TrainingSession, TrainingSession.client_id == survivor) == 1
    assert count(db, SessionPackage, SessionPackage.client_id == other) == 0
    with db.read() as s:
        merged = s.get(Client, other)
        kept = s.get(Client, survivor)
        assert merged is not None
        assert kept is not None
        assert merged.deleted_at is not None
        assert kept.deleted_at is None
        entry = s.scalars(select(AuditLogEntry).where(
            AuditLogEntry.action == "client_merged")).one()
    assert entry.entity_id == survivor
    assert entry.details["merged"] == str(other)


def test_merge_leaves_money_facts_as_written_and_the_balance_follows_the_package(
    db: Database, clock: object, owner: Actor, twins: tuple[uuid.UUID, uuid.UUID]
) -> None:
    survivor, other = twins
    with db.read() as s:
        facts_before = {(r.id, r.client_id) for r in s.scalars(select(CreditLedgerEntry))}
        paid_before = {(r.id, r.client_id) for r in s.scalars(select(Payment))}
    MergeMembersService(db, now=clock).merge(owner, survivor, other)
    with db.read() as s:
        assert {(r.id, r.client_id) for r in s.scalars(select(CreditLedgerEntry))} == facts_before
        assert {(r.id, r.client_id) for r in s.scalars(select(Payment))} == paid_before
    package = PackageService(db, now=clock).list_for_client(owner, survivor)[0]
    assert package.remaining == 3


def test_merged_rows_are_new_local_changes_for_the_next_round(
    db: Database, clock: object, owner: Actor, twins: tuple[uuid.UUID, uuid.UUID]
) -> None:
    survivor, other = twins
    with db.read() as s:
        before = {r.id: r.hlc for r in s.scalars(select(SessionPackage))}
    MergeMembersService(db, now=clock).merge(owner, survivor, other)
    with db.read() as s:
        after = {r.id: r.hlc for r in s.scalars(select(SessionPackage))}
    assert all(after[i] > before[i] for i in before)


@pytest.mark.parametrize(
    ("case", "error"),
    [
        ("same", ValidationError),
        ("missing", NotFound),
        ("already_merged", NotFound),
        ("trainer", PermissionDenied),
    ],
)
def test_merge_refusals(
    db: Database, clock: object, owner: Actor, trainer: Actor,
    twins: tuple[uuid.UUID, uuid.UUID], case: str, error: type[Exception],
) -> None:
    survivor, other = twins
    service = MergeMembersService(db, now=clock)
    actor = trainer if case == "trainer" else owner
    if case == "same":
        other = survivor
    elif case == "missing":
        other = uuid.uuid4()
    elif case == "already_merged":
        service.merge(owner, survivor, other)
    with pytest.raises(error):
        service.merge(actor, survivor, other)


def test_the_survivors_payments_balance_and_record_include_the_merged_member(
    db: Database, clock: object, owner: Actor, twins: tuple[uuid.UUID, uuid.UUID]
) -> None:
    survivor, other = twins
    service = MergeMembersService(db, now=clock)
    before = service.record(owner, other)
    assert (before.packages, before.sessions, before.payments) == (1, 1, 1)
    result = service.merge(owner, survivor, other)
    assert result.moved["payments"] == 1

    paid = PackageService(db, now=clock).list_payments(
        owner, date(2000, 1, 1), date(2100, 1, 1), client_id=survivor)
    assert [row.client_id for row in paid.rows] == [survivor]  # shown under the survivor
    with db.read() as s:
        assert s.scalars(select(Payment.client_id)).all() == [other]  # the fact as written
    after = service.record(owner, survivor)
    assert (after.packages, after.sessions, after.payments) == (1, 1, 1)
    for sort in ("name", "remaining"):  # the page's aggregates and the sorted subquery
        page = ClientService(db, now=clock).search(owner, "", sort=sort)
        row = next(r for r in page.rows if r.id == survivor)
        assert row.remaining_sessions == 3, sort


def test_a_merge_chain_keeps_every_earlier_members_payments(
    db: Database, clock: object, owner: Actor, twins: tuple[uuid.UUID, uuid.UUID]
) -> None:
    survivor, other = twins
    third = add_client(db, clock, owner, "김민수", "010-1234-5670")
    PackageService(db, now=clock).sell(owner, third, 100_000, 50_000, "card")
    service = MergeMembersService(db, now=clock)
    service.merge(owner, other, third)  # third -> other, then other -> survivor
    service.merge(owner, survivor, other)
    with db.read() as s:
        assert set(merged_family(s, survivor)) == {survivor, other, third}
        assert merged_family(s, third) == [third]
    assert service.record(owner, survivor).payments == 2
