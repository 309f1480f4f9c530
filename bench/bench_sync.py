"""Sync figures of SYNC.md §6 against the PostgreSQL server on 127.0.0.1 (prints; asserts nothing).

    python bench/bench_sync.py                           # a 100,000-member demo gym
    python bench/bench_sync.py --clients 20000           # smaller, quicker
    python bench/bench_sync.py --source gym.sqlite3      # reuse a demo file (copied, not changed)
    python bench/bench_sync.py --downloads 3             # median of three initial downloads
    python bench/bench_sync.py --wait-quiet 0.3          # download once the machine is quiet

Makes a scratch server database (dropped at the end, with its roles), uploads the gym from
a first desk, then measures:
- initial download of the whole gym by a new desk (target ≤ 60 s), with the CPU seconds of
  the desk's process and of its server backend (the machine is shared: wall time alone
  says little when others are busy);
- a push of 10,000 changed rows (target ≤ 2 s; the whole round, which also pulls the
  server's copy back and verifies, is printed too);
- a round with nothing to do (target ≤ 300 ms);
- a booking saved on desk A until desk B's listener hears the NOTIFY (target ≤ 2 s), and
  until desk B has pulled it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from the5hc_desktop.services import build_services
from the5hc_desktop.services.demo import generate_demo
from the5hc_desktop.services.maintenance import system_actor
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import Client, TrainingSession
from the5hc_desktop.sync import enrolment, server_admin
from the5hc_desktop.sync.engine import RoundResult, SyncEngine
from the5hc_desktop.sync.link import PgLink, ServerAddress, connect
from the5hc_desktop.sync.listen import PushListener
from the5hc_desktop.sync.local import SERVER, LocalReplica

PG = "host=127.0.0.1 port=5432 user=postgres"
TARGETS = {"download_s": 60.0, "push_s": 2.0, "idle_ms": 300.0, "notify_s": 2.0}


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) of a process on this machine, from /proc; None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class BenchDesk:
    def __init__(self, path: Path, device: server_admin.DeviceAdded) -> None:
        self.db = Database.open(path, device_name=path.stem)
        where = enrolment.decode(device.code)
        self.address = ServerAddress(where.host, where.port, where.database,
                                     str(where.device_id), where.role, "disable")
        self.secret = device.secret
        self.server_cpu = 0.0  # CPU seconds of the server backends of this desk's rounds
        replica = LocalReplica(self.db)
        try:
            replica.set_state({SERVER: self.address.as_state()})
        finally:
            replica.close()
        self.db.sync_mark = replica.pushed_mark()

    def round(self, progress: Callable[[str, int], None] | None = None) -> RoundResult:
        engine = SyncEngine(self.db, lambda: MeteredLink(connect(self.address, self.secret),
                                                         self))
        try:
            return engine.run_round(progress)
        finally:
            engine.close()

    def close(self) -> None:
        self.db.close()


class MeteredLink:
    """A server link that adds its backend's CPU time to the desk when it closes."""

    def __init__(self, inner: PgLink, desk: BenchDesk) -> None:
        self.inner = inner
        self.desk = desk

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def close(self) -> None:
        self.desk.server_cpu += _cpu_seconds(self.inner.conn.info.backend_pid) or 0.0
        self.inner.close()


def timed_round(desk: BenchDesk) -> tuple[RoundResult, float, float]:
    """The round, its seconds, and the seconds until its last push was acknowledged."""
    marks: dict[str, float] = {}
    start = time.perf_counter()

    def progress(stage: str, _count: int) -> None:
        marks[stage] = time.perf_counter()

    result = desk.round(progress)
    end = time.perf_counter()
    return result, end - start, marks.get("push", start) - start


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else f"MISSES {target:g}"


def scratch_server(prefix: str = "the5hc_bench_sync_") -> tuple[str, str]:
    import psycopg

    name = f"{prefix}{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{PG} dbname=postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    dsn = f"{PG} dbname={name}"
    server_admin.init(dsn)
    return name, dsn


