"""Import of the Django web edition's database (DOMAIN 10.4) on a fixture written from its
documented schema."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django_fixture_db import PASSWORDS, build_django_db
from sqlalchemy import select

from the5hc_desktop import cli
from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.services import Services, open_services
from the5hc_desktop.services.django_import import (
    ORIGINAL_SCORING,
    dry_run,
    import_django,
)
from the5hc_desktop.services.maintenance import counts
from the5hc_desktop.store.models import (
    Assessment,
    AuditLogEntry,
    Client,
    Payment,
    SessionPackage,
    StaffAccount,
    TrainingSession,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Services]:
    opened = open_services(tmp_path / "data" / "the5hc.sqlite3")
    try:
        yield opened
    finally:
        opened.close()


@pytest.mark.parametrize("trainer_fk", ["trainer", "user"])
def test_everything_comes_in_with_its_trainer(fresh: Services, tmp_path: Path,
                                              trainer_fk: str) -> None:
    source = build_django_db(tmp_path / "web" / "db.sqlite3", trainer_fk)
    summary = import_django(fresh.database, source)
    assert {k: summary.created[k] for k in ("staff", "clients", "assessments", "packages",
                                            "sessions", "payments", "credit_ledger",
                                            "fee_audit", "audit_log")} == {
        "staff": 3, "clients": 2, "assessments": 1, "packages": 1, "sessions": 3,
        "payments": 2, "credit_ledger": 1, "fee_audit": 1, "audit_log": 1}
    with fresh.database.read() as s:
        staff = {a.username: a for a in s.scalars(select(StaffAccount))}
        clients = {c.name: c for c in s.scalars(select(Client))}
        sessions = list(s.scalars(select(TrainingSession)))
    coach = staff["coach"].id
    assert {c.trainer_id for c in clients.values()} == {coach}
    assert {t.trainer_id for t in sessions} == {coach}
    assert (staff["boss"].role, staff["coach"].role) == ("owner", "trainer")
    assert staff["boss"].display_name == "대표 김"
    assert not staff["gone"].active
    assert clients["김영희"].gender == "female"  # 남성/여성 words as the migration left them
    assert summary.owner_username == "boss"
    assert any("questionnaire" in w for w in summary.warnings)
    assert fresh.settings.get().gym_name == "더파이브 강남"


def test_two_sessions_on_one_day_and_times_in_seoul(fresh: Services, tmp_path: Path) -> None:
    import_django(fresh.database, build_django_db(tmp_path / "db.sqlite3"))
    with fresh.database.read() as s:
        starts = sorted(s.scalars(select(TrainingSession.starts_at)))
    assert starts[:2] == [datetime(2025, 6, 2, 1, 0, tzinfo=UTC),
                          datetime(2025, 6, 2, 9, 30, tzinfo=UTC)]


def test_assessments_are_original_head_and_never_recomputed(fresh: Services,
                                                            tmp_path: Path) -> None:
    import_django(fresh.database, build_django_db(tmp_path / "db.sqlite3"))
    with fresh.database.read() as s:
        a = s.scalars(select(Assessment)).one()
    assert a.scoring_version == ORIGINAL_SCORING
    assert a.assessed_on == date(2025, 6, 28)  # stored in UTC, shown in Seoul
    # The regression artefacts (balance from zero times, cardio 20) stay as stored.
    assert (a.score_overall, a.score_balance_category, a.score_cardio) == (61.5, 25.0, 20.0)
    assert (a.score_balance, a.score_step_test, a.score_push_up) == (1.0, 2.0, 3.0)
    assert a.push_up_type == "modified"
    assert a.knee_valgus
    assert a.overhead_squat_quality == "compensations"
    # Heart rates are bpm, not the desktop's 30-second counts: kept, never converted.
    assert (a.step_test_pulse_1, a.legacy_heart_rate) == (None, 80)
    assert "80" in a.test_notes["step_test"]
    assert "70" in a.test_notes["step_test"]
    assert a.age_at_assessment == 35


def test_money_is_kept_as_stored(fresh: Services, tmp_path: Path) -> None:
    summary = import_django(fresh.database, build_django_db(tmp_path / "db.sqlite3"))
    with fresh.database.read() as s:
        package = s.scalars(select(SessionPackage)).one()
        payments = {p.gross: p for p in s.scalars(select(Payment))}
    assert package.card_fee_rate == Decimal("0.0400")  # the Original's stored rate
    assert (package.gross, package.sessions_bought) == (1_000_000, 10)
    card = payments[1_000_000]
    assert (card.vat, card.card_fee, card.net, card.card_fee_rate) == (
        88105, 30837, 881058, Decimal("0.0400"))
    cash = payments[50_000]
    assert (cash.method, cash.vat, cash.card_fee, cash.net) == ("cash", 0, 0, 50_000)
    assert any("fee breakdown" in w for w in summary.warnings)
    assert fresh.packages.get(_owner(fresh), package.id).remaining == 7


def _owner(services: Services):  # type: ignore[no-untyped-def]
    from the5hc_desktop.services.maintenance import system_actor

    return system_actor(services.database)


def test_django_password_signs_in_and_is_rehashed(fresh: Services, tmp_path: Path) -> None:
    import_django(fresh.database, build_django_db(tmp_path / "db.sqlite3"))
    actor = fresh.accounts.sign_in("coach", PASSWORDS["coach"])
    assert actor.username == "coach"
    with fresh.database.read() as s:
        stored = s.scalar(select(StaffAccount.password_hash).where(
            StaffAccount.username == "coach"))
    assert stored is not None
    assert stored.startswith("$argon2id$")
    assert fresh.accounts.sign_in("coach", PASSWORDS["coach"]).username == "coach"


def test_second_run_adds_nothing_and_source_is_untouched(fresh: Services,
                                                         tmp_path: Path) -> None:
    source = build_django_db(tmp_path / "web" / "db.sqlite3")
    digest, stamp = _digest(source), source.stat().st_mtime_ns
    import_django(fresh.database, source)
    before = counts(fresh.database)
    again = import_django(fresh.database, source)
    assert again.total_created == 0
    assert again.already_imported["sessions"] == 3
    after = counts(fresh.database)
    assert {k: v for k, v in after.items() if k != "audit_log"} == {
        k: v for k, v in before.items() if k != "audit_log"}
    assert _digest(source) == digest
    assert source.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in source.parent.iterdir()) == [source.name]


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "new" / "the5hc.sqlite3"
    summary = dry_run(target, build_django_db(tmp_path / "db.sqlite3"))
    assert summary.dry_run
    assert summary.created["clients"] == 2
    assert not target.exists()


def test_into_a_gym_with_an_owner(tmp_path: Path) -> None:
    opened = open_services(tmp_path / "gym.sqlite3")
    try:
        opened.accounts.create_gym_and_owner("우리 센터", "이대표", "me", "owner-pass-1")
        summary = import_django(opened.database, build_django_db(tmp_path / "db.sqlite3"))
        with opened.database.read() as s:
            roles = {a.username: a.role for a in s.scalars(select(StaffAccount))}
            logged = s.scalars(select(AuditLogEntry.action)).all()
    finally:
        opened.close()
    assert roles == {"me": "owner", "boss": "senior", "coach": "trainer", "gone": "trainer"}
    assert summary.owner_username is None
    assert "original_login_success" in logged


def test_not_a_django_database(tmp_path: Path, fresh: Services) -> None:
    other = tmp_path / "other.sqlite3"
    other.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ValidationError) as caught:
        import_django(fresh.database, other)
    assert "SQLite" in caught.value.message_en
    legacyish = tmp_path / "legacy.sqlite3"
    import sqlite3

    con = sqlite3.connect(legacyish)
    con.execute("CREATE TABLE trainers (id INTEGER PRIMARY KEY)")
    con.close()
    with pytest.raises(ValidationError) as caught:
        import_django(fresh.database, legacyish)
    assert "accounts_user" in caught.value.message_en


def test_cli_import_django(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = build_django_db(tmp_path / "db.sqlite3")
    db = str(tmp_path / "gym.sqlite3")
    assert cli.main(["--db", db, "import-django", str(source), "--dry-run"]) == 0
    assert "dry run" in capsys.readouterr().out
    assert cli.main(["--db", db, "import-django", str(source)]) == 0
    out = capsys.readouterr().out
    assert "Django import done" in out
    assert "clients +2" in out
    assert cli.main(["--db", db, "import-django", str(source)]) == 0
    assert "nothing new to import" in capsys.readouterr().out
