"""SYNC.md §5 faults: a slow link, a black hole, a connection cut mid-push and mid-pull, the
device's backend killed mid-push and the server restarted mid-round.

Each round either completes or fails with a retryable SyncError (offline / server) well
within 15 s instead of hanging; afterwards nothing is lost or doubled and the next rounds
converge: another desk downloads the same rows and both verify against the server.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fault_proxy import FaultProxy
from sync_cluster import Desk, enrol, open_desk
from sync_server_support import ServerHarness

from the5hc_desktop.services.demo import generate_demo
from the5hc_desktop.sync import errors, server_admin
from the5hc_desktop.sync.engine import RoundResult, SyncEngine
from the5hc_desktop.sync.link import ServerLink, connect
from the5hc_desktop.sync.local import CURSOR

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

# A round must end (done or a retry state) within this; a hang is the failure looked for.
ROUND_LIMIT_S = 15.0
RETRY_KINDS = {"offline", "server"}


@pytest.fixture
def gym(server):
    return server.new_gym()


@pytest.fixture
def desks(server, gym, sync_template, tmp_path) -> Iterator[Callable[..., Desk]]:
    opened: list[Desk] = []

    def open_one(name: str, members: int = 0) -> Desk:
        desk = open_desk(name, sync_template, tmp_path, enrol(server, gym, name))
        opened.append(desk)
        if members:
            generate_demo(desk.db, members, seed=7)
        return desk

    yield open_one
    for desk in opened:
        desk.close()


@pytest.fixture
def proxy() -> Iterator[FaultProxy]:
    with FaultProxy(5432) as opened:
        yield opened


def through(desk: Desk, proxy: FaultProxy) -> Desk:
    """Route the desk's rounds through the proxy."""
    desk.address = dataclasses.replace(desk.address, port=proxy.port)
    return desk


def bounded_round(run: Callable[[], RoundResult]) -> RoundResult | errors.SyncError:
    """The round's result or its SyncError; fails the test if it does not end in time."""
    outcome: list[RoundResult | errors.SyncError] = []

    def go() -> None:
        try:
            outcome.append(run())
        except errors.SyncError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=go, daemon=True)
    worker.start()
    worker.join(ROUND_LIMIT_S)
    assert not worker.is_alive(), f"the round did not end within {ROUND_LIMIT_S} s"
    assert outcome, "the round died with an unexpected error"
    return outcome[0]


def assert_retry_state(outcome: RoundResult | errors.SyncError) -> None:
    assert isinstance(outcome, errors.SyncError), "the fault went unnoticed"
    assert outcome.kind in RETRY_KINDS, (outcome.kind, outcome.message_en)
    assert outcome.retry


def assert_converged(*desks: Desk) -> None:
    """Two clean rounds each; then every desk holds the same rows and verifies."""
    for _ in range(2):
        for desk in desks:
            assert desk.sync().verified, desk.name
    assert len({desk.digest() for desk in desks}) == 1
    assert len({frozenset(desk.balances().items()) for desk in desks}) == 1
    for desk in desks:
        assert desk.services.sync.status().pending == 0


class _AfterHello:
    """A link that runs `then` once hello has answered (the fault starts mid-round)."""

    def __init__(self, inner: ServerLink, then: Callable[[], None]) -> None:
        self.inner = inner
        self.then = then

    def hello(self, protocol: int, device_ms: int) -> dict[str, Any]:
        answer = self.inner.hello(protocol, device_ms)
        self.then()
        return answer

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def engine_with(desk: Desk, then: Callable[[], None]) -> SyncEngine:
    return SyncEngine(desk.db, lambda: _AfterHello(connect(desk.address, desk.secret), then),
                      wall_ms=desk.wall_ms)


def run_engine(engine: SyncEngine) -> Callable[[], RoundResult]:
    def go() -> RoundResult:
        try:
            return engine.run_round()
        finally:
            engine.close()

    return go


def test_a_slow_link_still_syncs(desks, proxy) -> None:
    front = through(desks("front", members=20), proxy)
    proxy.latency = 0.01
    done = bounded_round(front.sync)
    assert isinstance(done, RoundResult)
    assert done.pushed > 0
    assert done.verified
    assert_converged(front, desks("laptop"))


def test_a_black_hole_at_connect_is_offline(desks, proxy) -> None:
    front = through(desks("front", members=3), proxy)
    proxy.black_hole = True
    assert_retry_state(bounded_round(front.sync))
    proxy.black_hole = False
    assert_converged(front, desks("laptop"))


def test_a_black_hole_mid_round_is_offline_not_a_hang(desks, proxy) -> None:
    front = through(desks("front", members=10), proxy)

    def swallow() -> None:
        proxy.black_hole = True

    outcome = bounded_round(run_engine(engine_with(front, swallow)))
    assert_retry_state(outcome)
    assert isinstance(outcome, errors.SyncError)
    assert outcome.kind == "offline"
    proxy.black_hole = False
    assert_converged(front, desks("laptop"))


def test_a_connection_cut_mid_push_loses_and_doubles_nothing(desks, proxy) -> None:
    front = through(desks("front", members=60), proxy)
    pending = front.services.sync.status().pending
    proxy.reset_after = first_batch_bytes(front) * 3 // 2  # into the second batch
    assert_retry_state(bounded_round(front.sync))
    left = front.services.sync.status().pending
    assert 0 < left < pending  # some batches were acknowledged, the rest is still queued
    proxy.reset_after = None
    done = front.sync()
    assert done.pushed == left
    assert_converged(front, desks("laptop"))


