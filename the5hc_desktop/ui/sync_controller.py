"""When sync rounds run, and what the screens are told about them.

    controller = SyncController(services.sync, services.changes, ask_secret=...)
    controller.state_changed.connect(status_widget.show_state)
    controller.start()          # a round now, then every N seconds
    controller.sync_now()       # 지금 동기화 (menu, Ctrl+Shift+S)
    controller.stop()           # sign-out, quit

Rounds run on `Lane.NETWORK`, one at a time: a request while a round runs queues exactly
one more. They start at `start()`, every `interval_s`, a moment after a local write
(debounced, so typing a form does not cause a round per field), on 지금 동기화, and when the
server's NOTIFY says another desk pushed (`PushListener`, on its own thread). A pull
announces what it changed on the change bus; the panes refresh themselves from there.

The device secret comes from the keyring; without one the controller asks once per run
(`ask_secret`, with the reason) and keeps the answer in memory only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.services.changes import ChangePublisher, Changes
from the5hc_desktop.services.sync_service import SyncService, SyncStatus
from the5hc_desktop.sync.engine import RoundResult
from the5hc_desktop.sync.errors import SyncError
from the5hc_desktop.sync.link import ServerAddress
from the5hc_desktop.sync.listen import PushListener
from the5hc_desktop.ui import worker

log = logging.getLogger("the5hc.ui.sync")

DEFAULT_INTERVAL_S = 60
INTERVAL_KEY = "sync/interval_seconds"  # per machine (QSettings), not per gym
DEBOUNCE_MS = 300  # one person's burst of writes (a form, its audit row) is one round


def interval_setting(settings: QSettings | None = None) -> int:
    value = (settings or QSettings()).value(INTERVAL_KEY, DEFAULT_INTERVAL_S)
    try:
        return max(10, int(str(value)))
    except ValueError:
        return DEFAULT_INTERVAL_S


class SyncPhase(StrEnum):
    OFF = "off"  # not set up: nothing is shown
    OFFLINE = "offline"  # a normal state: the work goes on locally
    SYNCING = "syncing"
    SYNCED = "synced"
    ERROR = "error"


@dataclass(frozen=True)
class SyncDisplay:
    """What the status bar shows."""

    phase: SyncPhase
    pending: int = 0
    last_synced: datetime | None = None  # aware, of the last successful round
    error: SyncError | None = None
    conflicts: int = 0  # in the conflict log


@dataclass(frozen=True)
class _Outcome:
    result: RoundResult | None
    status: SyncStatus
    address: ServerAddress | None
    error: SyncError | None = None
    secret: str | None = None  # what the round used, for the listener


class SyncController(QObject):
    state_changed = Signal(object)  # SyncDisplay
    round_finished = Signal(object)  # RoundResult
    new_conflicts = Signal(int)
    _pushed = Signal(int)  # from the listener thread
    _wrote = Signal()  # from whichever thread wrote

    def __init__(
        self,
        service: SyncService,
        changes: ChangePublisher | None = None,
        *,
        ask_secret: Callable[[], str | None] | None = None,
        interval_s: int | None = None,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncController")
        self._service = service
        self._ask_secret = ask_secret
        self._secret: str | None = None  # asked this run (no keyring); never written
        self._asked = False
        self._running: worker.TaskHandle | None = None
        self._again = False
        self._round_thread: int | None = None
        self._listener: PushListener | None = None
        self._listening_on: tuple[ServerAddress, str] | None = None
        self._stopped = True
        self.display = SyncDisplay(SyncPhase.OFF)
        self.rounds = 0  # finished rounds (tests wait on it)

        self._timer = QTimer(self)
        self._timer.setObjectName("syncRoundTimer")
        self._timer.setInterval(1000 * (interval_s or interval_setting()))
        self._timer.timeout.connect(lambda: self.request_round("timer"))
        self._debounce = QTimer(self)
        self._debounce.setObjectName("syncDebounceTimer")
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(lambda: self.request_round("local write"))
        self._pushed.connect(lambda _seq: self.request_round("notify"))
        self._wrote.connect(self._local_write)
        self._unsubscribe = changes.subscribe(self._on_changes) if changes else None

    # --- life cycle ----------------------------------------------------------------------
    def start(self) -> None:
        """A round now (if sync is set up), then one every interval."""
        self._stopped = False
        self._timer.start()
        self.request_round("start")

    def stop(self) -> None:
        """No more rounds; the listener ends. Safe to call twice."""
        self._stopped = True
        self._timer.stop()
        self._debounce.stop()
        if self._running is not None:
            self._running.cancel()
        self._stop_listener()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def set_interval(self, seconds: int) -> None:
        self._timer.setInterval(1000 * max(10, seconds))

    def remember_secret(self, secret: str) -> None:
        """A secret typed in this run (no keyring here): used until the app ends."""
        self._secret = secret

    def disconnected(self) -> None:
        """연결 해제 happened: no listener, nothing shown."""
        self._stop_listener()
        self._secret = None
        self._publish(SyncDisplay(SyncPhase.OFF))

    # --- requests ------------------------------------------------------------------------
    def sync_now(self) -> None:
        self.request_round("sync now")

    def request_round(self, reason: str) -> None:
        if self._stopped:
            return
        if self._running is not None:
            self._again = True  # one more after this one: it may have missed the change
            return
        log.debug("sync round: %s", reason)
        secret = self._secret
        self._running = worker.run(
            lambda ctx: self._round(secret, ctx),
            self._finished,
            on_failure=self._failed,
            on_done=self._done,
            lane=worker.Lane.NETWORK,
        )
        if self.display.phase is not SyncPhase.OFF:
            self._publish(SyncDisplay(SyncPhase.SYNCING, self.display.pending,
                                      self.display.last_synced, None, self.display.conflicts))

    def _on_changes(self, changes: Changes) -> None:
        """Any thread: a committed write. Our own pulls are not local writes."""
        if threading.get_ident() != self._round_thread:
            self._wrote.emit()

    def _local_write(self) -> None:
        if not self._stopped and self.display.phase is not SyncPhase.OFF:
            self._debounce.start()

    # --- the round (network lane) ------------------------------------------------------------
    def _round(self, secret: str | None, ctx: worker.TaskContext) -> _Outcome:
        self._round_thread = threading.get_ident()
        try:
            status = self._service.status()
            if not status.configured:
                return _Outcome(None, status, None)
            address = self._service.address()
            secret = secret or self._service.stored_secret()
            try:
                result = self._service.run_round(secret, cancelled=ctx.cancelled)
            except SyncError as error:
                return _Outcome(None, self._service.status(), address, error)
            return _Outcome(result, self._service.status(), address, None, secret)
        finally:
            self._round_thread = None

    # --- results (GUI thread) ----------------------------------------------------------------
    def _finished(self, outcome: _Outcome) -> None:
        self.rounds += 1
        status = outcome.status
        if not status.configured:
            self._publish(SyncDisplay(SyncPhase.OFF))
            return
        last = _last_synced(status.last_round)
        error = outcome.error
        if error is not None:
            if error.kind == "cancelled":
                return
            if error.kind == "secret" and self._ask_for_secret():
                self._again = True
                return
            if error.kind == "auth" and self._secret is not None:
                self._secret, self._asked = None, False  # typed wrong: ask again next round
            phase = SyncPhase.OFFLINE if error.kind == "offline" else SyncPhase.ERROR
            self._publish(SyncDisplay(phase, status.pending, last,
                                      error if phase is SyncPhase.ERROR else None,
                                      status.conflicts))
            return
        result = outcome.result
        assert result is not None
        self._publish(SyncDisplay(SyncPhase.SYNCED, status.pending, last, None,
                                  status.conflicts))
        if outcome.address is not None and status.channel:
            self._ensure_listener(outcome.address, status.channel, outcome.secret)
        self.round_finished.emit(result)
        if result.conflicts:
            self.new_conflicts.emit(result.conflicts)

    def _failed(self, error: The5HCError) -> None:
        """Not a SyncError: a local problem (the file), shown like any other."""
        self.rounds += 1
        wrapped = SyncError("local", error.message_ko, error.message_en, retry=True)
        self._publish(SyncDisplay(SyncPhase.ERROR, self.display.pending,
                                  self.display.last_synced, wrapped, self.display.conflicts))

    def _done(self) -> None:
        self._running = None
        if self._again and not self._stopped:
            self._again = False
            self.request_round("queued")

    def _ask_for_secret(self) -> bool:
        """Once per run: the secret, typed by a person. True when one was given."""
        if self._asked or self._ask_secret is None:
            return False
        self._asked = True
        secret = self._ask_secret()
        if not secret:
            return False
        self._secret = secret
        return True

    # --- live updates --------------------------------------------------------------------
    def _ensure_listener(self, address: ServerAddress, channel: str, secret: str | None) -> None:
        if secret is None:
            return
        key = (address, channel)  # a changed server address means a new listener
        if self._listener is not None and self._listening_on == key:
            return
        self._stop_listener()
        listener = PushListener(address, secret, channel, self._pushed.emit)
        listener.start()
        self._listener, self._listening_on = listener, key

    def _stop_listener(self) -> None:
        listener, self._listener, self._listening_on = self._listener, None, None
        if listener is not None:
            listener.stop(timeout=0)  # it ends on its own within a second; the GUI never waits

    @property
    def listener(self) -> PushListener | None:
        return self._listener

    def _publish(self, display: SyncDisplay) -> None:
        self.display = display
        self.state_changed.emit(display)


def _last_synced(last_round: dict[str, Any] | None) -> datetime | None:
    if not last_round or not last_round.get("at"):
        return None
    try:
        return datetime.fromisoformat(str(last_round["at"]))
    except ValueError:
        return None
