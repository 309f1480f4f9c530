"""Sign-in, lockout, legacy hashes, staff management and the role matrix (docs/rules.md §6)."""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta

import bcrypt
import pytest
from service_support import OWNER_PASSWORD, STAFF_PASSWORD, Clock, audit_rows, table_counts

from the5hc_desktop.domain.errors import (
    AuthenticationError,
    ConflictError,
    PermissionDenied,
    ValidationError,
)
from the5hc_desktop.services import passwords
from the5hc_desktop.services.accounts import AccountService
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import StaffAccount, StaffSignInState


def stored_account(db: Database, username: str) -> StaffAccount:
    from sqlalchemy import select

    with db.read() as session:
        return session.scalars(
            select(StaffAccount).where(StaffAccount.username == username)
        ).one()


def sign_in_state(db: Database, username: str) -> StaffSignInState:
    """This device's sign-in bookkeeping of an account (a local table, not synced)."""
    from sqlalchemy import select

    with db.read() as session:
        return session.scalars(
            select(StaffSignInState).join(StaffAccount).where(StaffAccount.username == username)
        ).one()


def set_hash(db: Database, username: str, password_hash: str) -> None:
    from sqlalchemy import select

    with db.write() as session:
        row = session.scalars(select(StaffAccount).where(StaffAccount.username == username)).one()
        row.password_hash = password_hash


# -- first run ---------------------------------------------------------------------------


def test_first_run_creates_the_gym_and_owner_once(
    accounts: AccountService, db: Database, clock: Clock
) -> None:
    assert accounts.needs_first_run()
    view = accounts.create_gym_and_owner(
        "The5HC 피트니스 센터", "김대표", "owner", OWNER_PASSWORD, email="Boss@Gym.kr"
    )
    assert view.role is Role.OWNER
    assert view.email == "boss@gym.kr"
    assert not accounts.needs_first_run()
    assert stored_account(db, "owner").password_hash.startswith("$argon2id$")
    assert [e.action for e in audit_rows(db)] == ["organization_created", "trainer_created"]
    assert {e.at for e in audit_rows(db)} == {clock.value}  # stamped with the service clock
    with pytest.raises(ConflictError):
        accounts.create_gym_and_owner("다른 센터", "누구", "other", OWNER_PASSWORD)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"gym_name": " "}, "gym_name"),
        ({"display_name": ""}, "display_name"),
        ({"username": "a"}, "username"),
        ({"username": "has space"}, "username"),
        ({"password": "short1"}, "password"),
        ({"password": "1234567890"}, "password"),
        ({"email": "not-an-email"}, "email"),
    ],
)
def test_first_run_validation_writes_nothing(
    accounts: AccountService, db: Database, kwargs: dict[str, str], field: str
) -> None:
    args = {"gym_name": "센터", "display_name": "김대표", "username": "owner",
            "password": OWNER_PASSWORD} | kwargs
    before = table_counts(db)
    with pytest.raises(ValidationError) as caught:
        accounts.create_gym_and_owner(**args)
    assert caught.value.field == field
    assert caught.value.message("ko")
    assert caught.value.message("en")
    assert table_counts(db) == before


# -- sign-in -----------------------------------------------------------------------------


def test_sign_in_by_username_and_email(accounts: AccountService, db: Database) -> None:
    accounts.create_gym_and_owner("센터", "김대표", "owner", OWNER_PASSWORD, email="boss@gym.kr")
    actor = accounts.sign_in("owner", OWNER_PASSWORD)
    assert actor == Actor(actor.staff_id, Role.OWNER, "김대표", "owner")
    assert accounts.sign_in("BOSS@gym.kr", OWNER_PASSWORD).staff_id == actor.staff_id
    assert sign_in_state(db, "owner").last_login is not None
    assert len(audit_rows(db, "login_success")) == 2


def test_wrong_password_is_counted_and_audited(
    accounts: AccountService, owner: Actor, db: Database
) -> None:
    with pytest.raises(AuthenticationError) as caught:
        accounts.sign_in("owner", "wrong-password")
    assert caught.value.locked_until is None  # type: ignore[attr-defined]
    assert sign_in_state(db, "owner").failed_attempts == 1
    failed = audit_rows(db, "login_failed")
    assert len(failed) == 1
    assert failed[0].actor_id == owner.staff_id
    assert failed[0].details["reason"] == "wrong_password"
    assert "wrong-password" not in str(failed[0].details)


