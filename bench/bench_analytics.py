"""분석 pane timings on a large demo database (prints figures; asserts nothing).

    python bench/bench_analytics.py                  # 100,000 demo members in a temp folder
    python bench/bench_analytics.py --clients 20000 --db /tmp/bench.sqlite3 --keep

Target: a year's report (every trainer, and one trainer) ≤ 200 ms; it runs on the
slow-read lane, off the GUI thread. Also times the availability shading of a week and the
next free slots. The machine is shared, so each report line also gives the median CPU time
of this process (less swayed by other load than the wall clock) and the time of each of
the report's queries.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench_services import line, timed

from the5hc_desktop.services import analytics_queries, open_services
from the5hc_desktop.services.analytics import _Builder
from the5hc_desktop.services.base import gym_zone
from the5hc_desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME, generate_demo
from the5hc_desktop.store.database import Database

TARGET_MS = 200.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path, help="database file (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="the5hc-bench-"))
    path = options.db or folder / "bench.sqlite3"
    try:
        if not path.exists():
            start = time.perf_counter()
            database = Database.open(path)
            generate_demo(database, options.clients, options.seed)
            database.close()
            print(f"demo generation ({options.clients:,} clients) "
                  f"{time.perf_counter() - start:8.1f} s")
        run(path)
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)


def run(path: Path) -> None:
    services = open_services(path)
    try:
        actor = services.accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        today = services.analytics.today()
        year = (date(today.year, 1, 1), date(today.year, 12, 31))
        trainers = services.analytics.trainers(actor)
        report = services.analytics.report(actor, *year)
        total = report.total
        print(f"year {year[0]}..{year[1]}: {len(report.trainers)} trainers, sessions "
              f"{total.completed + total.no_show + total.cancelled:,}, revenue "
              f"{total.revenue_gross:,}, active members {total.active_members:,}")
        one = trainers[0][0]
        month = (today.replace(day=1), today)
        for label, call in (
            ("analytics: a year, every trainer", lambda: services.analytics.report(actor, *year)),
            ("analytics: a year, one trainer",
             lambda: services.analytics.report(actor, *year, one)),
            ("analytics: this month, every trainer",
             lambda: services.analytics.report(actor, *month)),
        ):
            walls, cpus = timed_both(call, 10)
            print(line(label, walls, TARGET_MS) + f"   cpu p50 {statistics.median(cpus):7.2f} ms")
        queries(services, *year)
        ids = [t for t, _n in trainers]
        week = (today, today + timedelta(days=6))
        print(line("availability: a week's shading, all trainers",
                   timed(lambda: services.availability.shading(ids, *week), 10)))
        print(line("availability: next 5 free slots",
                   timed(lambda: services.availability.next_free(actor, one, 60), 10)))
    finally:
        services.close()


def timed_both(call: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """Wall and process-CPU milliseconds of each of `repeat` calls (after a warm-up)."""
    call()
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return walls, cpus


def queries(services: object, first: date, last: date) -> None:
    """Median CPU milliseconds of each query of a year's report (every trainer)."""
    database = services.analytics._db  # type: ignore[attr-defined]
    with database.read() as session:
        b = _Builder(session, gym_zone(session), first, last, None, datetime.now(UTC))
        window = analytics_queries.stored(b._utc(b.after - timedelta(days=30)))
        q = analytics_queries
        parts: list[tuple[str, Callable[[], object]]] = [
            ("sessions per trainer and status", lambda: list(q.session_counts(session, b.lo,
                                                                              b.hi))),
            ("weekday × hour", b._heat),
            ("revenue", lambda: list(q.revenue(session, first, b.after))),
            ("packages sold", lambda: list(q.packages_sold(session, first, b.after))),
            ("active members", lambda: q.active_members(session, window, b.hi)),
            ("new members", lambda: list(q.new_members(session, b.lo, b.hi))),
            ("lapsed and retention", lambda: q.member_spans(session, b.lo, b.hi, b.now)),
            ("assessments", lambda: list(q.assessments_done(session, first, b.after))),
            ("score changes", lambda: list(q.score_changes(session, first, b.after))),
        ]
        for label, call in parts:
            walls, cpus = timed_both(call, 5)
            print(f"  {label:<32} wall p50 {statistics.median(walls):7.2f} ms   "
                  f"cpu p50 {statistics.median(cpus):7.2f} ms")


if __name__ == "__main__":
    main()
