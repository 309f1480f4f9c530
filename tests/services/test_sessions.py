"""Booking and checking off sessions: credits, overlaps, states, races, the week view."""

from __future__ import annotations

import multiprocessing
import sqlite3
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from services_training import Clock, add_client, complete_in_child, count, seoul
from sqlalchemy import event, select

from the5hc_desktop.domain.credits import session_entry_id
from the5hc_desktop.domain.errors import ConflictError, NotFound, ValidationError
from the5hc_desktop.services import ledger
from the5hc_desktop.services.base import put_setting
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import PackageService, PackageView
from the5hc_desktop.services.sessions import SessionService, SessionStatus
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import CreditLedgerEntry, TrainingSession


@pytest.fixture
def packages(db: Database, clock: Clock) -> PackageService:
    return PackageService(db, now=clock)


@pytest.fixture
def sessions(db: Database, clock: Clock) -> SessionService:
    return SessionService(db, now=clock)


@pytest.fixture
def client_id(db: Database, clock: Clock, owner: Actor) -> uuid.UUID:
    return add_client(db, clock, owner, "김민수", "010-1234-5678")


@pytest.fixture
def package(packages: PackageService, owner: Actor, client_id: uuid.UUID) -> PackageView:
    return packages.sell(owner, client_id, 500_000, 50_000, "card")  # 10 sessions


def _balance(db: Database, package_id: uuid.UUID) -> int:
    with db.read() as s:
        return ledger.balance(s, package_id)


def _kinds(db: Database, session_id: uuid.UUID) -> list[tuple[str, int, int]]:
    with db.read() as s:
        rows = s.scalars(select(CreditLedgerEntry)
                         .where(CreditLedgerEntry.session_id == session_id)
                         .order_by(CreditLedgerEntry.created_at, CreditLedgerEntry.id)).all()
        return [(r.kind, r.delta, r.cycle) for r in rows]


def _ids(db: Database, session_id: uuid.UUID) -> set[uuid.UUID]:
    with db.read() as s:
        return set(s.scalars(select(CreditLedgerEntry.id)
                             .where(CreditLedgerEntry.session_id == session_id)))


def test_booking_until_the_credits_are_used_then_the_refusal(
    packages: PackageService, sessions: SessionService, owner: Actor, client_id: uuid.UUID
) -> None:
    sold = packages.sell(owner, client_id, 150_000, 50_000, "cash")
    for day in (16, 17, 18):
        view = sessions.book(owner, client_id, sold.id, owner.staff_id, seoul(2025, 6, day, 10))
        assert view.status is SessionStatus.SCHEDULED
        assert view.remaining_sessions == 3  # credits are taken at completion, not booking
    assert packages.get(owner, sold.id).available == 0
    with pytest.raises(ValidationError) as caught:
        sessions.book(owner, client_id, sold.id, owner.staff_id, seoul(2025, 6, 19, 10))
    assert caught.value.field == "package_id"
    assert caught.value.message_ko == "선택한 패키지에 남은 세션이 없습니다."
    assert caught.value.message_en == "No sessions left in the selected package."


def test_booking_stores_utc_and_shows_gym_time(
    db: Database, sessions: SessionService, owner: Actor, client_id: uuid.UUID,
    package: PackageView,
) -> None:
    view = sessions.book(owner, client_id, package.id, owner.staff_id,
                         datetime(2025, 6, 16, 10, 30), duration_min=45, notes=" 하체 ")
    assert view.starts_at == seoul(2025, 6, 16, 10, 30)
    assert view.starts_at.utcoffset() == timedelta(hours=9)
    assert view.ends_at == seoul(2025, 6, 16, 11, 15)
    assert (view.client_name, view.package_name, view.trainer_name, view.notes) == (
        "김민수", "10회 패키지", owner.display_name, "하체")
    with db.read() as s:
        row = s.get(TrainingSession, view.id)
        assert row is not None
        assert row.starts_at == datetime(2025, 6, 16, 1, 30, tzinfo=UTC)


