"""The demo database: a realistic Korean PT gym from a seed (`the5hc demo`, first-run dialog).

The gym, its owner (sign-in demo / demo1234) and staff go through AccountService, the demo
flag through SettingsService. Members and their history are bulk-written (100,000 members
in well under a minute) with the same builders the services use: `clean_draft` for members,
`split_payment` and `fee_details` for sales, the ledger kinds of docs/rules.md §5, and
`score_columns` (score_assessment, risk, recommendations: what the service stores) for
assessments.
"""

from __future__ import annotations

import gc
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from datetime import time as clock
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from the5hc_desktop.domain.assessment_inputs import AssessmentInputs
from the5hc_desktop.domain.credits import session_entry_id_bytes
from the5hc_desktop.domain.errors import ConflictError, ValidationError
from the5hc_desktop.domain.fees import FeeBreakdown, split_payment
from the5hc_desktop.domain.people import age_on
from the5hc_desktop.services import ledger, passwords
from the5hc_desktop.services.accounts import AccountService
from the5hc_desktop.services.assessments import score_columns
from the5hc_desktop.services.base import audit, gym_zone, local_today
from the5hc_desktop.services.clients import ClientDraft, clean_draft
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.demo_busy import plan_busy_gym
from the5hc_desktop.services.demo_data import GYM_NAME
from the5hc_desktop.services.demo_plan import GymPlan, MemberPlan, PackagePlan, plan_gym
from the5hc_desktop.services.packages import fee_details
from the5hc_desktop.services.settings import DEMO_SIGN_IN, SettingsService, read_settings
from the5hc_desktop.store import bulk_load
from the5hc_desktop.store.bulk import (
    BulkWriter,
    IdMaker,
    db_date,
    db_json,
    db_rate,
    db_time,
    db_uuid,
)
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    ASSESSMENT_INPUT_FIELDS,
    SCORE_COLUMNS,
    Assessment,
    Client,
    CreditLedgerEntry,
    FeeAuditEntry,
    Payment,
    SessionPackage,
    TrainingSession,
)
from the5hc_desktop.store.types import instant_storage, pack_json, pack_json_text

DEMO_USERNAME, DEMO_PASSWORD = DEMO_SIGN_IN  # one place: the sign-in hint reads it too
DEMO_EMAIL = "demo@the5hc.kr"
MAX_CLIENTS = 1_000_000
_CHUNK = 20_000
_RATE_PLACES = Decimal("0.0001")
_BULK_CACHE_KIB = 65_536  # page cache of the bulk transaction (index builds sort in it)

Progress = Callable[[float], None]

# "busy": the density of a real busy gym (benchmarks, `the5hc demo`); "light": a small PT
# studio's history (screenshots, the first-run demo).
BUSY, LIGHT = "busy", "light"
PROFILES = (BUSY, LIGHT)

_ASSESSMENT_COLUMNS = (
    "id", "created_at", "client_id", "trainer_id", "assessed_on", "age_at_assessment",
    *ASSESSMENT_INPUT_FIELDS,
    "overhead_squat_quality", "height_cm", "weight_kg", "body_fat_pct", "skeletal_muscle_kg",
    "environment", "temperature_c", "test_notes", "notes", "overrides",
    *SCORE_COLUMNS.values(), "risk_factors", "recommendations", "scoring_version",
)

_LOADED_TABLES = tuple(model.__tablename__ for model in (
    Client, SessionPackage, Payment, FeeAuditEntry, TrainingSession, CreditLedgerEntry,
    Assessment))

