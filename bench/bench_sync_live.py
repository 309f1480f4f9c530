"""How soon a booking saved on one desk shows on another desk's open week view.

    PYTHONPATH=. python bench/bench_sync_live.py [--bookings 20] [--pg-host 127.0.0.1]
                                                 [--pg-port 5432]

Needs the PostgreSQL server (user postgres, trust auth). Makes a scratch database with the
sync schema, one gym and two devices; desk A and desk B are two app instances in this
process (each its own SQLite file, services, change bus and sync controller, as the app
builds them; B shows the 세션 관리 week view). Each booking is saved on A through the
services; the clock stops when B's calendar lists it. The path measured is the app's own:
A's debounced round pushes, the server NOTIFYs, B's listener asks for a round, B pulls,
the change bus refreshes B's pane. Target (SYNC.md): ≤ 2 s. Prints ms (p50, p95, max).
Everything it made (the database, its roles, the files) is removed at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import psycopg
from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication

from the5hc_desktop.services import Services, open_services
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.sync import server_admin
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.change_bus import ChangeBus, follow_changes
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.sessions import SessionsPane
from the5hc_desktop.ui.sync_controller import SyncController, SyncPhase

SEOUL = ZoneInfo("Asia/Seoul")
NOW = datetime(2025, 3, 10, 6, 0, tzinfo=SEOUL)  # Monday: the week view shows 10-16 March
PASSWORD = "bench-pass-1234"


def now() -> datetime:
    return NOW


def spin_until(check: object, timeout_s: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.001)
    return False


def pg(host: str, port: int, dbname: str = "postgres") -> psycopg.Connection:
    return psycopg.connect(host=host, port=port, user="postgres", dbname=dbname, autocommit=True)


def drop_database(host: str, port: int, name: str) -> None:
    tags: list[str] = []
    try:
        with pg(host, port, name) as conn:
            tags = [r[0] for r in conn.execute("SELECT installation FROM the5hc.schema_info")]
    except psycopg.Error:
        pass
    with pg(host, port) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        for tag in tags:
            roles = [r[0] for r in conn.execute(
                "SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s) "
                "ORDER BY rolname LIKE '%%\\_owner'", (f"the5hc_{tag}_",))]
            for role in roles:
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


class Desk:
    def __init__(self, name: str, path: Path, code: str, secret: str, first: bool,
                 messages: MessageBridge) -> None:
        self.services: Services = open_services(path, now=now)
        if first:
            self.services.accounts.create_gym_and_owner("벤치 센터", "김대표", "owner", PASSWORD)
        self.services.sync.setup(code, secret, sslmode="disable")
        self.services.sync.run_round(secret)
        self.owner = self.services.accounts.sign_in("owner", PASSWORD)
        self.controller = SyncController(self.services.sync, self.services.changes)
        self.controller.remember_secret(secret)
        self.bus = ChangeBus(self.services.changes, worker.current())
        self.pane: SessionsPane | None = None
        self.name = name
        self.messages = messages

    def show_week(self) -> None:
        pane = SessionsPane(self.services, self.owner, self.messages, clock=now)
        pane.resize(1300, 850)
        pane.show()
        pane.refresh()
        follow_changes(self.bus, lambda: [pane])
        self.pane = pane

    def shown(self) -> int:
        assert self.pane is not None
        return len(self.pane.schedule.calendar.items)

    def close(self) -> None:
        self.controller.stop()
        self.bus.close()
        if self.pane is not None:
            self.pane.close()
            self.pane.deleteLater()
        self.services.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=20)
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=5432)
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    messages = MessageBridge()
    lanes = worker.Worker(messages)
    worker.install(lanes)
    name = f"the5hc_bench_live_{uuid.uuid4().hex[:10]}"
    with pg(args.pg_host, args.pg_port) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    folder = Path(tempfile.mkdtemp(prefix="the5hc-bench-live-"))
    desks: list[Desk] = []
    try:
        dsn = f"host={args.pg_host} port={args.pg_port} user=postgres dbname={name}"
        server_admin.init(dsn)
        gym = server_admin.add_gym(dsn, "벤치 센터")
        added = [server_admin.add_device(dsn, str(gym.gym), f"desk {n}") for n in "AB"]
        a = Desk("A", folder / "a.sqlite3", added[0].code, added[0].secret, True, messages)
        desks.append(a)
        member = a.services.clients.create(a.owner, ClientDraft(
            "김민수", "male", "010-1234-5678", date(1990, 3, 15))).client.id
        package = a.services.packages.sell(a.owner, member, 50_000 * args.bookings * 2,
                                           50_000, "card")
        a.services.sync.run_round(added[0].secret)
        b = Desk("B", folder / "b.sqlite3", added[1].code, added[1].secret, False, messages)
        desks.append(b)
        b.show_week()
        for desk in desks:
            desk.controller.start()
        ok = spin_until(lambda: all(d.controller.display.phase is SyncPhase.SYNCED
                                    for d in desks) and b.controller.listener is not None
                        and b.controller.listener.listening.is_set())
        if not ok:
            print("the desks did not get in sync", file=sys.stderr)
            return 1
        spin_until(lambda: False, 1.0)  # let start-up rounds settle
        delays: list[float] = []
        slot = NOW.replace(hour=6)
        for n in range(args.bookings):
            before = b.shown()
            starts = slot + timedelta(days=n % 7, hours=n // 7)
            a.services.sessions.book(a.owner, member, package.id, a.owner.staff_id, starts)
            saved = time.perf_counter()
            if not spin_until(lambda before=before: b.shown() > before):
                print(f"booking {n + 1} never showed on desk B", file=sys.stderr)
                return 1
            delays.append((time.perf_counter() - saved) * 1000)
            spin_until(lambda: False, 0.3)  # the next booking is a separate action
        delays.sort()
        p95 = delays[max(0, round(0.95 * len(delays)) - 1)]
        print(f"booking saved on A -> on B's week view, {len(delays)} bookings: "
              f"p50 {statistics.median(delays):.0f} ms, p95 {p95:.0f} ms, "
              f"max {delays[-1]:.0f} ms (target <= 2000 ms)")
        return 0
    finally:
        for desk in desks:
            desk.close()
        lanes.shutdown()
        worker.install(None)
        time.sleep(1.0)  # the listeners end on their own (they poll every 0.5 s)
        drop_database(args.pg_host, args.pg_port, name)
        shutil.rmtree(folder, ignore_errors=True)
        del app


if __name__ == "__main__":
    sys.exit(main())
