"""The one way to run work off the GUI thread.

    handle = worker.run(op, on_success, on_failure=None, progress_label=None,
                        cancellable=True, parent=None, on_done=None, lane=Lane.DATA)

`op(ctx)` runs on one of three lanes, each a single thread taking its tasks strictly in
submission order:
- `Lane.DATA` (the default): every write and the quick reads of the front desk. One lane,
  so SQLite writes never interleave and a read submitted after a write sees it.
- `Lane.SLOW_READ`: long read-only aggregates (dashboard, report batches), so a minute of
  arithmetic never sits in front of a front-desk click.
- `Lane.NETWORK`: sync rounds and other talk with the server.
An op may call `ctx.report(done, total, text)` and should poll `ctx.cancelled()` (or
`ctx.raise_if_cancelled()`) in long loops. It must never touch a widget.

Results come back on the GUI thread by signal:
- a return value goes to `on_success(result)`;
- a typed error (`The5HCError`) goes to `on_failure(error)`, or to the message bridge;
- `TaskCancelled` (or a cancel before the op started) calls neither;
- anything else is a bug and goes to the crash handler.
`on_done()`, if given, runs after any outcome (re-enable a Save button), even a crash.
When `parent` has been deleted by the time the result arrives, the callbacks are skipped.

The user sees nothing for quick work: a busy cursor after ~300 ms, and after ~600 ms a
progress dialog with Cancel. Work on the other lanes is quiet (no cursor, no dialog: the
pane shows its own "Loading…") unless it has a `progress_label`, as a report batch does.
The composition root installs one `Worker` with `install()`; panes call the module-level
`run()`. `task_delivered` tells the change bus when a task's callbacks have run.
"""

from __future__ import annotations

import functools
import itertools
import logging
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.ui.messages import MessageBridge

log = logging.getLogger("the5hc.ui.worker")

T = TypeVar("T")
CrashHook = Callable[[BaseException], None]

BUSY_CURSOR_MS = 300
PROGRESS_DIALOG_MS = 600
_REPORT_INTERVAL_S = 0.05  # progress signals at most every 50 ms: a tight loop must not flood


class Lane(Enum):
    """Where a task runs; see the module docstring."""

    DATA = "data"
    SLOW_READ = "slow-read"
    NETWORK = "network"


class TaskCancelled(Exception):
    """Raised inside an op to stop early; neither callback runs."""


class TaskContext:
    """What an op may use from the worker thread: progress reports and the cancel flag."""

    def __init__(self, task_id: int, cancel: threading.Event, worker: Worker) -> None:
        self._id = task_id
        self._cancel = cancel
        self._worker = worker
        self._last_report = 0.0

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def raise_if_cancelled(self) -> None:
        if self._cancel.is_set():
            raise TaskCancelled

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        """`total` 0 means unknown (busy indicator). Throttled, except for the final step."""
        now = time.monotonic()
        if 0 < done < total and now - self._last_report < _REPORT_INTERVAL_S:
            return
        self._last_report = now
        self._worker.progressed.emit(self._id, done, total, text)


