"""The dashboard's upcoming bookings (next 7 days) and recently registered members."""

from __future__ import annotations

import random
from datetime import UTC, timedelta

from services_training import SEOUL, Clock, add_client, seoul

from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.dashboard_lists import UPCOMING_LIMIT, DashboardListsService
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.services.sessions import SessionService, session_rows
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import TrainingSession


def test_next_seven_days_scheduled_only_and_newest_members_first(
        db: Database, clock: Clock, owner: Actor, trainer: Actor) -> None:
    # The clock: Sunday 2025-06-15 10:00 in Seoul.
    names = ["김민수", "이영희", "박지성"]
    ids = [add_client(db, clock, owner, n, trainer_id=trainer.staff_id) for n in names]
    package = PackageService(db, now=clock).sell(owner, ids[0], 1_000_000, 50_000, "card")
    sessions = SessionService(db, now=clock)
    book = [seoul(2025, 6, 15, 11), seoul(2025, 6, 18, 9), seoul(2025, 6, 22, 8, 30),
            seoul(2025, 6, 22, 10)]
    booked = {when: sessions.book(owner, ids[0], package.id, trainer.staff_id, when).id
              for when in book}
    sessions.cancel(owner, booked[seoul(2025, 6, 18, 9)])
    lists = DashboardListsService(db, now=clock).lists(owner)
    # Cancelled and beyond 7 days (06-22 10:00) left out; soonest first.
    assert [v.starts_at for v in lists.upcoming] == [seoul(2025, 6, 15, 11),
                                                     seoul(2025, 6, 22, 8, 30)]
    assert [m.name for m in lists.recent_members] == list(reversed(names))
    assert {m.trainer_name for m in lists.recent_members} == {trainer.display_name}
    assert DashboardListsService(db, now=clock).lists(owner, members=2).recent_members[
        -1].name == "이영희"


def test_more_bookings_than_the_limit_give_the_plain_first_ones(
        db: Database, clock: Clock, owner: Actor, trainer: Actor) -> None:
    """Past the limit the list is read up to the 200th start only: the same rows as reading
    every booking of the week and taking the first 200, ties at the cut included."""
    client = add_client(db, clock, owner, "김민수", trainer_id=trainer.staff_id)
    package = PackageService(db, now=clock).sell(owner, client, 1_000_000, 50_000, "card")
    rng = random.Random(5)
    rows = []
    with db.write() as s:
        for _ in range(UPCOMING_LIMIT + 160):
            when = seoul(2025, 6, 15, 11) + timedelta(minutes=30 * rng.randrange(0, 40))
            rows.append(TrainingSession(
                client_id=client, package_id=package.id, trainer_id=trainer.staff_id,
                starts_at=when.astimezone(UTC),
                status=rng.choice(["scheduled", "scheduled", "cancelled"])))
        s.add_all(rows)
    now = clock()
    with db.read() as s:
        plain = session_rows(s, [TrainingSession.starts_at >= now,
                                 TrainingSession.starts_at < now + timedelta(days=7),
                                 TrainingSession.status == "scheduled"], SEOUL)
    assert len(plain) > UPCOMING_LIMIT
    served = DashboardListsService(db, now=clock).lists(owner).upcoming
    assert [v.id for v in served] == [v.id for v in plain[:UPCOMING_LIMIT]]