# The training tables in the order they are written (foreign keys), with their columns.
_TRAINING: dict[type[Any], tuple[str, ...]] = {
    SessionPackage: ("id", "created_at", "client_id", "trainer_id", "name", "gross",
                     "session_price", "sessions_bought", "vat_rate", "card_fee_rate",
                     "payment_method", "expires_on", "active", "notes"),
    Payment: ("id", "created_at", "client_id", "package_id", "staff_id", "paid_on", "method",
              "gross", "vat", "card_fee", "net", "vat_rate", "card_fee_rate", "description",
              "reverses_payment_id"),
    FeeAuditEntry: ("id", "created_at", "package_id", "payment_id", "calculation_type",
                    "gross", "vat", "card_fee", "net", "vat_rate", "card_fee_rate", "details",
                    "created_by_id"),
    TrainingSession: ("id", "created_at", "client_id", "package_id", "trainer_id",
                      "starts_at", "duration_min", "status", "notes", "completed_at"),
    CreditLedgerEntry: ("id", "created_at", "package_id", "client_id", "session_id", "kind",
                        "delta", "cycle", "reason", "staff_id"),
}
_COUNTED = {SessionPackage: "packages", Payment: "payments", TrainingSession: "sessions",
            CreditLedgerEntry: "ledger"}  # fee audit rows go with their payments


@dataclass(frozen=True)
class DemoResult:
    staff: int
    clients: int
    assessments: int
    packages: int
    payments: int
    sessions: int
    ledger_entries: int
    seconds: float


def generate_demo(
    database: Database,
    clients: int,
    seed: int = 1,
    *,
    today: date | None = None,
    progress: Progress | None = None,
    profile: str = BUSY,
) -> DemoResult:
    """Fill an empty database with a demo gym. ConflictError when it already has a gym."""
    if profile not in PROFILES:
        raise ValidationError(
            f"데모 종류는 {', '.join(PROFILES)} 중 하나여야 합니다.",
            f"The demo profile must be one of {', '.join(PROFILES)}.",
            field="profile",
        )
    if isinstance(clients, bool) or not isinstance(clients, int) or not 1 <= clients <= MAX_CLIENTS:
        raise ValidationError(
            f"회원 수는 1~{MAX_CLIENTS:,}명이어야 합니다.",
            f"The number of clients must be 1 to {MAX_CLIENTS:,}.",
            field="clients",
        )
    started = time.perf_counter()
    report = progress or (lambda _fraction: None)
    # Hundreds of thousands of long-lived objects: cyclic GC passes would only slow this down.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _generate(database, clients, seed, today, report, started, profile)
    finally:
        if collecting:
            gc.enable()


def create_demo_file(
    path: Path, clients: int, seed: int = 1, *, progress: Progress | None = None,
    profile: str = LIGHT,
) -> DemoResult:
    """Create (or fill, when empty) the database file `path` with a demo gym, then close it.

    The window's entry point (light profile: a first look at the app): it never holds the
    `Database` itself.
    """
    database = Database.open(path)
    try:
        return generate_demo(database, clients, seed, progress=progress, profile=profile)
    finally:
        database.close()


def _generate(
    database: Database, clients: int, seed: int, today: date | None, report: Progress,
    started: float, profile: str,
) -> DemoResult:
    accounts = AccountService(database)
    if not accounts.needs_first_run():
        raise ConflictError(
            "이미 센터가 있는 데이터베이스입니다. 데모는 새 데이터베이스 파일에 만드세요.",
            "This database already has a gym; create the demo in a new database file.",
        )
    with database.read() as session:
        settings = read_settings(session)
        zone = gym_zone(session)
        day = today or local_today(zone)
    if profile == BUSY:
        plan = plan_busy_gym(seed, clients, day)
    else:
        plan = plan_gym(seed, clients, day, settings.no_show_consumes_credit)
    report(0.15)
    with passwords.shared_hashes():  # every demo account has the published password
        staff_ids, owner = _create_staff(database, accounts, plan)
    report(0.2)
    rates = (settings.vat_rate.quantize(_RATE_PLACES, ROUND_HALF_UP),
             settings.card_fee_rate.quantize(_RATE_PLACES, ROUND_HALF_UP))
    writer = _Writer(plan, staff_ids, zone, rates, day, settings.no_show_consumes_credit, report)
    counts = writer.write(database, owner)
    SettingsService(database).set_demo(owner, True)
    report(1.0)
    return DemoResult(
        staff=len(plan.staff),
        clients=counts["clients"],
        assessments=counts["assessments"],
        packages=counts["packages"],
        payments=counts["payments"],
        sessions=counts["sessions"],
        ledger_entries=counts["ledger"],
        seconds=time.perf_counter() - started,
    )


