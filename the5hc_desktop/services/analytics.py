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
  packages) and whose last used (completed or no-show) session started in the range — they
  did not buy again; counted for that session's trainer.
- retention curve: the cohort is the members whose first completed session ever falls in
  the range (by its trainer); point k = the share of those observed for k 30-day periods
  (first session at least 30·k days before now) whose latest completed session came at
  least 30·k days after the first.
- assessments: done in the range (by assessing trainer); average change = mean of
  (latest − first overall score) over members whose latest assessment is in the range and who
  have at least two scored assessments, attributed to the latest one's trainer.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.availability import WEEKDAY_LABELS
from the5hc_desktop.domain.credits import SessionStatus
from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.roles import TRAINING_ROLE_VALUES, Role
from the5hc_desktop.services import analytics_queries as q
from the5hc_desktop.services.base import ServiceBase, gym_zone, local_today, to_local, to_utc
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.services.settings import gym_organization
from the5hc_desktop.services.xlsx_export import Column as XlsxColumn
from the5hc_desktop.services.xlsx_export import Sheet, write_workbook
from the5hc_desktop.store.models import StaffAccount
from the5hc_desktop.store.types import instant_from_storage

if TYPE_CHECKING:
    from the5hc_desktop.reports.tables import PrintTable

ACTIVE_WINDOW_DAYS = 30
HOUR_US = 3_600_000_000  # an hour of stored instants (whole microseconds)
RETENTION_MONTHS = 12
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
    changed_members: int = 0  # members with a first and a latest overall score
    change_sum: float = 0.0  # Σ (latest − first) over them

    @property
    def no_show_rate(self) -> float | None:
        due = self.completed + self.no_show
        return None if due == 0 else self.no_show / due

    @property
    def average_price(self) -> int | None:
        return None if not self.packages_sold else round(self.packages_gross / self.packages_sold)

    @property
    def average_change(self) -> float | None:
        return None if not self.changed_members else self.change_sum / self.changed_members


