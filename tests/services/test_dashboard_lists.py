"""The dashboard's upcoming bookings (next 7 days) and recently registered members."""

from __future__ import annotations

from services_training import Clock, add_client, seoul

from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.dashboard_lists import DashboardListsService
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.services.sessions import SessionService
from the5hc_desktop.store.database import Database


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
