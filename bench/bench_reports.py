"""PDF timings: cold report (fresh process, fonts included), warm report, batch of 100.

Targets: warm ≤ 100 ms, cold ≤ 600 ms, batch of 100 ≤ 10 s. Printed, never asserted.
Wall time and CPU time are both shown: on a busy machine the CPU figure is the fair one.

    python bench/bench_reports.py
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

SAMPLE: dict[str, Any] = {
    "gender": "male", "age": 34, "body_weight_kg": 78.0,
    "push_up_reps": 24, "farmer_carry_weight_kg": 24, "farmer_carry_distance_m": 20,
    "farmer_carry_time_s": 52.3, "toe_touch_cm": -4.5, "shoulder_mobility_score": 2,
    "shoulder_left_cm": 14.0, "shoulder_right_cm": 17.5, "overhead_squat_score": 2,
    "forward_lean": True, "balance_right_open_s": 34.2, "balance_left_open_s": 21.7,
    "balance_right_closed_s": 9.4, "balance_left_closed_s": 12.1,
    "step_test_pulse_1": 48, "step_test_pulse_2": 44, "step_test_pulse_3": 41,
}


def sample(n: int = 0) -> Any:
    """A complete assessment report (what a trainer prints most), built by the domain."""
    from the5hc_desktop.domain.recommendations import recommend
    from the5hc_desktop.domain.risk import assess_risk
    from the5hc_desktop.domain.scoring import (
        SCORING_VERSION,
        AssessmentInputs,
        score_assessment,
    )
    from the5hc_desktop.reports.data import AssessmentReportData

    inputs = AssessmentInputs.from_mapping(SAMPLE | {"push_up_reps": 10 + n % 30})
    scores = score_assessment(inputs)
    return AssessmentReportData(
        gym_name="더파이브 헬스케어", client_name=f"회원{n:03d}", gender=inputs.gender.label,
        age=inputs.age, height_cm=178.2, weight_kg=inputs.body_weight_kg,
        assessed_on=date(2024, 5, 10) - timedelta(days=n), trainer_name="박지훈",
        environment="indoor", temperature_c=22.0, inputs=inputs, scores=scores,
        risk=assess_risk(inputs, scores), recommendations=recommend(inputs, scores,
                                                                    height_cm=178.2),
        notes="스쿼트 시 상체가 앞으로 기울어짐. 흉추 가동성 운동 과제.",
        scoring_version=SCORING_VERSION, generated_at=datetime.now(UTC),
    )


def cold() -> None:
    """Run in a fresh interpreter: import, register fonts and render the first report."""
    start = time.perf_counter()
    cpu = time.process_time()
    from the5hc_desktop.reports.assessment_report import render_assessment_report
    from the5hc_desktop.reports.fonts import register_fonts

    imported = time.perf_counter()
    register_fonts()
    fonts = time.perf_counter()
    data = sample()
    render_assessment_report(data, io.BytesIO())
    end = time.perf_counter()
    print(f"{(end - start) * 1000:.0f} {(imported - start) * 1000:.0f} "
          f"{(fonts - imported) * 1000:.0f} {(end - fonts) * 1000:.0f} "
          f"{(time.process_time() - cpu) * 1000:.0f}")


def main() -> None:
    runs = [subprocess.run([sys.executable, __file__, "--cold"], capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(3)]
    totals = sorted(runs, key=lambda r: float(r[0]))
    total, imports, fonts, render, cpu = totals[len(totals) // 2]
    print(f"cold report (fresh process, median of 3): {total} ms (CPU {cpu} ms) "
          f"[imports {imports} ms, fonts {fonts} ms, first render {render} ms]  target ≤ 600")

    from the5hc_desktop.reports.assessment_report import render_assessment_report
    from the5hc_desktop.reports.batch import export_batch

    data = sample()
    render_assessment_report(data, io.BytesIO())
    timings, cpu_times = [], []
    size = 0
    for _ in range(20):
        buffer = io.BytesIO()
        start, cpu_start = time.perf_counter(), time.process_time()
        render_assessment_report(data, buffer)
        timings.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
        size = len(buffer.getvalue())
    print(f"warm report (median of 20): {statistics.median(timings) * 1000:.1f} ms "
          f"(CPU {statistics.median(cpu_times) * 1000:.1f} ms, max {max(timings) * 1000:.1f} ms, "
          f"{size / 1024:.0f} KiB)  target ≤ 100")

    items = [sample(n) for n in range(100)]
    with tempfile.TemporaryDirectory() as folder:
        start, cpu_start = time.perf_counter(), time.process_time()
        paths = export_batch(items, folder)
        elapsed, cpu_used = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"batch of {len(paths)} reports to disk: {elapsed:.2f} s (CPU {cpu_used:.2f} s)"
          "  target ≤ 10")


if __name__ == "__main__":
    if sys.argv[1:] == ["--cold"]:
        cold()
    else:
        main()
