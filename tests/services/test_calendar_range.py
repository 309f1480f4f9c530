"""The calendar's light listing shows what the full listing shows, on random bookings."""

from __future__ import annotations

import random
from datetime import date, timedelta

from services_training import Clock, add_client, seoul

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.services.sessions import SessionService
from the5hc_desktop.store.database import Database


def test_calendar_range_matches_list_range_on_random_bookings(
    db: Database, clock: Clock, owner: Actor, trainer: Actor
) -> None:
    packages, sessions = PackageService(db, now=clock), SessionService(db, now=clock)
    rng = random.Random(7)
    members = [add_client(db, clock, owner, f"회원{n}", f"010-0000-{1000 + n}")
               for n in range(6)]
    sold = {member: packages.sell(owner, member, 2_000_000, 50_000, "card").id
            for member in members}
    coaches = [owner.staff_id, trainer.staff_id]
    booked = []
    for _ in range(60):
        member, coach = rng.choice(members), rng.choice(coaches)
        start = seoul(2025, 6, 16 + rng.randrange(10), rng.randrange(6, 22), rng.choice((0, 30)))
        try:
            booked.append(sessions.book(owner, member, sold[member], coach, start,
                                        rng.choice((30, 60, 90))))
        except ValidationError:
            continue  # an overlap: refused, as the desk would be
    for view in booked[::4]:
        rng.choice((sessions.complete, sessions.cancel, sessions.no_show))(owner, view.id)
    assert len(booked) > 20
    for first, days, coach in ((date(2025, 6, 16), 7, None), (date(2025, 6, 23), 7, None),
                               (date(2025, 6, 16), 14, trainer.staff_id),
                               (date(2025, 6, 20), 1, None)):
        end = first + timedelta(days=days)
        full = sessions.list_range(owner, first, end, coach)
        light = sessions.calendar_range(owner, first, end, coach)
        assert [(v.id, v.client_id, v.client_name, v.trainer_id, v.trainer_name, v.starts_at,
                 v.ends_at, v.duration_min, v.status) for v in full] == [
            (e.id, e.client_id, e.client_name, e.trainer_id, e.trainer_name, e.starts_at,
             e.ends_at, e.duration_min, e.status) for e in light]
