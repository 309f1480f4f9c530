"""Save a PNG of every pane (and the start dialogs) of a signed-in demo database.

    python bench/screenshots.py [--db PATH] [--out DIR] [--clients N] [--lang ko|en]

Builds the demo database first if PATH does not exist (services.demo, the same generator
as `the5hc demo`). Runs offscreen unless QT_QPA_PLATFORM says otherwise. Look at the
PNGs: Hangul must render, nothing may be clipped.

Writes, in order: the sign-in and first-run dialogs; every pane and every tab of it; the
panes again with a demo member chosen (member page, assessment history, packages, report
preview); and the dialogs the front desk opens all day (member form, package sale,
booking, the assessment wizard's first page). The main window adds its panes one per
turn of the event loop after the first paint (ui/app_flow.py), so the script waits for
`SignInFlow.panes_complete` before it walks them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings
from PySide6.QtWidgets import QDialog, QTabWidget, QWidget

from the5hc_desktop.services import Services, demo, open_services
from the5hc_desktop.services.clients import ClientRow
from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui import application, worker
from the5hc_desktop.ui.app_flow import SignInFlow, open_database
from the5hc_desktop.ui.dialogs import Dialogs
from the5hc_desktop.ui.main_window import MainWindow
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.signin import FirstRunDialog, SignInDialog, SignInResult
from the5hc_desktop.ui.snapshots import save_widget_png


def settle(lane: worker.Worker, ms: int = 300) -> None:
    lane.wait_idle(120_000)
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def settle_until(lane: worker.Worker, done: Callable[[], bool], seconds: float = 60) -> bool:
    """Process events until `done()` (or `seconds` pass); then let the last loads land."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        lane.wait_idle(1_000)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    settle(lane)
    return done()


def answer_no(parent: QWidget | None, title: str, text: str, destructive: bool = False) -> bool:
    """Nobody is there to answer offscreen: a question (say, 'resume the unsaved
    assessment?' from an earlier run) is logged and answered No instead of blocking."""
    print(f"question answered No: {title}: {text}", file=sys.stderr)
    return False


def ensure_demo(path: Path, clients: int) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    services = open_services(path)
    try:
        result = demo.generate_demo(services.database, clients, profile=demo.LIGHT)
        print(f"demo: {result.clients} clients in {result.seconds:.1f} s -> {path}")
    finally:
        services.close()


def _never(*_args: object) -> SignInResult:
    raise RuntimeError("the dialogs are only photographed")


def shoot(widget: QWidget, out: Path, name: str) -> None:
    saved = save_widget_png(widget, out / f"{name}.png")
    print(saved, flush=True)


def pick_member(services: Services, actor: Actor) -> ClientRow | None:
    """A demo member with assessments and sessions left, so the 'chosen' shots have rows."""
    page = services.clients.search(actor, "", limit=100)
    rows: list[ClientRow] = list(page.rows)
    rated = [r for r in rows if r.last_assessed_on is not None and r.remaining_sessions > 0]
    chosen = rated or rows
    return chosen[0] if chosen else None


def shoot_dialog(owner: object, attribute: str, lane: worker.Worker, out: Path, name: str,
                 close: Callable[[QDialog], object] = QDialog.reject) -> None:
    """Photograph the dialog `owner.<attribute>` once it has opened, then `close` it."""
    found = settle_until(lane, lambda: isinstance(getattr(owner, attribute, None), QDialog),
                         seconds=20)
    dialog = getattr(owner, attribute, None)
    if not found or not isinstance(dialog, QDialog):
        print(f"{name}: the dialog did not open", file=sys.stderr)
        return
    settle(lane)
    shoot(dialog, out, name)
    close(dialog)
    settle(lane, 100)


def shoot_panes(window: MainWindow, lane: worker.Worker, out: Path) -> None:
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


