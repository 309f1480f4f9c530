"""Recurring bookings ("매주 월·수 19:00, 10회"): a preview of every date, then one write.

`preview` expands the rule (`domain.recurrence`), stepping over the days the trainer's
availability says are closed, and checks each date as a single booking would be checked:
package (active, not expired on that date), overlaps with the member's and the trainer's
booked sessions, the trainer's hours. It also says how many sessions the package still has
free for new bookings. The desk drops the conflicting dates it does not want and `book`
creates the rest in ONE transaction: every check runs again inside it, and any refusal —
a clash that appeared meanwhile, too few credits — writes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from the5hc_desktop.domain.errors import ConflictError, ValidationError
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.recurrence import Recurrence, closed_days, expand
from the5hc_desktop.domain.roles import trains
from the5hc_desktop.services import ledger
from the5hc_desktop.services.availability import OutsideAvailability, check_booking, load_rules
from the5hc_desktop.services.base import (
    ServiceBase,
    audit,
    get_live,
    gym_zone,
    local_today,
    to_utc,
)
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.services.sessions import (
    CLIENT,
    PACKAGE,
    TRAINER,
    SessionService,
    SessionStatus,
    SessionView,
)
from the5hc_desktop.store.models import (
    MAX_DURATION_MIN,
    MIN_DURATION_MIN,
    Client,
    SessionPackage,
    StaffAccount,
    TrainingSession,
)


@dataclass(frozen=True)
class Occurrence:
    starts_at: datetime  # naive gym time
    ends_at: datetime
    conflict: Label | None = None  # why it cannot be booked as it stands
    confirmable: bool = False  # the conflict is only "outside hours" and the gym lets it be

    @property
    def on(self) -> date:
        return self.starts_at.date()


@dataclass(frozen=True)
class SeriesPreview:
    rule: Recurrence
    occurrences: tuple[Occurrence, ...]
    skipped: tuple[tuple[date, Label], ...]
    bookable: int  # sessions the package still has free for new bookings

    @property
    def conflicts(self) -> tuple[Occurrence, ...]:
        return tuple(o for o in self.occurrences if o.conflict is not None)

    def enough_credits(self, dropped: Iterable[date] = ()) -> bool:
        gone = set(dropped)
        return sum(1 for o in self.occurrences if o.on not in gone) <= self.bookable


class RecurringBookingService(ServiceBase):
    def preview(self, actor: Actor, client_id: uuid.UUID, package_id: uuid.UUID,
                trainer_id: uuid.UUID, rule: Recurrence) -> SeriesPreview:
        """Every date of the series with what stands in its way (nothing is written)."""
        require(actor, Capability.SELL_AND_BOOK)
        _check_duration(rule.duration_min)
        with self._db.read() as session:
            client, package, trainer = _parties(session, client_id, package_id, trainer_id)
            return self._preview(session, client, package, trainer, rule)

    def book(self, actor: Actor, client_id: uuid.UUID, package_id: uuid.UUID,
             trainer_id: uuid.UUID, rule: Recurrence, dropped: frozenset[date] = frozenset(),
             outside_confirmed: bool = False) -> tuple[SessionView, ...]:
        """Book every date of the series but `dropped`, all or nothing.

        Raises ConflictError listing the dates still in conflict, ValidationError when the
        package has too few sessions; in both cases nothing is written."""
        require(actor, Capability.SELL_AND_BOOK)
        _check_duration(rule.duration_min)
        with self._db.write() as session:
            zone = gym_zone(session)
            client, package, trainer = _parties(session, client_id, package_id, trainer_id)
            preview = self._preview(session, client, package, trainer, rule)
            chosen = [o for o in preview.occurrences if o.on not in dropped]
            if not chosen:
                raise ValidationError("예약할 날짜가 없습니다.", "No dates left to book.",
                                      field="dropped")
            blocking = [o for o in chosen if o.conflict is not None
                        and not (o.confirmable and outside_confirmed)]
            if blocking:
                days = ", ".join(f"{o.starts_at:%m-%d}" for o in blocking)
                raise ConflictError(f"겹치거나 예약할 수 없는 날짜가 있습니다: {days}",
                                    f"Some dates clash or cannot be booked: {days}")
            today = local_today(zone, self._now)
            SessionService._check_package(session, package, client, chosen[0].on, today,
                                          needed=len(chosen))
            rows = []
            for occurrence in chosen:
                start = to_utc(occurrence.starts_at, zone).replace(microsecond=0)
                end = start + timedelta(minutes=rule.duration_min)
                # Each new row is flushed, so the next date's overlap check sees it too.
                SessionService._check_overlap(session, trainer, client, start, end, zone)
                row = TrainingSession(client_id=client.id, package_id=package.id,
                                      trainer_id=trainer.id, starts_at=start,
                                      duration_min=rule.duration_min,
                                      status=SessionStatus.SCHEDULED.value)
                session.add(row)
                session.flush()
                rows.append(row)
            series = uuid.uuid4()
            for row in rows:
                audit(session, actor, "session_booked", "session", row.id,
                      {"client_id": client.id, "package_id": package.id,
                       "trainer_id": trainer.id, "starts_at": row.starts_at,
                       "duration_min": rule.duration_min, "series": series},
                      at=self.utc_now())
            return tuple(SessionService._get(session, row.id, zone) for row in rows)

    def _preview(self, session: Session, client: Client, package: SessionPackage,
                 trainer: StaffAccount, rule: Recurrence) -> SeriesPreview:
        zone = gym_zone(session)
        today = local_today(zone, self._now)
        last = rule.until or rule.first_day + timedelta(days=400)
        rules = load_rules(session, trainer.id, rule.first_day, last)
        expansion = expand(rule, closed_days(rules))
        occurrences = []
        for start in expansion.starts:
            end = start + timedelta(minutes=rule.duration_min)
            occurrences.append(self._check_date(session, client, package, trainer, start, end,
                                                today, zone))
        bookable = ledger.balance(session, package.id) - ledger.scheduled_count(
            session, package.id)
        return SeriesPreview(rule, tuple(occurrences), expansion.skipped, max(bookable, 0))

    @staticmethod
    def _check_date(session: Session, client: Client, package: SessionPackage,
                    trainer: StaffAccount, start: datetime, end: datetime, today: date,
                    zone: ZoneInfo) -> Occurrence:
        if start.date() < today:
            return Occurrence(start, end, Label("지난 날짜", "In the past"))
        if package.expires_on is not None and start.date() > package.expires_on:
            return Occurrence(start, end, Label(
                f"패키지 만료 후 ({package.expires_on:%Y-%m-%d})",
                f"After the package expires ({package.expires_on:%Y-%m-%d})"))
        utc_start, utc_end = to_utc(start, zone), to_utc(end, zone)
        try:
            SessionService._check_overlap(session, trainer, client, utc_start, utc_end, zone)
        except ValidationError as clash:
            return Occurrence(start, end, Label(clash.message_ko, clash.message_en))
        try:
            check_booking(session, trainer.id, utc_start, utc_end, zone, confirmed=False)
        except OutsideAvailability as outside:
            return Occurrence(start, end, Label(outside.message_ko, outside.message_en),
                              confirmable=outside.confirmable)
        return Occurrence(start, end)


def _check_duration(minutes: int) -> None:
    if isinstance(minutes, bool) or not MIN_DURATION_MIN <= minutes <= MAX_DURATION_MIN:
        raise ValidationError(
            f"세션 시간은 {MIN_DURATION_MIN}~{MAX_DURATION_MIN}분이어야 합니다.",
            f"The duration must be {MIN_DURATION_MIN} to {MAX_DURATION_MIN} minutes.",
            field="duration_min")


def _parties(session: Session, client_id: uuid.UUID, package_id: uuid.UUID,
             trainer_id: uuid.UUID) -> tuple[Client, SessionPackage, StaffAccount]:
    client = get_live(session, Client, client_id, CLIENT)
    trainer = get_live(session, StaffAccount, trainer_id, TRAINER)
    if not trainer.active or not trains(trainer.role):
        raise ValidationError("세션을 진행할 수 있는 활성 트레이너를 선택하세요.",
                              "Choose an active trainer who can run sessions.",
                              field="trainer_id")
    package = get_live(session, SessionPackage, package_id, PACKAGE)
    if package.client_id != client.id:
        raise ValidationError("선택한 패키지는 이 회원의 패키지가 아닙니다.",
                              "The selected package does not belong to this client.",
                              field="package_id")
    if not package.active:
        raise ValidationError("비활성 패키지로는 세션을 예약할 수 없습니다.",
                              "Sessions cannot be booked on an inactive package.",
                              field="package_id")
    return client, package, trainer
