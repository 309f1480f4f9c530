"""`--self-test`: start like the app, without a human, and print one JSON line.

    python -m the5hc_desktop --self-test [--db PATH]
    {"ok": true, "first_paint_ms": 640, "ready_ms": 1210, "panes": [...], "db": "..."}

The database: `--db PATH` as given (an empty or new file gets a self-test gym and owner);
without `--db` the user's database is used only if it already has staff, otherwise a
throwaway file in a temporary folder (a user's database never gets a made-up gym). The
owner is signed in without a password through the services' internal lookup (a demo
database signs in with its published demo account). Then the main window is shown, every
pane visited and its first load awaited. QSettings go to a temporary folder, so the user's
window layout and language are untouched. Only package resources are used (`paths`).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QSettings

from the5hc_desktop import paths
from the5hc_desktop.services import Services
from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui.app import Boot, Options, boot
from the5hc_desktop.ui.app_flow import Opened, open_database

_IMPORTED_AT = time.time()
SELF_TEST_GYM = "셀프 테스트 센터"
SELF_TEST_OWNER = "selftest"
LOAD_TIMEOUT_MS = 120_000


def process_started_at() -> float:
    """Wall-clock start of this process (Linux: /proc; elsewhere: when this module loaded)."""
    try:
        stat = Path("/proc/self/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22: start time in ticks
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return time.time() - uptime + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return _IMPORTED_AT


def _isolate_qsettings(folder: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder / "qsettings"))


class _PaintWatch(QObject):
    """Notes when the watched window first paints."""

    def __init__(self) -> None:
        super().__init__()
        self.painted_at: float | None = None
        self.cpu_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.painted_at is None and event.type() == QEvent.Type.Paint:
            self.painted_at = time.time()
            self.cpu_at = time.process_time()
        return False


@dataclass
class Report:
    ok: bool = False
    first_paint_ms: int | None = None
    first_paint_cpu_ms: int | None = None  # CPU time of the process by then (all threads)
    signed_in_ms: int | None = None  # database open and the owner found (no password)
    ready_ms: int | None = None
    panes: list[str] = field(default_factory=list)
    missing_panes: list[str] = field(default_factory=list)
    db: str = ""
    throwaway_db: bool = False
    errors: list[str] = field(default_factory=list)

    def as_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)


def choose_database(options: Options, scratch: Path) -> tuple[Path, bool]:
    """(path, may create the self-test gym in it): see the module docstring."""
    if options.db is not None:
        return options.db, True
    path = paths.default_db_path()
    if path.is_file() and path.stat().st_size > 0:
        return path, False
    return scratch / "self-test.sqlite3", True


@dataclass(frozen=True)
class Prepared:
    opened: Opened
    actor: Actor
    path: Path
    throwaway: bool
    ready_at: float


def prepare(path: Path, may_create: bool, scratch: Path) -> Prepared:
    """Worker: open the database and find the acting owner (see the module docstring)."""
    opened = open_database(path)
    throwaway = path.parent == scratch
    if opened.first_run and not may_create:
        # The user's database has no gym yet; it is not ours to fill: test a throwaway one.
        opened.services.close()
        path, throwaway = scratch / "self-test.sqlite3", True
        opened = open_database(path)
    try:
        actor = self_test_actor(opened.services, may_create=True)
    except BaseException:
        opened.services.close()
        raise
    return Prepared(opened, actor, path, throwaway, time.time())


def self_test_actor(services: Services, may_create: bool) -> Actor:
    """Worker: the acting owner, creating the self-test gym in an empty database."""
    accounts = services.accounts
    if accounts.needs_first_run():
        if not may_create:
            raise RuntimeError("the database has no staff and is not ours to set up")
        view = accounts.create_gym_and_owner(
            SELF_TEST_GYM, "셀프 테스트", SELF_TEST_OWNER, "st-" + secrets.token_urlsafe(12))
        return Actor(view.id, view.role, view.display_name, view.username)
    # The first active owner, without a password: as the command line acts.
    return services.maintenance.system_actor()


def _wait(condition: Any, timeout_ms: int) -> bool:
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return True


def run_checks(started: Boot, options: Options, scratch: Path, t0: float) -> Report:
    from the5hc_desktop.ui.app_flow import SignInFlow
    from the5hc_desktop.ui.messages import MessageRecorder

    report = Report()
    recorder = MessageRecorder(started.messages)
    path, may_create = choose_database(options, scratch)
    report.db = str(path)
    outcome: dict[str, Any] = {}
    started.lane.run(lambda _ctx: prepare(path, may_create, scratch),
                     lambda result: outcome.update(result=result),
                     on_failure=lambda error: outcome.update(error=error), cancellable=False)
    if not started.lane.wait_idle(LOAD_TIMEOUT_MS) or "result" not in outcome:
        report.errors.append(str(outcome.get("error") or "opening the database failed"))
        report.errors += [f"crash: {type(e).__name__}: {e}" for e in started.crashes]
        return report
    prepared: Prepared = outcome["result"]
    report.db, report.throwaway_db = str(prepared.path), prepared.throwaway
    report.signed_in_ms = round((prepared.ready_at - t0) * 1000)
    flow = SignInFlow(started.messages, prepared.path, use_language=started.use_language)
    flow.use(prepared.opened)
    actor, opened = prepared.actor, prepared.opened
    try:
        watch = _PaintWatch()
        window = flow.show_main(actor, opened.settings)
        window.installEventFilter(watch)
        if not _wait(lambda: watch.painted_at is not None, 30_000):
            report.errors.append("the main window never painted")
        if watch.painted_at is not None:
            report.first_paint_ms = round((watch.painted_at - t0) * 1000)
        if watch.cpu_at is not None:
            report.first_paint_cpu_ms = round(watch.cpu_at * 1000)
        if not _wait(lambda: flow.panes_complete, 30_000):
            report.errors.append("the panes after the first were never added")
        report.panes = window.visit_all_panes()
        if not started.lane.wait_idle(LOAD_TIMEOUT_MS):
            report.errors.append("pane loads did not finish")
        report.ready_ms = round((time.time() - t0) * 1000)
        report.missing_panes = list(flow.missing_panes)
        report.errors += flow.pane_problems
        report.errors += [f"crash: {type(e).__name__}: {e}" for e in started.crashes]
        report.errors += recorder.texts("error")
        report.ok = not report.errors and bool(report.panes)
        window.removeEventFilter(watch)
    finally:
        flow.close()
    return report


def run_self_test(options: Options) -> int:
    t0 = process_started_at()
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a server or CI: no screen
    scratch = Path(tempfile.mkdtemp(prefix="the5hc-selftest-"))
    try:
        _isolate_qsettings(scratch)
        # Its own log folder: the user's log and last-crash report stay untouched.
        started = boot(options, log_dir=paths.log_dir() / "self-test")
        try:
            report = run_checks(started, options, scratch, t0)
        finally:
            started.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    sys.stdout.write(report.as_json() + "\n")
    sys.stdout.flush()
    return 0 if report.ok else 1
