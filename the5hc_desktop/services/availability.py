"""Trainer availability: reading and editing the rules, checking a booking, free slots.

The rules themselves are `domain.availability`; this module loads them from the synced
tables (trainer_hours, availability_exceptions) and two synced settings (the gym's opening
hours and what booking outside availability does), converts instants with the gym's zone,
and applies who may edit: owner and senior for everyone, a trainer for themself.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.availability import (
    Availability,
    BookingPolicy,
    DayException,
    ExceptionKind,
    Range,
    Span,
    next_free_slots,
    outside_reason,
    unavailable_spans,
    weekly_from_json,
    weekly_to_json,
)
from the5hc_desktop.domain.credits import SessionStatus
from the5hc_desktop.domain.errors import PermissionDenied, ValidationError
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.roles import Role, trains
from the5hc_desktop.services.base import (
    ServiceBase,
    get_live,
    gym_zone,
    put_setting,
    setting_value,
    to_local,
    to_utc,
)
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.store.models import (
    MAX_DURATION_MIN,
    AvailabilityException,
    StaffAccount,
    TrainerHours,
    TrainingSession,
    trainer_hours_id,
)

OPENING_HOURS_KEY = "opening_hours"
BOOKING_POLICY_KEY = "outside_availability_booking"
TRAINER = ("트레이너", "Trainer")
DEFAULT_SLOTS = 5

WeeklyJson = Mapping[str, Sequence[Sequence[str]]]


class OutsideAvailability(ValidationError):
    """A booking outside the trainer's availability; `confirmable` when the gym's policy
    lets the user book it anyway after saying yes."""

    def __init__(self, reason: Label, confirmable: bool) -> None:
        super().__init__(reason.ko, reason.en, field="starts_at")
        self.confirmable = confirmable


@dataclass(frozen=True)
class ExceptionView:
    id: uuid.UUID
    trainer_id: uuid.UUID
    on: date
    kind: ExceptionKind
    ranges: tuple[tuple[str, str], ...]
    note: str


@dataclass(frozen=True)
class AvailabilityView:
    trainer_id: uuid.UUID
    weekly: dict[str, list[list[str]]]
    exceptions: tuple[ExceptionView, ...]


# -- loading -------------------------------------------------------------------------------------


def opening_hours(session: Session) -> Availability | None:
    stored = setting_value(session, OPENING_HOURS_KEY)
    return None if not stored else Availability(weekly_from_json(stored))


def booking_policy(session: Session) -> BookingPolicy:
    stored = setting_value(session, BOOKING_POLICY_KEY, BookingPolicy.CONFIRM.value)
    try:
        return BookingPolicy(stored)
    except ValueError:
        return BookingPolicy.CONFIRM


def _ranges(stored: Iterable[Sequence[str]]) -> tuple[Range, ...]:
    return tuple(Range.parse(a, b) for a, b in stored)


def load_rules(session: Session, trainer_id: uuid.UUID, first: date | None = None,
               last: date | None = None) -> Availability:
    """One trainer's rules; exceptions only between `first` and `last` when given."""
    hours = session.get(TrainerHours, trainer_hours_id(trainer_id))
    weekly = weekly_from_json(hours.weekly) if hours is not None and not hours.is_deleted else {}
    query = select(AvailabilityException).where(
        AvailabilityException.trainer_id == trainer_id,
        AvailabilityException.deleted_at.is_(None))
    if first is not None:
        query = query.where(AvailabilityException.on_date >= first)
    if last is not None:
        query = query.where(AvailabilityException.on_date <= last)
    exceptions = tuple(DayException(e.on_date, ExceptionKind(e.kind), _ranges(e.ranges))
                       for e in session.scalars(query))
    opening = opening_hours(session)
    return Availability(weekly, exceptions, None if opening is None else opening.weekly)


def check_booking(session: Session, trainer_id: uuid.UUID, start: datetime, end: datetime,
                  zone: ZoneInfo, *, confirmed: bool) -> None:
    """Raise OutsideAvailability when [start, end) (UTC) is outside the trainer's hours,
    unless the gym lets such bookings through and the user has confirmed."""
    local_start = to_local(start, zone).replace(tzinfo=None)
    local_end = to_local(end, zone).replace(tzinfo=None)
    rules = load_rules(session, trainer_id, local_start.date() - timedelta(days=1),
                       local_end.date())
    reason = outside_reason(rules, local_start, local_end)
    if reason is None:
        return
    confirmable = booking_policy(session) is BookingPolicy.CONFIRM
    if not (confirmable and confirmed):
        raise OutsideAvailability(reason, confirmable)