def test_overlaps_with_the_trainer_or_the_client_are_refused(
    db: Database, clock: Clock, packages: PackageService, sessions: SessionService,
    owner: Actor, trainer: Actor, client_id: uuid.UUID, package: PackageView,
) -> None:
    other = add_client(db, clock, owner, "이영희", "010-9876-5432")
    other_package = packages.sell(owner, other, 500_000, 50_000, "card")
    first = sessions.book(owner, client_id, package.id, owner.staff_id, seoul(2025, 6, 16, 10))

    with pytest.raises(ValidationError) as caught:  # same trainer, another client
        sessions.book(owner, other, other_package.id, owner.staff_id, seoul(2025, 6, 16, 10, 30))
    assert caught.value.field == "starts_at"
    assert owner.display_name in caught.value.message_ko
    assert "김민수" in caught.value.message_ko
    assert "10:00–11:00" in caught.value.message_ko

    with pytest.raises(ValidationError) as caught:  # same client, another trainer
        sessions.book(owner, client_id, package.id, trainer.staff_id, seoul(2025, 6, 16, 9, 30))
    assert caught.value.field == "starts_at"
    assert "김민수" in caught.value.message_ko
    assert "김민수" in caught.value.message_en
    for message in (caught.value.message_ko, caught.value.message_en):
        assert "1234" not in message
        assert "5678" not in message

    # Back to back is fine, and so is the same slot once the first is cancelled.
    sessions.book(owner, other, other_package.id, owner.staff_id, seoul(2025, 6, 16, 11))
    sessions.book(owner, other, other_package.id, owner.staff_id, seoul(2025, 6, 16, 9))
    sessions.cancel(owner, first.id)
    sessions.book(owner, client_id, package.id, trainer.staff_id, seoul(2025, 6, 16, 10, 15))


def test_booking_checks_duration_package_owner_dates_and_state(
    db: Database, clock: Clock, packages: PackageService, sessions: SessionService,
    owner: Actor, client_id: uuid.UUID, package: PackageView,
) -> None:
    when = seoul(2025, 6, 16, 10)
    for minutes in (10, 241):
        with pytest.raises(ValidationError) as caught:
            sessions.book(owner, client_id, package.id, owner.staff_id, when, minutes)
        assert caught.value.field == "duration_min"
    other = add_client(db, clock, owner, "박지성")
    with pytest.raises(ValidationError) as caught:
        sessions.book(owner, other, package.id, owner.staff_id, when)
    assert caught.value.field == "package_id"
    with pytest.raises(ValidationError) as caught:
        sessions.book(owner, client_id, package.id, owner.staff_id, seoul(2025, 6, 14, 10))
    assert caught.value.field == "starts_at"
    with pytest.raises(NotFound):
        sessions.book(owner, client_id, uuid.uuid4(), owner.staff_id, when)
    assert count(db, TrainingSession) == 0


def test_expired_package_is_refused(
    clock: Clock, packages: PackageService, sessions: SessionService, owner: Actor,
    client_id: uuid.UUID,
) -> None:
    sold = packages.sell(owner, client_id, 500_000, 50_000, "card",
                         expires_on=date(2025, 6, 20))
    sessions.book(owner, client_id, sold.id, owner.staff_id, seoul(2025, 6, 20, 10))
    with pytest.raises(ValidationError) as caught:  # a session after the expiry date
        sessions.book(owner, client_id, sold.id, owner.staff_id, seoul(2025, 6, 21, 10))
    assert caught.value.field == "package_id"
    assert "만료" in caught.value.message_ko
    clock.advance(days=6)  # today is past the expiry date
    with pytest.raises(ValidationError) as caught:
        sessions.book(owner, client_id, sold.id, owner.staff_id, seoul(2025, 6, 21, 12))
    assert caught.value.field == "package_id"


