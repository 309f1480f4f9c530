"""`the5hc demo`: a seeded, realistic demo gym written by the bulk path.

The bulk path skips the ORM, so these tests read its rows back through the ORM and the
services: ids, stamps and stored forms must be what the store itself would have written.
"""

from __future__ import annotations

import itertools
import sqlite3
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from cli_support import DEMO_CLIENTS, DEMO_SEED, Result, assert_one_error_line, names_in_order
from sqlalchemy import func, select

from the5hc_desktop.domain import hangul
from the5hc_desktop.domain.credits import session_entry_id
from the5hc_desktop.domain.scoring import score_assessment
from the5hc_desktop.services import open_services
from the5hc_desktop.services.assessments import score_columns
from the5hc_desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from the5hc_desktop.services.maintenance import counts
from the5hc_desktop.store.models import (
    SYNCED_MODELS,
    Assessment,
    Client,
    CreditLedgerEntry,
    Device,
    FeeAuditEntry,
    Payment,
    SessionPackage,
    Setting,
    TrainingSession,
)
from the5hc_desktop.store.types import pack_json


def _history(path: Path) -> tuple[list[object], ...]:
    """Dates, times and scores in insertion order (ids differ between runs, facts must not)."""
    conn = sqlite3.connect(path)
    try:
        return (
            [r for r in conn.execute("SELECT starts_at, status FROM sessions ORDER BY rowid")],
            [r for r in conn.execute(
                "SELECT assessed_on, score_overall FROM assessments ORDER BY rowid")],
            [r for r in conn.execute("SELECT paid_on, gross, method FROM payments ORDER BY rowid")],
        )
    finally:
        conn.close()


def test_same_seed_same_gym(run: Callable[..., Result], tmp_path: Path) -> None:
    paths = [tmp_path / f"{name}.sqlite3" for name in ("one", "two", "other")]
    for path, seed in zip(paths, (DEMO_SEED, DEMO_SEED, DEMO_SEED + 1), strict=True):
        result = run("demo", "--clients", str(DEMO_CLIENTS), "--seed", str(seed),
                     "--today", "2025-06-15", "--db", str(path))
        assert result.code == 0, result.err
    first = run("stats", "--json", "--db", str(paths[0])).json()
    second = run("stats", "--json", "--db", str(paths[1])).json()
    assert first == second
    assert first["clients"] == DEMO_CLIENTS
    assert names_in_order(paths[0]) == names_in_order(paths[1])
    assert _history(paths[0]) == _history(paths[1])
    assert names_in_order(paths[2]) != names_in_order(paths[0])


def test_demo_has_every_kind_of_row(demo_db: Path) -> None:
    services = open_services(demo_db)
    try:
        numbers = counts(services.database)
        assert 3 <= numbers["staff"] <= 6
        for key in ("assessments", "packages", "payments", "sessions", "credit_ledger",
                    "fee_audit"):
            assert numbers[key] > 0, key
        assert numbers["payments"] == numbers["packages"] == numbers["fee_audit"]
        with services.database.read() as s:
            statuses = {status: n for status, n in s.execute(
                select(TrainingSession.status, func.count()).group_by(TrainingSession.status)
            )}
        assert set(statuses) == {"scheduled", "completed", "cancelled", "no_show"}
    finally:
        services.close()


def test_demo_owner_signs_in_and_flag_is_set(demo_db: Path) -> None:
    services = open_services(demo_db)
    try:
        actor = services.accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        assert actor.role.value == "owner"
        assert services.accounts.is_demo()
        roles = {s.role.value for s in services.accounts.list_staff(actor)}
        assert "owner" in roles
        assert "trainer" in roles
    finally:
        services.close()


def test_stored_scores_equal_score_assessment(demo_db: Path) -> None:
    services = open_services(demo_db)
    try:
        actor = services.accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        with services.database.read() as s:
            ids = list(s.scalars(select(Assessment.id)))
            versions = set(s.scalars(select(Assessment.scoring_version)))
        assert ids
        assert versions == {"desktop-1"}
        for assessment_id in ids:
            view = services.assessments.get(actor, assessment_id)
            assert view.scores.to_dict() == score_assessment(view.inputs).to_dict()
            assert view.risk is not None
            assert any(view.recommendations.by_category.values())
    finally:
        services.close()


