"""Moving a booked session (drag in the calendar): the checks of a booking, no credit moved."""

from __future__ import annotations

import uuid

import pytest
from services_training import Clock, add_client, count, seoul

from the5hc_desktop.domain.errors import ConflictError, ValidationError
from the5hc_desktop.services.availability import AvailabilityService, OutsideAvailability
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.services.sessions import SessionService, SessionStatus
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import AuditLogEntry


@pytest.fixture
def sessions(db: Database, clock: Clock) -> SessionService:
    return SessionService(db, now=clock)


@pytest.fixture
def member(db: Database, clock: Clock, owner: Actor) -> uuid.UUID:
    return add_client(db, clock, owner, "김민수", "010-1234-5678")


@pytest.fixture
def package(db: Database, clock: Clock, owner: Actor, member: uuid.UUID) -> uuid.UUID:
    return PackageService(db, now=clock).sell(owner, member, 500_000, 50_000, "card").id


def test_a_move_keeps_the_credit_and_is_audited(
    db: Database, owner: Actor, trainer: Actor, sessions: SessionService, member: uuid.UUID,
    package: uuid.UUID
) -> None:
    booked = sessions.book(owner, member, package, owner.staff_id, seoul(2025, 6, 16, 10))
    moved = sessions.reschedule(owner, booked.id, seoul(2025, 6, 17, 14, 30), trainer.staff_id)
    assert moved.starts_at == seoul(2025, 6, 17, 14, 30)
    assert moved.trainer_id == trainer.staff_id
    assert moved.status is SessionStatus.SCHEDULED
    assert moved.remaining_sessions == booked.remaining_sessions
    assert count(db, AuditLogEntry, AuditLogEntry.action == "session_rescheduled") == 1
    back = sessions.reschedule(owner, booked.id, seoul(2025, 6, 16, 10), owner.staff_id)
    assert (back.starts_at, back.trainer_id) == (booked.starts_at, booked.trainer_id)


def test_refusals_leave_the_session_where_it_was(
    db: Database, clock: Clock, owner: Actor, sessions: SessionService, member: uuid.UUID,
    package: uuid.UUID
) -> None:
    booked = sessions.book(owner, member, package, owner.staff_id, seoul(2025, 6, 16, 10))
    other = add_client(db, clock, owner, "이영희", "010-9876-4321")
    other_package = PackageService(db, now=clock).sell(owner, other, 500_000, 50_000, "card")
    sessions.book(owner, other, other_package.id, owner.staff_id, seoul(2025, 6, 16, 12))
    with pytest.raises(ValidationError) as clash:  # the trainer is busy at 12:00
        sessions.reschedule(owner, booked.id, seoul(2025, 6, 16, 11, 30))
    assert clash.value.field == "starts_at"
    assert "이영희" in clash.value.message_ko
    with pytest.raises(ValidationError):  # the past
        sessions.reschedule(owner, booked.id, seoul(2025, 6, 14, 10))
    AvailabilityService(db, now=clock).add_exception(owner, owner.staff_id,
                                                     seoul(2025, 6, 18).date(), "off", [], "")
    with pytest.raises(OutsideAvailability):
        sessions.reschedule(owner, booked.id, seoul(2025, 6, 18, 10))
    assert sessions.get(owner, booked.id).starts_at == seoul(2025, 6, 16, 10)
    # Moving next to itself is no clash with itself.
    assert sessions.reschedule(owner, booked.id, seoul(2025, 6, 16, 10, 30)).starts_at == (
        seoul(2025, 6, 16, 10, 30))


def test_only_a_booked_session_moves(
    owner: Actor, sessions: SessionService, member: uuid.UUID, package: uuid.UUID,
    clock: Clock
) -> None:
    booked = sessions.book(owner, member, package, owner.staff_id, seoul(2025, 6, 15, 11))
    sessions.complete(owner, booked.id)
    with pytest.raises(ConflictError):
        sessions.reschedule(owner, booked.id, seoul(2025, 6, 16, 11))
