"""Import a database of the Django web edition into the desktop store (DOMAIN 10.4).

Same contract as the legacy import (`legacy_import`): read-only on the source, one
transaction, progress, a dry run on a throw-away copy, and the same `ImportSummary`.

- Idempotent without touching `legacy_id` (which belongs to the Streamlit import): every
  imported row gets a deterministic id, uuid5 of the source table and its integer id, so a
  second run finds its rows and adds nothing, and two desks importing the same file make
  the same rows.
- Staff keep their Django `pbkdf2_sha256$…` hash; it signs in and is re-hashed to argon2id
  at the first sign-in (services.passwords). Roles come from the trainer profile; the
  superuser without a profile is an owner. When the gym already has an owner, imported
  owners become senior trainers (reported).
- Assessments come in as `scoring_version = original-head` with their stored scores, never
  recomputed. The three step-test heart rates are beats per minute, not the desktop's
  30-second pulse counts: the first goes to `legacy_heart_rate`, all three stay in the
  step-test note.
- Packages and payments keep every stored amount and rate (the Original stores the card
  fee rate as 0.04, and so does the import). A payment without a fee breakdown is kept
  with VAT and card fee 0, as the legacy import does, and reported.
- The questionnaire has no desktop counterpart yet: its rows are counted and reported.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.choices import (
    ENVIRONMENTS,
    OVERHEAD_SQUAT_QUALITIES,
    PUSH_UP_TYPES,
)
from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.fees import DEFAULT_CARD_FEE_RATE, DEFAULT_VAT_RATE
from the5hc_desktop.services import ledger
from the5hc_desktop.services.base import audit, gym_zone, local_today, to_local
from the5hc_desktop.services.clients import client_age
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.django_source import (
    TRAINER_TABLE,
    USER_TABLE,
    DjangoData,
    read_django,
)
from the5hc_desktop.services.legacy_import import (
    _STATUSES,
    DEFAULT_GYM_NAME,
    LOADED_TABLES,
    ImportSummary,
    Progress,
    _details,
    _float,
    _Importer,
    _int,
    _rate,
    normalise_method,
    stored_amounts,
)
from the5hc_desktop.services.legacy_source import (
    EMPTY_ROW,
    Row,
    parse_clock,
    parse_day,
    parse_utc,
    whole,
)
from the5hc_desktop.services.settings import gym_organization
from the5hc_desktop.store import bulk_load
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    Assessment,
    AuditLogEntry,
    Client,
    CreditLedgerEntry,
    FeeAuditEntry,
    Organization,
    Payment,
    SessionPackage,
    StaffAccount,
    StaffSignInState,
    TrainingSession,
)
from the5hc_desktop.store.types import utcnow

ORIGINAL_SCORING = "original-head"
ENTITIES = ("staff", "clients", "assessments", "packages", "sessions", "payments",
            "credit_ledger", "fee_audit", "audit_log")
# Fixed namespace of imported Django rows: id = uuid5(NAMESPACE, "<table>:<id>").
NAMESPACE = uuid.UUID("5f7c2a4e-3d1b-5e8f-9a60-7b2c4d8e1f03")
_ROLES = ("owner", "senior", "trainer", "assistant")
_CHUNK = 500
_TESTS = {  # Django column prefix -> desktop test-note key
    "overhead_squat": "overhead_squat", "push_up": "push_up",
    "single_leg_balance": "balance", "toe_touch": "toe_touch",
    "shoulder_mobility": "shoulder_mobility", "farmer_carry": "farmer_carry",
    "harvard_step_test": "step_test",
}
_COMPLETE = ("overhead_squat_score", "push_up_reps", "single_leg_balance_right_eyes_open",
             "single_leg_balance_left_eyes_open", "single_leg_balance_right_eyes_closed",
             "single_leg_balance_left_eyes_closed", "toe_touch_distance",
             "shoulder_mobility_score", "farmer_carry_weight", "farmer_carry_distance",
             "farmer_carry_time", "harvard_step_test_hr1", "harvard_step_test_hr2",
             "harvard_step_test_hr3")


def row_id(table: str, source_id: object) -> uuid.UUID:
    """The desktop id of a Django row (stable across runs and machines)."""
    return uuid.uuid5(NAMESPACE, f"{table}:{int(source_id)}")  # type: ignore[call-overload]


def import_django(
    database: Database,
    source: Path,
    *,
    owner: str | None = None,
    actor: Actor | None = None,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Import `source` into `database` in one transaction (rolled back for a dry run)."""
    data = read_django(source)
    report = progress or (lambda _f: None)
    report(0.1)
    summary: ImportSummary | None = None

    class _DryRun(Exception):
        pass

    try:
        with database.write() as session:
            importer = _DjangoImporter(session, data, owner, report)
            importer.run()
            summary = importer.summary(source, dry_run)
            if dry_run:
                raise _DryRun
            audit(session, actor, "django_imported", "database", None, {
                "source": source.name, "created": dict(summary.created),
                "already_imported": dict(summary.already_imported),
            })
    except _DryRun:
        pass
    report(1.0)
    assert summary is not None
    return summary


