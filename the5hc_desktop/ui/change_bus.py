"""The change bus on the GUI side: the services' `Changes` as one Qt signal, coalesced.

    bus = ChangeBus(services.changes, lane_worker)
    bus.changed.connect(lambda notice: ...)        # DataChanged, on the GUI thread
    follow_changes(bus, window.panes)              # what the composition root does

Services publish on the thread that wrote (a worker lane; later also sync's network lane).
Changes published inside a task are held until the worker has run that task's callbacks
(`Worker.task_delivered`), so the pane that asked for the write has updated itself and set
its selection first; changes published anywhere else (a sync pull) wake the bus at once.
Everything that arrives before the bus gets to run is merged into one `DataChanged`, so
one user action refreshes each pane at most once.

A pane takes part by naming the entity kinds it shows (`watches`, see ui/pane.py). While it
is on screen, a change to one of them calls its `refresh()` (which keeps selection and
scroll position); a hidden pane is refreshed when it is shown anyway. The pane whose own
task made the change is skipped: it already reloaded with its own follow-up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from the5hc_desktop.services.changes import ChangePublisher, Changes
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.pane import Pane


@dataclass(frozen=True)
class DataChanged:
    """One coalesced notice: what changed, and which widgets' tasks changed it.

    `origins` holds the `parent` of each task that published (None for a change from
    outside any task, e.g. sync, or from a task without a parent).
    """

    changes: Changes
    origins: tuple[QObject | None, ...]

    def only_from(self, widget: QObject) -> bool:
        """Whether every part of this change came from tasks of `widget` or its children."""
        return bool(self.origins) and all(
            origin is not None and _within(origin, widget) for origin in self.origins)


def _within(obj: QObject, ancestor: QObject) -> bool:
    current: QObject | None = obj
    while current is not None:
        if current is ancestor:
            return True
        current = current.parent() if shiboken6.isValid(current) else None
    return False


class ChangeBus(QObject):
    """Bridges a `ChangePublisher` into `changed(DataChanged)` on the GUI thread."""

    changed = Signal(object)  # DataChanged
    _wake = Signal()

    def __init__(
        self,
        publisher: ChangePublisher | None,
        lanes: worker.Worker,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._held: dict[int, tuple[set[str], QObject | None]] = {}  # task id -> changes
        self._ready: set[str] = set()
        self._origins: list[QObject | None] = []
        self._timer = QTimer(self)
        self._timer.setObjectName("changeBusTimer")
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # the next turn of the event loop: merges what arrived
        self._timer.timeout.connect(self._flush)
        self._wake.connect(self._timer.start)
        self._lanes = lanes
        lanes.task_delivered.connect(self._task_delivered)
        self._unsubscribe: Callable[[], None] | None = (
            publisher.subscribe(self.publish) if publisher is not None else None)

    def publish(self, changes: Changes) -> None:
        """Called on any thread (the services' subscriber)."""
        if not changes:
            return
        task = worker.running_task()
        with self._lock:
            if task is not None:
                kinds, _origin = self._held.setdefault(task.id, (set(), task.parent))
                kinds.update(changes.entities)
                return
            self._ready.update(changes.entities)
            self._origins.append(None)
        self._wake.emit()

    def _task_delivered(self, task_id: int) -> None:
        with self._lock:
            held = self._held.pop(task_id, None)
            if held is None:
                return
            kinds, origin = held
            self._ready.update(kinds)
            self._origins.append(origin)
        self._timer.start()

    def _flush(self) -> None:
        with self._lock:
            kinds, self._ready = self._ready, set()
            origins, self._origins = tuple(self._origins), []
        if kinds:
            self.changed.emit(DataChanged(Changes(frozenset(kinds)), origins))

    def close(self) -> None:
        """Stop listening (sign-out, the database closed)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if not shiboken6.isValid(self):
            return
        if shiboken6.isValid(self._lanes):
            self._lanes.task_delivered.disconnect(self._task_delivered)
        self._timer.stop()


def watches_of(pane: Pane) -> frozenset[str]:
    """The entity kinds a pane shows (its optional `watches`)."""
    return frozenset(getattr(pane, "watches", ()))


def refresh_on_changes(
    notice: DataChanged, panes: Iterable[Pane]
) -> list[Pane]:
    """Refresh every pane on screen that shows a changed kind (the writer excepted)."""
    refreshed: list[Pane] = []
    for pane in panes:
        watched = watches_of(pane)
        if not watched or not notice.changes.touches(*watched):
            continue
        widget = pane.widget
        if not widget.isVisible() or notice.only_from(widget):
            continue
        refresh = getattr(pane, "refresh", None)
        if callable(refresh):
            refresh()
            refreshed.append(pane)
    return refreshed


def follow_changes(bus: ChangeBus, panes: Callable[[], Iterable[Pane]]) -> None:
    """Connect the bus to the panes (`panes` is asked each time: panes join late)."""
    bus.changed.connect(lambda notice: refresh_on_changes(notice, panes()))
