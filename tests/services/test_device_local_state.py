"""Per-device state stays off synced rows: sign-in bookkeeping and this machine's settings;
a username made on two offline desks is a conflict the owner resolves, never a crash."""

from __future__ import annotations

import dataclasses

import pytest
from service_support import OWNER_PASSWORD, STAFF_PASSWORD, make_staff
from sqlalchemy import func, select

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.services import passwords
from the5hc_desktop.services.accounts import AccountService, AmbiguousLogin, SignInError
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.settings import SettingsService
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    Device,
    LocalSetting,
    Setting,
    StaffAccount,
)


def _counter(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(Device.change_counter).where(Device.id == db.device_id)) or 0


def test_failed_sign_ins_change_no_synced_row(
    accounts: AccountService, owner: Actor, db: Database
) -> None:
    with db.read() as s:
        staff_stamp = s.get_one(StaffAccount, owner.staff_id).change_stamp
    with pytest.raises(SignInError):
        accounts.sign_in("owner", "wrong-password")
    with db.read() as s:
        assert s.get_one(StaffAccount, owner.staff_id).change_stamp == staff_stamp


def _twin_from_another_desk(db: Database, owner: Actor, username: str) -> None:
    """What a sync brings when a second desk made the same username offline."""
    with db.write() as s:
        first = s.get_one(StaffAccount, owner.staff_id)
        s.add(StaffAccount(organization_id=first.organization_id, username=username,
                           display_name="다른 데스크", role="trainer",
                           password_hash=passwords.hash_password(STAFF_PASSWORD)))


def test_a_username_held_by_two_accounts_asks_the_owner_to_rename_one(
    accounts: AccountService, owner: Actor, db: Database
) -> None:
    make_staff(accounts, owner, "kim", Role.TRAINER)
    _twin_from_another_desk(db, owner, "kim")  # no IntegrityError: no DB constraint

    with pytest.raises(AmbiguousLogin) as caught:
        accounts.sign_in("kim", STAFF_PASSWORD)
    assert "사용자명을 바꾼" in caught.value.message("ko")
    assert "rename one" in caught.value.message("en")

    twins = [v for v in accounts.list_staff(owner) if v.username == "kim"]
    assert len(twins) == 2
    with pytest.raises(ValidationError):  # the service still refuses a taken name
        accounts.rename(owner, twins[1].id, "owner")
    renamed = accounts.rename(owner, twins[1].id, "kim2")
    assert renamed.username == "kim2"
    assert accounts.sign_in("kim2", STAFF_PASSWORD).staff_id == twins[1].id
    assert accounts.sign_in("kim", STAFF_PASSWORD).staff_id == twins[0].id


def test_the_service_keeps_usernames_unique(accounts: AccountService, owner: Actor) -> None:
    with pytest.raises(ValidationError):
        make_staff(accounts, owner, "owner", Role.TRAINER)
    assert accounts.sign_in("owner", OWNER_PASSWORD).staff_id == owner.staff_id


def test_language_and_backup_folder_are_this_machines_own(
    db: Database, owner: Actor
) -> None:
    settings = SettingsService(db)
    current = settings.get()
    changed = dataclasses.replace(current, gym_name="The5HC 피트니스 센터", language="en",
                                  backup_folder="/srv/backups")
    settings.update(owner, changed)
    assert (settings.get().language, settings.get().backup_folder) == ("en", "/srv/backups")
    with db.read() as s:
        local = dict(s.execute(select(LocalSetting.key, LocalSetting.value)).all())
        synced = set(s.scalars(select(Setting.key)))
        assert s.scalar(select(func.count()).select_from(Setting)) == len(synced)
    assert local == {"language": "en", "backup_folder": "/srv/backups"}
    assert synced.isdisjoint(local)
    before = _counter(db)
    settings.update(owner, dataclasses.replace(changed, language="ko"))
    with db.read() as s:  # only the audit row was stamped: the language is not synced
        assert _counter(db) == before + 1
        assert s.get_one(LocalSetting, "language").value == "ko"