def dry_run(target: Path, source: Path, *, owner: str | None = None,
            progress: Progress | None = None) -> ImportSummary:
    """What an import would do, on a temporary copy of `target` (never opened to write)."""
    folder = Path(tempfile.mkdtemp(prefix="the5hc-dry-run-"))
    try:
        copy = folder / "dry-run.sqlite3"
        if target.is_file():
            src = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
            try:
                dst = sqlite3.connect(copy)
                try:
                    src.backup(dst)
                finally:
                    dst.close()
            finally:
                src.close()
        with Database.open(copy, device_name="dry-run") as database:
            return import_django(database, source, owner=owner, progress=progress,
                                 dry_run=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class _DjangoImporter(_Importer):
    """Reuses the legacy importer's member cleaning, e-mail de-duplication and summary."""

    NOTE_PREFIX = "웹 버전 가져오기:"

    def __init__(self, session: Session, data: DjangoData, owner: str | None,
                 report: Progress) -> None:
        self.s = session
        self.django = data
        self.owner_wanted = owner
        self.report = report
        self.zone = gym_zone(session)
        self.today = local_today(self.zone)
        self.created = dict.fromkeys(ENTITIES, 0)
        self.already = dict.fromkeys(ENTITIES, 0)
        self.emails = []
        self.warnings = []
        self.owner_username = None
        self.staff: dict[int, uuid.UUID] = {}  # accounts_user.id -> staff id
        self.profiles = {int(r["id"]): r for r in data.rows(TRAINER_TABLE)}
        self.client_rows: dict[int, Client] = {}
        self.package_rows: dict[int, SessionPackage] = {}
        self.payments: dict[int, uuid.UUID] = {}

    def summary(self, source: Path, dry_run: bool) -> ImportSummary:
        return ImportSummary(source=source, dry_run=dry_run, created=dict(self.created),
                             already_imported=dict(self.already), merged_duplicates={},
                             rewritten_emails=tuple(self.emails),
                             owner_username=self.owner_username,
                             warnings=tuple(self.warnings))

    def run(self) -> None:
        steps = (self._clients, self._packages, self._payments, self._fee_audits,
                 self._sessions, self._assessments, self._audit_log)
        self._staff()
        self.s.flush()
        # Into an empty file: summaries and indexes are built once at the end.
        with bulk_load.suspended(self.s.connection(), LOADED_TABLES):
            for number, step in enumerate(steps, start=2):
                step()
                self.s.flush()
                self.report(0.1 + 0.8 * number / (len(steps) + 1))
        self.report(0.95)
        if self.django.questionnaire_rows:
            n = self.django.questionnaire_rows
            self.warn(f"설문(MCQ) 데이터 {n}행은 데스크톱에 아직 해당 기능이 없어 가져오지 "
                      f"않았습니다 ({n} questionnaire row(s) not imported: no desktop "
                      "questionnaire yet).")

    def _present(self, model: Any, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Any]:
        wanted = list(ids)
        found: dict[uuid.UUID, Any] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            found.update((row.id, row) for row in self.s.scalars(
                select(model).where(model.id.in_(chunk))))
        return found

    def _staff_of(self, table: str, column: str, value: object) -> uuid.UUID | None:
        """The staff id a trainer column names (a user id or a trainer-profile id)."""
        if value is None:
            return None
        target = self.django.staff_refs.get((table, column), TRAINER_TABLE)
        user_id = int(value)  # type: ignore[call-overload]
        if target != USER_TABLE:
            profile = self.profiles.get(user_id)
            if profile is None or profile["user_id"] is None:
                return None
            user_id = int(profile["user_id"])
        return self.staff.get(user_id)

    # -- staff -------------------------------------------------------------------------------

    def _staff(self) -> None:
        org = gym_organization(self.s)
        if org is None:
            source = next(iter(self.django.rows("trainers_organization")), EMPTY_ROW)
            org = Organization(
                id=row_id("trainers_organization", source["id"]) if source["id"] else None,
                name=str(source["name"] or DEFAULT_GYM_NAME)[:100],
                phone=(str(source["phone"])[:20] or None) if source["phone"] else None,
                email=str(source["email"] or "")[:254] or None,
                address=str(source["address"] or "") or None,
                timezone=str(source["timezone"] or "Asia/Seoul"),
            )
            self.s.add(org)
        users = self.django.rows(USER_TABLE)
        existing = self._present(StaffAccount, (row_id(USER_TABLE, r["id"]) for r in users))
        accounts = list(self.s.scalars(select(StaffAccount)))
        by_username = {a.username: a for a in accounts}
        emails = {a.email.lower() for a in accounts if a.email}
        has_owner = any(a.role == "owner" and a.active and a.deleted_at is None
                        for a in accounts)
        profile_of = {int(p["user_id"]): p for p in self.profiles.values()
                      if p["user_id"] is not None}
        if self.owner_wanted and not any(r["username"] == self.owner_wanted for r in users):
            raise ValidationError(f"가져올 데이터에 '{self.owner_wanted}' 사용자가 없습니다.",
                                  f"The data has no user '{self.owner_wanted}'.", field="owner")
        for r in users:
            source_id = int(r["id"])
            new_id = row_id(USER_TABLE, source_id)
            if new_id in existing:
                self.staff[source_id] = new_id
                self.already["staff"] += 1
                continue
            username = str(r["username"] or "").strip()
            same = by_username.get(username)
            if same is not None:
                self.staff[source_id] = same.id
                self.already["staff"] += 1
                self.warn(f"직원 '{username}'은(는) 이미 있어 기존 계정에 연결했습니다 "
                          f"(staff '{username}' already existed and was linked).")
                continue
            profile = profile_of.get(source_id, EMPTY_ROW)
            role = self._role(r, profile, has_owner)
            if role == "owner":
                has_owner = True
                self.owner_username = username
            password = str(r["password"] or "")
            if not password.startswith(("pbkdf2_sha256$", "$2a$", "$2b$", "$2y$", "$argon2")):
                self.warn(f"직원 '{username}'의 비밀번호 형식은 로그인할 수 없습니다. 소유자가 "
                          f"임시 비밀번호를 정해야 합니다 (staff '{username}': password "
                          "format cannot sign in; set a temporary password).")
            first_last = " ".join(str(x).strip() for x in (r["first_name"], r["last_name"]) if x)
            account = StaffAccount(
                id=new_id,
                organization_id=org.id,
                username=username,
                email=self._unique_email(r["email"], username, emails),
                display_name=(str(r["name"] or "").strip() or first_last or username)[:200],
                role=role,
                password_hash=password,
                must_change_password=False,
                active=bool(r["is_active"] if r["is_active"] is not None else True) and bool(
                    profile["is_active"] if profile["is_active"] is not None else True),
                created_at=parse_utc(r["date_joined"]) or parse_utc(r["created_at"]) or utcnow(),
            )
            self.s.add(account)
            if self.s.get(StaffSignInState, account.id) is None:
                self.s.add(StaffSignInState(  # this device's own bookkeeping (not synced)
                    staff_id=account.id,
                    failed_attempts=int(r["failed_login_attempts"] or 0),
                    locked_until=parse_utc(r["locked_until"]),
                    last_login=parse_utc(r["last_login"]),
                ))
            by_username[username] = account
            self.staff[source_id] = account.id
            self.created["staff"] += 1

    def _role(self, user: Row, profile: Row, has_owner: bool) -> str:
        role = str(profile["role"] or "").strip().lower()
        if role not in _ROLES:
            role = "owner" if user["is_superuser"] else "trainer"
        if self.owner_wanted:
            role = "owner" if user["username"] == self.owner_wanted and not has_owner else (
                "senior" if role == "owner" else role)
        elif role == "owner" and has_owner:
            self.warn(f"센터에 이미 소유자가 있어 '{user['username']}'은(는) 시니어 "
                      f"트레이너로 가져왔습니다 ('{user['username']}' imported as senior: "
                      "the gym already has an owner).")
            role = "senior"
        return role

    # -- members -----------------------------------------------------------------------------

    def _clients(self) -> None:
        rows = self.django.rows("clients")
        existing = self._present(Client, (row_id("clients", r["id"]) for r in rows))
        for r in rows:
            new_id = row_id("clients", r["id"])
            if new_id in existing:
                self.client_rows[int(r["id"])] = existing[new_id]
                self.already["clients"] += 1
                continue
            values = self._client_values(r)
            if values is None:
                continue
            created = parse_utc(r["created_at"]) or utcnow()
            age = r["age"]
            client = Client(
                id=new_id, **values,
                trainer_id=self._staff_of("clients", "trainer_id", r["trainer_id"]),
                age_years=int(age) if isinstance(age, int | float) and 0 < age <= 150 else None,
                age_recorded_on=to_local(created, self.zone).date(),
                created_at=created,
            )
            self.s.add(client)
            self.client_rows[int(r["id"])] = client
            self.created["clients"] += 1

    # -- packages, payments, fee audit -------------------------------------------------------------

    def _packages(self) -> None:
        rows = self.django.rows("session_packages")
        existing = self._present(SessionPackage,
                                 (row_id("session_packages", r["id"]) for r in rows))
        opened = self._present(CreditLedgerEntry,
                               (row_id("opening", r["id"]) for r in rows))
        methods: dict[int, str] = {}
        for p in self.django.rows("payments"):
            if p["package_id"] is not None and int(p["package_id"]) not in methods:
                methods[int(p["package_id"])] = normalise_method(p["payment_method"])
        for r in rows:
            source_id = int(r["id"])
            new_id = row_id("session_packages", source_id)
            if new_id in existing:
                self.package_rows[source_id] = existing[new_id]
                self.already["packages"] += 1
            else:
                client = self.client_rows.get(int(r["client_id"]))
                if client is None:
                    self.warn(f"패키지 #{source_id}: 회원이 없어 건너뛰었습니다 "
                              f"(package #{source_id}: client missing, skipped).")
                    continue
                sessions = int(r["total_sessions"] or 0)
                gross = whole(r["gross_amount"])
                notes = [str(r["notes"]).strip()] if r["notes"] else []
                if r["remaining_credits"] is not None:
                    notes.append(f"웹 버전 잔여 크레딧: {whole(r['remaining_credits']):,}원")
                package = SessionPackage(
                    id=new_id, client_id=client.id,
                    trainer_id=self._staff_of("session_packages", "trainer_id", r["trainer_id"])
                    or client.trainer_id or self._any_staff(),
                    name=str(r["package_name"] or "").strip() or f"{sessions}회 패키지",
                    gross=gross if gross is not None else whole(r["total_amount"]) or 0,
                    session_price=whole(r["session_price"]) or 0,
                    sessions_bought=sessions,
                    vat_rate=_rate(r["vat_rate"], DEFAULT_VAT_RATE),
                    card_fee_rate=_rate(r["card_fee_rate"], DEFAULT_CARD_FEE_RATE),
                    payment_method=methods.get(source_id, "card"),
                    active=bool(r["is_active"]) if r["is_active"] is not None else True,
                    notes="\n".join(notes) or None,
                    created_at=parse_utc(r["created_at"]) or utcnow(),
                )
                self.s.add(package)
                self.package_rows[source_id] = package
                self.created["packages"] += 1
            package = self.package_rows[source_id]
            if row_id("opening", source_id) in opened:
                self.already["credit_ledger"] += 1
                continue
            remaining = int(r["remaining_sessions"] or 0)
            self.s.add(CreditLedgerEntry(
                id=row_id("opening", source_id), package_id=package.id,
                client_id=package.client_id, session_id=None, kind=ledger.OPENING,
                delta=remaining, cycle=0,
                reason=f"웹 버전 가져오기: 남은 세션 {remaining}회 (opening balance)",
                staff_id=None, created_at=package.created_at,
            ))
            self.created["credit_ledger"] += 1

    def _payments(self) -> None:
        rows = self.django.rows("payments")
        existing = self._present(Payment, (row_id("payments", r["id"]) for r in rows))
        missing_fees = 0
        for r in rows:
            source_id = int(r["id"])
            new_id = row_id("payments", source_id)
            if new_id in existing:
                self.payments[source_id] = new_id
                self.already["payments"] += 1
                continue
            client = self.client_rows.get(int(r["client_id"]))
            paid_on = parse_day(r["payment_date"])
            if client is None or paid_on is None:
                self.warn(f"결제 #{source_id}: 회원 또는 날짜가 없어 건너뛰었습니다 "
                          f"(payment #{source_id}: client or date missing, skipped).")
                continue
            package = self.package_rows.get(int(r["package_id"])) if r["package_id"] else None
            gross, parts, complete = stored_amounts(r)
            if not complete:
                missing_fees += 1
            self.s.add(Payment(
                id=new_id, client_id=client.id,
                package_id=package.id if package is not None else None,
                staff_id=self._staff_of("payments", "trainer_id", r["trainer_id"])
                or client.trainer_id or self._any_staff(),
                paid_on=paid_on, method=normalise_method(r["payment_method"]),
                gross=gross, vat=parts[0], card_fee=parts[1], net=parts[2],
                vat_rate=_rate(r["vat_rate"], DEFAULT_VAT_RATE),
                card_fee_rate=_rate(r["card_fee_rate"], DEFAULT_CARD_FEE_RATE),
                description=(str(r["description"]).strip() or None) if r["description"] else None,
                created_at=parse_utc(r["created_at"]) or utcnow(),
            ))
            self.payments[source_id] = new_id
            self.created["payments"] += 1
        if missing_fees:
            self.warn(f"결제 {missing_fees}건은 수수료 내역이 없어 부가세·카드 수수료 0원으로 "
                      f"가져왔습니다 ({missing_fees} payment(s) had no fee breakdown: "
                      "VAT and card fee recorded as 0).")

    def _fee_audits(self) -> None:
        rows = self.django.rows("fee_audit_log")
        existing = self._present(FeeAuditEntry, (row_id("fee_audit_log", r["id"]) for r in rows))
        for r in rows:
            new_id = row_id("fee_audit_log", r["id"])
            if new_id in existing:
                self.already["fee_audit"] += 1
                continue
            package = self.package_rows.get(int(r["package_id"])) if r["package_id"] else None
            creator = self._staff_of("fee_audit_log", "created_by_id", r["created_by_id"]) or (
                package.trainer_id if package is not None else self._any_staff())
            self.s.add(FeeAuditEntry(
                id=new_id,
                package_id=package.id if package is not None else None,
                payment_id=self.payments.get(int(r["payment_id"])) if r["payment_id"] else None,
                calculation_type=str(r["calculation_type"] or "original")[:30],
                gross=whole(r["gross_amount"]) or 0, vat=whole(r["vat_amount"]) or 0,
                card_fee=whole(r["card_fee_amount"]) or 0, net=whole(r["net_amount"]) or 0,
                vat_rate=_rate(r["vat_rate"], DEFAULT_VAT_RATE),
                card_fee_rate=_rate(r["card_fee_rate"], DEFAULT_CARD_FEE_RATE),
                details=_details(r["calculation_details"]),
                created_by_id=creator,
                created_at=parse_utc(r["created_at"]) or utcnow(),
            ))
            self.created["fee_audit"] += 1

    # -- sessions ------------------------------------------------------------------------------

    def _sessions(self) -> None:
        rows = self.django.rows("sessions")
        existing = self._present(TrainingSession, (row_id("sessions", r["id"]) for r in rows))
        untimed = 0
        for r in rows:
            new_id = row_id("sessions", r["id"])
            if new_id in existing:
                self.already["sessions"] += 1
                continue
            package = self.package_rows.get(int(r["package_id"] or 0))
            client = self.client_rows.get(int(r["client_id"] or 0))
            day = parse_day(r["session_date"])
            status = _STATUSES.get(str(r["status"] or "scheduled").strip().lower())
            if package is None or client is None or day is None or status is None:
                self.warn(f"세션 #{r['id']}: 회원·패키지·날짜·상태를 알 수 없어 건너뛰었습니다 "
                          f"(session #{r['id']} skipped).")
                continue
            at = parse_clock(r["session_time"])
            untimed += at is None
            self.s.add(TrainingSession(
                id=new_id, client_id=client.id, package_id=package.id,
                trainer_id=self._staff_of("sessions", "trainer_id", r["trainer_id"])
                or package.trainer_id,
                starts_at=datetime.combine(day, at or time(), self.zone).astimezone(UTC),
                duration_min=min(240, max(15, int(r["session_duration"] or 60))),
                status=status,
                notes=(str(r["notes"]).strip() or None) if r["notes"] else None,
                completed_at=parse_utc(r["completed_at"]) if status == "completed" else None,
                created_at=parse_utc(r["created_at"]) or utcnow(),
            ))
            self.created["sessions"] += 1
        if untimed:
            self.warn(f"시간이 없는 세션 {untimed}건은 00:00으로 가져왔습니다 "
                      f"({untimed} session(s) without a time start at 00:00).")

    # -- assessments ---------------------------------------------------------------------------

    def _assessments(self) -> None:
        rows = self.django.rows("assessments")
        existing = self._present(Assessment, (row_id("assessments", r["id"]) for r in rows))
        for r in rows:
            new_id = row_id("assessments", r["id"])
            if new_id in existing:
                self.already["assessments"] += 1
                continue
            client = self.client_rows.get(int(r["client_id"] or 0))
            when = parse_utc(r["date"])
            if client is None or when is None:
                self.warn(f"평가 #{r['id']}: 회원 또는 날짜가 없어 건너뛰었습니다 "
                          f"(assessment #{r['id']}: client or date missing, skipped).")
                continue
            self.s.add(self._original_assessment(r, new_id, client,
                                                  to_local(when, self.zone).date()))
            self.created["assessments"] += 1

    def _original_assessment(self, r: Row, new_id: uuid.UUID, client: Client,
                             on: date) -> Assessment:
        age, _estimate = client_age(None, client.age_years, client.age_recorded_on, on)
        quality = r["overhead_squat_quality"]
        push_type = str(r["push_up_type"] or "standard")
        environment = str(r["test_environment"] or "indoor")
        risk = _json(r["risk_factors"])
        return Assessment(
            id=new_id, client_id=client.id,
            trainer_id=self._staff_of("assessments", "trainer_id", r["trainer_id"])
            or client.trainer_id or self._any_staff(),
            assessed_on=on, age_at_assessment=age or None, gender=client.gender,
            body_weight_kg=client.weight_kg,
            push_up_reps=_int(r["push_up_reps"]),
            push_up_type=push_type if push_type in PUSH_UP_TYPES else "standard",
            farmer_carry_weight_kg=_float(r["farmer_carry_weight"]),
            farmer_carry_distance_m=_float(r["farmer_carry_distance"]),
            farmer_carry_time_s=_float(r["farmer_carry_time"]),
            farmer_carry_percent=_float(r["farmer_carry_percentage"]),
            toe_touch_cm=_float(r["toe_touch_distance"]),
            shoulder_mobility_score=_int(r["shoulder_mobility_score"]),
            shoulder_pain=bool(r["shoulder_mobility_pain"]),
            shoulder_left_cm=_float(r["shoulder_mobility_left"]),
            shoulder_right_cm=_float(r["shoulder_mobility_right"]),
            overhead_squat_score=_int(r["overhead_squat_score"]),
            knee_valgus=bool(r["overhead_squat_knee_valgus"]),
            forward_lean=bool(r["overhead_squat_forward_lean"]),
            heel_lift=bool(r["overhead_squat_heel_lift"]),
            arm_drop=bool(r["overhead_squat_arm_drop"]),
            overhead_squat_quality=quality if quality in OVERHEAD_SQUAT_QUALITIES else None,
            balance_right_open_s=_float(r["single_leg_balance_right_eyes_open"]),
            balance_left_open_s=_float(r["single_leg_balance_left_eyes_open"]),
            balance_right_closed_s=_float(r["single_leg_balance_right_eyes_closed"]),
            balance_left_closed_s=_float(r["single_leg_balance_left_eyes_closed"]),
            step_test_duration_s=_float(r["harvard_step_test_duration"]),
            legacy_heart_rate=_int(r["harvard_step_test_hr1"]),
            environment=environment if environment in ENVIRONMENTS else "indoor",
            temperature_c=_float(r["temperature"]),
            test_notes=_test_notes(r),
            overrides={},
            score_push_up=_float(r["push_up_score"]),
            score_farmer_carry=_float(r["farmer_carry_score"]),
            score_toe_touch=_float(r["toe_touch_score"]),
            score_shoulder_mobility=_float(r["shoulder_mobility_score"]),
            score_overhead_squat=_float(r["overhead_squat_score"]),
            score_balance=_float(r["single_leg_balance_score_manual"]),
            score_step_test=_float(r["harvard_step_test_score_manual"]),
            score_strength=_float(r["strength_score"]),
            score_mobility=_float(r["mobility_score"]),
            score_balance_category=_float(r["balance_score"]),
            score_cardio=_float(r["cardio_score"]),
            score_overall=_float(r["overall_score"]),
            complete=all(r[c] is not None for c in _COMPLETE),
            risk_score=_float(r["injury_risk_score"]),
            risk_factors=risk if isinstance(risk, list) else ([risk] if risk else []),
            recommendations={},
            scoring_version=ORIGINAL_SCORING,
            created_at=parse_utc(r["created_at"]) or utcnow(),
        )

    # -- activity log --------------------------------------------------------------------------

    def _audit_log(self) -> None:
        rows = self.django.rows("trainers_auditlog")
        existing = self._present(AuditLogEntry,
                                 (row_id("trainers_auditlog", r["id"]) for r in rows))
        for r in rows:
            new_id = row_id("trainers_auditlog", r["id"])
            if new_id in existing:
                self.already["audit_log"] += 1
                continue
            at = parse_utc(r["created_at"]) or utcnow()
            extra = _json(r["extra_data"])
            self.s.add(AuditLogEntry(
                id=new_id,
                actor_id=self.staff.get(int(r["user_id"])) if r["user_id"] else None,
                action=f"original_{r['action'] or 'unknown'!s}"[:50],
                entity=None, entity_id=None,
                details={"source": "django", "object_id": r["object_id"],
                         "ip_address": r["ip_address"], "extra": extra},
                at=at, created_at=at,
            ))
            self.created["audit_log"] += 1


def _json(text: object) -> Any:
    if text is None or text == "":
        return None
    try:
        value = json.loads(str(text))
        return json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return str(text)


def _test_notes(r: Row) -> dict[str, str]:
    notes: dict[str, str] = {}
    for prefix, key in _TESTS.items():
        if r[f"{prefix}_notes"]:
            notes[key] = str(r[f"{prefix}_notes"]).strip()
    rates = [r[f"harvard_step_test_hr{n}"] for n in (1, 2, 3)]
    if any(x is not None for x in rates):
        text = "원본 회복 심박수(bpm): " + ", ".join(
            f"{n}분 {'-' if x is None else x}" for n, x in zip((1, 2, 3), rates, strict=True))
        notes["step_test"] = " / ".join(x for x in (notes.get("step_test"), text) if x)
    return notes
