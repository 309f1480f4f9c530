"""The dashboard read ahead: its figures and lists, read while the password is verified.

Signing in spends ~0.15 s in argon2 on the data lane, with the interpreter free; the
dashboard's reads take about as long. Started when 로그인 is pressed, whoever is signing in
(the same work for any name typed, so its timing tells nothing), they overlap the
verification on the slow-read lane and the window's first paint shows the figures.

Nothing read here reaches the screen before the password is verified: the flow hands the
read to the dashboard only after a successful sign-in and `discard()`s it on a refusal.
`serve(actor, …)` gives the actor exactly what `metrics(actor)` and `lists(actor)` would
read (services: `figures_for`, `lists_for`), or nothing for an actor the gym-wide read
cannot serve (a trainer sees only their own members' revenue), whose pane then loads as
before. A committed write to a table the figures come from makes the read stale (not
served), as does `discard()`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.services import Services, changes
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.dashboard import DashboardMetrics, GymFigures, figures_for
from the5hc_desktop.services.dashboard_lists import DashboardLists, ListsAhead, lists_for
from the5hc_desktop.ui import worker

log = logging.getLogger("the5hc.ui.dashboard")

# What the figures and lists are read from. Not staff_accounts: signing in writes its own
# row (attempts, last sign-in), and a name changed in those moments shows at the next reload.
READ_FROM = frozenset({changes.CLIENTS, changes.ASSESSMENTS, changes.PACKAGES,
                       changes.SESSIONS, changes.CREDIT_LEDGER, changes.PAYMENTS,
                       changes.SETTINGS})


@dataclass(frozen=True)
class Served:
    """The signed-in actor's share of the read: what the pane shows."""

    metrics: DashboardMetrics
    as_of: datetime
    lists: DashboardLists


@dataclass(frozen=True)
class _Read:
    figures: GymFigures
    lists: ListsAhead


def _read(services: Services) -> _Read:
    """Worker (slow-read lane): both reads, as a reader of the whole gym."""
    return _Read(services.dashboard.read_ahead(), services.dashboard_lists.read_ahead())


Receiver = Callable[[Served | None], object]


class DashboardAhead(QObject):
    """One read ahead (see the module docstring). GUI thread, except `_changed`."""

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read: _Read | None = None
        self._pending = True
        self._usable = True
        self._stale = threading.Event()  # set from the thread that committed a write
        self._waiting: tuple[Actor, Receiver] | None = None
        self._unsubscribe = services.changes.subscribe(self._changed)
        self._handle = worker.run(lambda _ctx: _read(services), self._arrived,
                                  on_failure=self._failed, lane=worker.Lane.SLOW_READ)

    def _changed(self, seen: changes.Changes) -> None:
        if seen.touches(*READ_FROM):
            self._stale.set()

    def _arrived(self, read: _Read) -> None:
        self._pending = False
        if self._usable:
            self._read = read
        self._answer()

    def _failed(self, error: The5HCError) -> None:
        log.info("dashboard read ahead failed (the pane reads again): %s", error.message_en)
        self._pending = False
        self._read = None
        self._answer()

    def discard(self) -> None:
        """Drop the read (a refused password, or no longer needed): it is never served."""
        self._usable = False
        self._read = None
        self._handle.cancel()
        self._unsubscribe()
        self._answer()

    def is_discarded(self) -> bool:
        """Dropped (refused, served, or no longer needed): it will never serve figures."""
        return not self._usable

    def serve(self, actor: Actor, receive: Receiver) -> None:
        """Hand `actor`'s share to `receive` once the read is in (now, if it is), or None
        when there is none to give; the pane then reads as usual. Once per read."""
        self._waiting = (actor, receive)
        if not self._pending or not self._usable:
            self._answer()

    def _answer(self) -> None:
        if self._waiting is None:
            return
        if self._pending and self._usable:
            return  # still reading: answered when it arrives
        (actor, receive), self._waiting = self._waiting, None
        served = self._share(actor)
        self.discard()  # served once, then dropped (and no longer listening for writes)
        receive(served)

    def _share(self, actor: Actor) -> Served | None:
        read = self._read
        if read is None or not self._usable or self._stale.is_set():
            return None
        try:
            metrics = figures_for(read.figures, actor)
            lists = lists_for(read.lists, actor)
        except The5HCError:
            return None  # not allowed to see them: the pane's own read says so
        if metrics is None:
            return None
        return Served(metrics, read.figures.as_of, lists)