def _create_staff(
    database: Database, accounts: AccountService, plan: GymPlan
) -> tuple[list[uuid.UUID], Actor]:
    owner_plan = plan.staff[0]
    view = accounts.create_gym_and_owner(
        GYM_NAME, owner_plan.display_name, DEMO_USERNAME, DEMO_PASSWORD, DEMO_EMAIL
    )
    owner = Actor(view.id, Role.OWNER, view.display_name, view.username)
    ids = [view.id]
    for member in plan.staff[1:]:
        added = accounts.add_staff(
            owner, member.username, member.display_name, member.role, DEMO_PASSWORD,
            f"{member.username}@the5hc.kr",
        )
        ids.append(added.id)
    return ids, owner


class _Writer:
    """Turns the plan into rows in storage form and bulk-inserts them in one transaction."""

    def __init__(
        self,
        plan: GymPlan,
        staff_ids: list[uuid.UUID],
        zone: ZoneInfo,
        rates: tuple[Decimal, Decimal],
        today: date,
        no_show_consumes: bool,
        report: Progress,
    ) -> None:
        self.plan = plan
        self.today = today
        self.no_show_consumes = no_show_consumes
        self.staff = [db_uuid(s) for s in staff_ids]
        self.zone = zone
        self.vat_rate, self.card_rate = rates
        self.report = report
        self.ids = IdMaker()
        self.member_ids = self.ids.take(len(plan.members))
        self.details: dict[tuple[Any, ...], bytes] = {}  # packed fee breakdown of a sale
        # A handful of prices and methods, and session slots: each is worked out once.
        self.fees: dict[tuple[int, str], FeeBreakdown] = {}
        self.instants: dict[tuple[date, int, int], int] = {}
        # Tip lists recur over the members (a few thousand kinds); risk factors carry their
        # figures and rarely repeat, so they are packed each time.
        self.tips = PackedOnce()
        self.counts = {"clients": 0, "assessments": 0, "packages": 0, "payments": 0,
                       "sessions": 0, "ledger": 0}

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, clock(hour, minute), self.zone).astimezone(UTC)

    def _slot(self, day: date, hour: int, minute: int = 0) -> int:
        """`db_time(at(...))`, remembered: sales and sessions fall on a few thousand slots."""
        key = (day, hour, minute)
        stored = self.instants.get(key)
        if stored is None:
            stored = self.instants[key] = instant_storage(self.at(day, hour, minute))
        return stored

    def write(self, database: Database, owner: Actor) -> dict[str, int]:
        with database.write() as session:
            conn = session.connection()
            conn.exec_driver_sql(f"PRAGMA cache_size=-{_BULK_CACHE_KIB}")
            try:
                bulk = BulkWriter(conn, database.device_id, database.clock, datetime.now(UTC))
                # A new file: summaries and indexes are built once at the end.
                with bulk_load.suspended(conn, _LOADED_TABLES):
                    self._clients(bulk)
                    self._training(bulk)
                    self._assessments(bulk)
                audit(session, owner, "demo_generated", "database", None,
                      dict(self.counts, seed_staff=len(self.plan.staff)))
            finally:
                _reset_cache(conn)
        return self.counts

    # -- members ------------------------------------------------------------------------------

    def _clients(self, bulk: BulkWriter) -> None:
        members = self.plan.members
        columns: tuple[str, ...] | None = None
        rows: list[tuple[Any, ...]] = []
        for member in members:
            values = self._client_values(member, self.today)
            if columns is None:
                columns = ("id", "created_at", *values)
            created = self.at(member.joined_on, member.join_hour, member.join_minute)
            rows.append((self.member_ids[member.index], db_time(created),
                         *[_storage(v) for v in values.values()]))
            if len(rows) == _CHUNK:
                self.counts["clients"] += bulk.insert(Client, columns, rows)
                rows = []
                self.report(0.2 + 0.5 * self.counts["clients"] / len(members))
        if columns is not None and rows:
            self.counts["clients"] += bulk.insert(Client, columns, rows)
        self.report(0.7)

    def _client_values(self, member: MemberPlan, today: date) -> dict[str, Any]:
        draft = ClientDraft(
            name=member.name,
            gender=member.gender,
            phone=member.phone,
            birth_date=member.birth_date,
            email=member.email,
            height_cm=member.height_cm,
            weight_kg=member.weight_kg,
            goals=member.goals,
            medical_notes=member.medical_notes,
            notes=member.notes,
            active=member.active,
        )
        values = clean_draft(draft, today)
        values["trainer_id"] = None if member.trainer is None else self.staff[member.trainer]
        return values

    # -- packages, payments, sessions, ledger ---------------------------------------------------

    def _training(self, bulk: BulkWriter) -> None:
        # Written a chunk of packages at a time (parents first): memory stays flat.
        rows: dict[type[Any], list[tuple[Any, ...]]] = {model: [] for model in _TRAINING}
        packages, payments, audits = (rows[SessionPackage], rows[Payment],
                                      rows[FeeAuditEntry])
        sessions, ledger_rows = rows[TrainingSession], rows[CreditLedgerEntry]
        total = len(self.plan.packages)
        for number, plan in enumerate(self.plan.packages, start=1):
            package_id, payment_id, audit_id, ledger_id = self.ids.take(4)
            client_id = self.member_ids[plan.member]
            trainer, taker = self.staff[plan.trainer], self.staff[plan.desk]
            sold_at = self._slot(plan.sold_on, 11, 0)
            gross = plan.sessions * plan.session_price
            fees = self._split(gross, plan.method.value)
            name = f"{plan.sessions}회 패키지"
            rates = (db_rate(self.vat_rate), db_rate(self.card_rate))
            packages.append((package_id, sold_at, client_id, trainer, name, gross,
                             plan.session_price, plan.sessions, *rates, plan.method.value,
                             db_date(plan.expires_on), 1, None))
            payments.append((payment_id, sold_at, client_id, package_id, taker,
                             db_date(plan.sold_on), plan.method.value, fees.gross, fees.vat,
                             fees.card_fee, fees.net, *rates, f"패키지 구매: {name}", None))
            # A handful of prices and methods: each breakdown is packed once.
            sale = (plan.method, plan.sessions, plan.session_price)
            if sale not in self.details:
                self.details[sale] = pack_json(fee_details(
                    plan.method, fees, sessions=plan.sessions, session_price=plan.session_price))
            audits.append((audit_id, sold_at, package_id, payment_id, "package_sale",
                           fees.gross, fees.vat, fees.card_fee, fees.net, *rates,
                           self.details[sale], taker))
            ledger_rows.append((ledger_id, sold_at, package_id, client_id, None,
                                ledger.PURCHASE, plan.sessions, 0, None, taker))
            self._sessions(plan, package_id, client_id, trainer, sessions, ledger_rows)
            if len(packages) == _CHUNK // 4 or number == total:
                for model, columns in _TRAINING.items():
                    written = bulk.insert(model, columns, rows[model])
                    if model in _COUNTED:
                        self.counts[_COUNTED[model]] += written
                    rows[model].clear()
                self.report(0.7 + 0.1 * number / total)
        self.report(0.8)

    def _split(self, gross: int, method: str) -> FeeBreakdown:
        fees = self.fees.get((gross, method))
        if fees is None:
            fees = split_payment(gross, method, self.vat_rate, self.card_rate)
            self.fees[gross, method] = fees
        return fees

    def _sessions(
        self,
        plan: PackagePlan,
        package_id: str,
        client_id: str,
        trainer: str,
        sessions: list[tuple[Any, ...]],
        uses: list[tuple[Any, ...]],
    ) -> None:
        # Times in storage form (microseconds), so the arithmetic is on ints.
        earliest_booking = self._slot(plan.sold_on, 11, 5)
        session_ids = self.ids.take(len(plan.sessions_list))
        for item, session_id in zip(plan.sessions_list, session_ids, strict=True):
            starts = self._slot(item.on, item.hour)
            booked = max(earliest_booking, starts - _BOOKING_LEAD_US)
            done = starts + item.duration_min * _MINUTE_US
            completed_at = done if item.status == "completed" else None
            sessions.append((session_id, booked, client_id, package_id, trainer,
                             starts, item.duration_min, item.status,
                             item.notes or None, completed_at))
            if item.status == "completed" or (
                item.status == "no_show" and self.no_show_consumes
            ):
                kind = ledger.COMPLETE if item.status == "completed" else ledger.NO_SHOW
                # The id every desk gives this debit (domain.credits), as the services do.
                entry_id = session_entry_id_bytes(session_id, kind, 0)
                uses.append((entry_id, done, package_id, client_id, session_id,
                             kind, -1, 0, None, trainer))

    # -- assessments ---------------------------------------------------------------------------

    def _assessments(self, bulk: BulkWriter) -> None:
        rows: list[tuple[Any, ...]] = []
        total = len(self.plan.assessments)
        members = self.plan.members
        ids = iter(self.ids.take(total))  # one call, not one a row
        for number, plan in enumerate(self.plan.assessments, start=1):
            member = members[plan.member]
            age = age_on(member.birth_date, plan.on)
            inputs = AssessmentInputs.from_mapping(
                {**plan.values, "gender": member.gender, "age": age}
            )
            scored = score_columns(inputs, member.height_cm)
            created = self.at(plan.on, 9 + number % 11, number % 60)
            rows.append((
                next(ids), db_time(created), self.member_ids[plan.member],
                self.staff[plan.trainer], db_date(plan.on), age,
                *[_storage(getattr(inputs, name)) for name in ASSESSMENT_INPUT_FIELDS],
                plan.quality, member.height_cm, plan.weight_kg, plan.body_fat_pct,
                plan.skeletal_muscle_kg, plan.environment, plan.temperature_c,
                db_json(plan.test_notes), plan.notes or None, db_json({}),
                *[_storage(scored[column]) for column in SCORE_COLUMNS.values()],
                pack_json(scored["risk_factors"]), self.tips(scored["recommendations"]),
                scored["scoring_version"],
            ))
            if len(rows) == _CHUNK // 4:
                self.counts["assessments"] += bulk.insert(Assessment, _ASSESSMENT_COLUMNS, rows)
                rows = []
                self.report(0.8 + 0.15 * number / total)
        self.counts["assessments"] += bulk.insert(Assessment, _ASSESSMENT_COLUMNS, rows)