@dataclass(frozen=True)
class RetentionPoint:
    """Of `observed` cohort members followed for `month` 30-day periods, `kept` still came."""

    month: int
    observed: int
    kept: int

    @property
    def rate(self) -> float:
        return self.kept / self.observed


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
    # Month 0, 1, … of the retention curve (see the module docstring).
    retention: tuple[RetentionPoint, ...] = ()


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
            return _Builder(session, zone, first, last, trainer_id,
                            self.utc_now()).build()

    def today(self) -> date:
        with self._db.read() as session:
            return local_today(gym_zone(session), self._now)

    def write_pdf(self, actor: Actor, report: AnalyticsReport, target: Path,
                  language: str = "ko") -> Path:
        """The report's tables as an A4 PDF at `target` (for printing or keeping)."""
        require(actor, Capability.VIEW_REVENUE)
        # Imported here: ReportLab loads only when a PDF is made (the window paints first).
        from the5hc_desktop.reports.tables import render_tables

        with self._db.read() as session:
            org = gym_organization(session)
            gym = org.name if org is not None else ""
        title = Label("분석", "Analytics").text(language)
        render_tables(title, f"{report.first} ~ {report.last}", gym,
                      print_tables(report, language), target)
        return target

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
    """Fills the report from `analytics_queries`' aggregates (each a few hundred rows)."""

    def __init__(self, session: Session, zone: ZoneInfo, first: date, last: date,
                 trainer_id: uuid.UUID | None, now: datetime) -> None:
        self.s = session
        self.zone = zone
        self.first, self.last = first, last
        self.after = last + timedelta(days=1)
        self.lo, self.hi = q.stored(self._utc(first)), q.stored(self._utc(self.after))
        self.now = now
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
        self._sessions(total)
        heat = self._heat()
        monthly = self._payments(total)
        self._members(total)
        retention = self._spans(total)
        for trainer_id, n in q.assessments_done(self.s, self.first, self.after):
            self._add(trainer_id, total, "assessments", n)
        for trainer_id, n, change in q.score_changes(self.s, self.first, self.after):
            row = self.row(trainer_id)
            if row is not None:
                for figures in (row, total):
                    figures.changed_members += n
                    figures.change_sum += change
        trainers = sorted(self.rows.values(), key=lambda r: (r.trainer_id is None, r.name))
        return AnalyticsReport(self.first, self.last, tuple(trainers), total, monthly,
                               heat, retention)

    def _add(self, trainer_id: uuid.UUID | None, total: TrainerFigures, name: str,
             value: int) -> None:
        row = self.row(trainer_id)
        if row is not None:
            setattr(row, name, getattr(row, name) + value)
            setattr(total, name, getattr(total, name) + value)

    def _sessions(self, total: TrainerFigures) -> None:
        names = {SessionStatus.COMPLETED.value: "completed",
                 SessionStatus.NO_SHOW.value: "no_show",
                 SessionStatus.CANCELLED.value: "cancelled"}
        for trainer_id, status, n in q.session_counts(self.s, self.lo, self.hi):
            if status in names:
                self._add(trainer_id, total, names[status], n)

    def _heat(self) -> tuple[tuple[int, ...], ...]:
        heat = [[0] * 24 for _ in range(7)]
        offsets: dict[int, timedelta] = {}  # per UTC hour: the zone's offset then
        for instant, n in q.session_starts(self.s, self.lo, self.hi, self.only):
            utc = instant_from_storage(instant)
            hour = instant // HOUR_US
            if hour not in offsets:
                offsets[hour] = to_local(utc, self.zone).utcoffset() or timedelta()
            local = (utc + offsets[hour]).replace(tzinfo=None)
            heat[local.weekday()][local.hour] += n
        return tuple(tuple(day) for day in heat)

    def _payments(self, total: TrainerFigures) -> dict[tuple[date, uuid.UUID | None], int]:
        monthly: dict[tuple[date, uuid.UUID | None], int] = {}
        for month, trainer_id, gross, net in q.revenue(self.s, self.first, self.after):
            if self.row(trainer_id) is None:
                continue
            self._add(trainer_id, total, "revenue_gross", gross)
            self._add(trainer_id, total, "revenue_net", net)
            monthly[(month, trainer_id)] = monthly.get((month, trainer_id), 0) + gross
        for trainer_id, n, package_gross in q.packages_sold(self.s, self.first, self.after):
            self._add(trainer_id, total, "packages_sold", n)
            self._add(trainer_id, total, "packages_gross", package_gross)
        return monthly

    def _members(self, total: TrainerFigures) -> None:
        window_lo = q.stored(self._utc(self.after - timedelta(days=ACTIVE_WINDOW_DAYS)))
        per, everyone = q.active_members(self.s, window_lo, self.hi)
        for trainer_id, n in per.items():
            row = self.row(trainer_id)
            if row is not None:
                row.active_members = n
        total.active_members = everyone if self.only is None else per.get(self.only, 0)
        for trainer_id, n in q.new_members(self.s, self.lo, self.hi):
            self._add(trainer_id, total, "new_members", n)

    def _spans(self, total: TrainerFigures) -> tuple[RetentionPoint, ...]:
        lapsed, cohort = q.member_spans(self.s, self.lo, self.hi, self.now)
        for trainer_id, n in lapsed.items():
            self._add(trainer_id, total, "lapsed_members", n)
        mine = [(kept, observed, n) for trainer_id, kept, observed, n in cohort
                if self.only is None or trainer_id == self.only]
        return retention_curve(mine)


def retention_curve(members: list[tuple[int, int, int]]) -> tuple[RetentionPoint, ...]:
    """Points 0..RETENTION_MONTHS from (kept periods, observed periods, members) groups; a
    point counts only the members observed that long, and stops where none are."""
    points = []
    for month in range(RETENTION_MONTHS + 1):
        observed = sum(n for _kept, seen, n in members if seen >= month)
        if observed == 0:
            break
        kept = sum(n for k, seen, n in members if seen >= month and k >= month)
        points.append(RetentionPoint(month, observed, kept))
    return tuple(points)


__all__ = [
    "FIGURE_HEADERS",
    "PERIOD_LABELS",
    "RETENTION_HEADERS",
    "RETENTION_MONTHS",
    "TOP_TRAINERS",
    "AnalyticsReport",
    "AnalyticsService",
    "Period",
    "RetentionPoint",
    "RevenueSeries",
    "TrainerFigures",
    "export_report",
    "figure_row",
    "period_range",
    "print_tables",
    "report_sheets",
    "revenue_series",
]


# -- export ----------------------------------------------------------------------------------