class TaskHandle:
    """The caller's grip on a submitted task."""

    def __init__(self, task_id: int, cancel: threading.Event) -> None:
        self.id = task_id
        self._cancel = cancel
        self._done = False

    def cancel(self) -> None:
        """Ask the op to stop; it sees `ctx.cancelled()`. Not yet started: it never runs."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_done(self) -> bool:
        return self._done


@dataclass(eq=False)
class _Task:
    id: int
    op: Callable[[TaskContext], Any]
    on_success: Callable[[Any], object]
    on_failure: Callable[[The5HCError], object] | None
    label: str | None
    cancellable: bool
    parent: QWidget | None
    on_done: Callable[[], object] | None
    handle: TaskHandle
    cancel: threading.Event = field(default_factory=threading.Event)
    lane: Lane = Lane.DATA
    quiet: bool = False  # no busy cursor, no progress dialog
    progress: tuple[int, int, str] = (0, 0, "")
    cancelled_by_user: bool = False


@dataclass(frozen=True)
class RunningTask:
    """What code running inside an op may learn about its task (see `running_task`)."""

    id: int
    lane: Lane
    parent: QWidget | None  # only to compare with: never touch it off the GUI thread


_local = threading.local()


def running_task() -> RunningTask | None:
    """The task whose op runs on this thread right now, or None outside any op."""
    task: RunningTask | None = getattr(_local, "task", None)
    return task


def _default_crash_hook(error: BaseException) -> None:
    sys.excepthook(type(error), error, error.__traceback__)


class Worker(QObject):
    """The worker lanes with their busy cursor and progress dialog."""

    idle = Signal()
    progressed = Signal(int, int, int, str)  # task id, done, total, text
    task_delivered = Signal(int)  # task id: its callbacks ran (or were skipped)
    _started = Signal(int)
    _finished = Signal(int, object, object)  # task id, result, error

    def __init__(
        self,
        messages: MessageBridge,
        *,
        on_crash: CrashHook | None = None,
        busy_cursor_ms: int = BUSY_CURSOR_MS,
        dialog_ms: int = PROGRESS_DIALOG_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._messages = messages
        self._on_crash = on_crash or _default_crash_hook
        self._pools: dict[Lane, QThreadPool] = {}
        for lane in Lane:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)  # one thread per lane: its tasks stay in order
            pool.setExpiryTimeout(-1)  # keep the same thread for the whole run
            self._pools[lane] = pool
        self._ids = itertools.count(1)
        self._tasks: dict[int, _Task] = {}  # submitted, not yet delivered; insertion = order
        self._running: dict[Lane, int] = {}
        self._closed = False
        self._cursor_set = False
        self._dialog: QProgressDialog | None = None
        self._busy_timer = self._single_shot(busy_cursor_ms, self._show_busy_cursor)
        self._dialog_timer = self._single_shot(dialog_ms, self._show_dialog)
        self._started.connect(self._on_started)
        self._finished.connect(self._on_finished)
        self.progressed.connect(self._on_progress)

    def _single_shot(self, interval_ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        return timer

    # --- submitting -------------------------------------------------------------------
    def run(
        self,
        op: Callable[[TaskContext], T],
        on_success: Callable[[T], object],
        on_failure: Callable[[The5HCError], object] | None = None,
        progress_label: str | None = None,
        cancellable: bool = True,
        parent: QWidget | None = None,
        on_done: Callable[[], object] | None = None,
        lane: Lane = Lane.DATA,
    ) -> TaskHandle:
        if self._closed:
            raise RuntimeError("the worker has been shut down")
        task_id = next(self._ids)
        cancel = threading.Event()
        quiet = lane is not Lane.DATA and progress_label is None
        task = _Task(
            task_id,
            op,
            on_success,
            on_failure,
            progress_label,
            cancellable,
            parent,
            on_done,
            TaskHandle(task_id, cancel),
            cancel,
            lane,
            quiet,
        )
        was_busy = self._is_busy()
        self._tasks[task_id] = task
        if not was_busy and not quiet:
            self._busy_timer.start()
            self._dialog_timer.start()
        self._pools[lane].start(functools.partial(self._execute, task))
        return task.handle

    def pending_count(self, lane: Lane | None = None) -> int:
        """Tasks submitted (on `lane`, or any) whose callbacks have not run yet."""
        return sum(1 for t in self._tasks.values() if lane is None or t.lane is lane)

    def is_idle(self) -> bool:
        return not self._tasks

    def _is_busy(self) -> bool:
        """Whether a task the user waits for (not quiet) is pending."""
        return any(not t.quiet for t in self._tasks.values())

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        return self._dialog

    # --- the lane (worker thread) ------------------------------------------------------
    def _execute(self, task: _Task) -> None:
        if task.cancel.is_set():
            self._finished.emit(task.id, None, TaskCancelled())
            return
        self._started.emit(task.id)
        _local.task = RunningTask(task.id, task.lane, task.parent)
        try:
            result = task.op(TaskContext(task.id, task.cancel, self))
        except Exception as error:  # noqa: BLE001 - delivered to the GUI thread, which routes and logs it
            _local.task = None
            self._finished.emit(task.id, None, error)
        else:
            _local.task = None
            self._finished.emit(task.id, result, None)

    # --- back on the GUI thread --------------------------------------------------------
    def _on_started(self, task_id: int) -> None:
        task = self._tasks.get(task_id)
        if task is not None:
            self._running[task.lane] = task_id
            self._refresh_dialog()

    def _on_progress(self, task_id: int, done: int, total: int, text: str) -> None:
        task = self._tasks.get(task_id)
        if task is not None:
            task.progress = (done, total, text)
            self._refresh_dialog()

    def _on_finished(self, task_id: int, result: object, error: object) -> None:
        task = self._tasks.pop(task_id, None)
        if task is None:  # dropped by shutdown()
            return
        task.handle._done = True
        if self._running.get(task.lane) == task_id:
            del self._running[task.lane]
        try:
            self._deliver(task, result, error)
        finally:
            if self._is_busy():
                self._refresh_dialog()
            else:
                self._end_busy()
            self.task_delivered.emit(task_id)
            if not self._tasks:
                self.idle.emit()

    def _deliver(self, task: _Task, result: object, error: object) -> None:
        if task.parent is not None and not shiboken6.isValid(task.parent):
            log.debug("task %d finished after its parent was deleted; result dropped", task.id)
            return
        try:
            if error is None:
                task.on_success(result)
            elif isinstance(error, TaskCancelled):
                task.cancel.set()
                if task.cancelled_by_user:
                    self._messages.info(self.tr("Cancelled."))
            elif isinstance(error, The5HCError):
                if task.on_failure is not None:
                    task.on_failure(error)
                else:
                    self._messages.show_error(error)
            else:
                assert isinstance(error, BaseException)
                self._on_crash(error)
        except Exception as bug:  # noqa: BLE001 - a failing callback is a bug: crash handler logs it
            self._on_crash(bug)
        if task.on_done is not None:
            try:
                task.on_done()
            except Exception as bug:  # noqa: BLE001 - as above
                self._on_crash(bug)

    # --- busy cursor and progress dialog -----------------------------------------------
    def _show_busy_cursor(self) -> None:
        if self._is_busy() and not self._cursor_set:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self._cursor_set = True

    def _shown_task(self) -> _Task | None:
        """The task the dialog speaks of: a running one the user waits for, else the first."""
        for task_id in self._running.values():
            task = self._tasks.get(task_id)
            if task is not None and not task.quiet:
                return task
        return next((t for t in self._tasks.values() if not t.quiet), None)

    def _show_dialog(self) -> None:
        task = self._shown_task()
        if task is None or self._live_dialog() is not None:
            return
        owner = task.parent if task.parent is not None and shiboken6.isValid(task.parent) else None
        window = owner.window() if owner is not None else QApplication.activeWindow()
        dialog = QProgressDialog(window)
        dialog.setObjectName("taskProgressDialog")
        dialog.setWindowTitle("The5HC")
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setWindowModality(
            Qt.WindowModality.WindowModal
            if window is not None
            else Qt.WindowModality.ApplicationModal
        )
        dialog.canceled.connect(self._cancel_shown_task)
        self._dialog = dialog
        self._refresh_dialog()
        dialog.show()

    def _live_dialog(self) -> QProgressDialog | None:
        """The progress dialog, unless the window it sat on was closed and took it along
        (a booking dialog that closes while the reloads it started still run)."""
        if self._dialog is not None and not shiboken6.isValid(self._dialog):
            self._dialog = None
        return self._dialog

    def _refresh_dialog(self) -> None:
        dialog, task = self._live_dialog(), self._shown_task()
        if dialog is None or task is None:
            return
        done, total, text = task.progress
        label = task.label or self.tr("Working…")
        if task.cancelled_by_user:
            label = self.tr("Cancelling…")
        elif text:
            label = f"{label}\n{text}"
        dialog.setLabelText(label)
        if task.cancellable and not task.cancelled_by_user:
            dialog.setCancelButtonText(self.tr("Cancel"))
        else:
            dialog.setCancelButton(None)  # no button: the task cannot be cancelled
        dialog.setRange(0, max(total, 0))
        if total > 0:
            dialog.setValue(min(done, total))

    def _cancel_shown_task(self) -> None:
        task = self._shown_task()
        if task is not None and task.cancellable:
            task.cancelled_by_user = True
            task.cancel.set()
            self._refresh_dialog()

    def _end_busy(self) -> None:
        self._busy_timer.stop()
        self._dialog_timer.stop()
        if self._cursor_set:
            QGuiApplication.restoreOverrideCursor()
            self._cursor_set = False
        if self._live_dialog() is not None:
            dialog, self._dialog = self._dialog, None
            assert dialog is not None
            dialog.canceled.disconnect(self._cancel_shown_task)
            dialog.reset()  # stops QProgressDialog's own force-show timer
            dialog.hide()
            dialog.deleteLater()

    # --- tests and shutdown ------------------------------------------------------------
    def wait_idle(self, timeout_ms: int = 10_000) -> bool:
        """Process events until every task's callbacks ran; False on timeout."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self._tasks:
            if time.monotonic() > deadline:
                return False
            for pool in self._pools.values():
                pool.waitForDone(2)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        return True

    def shutdown(self, timeout_ms: int = 5_000) -> bool:
        """Cancel everything, drop queued tasks, wait for the running ones. No callbacks run."""
        self._closed = True
        for task in self._tasks.values():
            task.cancel.set()
        for pool in self._pools.values():
            pool.clear()
        deadline = time.monotonic() + timeout_ms / 1000
        finished = all(
            pool.waitForDone(max(0, int((deadline - time.monotonic()) * 1000)))
            for pool in self._pools.values()
        )
        if not finished:
            log.warning("a worker task ignored cancellation at shutdown")
        self._tasks.clear()
        self._running.clear()
        self._end_busy()
        self.idle.emit()
        return finished


_installed: Worker | None = None


def install(worker: Worker | None) -> Worker | None:
    """Make `worker` the one `run()` uses; returns the previous one."""
    global _installed
    previous, _installed = _installed, worker
    return previous


def current() -> Worker:
    if _installed is None:
        raise RuntimeError("no worker installed: the composition root calls worker.install()")
    return _installed


def run(
    op: Callable[[TaskContext], T],
    on_success: Callable[[T], object],
    on_failure: Callable[[The5HCError], object] | None = None,
    progress_label: str | None = None,
    cancellable: bool = True,
    parent: QWidget | None = None,
    on_done: Callable[[], object] | None = None,
    lane: Lane = Lane.DATA,
) -> TaskHandle:
    """Run `op` on a lane of the installed worker (see the module docstring)."""
    return current().run(op, on_success, on_failure, progress_label, cancellable, parent,
                         on_done, lane)


def wait_idle(timeout_ms: int = 10_000) -> bool:
    return True if _installed is None else _installed.wait_idle(timeout_ms)


def shutdown(timeout_ms: int = 5_000) -> bool:
    return True if _installed is None else _installed.shutdown(timeout_ms)