class PackedOnce:
    """`pack_json`, deflating each distinct JSON text once (deflating is the cost)."""

    LIMIT = 100_000  # texts kept (a million-member demo must not hold them all)

    def __init__(self) -> None:
        self.packed: dict[str, bytes] = {}

    def __call__(self, value: Any) -> bytes:
        text = db_json(value)  # the text pack_json deflates
        packed = self.packed.get(text)
        if packed is None:
            if len(self.packed) >= self.LIMIT:
                self.packed.clear()
            packed = self.packed[text] = pack_json_text(text)
        return packed


_MINUTE_US = 60_000_000
_BOOKING_LEAD_US = 3 * 24 * 60 * _MINUTE_US  # sessions are booked three days ahead
_STORED_AS_IS = frozenset({int, float, str, type(None)})  # exact types: not bool, not enums


def _storage(value: Any) -> Any:
    """A Python value in the form SQLite stores it (enums by value, bools as 0/1)."""
    if type(value) in _STORED_AS_IS:  # most values: one set lookup
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return db_time(value)
    if isinstance(value, date):
        return db_date(value)
    return value


def _reset_cache(conn: Connection) -> None:
    # The pooled connection goes back to the default page cache for ordinary use.
    conn.exec_driver_sql("PRAGMA cache_size=-2000")
