"""Member search, dashboard and assessment-save timings on an existing demo database.

    python -m the5hc_desktop demo --clients 100000 --seed 1 --db /tmp/perf/demo.sqlite3
    python bench/bench_search.py /tmp/perf/demo.sqlite3            # works on a temp copy

The file is copied first (opening it may migrate it, and the assessment timing writes).
Prints p50/p95 per query kind; asserts nothing. Targets: search p95 ≤ 10 ms,
creating an assessment ≤ 20 ms, dashboard ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from the5hc_desktop.domain import hangul
from the5hc_desktop.services import open_services
from the5hc_desktop.services.assessments import AssessmentDraft
from the5hc_desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from the5hc_desktop.store.models import Client

SEARCH_MS, ASSESSMENT_MS, DASHBOARD_MS = 10.0, 20.0, 200.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def timed(call: Callable[[int], object], repeat: int) -> list[float]:
    """Milliseconds of each of `repeat` calls (after one untimed warm-up call)."""
    call(0)
    times = []
    for turn in range(repeat):
        start = time.perf_counter()
        call(turn)
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(label: str, times: list[float], target: float) -> None:
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    verdict = "ok" if p95 <= target else f"MISSES {target:g} ms"
    sys.stdout.write(f"{label:<36} p50 {p50:8.2f} ms   p95 {p95:8.2f} ms   "
                     f"(n={len(times)})  {verdict}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="a demo database (left unchanged)")
    parser.add_argument("--queries", type=int, default=60, help="calls per query kind")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="the5hc-bench-search-"))
    try:
        copy = folder / "bench.sqlite3"
        shutil.copyfile(options.db, copy)
        start = time.perf_counter()
        services = open_services(copy)
        opened = time.perf_counter() - start
        sys.stdout.write(f"open (incl. any migration)           {opened:8.2f} s\n")
        try:
            run(services, options)
        finally:
            services.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(services: Any, options: argparse.Namespace) -> None:
    actor = services.accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    rng = random.Random(options.seed)
    with services.database.read() as session:
        sample = session.execute(
            select(Client.id, Client.name, Client.phone).where(Client.phone.is_not(None))
        ).all()
    picks = [sample[rng.randrange(len(sample))] for _ in range(options.queries)]
    kinds: dict[str, list[str]] = {
        "name part, 2 chars ('민수')": [p.name[-2:] for p in picks],
        "name part, 1 char": [p.name[1] for p in picks],
        "full name": [p.name for p in picks],
        "초성 3 ('ㄱㅁㅅ')": [hangul.initials(p.name)[:3] for p in picks],
        "초성 2 ('ㅁㅅ')": [hangul.initials(p.name)[1:3] for p in picks],
        "mixed ('김ㅁ')": [p.name[0] + hangul.initials(p.name)[1] for p in picks],
        "last four digits": [p.phone[-4:] for p in picks],
        "digits, 5 of the middle": [p.phone[4:9] for p in picks],
        "no match ('없는이름')": ["없는이름"] * len(picks),
    }
    n = options.queries
    for label, queries in kinds.items():
        def call(turn: int, queries: list[str] = queries) -> object:
            return services.clients.search(actor, queries[turn % len(queries)], active=None)

        report(f"search: {label}", timed(call, n), SEARCH_MS)

    def listing(**kwargs: Any) -> Callable[[int], object]:
        return lambda turn: services.clients.search(actor, "", **kwargs)

    report("list: no term, active", timed(listing(), n), SEARCH_MS)
    report("list: no term, all", timed(listing(active=None), n), SEARCH_MS)
    report("list: no term, page 50", timed(listing(offset=5000), n), SEARCH_MS)
    report("list: sort by last overall", timed(listing(sort="last_overall", descending=True),
                                                  max(5, n // 6)), SEARCH_MS)
    report("list: sort by last assessed", timed(listing(sort="last_assessed_on"),
                                                   max(5, n // 6)), SEARCH_MS)
    report("list: sort by remaining", timed(listing(sort="remaining", descending=True),
                                               max(5, n // 6)), SEARCH_MS)
    names = kinds["name part, 2 chars ('민수')"]
    report("search '민수' sorted by last overall",
           timed(lambda t: services.clients.search(actor, names[t % len(names)],
                                                   sort="last_overall"), n), SEARCH_MS)

    target = picks[0]

    def create_assessment(turn: int) -> object:
        return services.assessments.create(actor, AssessmentDraft(
            client_id=target.id,
            assessed_on=date.today() - timedelta(days=turn % 300),
            trainer_id=None,
            weight_kg=70.0,
            values={
                "push_up_reps": 20, "farmer_carry_weight_kg": 40.0,
                "farmer_carry_distance_m": 30.0, "farmer_carry_time_s": 45.0,
                "toe_touch_cm": 2.0, "shoulder_mobility_score": 2,
                "shoulder_left_cm": 12.0, "shoulder_right_cm": 14.0,
                "overhead_squat_score": 2, "knee_valgus": True,
                "balance_right_open_s": 30.0, "balance_left_open_s": 28.0,
                "balance_right_closed_s": 9.0, "balance_left_closed_s": 8.0,
                "step_test_duration_s": 180.0, "step_test_pulse_1": 50,
                "step_test_pulse_2": 45, "step_test_pulse_3": 41,
            },
        ))

    report("create an assessment (commit)", timed(create_assessment, 30), ASSESSMENT_MS)
    report("dashboard metrics", timed(lambda t: services.dashboard.metrics(actor), 20),
           DASHBOARD_MS)


if __name__ == "__main__":
    main()
