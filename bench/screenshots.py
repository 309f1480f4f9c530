"""Save a PNG of every pane (and the start dialogs) of a signed-in demo database.

    python bench/screenshots.py [--db PATH] [--out DIR] [--clients N] [--lang ko|en]

Builds the demo database first if PATH does not exist (services.demo, the same generator
as `the5hc demo`). Runs offscreen unless QT_QPA_PLATFORM says otherwise. Look at the
PNGs: Hangul must render, nothing may be clipped.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings
from PySide6.QtWidgets import QTabWidget, QWidget

from the5hc_desktop.services import demo, open_services
from the5hc_desktop.ui import application, worker
from the5hc_desktop.ui.app_flow import SignInFlow, open_database
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.signin import FirstRunDialog, SignInDialog, SignInResult
from the5hc_desktop.ui.snapshots import save_widget_png


def settle(lane: worker.Worker, ms: int = 300) -> None:
    lane.wait_idle(120_000)
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def ensure_demo(path: Path, clients: int) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    services = open_services(path)
    try:
        result = demo.generate_demo(services.database, clients)
        print(f"demo: {result.clients} clients in {result.seconds:.1f} s -> {path}")
    finally:
        services.close()


def _never(*_args: object) -> SignInResult:
    raise RuntimeError("the dialogs are only photographed")


def shoot(widget: QWidget, out: Path, name: str) -> None:
    saved = save_widget_png(widget, out / f"{name}.png")
    print(saved)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path,
                        default=Path(tempfile.gettempdir()) / "the5hc-screens" / "demo.sqlite3")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--lang", choices=("ko", "en"), default="ko")
    parser.add_argument("--size", default="1366x860", help="window size WIDTHxHEIGHT")
    args = parser.parse_args(argv)

    ensure_demo(args.db, args.clients)
    width, height = (int(v) for v in args.size.split("x"))

    scratch = Path(tempfile.mkdtemp(prefix="the5hc-shots-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch))
    app, translations = application.create_application(["screenshots"], language=args.lang)
    messages = MessageBridge()
    lane = worker.Worker(messages)
    worker.install(lane)
    out: Path = args.out
    try:
        opened = open_database(args.db)
        flow = SignInFlow(messages, args.db)
        flow.use(opened)
        sign_in = SignInDialog(_never, demo_hint=flow.demo_hint())
        shoot(sign_in, out, "00-sign-in")
        first_run = FirstRunDialog(_never, _never)
        shoot(first_run, out, "00-first-run")
        actor = opened.services.accounts.sign_in(demo.DEMO_USERNAME, demo.DEMO_PASSWORD)
        window = flow.show_main(actor, opened.settings)
        window.resize(width, height)
        settle(lane)
        for index, pane in enumerate(window.panes(), start=1):
            window.show_pane(pane.object_name)
            settle(lane)
            shoot(window, out, f"{index:02d}-{pane.object_name}")
            for tabs in pane.widget.findChildren(QTabWidget):
                for tab in range(1, tabs.count()):
                    tabs.setCurrentIndex(tab)
                    settle(lane)
                    shoot(window, out, f"{index:02d}-{pane.object_name}-tab{tab}")
                tabs.setCurrentIndex(0)
        flow.close()
    finally:
        lane.shutdown()
        worker.install(None)
        translations.remove()
        del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
