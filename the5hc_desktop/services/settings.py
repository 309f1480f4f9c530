"""Gym-wide settings (rates, policies), this machine's settings (language, backup folder)
and the database backup.

Gym-wide values are synced `settings` rows; the language and the backup folder belong to
one machine (a second desk may run in English, and its disks differ) and are kept in the
local, never synced `local_settings` table. `GymSettings` shows both as one form.
"""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.business import normalize_business_number
from the5hc_desktop.domain.errors import PermissionDenied, StorageUnavailable, ValidationError
from the5hc_desktop.domain.people import format_phone, normalize_phone
from the5hc_desktop.services.base import (
    ACTOR_ROW,
    TIMEZONE_KEY,
    ServiceBase,
    actor_name,
    gym_zone,
    jsonable,
    put_setting,
    setting_value,
    to_local,
)
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, can, require
from the5hc_desktop.store.copy import copy_database
from the5hc_desktop.store.models import LocalSetting, Organization, Setting

DEMO_KEY = "demo"
# The demo gym's sign-in: services/demo.py makes that account, and the sign-in dialog of a
# demo database shows it. Kept here so that hint does not import the demo generator
# (~0.1 s at every demo start).
DEMO_SIGN_IN = ("demo", "demo1234")


@dataclass(frozen=True)
class GymSettings:
    gym_name: str
    vat_rate: Decimal
    card_fee_rate: Decimal
    no_show_consumes_credit: bool
    language: str
    idle_lock_minutes: int
    backup_folder: str
    timezone: str
    trainers_edit_any_assessment: bool
    # Sign-in lockout (docs/rules.md §6): failures before a lock, and its length.
    lockout_attempts: int = 5
    lockout_minutes: int = 30
    # Printed on receipts (Korean receipts name the business): 사업자등록번호, 대표자,
    # the gym's phone and address ("" = not set).
    business_number: str = ""
    representative: str = ""
    gym_phone: str = ""
    gym_address: str = ""


DEFAULTS = GymSettings(
    gym_name="",
    vat_rate=Decimal("0.10"),
    card_fee_rate=Decimal("0.035"),
    no_show_consumes_credit=True,
    language="ko",
    idle_lock_minutes=30,
    backup_folder="",
    timezone="Asia/Seoul",
    trainers_edit_any_assessment=False,
)
_MONEY_FIELDS = ("vat_rate", "card_fee_rate")
# Settings of this machine only, kept in `local_settings`.
LOCAL_FIELDS = ("language", "backup_folder")
# Fields kept on the gym's own row (organizations).
ORG_FIELDS = ("gym_name", "gym_phone", "gym_address")
# Every other field is one synced settings row under its own name.
_ROW_FIELDS = tuple(
    f.name for f in fields(GymSettings) if f.name not in ORG_FIELDS and f.name not in LOCAL_FIELDS
)


def _first_gym(*what: Any) -> Select[Any]:
    # A desktop database holds one gym; the oldest live row if ever several.
    return (
        select(*what)
        .where(Organization.deleted_at.is_(None))
        .order_by(Organization.created_at, Organization.id)
        .limit(1)
    )


def gym_organization(session: Session) -> Organization | None:
    """The gym (a desktop database holds one; the oldest live row if ever several)."""
    return session.scalars(_first_gym(Organization)).first()


def read_settings(session: Session) -> GymSettings:
    """Current settings inside the caller's transaction (defaults for missing rows).

    One SELECT for every settings row, one for the gym's name. Nothing is cached between
    transactions: another process (a second window, the CLI) may have changed them.
    """
    rows = session.execute(
        select(Setting.key, Setting.value)
        .where(Setting.key.in_(_ROW_FIELDS), Setting.deleted_at.is_(None))
    )
    stored: dict[str, Any] = {key: value for key, value in rows}
    local = select(LocalSetting.key, LocalSetting.value).where(LocalSetting.key.in_(LOCAL_FIELDS))
    stored |= {key: value for key, value in session.execute(local)}
    values: dict[str, Any] = {}
    for name in (*_ROW_FIELDS, *LOCAL_FIELDS):
        default = getattr(DEFAULTS, name)
        value = stored.get(name)
        values[name] = default if value is None else _coerce(name, value, default)
    gym = session.execute(_first_gym(
        Organization.name, Organization.phone, Organization.address)).first()
    name, phone, address = gym if gym is not None else ("", "", "")
    return GymSettings(gym_name=name or "", gym_phone=phone or "", gym_address=address or "",
                       **values)


@functools.lru_cache(maxsize=32)
def _values_query(names: tuple[str, ...]) -> Select[tuple[str, Any]]:
    # Built once per set of names: a save reads the same one or two settings every time.
    # `key = a OR key = b`, not `key IN (...)`: an IN list is an expanding parameter, whose
    # SQL is rendered again at every execution (a third of the cost of this read).
    return select(Setting.key, Setting.value).where(
        or_(*(Setting.key == name for name in names)), Setting.deleted_at.is_(None))