def report_sheets(report: AnalyticsReport, language: str = "ko") -> list[Sheet]:
    """The pane's tables as workbook sheets: figures per trainer (total last), revenue per
    month and trainer, sessions by weekday × hour and the retention curve."""
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
    retention = [(p.month, p.observed, p.kept, p.rate) for p in report.retention]
    return [
        Sheet(Label("트레이너별", "By trainer").text(language), columns, rows),
        Sheet(Label("월별 매출", "Monthly revenue").text(language),
              (XlsxColumn(Label("월", "Month").text(language)),
               XlsxColumn(Label("트레이너", "Trainer").text(language), width=18),
               XlsxColumn(Label("매출(총액)", "Gross").text(language), "#,##0")), revenue),
        Sheet(Label("요일×시간", "Weekday × hour").text(language),
              (XlsxColumn(""), *(XlsxColumn(f"{h:02d}", "0", 6) for h in range(24))), heat),
        Sheet(Label("유지율", "Retention").text(language),
              tuple(XlsxColumn(h.text(language), fmt, width)
                    for h, fmt, width in RETENTION_HEADERS), retention),
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


RETENTION_HEADERS: tuple[tuple[Label, str | None, float], ...] = (
    (Label("개월", "Month"), None, 8),
    (Label("관찰 회원", "Members followed"), "#,##0", 12),
    (Label("유지 회원", "Still training"), "#,##0", 12),
    (Label("유지율", "Retention"), "0.0%", 10),
)


def figure_row(r: TrainerFigures) -> tuple[Any, ...]:
    return (r.name, r.completed, r.no_show, r.cancelled, r.no_show_rate, r.revenue_gross,
            r.revenue_net, r.packages_sold, r.average_price, r.active_members, r.new_members,
            r.lapsed_members, r.assessments, r.average_change)


def print_tables(report: AnalyticsReport, language: str = "ko") -> list[PrintTable]:
    """The workbook's sheets as text tables for the print-out (numbers as the pane shows)."""
    from the5hc_desktop.reports.tables import PrintTable

    tables = []
    for sheet in report_sheets(report, language):
        formats = [c.number_format for c in sheet.columns]
        rows = tuple(tuple(_cell_text(v, f) for v, f in zip(row, formats, strict=True))
                     for row in sheet.rows)
        tables.append(PrintTable(sheet.title, tuple(c.header for c in sheet.columns), rows))
    # On paper, revenue per month reads as the chart does: a column per top trainer.
    series = revenue_series(report, UNASSIGNED.text(language))
    others = Label("기타", "Others").text(language)
    headers = (Label("월", "Month").text(language),
               *((name or others) for name, _values in series.series),
               TOTAL.text(language))
    rows = tuple(
        (f"{month:%Y-%m}", *(f"{values[i]:,}" for _n, values in series.series),
         f"{sum(values[i] for _n, values in series.series):,}")
        for i, month in enumerate(series.months))
    tables[1] = PrintTable(tables[1].caption, headers, rows)
    return tables


TOP_TRAINERS = 6


@dataclass(frozen=True)
class RevenueSeries:
    """Monthly gross of the busiest trainers, and of the others together (name None)."""

    months: tuple[date, ...]
    series: tuple[tuple[str | None, tuple[int, ...]], ...]

    def is_empty(self) -> bool:
        return not self.months


def revenue_series(report: AnalyticsReport, unassigned: str,
                   top: int = TOP_TRAINERS) -> RevenueSeries:
    """Every month of the range (also months without payments); the `top` trainers by gross
    each get a series and the rest share one, so forty trainers still make a legible chart."""
    if not report.monthly_revenue:
        return RevenueSeries((), ())
    months: list[date] = []
    month = report.first.replace(day=1)
    while month <= report.last:
        months.append(month)
        month = _month_after(month)
    totals: dict[uuid.UUID | None, int] = {}
    for (_m, trainer), gross in report.monthly_revenue.items():
        totals[trainer] = totals.get(trainer, 0) + gross
    names = {r.trainer_id: r.name for r in report.trainers}
    ranked = sorted(totals, key=lambda t: (-totals[t], names.get(t, unassigned)))
    shown = ranked[:top] if len(ranked) > top + 1 else ranked
    rest = [t for t in ranked if t not in shown]

    def per_month(trainers: list[uuid.UUID | None]) -> tuple[int, ...]:
        return tuple(sum(report.monthly_revenue.get((m, t), 0) for t in trainers)
                     for m in months)

    series: list[tuple[str | None, tuple[int, ...]]] = [
        (names.get(t, unassigned) if t is not None else unassigned, per_month([t]))
        for t in shown]
    if rest:
        series.append((None, per_month(rest)))
    return RevenueSeries(tuple(months), tuple(series))


def _cell_text(value: Any, number_format: str | None) -> str:
    if value is None:
        return "–"
    if number_format == "0.0%":
        return f"{value * 100:.1f}%"
    if number_format == "0.0":
        return f"{value:+.1f}"
    if number_format == "#,##0" and isinstance(value, int):
        return f"{value:,}"
    if number_format == "0" and value == 0:
        return ""
    return str(value)


def export_report(report: AnalyticsReport, target: Path, language: str = "ko") -> Path:
    write_workbook(target, report_sheets(report, language))
    return target
