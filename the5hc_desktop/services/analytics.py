"""분석: per-trainer and gym figures over a date range (aggregate SQL, read off the GUI thread).

Definitions (one place):
- sessions: by the session's trainer and its local start day; no-show rate = no-shows ÷
  (completed + no-shows), the sessions that were due.
- revenue: Σ payment gross / net by payment date, refunds (negative rows) included — the
  dashboard's definition (`services.revenue`); a payment belongs to its package's trainer.
- packages sold: packages whose first (non-refund) payment falls in the range; average price =
  mean package gross.
- active members: members with a session (not cancelled) in the 30 days ending on the range's
  last day; new members: created in the range (by their assigned trainer).
- lapsed (retention): members whose credits are used up (Σ ledger ≤ 0 over all their
  packages) and whose last used session started in the range — they did not buy again.
- assessments: done in the range (by assessing trainer); average change = mean of
  (latest − first overall score) over members whose latest assessment is in the range and who
  have at least two scored assessments, attributed to the latest one's trainer.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.availability import WEEKDAY_LABELS
from the5hc_desktop.domain.credits import LedgerKind, SessionStatus
from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.roles import TRAINING_ROLE_VALUES, Role
from the5hc_desktop.services.base import ServiceBase, gym_zone, local_today, to_local, to_utc
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.services.revenue import revenue_rows
from the5hc_desktop.services.xlsx_export import Column as XlsxColumn
from the5hc_desktop.services.xlsx_export import Sheet, write_workbook
from the5hc_desktop.store.models import (
    Assessment,
    Client,
    CreditLedgerEntry,
    Payment,
    SessionPackage,
    StaffAccount,
    TrainingSession,
)

ACTIVE_WINDOW_DAYS = 30
UNASSIGNED = Label("미지정", "Unassigned")
TOTAL = Label("전체", "Gym total")


class Period(StrEnum):
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"


PERIOD_LABELS = {
    Period.THIS_MONTH: Label("이번 달", "This month"),
    Period.LAST_MONTH: Label("지난 달", "Last month"),
    Period.QUARTER: Label("이번 분기", "This quarter"),
    Period.YEAR: Label("올해", "This year"),
    Period.CUSTOM: Label("직접 지정", "Custom"),
}


def period_range(period: Period, today: date) -> tuple[date, date]:
    """(first, last) days, both inclusive, of a named period around `today`."""
    if period is Period.THIS_MONTH:
        first = today.replace(day=1)
        return first, _month_after(first) - timedelta(days=1)
    if period is Period.LAST_MONTH:
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if period is Period.QUARTER:
        first = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        return first, _month_after(_month_after(_month_after(first))) - timedelta(days=1)
    if period is Period.YEAR:
        return date(today.year, 1, 1), date(today.year, 12, 31)
    raise ValidationError("직접 지정한 기간은 시작일과 종료일이 필요합니다.",
                          "A custom period needs its first and last day.")


def _month_after(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


@dataclass
class TrainerFigures:
    trainer_id: uuid.UUID | None
    name: str
    completed: int = 0
    no_show: int = 0
    cancelled: int = 0
    revenue_gross: int = 0
    revenue_net: int = 0
    packages_sold: int = 0
    packages_gross: int = 0
    active_members: int = 0
    new_members: int = 0
    lapsed_members: int = 0
    assessments: int = 0
    score_changes: list[float] = field(default_factory=list)

    @property
    def no_show_rate(self) -> float | None:
        due = self.completed + self.no_show
        return None if due == 0 else self.no_show / due

    @property
    def average_price(self) -> int | None:
        return None if not self.packages_sold else round(self.packages_gross / self.packages_sold)

    @property
    def average_change(self) -> float | None:
        changes = self.score_changes
        return None if not changes else sum(changes) / len(changes)


@dataclass(frozen=True)
class AnalyticsReport:
    first: date
    last: date
    trainers: tuple[TrainerFigures, ...]
    total: TrainerFigures
    # (month's 1st, trainer id or None) → Σ gross by payment date.
    monthly_revenue: dict[tuple[date, uuid.UUID | None], int]
    # [weekday][hour] → sessions (not cancelled) starting then, local time.
    heat: tuple[tuple[int, ...], ...]


class AnalyticsService(ServiceBase):
    def report(self, actor: Actor, first: date, last: date,
               trainer_id: uuid.UUID | None = None) -> AnalyticsReport:
        """Figures for [first, last] (local days). Owner and senior see every trainer (or the
        one asked for); a trainer always sees only themself; front desk sees none."""
        require(actor, Capability.VIEW_REVENUE)
        if last < first:
            raise ValidationError("종료일이 시작일보다 빠릅니다.",
                                  "The last day is before the first.", field="last")
        if actor.role not in (Role.OWNER, Role.SENIOR):
            trainer_id = actor.staff_id
        with self._db.read() as session:
            zone = gym_zone(session)
            return _Builder(session, zone, first, last, trainer_id).build()

    def today(self) -> date:
        with self._db.read() as session:
            return local_today(gym_zone(session), self._now)

    def trainers(self, actor: Actor) -> list[tuple[uuid.UUID, str]]:
        """The trainers the actor may pick in the filter."""
        require(actor, Capability.VIEW_REVENUE)
        with self._db.read() as session:
            query = select(StaffAccount.id, StaffAccount.display_name).where(
                StaffAccount.deleted_at.is_(None),
                StaffAccount.role.in_(TRAINING_ROLE_VALUES))
            if actor.role not in (Role.OWNER, Role.SENIOR):
                query = query.where(StaffAccount.id == actor.staff_id)
            return [(i, n) for i, n in session.execute(query.order_by(StaffAccount.display_name))]


class _Builder:
    def __init__(self, session: Session, zone: ZoneInfo, first: date, last: date,
                 trainer_id: uuid.UUID | None) -> None:
        self.s = session
        self.zone = zone
        self.first, self.last = first, last
        self.after = last + timedelta(days=1)
        self.lo, self.hi = self._utc(first), self._utc(self.after)
        self.only = trainer_id
        self.rows: dict[uuid.UUID | None, TrainerFigures] = {}
        self.names: dict[uuid.UUID, str] = {
            i: n for i, n in session.execute(select(StaffAccount.id, StaffAccount.display_name))}

    def _utc(self, day: date) -> datetime:
        return to_utc(datetime.combine(day, time.min), self.zone)

    def row(self, trainer_id: uuid.UUID | None) -> TrainerFigures | None:
        if self.only is not None and trainer_id != self.only:
            return None
        if trainer_id not in self.rows:
            name = self.names.get(trainer_id, UNASSIGNED.ko) if trainer_id else UNASSIGNED.ko
            self.rows[trainer_id] = TrainerFigures(trainer_id, name)
        return self.rows[trainer_id]

    def build(self) -> AnalyticsReport:
        if self.only is not None:
            self.row(self.only)
        total = TrainerFigures(None, TOTAL.ko)
        heat = self._sessions(total)
        monthly = self._revenue(total)
        self._packages(total)
        self._members(total)
        self._lapsed(total)
        self._assessments(total)
        trainers = sorted(self.rows.values(), key=lambda r: (r.trainer_id is None, r.name))
        return AnalyticsReport(self.first, self.last, tuple(trainers), total, monthly,
                               tuple(tuple(r) for r in heat))

    def _add(self, trainer_id: uuid.UUID | None, total: TrainerFigures, name: str,
             value: int) -> None:
        row = self.row(trainer_id)
        if row is not None:
            setattr(row, name, getattr(row, name) + value)
            setattr(total, name, getattr(total, name) + value)

    def _sessions(self, total: TrainerFigures) -> list[list[int]]:
        heat = [[0] * 24 for _ in range(7)]
        names = {SessionStatus.COMPLETED.value: "completed",
                 SessionStatus.NO_SHOW.value: "no_show",
                 SessionStatus.CANCELLED.value: "cancelled"}
        for trainer_id, status, n in self.s.execute(
            select(TrainingSession.trainer_id, TrainingSession.status, func.count())
            .where(TrainingSession.starts_at >= self.lo, TrainingSession.starts_at < self.hi,
                   TrainingSession.deleted_at.is_(None))
            .group_by(TrainingSession.trainer_id, TrainingSession.status)
        ):
            if status in names:
                self._add(trainer_id, total, names[status], int(n))
        query = select(TrainingSession.trainer_id, TrainingSession.starts_at).where(
            TrainingSession.starts_at >= self.lo, TrainingSession.starts_at < self.hi,
            TrainingSession.deleted_at.is_(None),
            TrainingSession.status != SessionStatus.CANCELLED.value)
        if self.only is not None:
            query = query.where(TrainingSession.trainer_id == self.only)
        for _trainer, starts in self.s.execute(query):
            local = to_local(starts, self.zone)
            heat[local.weekday()][local.hour] += 1
        return heat

    def _revenue(self, total: TrainerFigures) -> dict[tuple[date, uuid.UUID | None], int]:
        monthly: dict[tuple[date, uuid.UUID | None], int] = defaultdict(int)
        for paid_on, trainer_id, gross, net in revenue_rows(
                self.s, self.first, self.after, by_trainer=True):
            if self.row(trainer_id) is None:
                continue
            self._add(trainer_id, total, "revenue_gross", int(gross))
            self._add(trainer_id, total, "revenue_net", int(net))
            monthly[(paid_on.replace(day=1), trainer_id)] += int(gross)
        return dict(monthly)

    def _packages(self, total: TrainerFigures) -> None:
        sold = (
            select(Payment.package_id.label("package_id"),
                   func.min(Payment.paid_on).label("sold_on"))
            .where(Payment.package_id.is_not(None), Payment.reverses_payment_id.is_(None),
                   Payment.deleted_at.is_(None))
            .group_by(Payment.package_id).subquery()
        )
        for trainer_id, n, gross in self.s.execute(
            select(SessionPackage.trainer_id, func.count(), func.sum(SessionPackage.gross))
            .join(sold, sold.c.package_id == SessionPackage.id)
            .where(sold.c.sold_on >= self.first, sold.c.sold_on < self.after,
                   SessionPackage.deleted_at.is_(None))
            .group_by(SessionPackage.trainer_id)
        ):
            self._add(trainer_id, total, "packages_sold", int(n))
            self._add(trainer_id, total, "packages_gross", int(gross or 0))

    def _members(self, total: TrainerFigures) -> None:
        window_lo = self._utc(self.after - timedelta(days=ACTIVE_WINDOW_DAYS))
        seen: set[uuid.UUID] = set()
        per: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
        for trainer_id, client_id in self.s.execute(
            select(TrainingSession.trainer_id, TrainingSession.client_id).distinct()
            .join(Client, Client.id == TrainingSession.client_id)
            .where(TrainingSession.starts_at >= window_lo, TrainingSession.starts_at < self.hi,
                   TrainingSession.deleted_at.is_(None), Client.deleted_at.is_(None),
                   TrainingSession.status != SessionStatus.CANCELLED.value)
        ):
            if self.row(trainer_id) is not None:
                per[trainer_id].add(client_id)
                seen.add(client_id)
        for trainer_id, clients in per.items():
            row = self.row(trainer_id)
            assert row is not None
            row.active_members = len(clients)
        total.active_members = len(seen)
        for assigned, n in self.s.execute(
            select(Client.trainer_id, func.count())
            .where(Client.deleted_at.is_(None), Client.created_at >= self.lo,
                   Client.created_at < self.hi)
            .group_by(Client.trainer_id)
        ):
            self._add(assigned, total, "new_members", int(n))

    def _lapsed(self, total: TrainerFigures) -> None:
        used = (LedgerKind.COMPLETE.value, LedgerKind.NO_SHOW.value)
        # By the package's and the session's member: a merge re-points those, while ledger
        # rows keep the client id they were written with.
        balance = (
            select(SessionPackage.client_id.label("client_id"))
            .join(CreditLedgerEntry, CreditLedgerEntry.package_id == SessionPackage.id)
            .where(CreditLedgerEntry.deleted_at.is_(None))
            .group_by(SessionPackage.client_id)
            .having(func.sum(CreditLedgerEntry.delta) <= 0)
            .subquery()
        )
        last_use = (
            select(TrainingSession.client_id.label("client_id"),
                   func.max(TrainingSession.starts_at).label("starts_at"))
            .select_from(CreditLedgerEntry)
            .join(TrainingSession, TrainingSession.id == CreditLedgerEntry.session_id)
            .where(CreditLedgerEntry.deleted_at.is_(None), CreditLedgerEntry.kind.in_(used))
            .group_by(TrainingSession.client_id)
            .subquery()
        )
        rows = self.s.execute(
            select(TrainingSession.client_id, TrainingSession.trainer_id)
            .join(balance, balance.c.client_id == TrainingSession.client_id)
            .join(last_use, (last_use.c.client_id == TrainingSession.client_id)
                  & (last_use.c.starts_at == TrainingSession.starts_at))
            .join(Client, Client.id == TrainingSession.client_id)
            .where(last_use.c.starts_at >= self.lo, last_use.c.starts_at < self.hi,
                   TrainingSession.deleted_at.is_(None), Client.deleted_at.is_(None),
                   TrainingSession.status.in_(
                       (SessionStatus.COMPLETED.value, SessionStatus.NO_SHOW.value)))
        )
        counted: set[uuid.UUID] = set()
        for client_id, trainer_id in rows:
            if client_id not in counted:
                counted.add(client_id)
                self._add(trainer_id, total, "lapsed_members", 1)

    def _assessments(self, total: TrainerFigures) -> None:
        for trainer_id, n in self.s.execute(
            select(Assessment.trainer_id, func.count())
            .where(Assessment.deleted_at.is_(None), Assessment.assessed_on >= self.first,
                   Assessment.assessed_on < self.after)
            .group_by(Assessment.trainer_id)
        ):
            self._add(trainer_id, total, "assessments", int(n))
        in_range = (
            select(Assessment.client_id).where(
                Assessment.deleted_at.is_(None), Assessment.assessed_on >= self.first,
                Assessment.assessed_on < self.after, Assessment.score_overall.is_not(None))
            .distinct()
        )
        series: dict[uuid.UUID, list[Any]] = defaultdict(list)
        for client_id, trainer_id, score in self.s.execute(
            select(Assessment.client_id, Assessment.trainer_id, Assessment.score_overall)
            .where(Assessment.client_id.in_(in_range), Assessment.deleted_at.is_(None),
                   Assessment.score_overall.is_not(None), Assessment.assessed_on < self.after)
            .order_by(Assessment.client_id, Assessment.assessed_on, Assessment.created_at)
        ):
            series[client_id].append((trainer_id, float(score or 0)))
        for points in series.values():
            if len(points) < 2:
                continue
            trainer_id, latest = points[-1]
            change = latest - points[0][1]
            row = self.row(trainer_id)
            if row is not None:
                row.score_changes.append(change)
                total.score_changes.append(change)


__all__ = [
    "FIGURE_HEADERS",
    "PERIOD_LABELS",
    "AnalyticsReport",
    "AnalyticsService",
    "Period",
    "TrainerFigures",
    "export_report",
    "figure_row",
    "period_range",
    "report_sheets",
]


# -- export ----------------------------------------------------------------------------------


def report_sheets(report: AnalyticsReport, language: str = "ko") -> list[Sheet]:
    """The pane's tables as workbook sheets: figures per trainer (total last), revenue per
    month and trainer, and sessions by weekday × hour."""
    columns = tuple(XlsxColumn(h.text(language), fmt, width)
                    for h, fmt, width in FIGURE_HEADERS)
    rows = [figure_row(r) for r in (*report.trainers, report.total)]
    names = {r.trainer_id: r.name for r in report.trainers}
    months = sorted({m for m, _ in report.monthly_revenue})
    revenue = [(f"{m:%Y-%m}", names.get(t, UNASSIGNED.text(language)), v)
               for m in months for (mm, t), v in sorted(
                   report.monthly_revenue.items(), key=lambda i: names.get(i[0][1], ""))
               if mm == m]
    heat = [(WEEKDAY_LABELS[d].text(language), *report.heat[d]) for d in range(7)]
    return [
        Sheet(Label("트레이너별", "By trainer").text(language), columns, rows),
        Sheet(Label("월별 매출", "Monthly revenue").text(language),
              (XlsxColumn(Label("월", "Month").text(language)),
               XlsxColumn(Label("트레이너", "Trainer").text(language), width=18),
               XlsxColumn(Label("매출(총액)", "Gross").text(language), "#,##0")), revenue),
        Sheet(Label("요일×시간", "Weekday × hour").text(language),
              (XlsxColumn(""), *(XlsxColumn(f"{h:02d}", "0", 6) for h in range(24))), heat),
    ]


FIGURE_HEADERS: tuple[tuple[Label, str | None, float], ...] = (
    (Label("트레이너", "Trainer"), None, 18),
    (Label("완료", "Completed"), "#,##0", 9),
    (Label("노쇼", "No-show"), "#,##0", 9),
    (Label("취소", "Cancelled"), "#,##0", 9),
    (Label("노쇼율", "No-show rate"), "0.0%", 10),
    (Label("매출(총액)", "Revenue gross"), "#,##0", 14),
    (Label("매출(순액)", "Revenue net"), "#,##0", 14),
    (Label("판매 패키지", "Packages sold"), "#,##0", 11),
    (Label("평균 가격", "Average price"), "#,##0", 14),
    (Label("활동 회원", "Active members"), "#,##0", 11),
    (Label("신규 회원", "New members"), "#,##0", 11),
    (Label("미재구매", "Lapsed"), "#,##0", 10),
    (Label("평가", "Assessments"), "#,##0", 9),
    (Label("평균 점수 변화", "Avg score change"), "0.0", 13),
)


def figure_row(r: TrainerFigures) -> tuple[Any, ...]:
    return (r.name, r.completed, r.no_show, r.cancelled, r.no_show_rate, r.revenue_gross,
            r.revenue_net, r.packages_sold, r.average_price, r.active_members, r.new_members,
            r.lapsed_members, r.assessments, r.average_change)


def export_report(report: AnalyticsReport, target: Path, language: str = "ko") -> Path:
    write_workbook(target, report_sheets(report, language))
    return target
