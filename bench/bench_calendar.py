"""How fast the 세션 관리 week view shows a busy week: data fetch + layout + paint.

    python bench/bench_calendar.py [--sessions 5000] [--runs 30] [--db PATH]
                                   [--shots DIR [--demo-db PATH]]
    python bench/bench_calendar.py --busy-db COPY_OF_gym100k.sqlite3 --runs 30

--busy-db times the busiest week of a `the5hc demo --clients 100000` (busy profile)
database, signed in as the demo owner: never point it at a database you keep (the
sign-in writes to it).

Builds (once, through the services) a database holding `--sessions` sessions spread over
four weeks around today — ten trainers, sixty members, 30-minute sessions between 06:00
and 22:00, the past ones completed, no-show or cancelled — so the week on screen is far
busier than any real gym's. Then, for the current week, it times what the pane does:
`SessionService.list_range` (one statement), the lane layout, and painting the calendar
widget at 1280×800 (`QWidget.grab`), and the same through the pane on the worker lane.
Target: ≤ 100 ms from asking to painted. Prints milliseconds (median, p95, max).

With --shots it also saves PNGs of the day, week and month views, the sell and booking
dialogs and the packages/payments tabs on the demo gym (300 members, seed 1; generated
with `the5hc demo` when --demo-db does not exist). Runs offscreen unless told otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings
from PySide6.QtWidgets import QWidget

from the5hc_desktop.services import Services, demo, open_services
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.ui import application, worker
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.sessions import SessionsPane
from the5hc_desktop.ui.panes.sessions.calendar_layout import (
    Mode,
    layout_time_grid,
    visible_range,
    week_start,
)
from the5hc_desktop.ui.panes.sessions.calendar_view import CalendarView, max_lanes_for
from the5hc_desktop.ui.snapshots import save_widget_png

TRAINERS = 10
CLIENTS = 60
FIRST_HOUR, LAST_HOUR = 6, 22
SLOT_MIN = 30
PASSWORD = "bench-pass-1"
SEOUL_OFFSET = timedelta(hours=9)


class Clock:
    def __init__(self, value: datetime) -> None:
        self.value = value

    def __call__(self) -> datetime:
        return self.value


def build_database(path: Path, sessions: int, today: date) -> None:
    """A gym whose four weeks around `today` hold `sessions` sessions (all via services)."""
    first_day = week_start(today) - timedelta(days=7)
    clock = Clock(datetime.combine(first_day - timedelta(days=1), datetime.min.time(),
                                   tzinfo=UTC))
    started = time.perf_counter()
    services = open_services(path, now=clock)
    try:
        owner_view = services.accounts.create_gym_and_owner("벤치 피트니스", "김대표", "owner",
                                                              PASSWORD)
        owner = Actor(owner_view.id, owner_view.role, owner_view.display_name, "owner")
        trainers = [owner.staff_id] + [
            services.accounts.add_staff(owner, f"coach{n}", f"코치{n:02d}", Role.TRAINER,
                                        PASSWORD).id
            for n in range(1, TRAINERS)]
        packages: list[tuple[uuid.UUID, uuid.UUID]] = []
        for n in range(CLIENTS):
            client = services.clients.create(owner, ClientDraft(
                f"회원{n:03d}", "female" if n % 2 else "male",
                f"010-{5000 + n:04d}-{1000 + n:04d}")).client.id
            per_client = 2 * sessions // CLIENTS + 20  # the sample is not even per member
            sold = services.packages.sell(owner, client, per_client * 50_000, 50_000, "card")
            packages.append((client, sold.id))
        slots_per_day = (LAST_HOUR - FIRST_HOUR) * 60 // SLOT_MIN
        places = [(day, slot, trainer) for day in range(28) for slot in range(slots_per_day)
                  for trainer in range(TRAINERS)]
        chosen = sorted(random.Random(1).sample(places, sessions))
        booked: list[tuple[datetime, uuid.UUID]] = []
        for day, slot, trainer in chosen:
            # At one time the ten trainers see ten different members: no client overlap.
            client, package = packages[((day * slots_per_day + slot) * TRAINERS + trainer)
                                       % CLIENTS]
            minutes = FIRST_HOUR * 60 + slot * SLOT_MIN
            start = datetime.combine(first_day + timedelta(days=day), datetime.min.time()) + (
                timedelta(minutes=minutes))
            view = services.sessions.book(owner, client, package, trainers[trainer], start,
                                          SLOT_MIN)
            booked.append((start, view.id))
        now_local = datetime.now(UTC) + SEOUL_OFFSET
        outcomes = random.Random(2)
        for start, session_id in booked:
            if start.replace(tzinfo=None) >= now_local.replace(tzinfo=None):
                continue
            roll = outcomes.random()
            if roll < 0.85:
                services.sessions.complete(owner, session_id)
            elif roll < 0.93:
                services.sessions.no_show(owner, session_id)
            else:
                services.sessions.cancel(owner, session_id)
    finally:
        services.close()
    print(f"built {path} with {sessions} sessions in {time.perf_counter() - started:.1f} s")


def settle(lane: worker.Worker, ms: int = 0) -> None:
    lane.wait_idle(120_000)
    deadline = time.monotonic() + ms / 1000
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if time.monotonic() >= deadline:
            return


def summary(label: str, values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"{label:<34} median {statistics.median(ordered):6.1f} ms   p95 {p95:6.1f} ms"
            f"   max {ordered[-1]:6.1f} ms")


def bench_view(services: Services, actor: Actor, runs: int, label: str,
               anchor: date | None = None) -> None:
    today = (datetime.now(UTC) + SEOUL_OFFSET).date()
    first, end = visible_range(Mode.WEEK, anchor or today)
    view = CalendarView()
    view.resize(1280, 800)
    lanes = max_lanes_for(view.width(), 7)
    fetch, layout, paint, total = [], [], [], []
    shown = 0
    for run in range(runs + 1):
        t0 = time.perf_counter()
        sessions = services.sessions.calendar_range(actor, first, end)
        t1 = time.perf_counter()
        items = layout_time_grid(sessions, first, 7, None, lanes)  # on the worker in the app
        view.set_range(Mode.WEEK, first, 7, today)
        view.set_sessions(sessions, datetime.now(UTC), items, lanes)
        t2 = time.perf_counter()
        view.grab()
        t3 = time.perf_counter()
        if run == 0:
            print(f"{label}: first (cold) run {1000 * (t3 - t0):.1f} ms")
            continue
        shown = len(sessions)
        fetch.append(1000 * (t1 - t0))
        layout.append(1000 * (t2 - t1))
        paint.append(1000 * (t3 - t2))
        total.append(1000 * (t3 - t0))
    print(f"{label}: week {first} – {end - timedelta(days=1)}: {shown} sessions on screen, "
          f"{runs} runs")
    print(f"{len(view.items)} blocks, {sum(1 for i in view.items if i.crowd)} of them crowded")
    print(summary("fetch (calendar_range)", fetch))
    print(summary("layout (lanes, crowds)", layout))
    print(summary("paint (1280×800 grab)", paint))
    print(summary("fetch + layout + paint", total))


def bench_pane(services: Services, actor: Actor, lane: worker.Worker, runs: int,
               anchor: date | None = None) -> None:
    pane = SessionsPane(services, actor, MessageBridge())
    pane.resize(1400, 900)
    pane.show()
    pane.refresh()
    settle(lane)
    if anchor is not None:
        pane.schedule.show_day(anchor, Mode.WEEK)
        settle(lane)
    times, painted = [], []
    arrived = QEventLoop()
    pane.schedule.calendar_loaded.connect(arrived.quit)
    for _ in range(runs):
        t0 = time.perf_counter()
        pane.schedule.reload()  # the week, today's list and shading, on the worker lane
        arrived.exec()  # the GUI thread waits idle, as in the app, until the week arrives
        pane.schedule.calendar.repaint()
        painted.append(1000 * (time.perf_counter() - t0))
        lane.wait_idle(60_000)
        pane.schedule.calendar.repaint()
        times.append(1000 * (time.perf_counter() - t0))
    print(summary("pane: week painted after reload", painted))
    print(summary("pane: everything reloaded", times))
    pane.close()
    pane.deleteLater()
    settle(lane)


def busiest_week(services: Services, actor: Actor, today: date) -> tuple[date, int]:
    """The Monday of the week with the most sessions (ten weeks back, three ahead)."""
    best, most = week_start(today), -1
    for weeks in range(-10, 4):
        first = week_start(today) + timedelta(weeks=weeks)
        count = len(services.sessions.calendar_range(actor, first, first + timedelta(days=7)))
        if count > most:
            best, most = first, count
    return best, most


def bench_busy(db: Path, runs: int, lane: worker.Worker, out: Path | None = None) -> None:
    services = open_services(db)
    try:
        actor = services.accounts.sign_in(demo.DEMO_USERNAME, demo.DEMO_PASSWORD)
        today = (datetime.now(UTC) + SEOUL_OFFSET).date()
        first, count = busiest_week(services, actor, today)
        print(f"busy gym {db.name}: busiest week from {first}, {count} sessions")
        if out is not None:
            busy_shots(services, actor, lane, first, out)
            return
        bench_view(services, actor, runs, "busy gym", first)
        bench_pane(services, actor, lane, runs, first)
    finally:
        services.close()


def busy_shots(services: Services, actor: Actor, lane: worker.Worker, first: date,
               out: Path) -> None:
    """The busiest week, its busiest day by trainer and its month, as the desk sees them."""
    pane = SessionsPane(services, actor, MessageBridge())
    pane.resize(1400, 900)
    pane.show()
    pane.refresh()
    settle(lane, 200)
    for mode in (Mode.WEEK, Mode.DAY, Mode.MONTH):
        pane.schedule.show_day(first + timedelta(days=2), mode)
        settle(lane, 200)
        print(save_widget_png(pane, out / f"busy-{mode.value}.png"))
    pane.close()
    pane.deleteLater()
    settle(lane)


def ensure_demo(db: Path) -> None:
    """The demo gym, made by the CLI: `the5hc demo --clients 300 --seed 1 --db PATH`."""
    if db.exists():
        return
    db.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "the5hc_desktop", "demo", "--clients", "300",
               "--seed", "1", "--db", str(db)]
    subprocess.run(command, check=True)


def count_sessions(services: Services, actor: Actor, today: date) -> int:
    """Sessions in the database (two years back, a month ahead), in 62-day pages."""
    total, start = 0, today - timedelta(days=800)
    while start < today + timedelta(days=40):
        end = start + timedelta(days=60)
        total += len(services.sessions.list_range(actor, start, end))
        start = end
    return total


def shots(db: Path, out: Path, lane: worker.Worker) -> None:
    services = open_services(db)
    try:
        actor = services.accounts.sign_in(demo.DEMO_USERNAME, demo.DEMO_PASSWORD)
        pane = SessionsPane(services, actor, MessageBridge())
        pane.resize(1400, 900)
        pane.show()
        pane.refresh()
        settle(lane, 200)

        def shoot(widget: QWidget, name: str) -> None:
            settle(lane, 200)
            print(save_widget_png(widget, out / f"{name}.png"))

        for mode in (Mode.DAY, Mode.WEEK, Mode.MONTH):
            pane.schedule.set_mode(mode)
            shoot(pane, f"sessions-{mode.value}")
        pane.schedule.set_mode(Mode.WEEK)
        settle(lane)
        chosen = pane.schedule.calendar.items[-1].session  # a member with a package
        pane.schedule.show_session(chosen)
        shoot(pane, "sessions-week-selected")
        dialog_shots(pane, lane, chosen.client_id, chosen.client_name, shoot)
        for index, name in ((1, "sessions-packages"), (2, "sessions-payments")):
            pane.tabs.setCurrentIndex(index)
            if index == 1:
                pane.packages_panel.show_client(chosen.client_id, chosen.client_name)
            shoot(pane, name)
        payments = pane.payments_panel
        if payments is not None and payments.model.rowCount():
            payments.select_row(0)
            payments.open_receipt()
            assert payments.dialog is not None
            shoot(payments.dialog, "receipt-dialog")
            payments.dialog.close()
        pane.close()
        pane.deleteLater()
        settle(lane)
    finally:
        services.close()


def dialog_shots(pane: SessionsPane, lane: worker.Worker, client_id: uuid.UUID, name: str,
                 shoot: Callable[[QWidget, str], None]) -> None:
    from the5hc_desktop.ui.panes.sessions.sell_dialog import SellPackageDialog

    pane.sell_package(client_id, name)
    settle(lane)
    sell = pane.dialog
    assert isinstance(sell, SellPackageDialog)
    sell.gross_spin.setValue(1_000_000)
    sell.price_spin.setValue(50_000)
    shoot(sell, "sell-dialog-card")
    sell.gross_spin.setValue(40_000)
    shoot(sell, "sell-dialog-refused")
    sell.close()
    pane.book_session(client_id, name)
    settle(lane)
    assert pane.dialog is not None
    shoot(pane.dialog, "book-dialog")
    pane.dialog.close()
    recurring_shot(pane, lane, client_id, name, shoot)


def recurring_shot(pane: SessionsPane, lane: worker.Worker, client_id: uuid.UUID, name: str,
                   shoot: Callable[[QWidget, str], None]) -> None:
    """반복 예약 for a member: every Monday and Wednesday at 19:00, ten times, previewed."""
    from PySide6.QtCore import QTime

    from the5hc_desktop.ui.panes.sessions.recurring_dialog import RecurringBookingDialog

    pane.book_recurring(client_id, name)
    settle(lane)
    dialog = pane.dialog
    assert isinstance(dialog, RecurringBookingDialog)
    for number, box in enumerate(dialog.weekday_boxes):
        box.setChecked(number in (0, 2))
    dialog.time_edit.setTime(QTime(19, 0))
    dialog.load_preview()
    settle(lane)
    shoot(dialog, "recurring-dialog")
    dialog.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--db", type=Path, default=None,
                        help="reuse (or build once into) this database file")
    parser.add_argument("--shots", type=Path, default=None, help="save PNGs into this folder")
    parser.add_argument("--language", choices=("ko", "en"), default="ko",
                        help="the UI language of the screenshots")
    parser.add_argument("--no-demo", action="store_true", help="skip the demo-gym figures")
    parser.add_argument("--busy-db", type=Path, default=None,
                        help="a COPY of a busy-profile demo database: time its busiest week")
    parser.add_argument("--demo-db", type=Path,
                        default=Path(tempfile.gettempdir()) / "the5hc-bench" / "demo300.sqlite3")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="the5hc-bench-calendar-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch))
    app, translations = application.create_application(["bench"], language=args.language)
    lane = worker.Worker(MessageBridge())
    worker.install(lane)
    try:
        if args.busy_db is not None:
            bench_busy(args.busy_db, args.runs, lane, args.shots)
            return 0
        db: Path = args.db or scratch / "calendar.sqlite3"
        today = (datetime.now(UTC) + SEOUL_OFFSET).date()
        if not db.exists():
            build_database(db, args.sessions, today)
        services = open_services(db)
        try:
            actor = services.accounts.sign_in("owner", PASSWORD)
            print(f"stress gym: {count_sessions(services, actor, today)} sessions in the database")
            bench_view(services, actor, args.runs, "stress gym")
            bench_pane(services, actor, lane, args.runs)
        finally:
            services.close()
        if not args.no_demo or args.shots is not None:
            ensure_demo(args.demo_db)
        if not args.no_demo:
            services = open_services(args.demo_db)
            try:
                actor = services.accounts.sign_in(demo.DEMO_USERNAME, demo.DEMO_PASSWORD)
                print(f"demo gym: {count_sessions(services, actor, today)} sessions in the "
                      "database")
                bench_view(services, actor, args.runs, "demo gym")
            finally:
                services.close()
        if args.shots is not None:
            shots(args.demo_db, args.shots, lane)
    finally:
        lane.shutdown()
        worker.install(None)
        translations.remove()
        del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
