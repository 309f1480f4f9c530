"""CPU time of saving an assessment, over many saves (prints figures; asserts nothing).

    python bench/bench_assessment_save.py /tmp/copy-of-a-demo.sqlite3 --saves 300

Works on the file given (it writes: give it a copy of a demo database, opened once before
so the upgrade is not timed). `bench_services.py` times 15 saves among other figures; on a
shared machine that is too few, so this one times hundreds and prints the CPU median
(time.process_time) beside the wall one. The draft is the one bench_services.py saves.
Target: ≤ 1.8 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from the5hc_desktop.services import open_services
from the5hc_desktop.services.assessments import AssessmentDraft
from the5hc_desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from the5hc_desktop.store.models import Client

VALUES: dict[str, object] = {
    "push_up_reps": 20, "farmer_carry_weight_kg": 40.0, "farmer_carry_distance_m": 30.0,
    "farmer_carry_time_s": 45.0, "toe_touch_cm": 2.0, "shoulder_mobility_score": 2,
    "shoulder_left_cm": 12.0, "shoulder_right_cm": 14.0, "overhead_squat_score": 2,
    "knee_valgus": True, "balance_right_open_s": 30.0, "balance_left_open_s": 28.0,
    "balance_right_closed_s": 9.0, "balance_left_closed_s": 8.0,
    "step_test_duration_s": 180.0, "step_test_pulse_1": 50, "step_test_pulse_2": 45,
    "step_test_pulse_3": 41,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path, help="a demo database copy (it is written)")
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--warm-up", type=int, default=10)
    options = parser.parse_args()
    services = open_services(options.database)
    try:
        actor = services.accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        with services.database.read() as session:
            client_id = session.scalars(select(Client.id).order_by(Client.id).limit(1)).one()
        days = iter(range(10**9))

        def save() -> None:
            services.assessments.create(actor, AssessmentDraft(
                client_id=client_id, assessed_on=date.today() - timedelta(days=next(days) % 300),
                trainer_id=None, weight_kg=70.0, values=VALUES))

        for _ in range(options.warm_up):
            save()
        cpu, wall = [], []
        for _ in range(options.saves):
            cpu_start, start = time.process_time(), time.perf_counter()
            save()
            cpu.append((time.process_time() - cpu_start) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
        print(f"save an assessment: CPU p50 {statistics.median(cpu):.3f} ms "
              f"(mean {statistics.mean(cpu):.3f})   wall p50 {statistics.median(wall):.3f} ms "
              f"(n={options.saves})")
    finally:
        services.close()


if __name__ == "__main__":
    main()
