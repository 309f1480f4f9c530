"""PDF timings: cold report (fresh process, fonts included), warm report, batch of 100.

Targets: warm ≤ 100 ms, cold ≤ 500 ms, batch of 100 ≤ 10 s. Printed, never asserted.
Wall time and CPU time are both shown: on a busy machine the CPU figure is the fair one.

    python bench/bench_reports.py
    python bench/bench_reports.py --copy-of /work/bench/gym100k.sqlite3

With `--copy-of`, the cold report is what a user waits for: a new process that opens a copy
of that demo database (`the5hc report ID -o FILE`), reads one assessment and writes the PDF,
timed from outside; then the same steps inside one process, phase by phase (the command's
own path, services/quick_report.py). The file was closed cleanly, so opening it does not
check it (services/soundness.py). Fonts come from the parsed faces in the user cache folder
(reports/font_cache.py), which the first, untimed run writes when they are missing.
"""

from __future__ import annotations

import argparse
import io
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
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


def process_report(db: Path, assessment_id: str, out: Path) -> tuple[float, float]:
    """(wall ms, CPU ms) of `the5hc report` in a new process."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "the5hc_desktop", "--db", str(db), "report",
                    assessment_id, "-o", str(out)], check=True, capture_output=True)
    wall = (time.perf_counter() - start) * 1000
    after = os.times()
    cpu = ((after.children_user - before.children_user)
           + (after.children_system - before.children_system)) * 1000
    return wall, cpu


def phases(db: Path, assessment_id: str, out: Path) -> None:
    """Run in a fresh interpreter: each step of the report command, CPU ms (wall ms)."""
    import uuid

    marks: list[tuple[str, float, float]] = []

    def mark(name: str) -> None:
        marks.append((name, time.process_time(), time.perf_counter()))

    mark("start")
    from the5hc_desktop import cli  # noqa: F401  # what the command imports first
    from the5hc_desktop.services.quick_report import quick_data

    mark("imports")
    data = quick_data(db, uuid.UUID(assessment_id))  # open, read, close (no SQLAlchemy)
    assert data is not None, "the file needs the ordinary path: see services/quick_report.py"
    mark("open + read the assessment")
    from the5hc_desktop.reports.assessment_report import render_assessment_report

    mark("import ReportLab + report")
    from the5hc_desktop.reports.fonts import register_fonts

    register_fonts()
    mark("fonts")
    render_assessment_report(data, out)
    mark("render + write")
    parts = []
    for (_, c0, w0), (name, c1, w1) in itertools.pairwise(marks):
        parts.append(f"{name} {1000 * (c1 - c0):.0f} ({1000 * (w1 - w0):.0f})")
    print(" | ".join(parts))


def cold_process(source: Path, runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="the5hc-cold-") as folder:
        db = Path(folder) / "gym.sqlite3"
        shutil.copyfile(source, db)
        from the5hc_desktop.services import open_services

        services = open_services(db)  # migrates the copy once, outside the timing
        with services.database.read() as session:
            from sqlalchemy import select

            from the5hc_desktop.store.models import Assessment

            assessment_id = str(session.scalar(
                select(Assessment.id).where(Assessment.deleted_at.is_(None))
                .order_by(Assessment.id.desc()).limit(1)))
        services.close()
        out = Path(folder) / "report.pdf"
        process_report(db, assessment_id, out)  # the file's pages into the OS cache
        timings = [process_report(db, assessment_id, out) for _ in range(runs)]
        walls, cpus = [w for w, _ in timings], [c for _, c in timings]
        print(f"cold report, whole process on {source.name} (median of {runs}): "
              f"{statistics.median(walls):.0f} ms (CPU {statistics.median(cpus):.0f} ms)"
              "  target ≤ 500")
        print("  phases, CPU ms (wall ms):")
        for _ in range(2):
            result = subprocess.run([sys.executable, __file__, "--phases", str(db),
                                     assessment_id, str(out)], capture_output=True,
                                    text=True, check=True)
            print("  " + result.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copy-of", type=Path, help="a demo database for the cold process")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    if options.copy_of:
        cold_process(options.copy_of, options.runs)
    runs = [subprocess.run([sys.executable, __file__, "--cold"], capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(3)]
    totals = sorted(runs, key=lambda r: float(r[0]))
    total, imports, fonts, render, cpu = totals[len(totals) // 2]
    print(f"cold report without a database (fresh process, median of 3): {total} ms "
          f"(CPU {cpu} ms) [imports {imports} ms, fonts {fonts} ms, first render {render} ms]")

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
    elif sys.argv[1:2] == ["--phases"]:
        phases(Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4]))
    else:
        main()
