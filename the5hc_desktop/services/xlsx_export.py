"""Excel (.xlsx) exports for the accountant (세무사) and the owner: members, payments,
sessions and packages.

- Korean headers; KRW written as numbers with a `#,##0` format (so Excel can sum them),
  rates as percentages, dates as real dates (`yyyy-mm-dd`), never as text.
- Payments carry VAT, card fee and net per row as stored (never recomputed) and a 합계 row.
- Members' medical notes (병력) are written only for owner and senior roles; every export
  is audited with what it contained.
- openpyxl's write-only mode streams rows, so 100,000 rows stay within memory; the file is
  written next to the target and renamed, so a failed export leaves no half file.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.errors import StorageUnavailable, ValidationError
from the5hc_desktop.domain.fees import PAYMENT_METHOD_LABELS, PaymentMethod
from the5hc_desktop.domain.people import GENDER_LABELS, Gender, bmi, format_phone
from the5hc_desktop.services import ledger
from the5hc_desktop.services.base import ServiceBase, audit, gym_zone, local_today, to_local
from the5hc_desktop.services.clients import client_age
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, can, require
from the5hc_desktop.services.sessions import STATUS_LABELS, SessionStatus
from the5hc_desktop.store.models import (
    Client,
    Payment,
    SessionPackage,
    StaffAccount,
    TrainingSession,
)

WHAT = ("members", "payments", "sessions", "packages")
WHAT_LABELS = {"members": ("회원", "Members"), "payments": ("결제", "Payments"),
               "sessions": ("세션", "Sessions"), "packages": ("패키지", "Packages")}
KRW = "#,##0"
DAY = "yyyy-mm-dd"
CLOCK = "hh:mm"
RATE = "0.00%"
ONE_DECIMAL = "0.0"
Progress = Callable[[int, int], None]
_STEP = 2000  # rows between progress reports


@dataclass(frozen=True)
class Column:
    header: str
    number_format: str | None = None
    width: float = 14


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]
    totals: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class ExportResult:
    path: Path
    what: str
    rows: int
    medical_notes: bool = False


def _period(date_from: date | None, date_to: date | None) -> None:
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ValidationError("시작일이 종료일보다 늦습니다.",
                              "The start date is after the end date.", field="date_from")


class XlsxExportService(ServiceBase):
    def export(
        self,
        actor: Actor,
        what: str,
        target: Path,
        *,
        date_from: date | None = None,
        date_to: date | None = None,
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write the `what` list to `target` (.xlsx); the period filters by the list's date."""
        if what not in WHAT:
            raise ValidationError(f"내보낼 수 없는 목록입니다: {what}",
                                  f"Unknown list to export: {what}", field="what")
        _period(date_from, date_to)
        # The payments list is the gym's revenue: managers only (DOMAIN 9.5).
        require(actor, Capability.VIEW_GYM_REVENUE if what == "payments"
                else Capability.VIEW_CLIENTS)
        medical = what == "members" and can(actor, Capability.EXPORT_MEDICAL_NOTES)
        with self._db.read() as session:
            zone = gym_zone(session)
            today = local_today(zone, self._now)
            if what == "members":
                sheet = _members(session, today, zone, medical)
            elif what == "payments":
                sheet = _payments(session, date_from, date_to)
            elif what == "sessions":
                sheet = _sessions(session, zone, date_from, date_to)
            else:
                sheet = _packages(session, zone, today, date_from, date_to)
        write_workbook(target, [sheet], progress)
        with self._db.write() as session:
            audit(session, actor, f"{what}_exported", None, None, {
                "format": "xlsx", "rows": len(sheet.rows), "medical_notes": medical,
                "from": date_from, "to": date_to,
            }, at=self.utc_now())
        return ExportResult(target, what, len(sheet.rows), medical)


# -- the sheets -------------------------------------------------------------------------------


def _label(labels: dict[Any, Any], kind: type[Any], value: str) -> str:
    try:
        return str(labels[kind(value)].ko)
    except (ValueError, KeyError):
        return value


def _trainer_name() -> Any:
    return func.coalesce(func.nullif(StaffAccount.display_name, ""), StaffAccount.username)