def test_complete_no_show_cancel_and_undo_move_the_ledger_as_rules_5(
    db: Database, sessions: SessionService, owner: Actor, assistant: Actor,
    client_id: uuid.UUID, package: PackageView,
) -> None:
    a, b, c = (sessions.book(owner, client_id, package.id, owner.staff_id,
                             seoul(2025, 6, 16 + i, 10)) for i in range(3))
    assert _balance(db, package.id) == 10

    done = sessions.complete(assistant, a.id)
    assert done.status is SessionStatus.COMPLETED
    assert done.completed_at == seoul(2025, 6, 15, 10)
    assert done.remaining_sessions == 9
    assert _kinds(db, a.id) == [("complete", -1, 0)]

    assert sessions.no_show(owner, b.id).remaining_sessions == 8
    assert _kinds(db, b.id) == [("no_show", -1, 0)]

    assert sessions.cancel(owner, c.id).status is SessionStatus.CANCELLED
    assert _balance(db, package.id) == 8
    assert _kinds(db, c.id) == []

    undone = sessions.undo_completion(owner, a.id)
    assert (undone.status, undone.completed_at, undone.remaining_sessions) == (
        SessionStatus.SCHEDULED, None, 9)
    assert sessions.complete(owner, a.id).remaining_sessions == 8
    assert _kinds(db, a.id) == [("complete", -1, 0), ("undo_complete", 1, 0), ("complete", -1, 1)]
    assert _ids(db, a.id) == {session_entry_id(a.id, kind, cycle)
                              for kind, _, cycle in _kinds(db, a.id)}
    assert _ids(db, b.id) == {session_entry_id(b.id, "no_show", 0)}

    for action in (sessions.complete, sessions.no_show, sessions.cancel):
        with pytest.raises(ConflictError):
            action(owner, a.id)  # already completed
    with pytest.raises(ConflictError):
        sessions.complete(owner, c.id)  # cancelled: undo first
    booked = sessions.book(owner, client_id, package.id, owner.staff_id, seoul(2025, 6, 20, 10))
    with pytest.raises(ConflictError):
        sessions.undo(owner, booked.id)  # booked: nothing to undo


def test_a_no_show_and_a_cancel_are_undone_by_new_rows_never_edits(
    db: Database, sessions: SessionService, packages: PackageService, owner: Actor,
    client_id: uuid.UUID, package: PackageView,
) -> None:
    missed = sessions.book(owner, client_id, package.id, owner.staff_id, seoul(2025, 6, 16, 10))
    called_off = sessions.book(owner, client_id, package.id, owner.staff_id,
                               seoul(2025, 6, 17, 10))
    sessions.no_show(owner, missed.id)
    sessions.cancel(owner, called_off.id)
    assert packages.get(owner, package.id).no_show == 1

    back = sessions.undo(owner, missed.id)
    assert (back.status, back.remaining_sessions) == (SessionStatus.SCHEDULED, 10)
    assert _kinds(db, missed.id) == [("no_show", -1, 0), ("adjustment", 1, 0)]
    assert sessions.undo(owner, called_off.id).status is SessionStatus.SCHEDULED
    assert _kinds(db, called_off.id) == []  # a cancel moved nothing, its undo neither
    # The reversal counts against the no-shows, not as a bonus.
    view = packages.get(owner, package.id)
    assert (view.no_show, view.bonus, view.remaining, view.scheduled_ahead) == (0, 0, 10, 2)

    # A second round: its debit and its undo are new rows with ids of their own.
    sessions.no_show(owner, missed.id)
    sessions.undo(owner, missed.id)
    assert sessions.complete(owner, missed.id).remaining_sessions == 9
    assert _kinds(db, missed.id) == [
        ("no_show", -1, 0), ("adjustment", 1, 0), ("no_show", -1, 1), ("adjustment", 1, 1),
        ("complete", -1, 2)]
    assert _ids(db, missed.id) == {session_entry_id(missed.id, kind, cycle)
                                   for kind, _, cycle in _kinds(db, missed.id)}