def test_a_connection_cut_mid_pull_resumes_from_the_cursor(desks, proxy) -> None:
    front = desks("front", members=60)
    front.sync()
    laptop = through(desks("laptop"), proxy)
    proxy.reset_after_reply = 400_000  # a few pages in
    assert_retry_state(bounded_round(lambda: laptop.sync(pull_page=200)))
    cursor = laptop.services.sync._replica().state(CURSOR, 0)
    assert cursor > 0  # the pages that arrived whole were applied and are kept
    proxy.reset_after_reply = None
    resumed = laptop.sync()
    assert resumed.verified
    assert_converged(front, laptop)


def test_the_backend_killed_mid_push(server, gym, desks) -> None:
    """The push is at the server (waiting for the gym's counter row) when it is killed."""
    front = desks("front", members=30)
    blocker = server.admin()
    blocker.autocommit = False
    try:
        blocker.execute("SELECT 1 FROM the5hc.gyms WHERE id = %s FOR UPDATE", (gym.gym,))
        worker_outcome: list[RoundResult | errors.SyncError] = []
        worker = threading.Thread(
            target=lambda: worker_outcome.append(bounded_round(front.sync)), daemon=True)
        worker.start()
        with server.admin() as admin:
            pid = _waiting_push(admin, front.address.role)
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        worker.join(ROUND_LIMIT_S + 1)
    finally:
        blocker.rollback()
        blocker.close()
    assert worker_outcome, "the round did not end"
    assert_retry_state(worker_outcome[0])
    assert_converged(front, desks("laptop"))


def first_batch_bytes(desk: Desk) -> int:
    replica = desk.engine().replica
    try:
        rows = replica.outbox(replica.pushed_mark(), limit=500)
    finally:
        replica.close()
    return len(json.dumps([r.wire() for r in rows], ensure_ascii=False).encode())


def _waiting_push(admin: Any, role: str) -> int:
    deadline = time.monotonic() + ROUND_LIMIT_S
    while time.monotonic() < deadline:
        row = admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE usename = %s AND wait_event_type = 'Lock' "
            "AND query LIKE %s", (role, "%the5hc.push%")).fetchone()
        if row:
            return int(row[0])
        time.sleep(0.02)
    raise AssertionError("the push never reached the server")


# --- a server restart mid-round, on a private PostgreSQL instance -------------------------
# Restarting the shared server would break every other test run against it, so the test
# starts its own instance (initdb in a temporary folder, on a free port) and restarts that.


def _pg_tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(candidates[-1]) if candidates else None


@pytest.fixture
def private_server(tmp_path_factory) -> Iterator[ServerHarness]:
    initdb, pg_ctl = _pg_tool("initdb"), _pg_tool("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("initdb / pg_ctl not found: cannot run a private PostgreSQL to restart")
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    folder = Path(tempfile.mkdtemp(prefix="the5hc-pg-"))
    data = folder / "data"
    if as_postgres:
        shutil.chown(folder, "postgres", "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    def ctl(*args: str, timeout: float = 60) -> None:
        done = subprocess.run([*as_postgres, pg_ctl, "-D", str(data), *args],
                              capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode:
            raise subprocess.SubprocessError(f"pg_ctl {args}: {done.stdout} {done.stderr}")

    options = f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder}"
    try:
        subprocess.run([*as_postgres, initdb, "-D", str(data), "-U", "postgres",
                        "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
                       check=True, capture_output=True, timeout=120)
        ctl("-o", options, "-l", str(folder / "log"), "-w", "start")
    except (OSError, subprocess.SubprocessError) as error:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"cannot start a private PostgreSQL: {error}")
    harness = _PrivateHarness("postgres", port=port)
    # (-l: a postmaster writing to our pipes would keep subprocess.run waiting for ever)
    harness.restart = lambda: ctl("-m", "fast", "-w", "-l", str(folder / "log"), "restart",
                                  "-o", options)  # type: ignore[attr-defined]
    try:
        server_admin.init(harness.admin_dsn)
        yield harness
    finally:
        harness.close_clients()
        with contextlib.suppress(subprocess.SubprocessError):
            ctl("-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@dataclasses.dataclass
class _PrivateHarness(ServerHarness):
    port: int = 5432

    @property
    def admin_dsn(self) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={self.database}"


def test_a_server_restart_mid_round(private_server, sync_template, tmp_path) -> None:
    gym = private_server.new_gym()
    front = open_desk("front", sync_template, tmp_path, enrol(private_server, gym, "front"))
    laptop = open_desk("laptop", sync_template, tmp_path, enrol(private_server, gym, "laptop"))
    try:
        generate_demo(front.db, 10, seed=7)
        restart = threading.Thread(target=private_server.restart, daemon=True)  # type: ignore[attr-defined]

        def restart_once(stage: str, _count: int) -> None:
            if stage == "push" and not restart.is_alive() and restart.ident is None:
                restart.start()  # the server goes down while the round goes on
                time.sleep(0.5)

        engine = front.engine(push_batch=100)
        outcome = bounded_round(lambda: _round_with(engine, restart_once))
        assert restart.ident is not None, "the round never pushed"
        assert_retry_state(outcome)
        restart.join(60)
        assert not restart.is_alive(), "the server did not come back"
        assert front.services.sync.status().pending > 0  # the rest waits for the next round
        assert_converged(front, laptop)
    finally:
        front.close()
        laptop.close()


def _round_with(engine: SyncEngine, progress: Callable[[str, int], None]) -> RoundResult:
    try:
        return engine.run_round(progress)
    finally:
        engine.close()
