"""How long the assessment wizard takes to open and to reach the review page.

    python bench/bench_wizard.py [--runs N]

Prints milliseconds (target ≤ 100 ms each):
- open: build the wizard (ten pages, the client given), show it and paint the first page;
- review: from the step-test page to the painted review page with every test filled in
  (scoring, injury risk, recommendations and the category chart). The first review also
  builds the chart (and with --cold-chart imports pyqtgraph); it is reported separately.
Uses a throw-away database in a temporary folder; runs offscreen unless told otherwise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings

from the5hc_desktop.services import open_services
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.ui import application, worker
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.assessment import wizard as w
from the5hc_desktop.ui.panes.assessment.draft import DraftStore, WizardDraft

VALUES = {
    "push_up_type": "standard", "push_up_reps": 27, "farmer_carry_weight_kg": 40.0,
    "farmer_carry_distance_m": 30.0, "farmer_carry_time_s": 52.3, "toe_touch_cm": -4.0,
    "shoulder_left_cm": 9.0, "shoulder_right_cm": 14.0, "shoulder_mobility_score": 3,
    "overhead_squat_score": 2, "knee_valgus": True, "balance_right_open_s": 41.2,
    "balance_left_open_s": 33.0, "balance_right_closed_s": 14.5,
    "balance_left_closed_s": 11.0, "step_test_duration_s": 155.0, "step_test_pulse_1": 62,
    "step_test_pulse_2": 55, "step_test_pulse_3": 49,
}


def settle() -> None:
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


class Timer:
    """Wall-clock and GUI-thread CPU milliseconds of one measured step.

    CPU time is printed too because a busy machine stretches wall-clock time with waiting
    that is not the wizard's own work."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def start(self) -> None:
        self._wall, self._cpu = time.perf_counter(), time.thread_time()

    def stop(self) -> None:
        self.wall.append((time.perf_counter() - self._wall) * 1000)
        self.cpu.append((time.thread_time() - self._cpu) * 1000)

    def line(self, name: str) -> str:
        return (f"{name:28s} wall median {statistics.median(self.wall):6.1f} ms "
                f"(max {max(self.wall):6.1f})   cpu median {statistics.median(self.cpu):6.1f} ms"
                f"   [{len(self.wall)} runs]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cold-chart", action="store_true",
                        help="do not import pyqtgraph first (the first review pays for it)")
    args = parser.parse_args(argv)
    preloaded = not args.cold_chart
    if preloaded:
        import pyqtgraph  # noqa: F401 - as in the app, where the dashboard loaded it

    scratch = Path(tempfile.mkdtemp(prefix="the5hc-bench-wizard-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch))
    app, translations = application.create_application(["bench"], language="ko")
    messages = MessageBridge()
    lane = worker.Worker(messages)
    worker.install(lane)
    services = open_services(scratch / "bench.sqlite3")
    try:
        services.accounts.create_gym_and_owner("벤치 짐", "김대표", "owner", "owner-pass-1")
        owner = services.accounts.sign_in("owner", "owner-pass-1")
        client = services.clients.create(owner, ClientDraft(
            name="김민수", gender="male", phone="010-1234-5678", birth_date=date(1990, 5, 1),
            height_cm=175.0, weight_kg=72.0)).client
        store = DraftStore(scratch / "drafts")
        full = WizardDraft(client_id=str(client.id), client_name=client.name,
                           assessed_on=date.today() - timedelta(days=1),
                           trainer_id=str(owner.staff_id), weight_kg=72.0, height_cm=175.0,
                           values=VALUES, chosen_scores=("shoulder_mobility", "overhead_squat"))

        def build(draft: WizardDraft) -> w.AssessmentWizard:
            wizard = w.AssessmentWizard(
                assessments=services.assessments, clients=services.clients,
                accounts=services.accounts, actor=owner, messages=messages, store=store,
                draft=draft, client=client)
            wizard.resize(980, 760)
            return wizard

        def close(wizard: w.AssessmentWizard) -> None:
            wizard.keep_for_later()
            lane.wait_idle()
            wizard.deleteLater()
            settle()

        opens = Timer()
        for _ in range(args.runs):
            opens.start()
            wizard = build(replace(full, values={}))
            wizard.show()
            wizard.grab()  # paint it, as the screen would
            opens.stop()
            close(wizard)

        wizard = build(full)
        wizard.show()
        wizard.advance_to(w.STEP_TEST)
        assert wizard.currentId() == w.STEP_TEST
        first = Timer()
        first.start()
        wizard.next()
        wizard.grab()
        first.stop()
        assert wizard.currentId() == w.REVIEW
        assert wizard.review_page.evaluation is not None
        assert wizard.review_page.evaluation.scores.complete
        reviews = Timer()
        for _ in range(args.runs):
            wizard.back()
            reviews.start()
            wizard.next()
            wizard.grab()
            reviews.stop()
        close(wizard)
        for path in store.folder.glob("*.json"):
            path.unlink()
    finally:
        lane.shutdown()
        worker.install(None)
        services.close()
        translations.remove()
        del app

    print(opens.line("open wizard"))
    print(reviews.line("step test → review"))
    print(first.line("first review (+chart)"))
    print(f"  (pyqtgraph already imported: {preloaded}; the dashboard pane imports it at start)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
