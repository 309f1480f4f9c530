"""Booking and checking off training sessions (RULES §5, DOMAIN 6.4).

Credits move only through the ledger, as `domain.credits` says a status change moves them:
complete −1, no-show −1 (setting, default on), cancel nothing; every check-off can be
undone, and an undo gives a debited credit back as a new +1 row. A session's ledger row
has an id derived from (session, kind, cycle) and the ledger is UNIQUE on the three, so a
completion recorded twice — two desks, two processes — leaves one row; the loser gets a
ConflictError. A balance below zero after a sync merge is shown (overdrawn), not prevented.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import Select, String, func, select, type_coerce
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from the5hc_desktop.domain.credits import (
    STATUS_LABELS,
    SessionStatus,
    check_transition,
    credit_move,
)
from the5hc_desktop.domain.errors import ConflictError, ValidationError
from the5hc_desktop.domain.roles import trains
from the5hc_desktop.services import ledger
from the5hc_desktop.services.availability import check_booking
from the5hc_desktop.services.base import (
    ServiceBase,
    audit,
    get_live,
    gym_zone,
    local_today,
    to_local,
    to_utc,
)
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.services.settings import read_settings
from the5hc_desktop.store.codes import SESSION_STATUS
from the5hc_desktop.store.models import (
    MAX_DURATION_MIN,
    MIN_DURATION_MIN,
    Client,
    SessionPackage,
    StaffAccount,
    TrainingSession,
)
from the5hc_desktop.store.types import instant_from_storage

if TYPE_CHECKING:
    from the5hc_desktop.services.recurring_bookings import RecurringBookingService

SESSION = ("세션", "Session")
CLIENT = ("회원", "Client")
PACKAGE = ("패키지", "Package")
TRAINER = ("트레이너", "Trainer")
DEFAULT_DURATION_MIN = 60
NOTES_LIMIT = 2000
MAX_RANGE_DAYS = 62  # a month view plus its leading/trailing week rows


@dataclass(frozen=True)
class SessionView:
    id: uuid.UUID
    client_id: uuid.UUID
    client_name: str
    package_id: uuid.UUID
    package_name: str
    trainer_id: uuid.UUID
    trainer_name: str
    starts_at: datetime
    ends_at: datetime
    duration_min: int
    status: SessionStatus
    remaining_sessions: int
    notes: str
    completed_at: datetime | None


class CalendarEntry(NamedTuple):
    """A session as the calendar draws it: who, with whom, when, in which state.

    No package or balance: the calendar of a busy week holds thousands of sessions and
    summing every package's ledger for them costs more than the rest of the view. The
    selected session's full `SessionView` is loaded on its own. A named tuple: a busy
    week makes thousands, and a frozen dataclass costs several times more to build.
    """

    id: uuid.UUID
    client_id: uuid.UUID
    client_name: str
    trainer_id: uuid.UUID
    trainer_name: str
    starts_at: datetime
    ends_at: datetime
    duration_min: int
    status: SessionStatus


def _error(field: str, ko: str, en: str) -> ValidationError:
    return ValidationError(ko, en, field=field)


# -- the one listing query ---------------------------------------------------------------------

_Trainer = aliased(StaffAccount, name="trainer")

# By text, and by the stored form the calendar's driver rows carry (store/codes.py).
_STATUSES: dict[Any, SessionStatus] = {
    form: status for status in SessionStatus
    for form in (status.value, SESSION_STATUS.stored(status.value))}


def _raw(column: Any) -> Any:
    """The column as stored: no per-value result processing (`_views` parses it)."""
    return type_coerce(column, String())


def session_rows(session: Session, conditions: list[Any], zone: ZoneInfo) -> list[SessionView]:
    """Sessions matching `conditions` as views, in ONE statement.

    Client, package and trainer are joined; the package balances come from one grouped
    ledger subquery restricted to the packages of the selected sessions (no N+1). Plain
    columns are selected (no ORM objects): ids and instants arrive as stored and are parsed
    here, the repeated client/package/trainer ids once per statement.
    """
    live = [TrainingSession.deleted_at.is_(None), *conditions]
    packages_in_view = select(TrainingSession.package_id).where(*live)
    balances = ledger.balance_subquery(packages_in_view)
    query: Select[Any] = (
        select(
            _raw(TrainingSession.id),
            _raw(TrainingSession.client_id),
            Client.name,
            _raw(TrainingSession.package_id),
            SessionPackage.name,
            _raw(TrainingSession.trainer_id),
            _Trainer.display_name,
            _raw(TrainingSession.starts_at),
            TrainingSession.duration_min,
            TrainingSession.status,
            func.coalesce(balances.c.remaining, 0),
            TrainingSession.notes,
            _raw(TrainingSession.completed_at),
        )
        .select_from(TrainingSession)
        .join(Client, Client.id == TrainingSession.client_id)
        .join(SessionPackage, SessionPackage.id == TrainingSession.package_id)
        .join(_Trainer, _Trainer.id == TrainingSession.trainer_id)
        .outerjoin(balances, balances.c.package_id == TrainingSession.package_id)
        .where(*live)
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    )
    return _views(session.execute(query), zone)


def _views(rows: Any, zone: ZoneInfo) -> list[SessionView]:
    """Views of the listing's row tuples.

    A week shows few distinct members, packages, trainers and start times, so each id and
    each (start, duration) is parsed and put in the gym zone once per statement.
    """
    ids: dict[Any, uuid.UUID] = {}
    spans: dict[tuple[Any, int], tuple[datetime, datetime]] = {}
    instants: dict[Any, datetime] = {}
    views: list[SessionView] = []
    add = views.append
    for (row_id, client_id, client_name, package_id, package_name, trainer_id, trainer_name,
         starts_at, duration_min, status, remaining, notes, completed_at) in rows:
        span = spans.get((starts_at, duration_min))
        if span is None:
            starts = _instant(starts_at, zone)
            span = spans[(starts_at, duration_min)] = (
                starts, starts + timedelta(minutes=duration_min))
        if completed_at is not None:
            completed = instants.get(completed_at)
            if completed is None:
                completed = instants[completed_at] = _instant(completed_at, zone)
        else:
            completed = None
        client = ids.get(client_id) or ids.setdefault(client_id, _uuid(client_id))
        package = ids.get(package_id) or ids.setdefault(package_id, _uuid(package_id))
        trainer = ids.get(trainer_id) or ids.setdefault(trainer_id, _uuid(trainer_id))
        add(SessionView(
            id=_uuid(row_id),
            client_id=client,
            client_name=client_name,
            package_id=package,
            package_name=package_name,
            trainer_id=trainer,
            trainer_name=trainer_name,
            starts_at=span[0],
            ends_at=span[1],
            duration_min=duration_min,
            status=_STATUSES.get(status) or SessionStatus(status),
            remaining_sessions=int(remaining),
            notes=notes or "",
            completed_at=completed,
        ))
    return views


def calendar_rows(session: Session, conditions: list[Any], zone: ZoneInfo
                  ) -> list[CalendarEntry]:
    """Calendar entries matching `conditions`: sessions joined to their members only
    (trainer names come from the small staff table), by start time."""
    trainers = {_uuid(row_id): name for row_id, name in session.execute(
        select(_raw(StaffAccount.id), StaffAccount.display_name))}
    query: Select[Any] = (
        select(
            _raw(TrainingSession.id),
            _raw(TrainingSession.client_id),
            Client.name,
            _raw(TrainingSession.trainer_id),
            _raw(TrainingSession.starts_at),
            TrainingSession.duration_min,
            TrainingSession.status,
        )
        .select_from(TrainingSession)
        .join(Client, Client.id == TrainingSession.client_id)
        .where(TrainingSession.deleted_at.is_(None), *conditions)
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    )
    ids: dict[Any, uuid.UUID] = {}
    spans: dict[tuple[Any, int], tuple[datetime, datetime]] = {}
    entries: list[CalendarEntry] = []
    add = entries.append
    # The driver's own rows: no column here needs SQLAlchemy's result processing, and
    # wrapping thousands of rows costs about as much as the query itself.
    result = session.connection().execute(query)
    try:
        rows = result.cursor.fetchall()
    finally:
        result.close()
    for row_id, client_id, client_name, trainer_id, starts_at, duration_min, status in rows:
        span = spans.get((starts_at, duration_min))
        if span is None:
            starts = _instant(starts_at, zone)
            span = spans[(starts_at, duration_min)] = (
                starts, starts + timedelta(minutes=duration_min))
        client = ids.get(client_id) or ids.setdefault(client_id, _uuid(client_id))
        trainer = ids.get(trainer_id) or ids.setdefault(trainer_id, _uuid(trainer_id))
        add(CalendarEntry(_uuid(row_id), client, client_name, trainer,
                          trainers.get(trainer, ""), span[0], span[1], duration_min,
                          _STATUSES.get(status) or SessionStatus(status)))
    return entries


def _uuid(value: Any) -> uuid.UUID:
    """A stored id: 16 bytes on SQLite (store.types.DbUuid), a UUID (or its text) elsewhere."""
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, bytes):
        return uuid.UUID(bytes=value)
    if len(value) == 32:
        return uuid.UUID(int=int(value, 16))
    return uuid.UUID(value)


def _instant(value: Any, zone: ZoneInfo) -> datetime:
    """A stored instant (microseconds on SQLite, store.types.UTCDateTime; naive UTC text
    in files not yet migrated; a datetime elsewhere) in the gym zone."""
    if isinstance(value, int):
        return instant_from_storage(value).astimezone(zone)
    if isinstance(value, str):
        try:
            # Tagging the text is much cheaper than datetime.replace(tzinfo=UTC).
            return datetime.fromisoformat(value + "+00:00").astimezone(zone)
        except ValueError:  # the text already carries an offset
            value = datetime.fromisoformat(value)
    instant: datetime = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return instant.astimezone(zone)


def local_day_bounds(start: date, end: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC instants of local midnight on `start` and on `end` (exclusive)."""
    return (
        to_utc(datetime.combine(start, time.min), zone),
        to_utc(datetime.combine(end, time.min), zone),
    )


