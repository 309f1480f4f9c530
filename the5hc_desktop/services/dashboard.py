"""The main dashboard (docs/domain.md 8.1 with the 8.5 decisions), from aggregate SQL only.

Decisions: revenue is Σ payment gross by payment date (refunds are negative rows, so they
count), with net alongside; "this month" runs from the 1st to the month's end; sessions of
the month are split by status; weeks are Monday–Sunday in the gym's zone. Session counts,
active packages and low balances read the summaries that database triggers keep
(dashboard_summary.py); the other figures are COUNT/SUM over an indexed range. So the cost
does not grow with the number of members or sessions.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.scoring import fmt1
from the5hc_desktop.services import dashboard_summary as summary
from the5hc_desktop.services.base import ServiceBase, gym_zone, local_today, to_local, to_utc
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, can, require
from the5hc_desktop.services.revenue import revenue_rows
from the5hc_desktop.services.sessions import (
    STATUS_LABELS,
    SessionStatus,
    SessionView,
    session_rows,
)
from the5hc_desktop.store.models import (
    Assessment,
    Client,
    TrainingSession,
    active_count_terms,
)

WEEKS = 7
MONTHS = 6
RECENT_LIMIT = 8
RECENT_PER_KIND = 3
LOW_BALANCE_AT_MOST = 2
LOW_BALANCE_LIMIT = 50


@dataclass(frozen=True)
class StatusCounts:
    scheduled: int = 0
    completed: int = 0
    cancelled: int = 0
    no_show: int = 0

    @property
    def total(self) -> int:
        return self.scheduled + self.completed + self.cancelled + self.no_show


@dataclass(frozen=True)
class Bucket:
    label: str
    value: int


@dataclass(frozen=True)
class Activity:
    at: datetime
    text_ko: str
    text_en: str

    def text(self, language: str = "ko") -> str:
        return self.text_en if language == "en" else self.text_ko


@dataclass(frozen=True)
class LowBalance:
    client_id: uuid.UUID
    client_name: str
    remaining: int


@dataclass(frozen=True)
class DashboardMetrics:
    active_clients: int
    new_clients_this_month: int
    active_packages: int
    sessions_this_month: StatusCounts
    revenue_gross: int
    revenue_net: int
    assessments_this_month: int
    average_overall: float | None
    weekly_sessions: tuple[Bucket, ...]
    monthly_revenue: tuple[Bucket, ...]
    today_sessions: tuple[SessionView, ...]
    recent_activity: tuple[Activity, ...]
    low_balance: tuple[LowBalance, ...]
    # False for front desk (no revenue figures, docs/domain.md 9.5): the money figures are then 0.
    revenue_visible: bool = True


# -- calendar helpers ----------------------------------------------------------------------------


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(first: date, months: int) -> date:
    """The 1st of the month `months` after (or before) the month starting on `first`."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _utc(day: date, zone: ZoneInfo) -> datetime:
    return to_utc(datetime.combine(day, time.min), zone)


@dataclass(frozen=True)
class _SessionFigures:
    this_month: StatusCounts
    weekly: tuple[Bucket, ...]


@dataclass(frozen=True)
class _Revenue:
    gross: int
    net: int
    monthly: tuple[Bucket, ...]


