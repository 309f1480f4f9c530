"""Service timings on a large demo database (prints figures; asserts nothing).

    python bench/bench_services.py                 # 100,000 demo members in a temp folder
    python bench/bench_services.py --clients 20000 --db /tmp/bench.sqlite3 --keep
    python bench/bench_services.py --copy-of /work/bench/gym100k.sqlite3   # an existing demo

`--copy-of` works on a copy (opening may migrate it, the assessment timing writes) and skips
generation. Targets: demo generation ≤ 60 s; client search p95 ≤ 10 ms (name part, 초성,
last four phone digits); saving an assessment ≤ 1.8 ms; dashboard figures ≤ 50 ms. CPU
medians are printed beside wall ones: on a shared machine the CPU figure is the fair one.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from the5hc_desktop.domain import hangul
from the5hc_desktop.domain.roles import Role
from the5hc_desktop.services import Services, open_services
from the5hc_desktop.services.assessments import AssessmentDraft
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME, generate_demo
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import Client, StaffAccount

TARGETS_MS = {"search": 10.0, "assessment": 1.8, "dashboard": 50.0}
DEMO_TARGET_S = 60.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


CPU_TIMES: dict[int, list[float]] = {}  # id(wall list) -> the CPU times of the same calls


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of each of `repeat` calls (after one untimed warm-up call)."""
    call()
    times, cpu = [], []
    for _ in range(repeat):
        start, cpu_start = time.perf_counter(), time.process_time()
        call()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
    CPU_TIMES[id(times)] = cpu
    return times


def line(label: str, times: list[float], target: float | None = None) -> str:
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    cpu = CPU_TIMES.get(id(times))
    cpu_text = f"   CPU p50 {statistics.median(cpu):8.2f} ms" if cpu else ""
    verdict = "" if target is None else ("  ok" if p50 <= target else f"  MISSES {target:g} ms")
    return (f"{label:<34} p50 {p50:8.2f} ms   p95 {p95:8.2f} ms{cpu_text}   "
            f"(n={len(times)}){verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=60, help="queries per search kind")
    parser.add_argument("--db", type=Path, help="database file (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--copy-of", type=Path, help="time a copy of this demo database")
    parser.add_argument("--repeat", type=int, default=30, help="calls per timed figure")
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="the5hc-bench-"))
    path = options.db or folder / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    try:
        if options.copy_of:
            shutil.copyfile(options.copy_of, path)
            measure(path, options)
        else:
            run(path, options)
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)
            if options.db:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)


def run(path: Path, options: argparse.Namespace) -> None:
    print(f"database: {path}")
    start = time.perf_counter()
    database = Database.open(path)
    result = generate_demo(database, options.clients, options.seed)
    database.close()
    demo_s = time.perf_counter() - start
    verdict = "ok" if demo_s <= DEMO_TARGET_S else f"MISSES {DEMO_TARGET_S:g} s"
    print(f"demo generation ({options.clients:,} clients)    {demo_s:8.1f} s   {verdict}")
    print(f"  rows: staff {result.staff}, clients {result.clients:,}, assessments "
          f"{result.assessments:,}, packages {result.packages:,}, sessions {result.sessions:,}, "
          f"ledger {result.ledger_entries:,}; file {path.stat().st_size / 1e6:.0f} MB")
    measure(path, options)


def measure(path: Path, options: argparse.Namespace) -> None:
    start = time.perf_counter()
    services = open_services(path)
    print(f"open (migrating when older)         {time.perf_counter() - start:8.1f} s")
    try:
        actor = services.accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        rng = random.Random(options.seed)
        with services.database.read() as session:
            sample = session.execute(
                select(Client.id, Client.name, Client.phone).order_by(Client.id)
            ).all()
        picks = [sample[rng.randrange(len(sample))] for _ in range(options.queries)]
        names = [p.name[-2:] for p in picks]
        chosung = [hangul.initials(p.name)[:3] for p in picks]
        last4 = [p.phone[-4:] for p in picks]

        def search(queries: list[str]) -> Callable[[], object]:
            turn = iter(range(10**9))

            def call() -> object:
                query = queries[next(turn) % len(queries)]
                return services.clients.search(actor, query, active=None)

            return call

        n = options.queries
        print(line("search: name part (e.g. '민수')", timed(search(names), n),
                   TARGETS_MS["search"]))
        print(line("search: 초성 (e.g. 'ㄱㅁㅅ')", timed(search(chosung), n),
                   TARGETS_MS["search"]))
        print(line("search: last four phone digits", timed(search(last4), n),
                   TARGETS_MS["search"]))

        target = picks[0]
        days = iter(range(10_000))

        def create_assessment() -> object:
            # A complete assessment, as the wizard's Finish button sends it.
            return services.assessments.create(actor, AssessmentDraft(
                client_id=target.id,
                assessed_on=date.today() - timedelta(days=next(days) % 300),
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

        repeat = options.repeat
        print(line("create an assessment (commit)", timed(create_assessment, repeat),
                   TARGETS_MS["assessment"]))
        print(line("dashboard figures (owner)",
                   timed(lambda: services.dashboard.metrics(actor), repeat),
                   TARGETS_MS["dashboard"]))
        trainer = trainer_actor(services)
        if trainer is not None:
            print(line("dashboard figures (a trainer)",
                       timed(lambda: services.dashboard.metrics(trainer), repeat),
                       TARGETS_MS["dashboard"]))
        print(line("dashboard lists (upcoming, new)",
                   timed(lambda: services.dashboard_lists.lists(actor), repeat)))
    finally:
        services.close()


def trainer_actor(services: Services) -> Actor | None:
    """A trainer of the demo gym, as the dashboard sees them (their own revenue)."""
    with services.database.read() as session:
        row = session.execute(select(StaffAccount).where(
            StaffAccount.role == Role.TRAINER.value).limit(1)).scalar()
        if row is None:
            return None
        return Actor(row.id, Role(row.role), row.display_name, row.username)


if __name__ == "__main__":
    main()