def test_unknown_username_is_audited_without_what_was_typed(
    accounts: AccountService, owner: Actor, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    checks: list[str] = []
    real = passwords.verify_password
    monkeypatch.setattr(passwords, "verify_password",
                        lambda stored, typed: checks.append(typed) or real(stored, typed))
    with pytest.raises(AuthenticationError):
        accounts.sign_in("MyPassw0rd!", "secret-guess")  # a password typed in the name box
    (entry,) = audit_rows(db, "login_failed")
    assert entry.actor_id is None
    assert entry.details["reason"] == "unknown"
    assert "MyPassw0rd!" not in str(entry.details)
    assert "secret-guess" not in str(entry.details)
    # An unknown name costs one password hash check, as a wrong password does.
    assert checks == ["secret-guess"]


def test_five_failures_lock_for_thirty_minutes_checked_before_the_password(
    accounts: AccountService, owner: Actor, db: Database, clock: Clock
) -> None:
    for _ in range(4):
        with pytest.raises(AuthenticationError) as caught:
            accounts.sign_in("owner", "wrong-password")
        assert caught.value.locked_until is None  # type: ignore[attr-defined]
    with pytest.raises(AuthenticationError) as caught:
        accounts.sign_in("owner", "wrong-password")
    until = caught.value.locked_until  # type: ignore[attr-defined]
    assert until == clock.value + timedelta(minutes=30)
    assert str(until.tzinfo) == "Asia/Seoul"
    assert "10:30" in caught.value.message("ko")  # 10:00 Seoul + 30 min
    # Locked: even the right password is refused, and the counter does not move.
    clock.advance(minutes=29)
    with pytest.raises(AuthenticationError) as caught:
        accounts.sign_in("owner", OWNER_PASSWORD)
    assert caught.value.locked_until == until  # type: ignore[attr-defined]
    assert sign_in_state(db, "owner").failed_attempts == 5
    reasons = [e.details["reason"] for e in audit_rows(db, "login_failed")]
    assert reasons == ["wrong_password"] * 4 + ["locked_now", "locked"]


def test_lock_expiry_resets_the_counter(
    accounts: AccountService, owner: Actor, db: Database, clock: Clock
) -> None:
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            accounts.sign_in("owner", "wrong-password")
    clock.advance(minutes=31)
    with pytest.raises(AuthenticationError) as caught:
        accounts.sign_in("owner", "wrong-password")
    assert caught.value.locked_until is None  # type: ignore[attr-defined]
    row = sign_in_state(db, "owner")
    assert (row.failed_attempts, row.locked_until) == (1, None)
    assert accounts.sign_in("owner", OWNER_PASSWORD).username == "owner"
    assert sign_in_state(db, "owner").failed_attempts == 0


def test_success_resets_the_counter(accounts: AccountService, owner: Actor, db: Database) -> None:
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            accounts.sign_in("owner", "wrong-password")
    accounts.sign_in("owner", OWNER_PASSWORD)
    for _ in range(4):
        with pytest.raises(AuthenticationError) as caught:
            accounts.sign_in("owner", "wrong-password")
        assert caught.value.locked_until is None  # type: ignore[attr-defined]


def test_legacy_bcrypt_hash_signs_in_and_is_rehashed(
    accounts: AccountService, owner: Actor, trainer: Actor, db: Database
) -> None:
    set_hash(db, "trainer", bcrypt.hashpw(b"legacy-pass-1", bcrypt.gensalt(rounds=4)).decode())
    assert accounts.sign_in("trainer", "legacy-pass-1").staff_id == trainer.staff_id
    assert stored_account(db, "trainer").password_hash.startswith("$argon2id$")
    assert audit_rows(db, "login_success")[-1].details["rehashed"] is True
    assert accounts.sign_in("trainer", "legacy-pass-1").staff_id == trainer.staff_id
    assert audit_rows(db, "login_success")[-1].details["rehashed"] is False


def test_django_pbkdf2_hash_signs_in_and_is_rehashed(
    accounts: AccountService, owner: Actor, trainer: Actor, db: Database
) -> None:
    digest = hashlib.pbkdf2_hmac("sha256", b"django-pass-1", b"abcSALT123", 720, 32)
    set_hash(db, "trainer", f"pbkdf2_sha256$720$abcSALT123${base64.b64encode(digest).decode()}")
    with pytest.raises(AuthenticationError):
        accounts.sign_in("trainer", "django-pass-2")
    assert stored_account(db, "trainer").password_hash.startswith("pbkdf2_sha256$")
    accounts.sign_in("trainer", "django-pass-1")
    assert stored_account(db, "trainer").password_hash.startswith("$argon2id$")


def test_unusable_password_never_signs_in(
    accounts: AccountService, owner: Actor, trainer: Actor, db: Database
) -> None:
    set_hash(db, "trainer", "!unusable")
    with pytest.raises(AuthenticationError):
        accounts.sign_in("trainer", "!unusable")


def test_deactivated_account_is_refused(
    accounts: AccountService, owner: Actor, trainer: Actor
) -> None:
    accounts.set_active(owner, trainer.staff_id, False)
    with pytest.raises(AuthenticationError) as caught:
        accounts.sign_in("trainer", STAFF_PASSWORD)
    assert "비활성화" in caught.value.message("ko")
    accounts.set_active(owner, trainer.staff_id, True)
    assert accounts.sign_in("trainer", STAFF_PASSWORD).role is Role.TRAINER


def test_idle_unlock_verifies_and_counts_failures(
    accounts: AccountService, owner: Actor, db: Database
) -> None:
    assert accounts.verify_password(owner, OWNER_PASSWORD)
    assert not accounts.verify_password(owner, "nope-nope")
    assert sign_in_state(db, "owner").failed_attempts == 1
    contexts = [e.details["context"] for e in audit_rows(db) if e.action.startswith("login_")]
    assert contexts[-2:] == ["idle_unlock", "idle_unlock"]


def test_change_password(accounts: AccountService, owner: Actor, db: Database) -> None:
    before = table_counts(db)
    with pytest.raises(ValidationError) as caught:
        accounts.change_password(owner, "wrong-old-1", "brand-new-1")
    assert caught.value.field == "old_password"
    with pytest.raises(ValidationError) as caught:
        accounts.change_password(owner, OWNER_PASSWORD, "12345678")
    assert caught.value.field == "new_password"
    assert table_counts(db) == before
    accounts.change_password(owner, OWNER_PASSWORD, "brand-new-1")
    assert accounts.sign_in("owner", "brand-new-1").staff_id == owner.staff_id
    assert audit_rows(db, "password_changed")


# -- staff management and roles -----------------------------------------------------------


def test_owner_adds_staff_and_duplicates_are_refused(
    accounts: AccountService, owner: Actor, db: Database
) -> None:
    view = accounts.add_staff(owner, "coach", "박코치", "trainer", STAFF_PASSWORD, "c@gym.kr")
    assert view.must_change_password
    assert view.role is Role.TRAINER
    before = table_counts(db)
    with pytest.raises(ValidationError) as caught:
        accounts.add_staff(owner, "coach", "다른 사람", Role.TRAINER, STAFF_PASSWORD)
    assert caught.value.field == "username"
    with pytest.raises(ValidationError) as caught:
        accounts.add_staff(owner, "coach2", "다른 사람", Role.TRAINER, STAFF_PASSWORD, "C@gym.kr")
    assert caught.value.field == "email"
    with pytest.raises(ValidationError) as caught:
        accounts.add_staff(owner, "coach3", "다른 사람", "boss", STAFF_PASSWORD)
    assert caught.value.field == "role"
    assert table_counts(db) == before


def test_senior_manages_trainers_but_not_owners(
    accounts: AccountService, owner: Actor, senior: Actor, trainer: Actor
) -> None:
    added = accounts.add_staff(senior, "desk2", "안내", Role.ASSISTANT, STAFF_PASSWORD)
    assert added.role is Role.ASSISTANT
    accounts.set_role(senior, trainer.staff_id, Role.SENIOR)
    with pytest.raises(PermissionDenied):
        accounts.add_staff(senior, "owner2", "또 대표", Role.OWNER, STAFF_PASSWORD)
    with pytest.raises(PermissionDenied):
        accounts.set_role(senior, trainer.staff_id, Role.OWNER)
    for action in (
        lambda: accounts.set_active(senior, owner.staff_id, False),
        lambda: accounts.reset_password(senior, owner.staff_id),
        lambda: accounts.unlock(senior, owner.staff_id),
        lambda: accounts.set_role(senior, owner.staff_id, Role.TRAINER),
    ):
        with pytest.raises(PermissionDenied):
            action()


def test_the_roles_a_screen_offers_are_the_roles_the_service_accepts(
    accounts: AccountService, owner: Actor, senior: Actor, trainer: Actor
) -> None:
    assert accounts.grantable_roles(owner) == tuple(Role)
    assert accounts.grantable_roles(senior) == (Role.SENIOR, Role.TRAINER, Role.ASSISTANT)
    assert accounts.grantable_roles(trainer) == ()  # no staff management at all
    staff = {view.id: view for view in accounts.list_staff(owner)}
    me, boss = staff[senior.staff_id], staff[owner.staff_id]
    assert accounts.may_manage(owner, boss)
    assert accounts.may_manage(senior, me)
    assert not accounts.may_manage(senior, boss)
    assert not accounts.may_manage(trainer, me)
    for role in accounts.grantable_roles(senior):  # every offered role is accepted
        accounts.set_role(senior, trainer.staff_id, role)


@pytest.mark.parametrize("who", ["trainer", "assistant"])
def test_trainers_and_front_desk_cannot_manage_staff(
    accounts: AccountService, owner: Actor, who: str, request: pytest.FixtureRequest
) -> None:
    actor: Actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        accounts.list_staff(actor)
    with pytest.raises(PermissionDenied):
        accounts.add_staff(actor, "x-user", "누구", Role.TRAINER, STAFF_PASSWORD)
    with pytest.raises(PermissionDenied):
        accounts.unlock(actor, owner.staff_id)


def test_not_oneself_and_not_the_last_owner(
    accounts: AccountService, owner: Actor, senior: Actor
) -> None:
    with pytest.raises(ConflictError):
        accounts.set_active(owner, owner.staff_id, False)
    with pytest.raises(ConflictError):
        accounts.set_role(owner, owner.staff_id, Role.SENIOR)
    second = accounts.add_staff(owner, "owner2", "공동대표", Role.OWNER, STAFF_PASSWORD)
    assert accounts.set_role(owner, owner.staff_id, Role.SENIOR).role is Role.SENIOR
    assert accounts.set_active(senior, owner.staff_id, False).active is False
    with pytest.raises(ConflictError):
        accounts.set_role(Actor(second.id, Role.OWNER, "공동대표", "owner2"), second.id,
                          Role.TRAINER)


def test_reset_password_and_unlock(
    accounts: AccountService, owner: Actor, trainer: Actor, db: Database
) -> None:
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            accounts.sign_in("trainer", "wrong-password")
    assert accounts.unlock(owner, trainer.staff_id).locked_until is None
    assert accounts.sign_in("trainer", STAFF_PASSWORD).staff_id == trainer.staff_id
    temporary = accounts.reset_password(owner, trainer.staff_id)
    assert len(temporary) >= 8
    assert not temporary.isdigit()
    assert stored_account(db, "trainer").must_change_password
    signed_in = accounts.sign_in("trainer", temporary)
    assert signed_in.staff_id == trainer.staff_id
    assert accounts.me(signed_in).must_change_password  # any role can read its own flag
    with pytest.raises(AuthenticationError):
        accounts.sign_in("trainer", STAFF_PASSWORD)


def test_staff_lists(
    accounts: AccountService, owner: Actor, senior: Actor, trainer: Actor, assistant: Actor
) -> None:
    assert {s.username for s in accounts.list_staff(senior)} == {
        "owner", "senior", "trainer", "desk"}
    accounts.set_active(owner, trainer.staff_id, False)
    assert {s.username for s in accounts.trainers(assistant)} == {"owner", "senior"}
    locked = [s.locked_until for s in accounts.list_staff(owner)]
    assert locked == [None] * 4
