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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.painted_at is None and event.type() == QEvent.Type.Paint:
            self.painted_at = time.time()
        return False


@dataclass
class Report:
    ok: bool = False
    first_paint_ms: int | None = None
    ready_ms: int | None = None
    panes: list[str] = field(default_factory=list)
    missing_panes: list[str] = field(default_factory=list)
    db: str = ""
    throwaway_db: bool = False
    errors: list[str] = field(default_factory=list)

    def as_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)


def choose_database(options: Options, scratch: Path) -> tuple[Path, bool]:
    """(path, throwaway): see the module docstring."""
    if options.db is not None:
        return options.db, False
    path = paths.default_db_path()
    if path.is_file() and path.stat().st_size > 0:
        return path, False
    return scratch / "self-test.sqlite3", True


def self_test_actor(services: Services, may_create: bool) -> Actor:
    """Worker: the acting owner, creating the self-test gym in an empty database."""
    accounts = services.accounts
    if accounts.needs_first_run():
        if not may_create:
            raise RuntimeError("the database has no staff and is not ours to set up")
        view = accounts.create_gym_and_owner(
            SELF_TEST_GYM, "셀프 테스트", SELF_TEST_OWNER, "st-" + secrets.token_urlsafe(12))
        return Actor(view.id, view.role, view.display_name, view.username)
    if accounts.is_demo():
        from the5hc_desktop.services import demo

        return accounts.sign_in(demo.DEMO_USERNAME, demo.DEMO_PASSWORD)
    # Needs a password-free lookup of the first active owner from the services (audited).
    lookup = getattr(accounts, "self_test_actor", None)
    if not callable(lookup):
        raise RuntimeError("AccountService offers no self-test sign-in for this database")
    actor: Actor = lookup()
    return actor


def _wait(condition: Any, timeout_ms: int) -> bool:
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return True


def run_checks(started: Boot, options: Options, scratch: Path, t0: float) -> Report:
    from the5hc_desktop.ui.app_flow import SignInFlow, open_database
    from the5hc_desktop.ui.messages import MessageRecorder

    report = Report()
    recorder = MessageRecorder(started.messages)
    path, throwaway = choose_database(options, scratch)
    report.db, report.throwaway_db = str(path), throwaway
    flow = SignInFlow(started.messages, path, use_language=started.use_language)
    outcome: dict[str, Any] = {}

    def prepare(_ctx: object) -> tuple[Any, Actor]:
        opened = open_database(path)
        return opened, self_test_actor(opened.services, may_create=True)

    started.lane.run(prepare, lambda result: outcome.update(result=result),
                     on_failure=lambda error: outcome.update(error=error), cancellable=False)
    if not started.lane.wait_idle(LOAD_TIMEOUT_MS) or "result" not in outcome:
        report.errors.append(str(outcome.get("error") or "opening the database failed"))
        report.errors += [f"crash: {type(e).__name__}: {e}" for e in started.crashes]
        return report
    opened, actor = outcome["result"]
    flow.use(opened)
    try:
        watch = _PaintWatch()
        window = flow.show_main(actor, opened.settings)
        window.installEventFilter(watch)
        if not _wait(lambda: watch.painted_at is not None, 30_000):
            report.errors.append("the main window never painted")
        if watch.painted_at is not None:
            report.first_paint_ms = round((watch.painted_at - t0) * 1000)
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