def _hhmm(value: datetime, zone: ZoneInfo) -> str:
    return to_local(value, zone).strftime("%H:%M")


class SessionService(ServiceBase):
    @property
    def recurring(self) -> RecurringBookingService:
        """Series of weekly bookings (services/recurring_bookings.py), on the same data."""
        from the5hc_desktop.services.recurring_bookings import RecurringBookingService

        return RecurringBookingService(self._db, self._now)

    # -- booking -------------------------------------------------------------------------------

    def book(
        self,
        actor: Actor,
        client_id: uuid.UUID,
        package_id: uuid.UUID,
        trainer_id: uuid.UUID,
        starts_at: datetime,
        duration_min: int = DEFAULT_DURATION_MIN,
        notes: str = "",
        outside_confirmed: bool = False,
    ) -> SessionView:
        """Book a session after the RULES §5 checks (ValidationError names the field).

        Outside the trainer's availability it raises `OutsideAvailability` unless the user
        confirmed (`outside_confirmed`) and the gym's policy lets that through."""
        require(actor, Capability.SELL_AND_BOOK)
        if isinstance(duration_min, bool) or not isinstance(duration_min, int) or not (
            MIN_DURATION_MIN <= duration_min <= MAX_DURATION_MIN
        ):
            raise _error("duration_min",
                         f"세션 시간은 {MIN_DURATION_MIN}~{MAX_DURATION_MIN}분이어야 합니다.",
                         f"The duration must be {MIN_DURATION_MIN} to {MAX_DURATION_MIN} minutes.")
        if not isinstance(starts_at, datetime):
            raise _error("starts_at", "시작 시각이 올바르지 않습니다.", "Not a valid start time.")
        text = (notes or "").strip()
        if len(text) > NOTES_LIMIT:
            raise _error("notes", f"메모는 {NOTES_LIMIT}자 이내로 입력하세요.",
                         f"Keep the notes within {NOTES_LIMIT} characters.")
        with self._db.write() as session:
            zone = gym_zone(session)
            start = to_utc(starts_at, zone).replace(microsecond=0)
            local_start = to_local(start, zone)
            today = local_today(zone, self._now)
            if local_start.date() < today:
                raise _error("starts_at", "세션 날짜는 과거일 수 없습니다.",
                             "The session date cannot be in the past.")
            client = get_live(session, Client, client_id, CLIENT)
            trainer = get_live(session, StaffAccount, trainer_id, TRAINER)
            if not trainer.active or not trains(trainer.role):
                raise _error("trainer_id", "세션을 진행할 수 있는 활성 트레이너를 선택하세요.",
                             "Choose an active trainer who can run sessions.")
            package = get_live(session, SessionPackage, package_id, PACKAGE)
            self._check_package(session, package, client, local_start.date(), today)
            end = start + timedelta(minutes=duration_min)
            self._check_overlap(session, trainer, client, start, end, zone)
            check_booking(session, trainer.id, start, end, zone, confirmed=outside_confirmed)
            row = TrainingSession(
                client_id=client.id,
                package_id=package.id,
                trainer_id=trainer.id,
                starts_at=start,
                duration_min=duration_min,
                status=SessionStatus.SCHEDULED.value,
                notes=text or None,
            )
            session.add(row)
            session.flush()
            audit(session, actor, "session_booked", "session", row.id,
                  {"client_id": client.id, "package_id": package.id, "trainer_id": trainer.id,
                   "starts_at": start, "duration_min": duration_min}, at=self.utc_now())
            return self._get(session, row.id, zone)

    def reschedule(
        self,
        actor: Actor,
        session_id: uuid.UUID,
        starts_at: datetime,
        trainer_id: uuid.UUID | None = None,
        outside_confirmed: bool = False,
    ) -> SessionView:
        """Move a booked session to `starts_at` (naive gym time or aware), optionally to
        another trainer, after the checks a new booking gets: not in the past, the package
        valid on the new date, no overlap with the member's or the trainer's other sessions,
        the trainer's availability (`OutsideAvailability` unless confirmed and allowed).
        Only a scheduled session moves; its credits do not change."""
        require(actor, Capability.SELL_AND_BOOK)
        if not isinstance(starts_at, datetime):
            raise _error("starts_at", "시작 시각이 올바르지 않습니다.", "Not a valid start time.")
        with self._db.write() as session:
            zone = gym_zone(session)
            row = get_live(session, TrainingSession, session_id, SESSION)
            if row.status != SessionStatus.SCHEDULED.value:
                raise ConflictError("예약된 세션만 옮길 수 있습니다.",
                                    "Only a booked session can be moved.")
            start = to_utc(starts_at, zone).replace(microsecond=0)
            local_start = to_local(start, zone)
            today = local_today(zone, self._now)
            if local_start.date() < today:
                raise _error("starts_at", "지난 날짜로 옮길 수 없습니다.",
                             "A session cannot be moved into the past.")
            trainer = get_live(session, StaffAccount, trainer_id or row.trainer_id, TRAINER)
            if not trainer.active or not trains(trainer.role):
                raise _error("trainer_id", "세션을 진행할 수 있는 활성 트레이너를 선택하세요.",
                             "Choose an active trainer who can run sessions.")
            client = get_live(session, Client, row.client_id, CLIENT)
            package = get_live(session, SessionPackage, row.package_id, PACKAGE)
            if package.expires_on is not None and local_start.date() > package.expires_on:
                raise _error("starts_at",
                             f"패키지 만료일({package.expires_on:%Y-%m-%d}) 이후로 옮길 수 "
                             "없습니다.",
                             f"The package expires on {package.expires_on:%Y-%m-%d}.")
            end = start + timedelta(minutes=row.duration_min)
            self._check_overlap(session, trainer, client, start, end, zone, exclude=row.id)
            check_booking(session, trainer.id, start, end, zone, confirmed=outside_confirmed)
            before = (row.starts_at, row.trainer_id)
            row.starts_at = start
            row.trainer_id = trainer.id
            session.flush()
            audit(session, actor, "session_rescheduled", "session", row.id,
                  {"from": before[0], "to": start, "from_trainer": before[1],
                   "to_trainer": trainer.id}, at=self.utc_now())
            return self._get(session, row.id, zone)

    @staticmethod
    def _check_package(
        session: Session, package: SessionPackage, client: Client, on: date, today: date,
        needed: int = 1,
    ) -> None:
        if package.client_id != client.id:
            raise _error("package_id", "선택한 패키지는 이 회원의 패키지가 아닙니다.",
                         "The selected package does not belong to this client.")
        if not package.active:
            raise _error("package_id", "비활성 패키지로는 세션을 예약할 수 없습니다.",
                         "Sessions cannot be booked on an inactive package.")
        if package.expires_on is not None and max(on, today) > package.expires_on:
            raise _error("package_id",
                         f"패키지가 만료되었습니다 (만료일 {package.expires_on:%Y-%m-%d}).",
                         f"The package has expired (expiry {package.expires_on:%Y-%m-%d}).")
        available = ledger.balance(session, package.id) - ledger.scheduled_count(
            session, package.id
        )
        if available < needed:
            if needed == 1 or available < 1:
                raise _error("package_id", "선택한 패키지에 남은 세션이 없습니다.",
                             "No sessions left in the selected package.")
            raise _error("package_id",
                         f"패키지에 예약할 수 있는 세션이 {available}회뿐입니다 ({needed}회 필요).",
                         f"The package has only {available} bookable sessions ({needed} "
                         "needed).")

    @staticmethod
    def _check_overlap(
        session: Session,
        trainer: StaffAccount,
        client: Client,
        start: datetime,
        end: datetime,
        zone: ZoneInfo,
        exclude: uuid.UUID | None = None,
    ) -> None:
        """Refuse a clash with another scheduled session of the trainer or the client.

        Candidates come from the live sessions' starts_at index (ix_sessions_live_analytics):
        a session that overlaps must start within the longest duration before `end`.
        """
        earliest = start - timedelta(minutes=MAX_DURATION_MIN)
        query = (
            select(TrainingSession, Client.name, StaffAccount.display_name)
            .join(Client, Client.id == TrainingSession.client_id)
            .join(StaffAccount, StaffAccount.id == TrainingSession.trainer_id)
            .where(
                (TrainingSession.trainer_id == trainer.id)
                | (TrainingSession.client_id == client.id),
                TrainingSession.starts_at > earliest,
                TrainingSession.starts_at < end,
                TrainingSession.status == SessionStatus.SCHEDULED.value,
                TrainingSession.deleted_at.is_(None),
            )
            .order_by(TrainingSession.starts_at)
        )
        if exclude is not None:
            query = query.where(TrainingSession.id != exclude)
        for other, other_client, other_trainer in session.execute(query):
            other_end = other.starts_at + timedelta(minutes=other.duration_min)
            if other_end <= start:
                continue
            span = f"{_hhmm(other.starts_at, zone)}–{_hhmm(other_end, zone)}"
            if other.trainer_id == trainer.id:
                raise _error(
                    "starts_at",
                    f"{trainer.display_name} 트레이너는 {span}에 이미 {other_client} 회원의 "
                    "세션이 있습니다.",
                    f"Trainer {trainer.display_name} already has a session with "
                    f"{other_client} at {span}.",
                )
            raise _error(
                "starts_at",
                f"{client.name} 회원은 {span}에 이미 {other_trainer} 트레이너와 세션이 "
                "있습니다.",
                f"{client.name} already has a session with {other_trainer} at {span}.",
            )

    # -- status changes ------------------------------------------------------------------------

    def complete(self, actor: Actor, session_id: uuid.UUID) -> SessionView:
        """scheduled → completed; ledger −1 (kind complete)."""
        return self._transition(actor, session_id, SessionStatus.COMPLETED)

    def no_show(self, actor: Actor, session_id: uuid.UUID) -> SessionView:
        """scheduled → no_show; ledger −1 when the gym's no-show setting says so."""
        return self._transition(actor, session_id, SessionStatus.NO_SHOW)

    def cancel(self, actor: Actor, session_id: uuid.UUID) -> SessionView:
        """scheduled → cancelled; no ledger effect."""
        return self._transition(actor, session_id, SessionStatus.CANCELLED)

    def undo(self, actor: Actor, session_id: uuid.UUID) -> SessionView:
        """completed | no_show | cancelled → scheduled: the check-off taken back.

        The credit comes back as a new +1 row when one was debited (RULES §5), never by
        editing the debit. The session takes its slot again, so the package must still be
        active and bookable and the slot free (ValidationError / ConflictError say why not).
        """
        return self._transition(actor, session_id, SessionStatus.SCHEDULED)

    def undo_completion(self, actor: Actor, session_id: uuid.UUID) -> SessionView:
        """completed → scheduled; ledger +1 as a new row (kind undo_complete)."""
        return self.undo(actor, session_id)

    def _transition(
        self, actor: Actor, session_id: uuid.UUID, target: SessionStatus
    ) -> SessionView:
        require(actor, Capability.SELL_AND_BOOK)
        try:
            with self._db.write() as session:
                zone = gym_zone(session)
                row = get_live(session, TrainingSession, session_id, SESSION)
                current = SessionStatus(row.status)
                check_transition(current, target)
                if target is SessionStatus.SCHEDULED:
                    self._check_rebooking(session, row, zone)
                self._move_credit(session, actor, row, current, target)
                row.status = target.value
                row.completed_at = (
                    self.utc_now() if target is SessionStatus.COMPLETED else None
                )
                # The ledger's unique key decides a race: the loser's flush fails here.
                session.flush()
                audit(session, actor, _action(current, target), "session", row.id,
                      {"from": current.value, "to": target.value}, at=self.utc_now())
                return self._get(session, row.id, zone)
        except IntegrityError as exc:
            raise ConflictError(
                "이 세션은 방금 다른 곳에서 처리되었습니다. 목록을 새로 고치세요.",
                "This session was just updated elsewhere; refresh the list.",
            ) from exc

    def _check_rebooking(self, session: Session, row: TrainingSession, zone: ZoneInfo) -> None:
        """An undo books the slot again: the package and the slot must still allow it."""
        package = get_live(session, SessionPackage, row.package_id, PACKAGE)
        if not package.active:
            raise ConflictError(
                "환불되었거나 비활성인 패키지의 세션은 되돌릴 수 없습니다.",
                "A session of a refunded or inactive package cannot be undone.",
            )
        if ledger.session_net(session, row.id) == 0:
            # Nothing comes back to the package (a cancel, a free no-show), yet the session
            # holds a credit again once booked.
            available = ledger.balance(session, package.id) - ledger.scheduled_count(
                session, package.id)
            if available < 1:
                raise ConflictError(
                    "패키지에 남은 세션이 없어 되돌릴 수 없습니다.",
                    "The package has no session left for this booking.",
                )
        trainer = get_live(session, StaffAccount, row.trainer_id, TRAINER)
        client = get_live(session, Client, row.client_id, CLIENT)
        start = row.starts_at if row.starts_at.tzinfo else row.starts_at.replace(tzinfo=UTC)
        try:
            self._check_overlap(session, trainer, client, start,
                                start + timedelta(minutes=row.duration_min), zone,
                                exclude=row.id)
        except ValidationError as clash:
            raise ConflictError(
                f"되돌릴 수 없습니다: {clash.message_ko}",
                f"Cannot undo: {clash.message_en}",
            ) from clash

    @staticmethod
    def _move_credit(
        session: Session,
        actor: Actor,
        row: TrainingSession,
        current: SessionStatus,
        target: SessionStatus,
    ) -> None:
        """Write the ledger row `domain.credits.credit_move` gives for current → target."""
        if target is SessionStatus.NO_SHOW:
            consumes = read_settings(session).no_show_consumes_credit
        elif target is SessionStatus.SCHEDULED and current is SessionStatus.NO_SHOW:
            consumes = ledger.session_net(session, row.id) < 0  # reverse only a real debit
        else:
            consumes = False
        move = credit_move(current, target, no_show_consumes_credit=consumes,
                           undos_so_far=ledger.completion_cycle(session, row.id))
        if move is None:
            return
        ledger.append(
            session, package_id=row.package_id, client_id=row.client_id, kind=move.kind.value,
            delta=move.delta, staff_id=actor.staff_id, session_id=row.id, cycle=move.cycle,
            reason=move.reason,
        )

    # -- reading -------------------------------------------------------------------------------

    def get(self, actor: Actor, session_id: uuid.UUID) -> SessionView:
        require(actor, Capability.VIEW_CLIENTS)
        with self._db.read() as session:
            return self._get(session, session_id, gym_zone(session))

    def list_range(
        self, actor: Actor, start: date, end: date, trainer_id: uuid.UUID | None = None
    ) -> tuple[SessionView, ...]:
        """Sessions starting on local days `start` ≤ day < `end`, by start time."""
        require(actor, Capability.VIEW_CLIENTS)
        if not _listable_range(start, end):
            return ()
        with self._db.read() as session:
            zone = gym_zone(session)
            return tuple(session_rows(session, _range_conditions(start, end, zone, trainer_id),
                                      zone))

    def calendar_range(
        self, actor: Actor, start: date, end: date, trainer_id: uuid.UUID | None = None
    ) -> tuple[CalendarEntry, ...]:
        """What the calendar draws for local days `start` ≤ day < `end`: the same sessions
        as `list_range`, without package and balance (see `CalendarEntry`)."""
        require(actor, Capability.VIEW_CLIENTS)
        if not _listable_range(start, end):
            return ()
        with self._db.read() as session:
            zone = gym_zone(session)
            return tuple(calendar_rows(
                session, _range_conditions(start, end, zone, trainer_id), zone))

    def day(
        self, actor: Actor, on: date, trainer_id: uuid.UUID | None = None
    ) -> tuple[SessionView, ...]:
        return self.list_range(actor, on, on + timedelta(days=1), trainer_id)

    def list_for_client(
        self, actor: Actor, client_id: uuid.UUID, limit: int = 200
    ) -> tuple[SessionView, ...]:
        """The member's latest sessions (newest last), at most `limit`."""
        require(actor, Capability.VIEW_CLIENTS)
        with self._db.read() as session:
            zone = gym_zone(session)
            newest = (
                select(TrainingSession.id)
                .where(TrainingSession.client_id == client_id,
                       TrainingSession.deleted_at.is_(None))
                .order_by(TrainingSession.starts_at.desc())
                .limit(max(1, limit))
            )
            return tuple(session_rows(session, [TrainingSession.id.in_(newest)], zone))

    @staticmethod
    def _get(session: Session, session_id: uuid.UUID, zone: ZoneInfo) -> SessionView:
        rows = session_rows(session, [TrainingSession.id == session_id], zone)
        if not rows:
            get_live(session, TrainingSession, session_id, SESSION)  # raises NotFound
        return rows[0]