def test_stored_risk_and_tips_are_the_plainly_packed_evaluation(demo_db: Path) -> None:
    """The generator packs each distinct tip list once: every row still holds the bytes
    `pack_json` gives for the scoring of its inputs."""
    services = open_services(demo_db)
    conn = sqlite3.connect(demo_db)
    try:
        actor = services.accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        stored = {uuid.UUID(bytes=row[0]): row[1:] for row in conn.execute(
            "SELECT id, risk_factors, recommendations FROM assessments")}
        assert stored
        for assessment_id, (risk_factors, tips) in stored.items():
            view = services.assessments.get(actor, assessment_id)
            columns = score_columns(view.inputs, view.height_cm)
            assert risk_factors == pack_json(columns["risk_factors"])
            assert tips == pack_json(columns["recommendations"])
    finally:
        conn.close()
        services.close()


def test_bulk_rows_read_back_like_orm_rows(demo_db: Path) -> None:
    services = open_services(demo_db)
    try:
        db = services.database
        with db.read() as s:
            counter = s.scalar(select(Device.change_counter).where(Device.id == db.device_id))
            stamps: list[int] = []
            for model in SYNCED_MODELS:
                for row in s.scalars(select(model)):
                    # Settings ids are uuid5 of their key, session ledger rows of their
                    # session and kind (domain.credits); every other id is a UUIDv7.
                    derived = model is Setting or (
                        model is CreditLedgerEntry and row.session_id is not None)
                    assert row.id.version == (5 if derived else 7), model
                    assert len(row.hlc) == 28, model
                    assert row.created_at.tzinfo is not None
                    assert row.updated_at.tzinfo is not None
                    assert row.updated_by_device == str(db.device_id)
                    stamps.append(row.change_stamp)
            assert len(stamps) == len(set(stamps)), "change stamps repeat"
            assert max(stamps) <= (counter or 0)

            client = s.scalars(select(Client).order_by(Client.name).limit(1)).one()
            assert client.name_initials == hangul.initials(client.name)
            assert client.phone is not None
            assert client.phone_last4 == client.phone[-4:]
            assert client.birth_date is not None
            assert client.gender in ("male", "female")
            package = s.scalars(select(SessionPackage).limit(1)).one()
            assert package.vat_rate == Decimal("0.1000")
            assert package.card_fee_rate == Decimal("0.0350")
            payment = s.scalars(select(Payment).where(Payment.package_id == package.id)).one()
            assert payment.vat + payment.card_fee + payment.net == payment.gross
            audit = s.scalars(select(FeeAuditEntry).where(FeeAuditEntry.package_id == package.id)
                              ).one()
            assert isinstance(audit.details, dict)
            assert audit.details["method"] == payment.method
            assessment = s.scalars(select(Assessment).limit(1)).one()
            assert isinstance(assessment.test_notes, dict)
            assert isinstance(assessment.recommendations, dict)
    finally:
        services.close()


def test_credits_and_calendar_are_consistent(demo_db: Path) -> None:
    services = open_services(demo_db)
    try:
        with services.database.read() as s:
            balance = {pid: int(total) for pid, total in s.execute(
                select(CreditLedgerEntry.package_id, func.sum(CreditLedgerEntry.delta))
                .group_by(CreditLedgerEntry.package_id)
            )}
            sessions = list(s.scalars(select(TrainingSession)))
            bought = {pid: n for pid, n in s.execute(
                select(SessionPackage.id, SessionPackage.sessions_bought))}
        scheduled: dict[uuid.UUID, int] = defaultdict(int)
        used: dict[uuid.UUID, int] = defaultdict(int)
        busy: dict[uuid.UUID, list[tuple[object, object]]] = defaultdict(list)
        for row in sessions:
            if row.status == "scheduled":
                scheduled[row.package_id] += 1
            if row.status in ("completed", "no_show"):
                used[row.package_id] += 1
            if row.status != "cancelled":
                busy[row.trainer_id].append(
                    (row.starts_at, row.starts_at + timedelta(minutes=row.duration_min)))
        for package_id, remaining in balance.items():
            assert remaining == bought[package_id] - used[package_id]
            assert remaining - scheduled[package_id] >= 0, "booked beyond the credits"
        for slots in busy.values():
            slots.sort()
            for (_, end), (start, _) in itertools.pairwise(slots):
                assert start >= end, "a trainer is double-booked"
    finally:
        services.close()


