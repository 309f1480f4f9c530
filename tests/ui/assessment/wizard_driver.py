"""Drive the assessment wizard the way a trainer does (shared by the wizard tests)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.assessment import wizard as w
from the5hc_desktop.ui.panes.assessment.draft import WizardDraft
from the5hc_desktop.ui.panes.assessment.pages.fms_pages import OverheadSquatPage, ShoulderPage
from the5hc_desktop.ui.snapshots import save_widget_png


def shots_folder() -> Path | None:
    """Where to save page PNGs: THE5HC_WIZARD_SHOTS=/tmp/wizard_shots pytest ..."""
    folder = os.environ.get("THE5HC_WIZARD_SHOTS")
    return Path(folder) if folder else None


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Shots:
    """Saves a PNG of the wizard per page when a folder is given (THE5HC_WIZARD_SHOTS)."""

    folder: Path | None
    taken: list[Path] = field(default_factory=list)

    def take(self, widget: QWidget, name: str) -> None:
        if self.folder is not None:
            self.taken.append(save_widget_png(widget, self.folder / f"{name}.png"))


def make_wizard(
    qtbot: QtBot, gym: object, messages: MessageBridge, clock: FakeClock,
    draft: WizardDraft | None = None, *, register: bool = True,
    click_factory: Callable[[], Callable[[], None] | None] | None = None,
    health: bool = False,
) -> w.AssessmentWizard:
    services = gym.services  # type: ignore[attr-defined]
    wizard = w.AssessmentWizard(
        assessments=services.assessments, clients=services.clients,
        accounts=services.accounts, actor=gym.owner,  # type: ignore[attr-defined]
        messages=messages, store=gym.drafts, draft=draft,  # type: ignore[attr-defined]
        clock=clock, today=date.today, click_factory=click_factory,
        health=services.health if health else None,
    )
    if register:
        qtbot.addWidget(wizard)
    wizard.resize(980, 760)
    wizard.show()
    return wizard


def edit(wizard: w.AssessmentWizard, name: str) -> QLineEdit:
    found = wizard.findChild(QLineEdit, name)
    assert found is not None, name
    return found


def type_into(wizard: w.AssessmentWizard, name: str, text: str) -> None:
    target = edit(wizard, name)
    target.clear()
    target.insert(text)  # like typing: textChanged and textEdited both fire


def choose_data(wizard: w.AssessmentWizard, name: str, data: object) -> None:
    combo = wizard.findChild(QComboBox, name)
    assert combo is not None, name
    index = combo.findData(data)
    assert index >= 0, (name, data)
    combo.setCurrentIndex(index)


def go_next(qtbot: QtBot, wizard: w.AssessmentWizard, expected: int) -> None:
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == expected, timeout=3000)


def pick_client(qtbot: QtBot, wizard: w.AssessmentWizard, query: str, day: date) -> None:
    page = wizard.client_page
    page.search_edit.setText(query)
    page.run_search()
    qtbot.waitUntil(lambda: page.results_model.rowCount() == 1, timeout=5000)
    page.choose_row(0)
    qtbot.waitUntil(page.isComplete, timeout=5000)
    page.date_edit.setDate(QDate(day.year, day.month, day.day))


def fill_all(
    qtbot: QtBot, wizard: w.AssessmentWizard, clock: FakeClock, day: date, shots: Shots
) -> None:
    """Every page with realistic values; stopwatches and the step timer run on `clock`."""
    pick_client(qtbot, wizard, "ㄱㅁㅅ", day)
    choose_data(wizard, "environment", "indoor")
    type_into(wizard, "temperature_c", "22")
    shots.take(wizard, "01_client")
    if wizard.health_pages is not None:  # screening all "no", questionnaire skipped
        go_next(qtbot, wizard, w.SCREENING)
        qtbot.waitUntil(wizard.health_pages.screening_page.isComplete, timeout=5000)
        for button in wizard.health_pages.screening_page.no_buttons.values():
            button.click()
        go_next(qtbot, wizard, w.QUESTIONNAIRE)
        wizard.health_pages.questionnaire_page.skip.click()
    go_next(qtbot, wizard, w.BODY)
    assert edit(wizard, "weight_kg").text() == "72"  # from the client's card
    type_into(wizard, "body_fat_pct", "18.5")
    type_into(wizard, "skeletal_muscle_kg", "32.4")
    shots.take(wizard, "02_body")
    go_next(qtbot, wizard, w.PUSH_UP)
    choose_data(wizard, "push_up_type", "standard")
    type_into(wizard, "push_up_reps", "27")
    shots.take(wizard, "03_push_up")
    go_next(qtbot, wizard, w.FARMER)
    type_into(wizard, "farmer_carry_weight_kg", "40")
    type_into(wizard, "farmer_carry_distance_m", "30")
    farmer = wizard.page(w.FARMER)
    farmer.stopwatch.button.click()  # type: ignore[attr-defined]
    clock.advance(52.37)
    farmer.stopwatch.button.click()  # type: ignore[attr-defined]
    assert edit(wizard, "farmer_carry_time_s").text() == "52.3"
    shots.take(wizard, "04_farmer_carry")
    go_next(qtbot, wizard, w.TOE_TOUCH)
    type_into(wizard, "toe_touch_cm", "-4")
    shots.take(wizard, "05_toe_touch")
    go_next(qtbot, wizard, w.SHOULDER)
    shoulder = wizard.page(w.SHOULDER)
    assert isinstance(shoulder, ShoulderPage)
    type_into(wizard, "shoulder_left_cm", "9")
    type_into(wizard, "shoulder_right_cm", "13")
    type_into(wizard, "fist_cm", "10")
    assert shoulder.score.value() == 2  # 1.3 fists: suggested and preselected
    shoulder.score.pick(3)  # the trainer's call
    type_into(wizard, "shoulder_right_cm", "14")
    assert shoulder.score.value() == 3  # kept although the suggestion is recomputed
    shots.take(wizard, "06_shoulder")
    go_next(qtbot, wizard, w.OVERHEAD_SQUAT)
    squat = wizard.page(w.OVERHEAD_SQUAT)
    assert isinstance(squat, OverheadSquatPage)
    choose_data(wizard, "overhead_squat_quality", "compensations")
    squat.boxes["knee_valgus"].setChecked(True)
    assert squat.score.value() == 2
    shots.take(wizard, "07_overhead_squat")
    go_next(qtbot, wizard, w.BALANCE)
    first = edit(wizard, "balance_right_open_s")
    QTest.keyClick(first, Qt.Key.Key_Space)  # space starts the current trial's stopwatch
    clock.advance(41.26)
    QTest.keyClick(first, Qt.Key.Key_Space)
    assert first.text() == "41.2"
    type_into(wizard, "balance_left_open_s", "33")
    type_into(wizard, "balance_right_closed_s", "14.5")
    type_into(wizard, "balance_left_closed_s", "11")
    shots.take(wizard, "08_balance")
    go_next(qtbot, wizard, w.STEP_TEST)
    step = wizard.page(w.STEP_TEST)
    step.start_button.click()  # type: ignore[attr-defined]
    clock.advance(95.0)
    step.timer.poll()  # type: ignore[attr-defined]
    shots.take(wizard, "09a_step_test_stepping")
    clock.advance(60.0)
    step.stop_button.click()  # type: ignore[attr-defined]  # the client stops at 2:35
    assert edit(wizard, "step_test_duration_s").text() == "155"
    clock.advance(65.0)
    step.timer.poll()  # type: ignore[attr-defined]  # 1:05 of recovery: first window open
    type_into(wizard, "step_test_pulse_1", "62")
    type_into(wizard, "step_test_pulse_2", "55")
    type_into(wizard, "step_test_pulse_3", "49")
    shots.take(wizard, "09b_step_test_recovery")
    step.reset_button.click()  # type: ignore[attr-defined]
    go_next(qtbot, wizard, w.REVIEW)
    wizard.review_page.notes.setPlainText("첫 평가. 무릎 정렬 주의.")
    shots.take(wizard, "10_review")
    scroll = wizard.review_page.findChild(QScrollArea, "reviewScroll")
    assert scroll is not None
    body = scroll.widget()
    assert body is not None
    shots.take(body, "10b_review_whole")