def test_an_undo_that_would_overbook_or_clash_is_refused(
    db: Database, sessions: SessionService, owner: Actor, client_id: uuid.UUID,
    package: PackageView,
) -> None:
    with db.write() as s:
        put_setting(s, "no_show_consumes_credit", False)
    first = sessions.book(owner, client_id, package.id, owner.staff_id, seoul(2025, 6, 16, 10))
    sessions.cancel(owner, first.id)
    sessions.book(owner, client_id, package.id, owner.staff_id, seoul(2025, 6, 16, 10))
    with pytest.raises(ConflictError) as caught:
        sessions.undo(owner, first.id)  # the slot was booked again meanwhile
    assert caught.value.message_ko.startswith("되돌릴 수 없습니다")
    assert sessions.get(owner, first.id).status is SessionStatus.CANCELLED


def test_undo_is_refused_once_the_package_is_refunded(
    packages: PackageService, sessions: SessionService, owner: Actor, assistant: Actor,
    client_id: uuid.UUID, package: PackageView,
) -> None:
    booked = sessions.book(owner, client_id, package.id, owner.staff_id, seoul(2025, 6, 16, 10))
    sessions.complete(owner, booked.id)
    packages.refund(owner, package.id, "환불")
    with pytest.raises(ConflictError):
        sessions.undo_completion(owner, booked.id)
    assert packages.get(owner, package.id).remaining == 0
    with pytest.raises(ValidationError) as caught:  # front desk books, but does not train
        sessions.book(owner, client_id, package.id, assistant.staff_id, seoul(2025, 6, 17, 10))
    assert caught.value.field == "trainer_id"


def test_no_show_keeps_the_credit_when_the_setting_is_off(
    db: Database, sessions: SessionService, owner: Actor, client_id: uuid.UUID,
    package: PackageView,
) -> None:
    with db.write() as s:
        put_setting(s, "no_show_consumes_credit", False)
    booked = sessions.book(owner, client_id, package.id, owner.staff_id, seoul(2025, 6, 16, 10))
    assert sessions.no_show(owner, booked.id).remaining_sessions == 10
    assert _kinds(db, booked.id) == []


def test_the_same_completion_cannot_be_recorded_twice(
    db: Database, sessions: SessionService, owner: Actor, client_id: uuid.UUID,
    package: PackageView,
) -> None:
    booked = sessions.book(owner, client_id, package.id, owner.staff_id, seoul(2025, 6, 16, 10))
    sessions.complete(owner, booked.id)
    with db.write() as s:  # another desk's copy of the same completion arrives by sync
        row = s.get(TrainingSession, booked.id)
        assert row is not None
        row.status = "scheduled"
    with pytest.raises(ConflictError):
        sessions.complete(owner, booked.id)
    assert _kinds(db, booked.id) == [("complete", -1, 0)]


def test_two_offline_desks_completing_the_same_session_write_the_same_row(
    db: Database, sessions: SessionService, owner: Actor, client_id: uuid.UUID,
    package: PackageView, clock: Clock, tmp_path: Path,
) -> None:
    booked = sessions.book(owner, client_id, package.id, owner.staff_id, seoul(2025, 6, 16, 10))
    assert db.path is not None
    other_path = tmp_path / "other-desk.sqlite3"
    with sqlite3.connect(db.path) as source, sqlite3.connect(other_path) as copy:
        source.backup(copy)  # the second desk has the booking, then both go offline
    other = Database.open(other_path, device_name="second-desk")
    try:
        SessionService(other, now=clock).complete(owner, booked.id)
        sessions.complete(owner, booked.id)
        ours = _ids(db, booked.id)
        assert ours == _ids(other, booked.id) == {session_entry_id(booked.id, "complete", 0)}
    finally:
        other.close()


