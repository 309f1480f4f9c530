"""The worker lane: callbacks, errors, cancel, progress UI and strict ordering."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from the5hc_desktop.domain.errors import ConflictError, The5HCError, ValidationError
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.messages import MessageBridge, MessageRecorder
from the5hc_desktop.ui.worker import TaskCancelled, TaskContext, Worker


def _wait_until_cancelled(ctx: TaskContext) -> None:
    pause = threading.Event()
    while not ctx.cancelled():
        pause.wait(0.002)
    ctx.raise_if_cancelled()


@pytest.fixture
def fast_worker(messages: MessageBridge, crashes: list[BaseException]) -> Iterator[Worker]:
    """A lane whose cursor and dialog come after 10/20 ms, installed in place of the default."""
    lane = Worker(messages, on_crash=crashes.append, busy_cursor_ms=10, dialog_ms=20)
    previous = worker.install(lane)
    yield lane
    lane.shutdown()
    worker.install(previous)
    lane.deleteLater()


def test_op_runs_off_the_gui_thread_and_the_result_comes_back_on_it(
    task_worker: Worker,
) -> None:
    threads: dict[str, threading.Thread] = {}
    results: list[int] = []

    def op(_ctx: TaskContext) -> int:
        threads["op"] = threading.current_thread()
        return 42

    def on_success(value: int) -> None:
        threads["callback"] = threading.current_thread()
        results.append(value)

    handle = worker.run(op, on_success)
    assert task_worker.wait_idle()
    assert results == [42]
    assert threads["op"] is not threading.main_thread()
    assert threads["callback"] is threading.main_thread()
    assert handle.is_done()
    assert not handle.is_cancelled()


def test_typed_error_goes_to_on_failure(task_worker: Worker, recorder: MessageRecorder) -> None:
    error = ConflictError("이미 완료된 세션입니다.", "The session is already completed.")
    failures: list[The5HCError] = []
    successes: list[object] = []

    def op(_ctx: TaskContext) -> None:
        raise error

    worker.run(op, successes.append, failures.append)
    assert task_worker.wait_idle()
    assert failures == [error]
    assert successes == []
    assert recorder.records == []


def test_typed_error_without_handler_goes_to_the_message_bridge(
    task_worker: Worker, recorder: MessageRecorder
) -> None:
    def op(_ctx: TaskContext) -> None:
        raise ValidationError("전화번호 형식이 올바르지 않습니다.", "Bad phone.", field="phone")

    worker.run(op, lambda _v: None)
    assert task_worker.wait_idle()
    assert recorder.records == [("error", "전화번호 형식이 올바르지 않습니다.")]


def test_unexpected_error_goes_to_the_crash_handler_not_on_failure(
    task_worker: Worker, crashes: list[BaseException]
) -> None:
    failures: list[The5HCError] = []

    def op(_ctx: TaskContext) -> None:
        raise KeyError("bug")

    worker.run(op, lambda _v: None, failures.append)
    assert task_worker.wait_idle()
    assert failures == []
    assert len(crashes) == 1
    assert isinstance(crashes[0], KeyError)
    assert crashes[0].__traceback__ is not None  # the worker-thread frames survive
    crashes.clear()


def test_a_failing_callback_is_a_crash_and_on_done_still_runs(
    task_worker: Worker, crashes: list[BaseException]
) -> None:
    done: list[str] = []

    def on_success(_value: object) -> None:
        raise ZeroDivisionError

    worker.run(lambda _ctx: 1, on_success, on_done=lambda: done.append("done"))
    assert task_worker.wait_idle()
    assert [type(c) for c in crashes] == [ZeroDivisionError]
    assert done == ["done"]
    crashes.clear()


def test_on_done_runs_after_success_failure_and_cancel(task_worker: Worker) -> None:
    done: list[int] = []

    def fail(_ctx: TaskContext) -> None:
        raise ValidationError("x", "x")

    def cancelled(_ctx: TaskContext) -> None:
        raise TaskCancelled

    worker.run(lambda _ctx: None, lambda _v: None, on_done=lambda: done.append(1))
    worker.run(fail, lambda _v: None, lambda _e: None, on_done=lambda: done.append(2))
    worker.run(cancelled, lambda _v: None, on_done=lambda: done.append(3))
    assert task_worker.wait_idle()
    assert done == [1, 2, 3]


def test_tasks_run_one_at_a_time_in_submission_order_on_one_thread(
    task_worker: Worker,
) -> None:
    started: list[int] = []
    delivered: list[int] = []
    threads: set[int] = set()
    running = [0, 0]  # current, highest
    lock = threading.Lock()

    def op(index: int, _ctx: TaskContext) -> int:
        with lock:
            running[0] += 1
            running[1] = max(running)
        threads.add(threading.get_ident())
        started.append(index)
        threading.Event().wait(0.001 * (index % 3))  # uneven durations
        with lock:
            running[0] -= 1
        return index

    for index in range(25):
        worker.run(functools.partial(op, index), delivered.append)
    assert task_worker.pending_count() == 25
    assert task_worker.wait_idle()
    assert started == list(range(25))
    assert delivered == list(range(25))
    assert len(threads) == 1
    assert running[1] == 1


def test_cancelling_a_running_task_calls_neither_callback(task_worker: Worker) -> None:
    started = threading.Event()
    outcomes: list[object] = []

    def op(ctx: TaskContext) -> None:
        started.set()
        _wait_until_cancelled(ctx)

    handle = worker.run(op, outcomes.append, outcomes.append)
    assert started.wait(5)
    handle.cancel()
    assert task_worker.wait_idle()
    assert outcomes == []
    assert handle.is_cancelled()
    assert handle.is_done()


def test_a_task_cancelled_while_queued_never_runs(task_worker: Worker) -> None:
    gate = threading.Event()
    ran: list[str] = []
    worker.run(lambda _ctx: gate.wait(5), lambda _v: ran.append("first"))

    def second(_ctx: TaskContext) -> None:
        ran.append("second op")

    handle = worker.run(second, lambda _v: ran.append("second callback"))
    handle.cancel()
    gate.set()
    assert task_worker.wait_idle()
    assert ran == ["first"]


def test_quick_work_shows_no_cursor_and_no_dialog(task_worker: Worker) -> None:
    results: list[int] = []
    worker.run(lambda _ctx: 7, results.append)
    assert task_worker.progress_dialog is None
    assert task_worker.wait_idle()
    assert results == [7]
    assert task_worker.progress_dialog is None
    assert QGuiApplication.overrideCursor() is None


def test_slow_work_gets_busy_cursor_then_progress_dialog_with_cancel(
    fast_worker: Worker, qtbot: QtBot, recorder: MessageRecorder
) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    reported = threading.Event()
    outcomes: list[object] = []

    def op(ctx: TaskContext) -> None:
        ctx.report(3, 10, "회원 3/10")
        reported.set()
        _wait_until_cancelled(ctx)

    handle = worker.run(
        op, outcomes.append, outcomes.append, progress_label="회원 가져오는 중", parent=owner
    )
    assert fast_worker.progress_dialog is None  # nothing flashes up at once
    assert reported.wait(5)
    qtbot.waitUntil(lambda: fast_worker.progress_dialog is not None)
    dialog = fast_worker.progress_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.value() == 3)
    cursor = QGuiApplication.overrideCursor()
    assert cursor is not None
    assert cursor.shape() == Qt.CursorShape.WaitCursor
    assert dialog.maximum() == 10
    assert "회원 가져오는 중" in dialog.labelText()
    assert "회원 3/10" in dialog.labelText()
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None
    assert cancel.text() == "취소"
    cancel.click()
    assert fast_worker.wait_idle()
    assert handle.is_cancelled()
    assert outcomes == []
    assert fast_worker.progress_dialog is None
    assert QGuiApplication.overrideCursor() is None
    assert recorder.records == [("info", "작업을 취소했습니다.")]


def test_a_task_that_cannot_be_cancelled_shows_no_cancel_button(
    fast_worker: Worker, qtbot: QtBot
) -> None:
    release = threading.Event()
    worker.run(lambda _ctx: release.wait(5), lambda _v: None, cancellable=False)
    qtbot.waitUntil(lambda: fast_worker.progress_dialog is not None)
    dialog = fast_worker.progress_dialog
    assert dialog is not None
    assert dialog.findChild(QPushButton) is None
    assert dialog.labelText() == "처리 중…"
    release.set()
    assert fast_worker.wait_idle()


def test_results_for_a_deleted_parent_are_dropped(task_worker: Worker, qtbot: QtBot) -> None:
    gate = threading.Event()
    owner = QWidget()
    results: list[object] = []
    worker.run(lambda _ctx: gate.wait(5), results.append, parent=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    gate.set()
    assert task_worker.wait_idle()
    assert results == []


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(widget))


def test_shutdown_cancels_everything_and_refuses_new_work(messages: MessageBridge) -> None:
    lane = Worker(messages)
    started = threading.Event()
    ran: list[str] = []

    def first(ctx: TaskContext) -> None:
        ran.append("first")
        started.set()
        _wait_until_cancelled(ctx)

    lane.run(first, lambda _v: ran.append("first callback"))
    queued = lane.run(lambda _ctx: ran.append("queued"), lambda _v: None)
    assert started.wait(5)
    assert lane.shutdown()
    assert ran == ["first"]
    assert queued.is_cancelled()
    assert lane.is_idle()
    with pytest.raises(RuntimeError, match="shut down"):
        lane.run(lambda _ctx: None, lambda _v: None)
    lane.deleteLater()


def test_run_needs_an_installed_worker(task_worker: Worker) -> None:
    previous = worker.install(None)
    try:
        with pytest.raises(RuntimeError, match="no worker installed"):
            worker.run(lambda _ctx: None, lambda _v: None)
        assert worker.wait_idle()
    finally:
        worker.install(previous)


# --- lanes ------------------------------------------------------------------------------


def test_a_long_slow_read_never_delays_a_front_desk_click(
    task_worker: Worker, qtbot: QtBot
) -> None:
    release = threading.Event()
    order: list[str] = []

    def aggregate(_ctx: TaskContext) -> str:
        assert release.wait(10)
        return "dashboard"

    worker.run(aggregate, order.append, lane=worker.Lane.SLOW_READ)
    worker.run(lambda _ctx: "booked", order.append)  # the data lane
    qtbot.waitUntil(lambda: bool(order))
    assert order == ["booked"]  # the click came back while the aggregate still ran
    assert task_worker.pending_count(worker.Lane.SLOW_READ) == 1
    release.set()
    assert task_worker.wait_idle()
    assert order == ["booked", "dashboard"]


def test_each_lane_keeps_its_own_order_on_its_own_thread(task_worker: Worker) -> None:
    seen: dict[worker.Lane, list[tuple[int, str]]] = {lane: [] for lane in worker.Lane}

    def op(lane: worker.Lane, n: int, _ctx: TaskContext) -> None:
        running = worker.running_task()
        assert running is not None
        assert running.lane is lane
        seen[lane].append((n, threading.current_thread().name))

    for n in range(6):
        for lane in worker.Lane:
            worker.run(functools.partial(op, lane, n), lambda _r: None, lane=lane)
    assert task_worker.wait_idle()
    threads = set()
    for lane in worker.Lane:
        assert [n for n, _thread in seen[lane]] == list(range(6))
        assert len({thread for _n, thread in seen[lane]}) == 1
        threads.add(seen[lane][0][1])
    assert len(threads) == len(worker.Lane)
    assert worker.running_task() is None  # nothing is "running" on the GUI thread


def test_background_lanes_are_quiet_unless_labelled(fast_worker: Worker, qtbot: QtBot) -> None:
    release = threading.Event()
    worker.run(lambda _ctx: release.wait(10), lambda _r: None, lane=worker.Lane.NETWORK)
    labelled = worker.run(_wait_until_cancelled, lambda _r: None,
                          progress_label="리포트 내보내는 중", lane=worker.Lane.SLOW_READ)
    qtbot.waitUntil(lambda: fast_worker.progress_dialog is not None)
    dialog = fast_worker.progress_dialog
    assert dialog is not None
    assert "리포트 내보내는 중" in dialog.labelText()
    labelled.cancel()
    qtbot.waitUntil(lambda: fast_worker.progress_dialog is None)
    assert QGuiApplication.overrideCursor() is None  # the network round alone shows nothing
    assert not fast_worker.is_idle()
    release.set()
    assert fast_worker.wait_idle()


def test_shutdown_stops_every_lane(messages: MessageBridge) -> None:
    lanes = Worker(messages)
    started = threading.Event()
    outcomes: list[object] = []

    def slow(ctx: TaskContext) -> None:
        started.set()
        _wait_until_cancelled(ctx)

    lanes.run(slow, outcomes.append, lane=worker.Lane.NETWORK)
    lanes.run(lambda _ctx: 1, outcomes.append, lane=worker.Lane.NETWORK)  # queued behind
    assert started.wait(5)
    assert lanes.shutdown()
    assert lanes.is_idle()
    assert outcomes == []
    lanes.deleteLater()


def test_a_progress_dialog_closed_with_its_window_is_dropped_not_used(
    qtbot: QtBot, fast_worker: Worker, crashes: list[BaseException]
) -> None:
    """A booking dialog closes (and deletes the progress dialog on it) while the reloads
    it started still run: the lane carries on without touching the deleted dialog."""
    window = QDialog()
    window.show()
    gate = threading.Event()
    worker.run(lambda _ctx: gate.wait(5), lambda _r: None, progress_label="예약하는 중…",
               parent=window)
    qtbot.waitUntil(lambda: fast_worker.progress_dialog is not None)
    worker.run(lambda _ctx: gate.wait(5), lambda _r: None, progress_label="달력 불러오는 중…")
    window.deleteLater()
    qtbot.waitUntil(lambda: fast_worker.progress_dialog is None
                    or not shiboken6.isValid(fast_worker.progress_dialog))
    gate.set()
    assert fast_worker.wait_idle()
    assert crashes == []