def _members(session: Session, today: date, zone: Any, medical: bool) -> Sheet:
    columns = [
        Column("이름", width=12), Column("성별", width=6), Column("나이", "0", 6),
        Column("생년월일", DAY, 12), Column("전화번호", width=15), Column("이메일", width=24),
        Column("키(cm)", ONE_DECIMAL, 8), Column("몸무게(kg)", ONE_DECIMAL, 10),
        Column("BMI", ONE_DECIMAL, 7), Column("담당 트레이너", width=12),
        Column("상태", width=8), Column("등록일", DAY, 12), Column("목표", width=20),
        Column("메모", width=24),
    ]
    if medical:
        columns.append(Column("병력", width=24))
    rows = []
    for r in session.execute(
        select(Client, _trainer_name())
        .outerjoin(StaffAccount, StaffAccount.id == Client.trainer_id)
        .where(Client.deleted_at.is_(None))
        .order_by(Client.name, Client.created_at)
    ):
        c: Client = r[0]
        age, _estimate = client_age(c.birth_date, c.age_years, c.age_recorded_on, today)
        index = bmi(c.height_cm, c.weight_kg)
        row: list[Any] = [
            c.name, _label(GENDER_LABELS, Gender, c.gender), age, c.birth_date,
            format_phone(c.phone) if c.phone else None, c.email, c.height_cm, c.weight_kg,
            None if index is None else round(index, 1), r[1],
            "활동" if c.active else "비활동", to_local(c.created_at, zone).date(),
            c.goals, c.notes,
        ]
        if medical:
            row.append(c.medical_notes)
        rows.append(tuple(row))
    return Sheet("회원", tuple(columns), rows)


def _payments(session: Session, date_from: date | None, date_to: date | None) -> Sheet:
    columns = (
        Column("결제일", DAY, 12), Column("회원", width=12), Column("패키지", width=18),
        Column("결제 수단", width=10), Column("결제 금액(원)", KRW, 14),
        Column("부가세(원)", KRW, 12), Column("카드 수수료(원)", KRW, 14),
        Column("순수익(원)", KRW, 14), Column("부가세율", RATE, 9),
        Column("카드 수수료율", RATE, 11), Column("담당", width=12), Column("비고", width=24),
    )
    query = (
        select(Payment, Client.name, SessionPackage.name, _trainer_name())
        .join(Client, Client.id == Payment.client_id)
        .outerjoin(SessionPackage, SessionPackage.id == Payment.package_id)
        .outerjoin(StaffAccount, StaffAccount.id == Payment.staff_id)
        .where(Payment.deleted_at.is_(None))
        .order_by(Payment.paid_on, Payment.created_at)
    )
    if date_from is not None:
        query = query.where(Payment.paid_on >= date_from)
    if date_to is not None:
        query = query.where(Payment.paid_on <= date_to)
    rows = []
    sums = [0, 0, 0, 0]
    for p, client, package, staff in session.execute(query):
        parts = (p.gross, p.vat, p.card_fee, p.net)
        sums = [a + b for a, b in zip(sums, parts, strict=True)]
        rows.append((
            p.paid_on, client, package, _label(PAYMENT_METHOD_LABELS, PaymentMethod, p.method),
            *parts, float(p.vat_rate), float(p.card_fee_rate), staff, p.description,
        ))
    totals = ("합계", f"{len(rows)}건", None, None, *sums, None, None, None, None)
    return Sheet("결제", columns, rows, totals)


def _day_range(zone: Any, date_from: date | None, date_to: date | None) -> tuple[
        datetime | None, datetime | None]:
    start = None if date_from is None else datetime.combine(date_from, time(), zone)
    end = None if date_to is None else datetime.combine(date_to + timedelta(days=1), time(), zone)
    return (None if start is None else start.astimezone(UTC),
            None if end is None else end.astimezone(UTC))


def _sessions(session: Session, zone: Any, date_from: date | None,
              date_to: date | None) -> Sheet:
    columns = (
        Column("날짜", DAY, 12), Column("시작", CLOCK, 7), Column("회원", width=12),
        Column("트레이너", width=12), Column("패키지", width=18), Column("시간(분)", "0", 8),
        Column("상태", width=8), Column("완료 시각", "yyyy-mm-dd hh:mm", 17),
        Column("메모", width=24),
    )
    query = (
        select(TrainingSession, Client.name, _trainer_name(), SessionPackage.name)
        .join(Client, Client.id == TrainingSession.client_id)
        .outerjoin(StaffAccount, StaffAccount.id == TrainingSession.trainer_id)
        .outerjoin(SessionPackage, SessionPackage.id == TrainingSession.package_id)
        .where(TrainingSession.deleted_at.is_(None))
        .order_by(TrainingSession.starts_at)
    )
    start, end = _day_range(zone, date_from, date_to)
    if start is not None:
        query = query.where(TrainingSession.starts_at >= start)
    if end is not None:
        query = query.where(TrainingSession.starts_at < end)
    rows = []
    for t, client, trainer, package in session.execute(query):
        local = to_local(t.starts_at, zone)
        done = None if t.completed_at is None else to_local(t.completed_at, zone).replace(
            tzinfo=None)
        rows.append((
            local.date(), local.time().replace(tzinfo=None), client, trainer, package,
            t.duration_min, _label(STATUS_LABELS, SessionStatus, t.status), done, t.notes,
        ))
    return Sheet("세션", columns, rows)