def drop_server(name: str) -> None:
    import psycopg

    dsn = f"{PG} dbname={name}"
    with psycopg.connect(dsn) as conn:
        tags = [r[0] for r in conn.execute("SELECT installation FROM the5hc.schema_info")]
    with psycopg.connect(f"{PG} dbname=postgres", autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        for tag in tags:
            roles = [r[0] for r in conn.execute(
                "SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s) "
                "ORDER BY rolname LIKE '%%\\_owner'", (f"the5hc_{tag}_",))]
            for role in roles:
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def source_gym(folder: Path, clients: int, source: Path | None) -> Path:
    path = folder / "front.sqlite3"
    if source is not None:
        shutil.copyfile(source, path)
        return path
    started = time.perf_counter()
    database = Database.open(path, device_name="front")
    try:
        generate_demo(database, clients, seed=1)
    finally:
        database.close()
    print(f"demo gym of {clients:,} members generated in {time.perf_counter() - started:.1f} s")
    return path


def row_counts(db: Database) -> str:
    with db.read() as s:
        members = s.scalar(select(func.count()).select_from(Client))
        sessions = s.scalar(select(func.count()).select_from(TrainingSession))
    return f"{members:,} members, {sessions:,} sessions"


def change_rows(db: Database, count: int) -> None:
    """`count` member rows edited here (stamped by the write seam, so all in the outbox)."""
    with db.write() as s:
        ids = list(s.scalars(select(Client.id).order_by(Client.id).limit(count)))
        tag = datetime.now(UTC).strftime("%H%M%S")
        for chunk in range(0, len(ids), 1000):
            for client in s.scalars(select(Client).where(Client.id.in_(ids[chunk:chunk + 1000]))):
                client.notes = f"bench {tag}"


def notify_latency(a: BenchDesk, b: BenchDesk, gym_channel: str, repeat: int) -> None:
    heard = threading.Event()
    heard_at: list[float] = []

    def on_push(_seq: int) -> None:
        heard_at.append(time.perf_counter())
        heard.set()

    listener = PushListener(b.address, b.secret, gym_channel, on_push)
    listener.start()
    if not listener.listening.wait(10):
        print("listener did not start; skipping the live-update figure")
        listener.stop()
        return
    services = build_services(a.db)
    actor = system_actor(a.db)
    with a.db.read() as s:
        client_id = s.scalar(select(Client.id).where(Client.deleted_at.is_(None)).limit(1))
    package = services.packages.sell(actor, client_id, 50_000 * repeat, 50_000, "card")
    to_notify, to_visible = [], []
    try:
        for i in range(repeat):
            heard.clear()
            heard_at.clear()
            when = datetime.now(UTC) + timedelta(days=30 + i, hours=i % 8)
            start = time.perf_counter()
            booked = services.sessions.book(actor, client_id, package.id, actor.staff_id, when)
            a.round()  # the app runs a round right after a save when it is online
            if not heard.wait(10):
                print(f"  booking {i}: no NOTIFY within 10 s")
                continue
            to_notify.append(heard_at[0] - start)
            b.round()
            with b.db.read() as s:
                seen = s.get(TrainingSession, booked.id) is not None
            if seen:
                to_visible.append(time.perf_counter() - start)
    finally:
        listener.stop()
    if to_notify:
        worst = max(to_notify)
        print(f"booking saved on A → NOTIFY at B's listener: median "
              f"{statistics.median(to_notify) * 1000:.0f} ms, max {worst * 1000:.0f} ms "
              f"(n={len(to_notify)})  {verdict(worst, TARGETS['notify_s'])}")
    if to_visible:
        print(f"booking saved on A → in B's database (B's round after the NOTIFY): median "
              f"{statistics.median(to_visible) * 1000:.0f} ms, max "
              f"{max(to_visible) * 1000:.0f} ms  {verdict(max(to_visible), TARGETS['notify_s'])}")


def wait_for_quiet(load: float, limit_s: float = 3600.0) -> None:
    """On a shared machine: the timed part starts once others have finished."""
    started = time.monotonic()
    while os.getloadavg()[0] > load and time.monotonic() - started < limit_s:
        time.sleep(5)
    print(f"waited {time.monotonic() - started:.0f} s for load ≤ {load:g} "
          f"(now {os.getloadavg()[0]:.2f})")


def download(folder: Path, device: server_admin.DeviceAdded, times: int) -> BenchDesk:
    """Initial downloads into new files by one device; the last desk stays open."""
    walls: list[float] = []
    pulled = 0
    desk: BenchDesk | None = None
    for attempt in range(times):
        if desk is not None:
            desk.close()
        desk = BenchDesk(folder / f"laptop{attempt}.sqlite3", device)
        before = os.times()
        result, seconds, _ = timed_round(desk)
        after = os.times()
        own = after.user - before.user + after.system - before.system
        walls.append(seconds)
        pulled = result.pulled
        print(f"initial download by a new desk: {result.pulled:,} rows in {seconds:.1f} s "
              f"({result.pulled / seconds:,.0f} rows/s), verified {result.verified}  "
              f"{verdict(seconds, TARGETS['download_s'])}; CPU: desk {own:.1f} s, server "
              f"backend {desk.server_cpu:.1f} s; load average {os.getloadavg()[0]:.1f}")
    assert desk is not None
    if times > 1:
        print(f"initial download, median of {times}: {statistics.median(walls):.1f} s")
    print(f"needed for {TARGETS['download_s']:g} s: "
          f"{pulled / TARGETS['download_s']:,.0f} rows/s ({pulled:,} rows)")
    return desk


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--source", type=Path, help="an existing demo gym file to upload")
    parser.add_argument("--changed", type=int, default=10_000)
    parser.add_argument("--downloads", type=int, default=1,
                        help="initial downloads to time (each into a new file); median shown")
    parser.add_argument("--keep", action="store_true", help="keep the files and the server db")
    parser.add_argument("--wait-quiet", type=float, metavar="LOAD",
                        help="before the download, wait (up to an hour) until the machine's "
                             "1-minute load average is at most LOAD")
    parser.add_argument("--db-prefix", default="the5hc_bench_sync_",
                        help="name prefix of the scratch server database")
    options = parser.parse_args()
    os.environ.setdefault("THE5HC_LOG_LEVEL", "WARNING")

    folder = Path(tempfile.mkdtemp(prefix="the5hc-bench-sync-"))
    name, dsn = scratch_server(options.db_prefix)
    desks: list[BenchDesk] = []
    try:
        gym = server_admin.add_gym(dsn, "벤치 센터")
        devices = [server_admin.add_device(dsn, str(gym.gym), n) for n in ("front", "laptop")]
        front = BenchDesk(source_gym(folder, options.clients, options.source), devices[0])
        desks.append(front)
        print(f"gym: {row_counts(front.db)}")

        result, seconds, _ = timed_round(front)
        print(f"first desk uploads the gym: {result.pushed:,} rows in {seconds:.1f} s "
              f"({result.pushed / seconds:,.0f} rows/s)")

        if options.wait_quiet is not None:
            wait_for_quiet(options.wait_quiet)
        laptop = download(folder, devices[1], max(1, options.downloads))
        desks.append(laptop)

        change_rows(front.db, options.changed)
        result, seconds, pushing = timed_round(front)
        print(f"push of {result.pushed:,} changed rows: {pushing:.2f} s until acknowledged  "
              f"{verdict(pushing, TARGETS['push_s'])}; whole round {seconds:.2f} s "
              f"(pulls {result.pulled:,} back, verifies)")
        laptop.round()

        idle = []
        for _ in range(7):
            result, seconds, _ = timed_round(laptop)
            assert (result.pushed, result.pulled) == (0, 0)
            idle.append(seconds * 1000)
        print(f"no-change round: median {statistics.median(idle):.0f} ms, max "
              f"{max(idle):.0f} ms  {verdict(statistics.median(idle), TARGETS['idle_ms'])}")

        replica = LocalReplica(laptop.db)
        try:
            channel: Any = replica.state("gym", {}).get("channel")
        finally:
            replica.close()
        notify_latency(front, laptop, str(channel), repeat=5)
    finally:
        for desk in desks:
            desk.close()
        if options.keep:
            print(f"kept {folder} and server database {name}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
            drop_server(name)


if __name__ == "__main__":
    main()
