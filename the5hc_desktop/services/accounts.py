"""Sign-in, lockout, staff accounts and roles (docs/rules.md §6, docs/domain.md 9).

Failed attempts, locks and the last sign-in are this device's own bookkeeping
(`StaffSignInState`, not synced). Usernames and e-mails are unique among accounts by this
service's checks, not by the database: the same username made on two offline desks arrives
by sync as two accounts, and signing in with it then fails with `AmbiguousLogin`, asking the
owner to rename one (docs/username-conflicts.md).
"""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from the5hc_desktop.domain import roles
from the5hc_desktop.domain.errors import (
    AuthenticationError,
    ConflictError,
    PermissionDenied,
    ValidationError,
)
from the5hc_desktop.services import passwords
from the5hc_desktop.services.base import (
    ServiceBase,
    get_live,
    gym_zone,
    setting_value,
    to_local,
)
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.permissions import Capability, can, require
from the5hc_desktop.services.settings import DEMO_KEY, gym_organization, read_settings
from the5hc_desktop.store.models import Organization, StaffAccount, StaffSignInState

_STAFF = ("직원 계정", "Staff account")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_USERNAME = re.compile(r"^[\w.@+-]{2,150}$")


@dataclass(frozen=True)
class StaffView:
    id: uuid.UUID
    username: str
    email: str | None
    display_name: str
    role: Role
    active: bool
    locked_until: datetime | None
    last_login: datetime | None
    must_change_password: bool


def check_password_rules(password: str, field: str = "password") -> None:
    """At least 8 characters, not digits only (docs/domain.md 9.2)."""
    if not isinstance(password, str) or len(password) < 8:
        raise ValidationError(
            "비밀번호는 최소 8자 이상이어야 합니다.",
            "The password must have at least 8 characters.",
            field=field,
        )
    if password.isdigit():
        raise ValidationError(
            "비밀번호는 숫자로만 이루어질 수 없습니다.",
            "The password cannot be entirely numeric.",
            field=field,
        )


def _clean_username(username: str) -> str:
    text = (username or "").strip()
    if not _USERNAME.match(text):
        raise ValidationError(
            "사용자명은 2~150자의 글자, 숫자, . _ @ + - 만 쓸 수 있습니다.",
            "A username has 2–150 letters, digits or . _ @ + -.",
            field="username",
        )
    return text


def _clean_display_name(name: str) -> str:
    text = (name or "").strip()
    if not text or len(text) > 200:
        raise ValidationError(
            "이름을 입력하세요 (200자 이내).", "Enter a name (up to 200 characters).",
            field="display_name",
        )
    return text


def _clean_email(email: str | None) -> str | None:
    text = (email or "").strip()
    if not text:
        return None
    if len(text) > 254 or not _EMAIL.match(text):
        raise ValidationError(
            "올바른 이메일 형식이 아닙니다.", "Not a valid e-mail address.", field="email"
        )
    return text.lower()


def _parse_role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValidationError("알 수 없는 역할입니다.", "Unknown role.", field="role") from None


class SignInError(AuthenticationError):
    """A refused sign-in; `locked_until` (aware, gym zone) is set when the account is locked."""

    def __init__(
        self, message_ko: str, message_en: str, *, locked_until: datetime | None = None
    ) -> None:
        super().__init__(message_ko, message_en)
        self.locked_until = locked_until


def _invalid_login() -> SignInError:
    return SignInError(
        "잘못된 이메일 또는 사용자명, 비밀번호입니다.", "Invalid e-mail or username, or password."
    )


def _locked_error(until: datetime, session: Session) -> SignInError:
    local = to_local(until, gym_zone(session))
    return SignInError(
        f"너무 많은 로그인 시도로 계정이 잠겼습니다. {local:%H:%M}까지 기다려주세요.",
        f"Account is locked after too many failed attempts. Try again after {local:%H:%M}.",
        locked_until=local,
    )


class AmbiguousLogin(SignInError):
    """Two live accounts answer to the typed username or e-mail (made on two offline desks)."""


