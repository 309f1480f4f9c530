"""`--self-test`: start like the app, without a human, and print one JSON line.

    python -m the5hc_desktop --self-test [--db PATH]
    {"ok": true, "first_paint_ms": 640, "ready_ms": 1210, "panes": [...], "db": "..."}

The database: `--db PATH` as given (an empty or new file gets a self-test gym, owner, member
and assessment);
without `--db` the user's database is used only if it already has staff, otherwise a
throwaway file in a temporary folder (a user's database never gets a made-up gym). The
owner is signed in without a password through the services' internal lookup (a demo
database signs in with its published demo account). Then the main window is shown, every
pane visited and its first load awaited. QSettings go to a temporary folder, so the user's
window layout and language are untouched. Only package resources are used (`paths`).

Besides the window it proves what a frozen or installed build can lose: the schema revision
before and after opening (a new file, an old one migrated), the Korean catalogue, an
assessment PDF whose text holds Hangul (NanumGothic embedded), a pyqtgraph chart drawn, and
the keyring backend resolved ("none" when the machine has none: not a failure). The report
is printed on stdout and, for the windowed build whose stdout is None, also written to
`self-test/last-report.json` in the log folder.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QSettings

from the5hc_desktop import paths
from the5hc_desktop.services import Services
from the5hc_desktop.services.assessment_views import AssessmentDraft
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.maintenance import inspect_file
from the5hc_desktop.ui.app import Boot, Options, boot
from the5hc_desktop.ui.app_flow import Opened, open_database

_IMPORTED_AT = time.time()
SELF_TEST_GYM = "셀프 테스트 센터"
SELF_TEST_OWNER = "selftest"
SELF_TEST_MEMBER = "셀프 테스트 회원"
REPORT_FILE = "last-report.json"
# Enough measurements for a complete assessment, so the PDF has every section.
_SAMPLE_VALUES: dict[str, object] = {
    "push_up_reps": 20, "push_up_type": "standard", "farmer_carry_weight_kg": 20,
    "farmer_carry_distance_m": 20, "farmer_carry_time_s": 45, "toe_touch_cm": 2.0,
    "shoulder_mobility_score": 2, "shoulder_left_cm": 10, "shoulder_right_cm": 12,
    "overhead_squat_score": 2, "balance_right_open_s": 30, "balance_left_open_s": 28,
    "balance_right_closed_s": 12, "balance_left_closed_s": 10, "step_test_pulse_1": 55,
    "step_test_pulse_2": 50, "step_test_pulse_3": 45,
}
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
    schema_before: str | None = None  # revision in the file before opening; None: new/empty
    schema_after: str | None = None
    translations: bool = False  # the Korean catalogue translated a known string
    pdf_hangul: bool = False  # an assessment PDF rendered with Hangul text in NanumGothic
    chart: bool = False  # a pyqtgraph plot constructed and drawn
    keyring: str = ""  # the backend's class, or "none" when the machine has none
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
    schema_before: str | None
    schema_after: str | None
    pdf_hangul: bool


def schema_revision(path: Path) -> str | None:
    """The migration revision stamped in the file; None for a missing or empty file."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    return inspect_file(path).revision


def prepare(path: Path, may_create: bool, scratch: Path) -> Prepared:
    """Worker: open the database, find the acting owner, render a PDF (module docstring)."""
    before = schema_revision(path)
    opened = open_database(path)
    throwaway = path.parent == scratch
    if opened.first_run and not may_create:
        # The user's database has no gym yet; it is not ours to fill: test a throwaway one.
        opened.services.close()
        path, throwaway = scratch / "self-test.sqlite3", True
        before = None
        opened = open_database(path)
    try:
        opened.soundness.require_sound()
        actor = self_test_actor(opened.services, may_create=True)
        pdf = render_report_pdf(opened.services, actor, scratch / "self-test-report.pdf")
        after = schema_revision(path)
    except BaseException:
        opened.services.close()
        raise
    return Prepared(opened, actor, path, throwaway, time.time(), before, after,
                    pdf_has_hangul(pdf))


