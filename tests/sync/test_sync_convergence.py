"""SYNC.md promises 1–3 under random work, faults and offline spells (hypothesis).

Three desks of one gym share a real server. Rules create, edit and delete members, sell
packages, book, complete, cancel, no-show and undo sessions, refund, take desks offline,
skew a desk's clock by up to four minutes, and sync with random batch sizes while the app
dies after a push was committed, dies before a pulled page was applied, or has a push
delivered twice. Afterwards every desk syncs twice and then all of them must hold the same
rows, the union of every ledger row ever written, and balances equal to Σ ledger.
"""

from __future__ import annotations

import contextlib
import random
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import select
from sync_cluster import Desk, enrol, later, open_desk

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.store.models import Client, SessionPackage, TrainingSession

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def live_ids(desk: Desk, model: type, **where: object) -> list[uuid.UUID]:
    with desk.db.read() as s:
        query = select(model.id).where(model.deleted_at.is_(None))
        for column, value in where.items():
            query = query.where(getattr(model, column) == value)
        return list(s.scalars(query.order_by(model.id)))


class GymOfThreeDesks(RuleBasedStateMachine):
    """One gym, three desks; the server fixture is set on the class by the test below."""

    server: Any = None
    workdir: Path
    template: Path

    @initialize()
    def open_gym(self) -> None:
        self.rng = random.Random(0)
        self.folder = self.workdir / uuid.uuid4().hex[:8]
        self.folder.mkdir()
        gym = self.server.new_gym()
        self.desks = [
            open_desk(f"desk{i}", self.template, self.folder, enrol(self.server, gym, f"desk{i}"))
            for i in range(3)
        ]
        first = self.desks[0]
        first.services.accounts.create_gym_and_owner("싱크 센터", "김대표", "owner", "owner-pass-1")
        assert first.sync_quietly() == "synced"
        for desk in self.desks[1:]:
            assert desk.sync_quietly() == "synced"
        self.ledger_ever: set[uuid.UUID] = set()

    def teardown(self) -> None:
        for desk in getattr(self, "desks", []):
            desk.close()

    # --- work at a desk --------------------------------------------------------------

    @rule(d=st.integers(0, 2), name=st.sampled_from(["김민수", "이서연", "박지훈", "최유나"]))
    def register_member(self, d: int, name: str) -> None:
        desk = self.desks[d]
        desk.services.clients.create(desk.owner(), ClientDraft(
            name=name, gender="female", birth_date=date(1990, 1, 1)))

    @rule(d=st.integers(0, 2), pick=st.integers(0, 99), note=st.text("가나다ab", max_size=5))
    def edit_member(self, d: int, pick: int, note: str) -> None:
        desk = self.desks[d]
        ids = live_ids(desk, Client)
        if not ids:
            return
        client_id = ids[pick % len(ids)]
        view = desk.services.clients.view(desk.owner(), client_id)
        self._try(lambda: desk.services.clients.update(desk.owner(), client_id, ClientDraft(
            name=view.name, gender=view.gender, birth_date=view.birth_date, notes=note)))

    @rule(d=st.integers(0, 2), pick=st.integers(0, 99))
    def delete_member(self, d: int, pick: int) -> None:
        desk = self.desks[d]
        ids = live_ids(desk, Client)
        if ids:
            self._try(lambda: desk.services.clients.delete(desk.owner(), ids[pick % len(ids)]))

    @rule(d=st.integers(0, 2), pick=st.integers(0, 99), sessions=st.integers(1, 3))
    def sell_package(self, d: int, pick: int, sessions: int) -> None:
        desk = self.desks[d]
        ids = live_ids(desk, Client)
        if ids:
            self._try(lambda: desk.services.packages.sell(
                desk.owner(), ids[pick % len(ids)], 50_000 * sessions, 50_000, "card"))

    @rule(d=st.integers(0, 2), pick=st.integers(0, 99), hours=st.integers(1, 300))
    def book(self, d: int, pick: int, hours: int) -> None:
        desk = self.desks[d]
        packages = live_ids(desk, SessionPackage, active=True)
        if not packages:
            return
        package = desk.services.packages.get(desk.owner(), packages[pick % len(packages)])
        self._try(lambda: desk.services.sessions.book(
            desk.owner(), package.client_id, package.id, desk.owner().staff_id,
            later(60 * hours)))

    @rule(d=st.integers(0, 2), pick=st.integers(0, 99),
          action=st.sampled_from(["complete", "cancel", "no_show", "undo_completion"]))
    def move_session(self, d: int, pick: int, action: str) -> None:
        desk = self.desks[d]
        ids = live_ids(desk, TrainingSession)
        if ids:
            step = getattr(desk.services.sessions, action)
            self._try(lambda: step(desk.owner(), ids[pick % len(ids)]))

    @rule(d=st.integers(0, 2), pick=st.integers(0, 99))
    def refund(self, d: int, pick: int) -> None:
        desk = self.desks[d]
        packages = live_ids(desk, SessionPackage, active=True)
        if packages:
            self._try(lambda: desk.services.packages.refund(
                desk.owner(), packages[pick % len(packages)], "환불 요청"))

    # --- the field -------------------------------------------------------------------

    @rule(d=st.integers(0, 2), offline=st.booleans())
    def set_offline(self, d: int, offline: bool) -> None:
        self.desks[d].faults.offline = offline

    @rule(d=st.integers(0, 2), minutes=st.integers(-4, 4))
    def skew_clock(self, d: int, minutes: int) -> None:
        self.desks[d].skew(minutes * 60_000)

    @rule(d=st.integers(0, 2), fault=st.sampled_from(
        ["none", "crash_after_push", "crash_after_pull", "duplicate_push"]))
    def sync(self, d: int, fault: str) -> None:
        desk = self.desks[d]
        desk.faults.crash_after_push = fault == "crash_after_push"
        desk.faults.crash_after_pull = fault == "crash_after_pull"
        desk.faults.duplicate_push = fault == "duplicate_push"
        desk.sync_quietly(self.rng)
        desk.faults.crash_after_push = desk.faults.crash_after_pull = False
        desk.faults.duplicate_push = False

    @invariant()
    def remember_ledger(self) -> None:
        for desk in getattr(self, "desks", []):
            self.ledger_ever |= desk.ledger_ids()

    def _try(self, action: Callable[[], object]) -> None:
        # Refused by a rule (no credit left, wrong state): nothing was written.
        with contextlib.suppress(The5HCError):
            action()

    # --- promises --------------------------------------------------------------------

    def check_promises(self) -> None:
        for desk in self.desks:
            desk.faults = type(desk.faults)()
        for _ in range(2):
            for desk in self.desks:
                assert desk.sync().verified, desk.name  # counts and Σ ledger = the server's
        digests = {desk.digest() for desk in self.desks}
        assert len(digests) == 1, "desks hold different rows after two rounds each"
        for desk in self.desks:
            assert desk.ledger_ids() == self.ledger_ever, "a ledger row was lost or invented"
        balances = self.desks[0].balances()
        assert all(desk.balances() == balances for desk in self.desks)


@pytest.mark.parametrize("examples", [6])
def test_three_desks_converge(sync_server, sync_template, tmp_path, examples) -> None:
    class Run(GymOfThreeDesks):
        server = sync_server
        workdir = tmp_path
        template = sync_template

        def teardown(self) -> None:
            try:
                if hasattr(self, "desks"):
                    self.check_promises()
            finally:
                super().teardown()

    run = settings(max_examples=examples, stateful_step_count=25, deadline=None,
                   suppress_health_check=list(HealthCheck))(Run)
    run.TestCase().runTest()