def shoot_member(window: MainWindow, member: ClientRow, lane: worker.Worker,
                 out: Path) -> None:
    """The panes again with `member` chosen: the tables with rows in them."""
    names = [pane.object_name for pane in window.panes()]

    def number(name: str) -> str:
        return f"{names.index(name) + 1:02d}"

    if "clientsPane" in names:
        window.show_pane("clientsPane")
        clients = window.pane("clientsPane").widget
        clients.open_client(member.id, member.name)  # type: ignore[attr-defined]
        settle(lane)
        shoot(window, out, f"{number('clientsPane')}-clientsPane-member")
        clients.show_list()  # type: ignore[attr-defined]
    if "assessmentPane" in names:
        window.show_pane("assessmentPane")
        assessment = window.pane("assessmentPane").widget
        settle(lane)  # the client list reloads when the pane is shown
        if assessment.select_client(member.id):  # type: ignore[attr-defined]
            settle(lane)
        shoot(window, out, f"{number('assessmentPane')}-assessmentPane-member")
    if "sessionsPane" in names:
        window.show_pane("sessionsPane")
        sessions = window.pane("sessionsPane").widget
        sessions.show_client_packages(member.id, member.name)  # type: ignore[attr-defined]
        settle(lane)
        shoot(window, out, f"{number('sessionsPane')}-sessionsPane-packages-member")
        sessions.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    if "reportsPane" in names:
        window.show_pane("reportsPane")
        reports = window.pane("reportsPane").widget
        reports.open_client(member.id, member.name)  # type: ignore[attr-defined]
        settle(lane, 1500)  # the preview renders on the lane
        shoot(window, out, f"{number('reportsPane')}-reportsPane-member")


def shoot_dialogs(window: MainWindow, member: ClientRow | None, lane: worker.Worker,
                  out: Path) -> None:
    names = [pane.object_name for pane in window.panes()]
    if "clientsPane" in names:
        window.show_pane("clientsPane")
        clients = window.pane("clientsPane").widget
        clients.new_client()  # type: ignore[attr-defined]
        shoot_dialog(clients, "dialog", lane, out, "dialog-client")
    if "sessionsPane" in names:
        window.show_pane("sessionsPane")
        sessions = window.pane("sessionsPane").widget
        client = (member.id, member.name) if member is not None else (None, "")
        sessions.dialog = None  # type: ignore[attr-defined]
        sessions.sell_package(*client)  # type: ignore[attr-defined]
        shoot_dialog(sessions, "dialog", lane, out, "dialog-sell-package")
        sessions.dialog = None  # type: ignore[attr-defined]
        sessions.book_session(*client)  # type: ignore[attr-defined]
        shoot_dialog(sessions, "dialog", lane, out, "dialog-book-session")
    if "reportsPane" in names:
        window.show_pane("reportsPane")
        reports = window.pane("reportsPane").widget
        reports.open_batch_dialog()  # type: ignore[attr-defined]
        shoot_dialog(reports, "batch_dialog", lane, out, "dialog-batch-export")
    if "assessmentPane" in names:
        window.show_pane("assessmentPane")
        assessment = window.pane("assessmentPane").widget
        assessment.clients.clearSelection()  # type: ignore[attr-defined]
        assessment.new_assessment()  # type: ignore[attr-defined]
        wizard = assessment.wizard  # type: ignore[attr-defined]
        if wizard is not None:
            # Closing keeps the draft without asking; then the draft goes, so the next
            # start offers nothing to resume.
            draft_id = wizard.current_draft().draft_id
            shoot_dialog(assessment, "wizard", lane, out, "dialog-wizard",
                         close=lambda shown: shown.keep_for_later())  # type: ignore[attr-defined]
            assessment.drafts.flush()  # type: ignore[attr-defined]
            assessment.drafts.delete(draft_id)  # type: ignore[attr-defined]


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
    Dialogs.ask = staticmethod(answer_no)  # type: ignore[method-assign]
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
        member = pick_member(opened.services, actor)
        window = flow.show_main(actor, opened.settings)
        window.resize(width, height)
        if not settle_until(lane, lambda: flow.panes_complete):
            print("not every pane joined the window in time", file=sys.stderr)
        if flow.pane_problems:
            print(f"panes that failed to build: {flow.pane_problems}", file=sys.stderr)
        shoot_panes(window, lane, out)
        if member is not None:
            shoot_member(window, member, lane, out)
        shoot_dialogs(window, member, lane, out)
        flow.close()
    finally:
        lane.shutdown()
        worker.install(None)
        translations.remove()
        del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