def _ambiguous_error(typed: str) -> AmbiguousLogin:
    return AmbiguousLogin(
        f"'{typed}' 계정이 두 개 있습니다 (서로 다른 PC에서 같은 이름으로 만들어졌습니다). "
        "소유자가 설정 → 직원에서 한 계정의 사용자명을 바꾼 뒤 다시 로그인하세요.",
        f"Two accounts use '{typed}' (created on two computers with the same name). "
        "The owner must rename one in Settings → Staff; then sign in again.",
    )


def _inactive_error() -> SignInError:
    return SignInError("이 계정은 비활성화되었습니다.", "This account is deactivated.")


class AccountService(ServiceBase):
    # -- first run -----------------------------------------------------------------------

    def needs_first_run(self) -> bool:
        """True until the gym and its owner exist."""
        with self._db.read() as session:
            return self._first_run(session)

    def is_demo(self) -> bool:
        """True when the demo generator made this database."""
        with self._db.read() as session:
            return bool(setting_value(session, DEMO_KEY, False))

    def create_gym_and_owner(
        self,
        gym_name: str,
        display_name: str,
        username: str,
        password: str,
        email: str | None = None,
    ) -> StaffView:
        name = (gym_name or "").strip()
        if not name or len(name) > 100:
            raise ValidationError(
                "센터 이름을 1~100자로 입력하세요.", "Enter a gym name of 1–100 characters.",
                field="gym_name",
            )
        display = _clean_display_name(display_name)
        login = _clean_username(username)
        mail = _clean_email(email)
        check_password_rules(password)
        password_hash = passwords.hash_password(password)
        with self._db.write() as session:
            if not self._first_run(session):
                raise ConflictError(
                    "센터와 소유자 계정이 이미 만들어져 있습니다.",
                    "The gym and its owner already exist.",
                )
            _check_unique(session, login, mail)
            org = gym_organization(session)
            if org is None:
                org = Organization(name=name)
                session.add(org)
                self._audit(session, None, "organization_created", "organization", org.id, {})
            else:
                org.name = name
            owner = StaffAccount(
                organization_id=org.id,
                username=login,
                email=mail,
                display_name=display,
                role=Role.OWNER.value,
                password_hash=password_hash,
                must_change_password=False,
                active=True,
            )
            session.add(owner)
            actor = Actor(owner.id, Role.OWNER, display, login)
            self._audit(session, actor, "trainer_created", "staff", owner.id, {"role": "owner"})
            return self._view(session, owner)

    def _first_run(self, session: Session) -> bool:
        count = session.scalar(
            select(func.count()).select_from(StaffAccount).where(StaffAccount.deleted_at.is_(None))
        )
        return not count

    # -- signing in ------------------------------------------------------------------------

    def sign_in(self, login: str, password: str) -> Actor:
        """Actor for good credentials; AuthenticationError otherwise (every attempt audited).

        The failure is recorded in its own committed transaction before the error is raised,
        so a raised error never rolls the counter or the audit row back.
        """
        typed = (login or "").strip()
        with self._db.write() as session:
            outcome = self._attempt(session, typed, password, context="sign_in")
        if isinstance(outcome, SignInError):
            raise outcome
        return outcome

    def verify_password(self, actor: Actor, password: str) -> bool:
        """Re-enter the password to unlock an idle window (audited, counts failures)."""
        with self._db.write() as session:
            account = session.get(StaffAccount, actor.staff_id)
            if account is None or account.deleted_at is not None:
                return False
            outcome = self._attempt(session, account.username, password, context="idle_unlock",
                                    account=account)
        return isinstance(outcome, Actor) and outcome.staff_id == actor.staff_id

    def _attempt(
        self,
        session: Session,
        typed: str,
        password: str,
        *,
        context: str,
        account: StaffAccount | None = None,
    ) -> Actor | SignInError:
        now = self.utc_now()
        if account is None:
            matches = self._find_login(session, typed)
            if len(matches) > 1:
                self._audit(session, None, "login_failed", "staff", None,
                            {"login": typed[:150], "reason": "ambiguous", "context": context})
                return _ambiguous_error(typed)
            account = matches[0] if matches else None
        if account is None:
            # What was typed is not a username (often a password typed into the wrong box):
            # it is not stored. The hash check runs anyway, so the answer takes as long.
            passwords.spend_verify_time(password)
            self._audit(session, None, "login_failed", "staff", None,
                        {"reason": "unknown", "context": context})
            return _invalid_login()
        settings = read_settings(session)
        details: dict[str, Any] = {"login": typed[:150], "context": context}
        actor = Actor(account.id, _role_of(account), account.display_name or account.username,
                      account.username)
        state = sign_in_state(session, account.id)
        if state.locked_until is not None:
            if state.locked_until > now:  # the lock is checked before the password
                self._audit(session, actor, "login_failed", "staff", account.id,
                            details | {"reason": "locked"})
                return _locked_error(state.locked_until, session)
            state.locked_until = None  # the lock expired: start counting afresh
            state.failed_attempts = 0
        if not passwords.verify_password(account.password_hash, password):
            state.failed_attempts = (state.failed_attempts or 0) + 1
            reason = "wrong_password"
            if state.failed_attempts >= settings.lockout_attempts:
                state.locked_until = now + timedelta(minutes=settings.lockout_minutes)
                reason = "locked_now"
            self._audit(session, actor, "login_failed", "staff", account.id,
                        details | {"reason": reason, "attempts": state.failed_attempts})
            if state.locked_until is not None:
                return _locked_error(state.locked_until, session)
            return _invalid_login()
        if not account.active:
            self._audit(session, actor, "login_failed", "staff", account.id,
                        details | {"reason": "inactive"})
            return _inactive_error()
        rehashed = passwords.needs_rehash(account.password_hash)
        if rehashed:
            account.password_hash = passwords.hash_password(password)
        state.failed_attempts = 0
        state.locked_until = None
        if context == "sign_in":
            state.last_login = now
        self._audit(session, actor, "login_success", "staff", account.id,
                    details | {"rehashed": rehashed})
        return actor

    def _find_login(self, session: Session, typed: str) -> list[StaffAccount]:
        """Live accounts answering to `typed` (two only after a sync merged twin accounts)."""
        if not typed:
            return []
        if "@" in typed:
            condition = func.lower(StaffAccount.email) == typed.lower()
        else:
            condition = StaffAccount.username == typed
        return list(session.scalars(
            select(StaffAccount).where(condition, StaffAccount.deleted_at.is_(None)).limit(2)
        ))

    def change_password(self, actor: Actor, old: str, new: str) -> None:
        check_password_rules(new, field="new_password")
        if old == new:
            raise ValidationError(
                "새 비밀번호가 현재 비밀번호와 같습니다.",
                "The new password is the same as the current one.",
                field="new_password",
            )
        new_hash = passwords.hash_password(new)
        with self._db.write() as session:
            account = get_live(session, StaffAccount, actor.staff_id, _STAFF)
            if not passwords.verify_password(account.password_hash, old):
                raise ValidationError(
                    "현재 비밀번호가 올바르지 않습니다.", "The current password is wrong.",
                    field="old_password",
                )
            account.password_hash = new_hash
            account.must_change_password = False
            self._audit(session, actor, "password_changed", "staff", account.id, {"by": "self"})

    # -- staff management -------------------------------------------------------------------

    def me(self, actor: Actor) -> StaffView:
        """The signed-in member's own account (any role may read it)."""
        with self._db.read() as session:
            row = get_live(session, StaffAccount, actor.staff_id, _STAFF)
            return self._view(session, row)

    def list_staff(self, actor: Actor) -> tuple[StaffView, ...]:
        require(actor, Capability.MANAGE_STAFF)
        with self._db.read() as session:
            rows = session.scalars(
                select(StaffAccount).where(StaffAccount.deleted_at.is_(None))
                .order_by(StaffAccount.display_name, StaffAccount.username)
            ).all()
            return tuple(self._view(session, row) for row in rows)

    def trainers(self, actor: Actor) -> tuple[StaffView, ...]:
        """Active staff who can be responsible for clients and sessions (not front desk)."""
        require(actor, Capability.VIEW_CLIENTS)
        with self._db.read() as session:
            rows = session.scalars(
                select(StaffAccount)
                .where(
                    StaffAccount.deleted_at.is_(None),
                    StaffAccount.active.is_(True),
                    StaffAccount.role.in_(roles.TRAINING_ROLE_VALUES),
                )
                .order_by(StaffAccount.display_name, StaffAccount.username)
            ).all()
            return tuple(self._view(session, row) for row in rows)

    def grantable_roles(self, actor: Actor) -> tuple[Role, ...]:
        """Roles the actor may give when adding staff or changing a role (none without
        the staff-management permission)."""
        if not can(actor, Capability.MANAGE_STAFF):
            return ()
        return roles.grantable_roles(actor.role)

    def may_manage(self, actor: Actor, staff: StaffView) -> bool:
        """Whether the actor may change this staff member (role, active, password)."""
        return can(actor, Capability.MANAGE_STAFF) and roles.may_manage(actor.role, staff.role)

    def add_staff(
        self,
        actor: Actor,
        username: str,
        display_name: str,
        role: Role | str,
        password: str,
        email: str | None = None,
    ) -> StaffView:
        require(actor, Capability.MANAGE_STAFF)
        new_role = _parse_role(role)
        _check_may_grant(actor, new_role)
        login = _clean_username(username)
        display = _clean_display_name(display_name)
        mail = _clean_email(email)
        check_password_rules(password)
        password_hash = passwords.hash_password(password)
        with self._db.write() as session:
            _check_unique(session, login, mail)
            org = gym_organization(session)
            if org is None:
                raise ConflictError("센터가 아직 없습니다.", "The gym has not been set up yet.")
            staff = StaffAccount(
                organization_id=org.id,
                username=login,
                email=mail,
                display_name=display,
                role=new_role.value,
                password_hash=password_hash,
                must_change_password=True,
                active=True,
            )
            session.add(staff)
            self._audit(session, actor, "trainer_created", "staff", staff.id,
                        {"role": new_role.value})
            return self._view(session, staff)

    def set_role(self, actor: Actor, staff_id: uuid.UUID, role: Role | str) -> StaffView:
        require(actor, Capability.MANAGE_STAFF)
        new_role = _parse_role(role)
        _check_may_grant(actor, new_role)
        with self._db.write() as session:
            staff = get_live(session, StaffAccount, staff_id, _STAFF)
            _check_may_manage(actor, staff)
            old_role = _role_of(staff)
            if old_role is Role.OWNER and new_role is not Role.OWNER:
                _check_not_last_owner(session, staff)
            if old_role is not new_role:
                staff.role = new_role.value
                self._audit(session, actor, "trainer_updated", "staff", staff.id,
                            {"role": [old_role.value, new_role.value]})
            return self._view(session, staff)

    def set_active(self, actor: Actor, staff_id: uuid.UUID, active: bool) -> StaffView:
        """Deactivate or reactivate; never oneself, never the last active owner."""
        require(actor, Capability.MANAGE_STAFF)
        with self._db.write() as session:
            staff = get_live(session, StaffAccount, staff_id, _STAFF)
            _check_may_manage(actor, staff)
            if staff.id == actor.staff_id:
                raise ConflictError(
                    "자신의 계정은 비활성화할 수 없습니다.", "You cannot deactivate yourself."
                )
            if not active and _role_of(staff) is Role.OWNER:
                _check_not_last_owner(session, staff)
            if staff.active != active:
                staff.active = active
                action = "trainer_activated" if active else "trainer_deactivated"
                self._audit(session, actor, action, "staff", staff.id, {})
            return self._view(session, staff)

    def rename(self, actor: Actor, staff_id: uuid.UUID, username: str) -> StaffView:
        """A new username (unique among accounts; resolves twins made on two desks)."""
        require(actor, Capability.MANAGE_STAFF)
        login = _clean_username(username)
        with self._db.write() as session:
            staff = get_live(session, StaffAccount, staff_id, _STAFF)
            _check_may_manage(actor, staff)
            if staff.username != login:
                _check_unique(session, login, None, exclude=staff.id)
                old = staff.username
                staff.username = login
                self._audit(session, actor, "trainer_updated", "staff", staff.id,
                            {"username": [old, login]})
            return self._view(session, staff)

    def reset_password(self, actor: Actor, staff_id: uuid.UUID) -> str:
        """A temporary password that must be changed at the next sign-in (shown once)."""
        require(actor, Capability.MANAGE_STAFF)
        temporary = _temporary_password()
        new_hash = passwords.hash_password(temporary)
        with self._db.write() as session:
            staff = get_live(session, StaffAccount, staff_id, _STAFF)
            _check_may_manage(actor, staff)
            staff.password_hash = new_hash
            staff.must_change_password = True
            _clear_lock(session, staff.id)
            self._audit(session, actor, "password_changed", "staff", staff.id, {"by": "reset"})
        return temporary

    def unlock(self, actor: Actor, staff_id: uuid.UUID) -> StaffView:
        require(actor, Capability.MANAGE_STAFF)
        with self._db.write() as session:
            staff = get_live(session, StaffAccount, staff_id, _STAFF)
            _check_may_manage(actor, staff)
            _clear_lock(session, staff.id)
            self._audit(session, actor, "trainer_updated", "staff", staff.id, {"unlocked": True})
            return self._view(session, staff)

    # -- views ------------------------------------------------------------------------------------

    def _view(self, session: Session, row: StaffAccount) -> StaffView:
        zone = gym_zone(session)
        now = self.utc_now()
        state = session.get(StaffSignInState, row.id)
        until = state.locked_until if state is not None else None
        last_login = state.last_login if state is not None else None
        locked = until if until is not None and until > now else None
        return StaffView(
            id=row.id,
            username=row.username,
            email=row.email,
            display_name=row.display_name or row.username,
            role=_role_of(row),
            active=bool(row.active),
            locked_until=to_local(locked, zone) if locked else None,
            last_login=to_local(last_login, zone) if last_login else None,
            must_change_password=bool(row.must_change_password),
        )


