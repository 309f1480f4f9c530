"""Device-side sync bugs found by the fault and long-offline tests, kept as regressions."""

from __future__ import annotations

from datetime import date

import pytest
from sync_cluster import enrol, open_desk

from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.store.models import SyncConflict

pytestmark = pytest.mark.postgres


def test_a_desk_set_up_while_running_edits_downloaded_rows_without_false_conflicts(
        server, sync_template, tmp_path) -> None:
    """A desk that only downloaded (never pushed) in this run must still send the base
    clock of a row it edits; without it the server logged every such edit as a conflict."""
    gym = server.new_gym()
    front = open_desk("front", sync_template, tmp_path, enrol(server, gym, "front"))
    laptop = open_desk("laptop", sync_template, tmp_path, enrol(server, gym, "laptop"))
    try:
        front.services.accounts.create_gym_and_owner("싱크 센터", "김대표", "owner",
                                                     "owner-pass-1")
        client = front.services.clients.create(front.owner(), ClientDraft(
            name="김민수", gender="female", birth_date=date(1990, 1, 1))).client
        front.sync()
        assert laptop.sync().pushed == 0  # download only: nothing acknowledged yet
        laptop.services.clients.update(laptop.owner(), client.id, ClientDraft(
            name="김민수", gender="female", birth_date=date(1990, 1, 1), notes="무릎 주의"))
        assert laptop.sync().conflicts == 0
        front.sync()
        for desk in (front, laptop):
            with desk.db.read() as s:
                assert s.query(SyncConflict).count() == 0, desk.name
        assert front.services.clients.view(front.owner(), client.id).notes == "무릎 주의"
    finally:
        front.close()
        laptop.close()