def _listable_range(start: date, end: date) -> bool:
    """Whether local days `start` ≤ day < `end` hold any day (False: an empty range); a
    range given as date-times or longer than MAX_RANGE_DAYS is refused."""
    if isinstance(start, datetime) or isinstance(end, datetime):
        raise _error("start", "날짜로 지정하세요.", "Give dates, not date-times.")
    if end <= start:
        return False
    if (end - start).days > MAX_RANGE_DAYS:
        raise _error("end", f"한 번에 {MAX_RANGE_DAYS}일까지 볼 수 있습니다.",
                     f"At most {MAX_RANGE_DAYS} days can be listed at once.")
    return True

def _range_conditions(
    start: date, end: date, zone: ZoneInfo, trainer_id: uuid.UUID | None
) -> list[Any]:
    lo, hi = local_day_bounds(start, end, zone)
    conditions: list[Any] = [TrainingSession.starts_at >= lo, TrainingSession.starts_at < hi]
    if trainer_id is not None:
        conditions.append(TrainingSession.trainer_id == trainer_id)
    return conditions


_ACTIONS = {
    SessionStatus.COMPLETED: "session_completed",
    SessionStatus.NO_SHOW: "session_no_show",
    SessionStatus.CANCELLED: "session_cancelled",
}
_UNDO_ACTIONS = {
    SessionStatus.COMPLETED: "session_completion_undone",
    SessionStatus.NO_SHOW: "session_no_show_undone",
    SessionStatus.CANCELLED: "session_cancel_undone",
}


def _action(current: SessionStatus, target: SessionStatus) -> str:
    """The audit action of a status change (an undo is named by what it takes back)."""
    return _UNDO_ACTIONS[current] if target is SessionStatus.SCHEDULED else _ACTIONS[target]


__all__ = [
    "STATUS_LABELS",
    "CalendarEntry",
    "SessionService",
    "SessionStatus",
    "SessionView",
    "local_day_bounds",
    "session_rows",
]