def read_gym_values(session: Session, *names: str) -> dict[str, Any]:
    """Some synced settings (fields of GymSettings), as `read_settings` gives them, in one
    SELECT: for a write that needs one or two of them. Read on the session's connection
    (a Core select: no ORM execution step, so nothing pending is flushed first)."""
    _check_synced(names)
    return _gym_values(names, dict(session.connection().execute(_values_query(names)).all()))


def check_actor_reading(session: Session, actor: Actor, *names: str) -> tuple[str, dict[str, Any]]:
    """`check_actor_in` and `read_gym_values(session, *names)` by one SELECT (the staff row
    with the settings as subqueries): what a save that needs both runs first."""
    _check_synced(names)
    row = session.connection().execute(_actor_values_query(names),
                                       {"id": actor.staff_id}).first()
    name = actor_name(row, actor)  # stale_actor() when there is no such row
    stored = {} if row is None else dict(zip(names, row[-len(names):], strict=True))
    return name, _gym_values(names, stored)


def _check_synced(names: tuple[str, ...]) -> None:
    unknown = set(names) - set(_ROW_FIELDS)
    if unknown:
        raise ValueError(f"not synced settings: {sorted(unknown)}")


def _gym_values(names: tuple[str, ...], stored: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in names:
        default = getattr(DEFAULTS, name)
        value = stored.get(name)
        values[name] = default if value is None else _coerce(name, value, default)
    return values


@functools.lru_cache(maxsize=32)
def _actor_values_query(names: tuple[str, ...]) -> Select[Any]:
    # `key` is unique (a setting's id is derived from it), so each subquery
    # gives that row's value or NULL.
    return ACTOR_ROW.add_columns(*(
        select(Setting.value).where(Setting.key == name, Setting.deleted_at.is_(None))
        .scalar_subquery() for name in names))


def _coerce(name: str, stored: Any, default: Any) -> Any:
    # Stored JSON back to the field's type; a damaged value falls back to the default.
    try:
        if isinstance(default, Decimal):
            return Decimal(str(stored))
        if isinstance(default, bool):
            return bool(stored)
        if isinstance(default, int):
            return int(stored)
        return str(stored)
    except (InvalidOperation, TypeError, ValueError):
        return default


def _invalid(field: str, ko: str, en: str) -> ValidationError:
    return ValidationError(ko, en, field=field)


def validate_settings(new: GymSettings) -> GymSettings:
    """Checked and normalised settings; ValidationError names the bad field."""
    name = (new.gym_name or "").strip()
    if not name or len(name) > 100:
        raise _invalid("gym_name", "센터 이름을 1~100자로 입력하세요.",
                       "Enter a gym name of 1–100 characters.")
    rates: dict[str, Decimal] = {}
    for field, top in (("vat_rate", Decimal("0.5")), ("card_fee_rate", Decimal("0.2"))):
        try:
            rate = Decimal(str(getattr(new, field)))
        except InvalidOperation:
            rate = Decimal(-1)
        if not rate.is_finite() or not Decimal(0) <= rate <= top:
            raise _invalid(field, f"비율은 0~{top * 100:.0f}% 사이여야 합니다.",
                           f"The rate must be between 0 and {top * 100:.0f} %.")
        rates[field] = rate.quantize(Decimal("0.0001"))
    if new.language not in ("ko", "en"):
        raise _invalid("language", "언어는 한국어 또는 영어입니다.", "Language is ko or en.")
    _check_int(new.idle_lock_minutes, "idle_lock_minutes", 1, 480)
    _check_int(new.lockout_attempts, "lockout_attempts", 1, 100)
    _check_int(new.lockout_minutes, "lockout_minutes", 1, 1440)
    try:
        ZoneInfo(new.timezone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise _invalid("timezone", "알 수 없는 시간대입니다.", "Unknown time zone.") from None
    business = _business_details(new)
    for flag in ("no_show_consumes_credit", "trainers_edit_any_assessment"):
        if not isinstance(getattr(new, flag), bool):
            raise _invalid(flag, "예/아니오 값이어야 합니다.", "Must be yes or no.")
    return GymSettings(
        gym_name=name,
        vat_rate=rates["vat_rate"],
        card_fee_rate=rates["card_fee_rate"],
        no_show_consumes_credit=new.no_show_consumes_credit,
        language=new.language,
        idle_lock_minutes=new.idle_lock_minutes,
        backup_folder=str(new.backup_folder or "").strip(),
        timezone=new.timezone,
        trainers_edit_any_assessment=new.trainers_edit_any_assessment,
        lockout_attempts=new.lockout_attempts,
        lockout_minutes=new.lockout_minutes,
        **business,
    )


def _business_details(new: GymSettings) -> dict[str, str]:
    """The receipt's business fields, checked and in their printed form."""
    number = normalize_business_number(str(new.business_number or ""))
    representative = str(new.representative or "").strip()
    if len(representative) > 50:
        raise _invalid("representative", "대표자 이름은 50자 이하로 입력하세요.",
                       "Enter a representative's name of at most 50 characters.")
    address = str(new.gym_address or "").strip()
    if len(address) > 200:
        raise _invalid("gym_address", "주소는 200자 이하로 입력하세요.",
                       "Enter an address of at most 200 characters.")
    phone = str(new.gym_phone or "").strip()
    if phone:
        try:
            phone = format_phone(normalize_phone(phone))
        except ValidationError as error:
            raise _invalid("gym_phone", error.message_ko, error.message_en) from None
    return {"business_number": number, "representative": representative,
            "gym_phone": phone, "gym_address": address}


def _check_int(value: object, field: str, lo: int, hi: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise _invalid(field, f"{lo}~{hi} 사이의 정수를 입력하세요.",
                       f"Enter a whole number from {lo} to {hi}.")


class SettingsService(ServiceBase):
    def get(self) -> GymSettings:
        """Settings as stored (no actor: the app reads them before anyone signs in)."""
        with self._db.read() as session:
            return read_settings(session)

    def is_demo(self) -> bool:
        with self._db.read() as session:
            return bool(setting_value(session, DEMO_KEY, False))

    def update(self, actor: Actor, settings: GymSettings) -> GymSettings:
        """Owner: everything; senior: everything but the money rates."""
        require(actor, Capability.EDIT_SETTINGS)
        new = validate_settings(settings)
        with self._db.write() as session:
            old = read_settings(session)
            changed = {
                f.name: [getattr(old, f.name), getattr(new, f.name)]
                for f in fields(GymSettings)
                if getattr(old, f.name) != getattr(new, f.name)
            }
            if any(key in changed for key in _MONEY_FIELDS) and not can(
                actor, Capability.EDIT_MONEY_SETTINGS
            ):
                raise PermissionDenied(
                    "요율(부가세·카드 수수료)은 소유자만 바꿀 수 있습니다.",
                    "Only the owner can change the VAT and card fee rates.",
                )
            if not changed:
                return old
            for name in _ROW_FIELDS:
                if name in changed:
                    put_setting(session, name, getattr(new, name))
            for name in LOCAL_FIELDS:
                if name in changed:
                    put_local_setting(session, name, getattr(new, name))
            org = gym_organization(session)
            if org is not None:
                org.name = new.gym_name
                org.timezone = new.timezone
                org.phone = new.gym_phone or None
                org.address = new.gym_address or None
            self._audit(session, actor, "settings_updated", "settings", None, {"changed": changed})
            return new

    def set_demo(self, actor: Actor | None, demo: bool) -> None:
        """Mark the database as demo data (used by the demo generator)."""
        with self._db.write() as session:
            put_setting(session, DEMO_KEY, demo)
            self._audit(session, actor, "settings_updated", "settings", None,
                        {"changed": {"demo": demo}})

    def backup_now(self, actor: Actor, folder: str | Path | None = None) -> Path:
        """Copy the live database with SQLite's online backup API (safe while it is open)."""
        require(actor, Capability.EDIT_SETTINGS)
        source = self._db.path
        if source is None:
            raise StorageUnavailable("서버 데이터베이스는 여기서 백업할 수 없습니다.",
                                     "A server database cannot be backed up from here.")
        with self._db.read() as session:
            configured = str(local_setting_value(session, "backup_folder", "") or "")
            zone = gym_zone(session)
        target_dir = Path(folder or configured or source.parent / "backups").expanduser()
        stamp = to_local(self.utc_now(), zone).strftime("%Y%m%d-%H%M%S")
        target = _free_name(target_dir / f"the5hc-{stamp}.sqlite3")
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
            copy_database(source, target)
        except (OSError, sqlite3.Error) as exc:
            raise StorageUnavailable(
                f"백업을 만들 수 없습니다: {exc}", f"The backup could not be written: {exc}"
            ) from exc
        with self._db.write() as session:
            self._audit(session, actor, "backup_created", "database", None, {"file": target.name})
        return target


def local_setting_value(session: Session, key: str, default: Any = None) -> Any:
    """The JSON value of one of this machine's settings, or `default`."""
    value = session.scalar(select(LocalSetting.value).where(LocalSetting.key == key))
    return default if value is None else value


def put_local_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(LocalSetting, key)
    if row is None:
        session.add(LocalSetting(key=key, value=jsonable(value)))
    else:
        row.value = jsonable(value)


def _free_name(path: Path) -> Path:
    # Two backups in the same second must not overwrite each other.
    candidate, n = path, 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate



__all__ = [
    "DEFAULTS",
    "LOCAL_FIELDS",
    "TIMEZONE_KEY",
    "GymSettings",
    "SettingsService",
    "gym_organization",
    "local_setting_value",
    "put_local_setting",
    "read_settings",
    "validate_settings",
]
