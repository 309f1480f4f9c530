"""SYNC.md promise 4: a laptop 90 days offline syncs normally, with no reset and no loss.

The server refuses clocks ahead of it, so the whole gym starts 91 days in the past: both
desks' clocks are set back and walk forward to today while the laptop works offline and the
front desk keeps working and syncing. Back online, the laptop pushes exactly what it queued,
pulls only what it missed (its cursor is not reset), and both desks converge.
"""

from __future__ import annotations

from datetime import date

import pytest
from sync_cluster import Desk, enrol, later, open_desk

from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.store.clock import clock_file
from the5hc_desktop.store.models import SyncConflict
from the5hc_desktop.sync.local import CURSOR

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

DAY_MS = 86_400_000


def start_in_the_past(desk: Desk, days: int) -> None:
    """A new desk whose clock has never ticked runs `days` behind (no row carries a later one)."""
    assert desk.services.sync.status().pending == 0
    desk.skew(-days * DAY_MS)
    clock = desk.db.clock
    clock_file(desk.db.path).unlink(missing_ok=True)
    clock._wall, clock._counter, clock._lease = 0, -1, 0  # type: ignore[attr-defined]


def on_day(desk: Desk, days_ago: float) -> None:
    desk.skew(-int(days_ago * DAY_MS))


def note(desk: Desk, client_id, text: str) -> None:
    view = desk.services.clients.view(desk.owner(), client_id)
    desk.services.clients.update(desk.owner(), client_id, ClientDraft(
        name=view.name, gender=view.gender, birth_date=view.birth_date, notes=text))


def cursor(desk: Desk) -> int:
    replica = desk.engine().replica
    try:
        return int(replica.state(CURSOR, 0))
    finally:
        replica.close()


def test_a_laptop_ninety_days_offline_syncs_without_reset_or_loss(
        server, sync_template, tmp_path) -> None:
    gym = server.new_gym()
    front = open_desk("front", sync_template, tmp_path, enrol(server, gym, "front"))
    laptop = open_desk("laptop", sync_template, tmp_path, enrol(server, gym, "laptop"))
    try:
        start_in_the_past(front, 91)
        start_in_the_past(laptop, 91)
        front.services.accounts.create_gym_and_owner("싱크 센터", "김대표", "owner",
                                                     "owner-pass-1")
        shared, front_only, laptop_only = (
            front.services.clients.create(front.owner(), ClientDraft(
                name=name, gender="female", birth_date=date(1990, 1, 1))).client.id
            for name in ("김공유", "이프런트", "박노트북"))
        package = front.services.packages.sell(front.owner(), shared, 1_000_000, 50_000, "card")
        front.sync()
        laptop.sync()
        laptop.faults.offline = True
        offline_at = cursor(laptop)

        made_offline = []
        for days_ago in range(90, 0, -10):
            on_day(laptop, days_ago)
            made_offline.append(laptop.services.clients.create(laptop.owner(), ClientDraft(
                name=f"오프라인{days_ago}", gender="male", birth_date=date(1988, 5, 5))).client.id)
            note(laptop, laptop_only, f"laptop day -{days_ago}")
            note(laptop, shared, f"laptop day -{days_ago}")
            booked = laptop.services.sessions.book(
                laptop.owner(), shared, package.id, laptop.owner().staff_id, later(60 * days_ago))
            laptop.services.sessions.complete(laptop.owner(), booked.id)
            assert laptop.sync_quietly() == "offline"

            on_day(front, days_ago - 0.5)  # half a day after the laptop's edits
            note(front, front_only, f"front day -{days_ago}")
            if days_ago == 50:
                note(front, shared, "front day -50")  # the laptop edits it later again
            assert front.sync().verified

        on_day(laptop, 0)
        on_day(front, 0)
        laptop.faults.offline = False
        queued = laptop.services.sync.status().pending
        back = laptop.sync()
        assert back.pushed == queued  # everything it did offline, once
        assert back.verified
        assert cursor(laptop) - offline_at >= back.pulled  # only what it missed: no reset
        assert back.pulled > 0

        for _ in range(2):
            for desk in (front, laptop):
                assert desk.sync().verified
        assert front.digest() == laptop.digest()
        assert front.ledger_ids() == laptop.ledger_ids()
        assert front.balances()[package.id] == 20 - 9
        for desk in (front, laptop):
            owner = desk.owner()
            view = desk.services.clients.view
            assert view(owner, laptop_only).notes == "laptop day -10"
            assert view(owner, front_only).notes == "front day -10"
            assert view(owner, shared).notes == "laptop day -10"  # the later clock wins
            for client_id in made_offline:
                assert view(owner, client_id).name.startswith("오프라인")
        with front.db.read() as s:
            found = s.query(SyncConflict).filter_by(row_id=shared).all()
            lost = [c.loser["data"]["notes"] for c in found]
        assert lost == ["front day -50"]  # the overwritten edit is kept in the conflict log
    finally:
        front.close()
        laptop.close()
