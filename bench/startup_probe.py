"""One real start of the window app, signed in by a script, reported as one JSON line.

    python bench/startup_probe.py --db PATH [--login demo --password demo1234]
                                  [--until first-paint|filled|ready|visited]

The app starts exactly as `the5hc --db PATH` does (`ui.app.run_gui`: splash, database
opened on the worker, sign-in dialog). The only difference is the person: as soon as the
sign-in dialog shows, this script types the login and password into it and presses
로그인, so the password is verified by the real path (argon2 included). Times are measured
from process start (Linux /proc) to:

    first_paint_ms   the main window's first paint
    filled_ms        the dashboard's figures painted in the window
    ready_ms         every pane built and in the navigation
    visited_ms       every pane shown once and its first load finished

Each with the CPU time of the process by then (`*_cpu_ms`, all threads). With it: the
heavy modules already imported at the main window's first paint
(`heavy_at_first_paint`), the collector's state then and at the end (`gc_at_first_paint`,
`gc_at_end`: enabled, objects frozen at start-up) and the peak resident memory of the
process (`peak_rss_mb`).
The window is closed at the chosen point and the process ends. Used by
bench/bench_startup.py and by tests/ui/app/test_startup_imports.py.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("reportlab", "pyqtgraph", "alembic", "psycopg", "numpy")
STEPS = ("first-paint", "filled", "ready", "visited")
TICK_MS = 5


def process_started_at() -> float:
    """Wall-clock start of this process (Linux: /proc), else now."""
    try:
        stat = Path("/proc/self/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22: start time in ticks
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return time.time() - uptime + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return time.time()


T0 = process_started_at()


def heavy_modules() -> list[str]:
    return sorted(name for name in HEAVY if name in sys.modules)


def gc_state() -> dict[str, Any]:
    """The collector (startup_gc.py): running, and how many objects it froze at start."""
    return {"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def rss_now_mb() -> float:
    """Resident memory now (Linux /proc), 0 elsewhere."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


def since_start() -> int:
    return round((time.time() - T0) * 1000)


def cpu_ms() -> int:
    """CPU time of the whole process so far (all threads): steadier than the clock."""
    return round(time.process_time() * 1000)


def install_robot(login: str, password: str, until: str, expected_panes: int) -> None:
    """Wraps the app's QApplication factory so the robot starts with the event loop."""
    from the5hc_desktop import startup_gc

    startup_gc.pause(process_start=True)  # as `the5hc` does before it imports the window app
    import the5hc_desktop.ui.app  # noqa: F401  # first, as `the5hc` imports it
    from the5hc_desktop.ui import application

    create = application.create_application

    def create_with_robot(*args: Any, **kwargs: Any) -> Any:
        created = create(*args, **kwargs)
        robot = _make_robot(login, password, until, expected_panes)
        created[0].setProperty("startupProbe", True)
        created[0]._startup_probe = robot  # kept alive with the application
        return created

    application.create_application = create_with_robot