def _packages(session: Session, zone: Any, today: date, date_from: date | None,
              date_to: date | None) -> Sheet:
    columns = (
        Column("판매일", DAY, 12), Column("회원", width=12), Column("패키지", width=18),
        Column("담당", width=12), Column("판매 금액(원)", KRW, 14),
        Column("세션 단가(원)", KRW, 13), Column("구매 세션", "0", 9),
        Column("남은 세션", "0", 9), Column("결제 수단", width=10),
        Column("부가세율", RATE, 9), Column("카드 수수료율", RATE, 11),
        Column("만료일", DAY, 12), Column("상태", width=8),
    )
    balances = ledger.balance_subquery()
    query = (
        select(SessionPackage, Client.name, _trainer_name(), balances.c.remaining)
        .join(Client, Client.id == SessionPackage.client_id)
        .outerjoin(StaffAccount, StaffAccount.id == SessionPackage.trainer_id)
        .outerjoin(balances, balances.c.package_id == SessionPackage.id)
        .where(SessionPackage.deleted_at.is_(None))
        .order_by(SessionPackage.created_at)
    )
    start, end = _day_range(zone, date_from, date_to)
    if start is not None:
        query = query.where(SessionPackage.created_at >= start)
    if end is not None:
        query = query.where(SessionPackage.created_at < end)
    rows = []
    for p, client, trainer, remaining in session.execute(query):
        expired = p.expires_on is not None and p.expires_on < today
        rows.append((
            to_local(p.created_at, zone).date(), client, p.name, trainer, p.gross,
            p.session_price, p.sessions_bought, int(remaining or 0),
            _label(PAYMENT_METHOD_LABELS, PaymentMethod, p.payment_method),
            float(p.vat_rate), float(p.card_fee_rate), p.expires_on,
            "만료" if expired else ("사용중" if p.active else "비활성"),
        ))
    return Sheet("패키지", columns, rows)


# -- writing -------------------------------------------------------------------------------


def write_workbook(target: Path, sheets: Sequence[Sheet], progress: Progress | None = None) -> None:
    """Stream `sheets` into a new .xlsx at `target` (replaced only when complete)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    total = sum(len(s.rows) for s in sheets)
    done = 0
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE6F0")
    centre = Alignment(horizontal="center", vertical="center")
    for spec in sheets:
        ws = book.create_sheet(spec.title)
        for number, column in enumerate(spec.columns, start=1):
            ws.column_dimensions[get_column_letter(number)].width = column.width
        ws.freeze_panes = "A2"
        header = []
        for column in spec.columns:
            cell = WriteOnlyCell(ws, column.header)
            cell.font, cell.fill, cell.alignment = bold, fill, centre
            header.append(cell)
        ws.append(header)
        formats = [c.number_format for c in spec.columns]
        for row in spec.rows:
            ws.append(_cells(ws, row, formats, WriteOnlyCell))
            done += 1
            if progress is not None and done % _STEP == 0:
                progress(done, total)
        if spec.totals is not None:
            cells = _cells(ws, spec.totals, formats, WriteOnlyCell)
            for cell in cells:
                cell.font = bold
            ws.append(cells)
    target = target.expanduser()
    work = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        book.save(work)
        work.replace(target)
    except OSError as exc:
        work.unlink(missing_ok=True)
        raise StorageUnavailable(f"엑셀 파일을 쓸 수 없습니다: {target} ({exc})",
                                 f"The Excel file could not be written: {target} ({exc})"
                                 ) from exc
    if progress is not None:
        progress(total, total)


def _cells(ws: Any, row: Iterable[Any], formats: Sequence[str | None], make: Any) -> list[Any]:
    cells = []
    for value, number_format in zip(row, formats, strict=True):
        if isinstance(value, uuid.UUID):
            value = str(value)
        cell = make(ws, value)
        if number_format is not None and value is not None and not isinstance(value, str):
            cell.number_format = number_format
        cells.append(cell)
    return cells


def export_service_beside(service: ServiceBase) -> XlsxExportService:
    """An exporter on the same database and clock as another service (for the panes)."""
    return XlsxExportService(service._db, service._now)