def _busy(session: Session, trainer_id: uuid.UUID, client_id: uuid.UUID | None,
          lo: datetime, hi: datetime, zone: ZoneInfo) -> list[tuple[datetime, datetime]]:
    """Scheduled sessions of the trainer or the member between two UTC instants, local."""
    who = TrainingSession.trainer_id == trainer_id
    if client_id is not None:
        who = who | (TrainingSession.client_id == client_id)
    rows = session.execute(
        select(TrainingSession.starts_at, TrainingSession.duration_min).where(
            who,
            TrainingSession.starts_at > lo - timedelta(minutes=MAX_DURATION_MIN),
            TrainingSession.starts_at < hi,
            TrainingSession.status == SessionStatus.SCHEDULED.value,
            TrainingSession.deleted_at.is_(None)))
    out = []
    for starts, minutes in rows:
        local = to_local(starts, zone).replace(tzinfo=None)
        out.append((local, local + timedelta(minutes=minutes)))
    return out


# -- the service ---------------------------------------------------------------------------------


class AvailabilityService(ServiceBase):
    def _may_edit(self, actor: Actor, trainer_id: uuid.UUID) -> None:
        if actor.role in (Role.OWNER, Role.SENIOR):
            return
        if actor.role is Role.TRAINER and actor.staff_id == trainer_id:
            return
        raise PermissionDenied("이 트레이너의 근무 시간을 바꿀 권한이 없습니다.",
                               "No permission to change this trainer's hours.")

    @staticmethod
    def _trainer(session: Session, trainer_id: uuid.UUID) -> StaffAccount:
        trainer = get_live(session, StaffAccount, trainer_id, TRAINER)
        if not trains(trainer.role):
            raise ValidationError("세션을 진행하는 직원이 아닙니다.",
                                  "This staff member does not run sessions.",
                                  field="trainer_id")
        return trainer

    # -- reading --------------------------------------------------------------------------------

    def get(self, actor: Actor, trainer_id: uuid.UUID) -> AvailabilityView:
        require(actor, Capability.VIEW_CLIENTS)
        with self._db.read() as session:
            hours = session.get(TrainerHours, trainer_hours_id(trainer_id))
            weekly = dict(hours.weekly) if hours is not None and not hours.is_deleted else {}
            rows = session.scalars(
                select(AvailabilityException).where(
                    AvailabilityException.trainer_id == trainer_id,
                    AvailabilityException.deleted_at.is_(None))
                .order_by(AvailabilityException.on_date))
            exceptions = tuple(
                ExceptionView(e.id, e.trainer_id, e.on_date, ExceptionKind(e.kind),
                              tuple((a, b) for a, b in e.ranges), e.note or "")
                for e in rows)
            return AvailabilityView(trainer_id, weekly, exceptions)

    def opening_hours(self) -> dict[str, list[list[str]]]:
        with self._db.read() as session:
            return dict(setting_value(session, OPENING_HOURS_KEY) or {})

    def policy(self) -> BookingPolicy:
        with self._db.read() as session:
            return booking_policy(session)

    def shading(self, trainer_ids: Iterable[uuid.UUID], first: date,
                last: date) -> dict[uuid.UUID, dict[date, list[Span]]]:
        """Per trainer and local day from `first` to `last`, the minutes outside availability
        (what the calendar shades)."""
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        with self._db.read() as session:
            result: dict[uuid.UUID, dict[date, list[Span]]] = {}
            for trainer_id in trainer_ids:
                rules = load_rules(session, trainer_id, first, last)
                result[trainer_id] = {d: unavailable_spans(rules, d) for d in days}
            return result

    def check(self, trainer_id: uuid.UUID, starts_at: datetime,
              duration_min: int) -> Label | None:
        """Why a booking would be outside availability (None: inside)."""
        with self._db.read() as session:
            zone = gym_zone(session)
            start = to_local(to_utc(starts_at, zone), zone).replace(tzinfo=None)
            end = start + timedelta(minutes=duration_min)
            rules = load_rules(session, trainer_id, start.date() - timedelta(days=1), end.date())
            return outside_reason(rules, start, end)

    def next_free(
        self,
        actor: Actor,
        trainer_id: uuid.UUID,
        duration_min: int,
        client_id: uuid.UUID | None = None,
        count: int = DEFAULT_SLOTS,
        after: datetime | None = None,
        horizon_days: int = 60,
    ) -> list[datetime]:
        """다음 빈 시간: the next `count` starts (aware, gym zone) inside the trainer's
        availability where neither the trainer nor the member has a session."""
        require(actor, Capability.SELL_AND_BOOK)
        with self._db.read() as session:
            zone = gym_zone(session)
            now = to_local(after if after is not None else self.utc_now(), zone)
            local_after = now.replace(tzinfo=None, second=0, microsecond=0)
            horizon = local_after + timedelta(days=horizon_days)
            rules = load_rules(session, trainer_id, local_after.date() - timedelta(days=1),
                               horizon.date())
            busy = _busy(session, trainer_id, client_id, to_utc(local_after, zone),
                         to_utc(horizon, zone), zone)
            slots = next_free_slots(rules, busy, local_after, duration_min, count,
                                    horizon_days=horizon_days)
            return [s.replace(tzinfo=zone) for s in slots]

    # -- editing --------------------------------------------------------------------------------

    def set_weekly(self, actor: Actor, trainer_id: uuid.UUID, weekly: WeeklyJson) -> None:
        self._may_edit(actor, trainer_id)
        clean = weekly_to_json(weekly_from_json(weekly))
        with self._db.write() as session:
            self._trainer(session, trainer_id)
            row = session.get(TrainerHours, trainer_hours_id(trainer_id))
            before = None if row is None or row.is_deleted else row.weekly
            if row is None:
                session.add(TrainerHours(trainer_id=trainer_id, weekly=clean))
            else:
                row.weekly = clean
                row.deleted_at = None
            self._audit(session, actor, "availability_hours_set", "trainer_hours",
                        trainer_hours_id(trainer_id),
                        {"trainer_id": trainer_id, "before": before, "after": clean})

    def add_exception(self, actor: Actor, trainer_id: uuid.UUID, on: date,
                      kind: ExceptionKind | str, ranges: Sequence[Sequence[str]] = (),
                      note: str = "") -> uuid.UUID:
        self._may_edit(actor, trainer_id)
        kind = ExceptionKind(kind)
        parsed = _ranges(ranges)
        if kind is ExceptionKind.EXTRA and not parsed:
            raise ValidationError("추가 근무 시간을 입력하세요.", "Enter the extra hours.",
                                  field="ranges")
        with self._db.write() as session:
            self._trainer(session, trainer_id)
            row = AvailabilityException(trainer_id=trainer_id, on_date=on, kind=kind.value,
                                        ranges=[r.as_text() for r in parsed],
                                        note=note.strip() or None)
            session.add(row)
            session.flush()
            self._audit(session, actor, "availability_exception_added",
                        "availability_exceptions", row.id,
                        {"trainer_id": trainer_id, "on": on, "kind": kind.value,
                         "ranges": row.ranges})
            return row.id

    def remove_exception(self, actor: Actor, exception_id: uuid.UUID) -> None:
        with self._db.write() as session:
            row = get_live(session, AvailabilityException, exception_id,
                           ("예외 일정", "Exception"))
            self._may_edit(actor, row.trainer_id)
            row.soft_delete(self.utc_now())
            self._audit(session, actor, "availability_exception_removed",
                        "availability_exceptions", row.id,
                        {"trainer_id": row.trainer_id, "on": row.on_date, "kind": row.kind})

    def set_gym_rules(self, actor: Actor, opening: WeeklyJson | None,
                      policy: BookingPolicy | str) -> None:
        """The gym's opening hours (None or empty: always open) and the booking policy."""
        require(actor, Capability.EDIT_SETTINGS)
        clean = weekly_to_json(weekly_from_json(opening)) if opening else {}
        chosen = BookingPolicy(policy)
        with self._db.write() as session:
            put_setting(session, OPENING_HOURS_KEY, clean)
            put_setting(session, BOOKING_POLICY_KEY, chosen.value)
            self._audit(session, actor, "availability_gym_rules_set", "settings", None,
                        {"opening_hours": clean, "policy": chosen.value})


__all__ = [
    "BOOKING_POLICY_KEY",
    "OPENING_HOURS_KEY",
    "AvailabilityService",
    "AvailabilityView",
    "ExceptionView",
    "OutsideAvailability",
    "booking_policy",
    "check_booking",
    "load_rules",
    "opening_hours",
]
