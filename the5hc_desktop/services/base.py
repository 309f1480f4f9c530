"""Helpers every service shares: the audit row, live-row lookup, settings and the gym zone.

Kept small on purpose; each service module owns its own use cases.
"""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.errors import NotFound
from the5hc_desktop.domain.hangul import object_particle
from the5hc_desktop.services.boundary import checked, stale_actor
from the5hc_desktop.services.changes import ChangePublisher, DataAccess
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.zones import DEFAULT_ZONE as DEFAULT_ZONE
from the5hc_desktop.services.zones import TIMEZONE_KEY as TIMEZONE_KEY
from the5hc_desktop.services.zones import stored_zone as stored_zone
from the5hc_desktop.services.zones import to_local as to_local
from the5hc_desktop.services.zones import zone_named as zone_named
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import AuditLogEntry, Setting, StaffAccount
from the5hc_desktop.store.types import utcnow

M = TypeVar("M")
Clock = Callable[[], datetime]


class ServiceBase:
    """Holds the data access and the clock (`now` returns an aware UTC instant; tests inject).

    Given a `Database`, the service gets its own `DataAccess` (announcing to `changes`, or
    to nobody); given another service's `DataAccess`, it shares it and its publisher.
    """

    def __init__(
        self,
        database: Database | DataAccess,
        now: Clock | None = None,
        changes: ChangePublisher | None = None,
    ) -> None:
        self._db: DataAccess = (
            database if isinstance(database, DataAccess) else DataAccess(database, changes)
        )
        self._now: Clock = now or utcnow

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # The boundary (services/boundary.py): every public method checks its arguments.
        super().__init_subclass__(**kwargs)
        for name, member in list(vars(cls).items()):
            if (not name.startswith("_") and inspect.isfunction(member)
                    and not getattr(member, "__boundary_checked__", False)):
                setattr(cls, name, checked(member, _check_actor))

    def utc_now(self) -> datetime:
        value = self._now()
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)

    def gym_now(self) -> datetime:
        """Now on the gym's clock (its zone from settings, aware): the one "now" screens show,
        whatever zone the PC is set to."""
        with self._db.read() as session:
            return local_now(gym_zone(session), self._now)

    def _audit(
        self,
        session: Session,
        actor: Actor | None,
        action: str,
        entity: str | None,
        entity_id: uuid.UUID | None,
        details: Mapping[str, Any] | None = None,
    ) -> AuditLogEntry:
        """`audit` stamped with this service's clock."""
        return audit(session, actor, action, entity, entity_id, details, at=self.utc_now())

    def _audit_entry(
        self,
        actor: Actor | None,
        action: str,
        entity: str | None,
        entity_id: uuid.UUID | None,
        details: Mapping[str, Any] | None = None,
    ) -> AuditLogEntry:
        """`audit_entry` stamped with this service's clock."""
        return audit_entry(actor, action, entity, entity_id, details, at=self.utc_now())


def _check_actor(service: ServiceBase, actor: Actor) -> None:
    with service._db.read() as session:
        check_actor_in(session, actor)


# The columns the actor check needs (built once: every service call runs it; a query may
# add columns after these five).
ACTOR_ROW = select(
    StaffAccount.deleted_at, StaffAccount.active, StaffAccount.role,
    StaffAccount.display_name, StaffAccount.username,
).where(StaffAccount.id == bindparam("id"))


def check_actor_in(session: Session, actor: Actor) -> str:
    """The actor's staff row, read in `session`: live, active, and still holding the actor's
    role (the boundary's check; `checks_actor_itself` methods call it in their write).
    Returns the name the staff row shows (display name, else username)."""
    return actor_name(session.connection().execute(ACTOR_ROW, {"id": actor.staff_id}).first(),
                      actor)


def actor_name(row: Any, actor: Actor) -> str:
    """The check of `check_actor_in` on an `ACTOR_ROW` row (None: no such staff row)."""
    if not (row is not None and row.deleted_at is None and bool(row.active)
            and row.role == actor.role.value):
        raise stale_actor()
    return str(row.display_name or row.username)


def jsonable(value: Any) -> Any:
    """UUIDs, dates, Decimals and enums turned into JSON-safe text, recursively."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return str(value)


def audit(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str | None,
    entity_id: uuid.UUID | None,
    details: Mapping[str, Any] | None = None,
    *,
    at: datetime | None = None,
) -> AuditLogEntry:
    """Append one audit row (never updated or deleted). Details must hold no passwords."""
    # The row references staff by a bare foreign key (no relationship), so the unit of work
    # cannot order it after a staff row added in the same transaction: flush those first.
    session.flush()
    entry = audit_entry(actor, action, entity, entity_id, details, at=at)
    session.add(entry)
    return entry


def audit_entry(
    actor: Actor | None,
    action: str,
    entity: str | None,
    entity_id: uuid.UUID | None,
    details: Mapping[str, Any] | None = None,
    *,
    at: datetime | None = None,
) -> AuditLogEntry:
    """The row `audit` appends, in no session: for a write that inserts its rows itself
    (`stamping.insert_new`, with the rows it goes with: one stamp reservation, one chain
    lookup)."""
    return AuditLogEntry(
        actor_id=actor.staff_id if actor is not None else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        details=jsonable(dict(details or {})),
        at=at or utcnow(),
    )


def get_live(session: Session, model: type[M], row_id: uuid.UUID, what: tuple[str, str]) -> M:
    """The row with this id unless it is missing or soft-deleted; `what` is (ko, en) noun."""
    row = session.get(model, row_id)
    if row is None or getattr(row, "deleted_at", None) is not None:
        raise not_found(what)
    return row


def not_found(what: tuple[str, str]) -> NotFound:
    """The error for a missing or soft-deleted row; `what` is (ko, en) noun."""
    return NotFound(
        f"{what[0]}{object_particle(what[0])} 찾을 수 없습니다.", f"{what[1]} not found."
    )


# -- settings rows --------------------------------------------------------------------------


def setting_value(session: Session, key: str, default: Any = None) -> Any:
    """The JSON value of a live setting row, or `default`."""
    row = session.scalar(select(Setting).where(Setting.key == key, Setting.deleted_at.is_(None)))
    return default if row is None else row.value


def put_setting(session: Session, key: str, value: Any) -> None:
    """Create or replace one setting (a tombstoned row is revived: `key` is unique)."""
    row = session.scalar(select(Setting).where(Setting.key == key))
    if row is None:
        session.add(Setting(key=key, value=jsonable(value)))
    else:
        row.value = jsonable(value)
        row.deleted_at = None


# -- the gym's time zone ----------------------------------------------------------------------


def gym_zone(session: Session | None = None) -> ZoneInfo:
    """The gym's zone from settings (default Asia/Seoul)."""
    if session is None:
        return ZoneInfo(DEFAULT_ZONE)
    return stored_zone(setting_value(session, TIMEZONE_KEY))


def to_utc(value: datetime, zone: ZoneInfo | None = None) -> datetime:
    """An aware UTC datetime; a naive input is local gym time (what the user typed)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone or ZoneInfo(DEFAULT_ZONE))
    return value.astimezone(UTC)


def local_now(zone: ZoneInfo | None = None, now: Clock | None = None) -> datetime:
    """The current time in the gym zone."""
    return to_local((now or utcnow)(), zone)


def local_today(zone: ZoneInfo | None = None, now: Clock | None = None) -> date:
    """Today's calendar date in the gym zone."""
    return local_now(zone, now).date()