def test_search_finds_demo_members_by_initials_and_last_four(demo_db: Path) -> None:
    services = open_services(demo_db)
    try:
        actor = services.accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        with services.database.read() as s:
            client = s.scalars(select(Client).order_by(Client.name).limit(1)).one()
        found = services.clients.search(actor, hangul.initials(client.name), active=None)
        assert client.id in {r.id for r in found.rows}
        assert client.phone is not None
        by_phone = services.clients.search(actor, client.phone[-4:], active=None)
        assert client.id in {r.id for r in by_phone.rows}
        metrics = services.dashboard.metrics(actor)
        assert metrics.active_clients > 0
    finally:
        services.close()


@pytest.mark.parametrize("clients", ["0", "-5", "2000000"])
def test_bad_client_count(run: Callable[..., Result], tmp_path: Path, clients: str) -> None:
    assert_one_error_line(run("demo", "--clients", clients, "--db", str(tmp_path / "x.db")))


def test_demo_refuses_a_database_with_a_gym(run: Callable[..., Result], demo_db: Path) -> None:
    before = run("stats", "--json", "--db", str(demo_db)).json()
    assert_one_error_line(run("demo", "--clients", "5", "--db", str(demo_db)))
    assert run("stats", "--json", "--db", str(demo_db)).json() == before


def test_busy_profile_has_a_busy_gyms_density(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "busy.sqlite3"
    members = 3_000
    result = run("demo", "--clients", str(members), "--seed", "4", "--today", "2025-06-15",
                 "--db", str(path))
    assert result.code == 0, result.err
    services = open_services(path)
    try:
        numbers = counts(services.database)
        assert 0.9 <= numbers["assessments"] / members <= 1.1
        assert 1.15 <= numbers["packages"] / members <= 1.35
        assert numbers["payments"] == numbers["packages"]
        assert 3.5 <= numbers["sessions"] / members <= 4.5
        with services.database.read() as s:
            sessions = {row.id: row for row in s.scalars(select(TrainingSession))}
            debits = list(s.scalars(select(CreditLedgerEntry).where(
                CreditLedgerEntry.session_id.is_not(None))))
            joined = list(s.scalars(select(Client.created_at)))
        statuses = {row.status for row in sessions.values()}
        assert statuses == {"scheduled", "completed", "cancelled", "no_show"}
        last_booking = max(row.starts_at for row in sessions.values())
        assert last_booking.date() <= date(2025, 6, 29)
        assert (max(joined) - min(joined)).days > 2 * 365
        # Session ledger rows carry the id every desk gives them (domain.credits).
        assert debits
        for entry in debits:
            assert entry.id == session_entry_id(entry.session_id, entry.kind, entry.cycle)
            assert sessions[entry.session_id].status in ("completed", "no_show")
    finally:
        services.close()


def test_session_times_follow_from_the_start_and_the_sale(demo_db: Path) -> None:
    # The generator does this arithmetic on stored microseconds: the ORM's datetimes agree.
    services = open_services(demo_db)
    try:
        with services.database.read() as s:
            sold = {pid: at for pid, at in s.execute(
                select(SessionPackage.id, SessionPackage.created_at))}
            debits = {row.session_id: row.created_at for row in s.scalars(
                select(CreditLedgerEntry).where(CreditLedgerEntry.session_id.is_not(None)))}
            sessions = list(s.scalars(select(TrainingSession)))
        assert debits
        for row in sessions:
            end = row.starts_at + timedelta(minutes=row.duration_min)
            booked = max(sold[row.package_id] + timedelta(minutes=5),
                         row.starts_at - timedelta(days=3))
            assert row.created_at == booked
            assert row.completed_at == (end if row.status == "completed" else None)
            if row.id in debits:
                assert debits[row.id] == end
    finally:
        services.close()
