"""일마감 against a row-by-row count over random payments and sessions, and who sees what."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from services_training import Clock
from test_analytics_service import SEOUL, World, world  # noqa: F401  # the shared random gym

from the5hc_desktop.domain.day_close import Amounts, SessionCounts
from the5hc_desktop.domain.errors import PermissionDenied, ValidationError
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.day_close import DayCloseService
from the5hc_desktop.store.database import Database


def _brute(w: World, first: date, last: date, trainer: uuid.UUID | None,
           names: dict[uuid.UUID, str]) -> tuple[Amounts, Amounts, dict[str, SessionCounts]]:
    pkg = {p.id: p for p in w.packages}
    sales, refunds = Amounts(), Amounts()
    for p in w.payments:
        if not first <= p.paid_on <= last:
            continue
        if trainer is not None and pkg[p.package_id].trainer_id != trainer:
            continue
        one = Amounts(1, p.gross, p.vat, p.card_fee, p.net)
        if p.reverses_payment_id is None:
            sales += one
        else:
            refunds += one
    counts: dict[str, SessionCounts] = {}
    field = {"completed": "completed", "no_show": "no_show", "cancelled": "cancelled",
             "scheduled": "scheduled"}
    for t in w.sessions:
        if not first <= t.starts_at.astimezone(SEOUL).date() <= last:
            continue
        if trainer is not None and t.trainer_id != trainer:
            continue
        name = names[t.trainer_id]
        now = counts.get(name, SessionCounts())
        counts[name] = SessionCounts(**{
            k: getattr(now, k) + (1 if field[t.status] == k else 0)
            for k in ("completed", "no_show", "cancelled", "scheduled")})
    return sales, refunds, counts


@pytest.mark.parametrize(("first", "last"), [
    (date(2025, 3, 14), date(2025, 3, 14)),
    (date(2025, 1, 1), date(2025, 12, 31)),
    (date(2025, 6, 1), date(2025, 6, 30)),
])
def test_day_close_matches_a_row_by_row_count(
    db: Database, clock: Clock, owner: Actor, senior: Actor, trainer: Actor,
    world: World, first: date, last: date,  # noqa: F811
) -> None:
    names = {a.staff_id: a.display_name for a in (owner, senior, trainer)}
    service = DayCloseService(db, now=clock)
    view = service.close(owner, first, last)
    sales, refunds, counts = _brute(world, first, last, None, names)
    assert view.whole_gym
    assert (view.close.sales_total, view.close.refunds_total) == (sales, refunds)
    assert view.close.sessions == counts
    mine = service.close(trainer, first, last)
    sales, refunds, counts = _brute(world, first, last, trainer.staff_id, names)
    assert not mine.whole_gym
    assert (mine.close.sales_total, mine.close.refunds_total) == (sales, refunds)
    assert mine.close.sessions == counts


def test_the_front_desk_closes_the_whole_gym(
    db: Database, clock: Clock, owner: Actor, assistant: Actor, world: World,  # noqa: F811
) -> None:
    service = DayCloseService(db, now=clock)
    day = (date(2025, 1, 1), date(2025, 12, 31))
    desk = service.close(assistant, *day)
    assert desk.whole_gym
    assert desk.close == service.close(owner, *day).close
    assert desk.closed_by == assistant.display_name


def test_bad_ranges_are_typed_errors(db: Database, clock: Clock, owner: Actor) -> None:
    service = DayCloseService(db, now=clock)
    with pytest.raises(ValidationError) as error:
        service.close(owner, date(2025, 2, 1), date(2025, 1, 1))
    assert error.value.field == "last"
    with pytest.raises(ValidationError):
        service.close(owner, date(2024, 1, 1), date(2025, 12, 31))
    forged = Actor(uuid.uuid4(), owner.role, "x", "x")
    with pytest.raises(PermissionDenied):
        service.close(forged, date(2025, 1, 1), date(2025, 1, 1))