def _role_of(row: StaffAccount) -> Role:
    return Role(row.role)


def _check_may_grant(actor: Actor, role: Role) -> None:
    if not roles.may_grant(actor.role, role):
        raise PermissionDenied(
            "소유자 역할은 소유자만 부여할 수 있습니다.", "Only an owner can grant the owner role."
        )


def _check_may_manage(actor: Actor, staff: StaffAccount) -> None:
    if not roles.may_manage(actor.role, _role_of(staff)):
        raise PermissionDenied(
            "소유자 계정은 소유자만 관리할 수 있습니다.", "Only an owner can manage an owner."
        )


def _check_not_last_owner(session: Session, staff: StaffAccount) -> None:
    others = session.scalar(
        select(func.count()).select_from(StaffAccount).where(
            StaffAccount.deleted_at.is_(None),
            StaffAccount.active.is_(True),
            StaffAccount.role == Role.OWNER.value,
            StaffAccount.id != staff.id,
        )
    )
    if not others:
        raise ConflictError(
            "마지막 소유자 계정은 바꾸거나 비활성화할 수 없습니다.",
            "The last active owner cannot be changed or deactivated.",
        )


def sign_in_state(session: Session, staff_id: uuid.UUID) -> StaffSignInState:
    """This device's sign-in bookkeeping of an account (created on first use)."""
    state = session.get(StaffSignInState, staff_id)
    if state is None:
        state = StaffSignInState(staff_id=staff_id, failed_attempts=0)
        session.add(state)
    return state


def _clear_lock(session: Session, staff_id: uuid.UUID) -> None:
    state = session.get(StaffSignInState, staff_id)
    if state is not None:
        state.failed_attempts = 0
        state.locked_until = None


def _check_unique(
    session: Session, username: str, email: str | None, *, exclude: uuid.UUID | None = None
) -> None:
    # The database does not enforce it (see the module text). Tombstoned rows still hold
    # their values, so they count too.
    conditions = [StaffAccount.username == username]
    if email:
        conditions.append(func.lower(StaffAccount.email) == email)
    query = select(StaffAccount).where(or_(*conditions))
    if exclude is not None:
        query = query.where(StaffAccount.id != exclude)
    rows = session.scalars(query).all()
    for row in rows:
        if row.username == username:
            raise ValidationError(
                "사용자명이 이미 존재합니다.", "The username is already taken.", field="username"
            )
        raise ValidationError(
            "이미 사용 중인 이메일입니다.", "The e-mail is already in use.", field="email"
        )


def _temporary_password() -> str:
    # 12 characters without look-alikes; always holds a letter, so never digits only.
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        text = "".join(secrets.choice(alphabet) for _ in range(12))
        if not text.isdigit():
            return text
