"""Availability: who may edit, audit rows, booking outside hours, next free slots, shading."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from service_support import audit_rows
from services_training import Clock, add_client, seoul

from the5hc_desktop.domain.availability import BookingPolicy, ExceptionKind
from the5hc_desktop.domain.errors import PermissionDenied
from the5hc_desktop.services.availability import AvailabilityService, OutsideAvailability
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.services.sessions import SessionService
from the5hc_desktop.store.database import Database

WEEKDAYS = {str(d): [["09:00", "12:00"], ["13:00", "18:00"]] for d in range(5)}
# The clock fixture: Sunday 2025-06-15 10:00 in Seoul. Monday is 06-16.


def test_editing_rights_and_audit(db: Database, clock: Clock, owner: Actor, senior: Actor,
                                  trainer: Actor, assistant: Actor) -> None:
    service = AvailabilityService(db, now=clock)
    service.set_weekly(trainer, trainer.staff_id, WEEKDAYS)  # a trainer for themself
    service.set_weekly(senior, trainer.staff_id, WEEKDAYS)  # a senior for everyone
    with pytest.raises(PermissionDenied):
        service.set_weekly(trainer, senior.staff_id, WEEKDAYS)
    with pytest.raises(PermissionDenied):
        service.set_weekly(assistant, trainer.staff_id, WEEKDAYS)
    with pytest.raises(PermissionDenied):
        service.add_exception(trainer, owner.staff_id, date(2025, 6, 20), "off")
    exception = service.add_exception(owner, trainer.staff_id, date(2025, 6, 20),
                                      ExceptionKind.VACATION, note="여름 휴가")
    view = service.get(trainer, trainer.staff_id)
    assert view.weekly == WEEKDAYS
    assert [(e.on, e.kind, e.note) for e in view.exceptions] == [
        (date(2025, 6, 20), ExceptionKind.VACATION, "여름 휴가")]
    service.remove_exception(trainer, exception)
    assert service.get(owner, trainer.staff_id).exceptions == ()
    assert len(audit_rows(db, "availability_hours_set")) == 2
    assert len(audit_rows(db, "availability_exception_added")) == 1
    assert len(audit_rows(db, "availability_exception_removed")) == 1


@pytest.fixture
def booked(db: Database, clock: Clock, owner: Actor, trainer: Actor) -> dict[str, object]:
    client = add_client(db, clock, owner, "김민수")
    other = add_client(db, clock, owner, "이영희")
    package = PackageService(db, now=clock).sell(owner, client, 1_000_000, 50_000, "card")
    other_package = PackageService(db, now=clock).sell(owner, other, 500_000, 50_000, "card")
    AvailabilityService(db, now=clock).set_weekly(owner, trainer.staff_id, WEEKDAYS)
    return {"client": client, "package": package.id, "other": other,
            "other_package": other_package.id}


def test_booking_outside_asks_or_refuses(db: Database, clock: Clock, owner: Actor,
                                         trainer: Actor, booked: dict[str, object]) -> None:
    sessions = SessionService(db, now=clock)
    args = (owner, booked["client"], booked["package"], trainer.staff_id)
    sessions.book(*args, seoul(2025, 6, 16, 9))  # inside
    with pytest.raises(OutsideAvailability) as caught:
        sessions.book(*args, seoul(2025, 6, 16, 12))  # lunch break
    assert caught.value.confirmable
    assert caught.value.message_ko == "트레이너 근무 시간이 아닙니다."
    assert caught.value.field == "starts_at"
    sessions.book(*args, seoul(2025, 6, 16, 12), outside_confirmed=True)

    AvailabilityService(db, now=clock).set_gym_rules(owner, None, BookingPolicy.REFUSE)
    with pytest.raises(OutsideAvailability) as refused:
        sessions.book(*args, seoul(2025, 6, 16, 19), outside_confirmed=True)
    assert not refused.value.confirmable


def test_opening_hours_clip_and_vacation_reason(db: Database, clock: Clock, owner: Actor,
                                                trainer: Actor,
                                                booked: dict[str, object]) -> None:
    service = AvailabilityService(db, now=clock)
    service.set_gym_rules(owner, {str(d): [["10:00", "22:00"]] for d in range(7)},
                          BookingPolicy.CONFIRM)
    assert service.check(trainer.staff_id, seoul(2025, 6, 16, 9), 60) is not None
    assert service.check(trainer.staff_id, seoul(2025, 6, 16, 10), 60) is None
    service.add_exception(owner, trainer.staff_id, date(2025, 6, 17), "vacation")
    reason = service.check(trainer.staff_id, seoul(2025, 6, 17, 10), 60)
    assert reason is not None
    assert reason.ko == "트레이너 휴가입니다."


def test_next_free_slots_avoid_trainer_and_member(db: Database, clock: Clock, owner: Actor,
                                                   trainer: Actor,
                                                   booked: dict[str, object]) -> None:
    sessions = SessionService(db, now=clock)
    # The trainer is busy 9:00 with someone else; the member 10:00 with the owner.
    sessions.book(owner, booked["other"], booked["other_package"], trainer.staff_id,
                  seoul(2025, 6, 16, 9))
    sessions.book(owner, booked["client"], booked["package"], owner.staff_id,
                  seoul(2025, 6, 16, 10))
    slots = AvailabilityService(db, now=clock).next_free(
        owner, trainer.staff_id, 60, client_id=booked["client"], count=3)  # type: ignore[arg-type]
    assert slots == [seoul(2025, 6, 16, 11), seoul(2025, 6, 16, 13),
                     seoul(2025, 6, 16, 13, 30)]
    # One click books the first of them.
    sessions.book(owner, booked["client"], booked["package"], trainer.staff_id, slots[0])


def test_shading_follows_the_gym_zone(db: Database, clock: Clock, owner: Actor,
                                      trainer: Actor, booked: dict[str, object]) -> None:
    service = AvailabilityService(db, now=clock)
    shade = service.shading([trainer.staff_id], date(2025, 6, 15), date(2025, 6, 16))
    assert shade[trainer.staff_id][date(2025, 6, 15)] == [(0, 1440)]  # Sunday: off
    assert shade[trainer.staff_id][date(2025, 6, 16)] == [(0, 540), (720, 780), (1080, 1440)]
    # A booking typed as a UTC instant is judged in local (Seoul) time: 00:00 UTC = 09:00.
    assert service.check(trainer.staff_id, datetime(2025, 6, 16, 0, 0, tzinfo=UTC), 60) is None
    assert service.check(trainer.staff_id, datetime(2025, 6, 16, 9, tzinfo=UTC), 60) is not None
