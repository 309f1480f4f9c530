"""CPU per assessment of the demo's scoring path, step by step (prints figures; asserts
nothing; no database).

    python bench/bench_demo_scoring.py                 # a 20,000-member busy gym
    python bench/bench_demo_scoring.py --clients 100000

The busy demo writes about one assessment a member; each is checked (`AssessmentInputs`),
scored with its risk and tips (`score_columns`) and its JSON columns packed, as
services/demo.py does it. Multiply by the assessments for the seconds a demo spends here.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from the5hc_desktop.domain.assessment_inputs import AssessmentInputs
from the5hc_desktop.domain.people import age_on
from the5hc_desktop.services.assessments import score_columns
from the5hc_desktop.services.demo import PackedOnce
from the5hc_desktop.services.demo_busy import plan_busy_gym
from the5hc_desktop.store.types import pack_json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    gc.disable()  # as the generator runs
    started = time.process_time()
    plan = plan_busy_gym(options.seed, options.clients, date(2026, 12, 1))
    print(f"plan: {time.process_time() - started:.2f} s CPU for {options.clients:,} members, "
          f"{len(plan.assessments):,} assessments")
    count = len(plan.assessments)

    def step(label: str, work: Callable[[], Any]) -> Any:
        start = time.process_time()
        result = work()
        print(f"  {label:<28} {1e6 * (time.process_time() - start) / count:7.1f} µs CPU")
        return result

    members = plan.members
    inputs = step("inputs checked", lambda: [
        (AssessmentInputs.from_mapping({**p.values, "gender": members[p.member].gender,
                                        "age": age_on(members[p.member].birth_date, p.on)}),
         members[p.member].height_cm)
        for p in plan.assessments])
    columns = step("scores, risk and tips", lambda: [score_columns(i, h) for i, h in inputs])
    step("risk factors packed", lambda: [pack_json(c["risk_factors"]) for c in columns])
    tips = PackedOnce()
    step("tips packed (once each)", lambda: [tips(c["recommendations"]) for c in columns])
    print(f"  ({len(tips.packed):,} distinct tip lists)")


if __name__ == "__main__":
    main()
