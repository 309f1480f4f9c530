"""Settings round-trip, who may change what, the online backup and the composition root."""

from __future__ import annotations

import dataclasses
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from service_support import Clock, audit_rows, table_counts
from sqlalchemy import event

from the5hc_desktop.domain.errors import PermissionDenied, ValidationError
from the5hc_desktop.services import open_services
from the5hc_desktop.services.base import gym_zone
from the5hc_desktop.services.clients import ClientDraft, ClientService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.settings import (
    DEFAULTS,
    GymSettings,
    SettingsService,
    read_settings,
)
from the5hc_desktop.store.database import Database


@pytest.fixture
def settings(db: Database, clock: Clock) -> SettingsService:
    return SettingsService(db, now=clock)


def test_defaults_before_anything_is_saved(settings: SettingsService) -> None:
    assert settings.get() == DEFAULTS
    assert settings.get().vat_rate == Decimal("0.10")
    assert not settings.is_demo()


def test_round_trip(settings: SettingsService, owner: Actor, db: Database) -> None:
    current = settings.get()
    assert current.gym_name == "The5HC 피트니스 센터"
    wanted = GymSettings(
        gym_name="강남 센터", vat_rate=Decimal("0.1"), card_fee_rate=Decimal("0.029"),
        no_show_consumes_credit=False, language="en", idle_lock_minutes=15,
        backup_folder="/tmp/backups", timezone="Asia/Tokyo", trainers_edit_any_assessment=True,
        lockout_attempts=3, lockout_minutes=10,
    )
    saved = settings.update(owner, wanted)
    assert saved == settings.get()
    assert saved.card_fee_rate == Decimal("0.0290")
    assert dataclasses.replace(saved, card_fee_rate=Decimal("0.029")) == wanted
    with db.read() as session:
        assert str(gym_zone(session)) == "Asia/Tokyo"
    (entry,) = audit_rows(db, "settings_updated")
    assert entry.details["changed"]["language"] == ["ko", "en"]
    assert settings.update(owner, saved) == saved  # no change, no audit row
    assert len(audit_rows(db, "settings_updated")) == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"gym_name": " "}, "gym_name"),
        ({"vat_rate": Decimal("-0.01")}, "vat_rate"),
        ({"card_fee_rate": Decimal("0.5")}, "card_fee_rate"),
        ({"language": "jp"}, "language"),
        ({"idle_lock_minutes": 0}, "idle_lock_minutes"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"lockout_attempts": 0}, "lockout_attempts"),
        ({"trainers_edit_any_assessment": "yes"}, "trainers_edit_any_assessment"),
        ({"business_number": "124-81-00997"}, "business_number"),
        ({"gym_phone": "02-12"}, "gym_phone"),
        ({"representative": "김" * 51}, "representative"),
    ],
)
def test_bad_settings_write_nothing(
    settings: SettingsService, owner: Actor, db: Database, change: dict[str, object], field: str
) -> None:
    before = table_counts(db)
    with pytest.raises(ValidationError) as caught:
        settings.update(owner, dataclasses.replace(settings.get(), **change))  # type: ignore[arg-type]
    assert caught.value.field == field
    assert table_counts(db) == before


def test_senior_may_not_change_money_rates(
    settings: SettingsService, owner: Actor, senior: Actor, trainer: Actor, db: Database
) -> None:
    current = settings.get()
    before = table_counts(db)
    with pytest.raises(PermissionDenied):
        settings.update(senior, dataclasses.replace(current, vat_rate=Decimal("0.05")))
    with pytest.raises(PermissionDenied):
        settings.update(trainer, dataclasses.replace(current, language="en"))
    assert table_counts(db) == before
    assert settings.update(senior, dataclasses.replace(current, language="en")).language == "en"


def test_lockout_settings_are_used_by_sign_in(
    settings: SettingsService, owner: Actor, db: Database, clock: Clock
) -> None:
    from the5hc_desktop.domain.errors import AuthenticationError
    from the5hc_desktop.services.accounts import AccountService

    settings.update(owner, dataclasses.replace(settings.get(), lockout_attempts=2,
                                               lockout_minutes=5))
    accounts = AccountService(db, now=clock)
    with pytest.raises(AuthenticationError):
        accounts.sign_in("owner", "wrong-password")
    with pytest.raises(AuthenticationError) as caught:
        accounts.sign_in("owner", "wrong-password")
    assert "10:05" in caught.value.message("ko")


def test_backup_now_writes_a_readable_copy(
    settings: SettingsService, owner: Actor, trainer: Actor, db: Database, clock: Clock,
    tmp_path: Path,
) -> None:
    ClientService(db, now=clock).create(owner, ClientDraft("김민수", "male"))
    target = settings.backup_now(owner, tmp_path / "copies")
    assert target.name == "the5hc-20250615-100000.sqlite3"  # gym-local time
    second = settings.backup_now(owner, tmp_path / "copies")
    assert second != target
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT name FROM clients").fetchall() == [("김민수",)]
    finally:
        conn.close()
    assert audit_rows(db, "backup_created")[0].details["file"] == target.name
    default = settings.backup_now(owner)
    assert default.parent == Path(db.path).parent / "backups"  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        settings.backup_now(trainer, tmp_path)


def test_open_services_builds_every_service(tmp_path: Path) -> None:
    services = open_services(tmp_path / "new.sqlite3")
    try:
        assert services.accounts.needs_first_run()
        assert services.settings.get() == DEFAULTS
        for name in ("clients", "assessments", "packages", "sessions", "dashboard", "reports"):
            assert getattr(services, name) is not None
    finally:
        services.close()


def test_settings_load_in_one_statement_and_see_other_writers(
    settings: SettingsService, owner: Actor, db: Database, clock: Clock
) -> None:
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        with db.read() as session:
            read_settings(session)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert sum("FROM settings" in s for s in statements) == 1
    # Nothing is cached between transactions: a second process's change is seen at once.
    assert db.path is not None
    other = Database.open(db.path, device_name="other-device")
    try:
        remote = SettingsService(other, now=clock)
        remote.update(owner, dataclasses.replace(remote.get(), idle_lock_minutes=12))
    finally:
        other.close()
    assert settings.get().idle_lock_minutes == 12


def test_receipt_details_are_stored_in_their_printed_form_and_reach_the_receipt(
    settings: SettingsService, owner: Actor, db: Database, clock: Clock
) -> None:
    from the5hc_desktop.services.packages import PackageService

    saved = settings.update(owner, dataclasses.replace(
        settings.get(), business_number="1248100998", representative=" 김대표 ",
        gym_phone="0255512345", gym_address="서울 강남구 테헤란로 123"))
    assert (saved.business_number, saved.representative, saved.gym_phone) == (
        "124-81-00998", "김대표", "02-5551-2345")
    assert settings.get() == saved
    client = ClientService(db, now=clock).create(owner, ClientDraft("김민수", "male")).client
    packages = PackageService(db, now=clock)
    sale = packages.sell(owner, client.id, 1_000_000, 50_000, "card")
    (payment,) = packages.payments_for_package(owner, sale.id)
    receipt = packages.receipt(owner, payment.id)
    assert (receipt.business_number, receipt.representative, receipt.gym_phone,
            receipt.gym_address) == ("124-81-00998", "김대표", "02-5551-2345",
                                     "서울 강남구 테헤란로 123")
    # Cleared fields print nothing.
    settings.update(owner, dataclasses.replace(saved, business_number="", gym_phone=""))
    cleared = packages.receipt(owner, payment.id)
    assert cleared.business_number is None
    assert cleared.gym_phone is None
