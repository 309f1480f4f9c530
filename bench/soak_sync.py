"""A longer run of the sync convergence state machine than CI's (prints; fails loudly).

    python bench/soak_sync.py                          # 200 examples of up to 50 steps
    python bench/soak_sync.py --examples 1000 --steps 80 --seed 7

Three desks of one gym on a scratch database of the PostgreSQL server at 127.0.0.1:5432
(dropped at the end with its roles) do random work, go offline, skew their clocks, crash
mid-push and mid-pull and get pushes delivered twice; after each example every desk syncs
twice and SYNC.md promises 1–3 are checked (tests/sync/test_sync_convergence.py). A failing
example is printed by hypothesis in its shortest form: make it a regression test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "sync")]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--examples", type=int, default=200)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (repeatable)")
    options = parser.parse_args()

    from argon2 import PasswordHasher
    from hypothesis import HealthCheck, seed, settings
    from sync_cluster import template_database
    from sync_server_support import ServerHarness, create_scratch_database, drop_scratch_database
    from test_sync_convergence import GymOfThreeDesks

    from the5hc_desktop.services import passwords
    from the5hc_desktop.sync import server_admin

    passwords._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    name = create_scratch_database()
    harness = ServerHarness(name)
    workdir = Path(tempfile.mkdtemp(prefix="the5hc-soak-sync-"))
    runs = [0]
    try:
        server_admin.init(harness.admin_dsn)

        class Soak(GymOfThreeDesks):
            server = harness
            template = template_database(workdir)

            def teardown(self) -> None:
                try:
                    if hasattr(self, "desks"):
                        self.check_promises()
                        runs[0] += 1
                        if runs[0] % 10 == 0:
                            print(f"  {runs[0]} examples converged", flush=True)
                finally:
                    super().teardown()

        Soak.workdir = workdir
        run = settings(max_examples=options.examples, stateful_step_count=options.steps,
                       deadline=None, suppress_health_check=list(HealthCheck),
                       print_blob=True)(Soak)
        if options.seed is not None:
            run = seed(options.seed)(run)
        started = time.perf_counter()
        run.TestCase().runTest()
        print(f"{runs[0]} examples of up to {options.steps} steps converged in "
              f"{time.perf_counter() - started:.0f} s")
    finally:
        harness.close_clients()
        drop_scratch_database(name)


if __name__ == "__main__":
    main()
