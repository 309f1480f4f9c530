"""Legacy (Streamlit) import (docs/domain.md 10.3) on a fixture built from the tables of 10.1."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from legacy_fixture_db import EXPECTED, PASSWORDS, SHARED_EMAIL, file_digest
from sqlalchemy import select

from the5hc_desktop.services import Services, open_services
from the5hc_desktop.services.legacy_import import (
    EmailChange,
    ImportSummary,
    dry_run,
    import_legacy,
    normalise_method,
)
from the5hc_desktop.services.maintenance import counts
from the5hc_desktop.store.models import (
    Assessment,
    Client,
    CreditLedgerEntry,
    Payment,
    SessionPackage,
    StaffAccount,
    TrainingSession,
)

COUNT_KEYS = {"staff": "staff", "clients": "clients", "assessments": "assessments",
              "packages": "packages", "sessions": "sessions", "payments": "payments"}


@pytest.fixture
def services(target: Path) -> Iterator[Services]:
    opened = open_services(target)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def imported(services: Services, legacy_db: Path) -> ImportSummary:
    return import_legacy(services.database, legacy_db)


def test_counts_and_merges(services: Services, imported: ImportSummary) -> None:
    numbers = counts(services.database)
    for key, expected in EXPECTED.items():
        assert numbers[COUNT_KEYS[key]] == expected, key
        assert imported.created[key] == expected, key
    assert imported.merged_duplicates == {"training_sessions": 1, "payment_records": 1}
    with services.database.read() as s:
        session_refs = set(s.scalars(select(TrainingSession.legacy_id)))
        payment_refs = set(s.scalars(select(Payment.legacy_id)))
    # sessions 1-4 plus training_sessions #2 (#1 duplicated sessions #1)
    assert session_refs == {1, 2, 3, 4, -2}
    # payments 1-3 plus payment_records #2 (#1 duplicated payments #1)
    assert payment_refs == {1, 2, 3, -2}


def test_gender_age_snapshot_and_phone(services: Services, imported: ImportSummary) -> None:
    with services.database.read() as s:
        clients = {c.legacy_id: c for c in s.scalars(select(Client))}
    assert clients[1].gender == "male"
    assert clients[2].gender == "female"
    assert clients[3].gender == "male"
    assert clients[4].gender == "female"
    assert clients[1].birth_date is None
    assert clients[1].age_years == 35
    assert clients[1].age_recorded_on == date(2025, 5, 10)
    assert clients[1].phone == "01012345678"
    assert clients[1].phone_last4 == "5678"
    assert clients[4].phone == "01055551111"
    assert clients[3].phone is None
    assert clients[1].name_initials == "ㅎㄱㄷ"
    assert clients[1].created_at == datetime(2025, 5, 10, 1, 0, tzinfo=UTC)


def test_bcrypt_sign_in_rehashes(services: Services, imported: ImportSummary) -> None:
    with services.database.read() as s:
        stored = s.scalar(select(StaffAccount.password_hash)
                          .where(StaffAccount.username == "jaesun"))
    assert stored is not None
    assert stored.startswith("$2b$")
    actor = services.accounts.sign_in("jaesun", PASSWORDS["jaesun"])
    assert actor.display_name == "박 재선"
    with services.database.read() as s:
        rehashed = s.scalar(select(StaffAccount.password_hash)
                            .where(StaffAccount.username == "jaesun"))
    assert rehashed is not None
    assert rehashed.startswith("$argon2id$")
    assert services.accounts.sign_in("jaesun", PASSWORDS["jaesun"]).staff_id == actor.staff_id


def test_roles_owner_first(services: Services, imported: ImportSummary) -> None:
    assert imported.owner_username == "admin"
    with services.database.read() as s:
        roles = {a.username: a.role for a in s.scalars(select(StaffAccount))}
    assert roles == {"admin": "owner", "jaesun": "trainer", "minji": "trainer"}


def test_duplicate_email_rewritten_and_reported(
    services: Services, imported: ImportSummary
) -> None:
    rewritten = "jaesun9090+minji@gmail.com"
    assert imported.rewritten_emails == (EmailChange("minji", SHARED_EMAIL, rewritten),)
    with services.database.read() as s:
        emails = {a.username: a.email for a in s.scalars(select(StaffAccount))}
    assert emails["jaesun"] == SHARED_EMAIL
    assert emails["minji"] == rewritten
    assert services.accounts.sign_in(rewritten, PASSWORDS["minji"]).username == "minji"
    assert services.accounts.sign_in(SHARED_EMAIL, PASSWORDS["jaesun"]).username == "jaesun"


def test_legacy_assessment_keeps_stored_scores(services: Services, imported: ImportSummary) -> None:
    with services.database.read() as s:
        rows = {a.legacy_id: a for a in s.scalars(select(Assessment))}
    first = rows[1]
    assert first.scoring_version == "legacy"
    assert (first.score_overall, first.score_strength, first.score_mobility,
            first.score_balance_category, first.score_cardio) == (71.25, 75.0, 62.5, 70.0, 60.0)
    assert (first.score_push_up, first.score_toe_touch, first.score_overhead_squat,
            first.score_shoulder_mobility, first.score_farmer_carry) == (3, 3, 2, 2, 3)
    # raw inputs kept, one heart rate kept as such: no pulse counts invented
    assert first.push_up_reps == 22
    assert first.balance_left_open_s == 31.5
    assert first.toe_touch_cm == 2.0
    assert first.farmer_carry_weight_kg == 24.0
    assert first.legacy_heart_rate == 112
    assert first.step_test_duration_s == 180.0
    assert (first.step_test_pulse_1, first.step_test_pulse_2, first.step_test_pulse_3) == (
        None, None, None)
    assert first.score_step_test is None
    assert first.pfi is None
    assert first.score_balance is None
    assert "보상 동작: 무릎 외반, 상체 숙임" in first.test_notes["overhead_squat"]
    assert first.test_notes["farmer_carry"] == "보상 동작: 그립 약함"
    assert first.age_at_assessment == 35
    assert first.gender == "male"
    partial = rows[2]
    assert partial.score_strength == 80.0
    assert partial.score_overall is None
    assert rows[3].legacy_heart_rate == 138

    actor = services.accounts.sign_in("admin", PASSWORDS["admin"])
    view = services.assessments.get(actor, first.id)
    assert view.scoring_version == "legacy"
    assert view.scores.overall == 71.25
    assert view.inputs.step_test_pulse_1 is None


def test_opening_balances_and_package_amounts(
    services: Services, imported: ImportSummary
) -> None:
    with services.database.read() as s:
        packages = {p.legacy_id: p for p in s.scalars(select(SessionPackage))}
        ledger = list(s.scalars(select(CreditLedgerEntry)))
    assert {e.kind for e in ledger} == {"opening"}
    opening = {e.package_id: e.delta for e in ledger}
    assert opening[packages[1].id] == 17
    assert opening[packages[2].id] == 10
    assert opening[packages[3].id] == 0
    first = packages[1]
    assert (first.gross, first.session_price, first.sessions_bought) == (1_000_000, 50_000, 20)
    assert first.vat_rate == Decimal("0.1000")
    assert first.card_fee_rate == Decimal("0.0350")
    assert first.name == "20회 PT"
    assert packages[2].name == "10회 패키지"
    assert "742,270원" in (first.notes or "")
    assert packages[3].active is False
    assert packages[3].gross == 300_000
    assert packages[3].payment_method == "cash"
    actor = services.accounts.sign_in("admin", PASSWORDS["admin"])
    view = services.packages.get(actor, first.id)
    assert view.remaining == 17


def test_payments_methods_and_fees(services: Services, imported: ImportSummary) -> None:
    with services.database.read() as s:
        payments = {p.legacy_id: p for p in s.scalars(select(Payment))}
    assert payments[1].method == "card"
    assert payments[2].method == "card"  # "Package Purchase"
    assert payments[3].method == "card"  # "카드"
    assert payments[-2].method == "cash"  # payment_records "현금"
    assert (payments[1].gross, payments[1].vat, payments[1].card_fee, payments[1].net) == (
        1_000_000, 90_909, 35_000, 874_091)
    assert (payments[3].vat, payments[3].card_fee, payments[3].net) == (0, 0, 100_000)
    assert payments[1].paid_on == date(2025, 5, 10)
    # trainer filled from the client when the newer payments row had none
    with services.database.read() as s:
        jaesun = s.scalar(select(StaffAccount.id).where(StaffAccount.username == "jaesun"))
    assert payments[2].staff_id == jaesun


def test_sessions_times_and_trainers(services: Services, imported: ImportSummary) -> None:
    with services.database.read() as s:
        sessions = {t.legacy_id: t for t in s.scalars(select(TrainingSession))}
        jaesun = s.scalar(select(StaffAccount.id).where(StaffAccount.username == "jaesun"))
    # session_time is local gym time (Seoul, UTC+9)
    assert sessions[-2].starts_at == datetime(2025, 5, 22, 10, 30, tzinfo=UTC)
    assert sessions[1].starts_at == datetime(2025, 5, 20, 1, 0, tzinfo=UTC)
    assert sessions[2].trainer_id == jaesun  # from the package
    assert sessions[2].duration_min == 50
    assert {t.status for t in sessions.values()} == {"completed", "scheduled", "cancelled"}
    assert sessions[4].completed_at is None
    assert sessions[1].completed_at is not None


def test_second_run_imports_nothing(
    services: Services, imported: ImportSummary, legacy_db: Path
) -> None:
    before = counts(services.database)
    again = import_legacy(services.database, legacy_db)
    assert again.total_created == 0
    assert again.already_imported["clients"] == EXPECTED["clients"]
    assert again.rewritten_emails == ()
    after = counts(services.database)
    assert {k: v for k, v in after.items() if k != "audit_log"} == {
        k: v for k, v in before.items() if k != "audit_log"}


def test_source_file_is_never_written(target: Path, legacy_db: Path) -> None:
    digest, stamp = file_digest(legacy_db), legacy_db.stat().st_mtime_ns
    summary = dry_run(target, legacy_db)
    opened = open_services(target)
    try:
        import_legacy(opened.database, legacy_db)
        import_legacy(opened.database, legacy_db)
    finally:
        opened.close()
    assert summary.dry_run
    assert file_digest(legacy_db) == digest
    assert legacy_db.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in legacy_db.parent.iterdir()) == [legacy_db.name]


def test_dry_run_writes_nothing(tmp_path: Path, legacy_db: Path) -> None:
    new_target = tmp_path / "new" / "the5hc.sqlite3"
    summary = dry_run(new_target, legacy_db)
    assert summary.created["clients"] == EXPECTED["clients"]
    assert not new_target.exists()
    assert not new_target.parent.exists()

    existing = tmp_path / "existing.sqlite3"
    opened = open_services(existing)
    try:
        opened.accounts.create_gym_and_owner("센터", "김대표", "boss", "owner-pass-1")
        before = counts(opened.database)
    finally:
        opened.close()
    digest = file_digest(existing)
    summary = dry_run(existing, legacy_db)
    assert summary.created["staff"] == EXPECTED["staff"]
    assert summary.owner_username is None  # the gym already has an owner
    assert file_digest(existing) == digest
    opened = open_services(existing)
    try:
        assert counts(opened.database) == before
    finally:
        opened.close()


def test_import_into_a_gym_that_has_an_owner(tmp_path: Path, legacy_db: Path) -> None:
    db = tmp_path / "gym.sqlite3"
    opened = open_services(db)
    try:
        opened.accounts.create_gym_and_owner("더파이브", "김대표", "boss", "owner-pass-1")
        summary = import_legacy(opened.database, legacy_db)
        with opened.database.read() as s:
            roles = {a.username: a.role for a in s.scalars(select(StaffAccount))}
        assert summary.owner_username is None
        assert roles == {"boss": "owner", "admin": "trainer", "jaesun": "trainer",
                         "minji": "trainer"}
        assert opened.settings.get().gym_name == "더파이브"
    finally:
        opened.close()


@pytest.mark.parametrize(
    ("text", "method"),
    [("card", "card"), ("카드", "card"), ("Package Purchase", "card"), (None, "card"),
     ("현금", "cash"), ("cash", "cash"), ("계좌이체", "transfer"), ("상품권", "other")],
)
def test_normalise_method(text: str | None, method: str) -> None:
    assert normalise_method(text) == method