class DashboardService(ServiceBase):
    def metrics(self, actor: Actor, today: date | None = None) -> DashboardMetrics:
        """All dashboard figures for `today` (default: today in the gym's zone)."""
        require(actor, Capability.VIEW_CLIENTS)
        money = can(actor, Capability.VIEW_REVENUE)
        with self._db.read() as session:
            zone = gym_zone(session)
            day = today or local_today(zone, self._now)
            first = month_start(day)
            after = add_months(first, 1)
            active_clients, new_clients = self._clients(session, _utc(first, zone),
                                                        _utc(after, zone))
            sessions = self._sessions(session, day, zone)
            # DOMAIN 9.5: a trainer sees the revenue of their own members' packages only.
            own = None if can(actor, Capability.VIEW_GYM_REVENUE) else actor.staff_id
            revenue = self._revenue(session, first, money, own)
            assessments, average = self._assessments(session, first, after)
            return DashboardMetrics(
                active_clients=active_clients,
                new_clients_this_month=new_clients,
                active_packages=self._active_packages(session, day),
                sessions_this_month=sessions.this_month,
                revenue_gross=revenue.gross,
                revenue_net=revenue.net,
                assessments_this_month=assessments,
                average_overall=average,
                weekly_sessions=sessions.weekly,
                monthly_revenue=revenue.monthly,
                today_sessions=tuple(session_rows(session, [
                    TrainingSession.starts_at >= _utc(day, zone),
                    TrainingSession.starts_at < _utc(day + timedelta(days=1), zone),
                ], zone)),
                recent_activity=self._recent(session, zone, self.utc_now()),
                low_balance=self._low_balance(session, day),
                revenue_visible=money,
            )

    # -- figures ------------------------------------------------------------------------------

    @staticmethod
    def _clients(session: Session, lo: datetime, hi: datetime) -> tuple[int, int]:
        """(active members, members created this month): two counts, each within a partial
        index of live members (the active ones; by creation time), never the table."""
        count = select(func.count()).select_from(Client)
        active = session.scalar(count.where(*active_count_terms()))
        new = session.scalar(count.where(Client.deleted_at.is_(None), Client.created_at >= lo,
                                         Client.created_at < hi))
        return int(active or 0), int(new or 0)

    @staticmethod
    def _active_packages(session: Session, day: date) -> int:
        return summary.active_packages(session, day)

    @staticmethod
    def _sessions(session: Session, day: date, zone: ZoneInfo) -> _SessionFigures:
        """Month counts by status and the seven weekly counts, from the hourly summary.

        Weeks run Monday–Sunday (every status counted, as the Original's chart); the month
        runs from the 1st to its last day, future bookings included.
        """
        mondays = [week_start(day) - timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS + 1)]
        edges = [_utc(m, zone) for m in mondays]
        first = month_start(day)
        month = (_utc(first, zone), _utc(add_months(first, 1), zone))
        *weeks, in_month = summary.session_counts(session, [*pairwise(edges), month])
        weekly = tuple(
            Bucket(f"{m:%m/%d} - {m + timedelta(days=6):%m/%d}", sum(counts.values()))
            for m, counts in zip(mondays, weeks, strict=False)
        )
        by_status = {s.value: in_month.get(s.value, 0) for s in SessionStatus}
        return _SessionFigures(StatusCounts(**by_status), weekly)

    @staticmethod
    def _revenue(session: Session, first: date, money: bool,
                 own: uuid.UUID | None = None) -> _Revenue:
        """This month's Σ gross / Σ net and the six monthly Σ gross (whole months).

        The daily sums of revenue.py (the one revenue definition), put into months here.
        """
        starts = [add_months(first, i - (MONTHS - 1)) for i in range(MONTHS + 1)]
        gross_by_month = dict.fromkeys(starts[:-1], 0)
        gross = net = 0
        if money:
            for paid_on, _, day_gross, day_net in revenue_rows(session, starts[0], starts[-1],
                                                               trainer=own):
                month = month_start(paid_on)
                gross_by_month[month] += int(day_gross)
                if month == first:
                    gross += int(day_gross)
                    net += int(day_net)
        monthly = tuple(Bucket(f"{m.year}년 {m.month:02d}월", v)
                        for m, v in gross_by_month.items())
        return _Revenue(gross, net, monthly)

    @staticmethod
    def _assessments(session: Session, first: date, after: date) -> tuple[int, float | None]:
        total, average = session.execute(
            select(func.count(), func.avg(Assessment.score_overall)).where(
                Assessment.assessed_on >= first, Assessment.assessed_on < after,
                Assessment.deleted_at.is_(None),
            )
        ).one()
        return int(total), (None if average is None else float(average))

    @staticmethod
    def _recent(session: Session, zone: ZoneInfo, now: datetime) -> tuple[Activity, ...]:
        """Newest members, sessions that started and assessments, merged, newest first.

        Members are taken newest by id: ids are time-ordered (UUIDv7, made at creation), so
        the primary key index answers without scanning every member.
        """
        items: list[Activity] = []
        for name, created in session.execute(
            select(Client.name, Client.created_at).where(Client.deleted_at.is_(None))
            .order_by(Client.id.desc()).limit(RECENT_PER_KIND)
        ):
            items.append(Activity(to_local(created, zone), f"새 회원 등록: {name}",
                                  f"New client: {name}"))
        for name, starts, status in session.execute(
            select(Client.name, TrainingSession.starts_at, TrainingSession.status)
            .join(Client, Client.id == TrainingSession.client_id)
            .where(TrainingSession.deleted_at.is_(None), TrainingSession.starts_at <= now)
            .order_by(TrainingSession.starts_at.desc()).limit(RECENT_PER_KIND)
        ):
            label = STATUS_LABELS[SessionStatus(status)]
            items.append(Activity(to_local(starts, zone), f"세션: {name} ({label.ko})",
                                  f"Session: {name} ({label.en})"))
        for name, created, overall in session.execute(
            select(Client.name, Assessment.created_at, Assessment.score_overall)
            .join(Client, Client.id == Assessment.client_id)
            .where(Assessment.deleted_at.is_(None))
            .order_by(Assessment.assessed_on.desc(), Assessment.created_at.desc())
            .limit(RECENT_PER_KIND)
        ):
            score = f" ({fmt1(overall)}점)" if overall is not None else ""
            score_en = f" ({fmt1(overall)})" if overall is not None else ""
            items.append(Activity(to_local(created, zone), f"평가 완료: {name}{score}",
                                  f"Assessment: {name}{score_en}"))
        items.sort(key=lambda a: a.at, reverse=True)
        return tuple(items[:RECENT_LIMIT])

    @staticmethod
    def _low_balance(session: Session, day: date) -> tuple[LowBalance, ...]:
        """Active members whose active, unexpired packages hold ≤ 2 sessions in total (a
        negative total is 초과 사용: the last credit used twice), from the balance summary."""
        return tuple(LowBalance(cid, name, left) for cid, name, left in summary.low_balances(
            session, day, LOW_BALANCE_AT_MOST, LOW_BALANCE_LIMIT))


__all__ = [
    "Activity",
    "Bucket",
    "DashboardMetrics",
    "DashboardService",
    "LowBalance",
    "StatusCounts",
    "add_months",
    "month_start",
    "week_start",
]