def _make_robot(login: str, password: str, until: str, expected_panes: int) -> Any:
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    class Robot(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.report: dict[str, Any] = {"errors": [], "watched_modules": list(HEAVY)}
            self.signed_in = False
            self.window: Any = None
            self.dashboard: Any = None
            self.visiting = False
            self.timer = QTimer(self)
            self.timer.timeout.connect(self.tick)
            self.timer.start(TICK_MS)
            QTimer.singleShot(120_000, self, lambda: self.finish("timed out"))

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                inside = isinstance(watched, QWidget) and self.window is not None and (
                    watched is self.window or self.window.isAncestorOf(watched))
                if inside and "first_paint_ms" not in self.report:
                    self.report["first_paint_ms"] = since_start()
                    self.report["first_paint_cpu_ms"] = cpu_ms()
                    self.report["first_paint_rss_mb"] = rss_now_mb()
                    self.report["first_paint_peak_rss_mb"] = round(peak_rss_mb(), 1)
                    self.report["heavy_at_first_paint"] = heavy_modules()
                    self.report["gc_at_first_paint"] = gc_state()
                    if until == "first-paint":
                        QTimer.singleShot(0, self, self.finish)
                elif (self.dashboard is not None and "filled_ms" not in self.report
                      and inside and isinstance(watched, QWidget)
                      and (watched is self.dashboard.widget
                           or self.dashboard.widget.isAncestorOf(watched))
                      and self.dashboard.metrics() is not None):
                    # A paint anywhere in the dashboard once its figures are in: the cards
                    # repaint themselves, the pane's own widget need not.
                    self.report["filled_ms"] = since_start()
                    self.report["filled_cpu_ms"] = cpu_ms()
                    self.report["heavy_at_filled"] = heavy_modules()
            return False

        def tick(self) -> None:
            from the5hc_desktop.ui.main_window import MainWindow
            from the5hc_desktop.ui.signin import SignInDialog

            for widget in QApplication.topLevelWidgets():
                if (isinstance(widget, SignInDialog) and widget.isVisible()
                        and not self.signed_in):
                    self.signed_in = True
                    self.report["sign_in_shown_ms"] = since_start()
                    self.report["sign_in_shown_cpu_ms"] = cpu_ms()
                    self.report["sign_in_rss_mb"] = rss_now_mb()
                    widget.login.setText(login)
                    widget.password.setText(password)
                    widget.submit()
                elif isinstance(widget, MainWindow) and self.window is None:
                    self.window = widget
                    # Every paint in the window counts: its children paint it, not always
                    # the window widget itself.
                    QApplication.instance().installEventFilter(self)
            if self.window is None:
                return
            if self.dashboard is None:
                found = [p for p in self.window.panes() if p.object_name == "dashboardPane"]
                if found:
                    self.dashboard = found[0]
            if "ready_ms" not in self.report and len(self.window.panes()) >= expected_panes:
                self.report["ready_ms"] = since_start()
                self.report["ready_cpu_ms"] = cpu_ms()
                self.report["panes"] = [p.object_name for p in self.window.panes()]
            if "filled_ms" not in self.report:
                return
            if until == "filled" or (until == "ready" and "ready_ms" in self.report):
                self.finish()
            elif until == "visited" and "ready_ms" in self.report and not self.visiting:
                self.visit()

        def visit(self) -> None:
            """Every pane in turn, each one's first load awaited (memory noted after each)."""
            from the5hc_desktop.ui import worker

            self.visiting = True
            growth: dict[str, float] = {}
            for pane in self.window.panes():
                before = rss_now_mb()
                self.window.show_pane(pane.object_name)
                QCoreApplication.processEvents()
                if not worker.current().wait_idle(120_000):
                    self.report["errors"].append(f"{pane.object_name}: load did not finish")
                pane.widget.grab()  # painted, as on screen
                growth[pane.object_name] = round(rss_now_mb() - before, 1)
            self.report["rss_growth_by_pane_mb"] = growth
            # Back to the first pane: the next start restores the pane the window closed on.
            self.window.show_pane(self.window.panes()[0].object_name)
            self.report["visited_ms"] = since_start()
            self.report["visited_cpu_ms"] = cpu_ms()
            self.finish()

        def finish(self, error: str = "") -> None:
            if not self.timer.isActive():
                return  # already reported
            if error:
                self.report["errors"].append(error)
            self.timer.stop()
            self.report["peak_rss_mb"] = round(peak_rss_mb(), 1)
            self.report["gc_at_end"] = gc_state()
            self.report["rss_mb"] = rss_now_mb()
            import linecache

            self.report["linecache_mb"] = round(sum(
                sum(len(line) for line in entry[2]) for entry in linecache.cache.values()
                if len(entry) > 2) / 2**20, 1)
            print(json.dumps(self.report), flush=True)
            if self.window is not None:
                self.window.close()  # the flow ends and the app quits
            else:
                QCoreApplication.exit(2)

    return Robot()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--login", default="demo")
    parser.add_argument("--password", default="demo1234")
    parser.add_argument("--until", choices=STEPS, default="visited")
    parser.add_argument("--panes", type=int, default=7, help="panes the window gets")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    install_robot(args.login, args.password, args.until, args.panes)
    from the5hc_desktop.__main__ import main as app_main

    return app_main(["--db", str(args.db)])


if __name__ == "__main__":
    sys.exit(main())
