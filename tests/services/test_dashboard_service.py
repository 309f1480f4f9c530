"""Dashboard figures on a small dataset whose every number is known (docs/domain.md 8.1 / 8.5)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from services_training import Clock, add_client, seoul

from the5hc_desktop.services.assessments import AssessmentDraft, AssessmentService
from the5hc_desktop.services.clients import ClientService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.dashboard import (
    Bucket,
    DashboardService,
    LowBalance,
    StatusCounts,
    add_months,
    week_start,
)
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.services.sessions import SessionService
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import Assessment, Client, SyncedMixin


@dataclass(frozen=True)
class Gym:
    minsu: uuid.UUID
    younghee: uuid.UUID
    sessions: dict[str, uuid.UUID]
    overall: dict[date, float]


def _at(clock: Clock, when: datetime) -> None:
    clock.value = when.astimezone(UTC)


def _set_created(db: Database, model: type[SyncedMixin], row_id: uuid.UUID,
                 when: datetime) -> None:
    # created_at is stamped with the real time; the dataset needs fixed instants.
    with db.write() as s:
        row = s.get(model, row_id)
        assert row is not None
        row.created_at = when


@pytest.fixture
def gym(db: Database, clock: Clock, owner: Actor, trainer: Actor) -> Gym:
    packages = PackageService(db, now=clock)
    sessions = SessionService(db, now=clock)
    clients = ClientService(db, now=clock)
    assessments = AssessmentService(db, now=clock)

    _at(clock, seoul(2025, 5, 10, 10))
    minsu = add_client(db, clock, owner, "김민수", "010-1111-2222")
    younghee = add_client(db, clock, owner, "이영희", "010-3333-4444")
    jisung = add_client(db, clock, owner, "박지성")
    seoyeon = add_client(db, clock, owner, "최서연")
    p2 = packages.sell(owner, younghee, 150_000, 50_000, "cash")  # 3 sessions, paid 5/10
    packages.sell(owner, minsu, 200_000, 100_000, "card", paid_on=date(2025, 1, 20))
    ids: dict[str, uuid.UUID] = {}
    ids["S6"] = sessions.book(owner, younghee, p2.id, trainer.staff_id, seoul(2025, 5, 13, 10)).id
    ids["S8"] = sessions.book(owner, younghee, p2.id, trainer.staff_id, seoul(2025, 7, 1, 10)).id

    _at(clock, seoul(2025, 6, 1, 9))
    p1 = packages.sell(owner, minsu, 1_000_000, 50_000, "card")  # 20 sessions, paid 6/1
    for key, when in (("S1", seoul(2025, 6, 2, 10)), ("S2", seoul(2025, 6, 3, 10)),
                      ("S3", seoul(2025, 6, 10, 10)), ("S4", seoul(2025, 6, 15, 15)),
                      ("S5", seoul(2025, 6, 20, 10))):
        ids[key] = sessions.book(owner, minsu, p1.id, owner.staff_id, when).id
    ids["S7"] = sessions.book(owner, younghee, p2.id, trainer.staff_id, seoul(2025, 6, 15, 9)).id

    _at(clock, seoul(2025, 6, 14, 10))
    p3 = packages.sell(owner, younghee, 100_000, 50_000, "transfer")  # paid 6/14

    _at(clock, seoul(2025, 6, 15, 10))
    sessions.complete(owner, ids["S1"])
    sessions.no_show(owner, ids["S2"])
    sessions.cancel(owner, ids["S3"])
    sessions.complete(owner, ids["S6"])
    sessions.complete(owner, ids["S7"])
    packages.refund(owner, p3.id, "일정 변경")  # −100,000 on 6/15
    clients.set_active(owner, jisung, False)
    clients.delete(owner, seoyeon)

    overall: dict[date, float] = {}
    for client, day in ((minsu, date(2025, 6, 5)), (minsu, date(2025, 6, 12)),
                        (younghee, date(2025, 5, 30))):
        view = assessments.create(owner, AssessmentDraft(
            client, day, owner.staff_id,
            values={"push_up_reps": 20 + day.day, "toe_touch_cm": 2.0}))
        assert view.scores.overall is not None
        overall[day] = view.scores.overall
        _set_created(db, Assessment, view.id, seoul(day.year, day.month, day.day, 11))
    for client, when in ((minsu, seoul(2025, 5, 20, 12)), (younghee, seoul(2025, 6, 2, 12)),
                         (jisung, seoul(2025, 6, 10, 12)), (seoyeon, seoul(2025, 6, 5, 12))):
        _set_created(db, Client, client, when)
    return Gym(minsu, younghee, ids, overall)


def test_dashboard_figures_on_a_known_dataset(
    db: Database, clock: Clock, gym: Gym, owner: Actor
) -> None:
    m = DashboardService(db, now=clock).metrics(owner)

    assert m.active_clients == 2  # 박지성 inactive, 최서연 deleted
    assert m.new_clients_this_month == 2  # 이영희 6/2 and 박지성 6/10
    assert m.active_packages == 3  # the refunded package is inactive
    assert m.sessions_this_month == StatusCounts(scheduled=2, completed=2, cancelled=1,
                                                 no_show=1)
    # 1,000,000 (card) + 100,000 (transfer) − 100,000 (its refund).
    assert m.revenue_gross == 1_000_000
    assert m.revenue_net == 877_273
    assert m.revenue_visible
    assert m.assessments_this_month == 2
    assert m.average_overall == pytest.approx(
        (gym.overall[date(2025, 6, 5)] + gym.overall[date(2025, 6, 12)]) / 2)
    assert m.weekly_sessions == (
        Bucket("04/28 - 05/04", 0), Bucket("05/05 - 05/11", 0), Bucket("05/12 - 05/18", 1),
        Bucket("05/19 - 05/25", 0), Bucket("05/26 - 06/01", 0), Bucket("06/02 - 06/08", 2),
        Bucket("06/09 - 06/15", 3),
    )
    assert m.monthly_revenue == (
        Bucket("2025년 01월", 200_000), Bucket("2025년 02월", 0), Bucket("2025년 03월", 0),
        Bucket("2025년 04월", 0), Bucket("2025년 05월", 150_000),
        Bucket("2025년 06월", 1_000_000),
    )
    assert [s.id for s in m.today_sessions] == [gym.sessions["S7"], gym.sessions["S4"]]
    assert m.today_sessions[0].starts_at == seoul(2025, 6, 15, 9)
    assert m.low_balance == (LowBalance(gym.younghee, "이영희", 1),)

    a = gym.overall
    assert [x.text_ko for x in m.recent_activity] == [
        "세션: 이영희 (완료됨)",
        f"평가 완료: 김민수 ({a[date(2025, 6, 12)]:.1f}점)",
        "새 회원 등록: 박지성",
        "세션: 김민수 (취소됨)",
        f"평가 완료: 김민수 ({a[date(2025, 6, 5)]:.1f}점)",
        "세션: 김민수 (노쇼)",
        "새 회원 등록: 이영희",
        f"평가 완료: 이영희 ({a[date(2025, 5, 30)]:.1f}점)",
    ]
    assert m.recent_activity[0].at == seoul(2025, 6, 15, 9)
    assert m.recent_activity[5].text_en == "Session: 김민수 (No-show)"


def test_this_month_is_bounded_by_the_month_end(
    db: Database, clock: Clock, gym: Gym, owner: Actor
) -> None:
    may = DashboardService(db, now=clock).metrics(owner, today=date(2025, 5, 31))
    assert may.revenue_gross == 150_000  # nothing from June leaks into May
    assert may.sessions_this_month == StatusCounts(completed=1)
    assert may.assessments_this_month == 1
    assert may.new_clients_this_month == 1  # 김민수 (5/20)
    assert may.monthly_revenue[-1] == Bucket("2025년 05월", 150_000)
    july = DashboardService(db, now=clock).metrics(owner, today=date(2025, 7, 1))
    assert july.sessions_this_month == StatusCounts(scheduled=1)
    assert july.revenue_gross == 0
    assert july.average_overall is None
    assert [s.id for s in july.today_sessions] == [gym.sessions["S8"]]


def test_front_desk_sees_no_revenue(
    db: Database, clock: Clock, gym: Gym, assistant: Actor, trainer: Actor
) -> None:
    desk = DashboardService(db, now=clock).metrics(assistant)
    assert not desk.revenue_visible
    assert (desk.revenue_gross, desk.revenue_net) == (0, 0)
    assert all(b.value == 0 for b in desk.monthly_revenue)
    assert desk.active_clients == 2
    # A trainer sees the revenue of their own members' packages, not the gym's (DOMAIN 9.5).
    assert DashboardService(db, now=clock).metrics(trainer).revenue_gross == 0


def test_an_empty_database_gives_zeros(db: Database, clock: Clock, owner: Actor) -> None:
    m = DashboardService(db, now=clock).metrics(owner)
    assert (m.active_clients, m.active_packages, m.revenue_gross, m.average_overall) == (
        0, 0, 0, None)
    assert m.sessions_this_month.total == 0
    assert len(m.weekly_sessions) == 7
    assert len(m.monthly_revenue) == 6
    assert (m.today_sessions, m.low_balance) == ((), ())


def test_calendar_helpers() -> None:
    assert add_months(date(2025, 1, 1), -1) == date(2024, 12, 1)
    assert add_months(date(2025, 11, 1), 2) == date(2026, 1, 1)
    assert week_start(date(2025, 6, 15)) == date(2025, 6, 9)