def self_test_actor(services: Services, may_create: bool) -> Actor:
    """Worker: the acting owner, creating the self-test gym in an empty database."""
    accounts = services.accounts
    if accounts.needs_first_run():
        if not may_create:
            raise RuntimeError("the database has no staff and is not ours to set up")
        view = accounts.create_gym_and_owner(
            SELF_TEST_GYM, "셀프 테스트", SELF_TEST_OWNER, "st-" + secrets.token_urlsafe(12))
        actor = Actor(view.id, view.role, view.display_name, view.username)
        member = services.clients.create(actor, ClientDraft(
            SELF_TEST_MEMBER, "female", birth_date=date(1990, 1, 1), height_cm=165,
            weight_kg=58)).client
        services.assessments.create(actor, AssessmentDraft(
            member.id, date.today() - timedelta(days=1), None, height_cm=165, weight_kg=58,
            values=_SAMPLE_VALUES))
        return actor
    # The first active owner, without a password: as the command line acts.
    return services.maintenance.system_actor()


def render_report_pdf(services: Services, actor: Actor, target: Path) -> bytes:
    """Worker: the latest assessment's report as a PDF (empty bytes when there is none)."""
    found = services.assessments.list_between(actor, date(1900, 1, 1), date(2100, 12, 31))
    if not found:
        return b""
    latest = max(found, key=lambda summary: summary.assessed_on)
    return services.reports.render_assessment(actor, latest.id, target).read_bytes()


def pdf_has_hangul(pdf: bytes) -> bool:
    """NanumGothic embedded and a Hangul syllable in its text map (ToUnicode CMap)."""
    if b"NanumGothic" not in pdf:
        return False
    for raw in re.findall(rb">>\s*stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            text = zlib.decompressobj().decompress(raw)  # tolerates the end-of-line after it
        except zlib.error:
            text = raw
        # bfchar/bfrange targets in U+AC00..U+D7A3 (Hangul syllables)
        if re.search(rb"<(a[c-f]|b[0-9a-f]|c[0-9a-f]|d[0-7])[0-9a-f]{2}>", text, re.IGNORECASE):
            return True
    return False


def translations_work() -> bool:
    """The Korean catalogue is installed and translates a string every build has."""
    source = "Starting…"
    return QCoreApplication.translate("Splash", source) not in ("", source)


def chart_draws() -> bool:
    import pyqtgraph as pg

    plot = pg.PlotWidget()
    try:
        plot.plot([1.0, 3.0, 2.0])
        plot.resize(200, 120)
        return not plot.grab().isNull()
    finally:
        plot.deleteLater()


def keyring_backend() -> str:
    """The backend keyring resolves; "none" when the machine offers none.

    Its backends are found through keyring's package metadata: a build without it would
    silently get "none" everywhere, so an empty backend list is an error, not "none".
    """
    from importlib import metadata

    import keyring
    from keyring.backends import fail

    if not list(metadata.entry_points(group="keyring.backends")):
        raise RuntimeError("keyring's backend list is missing (package metadata not bundled)")
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return "none"
    return f"{type(backend).__module__}.{type(backend).__name__}"


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
    report.schema_before, report.schema_after = prepared.schema_before, prepared.schema_after
    report.pdf_hangul = prepared.pdf_hangul
    if not report.pdf_hangul:
        report.errors.append("the assessment PDF has no Hangul text in NanumGothic")
    report.translations = translations_work()
    if not report.translations:
        report.errors.append("the Korean catalogue is not installed")
    try:
        report.chart = chart_draws()
        report.keyring = keyring_backend()
    except Exception as error:  # noqa: BLE001 - reported, the self-test fails on it
        report.errors.append(f"{type(error).__name__}: {error}")
    if not report.chart:
        report.errors.append("the chart did not draw")
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
    write_report(report.as_json())
    return 0 if report.ok else 1


def write_report(text: str) -> None:
    """On stdout, and in the log folder: a windowed build has no stdout (it is None)."""
    if sys.stdout is not None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    folder = paths.log_dir() / "self-test"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / REPORT_FILE).write_text(text + "\n", encoding="utf-8")
    except OSError:
        pass  # stdout had it, or the log folder is not writable: nothing more to do
