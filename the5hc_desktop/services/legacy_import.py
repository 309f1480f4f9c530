"""Import a Legacy (Streamlit) database into the desktop store (docs/domain.md 10.3).

- Read-only on the source; the pre-clean merges run in memory (`legacy_source`).
- Staff keep their bcrypt hash (verified and re-hashed to argon2id at first sign-in). The
  owner is the one named, else `admin`, else the first trainer — only when the gym has no
  owner yet; everyone else is a trainer. Duplicate e-mails: the first keeps it, the others
  get `{local}+{username}@{domain}`, and the summary lists every change.
- Members: 남성/여성 mapped; the legacy age is stored as a snapshot dated on the member's
  registration day; no birth date is made up. A value the desktop refuses (a 7-digit phone,
  an impossible BMI) is left out and kept, as typed, in the member's notes.
- Assessments keep their raw inputs and stored scores (`scoring_version = legacy`, never
  recomputed here). The single heart rate goes to `legacy_heart_rate`, not to the 30-second
  pulse counts; compensation texts go to the test notes.
- Packages keep every stored amount and rate; credits open with the legacy
  remaining_sessions (ledger kind `opening`); the monetary remaining_credits is noted.
- Every imported row carries its legacy id (`legacy_id`; negative for the older
  training_sessions / payment_records tables), so a second run imports nothing new.
Everything happens in one transaction; a dry run does the same on a throw-away copy.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.fees import DEFAULT_CARD_FEE_RATE, DEFAULT_VAT_RATE
from the5hc_desktop.domain.hangul import initials
from the5hc_desktop.domain.money import MoneyStyle, format_won
from the5hc_desktop.domain.particles import resolve
from the5hc_desktop.services import ledger
from the5hc_desktop.services.assessment_views import inputs_from_values
from the5hc_desktop.services.base import audit, gym_zone, local_today, to_local
from the5hc_desktop.services.clients import ClientDraft, clean_draft, client_age
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.legacy_source import (
    LegacyData,
    Merge,
    Row,
    parse_clock,
    parse_day,
    parse_utc,
    read_legacy,
    whole,
)
from the5hc_desktop.services.settings import gym_organization
from the5hc_desktop.store import bulk_load
from the5hc_desktop.store.bulk import BulkWriter
from the5hc_desktop.store.copy import copy_database
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.ids import new_ids
from the5hc_desktop.store.models import (
    Assessment,
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

DEFAULT_GYM_NAME = "The5HC 피트니스 센터"  # what the Original named the imported gym (10.2)
LEGACY_SCORING = "legacy"
# The tables written in bulk (staff go through the ORM first).
LOADED_TABLES = tuple(model.__tablename__ for model in (
    Client, SessionPackage, CreditLedgerEntry, Payment, FeeAuditEntry, TrainingSession,
    Assessment))
ENTITIES = ("staff", "clients", "assessments", "packages", "sessions", "payments",
            "credit_ledger", "fee_audit")
Progress = Callable[[float], None]

_RATE = Decimal("0.0001")
_CHUNK = 5_000  # rows per bulk insert: memory stays flat, executemany stays efficient
_BULK_CACHE_KIB = 65_536  # page cache for the import transaction (index inserts)
_CASH = ("cash", "현금")
_TRANSFER = ("transfer", "계좌이체", "이체", "무통장", "bank")
_CARD = ("card", "카드", "package purchase", "credit")
_STATUSES = {"scheduled": "scheduled", "completed": "completed", "cancelled": "cancelled",
             "canceled": "cancelled", "no_show": "no_show", "noshow": "no_show",
             "no-show": "no_show"}
# legacy test column prefix -> desktop test key (for notes)
_TESTS = {
    "overhead_squat": "overhead_squat",
    "push_up": "push_up",
    "single_leg_balance": "balance",
    "toe_touch": "toe_touch",
    "shoulder_mobility": "shoulder_mobility",
    "farmer_carry": "farmer_carry",
    "harvard_step_test": "step_test",
}


@dataclass(frozen=True)
class EmailChange:
    username: str
    old: str
    new: str


@dataclass(frozen=True)
class ImportSummary:
    source: Path
    dry_run: bool
    created: Mapping[str, int]
    already_imported: Mapping[str, int]
    merged_duplicates: Mapping[str, int]
    rewritten_emails: tuple[EmailChange, ...]
    owner_username: str | None
    warnings: tuple[str, ...] = field(default=())
    # Every old-table row dropped as a duplicate, with the row it was merged into.
    merges: tuple[Merge, ...] = field(default=())

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def normalise_method(text: object) -> str:
    """`카드`, `card`, `Package Purchase` → card; 현금 → cash; 계좌이체 → transfer.

    An empty method is card (the Legacy's default); anything else unrecognised is other.
    """
    value = str(text or "").strip().lower()
    if not value:
        return "card"
    if any(word in value for word in _CASH):
        return "cash"
    if any(word in value for word in _TRANSFER):
        return "transfer"
    if any(word in value for word in _CARD):
        return "card"
    return "other"


def import_legacy(
    database: Database,
    source: Path,
    *,
    owner: str | None = None,
    gym_name: str | None = None,
    actor: Actor | None = None,
    progress: Progress | None = None,
    dry_run: bool = False,
    data: LegacyData | None = None,
) -> ImportSummary:
    """Import `source` into `database` in one transaction (rolled back for a dry run).

    `data`: `source` already read by `read_legacy` (the CLI reads and checks it before it
    creates a new target, so a bad source never leaves an empty database behind).
    """
    data = read_legacy(source) if data is None else data
    report = progress or (lambda _f: None)
    report(0.1)
    summary: ImportSummary | None = None

    class _DryRun(Exception):
        pass

    try:
        with database.write() as session:
            importer = _Importer(session, database, data, owner, gym_name, report)
            importer.run()
            summary = importer.summary(source, dry_run)
            if dry_run:
                raise _DryRun
            audit(session, actor, "legacy_imported", "database", None, {
                "source": source.name, "created": dict(summary.created),
                "already_imported": dict(summary.already_imported),
                "rewritten_emails": len(summary.rewritten_emails),
                "merges": [m.describe()[1] for m in summary.merges],
            })
    except _DryRun:
        pass
    report(1.0)
    assert summary is not None
    return summary


def dry_run(
    target: Path, source: Path, *, owner: str | None = None, gym_name: str | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """What an import would do, computed on a temporary copy: the target is never opened
    for writing (nor created when it does not exist)."""
    folder = Path(tempfile.mkdtemp(prefix="the5hc-dry-run-"))
    try:
        scratch = folder / "dry-run.sqlite3"
        if target.is_file():
            copy_database(target, scratch)
        with Database.open(scratch, device_name="dry-run") as database:
            return import_legacy(database, source, owner=owner, gym_name=gym_name,
                                 progress=progress, dry_run=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class _Importer:
    NOTE_PREFIX = "레거시 가져오기:"  # heads the notes that keep refused original values

    def __init__(
        self, session: Session, database: Database, data: LegacyData, owner: str | None,
        gym_name: str | None, report: Progress,
    ) -> None:
        self.s = session
        self.database = database
        self.data = data
        self.owner_wanted = owner
        self.gym_name = gym_name
        self.report = report
        self.zone = gym_zone(session)
        self.today = local_today(self.zone)
        self.created = dict.fromkeys(ENTITIES, 0)
        self.already = dict.fromkeys(ENTITIES, 0)
        self.emails: list[EmailChange] = []
        self.warnings: list[str] = []
        self.owner_username: str | None = None
        self.staff: dict[int, uuid.UUID] = {}
        self.clients: dict[int, _Member] = {}
        self.packages: dict[int, _Package] = {}
        self.payments: dict[int, uuid.UUID] = {}
        self.bulk: BulkWriter | None = None
        self._ids: list[uuid.UUID] = []

    def new_id(self) -> uuid.UUID:
        # Ids are taken from the shared generator a chunk at a time (one call per row costs).
        if not self._ids:
            self._ids = new_ids(_CHUNK)[::-1]
        return self._ids.pop()

    def summary(self, source: Path, dry_run: bool) -> ImportSummary:
        return ImportSummary(
            source=source,
            dry_run=dry_run,
            created=dict(self.created),
            already_imported=dict(self.already),
            merged_duplicates=dict(self.data.merged),
            rewritten_emails=tuple(self.emails),
            owner_username=self.owner_username,
            warnings=tuple(self.warnings),
            merges=tuple(self.data.merges),
        )

    def warn(self, text: str) -> None:
        """Keep a note for the import summary; 을(를)-style double particles are settled by
        the name filled in before them (domain/particles.py)."""
        self.warnings.append(resolve(text))

    def run(self) -> None:
        self._staff()
        self.s.flush()  # the staff rows go in through the ORM; everything else in bulk
        conn = self.s.connection()
        conn.exec_driver_sql(f"PRAGMA cache_size=-{_BULK_CACHE_KIB}")
        try:
            self.bulk = BulkWriter(conn, self.database.device_id, self.database.clock, utcnow())
            steps = (self._clients, self._packages, self._payments, self._fee_audits,
                     self._sessions, self._assessments)
            # Into an empty file: summaries and indexes are built once at the end.
            with bulk_load.suspended(conn, LOADED_TABLES):
                for number, step in enumerate(steps, start=2):
                    step()  # parents first: rows are linked by bare foreign keys
                    self.report(0.1 + 0.8 * number / (len(steps) + 1))
            self.report(0.95)
        finally:
            conn.exec_driver_sql("PRAGMA cache_size=-2000")

    def _write(self, model: Any, rows: list[dict[str, Any]], final: bool = False) -> None:
        """Bulk-insert `rows` once a chunk is full (or at the end) and empty the list."""
        if rows and (final or len(rows) >= _CHUNK):
            assert self.bulk is not None
            self.bulk.insert_values(model, rows)
            rows.clear()

    def _imported(self, model: Any, *columns: Any) -> Iterator[tuple[Any, ...]]:
        """(legacy id, *columns) of the rows an earlier import brought in."""
        for legacy_id, *values in self.s.execute(
                select(model.legacy_id, *columns).where(model.legacy_id.is_not(None))):
            yield (int(legacy_id), *values)

    def _existing(self, model: Any) -> set[int]:
        return set(self.s.scalars(select(model.legacy_id).where(model.legacy_id.is_not(None))))

    # -- staff -----------------------------------------------------------------------------

    def _staff(self) -> None:
        org = gym_organization(self.s)
        if org is None:
            org = Organization(name=self.gym_name or DEFAULT_GYM_NAME)
            self.s.add(org)
        accounts = list(self.s.scalars(select(StaffAccount)))
        existing = {a.legacy_id: a for a in accounts if a.legacy_id is not None}
        by_username = {a.username: a for a in accounts}
        emails = {a.email.lower() for a in accounts if a.email}
        has_owner = any(a.role == "owner" and a.active and a.deleted_at is None
                        for a in accounts)
        owner_id = self._pick_owner(has_owner)
        for r in self.data.trainers:
            legacy_id = int(r["id"])
            if legacy_id in existing:
                self.staff[legacy_id] = existing[legacy_id].id
                self.already["staff"] += 1
                continue
            username = str(r["username"] or "").strip()
            same = by_username.get(username)
            if same is not None:  # the gym already has this login: link, do not duplicate
                same.legacy_id = same.legacy_id or legacy_id
                self.staff[legacy_id] = same.id
                self.already["staff"] += 1
                self.warn(f"직원 '{username}'은(는) 이미 있어 기존 계정에 연결했습니다 "
                          f"(staff '{username}' already existed and was linked).")
                continue
            email = self._unique_email(r["email"], username, emails)
            role = "owner" if legacy_id == owner_id else "trainer"
            if role == "owner":
                self.owner_username = username
            account = StaffAccount(
                organization_id=org.id,
                username=username,
                email=email,
                display_name=str(r["name"] or "").strip() or username,
                role=role,
                password_hash=str(r["password_hash"] or ""),
                must_change_password=False,
                active=True,
                created_at=parse_utc(r["created_at"]) or utcnow(),
                legacy_id=legacy_id,
            )
            self.s.add(account)
            self.s.add(StaffSignInState(  # this device's own bookkeeping (not synced)
                staff_id=account.id,
                failed_attempts=int(r["failed_login_attempts"] or 0),
                locked_until=parse_utc(r["locked_until"]),
                last_login=parse_utc(r["last_login"]),
            ))
            by_username[username] = account
            self.staff[legacy_id] = account.id
            self.created["staff"] += 1

    def _pick_owner(self, has_owner: bool) -> int | None:
        trainers = self.data.trainers
        if self.owner_wanted:
            for r in trainers:
                if r["username"] == self.owner_wanted:
                    return int(r["id"])
            raise ValidationError(
                f"레거시 데이터에 '{self.owner_wanted}' 사용자가 없습니다.",
                f"The legacy data has no user '{self.owner_wanted}'.", field="owner")
        if has_owner or not trainers:
            return None
        for r in trainers:
            if r["username"] == "admin":
                return int(r["id"])
        return int(trainers[0]["id"])

    def _unique_email(self, raw: object, username: str, taken: set[str]) -> str | None:
        email = str(raw or "").strip().lower()
        if not email:
            return None
        if email not in taken:
            taken.add(email)
            return email
        local, _, domain = email.partition("@")
        candidate = f"{local}+{username.lower()}@{domain}"
        n = 2
        while candidate in taken:
            candidate = f"{local}+{username.lower()}{n}@{domain}"
            n += 1
        taken.add(candidate)
        self.emails.append(EmailChange(username, email, candidate))
        return candidate

    # -- members ---------------------------------------------------------------------------

    def _clients(self) -> None:
        for legacy_id, *stored_member in self._imported(
                Client, Client.id, Client.trainer_id, Client.gender, Client.weight_kg,
                Client.age_years, Client.age_recorded_on):
            self.clients[legacy_id] = _Member(*stored_member)
            self.already["clients"] += 1
        rows: list[dict[str, Any]] = []
        for r in self.data.iter_clients():
            legacy_id = int(r["id"])
            if legacy_id in self.clients:
                continue
            values = self._client_values(r)
            if values is None:
                continue
            created = parse_utc(r["created_at"]) or utcnow()
            age = r["age"]
            member = _Member(
                id=self.new_id(),
                trainer_id=self.staff.get(r["trainer_id"]),
                gender=values["gender"],
                weight_kg=values.get("weight_kg"),
                age_years=int(age) if isinstance(age, int | float) and 0 < age <= 150 else None,
                age_recorded_on=to_local(created, self.zone).date(),
            )
            rows.append({**values, "id": member.id, "trainer_id": member.trainer_id,
                         "age_years": member.age_years,
                         "age_recorded_on": member.age_recorded_on, "created_at": created,
                         "legacy_id": legacy_id})
            self.clients[legacy_id] = member
            self.created["clients"] += 1
            self._write(Client, rows)
        self._write(Client, rows, final=True)

    def _client_values(self, r: Row) -> dict[str, Any] | None:
        """`clean_draft` values; refused optional values are dropped into the notes."""
        draft = ClientDraft(
            name=str(r["name"] or "").strip(),
            gender=str(r["gender"] or ""),
            phone=str(r["phone"] or ""),
            email=str(r["email"] or ""),
            height_cm=_float(r["height"]),
            weight_kg=_float(r["weight"]),
        )
        kept: list[str] = []
        raw_name = draft.name
        for _attempt in range(6):
            try:
                values = clean_draft(draft, self.today)
                break
            except ValidationError as error:
                name = error.field
                if name == "gender":
                    self.warn(f"회원 #{r['id']}: 성별 '{r['gender']}'을(를) 알 수 없어 가져오지 "
                              f"않았습니다 (client #{r['id']}: unknown gender, skipped).")
                    return None
                if name == "name":
                    draft = dataclasses.replace(draft, name="회원")
                elif name == "phone":
                    kept.append(f"전화번호 원본: {r['phone']}")
                    draft = dataclasses.replace(draft, phone="")
                elif name == "email":
                    kept.append(f"이메일 원본: {r['email']}")
                    draft = dataclasses.replace(draft, email="")
                elif name in ("height_cm", "weight_kg"):
                    kept.append(f"키/몸무게 원본: {r['height']} cm / {r['weight']} kg")
                    draft = dataclasses.replace(draft, height_cm=None, weight_kg=None)
                else:
                    raise
                self.warn(f"회원 #{r['id']}: {name} 값이 올바르지 않아 메모에 원본을 남겼습니다 "
                          f"(client #{r['id']}: invalid {name} kept in the notes).")
        else:  # pragma: no cover - every field above is cleared at most once
            return None
        if raw_name != values["name"]:
            values["name"] = raw_name
            values["name_initials"] = initials(raw_name.replace(" ", ""))
        if kept:
            values["notes"] = "\n".join([self.NOTE_PREFIX, *kept])
        return values

    # -- packages and the opening balance --------------------------------------------------

    def _packages(self) -> None:
        for legacy_id, *stored in self._imported(
                SessionPackage, SessionPackage.id, SessionPackage.client_id,
                SessionPackage.trainer_id, SessionPackage.created_at):
            self.packages[legacy_id] = _Package(*stored)
            self.already["packages"] += 1
        opened = self._existing(CreditLedgerEntry)
        self.already["credit_ledger"] = len(opened)
        methods: dict[int, str] = {}
        for p in self.data.iter_payments():
            package_id = p.row["package_id"]
            if package_id is not None and int(package_id) not in methods:
                methods[int(package_id)] = normalise_method(p.row["payment_method"])
        rows: list[dict[str, Any]] = []
        openings: list[dict[str, Any]] = []
        for r in self.data.iter_packages():
            legacy_id = int(r["id"])
            if legacy_id not in self.packages:
                values = self._package(r, methods.get(legacy_id, "card"))
                if values is None:
                    continue
                rows.append(values)
                self._write(SessionPackage, rows)
            package = self.packages[legacy_id]
            if legacy_id in opened:
                continue
            remaining = int(r["remaining_sessions"] or 0)
            openings.append({
                "package_id": package.id, "client_id": package.client_id, "session_id": None,
                "kind": ledger.OPENING, "delta": remaining, "cycle": 0,
                "reason": f"레거시 가져오기: 남은 세션 {remaining}회 (legacy opening balance)",
                "staff_id": None, "created_at": package.created_at, "legacy_id": legacy_id,
            })
            self.created["credit_ledger"] += 1
        self._write(SessionPackage, rows, final=True)
        for start in range(0, len(openings), _CHUNK):  # after their packages (foreign key)
            self._write(CreditLedgerEntry, openings[start:start + _CHUNK], final=True)

    def _package(self, r: Row, method: str) -> dict[str, Any] | None:
        client = self.clients.get(int(r["client_id"]))
        if client is None:
            self.warn(f"패키지 #{r['id']}: 회원 #{r['client_id']}이(가) 없어 건너뛰었습니다 "
                      f"(package #{r['id']}: client missing, skipped).")
            return None
        sessions = int(r["total_sessions"] or 0)
        notes = [str(r["notes"]).strip()] if r["notes"] else []
        credit = whole(r["remaining_credits"])
        if credit is not None:
            notes.append(f"레거시 잔여 크레딧: {format_won(credit, MoneyStyle.WON_SUFFIX)}")
        gross = whole(r["gross_amount"])
        package = _Package(
            id=self.new_id(),
            client_id=client.id,
            trainer_id=self.staff.get(r["trainer_id"]) or client.trainer_id or self._any_staff(),
            created_at=parse_utc(r["created_at"]) or utcnow(),
        )
        self.packages[int(r["id"])] = package
        self.created["packages"] += 1
        return {
            "id": package.id,
            "client_id": client.id,
            "trainer_id": package.trainer_id,
            "name": str(r["package_name"] or "").strip() or f"{sessions}회 패키지",
            "gross": gross if gross is not None else whole(r["total_amount"]) or 0,
            "session_price": whole(r["session_price"]) or 0,
            "sessions_bought": sessions,
            "vat_rate": _rate(r["vat_rate"], DEFAULT_VAT_RATE),
            "card_fee_rate": _rate(r["card_fee_rate"], DEFAULT_CARD_FEE_RATE),
            "payment_method": method,
            "expires_on": None,
            "active": bool(r["is_active"]) if r["is_active"] is not None else True,
            "notes": "\n".join(notes) or None,
            "created_at": package.created_at,
            "legacy_id": int(r["id"]),
        }

    def _any_staff(self) -> uuid.UUID:
        # A row whose trainer and client trainer are both unknown: the first imported staff.
        return next(iter(self.staff.values()))

    # -- payments and fee audit --------------------------------------------------------------

    def _payments(self) -> None:
        for legacy_id, payment_id in self._imported(Payment, Payment.id):
            self.payments[legacy_id] = payment_id
        self.already["payments"] = len(self.payments)
        existing = set(self.payments)
        missing_fees = 0
        rows: list[dict[str, Any]] = []
        for p in self.data.iter_payments():
            r = p.row
            if p.legacy_id in existing:
                continue
            client = self.clients.get(int(r["client_id"]))
            paid_on = parse_day(r["payment_date"])
            if client is None or paid_on is None:
                self.warn(f"결제 {p.source} #{r['id']}: 회원 또는 날짜가 없어 건너뛰었습니다 "
                          f"(payment {p.source} #{r['id']}: client or date missing, skipped).")
                continue
            package = self.packages.get(int(r["package_id"])) if r["package_id"] else None
            gross, parts, complete = stored_amounts(r)
            if not complete:
                missing_fees += 1
            staff = (self.staff.get(p.trainer_id) if p.trainer_id is not None else None) or (
                client.trainer_id or self._any_staff())
            payment_id = self.new_id()
            rows.append({
                "id": payment_id,
                "client_id": client.id,
                "package_id": package.id if package is not None else None,
                "staff_id": staff,
                "paid_on": paid_on,
                "method": normalise_method(r["payment_method"]),
                "gross": gross,
                "vat": parts[0],
                "card_fee": parts[1],
                "net": parts[2],
                "vat_rate": _rate(r["vat_rate"], DEFAULT_VAT_RATE),
                "card_fee_rate": _rate(r["card_fee_rate"], DEFAULT_CARD_FEE_RATE),
                "description": (str(r["description"]).strip() or None)
                if r["description"] else None,
                "created_at": parse_utc(r["created_at"]) or utcnow(),
                "legacy_id": p.legacy_id,
            })
            self.payments[p.legacy_id] = payment_id
            self.created["payments"] += 1
            self._write(Payment, rows)
        self._write(Payment, rows, final=True)
        if missing_fees:
            self.warn(f"결제 {missing_fees}건은 수수료 내역이 없어 부가세·카드 수수료 0원으로 "
                      f"가져왔습니다 ({missing_fees} payment(s) had no fee breakdown: "
                      "VAT and card fee recorded as 0).")

    def _fee_audits(self) -> None:
        existing = self._existing(FeeAuditEntry)
        self.already["fee_audit"] = len(existing)
        rows: list[dict[str, Any]] = []
        for r in self.data.iter_fee_audits():
            legacy_id = int(r["id"])
            if legacy_id in existing:
                continue
            package = self.packages.get(int(r["package_id"])) if r["package_id"] else None
            creator = self.staff.get(r["created_by"]) or (
                package.trainer_id if package is not None else self._any_staff())
            rows.append({
                "package_id": package.id if package is not None else None,
                "payment_id": self.payments.get(int(r["payment_id"])) if r["payment_id"]
                else None,
                "calculation_type": str(r["calculation_type"] or "legacy")[:30],
                "gross": whole(r["gross_amount"]) or 0,
                "vat": whole(r["vat_amount"]) or 0,
                "card_fee": whole(r["card_fee_amount"]) or 0,
                "net": whole(r["net_amount"]) or 0,
                "vat_rate": _rate(r["vat_rate"], DEFAULT_VAT_RATE),
                "card_fee_rate": _rate(r["card_fee_rate"], DEFAULT_CARD_FEE_RATE),
                "details": _details(r["calculation_details"]),
                "created_by_id": creator,
                "created_at": parse_utc(r["created_at"]) or utcnow(),
                "legacy_id": legacy_id,
            })
            self.created["fee_audit"] += 1
            self._write(FeeAuditEntry, rows)
        self._write(FeeAuditEntry, rows, final=True)

    # -- sessions ----------------------------------------------------------------------------

    def _sessions(self) -> None:
        existing = self._existing(TrainingSession)
        self.already["sessions"] = len(existing)
        untimed = clamped = 0
        rows: list[dict[str, Any]] = []
        for item in self.data.iter_sessions():
            r = item.row
            if item.legacy_id in existing:
                continue
            package = self.packages.get(int(r["package_id"]))
            client = self.clients.get(int(r["client_id"]))
            day = parse_day(r["session_date"])
            status = _STATUSES.get(str(r["status"] or "scheduled").strip().lower())
            if package is None or client is None or day is None or status is None:
                self.warn(f"세션 {item.source} #{r['id']}: 회원·패키지·날짜·상태를 알 수 없어 "
                          f"건너뛰었습니다 (session {item.source} #{r['id']} skipped).")
                continue
            at = parse_clock(r["session_time"])
            if at is None:
                untimed += 1  # a date without a usable time starts at 00:00 local
            duration = int(r["session_duration"] or 60)
            if not 15 <= duration <= 240:
                clamped += 1
                duration = min(240, max(15, duration))
            starts = datetime.combine(day, at or time(), self.zone).astimezone(UTC)
            trainer = (self.staff.get(item.trainer_id) if item.trainer_id is not None else None)
            rows.append({
                "client_id": client.id,
                "package_id": package.id,
                "trainer_id": trainer or package.trainer_id,
                "starts_at": starts,
                "duration_min": duration,
                "status": status,
                "notes": (str(r["notes"]).strip() or None) if r["notes"] else None,
                "completed_at": parse_utc(r["completed_at"]) if status == "completed" else None,
                "created_at": parse_utc(r["created_at"]) or utcnow(),
                "legacy_id": item.legacy_id,
            })
            self.created["sessions"] += 1
            self._write(TrainingSession, rows)
        self._write(TrainingSession, rows, final=True)
        if untimed:
            self.warn(f"시간이 없는 세션 {untimed}건은 00:00으로 가져왔습니다 "
                      f"({untimed} session(s) without a time start at 00:00).")
        if clamped:
            self.warn(f"세션 {clamped}건의 시간을 15~240분으로 맞췄습니다 "
                      f"({clamped} session duration(s) clamped to 15–240 min).")

    # -- assessments -------------------------------------------------------------------------

    def _assessments(self) -> None:
        existing = self._existing(Assessment)
        self.already["assessments"] = len(existing)
        rows: list[dict[str, Any]] = []
        for r in self.data.iter_assessments():
            legacy_id = int(r["id"])
            if legacy_id in existing:
                continue
            client = self.clients.get(int(r["client_id"]))
            assessed_on = parse_day(r["date"])
            if client is None or assessed_on is None:
                self.warn(f"평가 #{legacy_id}: 회원 또는 날짜가 없어 건너뛰었습니다 "
                          f"(assessment #{legacy_id}: client or date missing, skipped).")
                continue
            row = self._assessment(r, client, assessed_on)
            rows.append(row)
            self.created["assessments"] += 1
            if row["age_at_assessment"] is not None:
                _inputs, dropped = inputs_from_values(row, row["age_at_assessment"])
                if dropped:
                    self.warn(f"평가 #{legacy_id}: {', '.join(dropped)} 값은 desktop-1 범위 "
                              f"밖이지만 원본대로 보관했습니다 (assessment #{legacy_id}: "
                              "values outside desktop-1 ranges kept as stored).")
            self._write(Assessment, rows)
        self._write(Assessment, rows, final=True)

    def _assessment(self, r: Row, client: _Member, assessed_on: date) -> dict[str, Any]:
        age, _estimate = client_age(None, client.age_years, client.age_recorded_on, assessed_on)
        trainer = self.staff.get(r["trainer_id"]) or client.trainer_id or self._any_staff()
        return {
            "client_id": client.id,
            "trainer_id": trainer,
            "assessed_on": assessed_on,
            "age_at_assessment": age or None,
            "gender": client.gender,
            "body_weight_kg": client.weight_kg,
            "push_up_reps": _int(r["push_up_reps"]),
            "push_up_type": "standard",
            "farmer_carry_weight_kg": _float(r["farmer_carry_weight"]),
            "farmer_carry_distance_m": _float(r["farmer_carry_distance"]),
            "toe_touch_cm": _float(r["toe_touch_distance"]),
            "shoulder_mobility_score": _int(r["shoulder_mobility_score"]),
            "shoulder_left_cm": _float(r["shoulder_mobility_left"]),
            "shoulder_right_cm": _float(r["shoulder_mobility_right"]),
            "overhead_squat_score": _int(r["overhead_squat_score"]),
            "balance_right_open_s": _float(r["single_leg_balance_right_eyes_open"]),
            "balance_left_open_s": _float(r["single_leg_balance_left_eyes_open"]),
            "balance_right_closed_s": _float(r["single_leg_balance_right_eyes_closed"]),
            "balance_left_closed_s": _float(r["single_leg_balance_left_eyes_closed"]),
            "step_test_duration_s": _float(r["harvard_step_test_duration"]),
            "legacy_heart_rate": _int(r["harvard_step_test_heart_rate"]),
            "environment": "indoor",
            "test_notes": _test_notes(r),
            "notes": None,
            "overrides": {},
            "score_push_up": _float(r["push_up_score"]),
            "score_farmer_carry": _float(r["farmer_carry_score"]),
            "score_toe_touch": _float(r["toe_touch_score"]),
            "score_shoulder_mobility": _float(r["shoulder_mobility_score"]),
            "score_overhead_squat": _float(r["overhead_squat_score"]),
            "score_strength": _float(r["strength_score"]),
            "score_mobility": _float(r["mobility_score"]),
            "score_balance_category": _float(r["balance_score"]),
            "score_cardio": _float(r["cardio_score"]),
            "score_overall": _float(r["overall_score"]),
            "complete": False,  # the Legacy stored no balance or step-test score
            "risk_factors": [],
            "recommendations": {},
            "scoring_version": LEGACY_SCORING,
            "created_at": parse_utc(r["created_at"]) or utcnow(),
            "legacy_id": int(r["id"]),
        }


class _Member(NamedTuple):
    """What the later steps need of an imported (or earlier imported) member."""

    id: uuid.UUID
    trainer_id: uuid.UUID | None
    gender: str
    weight_kg: float | None
    age_years: int | None
    age_recorded_on: date | None


class _Package(NamedTuple):
    id: uuid.UUID
    client_id: uuid.UUID
    trainer_id: uuid.UUID
    created_at: datetime


def stored_amounts(r: Row) -> tuple[int, tuple[int, int, int], bool]:
    """(gross, (VAT, card fee, net), complete) of a stored payment row of either earlier
    edition. A row without a whole breakdown keeps its gross with VAT and card fee 0 and
    net = gross, as the Original did (complete is then False, for the summary's note)."""
    gross = whole(r["gross_amount"])
    if gross is None:
        gross = whole(r["amount"]) or 0
    vat, fee, net = whole(r["vat_amount"]), whole(r["card_fee_amount"]), whole(r["net_amount"])
    if vat is None or fee is None or net is None or vat + fee + net != gross:
        return gross, (0, 0, gross), False
    return gross, (vat, fee, net), True


def _test_notes(r: Row) -> dict[str, str]:
    notes: dict[str, str] = {}
    for prefix, key in _TESTS.items():
        parts = []
        if r[f"{prefix}_notes"]:
            parts.append(str(r[f"{prefix}_notes"]).strip())
        if r[f"{prefix}_compensations"]:
            parts.append(f"보상 동작: {str(r[f'{prefix}_compensations']).strip()}")
        if any(parts):
            notes[key] = " / ".join(p for p in parts if p)
    return notes


def _float(value: object) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)  # type: ignore[arg-type]  # legacy REAL/INTEGER/TEXT
    except (TypeError, ValueError):
        return None


def _int(value: object) -> int | None:
    number = _float(value)
    return None if number is None else round(number)


def _rate(value: object, default: Decimal) -> Decimal:
    if value is None or value == "":
        return default
    try:
        return Decimal(str(value)).quantize(_RATE, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return default


def _details(text: object) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(str(text))
        if isinstance(value, str):  # double-encoded, as the Original wrote it
            value = json.loads(value)
    except ValueError:
        return {"legacy_text": str(text)}
    return value if isinstance(value, dict) else {"legacy_value": value}
