"""분석 pane timings on a large demo database (prints figures; asserts nothing).

    python bench/bench_analytics.py                  # 100,000 demo members in a temp folder
    python bench/bench_analytics.py --clients 20000 --db /tmp/bench.sqlite3 --keep

Target: a year's report (every trainer, and one trainer) ≤ 200 ms; it runs on the
slow-read lane, off the GUI thread. Also times the availability shading of a week and the
next free slots.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench_services import line, timed

from the5hc_desktop.services import open_services
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
        print(line("analytics: a year, every trainer",
                   timed(lambda: services.analytics.report(actor, *year), 10), TARGET_MS))
        one = trainers[0][0]
        print(line("analytics: a year, one trainer",
                   timed(lambda: services.analytics.report(actor, *year, one), 10), TARGET_MS))
        month = (today.replace(day=1), today)
        print(line("analytics: this month, every trainer",
                   timed(lambda: services.analytics.report(actor, *month), 10), TARGET_MS))
        ids = [t for t, _n in trainers]
        week = (today, today + timedelta(days=6))
        print(line("availability: a week's shading, all trainers",
                   timed(lambda: services.availability.shading(ids, *week), 10)))
        print(line("availability: next 5 free slots",
                   timed(lambda: services.availability.next_free(actor, one, 60), 10)))
    finally:
        services.close()


if __name__ == "__main__":
    main()
