"""Recurring bookings: preview with conflicts, credits, all-or-nothing creation."""

from __future__ import annotations

import uuid
from datetime import date, time

import pytest
from services_training import Clock, add_client, count, seoul

from the5hc_desktop.domain.errors import ConflictError, ValidationError
from the5hc_desktop.domain.recurrence import Recurrence
from the5hc_desktop.services.availability import AvailabilityService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.services.sessions import SessionService, SessionStatus
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import TrainingSession

MON, WED = 0, 2
# The clock of conftest.py: Sunday 2025-06-15, 10:00 in Seoul.
MONDAY = date(2025, 6, 16)


def every_mon_wed(count_: int = 4, first: date = MONDAY) -> Recurrence:
    return Recurrence(first, frozenset({MON, WED}), time(19, 0), 60, count_)


@pytest.fixture
def sessions(db: Database, clock: Clock) -> SessionService:
    return SessionService(db, now=clock)


@pytest.fixture
def member(db: Database, clock: Clock, owner: Actor) -> uuid.UUID:
    return add_client(db, clock, owner, "김민수", "010-1234-5678")


def sold(db: Database, clock: Clock, owner: Actor, member: uuid.UUID, sessions_: int
         ) -> uuid.UUID:
    return PackageService(db, now=clock).sell(owner, member, sessions_ * 50_000, 50_000,
                                              "card").id


def test_a_clear_series_is_booked_in_one_step(
    db: Database, clock: Clock, owner: Actor, sessions: SessionService, member: uuid.UUID
) -> None:
    package = sold(db, clock, owner, member, 10)
    preview = sessions.recurring.preview(owner, member, package, owner.staff_id,
                                         every_mon_wed())
    assert [o.starts_at for o in preview.occurrences] == [
        seoul(2025, 6, 16, 19).replace(tzinfo=None), seoul(2025, 6, 18, 19).replace(tzinfo=None),
        seoul(2025, 6, 23, 19).replace(tzinfo=None), seoul(2025, 6, 25, 19).replace(tzinfo=None)]
    assert preview.conflicts == ()
    assert preview.bookable == 10
    booked = sessions.recurring.book(owner, member, package, owner.staff_id, every_mon_wed())
    assert [v.starts_at.hour for v in booked] == [19] * 4
    assert {v.status for v in booked} == {SessionStatus.SCHEDULED}
    assert [v.starts_at for v in booked] == [seoul(2025, 6, d, 19) for d in (16, 18, 23, 25)]


def test_conflicts_are_listed_and_can_be_dropped(
    db: Database, clock: Clock, owner: Actor, trainer: Actor, sessions: SessionService,
    member: uuid.UUID
) -> None:
    package = sold(db, clock, owner, member, 10)
    other = add_client(db, clock, owner, "이영희", "010-9876-4321")
    other_package = sold(db, clock, owner, other, 5)
    # The trainer is busy on Wednesday the 18th; the member has another trainer on the 23rd.
    sessions.book(owner, other, other_package, owner.staff_id, seoul(2025, 6, 18, 19, 30))
    sessions.book(owner, member, package, trainer.staff_id, seoul(2025, 6, 23, 18, 30))
    preview = sessions.recurring.preview(owner, member, package, owner.staff_id,
                                         every_mon_wed())
    assert [(o.on, o.conflict is not None) for o in preview.conflicts] == [
        (date(2025, 6, 18), True), (date(2025, 6, 23), True)]
    assert "이영희" in (preview.conflicts[0].conflict.ko if preview.conflicts[0].conflict
                      else "")
    before = count(db, TrainingSession)
    with pytest.raises(ConflictError):  # nothing written while a conflict stays
        sessions.recurring.book(owner, member, package, owner.staff_id, every_mon_wed())
    assert count(db, TrainingSession) == before
    booked = sessions.recurring.book(owner, member, package, owner.staff_id, every_mon_wed(),
                                     dropped=frozenset({date(2025, 6, 18), date(2025, 6, 23)}))
    assert [v.starts_at.date() for v in booked] == [date(2025, 6, 16), date(2025, 6, 25)]


def test_too_few_credits_write_nothing(
    db: Database, clock: Clock, owner: Actor, sessions: SessionService, member: uuid.UUID
) -> None:
    package = sold(db, clock, owner, member, 3)
    preview = sessions.recurring.preview(owner, member, package, owner.staff_id,
                                         every_mon_wed(4))
    assert preview.bookable == 3
    assert not preview.enough_credits()
    assert preview.enough_credits([date(2025, 6, 25)])
    before = count(db, TrainingSession)
    with pytest.raises(ValidationError) as caught:
        sessions.recurring.book(owner, member, package, owner.staff_id, every_mon_wed(4))
    assert caught.value.field == "package_id"
    assert "3" in caught.value.message_ko
    assert count(db, TrainingSession) == before
    assert len(sessions.recurring.book(owner, member, package, owner.staff_id,
                                       every_mon_wed(4),
                                       dropped=frozenset({date(2025, 6, 25)}))) == 3


def test_days_off_are_skipped_and_the_count_still_holds(
    db: Database, clock: Clock, owner: Actor, sessions: SessionService, member: uuid.UUID
) -> None:
    package = sold(db, clock, owner, member, 10)
    AvailabilityService(db, now=clock).add_exception(owner, owner.staff_id, date(2025, 6, 18),
                                                     "vacation", [], "")
    preview = sessions.recurring.preview(owner, member, package, owner.staff_id,
                                         every_mon_wed(4))
    assert [o.on for o in preview.occurrences] == [date(2025, 6, 16), date(2025, 6, 23),
                                                   date(2025, 6, 25), date(2025, 6, 30)]
    assert [(d, why.en) for d, why in preview.skipped] == [
        (date(2025, 6, 18), "Trainer on vacation")]


def test_a_date_in_the_past_is_a_conflict_and_refuses_the_whole_series(
    db: Database, clock: Clock, owner: Actor, sessions: SessionService, member: uuid.UUID
) -> None:
    package = sold(db, clock, owner, member, 10)
    past = Recurrence(date(2025, 6, 9), frozenset({MON}), time(19), 60, 2)
    preview = sessions.recurring.preview(owner, member, package, owner.staff_id, past)
    assert [(o.on, o.conflict.en if o.conflict else None) for o in preview.occurrences] == [
        (date(2025, 6, 9), "In the past"), (date(2025, 6, 16), None)]
    before = count(db, TrainingSession)
    with pytest.raises(ConflictError):
        sessions.recurring.book(owner, member, package, owner.staff_id, past)
    assert count(db, TrainingSession) == before


def test_bad_rules_name_their_field(
    owner: Actor, sessions: SessionService, member: uuid.UUID, db: Database, clock: Clock
) -> None:
    package = sold(db, clock, owner, member, 10)
    with pytest.raises(ValidationError) as caught:
        sessions.recurring.preview(owner, member, package, owner.staff_id,
                                   Recurrence(MONDAY, frozenset(), time(19), 60, 4))
    assert caught.value.field == "weekdays"
