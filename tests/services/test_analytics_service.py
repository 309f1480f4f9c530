"""Analytics figures against a brute-force count over random rows, and who sees what."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from services_training import Clock

from the5hc_desktop.domain.errors import PermissionDenied
from the5hc_desktop.services.analytics import (
    AnalyticsService,
    Period,
    period_range,
    revenue_series,
)
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.dashboard import DashboardService
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    Assessment,
    Client,
    CreditLedgerEntry,
    Payment,
    SessionPackage,
    TrainingSession,
)

SEOUL = ZoneInfo("Asia/Seoul")
STATUSES = ("scheduled", "completed", "no_show", "cancelled")


@dataclass
class World:
    clients: list[Client]
    packages: list[SessionPackage]
    sessions: list[TrainingSession]
    payments: list[Payment]
    ledger: list[CreditLedgerEntry]
    assessments: list[Assessment]


def _local_day(instant: datetime) -> date:
    return instant.astimezone(SEOUL).date()


@pytest.fixture
def world(db: Database, owner: Actor, senior: Actor, trainer: Actor) -> World:
    """Random members, packages, payments (refunds too), sessions, ledger and assessments
    over 2025, written directly (the services' own rules are tested elsewhere)."""
    rng = random.Random(17)
    trainers = [owner.staff_id, senior.staff_id, trainer.staff_id]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    w = World([], [], [], [], [], [])
    with db.write() as s:
        for i in range(40):
            c = Client(name=f"회원{i}", gender="female", active=True,
                       trainer_id=rng.choice([*trainers, None]),
                       created_at=start + timedelta(hours=rng.randrange(365 * 24)),
                       deleted_at=start if i % 13 == 0 else None)
            w.clients.append(c)
        s.add_all(w.clients)
        s.flush()
        for c in w.clients:
            for _ in range(rng.randrange(3)):
                gross = rng.choice([300_000, 500_000, 1_000_000])
                p = SessionPackage(client_id=c.id, trainer_id=rng.choice(trainers),
                                   name="패키지", gross=gross, session_price=100_000,
                                   sessions_bought=gross // 100_000, vat_rate=Decimal("0.1"),
                                   card_fee_rate=Decimal("0.035"), payment_method="card")
                w.packages.append(p)
                s.add(p)
                s.flush()
                paid = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
                pay = Payment(client_id=c.id, package_id=p.id, staff_id=owner.staff_id,
                              paid_on=paid, method="card", gross=gross, vat=gross // 11,
                              card_fee=0, net=gross - gross // 11, vat_rate=Decimal("0.1"),
                              card_fee_rate=Decimal("0"))
                w.payments.append(pay)
                s.add(pay)
                s.flush()
                if rng.random() < 0.2:
                    back = Payment(client_id=c.id, package_id=p.id, staff_id=owner.staff_id,
                                   paid_on=paid + timedelta(days=rng.randrange(30)),
                                   method="card", gross=-gross, vat=-(gross // 11), card_fee=0,
                                   net=-(gross - gross // 11), vat_rate=Decimal("0.1"),
                                   card_fee_rate=Decimal("0"), reverses_payment_id=pay.id)
                    w.payments.append(back)
                    s.add(back)
                w.ledger.append(CreditLedgerEntry(package_id=p.id, client_id=c.id,
                                                  kind="purchase", delta=p.sessions_bought))
                for _ in range(rng.randrange(p.sessions_bought + 2)):
                    status = rng.choice(STATUSES)
                    t = TrainingSession(client_id=c.id, package_id=p.id,
                                        trainer_id=rng.choice(trainers),
                                        starts_at=start + timedelta(
                                            minutes=30 * rng.randrange(365 * 48)),
                                        duration_min=60, status=status)
                    w.sessions.append(t)
                    s.add(t)
                    s.flush()
                    if status in ("completed", "no_show"):
                        w.ledger.append(CreditLedgerEntry(
                            package_id=p.id, client_id=c.id, session_id=t.id,
                            kind="complete" if status == "completed" else "no_show",
                            delta=-1))
            for _ in range(rng.randrange(4)):
                a = Assessment(client_id=c.id, trainer_id=rng.choice(trainers),
                               assessed_on=date(2025, 1, 1) + timedelta(days=rng.randrange(365)),
                               gender="female", scoring_version="test",
                               created_at=start + timedelta(seconds=len(w.assessments)),
                               score_overall=rng.choice([None, *range(40, 95)]))
                w.assessments.append(a)
                s.add(a)
        s.add_all(w.ledger)
    return w


def brute(w: World, first: date, last: date, trainer: uuid.UUID | None) -> dict[str, object]:
    """Every figure for one trainer (None = the gym), counted row by row."""
    def mine(t: uuid.UUID | None) -> bool:
        return trainer is None or t == trainer

    live_clients = {c.id for c in w.clients if c.deleted_at is None}
    pkg = {p.id: p for p in w.packages}
    inside = [t for t in w.sessions if first <= _local_day(t.starts_at) <= last]
    counts = {st: sum(1 for t in inside if t.status == st and mine(t.trainer_id))
              for st in STATUSES}
    pays = [p for p in w.payments if first <= p.paid_on <= last
            and mine(pkg[p.package_id].trainer_id)]
    first_paid: dict[uuid.UUID, date] = {}
    for p in w.payments:
        if p.reverses_payment_id is None and p.package_id is not None:
            first_paid[p.package_id] = min(first_paid.get(p.package_id, p.paid_on), p.paid_on)
    sold = [pkg[i] for i, d in first_paid.items() if first <= d <= last
            and mine(pkg[i].trainer_id)]
    window = last - timedelta(days=29)
    active = {t.client_id for t in w.sessions if window <= _local_day(t.starts_at) <= last
              and t.status != "cancelled" and mine(t.trainer_id)
              and t.client_id in live_clients}
    new = [c for c in w.clients if c.deleted_at is None and first <= _local_day(c.created_at)
           <= last and mine(c.trainer_id)]
    balance: dict[uuid.UUID, int] = defaultdict(int)
    for e in w.ledger:
        balance[e.client_id] += e.delta
    lapsed = 0
    for cid in live_clients:
        mine_used = [t for t in w.sessions if t.status in ("completed", "no_show")
                     and t.client_id == cid]
        if balance[cid] <= 0 and mine_used:
            # Equal start times: the highest trainer id (the store's tie-break).
            latest = max(mine_used, key=lambda t: (t.starts_at, t.trainer_id.bytes))
            if first <= _local_day(latest.starts_at) <= last and mine(latest.trainer_id):
                lapsed += 1
    done = [a for a in w.assessments if first <= a.assessed_on <= last and mine(a.trainer_id)]
    changes = []
    by_client: dict[uuid.UUID, list[Assessment]] = defaultdict(list)
    for a in sorted(w.assessments, key=lambda a: (a.assessed_on, a.created_at)):
        if a.score_overall is not None and a.assessed_on <= last:
            by_client[a.client_id].append(a)
    for series in by_client.values():
        if len(series) >= 2 and series[-1].assessed_on >= first and mine(series[-1].trainer_id):
            changes.append(series[-1].score_overall - series[0].score_overall)
    return {
        "completed": counts["completed"], "no_show": counts["no_show"],
        "cancelled": counts["cancelled"],
        "revenue_gross": sum(p.gross for p in pays), "revenue_net": sum(p.net for p in pays),
        "packages_sold": len(sold),
        "average_price": round(sum(p.gross for p in sold) / len(sold)) if sold else None,
        "active_members": len(active), "new_members": len(new), "lapsed_members": lapsed,
        "assessments": len(done),
        "average_change": pytest.approx(sum(changes) / len(changes)) if changes else None,
    }


FIGURES = ("completed", "no_show", "cancelled", "revenue_gross", "revenue_net",
           "packages_sold", "average_price", "active_members", "new_members",
           "lapsed_members", "assessments", "average_change")


def brute_heat(w: World, first: date, last: date,
               trainer: uuid.UUID | None) -> tuple[tuple[int, ...], ...]:
    """[weekday][hour] of sessions not cancelled, in Seoul time, counted one by one."""
    heat = [[0] * 24 for _ in range(7)]
    for t in w.sessions:
        local = t.starts_at.astimezone(SEOUL)
        if (first <= local.date() <= last and t.status != "cancelled"
                and trainer in (None, t.trainer_id)):
            heat[local.weekday()][local.hour] += 1
    return tuple(tuple(day) for day in heat)


def brute_monthly(w: World, first: date, last: date,
                  trainer: uuid.UUID | None) -> dict[tuple[date, uuid.UUID | None], int]:
    """Σ gross per (month, package trainer) of payments dated in the range."""
    pkg = {p.id: p for p in w.packages}
    totals: dict[tuple[date, uuid.UUID | None], int] = defaultdict(int)
    for p in w.payments:
        owner = pkg[p.package_id].trainer_id
        if first <= p.paid_on <= last and trainer in (None, owner):
            totals[(p.paid_on.replace(day=1), owner)] += p.gross
    return dict(totals)


def brute_retention(w: World, first: date, last: date, trainer: uuid.UUID | None,
                    now: datetime) -> list[tuple[int, int, int]]:
    """(month, members followed that long, members still training) counted member by member."""
    live_clients = {c.id for c in w.clients if c.deleted_at is None}
    period = timedelta(days=30)
    spans = []
    for cid in live_clients:
        # Equal start times: the lowest trainer id first (the store's tie-break).
        done = sorted((t for t in w.sessions if t.client_id == cid and t.status == "completed"),
                      key=lambda t: (t.starts_at, t.trainer_id.bytes))
        if (not done or not first <= _local_day(done[0].starts_at) <= last
                or done[0].starts_at > now):
            continue
        if trainer is not None and done[0].trainer_id != trainer:
            continue
        start = done[0].starts_at
        # Whole periods, counted in whole seconds as the store's instants are.
        spans.append(((done[-1].starts_at - start) // period, (now - start) // period))
    points = []
    for month in range(13):
        followed = [kept for kept, seen in spans if seen >= month]
        if not followed:
            break
        points.append((month, len(followed), sum(1 for kept in followed if kept >= month)))
    return points


@pytest.mark.parametrize(("first", "last"), [
    (date(2025, 1, 1), date(2025, 12, 31)),
    (date(2025, 3, 1), date(2025, 3, 31)),
    (date(2025, 4, 1), date(2025, 6, 30)),
])
def test_figures_match_a_brute_force_count(db: Database, clock: Clock, owner: Actor,
                                           world: World, first: date, last: date) -> None:
    clock.value = datetime(2025, 9, 1, 3, tzinfo=UTC)  # later cohorts are not followed yet
    service = AnalyticsService(db, now=clock)
    report = service.report(owner, first, last)
    got = {f: getattr(report.total, f) for f in FIGURES}
    assert got == brute(world, first, last, None)
    for row in report.trainers:
        if row.trainer_id is not None:
            assert {f: getattr(row, f) for f in FIGURES} == brute(world, first, last,
                                                                 row.trainer_id)
    assert report.heat == brute_heat(world, first, last, None)
    assert report.monthly_revenue == brute_monthly(world, first, last, None)
    now = clock()
    assert [(p.month, p.observed, p.kept) for p in report.retention] == brute_retention(
        world, first, last, None, now)
    if (first, last) == (date(2025, 1, 1), date(2025, 12, 31)):
        assert len(report.retention) > 3  # the curve is really compared
    one = report.trainers[0].trainer_id
    assert one is not None
    narrowed = service.report(owner, first, last, trainer_id=one)
    assert [r.trainer_id for r in narrowed.trainers] == [one]
    assert {f: getattr(narrowed.total, f) for f in FIGURES} == brute(world, first, last, one)
    assert [(p.month, p.observed, p.kept) for p in narrowed.retention] == brute_retention(
        world, first, last, one, now)
    assert narrowed.heat == brute_heat(world, first, last, one)
    assert narrowed.monthly_revenue == brute_monthly(world, first, last, one)


def test_revenue_is_the_dashboards(db: Database, clock: Clock, owner: Actor,
                                   world: World) -> None:
    clock.value = datetime(2025, 6, 15, 3, tzinfo=UTC)
    month = DashboardService(db, now=clock).metrics(owner)
    report = AnalyticsService(db, now=clock).report(owner, date(2025, 6, 1), date(2025, 6, 30))
    assert (report.total.revenue_gross, report.total.revenue_net) == (
        month.revenue_gross, month.revenue_net)


def test_a_trainer_sees_only_themself_and_the_desk_nothing(
        db: Database, clock: Clock, owner: Actor, trainer: Actor, assistant: Actor,
        world: World) -> None:
    service = AnalyticsService(db, now=clock)
    report = service.report(trainer, date(2025, 1, 1), date(2025, 12, 31),
                            trainer_id=owner.staff_id)
    assert [r.trainer_id for r in report.trainers] == [trainer.staff_id]
    assert service.trainers(trainer) == [(trainer.staff_id, trainer.display_name)]
    with pytest.raises(PermissionDenied):
        service.report(assistant, date(2025, 1, 1), date(2025, 12, 31))


@pytest.mark.parametrize(("period", "today", "expected"), [
    (Period.THIS_MONTH, date(2025, 2, 10), (date(2025, 2, 1), date(2025, 2, 28))),
    (Period.LAST_MONTH, date(2025, 1, 10), (date(2024, 12, 1), date(2024, 12, 31))),
    (Period.QUARTER, date(2025, 11, 5), (date(2025, 10, 1), date(2025, 12, 31))),
    (Period.YEAR, date(2025, 6, 1), (date(2025, 1, 1), date(2025, 12, 31))),
])
def test_named_periods(period: Period, today: date, expected: tuple[date, date]) -> None:
    assert period_range(period, today) == expected


def test_revenue_series_names_the_top_trainers_and_sums_the_rest(
        db: Database, clock: Clock, owner: Actor, world: World) -> None:
    report = AnalyticsService(db, now=clock).report(owner, date(2025, 1, 1),
                                                    date(2025, 12, 31))
    series = revenue_series(report, "미지정", top=1)
    assert len(series.months) == 12
    assert [name is None for name, _values in series.series] == [False, True]
    for index, month in enumerate(series.months):
        assert sum(values[index] for _n, values in series.series) == sum(
            v for (m, _t), v in report.monthly_revenue.items() if m == month)
    # Everyone named when only one would be left over.
    everyone = revenue_series(report, "미지정", top=len(report.trainers) - 1)
    assert all(name is not None for name, _values in everyone.series)


def test_the_print_out_holds_every_table(db: Database, clock: Clock, owner: Actor,
                                         world: World, tmp_path: Path) -> None:
    service = AnalyticsService(db, now=clock)
    report = service.report(owner, date(2025, 1, 1), date(2025, 12, 31))
    pdf = service.write_pdf(owner, report, tmp_path / "analytics.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    for caption in ("트레이너별", "월별 매출", "요일×시간", "유지율", "전체"):
        assert caption in text
    assert f"{report.total.revenue_gross:,}" in text