def test_two_processes_completing_the_same_session_write_one_ledger_row(
    db: Database, sessions: SessionService, owner: Actor, client_id: uuid.UUID,
    package: PackageView,
) -> None:
    booked = sessions.book(owner, client_id, package.id, owner.staff_id, seoul(2025, 6, 16, 10))
    assert db.path is not None
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    results: Any = context.Queue()
    children = [
        context.Process(target=complete_in_child,
                        args=(str(db.path), owner, booked.id, start, results))
        for _ in range(2)
    ]
    for child in children:
        child.start()
    start.set()
    outcomes = sorted(results.get(timeout=60) for _ in children)
    for child in children:
        child.join(timeout=60)
        assert child.exitcode == 0
    assert outcomes == ["conflict", "ok"]
    assert _kinds(db, booked.id) == [("complete", -1, 0)]
    assert sessions.get(owner, booked.id).status is SessionStatus.COMPLETED


def test_week_view_lists_by_range_and_trainer_in_one_statement(
    db: Database, clock: Clock, packages: PackageService, sessions: SessionService,
    owner: Actor, trainer: Actor, client_id: uuid.UUID, package: PackageView,
) -> None:
    other = add_client(db, clock, owner, "이영희")
    other_package = packages.sell(owner, other, 1_000_000, 50_000, "card")
    mine = [sessions.book(owner, client_id, package.id, owner.staff_id,
                          seoul(2025, 6, 16 + i, 9)) for i in range(5)]
    theirs = [sessions.book(owner, other, other_package.id, trainer.staff_id,
                            seoul(2025, 6, 16 + i, 9)) for i in range(7)]
    sessions.book(owner, other, other_package.id, trainer.staff_id, seoul(2025, 6, 23, 0, 0))
    sessions.complete(owner, mine[0].id)

    week = sessions.list_range(owner, date(2025, 6, 16), date(2025, 6, 23))
    assert len(week) == 12
    assert [v.starts_at for v in week] == sorted(v.starts_at for v in week)
    remaining = {v.package_id: v.remaining_sessions for v in week}
    assert remaining == {package.id: 9, other_package.id: 20}
    only = sessions.list_range(owner, date(2025, 6, 16), date(2025, 6, 23), trainer.staff_id)
    assert {v.id for v in only} == {v.id for v in theirs}
    # Same start: the earlier booking (smaller time-ordered id) comes first.
    assert [v.id for v in sessions.day(owner, date(2025, 6, 16))] == [mine[0].id, theirs[0].id]
    assert len(sessions.day(owner, date(2025, 6, 23))) == 1  # local midnight belongs to the 23rd

    statements: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, sql: str, params: Any, context: Any, many: bool) -> None:
        statements.append((sql, params))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        sessions.list_range(owner, date(2025, 6, 16), date(2025, 6, 23))
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    selects = [(sql, p) for sql, p in statements if sql.lstrip().upper().startswith("SELECT")]
    listing = [(sql, p) for sql, p in selects if "FROM sessions" in sql]
    assert len(listing) == 1, "the week view must be one statement (no N+1)"
    assert len(selects) <= 3  # plus the time-zone setting and the actor's staff row
    sql, params = listing[0]
    with db.engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + sql, params))
    starts_at_indexes = ("ix_sessions_starts_at", "ix_sessions_live_analytics",
                         "ix_sessions_trainer_id_starts_at")
    assert any(name + " " in plan for name in starts_at_indexes), plan


def test_list_range_rejects_long_ranges(sessions: SessionService, owner: Actor) -> None:
    assert sessions.list_range(owner, date(2025, 6, 16), date(2025, 6, 16)) == ()
    with pytest.raises(ValidationError):
        sessions.list_range(owner, date(2025, 1, 1), date(2025, 6, 1))
