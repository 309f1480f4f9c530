"""The assessment wizard end to end on a real database file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
import shiboken6
from assessment_ui_support import Gym
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from wizard_driver import (
    FakeClock,
    Shots,
    edit,
    fill_all,
    go_next,
    make_wizard,
    pick_client,
    shots_folder,
    type_into,
)

from the5hc_desktop.domain.scoring import score_assessment
from the5hc_desktop.services.assessments import AssessmentDraft, AssessmentService
from the5hc_desktop.store.models import Base
from the5hc_desktop.ui.dialogs import Dialogs
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.assessment import wizard as w
from the5hc_desktop.ui.panes.assessment.metronome import ClickSound


def table_counts(gym: Gym) -> dict[str, int]:
    with gym.services.database.read() as session:
        return {
            table.name: int(session.scalar(select(func.count()).select_from(table)) or 0)
            for table in Base.metadata.sorted_tables
        }


def test_full_assessment_saves_the_reviewed_scores(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, assessed_on: date
) -> None:
    clock = FakeClock()
    wizard = make_wizard(qtbot, gym, messages, clock)
    fill_all(qtbot, wizard, clock, assessed_on, Shots(shots_folder()))
    reviewed = wizard.review_page.evaluation
    assert reviewed is not None
    with qtbot.waitSignal(wizard.saved, timeout=5000) as saved:
        wizard.next()  # Finish on the last page
    view = saved.args[0]
    assert not wizard.isVisible()

    # The same inputs, written out by hand, through the service's own formula.
    expected_inputs = AssessmentService.inputs_for(gym.client, AssessmentDraft(
        client_id=gym.client.id, assessed_on=assessed_on, weight_kg=72.0,
        values={
            "push_up_type": "standard", "push_up_reps": 27,
            "farmer_carry_weight_kg": 40.0, "farmer_carry_distance_m": 30.0,
            "farmer_carry_time_s": 52.3, "toe_touch_cm": -4.0,
            "shoulder_left_cm": 9.0, "shoulder_right_cm": 14.0, "shoulder_mobility_score": 3,
            "overhead_squat_score": 2, "knee_valgus": True,
            "balance_right_open_s": 41.2, "balance_left_open_s": 33.0,
            "balance_right_closed_s": 14.5, "balance_left_closed_s": 11.0,
            "step_test_duration_s": 155.0, "step_test_pulse_1": 62,
            "step_test_pulse_2": 55, "step_test_pulse_3": 49,
        },
    ))
    expected = score_assessment(expected_inputs)
    stored = gym.services.assessments.get(gym.owner, view.id)
    assert stored.scores == expected
    assert reviewed.scores == expected  # the review showed exactly what was stored
    assert stored.scores.complete
    assert stored.inputs == expected_inputs
    assert stored.body_fat_pct == 18.5
    assert stored.skeletal_muscle_kg == 32.4
    assert stored.temperature_c == 22.0
    assert stored.draft.overhead_squat_quality == "compensations"
    assert stored.notes == "첫 평가. 무릎 정렬 주의."
    assert stored.trainer_id == gym.owner.staff_id
    assert gym.drafts.list() == []  # the local draft is gone once saved
    detail = gym.services.clients.get(gym.owner, gym.client.id)
    assert [a.id for a in detail.assessments] == [view.id]


def test_review_marks_skipped_tests_as_not_measured(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, assessed_on: date
) -> None:
    wizard = make_wizard(qtbot, gym, messages, FakeClock())
    pick_client(qtbot, wizard, "김민수", assessed_on)
    go_next(qtbot, wizard, w.BODY)
    go_next(qtbot, wizard, w.PUSH_UP)
    type_into(wizard, "push_up_reps", "20")
    for page_id in range(w.FARMER, w.REVIEW + 1):
        go_next(qtbot, wizard, page_id)
    panel = wizard.review_page.panel
    rows = {row.key: row for row in panel.test_model.rows()}
    assert rows["push_up"].score == "2/4"
    for key in ("farmer_carry", "toe_touch", "shoulder_mobility", "overhead_squat", "balance",
                "step_test"):
        assert rows[key].score == "미측정"
    categories = {row.key: row for row in panel.category_model.rows()}
    assert categories["strength"].measured == "일부 측정"
    assert categories["cardio"].score == "미측정"
    assert panel.chart.chart is not None
    assert panel.chart.chart.bar_texts()[3] == "미측정"
    wizard.keep_for_later()


@pytest.mark.parametrize(
    ("page_id", "field", "text", "message"),
    [
        (w.PUSH_UP, "push_up_reps", "-5", "0~1000 사이의 정수를 입력하세요"),
        (w.STEP_TEST, "step_test_pulse_2", "160", "10~150 사이의 정수를 입력하세요"),
        (w.STEP_TEST, "step_test_pulse_1", "7", "10~150"),
        (w.BODY, "weight_kg", "5", "20~250"),
        (w.BODY, "weight_kg", "300", "20~250"),  # the member form refuses it too
        (w.TOE_TOUCH, "toe_touch_cm", "-130", "-100~100"),
    ],
)
def test_bad_values_are_refused_next_to_the_field(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, assessed_on: date,
    page_id: int, field: str, text: str, message: str,
) -> None:
    wizard = make_wizard(qtbot, gym, messages, FakeClock())
    pick_client(qtbot, wizard, "김민수", assessed_on)
    for next_id in range(w.BODY, page_id + 1):
        go_next(qtbot, wizard, next_id)
    type_into(wizard, field, text)
    wizard.next()
    assert wizard.currentId() == page_id
    page = wizard.page(page_id)
    shown = page.error_text(field)  # type: ignore[attr-defined]
    assert message in shown
    label = page.errors.label(field)  # type: ignore[attr-defined]
    assert label.isVisible()
    Shots(shots_folder()).take(wizard, f"error_{field}")
    type_into(wizard, field, "")  # editing clears the message; empty = not measured
    assert page.error_text(field) == ""  # type: ignore[attr-defined]
    go_next(qtbot, wizard, page_id + 1)
    wizard.keep_for_later()


def test_a_future_date_is_refused(
    qtbot: QtBot, gym: Gym, messages: MessageBridge
) -> None:
    wizard = make_wizard(qtbot, gym, messages, FakeClock())
    pick_client(qtbot, wizard, "김민수", date.today() + timedelta(days=5))
    wizard.next()
    assert wizard.currentId() == w.CLIENT
    assert wizard.client_page.error_text("assessed_on") == "평가 날짜는 미래일 수 없습니다."
    Shots(shots_folder()).take(wizard, "error_assessed_on")
    wizard.keep_for_later()


def test_cancel_asks_and_writes_nothing(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, assessed_on: date,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = table_counts(gym)
    wizard = make_wizard(qtbot, gym, messages, FakeClock())
    pick_client(qtbot, wizard, "김민수", assessed_on)
    go_next(qtbot, wizard, w.BODY)
    go_next(qtbot, wizard, w.PUSH_UP)
    type_into(wizard, "push_up_reps", "30")
    wizard.save_draft_now()
    assert len(gym.drafts.list()) == 1
    questions: list[str] = []

    def answer(answer: bool) -> classmethod:  # type: ignore[type-arg]  # patched onto Dialogs
        def ask(_cls: object, _parent: object, title: str, text: str,
                destructive: bool = False) -> bool:
            questions.append(text)
            return answer
        return classmethod(ask)

    monkeypatch.setattr(Dialogs, "ask", answer(False))
    wizard.reject()
    assert wizard.isVisible()  # "no": keep working
    monkeypatch.setattr(Dialogs, "ask", answer(True))
    with qtbot.waitSignal(wizard.discarded):
        wizard.reject()
    assert not wizard.isVisible()
    assert len(questions) == 2
    assert gym.drafts.list() == []
    assert table_counts(gym) == before


def test_a_draft_is_offered_again_and_resumes_every_value(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, assessed_on: date,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = FakeClock()
    wizard = make_wizard(qtbot, gym, messages, clock, register=False, health=True)
    fill_all(qtbot, wizard, clock, assessed_on, Shots(None))
    written = wizard.current_draft()

    def on_disk() -> bool:  # the autosave, a moment after the last keystroke
        drafts = gym.drafts.list()
        return len(drafts) == 1 and drafts[0].notes == written.notes

    qtbot.waitUntil(on_disk, timeout=3000)
    wizard.hide()
    shiboken6.delete(wizard)  # the window is gone, as after a crash: only the file remains
    del wizard

    from the5hc_desktop.ui.panes.assessment.pane import AssessmentPane

    asked: list[str] = []

    def ask(_cls: object, _parent: object, title: str, text: str,
            destructive: bool = False) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(Dialogs, "ask", classmethod(ask))
    pane = AssessmentPane(gym.services, gym.owner, messages, drafts=gym.drafts,
                          clock=clock, metronome_sound=False, offer_resume=False)
    qtbot.addWidget(pane)
    assert pane.offer_resume()
    assert "저장되지 않은 평가가 있습니다" in asked[0]
    resumed = pane.wizard
    assert resumed is not None
    qtbot.waitUntil(lambda: resumed.currentId() == w.REVIEW, timeout=5000)
    again = resumed.current_draft()
    same = ("client_id", "assessed_on", "trainer_id", "environment", "temperature_c",
            "height_cm", "weight_kg", "body_fat_pct", "skeletal_muscle_kg", "values",
            "overhead_squat_quality", "test_notes", "notes", "fist_cm", "chosen_scores")
    for name in same:
        assert getattr(again, name) == getattr(written, name), name
    assert edit(resumed, "step_test_pulse_3").text() == "49"
    assert resumed.review_page.evaluation is not None
    resumed.keep_for_later()
    qtbot.waitUntil(lambda: pane.wizard is None)
    assert len(gym.drafts.list()) == 1  # closing keeps it for later


def test_the_metronome_clicks_on_the_beat(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, assessed_on: date
) -> None:
    clock = FakeClock()
    clicks: list[float] = []
    made: list[int] = []

    def factory() -> Callable[[], None]:
        made.append(1)
        return lambda: clicks.append(clock.now)

    wizard = make_wizard(qtbot, gym, messages, clock, click_factory=factory)
    assert made == []  # no audio back end until the step test needs it
    pick_client(qtbot, wizard, "김민수", assessed_on)
    for page_id in range(w.BODY, w.STEP_TEST + 1):
        go_next(qtbot, wizard, page_id)
    assert made == [1]
    step = wizard.page(w.STEP_TEST)
    step.bpm.setValue(120)  # type: ignore[attr-defined]
    step.start_button.click()  # type: ignore[attr-defined]
    for _ in range(4):
        clock.advance(0.5)
        step.metronome.poll()  # type: ignore[attr-defined]
    assert len(clicks) == 5
    assert step.cue.text() == "위"  # type: ignore[attr-defined]  # beat 4: up again
    go_next(qtbot, wizard, w.REVIEW)  # leaving the page stops the metronome
    assert not step.metronome.running  # type: ignore[attr-defined]
    wizard.keep_for_later()


def test_space_bar_runs_the_stopwatch_even_from_the_next_button(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, assessed_on: date
) -> None:
    clock = FakeClock()
    wizard = make_wizard(qtbot, gym, messages, clock)
    pick_client(qtbot, wizard, "김민수", assessed_on)
    for page_id in range(w.BODY, w.BALANCE + 1):
        go_next(qtbot, wizard, page_id)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    next_button.setFocus()
    QTest.keyClick(next_button, Qt.Key.Key_Space)
    balance = wizard.page(w.BALANCE)
    assert wizard.currentId() == w.BALANCE  # space did not press Next
    assert balance.watches["balance_right_open_s"].watch.running  # type: ignore[attr-defined]
    clock.advance(12.34)
    QTest.keyClick(next_button, Qt.Key.Key_Space)
    assert edit(wizard, "balance_right_open_s").text() == "12.3"
    assert balance.current_trial() == "balance_left_open_s"  # type: ignore[attr-defined]
    go_next(qtbot, wizard, w.STEP_TEST)
    QTest.keyClick(wizard.button(QWizard.WizardButton.NextButton), Qt.Key.Key_Space)
    assert not balance.watches["balance_left_open_s"].watch.running  # type: ignore[attr-defined]
    wizard.keep_for_later()


class _SilentClick:
    """A click whose audio output is missing (what ClickSound reports on such a PC)."""

    available = False

    def __call__(self) -> None:
        pass


@pytest.mark.parametrize(("factory", "silent"), [
    (None, True),                          # sound switched off
    (lambda: _SilentClick(), True),        # no audio output / QtMultimedia missing
    (lambda: (lambda: None), False),       # a click that plays
])
def test_a_silent_metronome_says_so_on_screen(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, assessed_on: date,
    factory: Callable[[], Callable[[], None]] | None, silent: bool,
) -> None:
    clock = FakeClock()
    wizard = make_wizard(qtbot, gym, messages, clock, click_factory=factory)
    pick_client(qtbot, wizard, "김민수", assessed_on)
    for page_id in range(w.BODY, w.STEP_TEST + 1):
        go_next(qtbot, wizard, page_id)
    step = wizard.page(w.STEP_TEST)
    note = step.sound_note  # type: ignore[attr-defined]
    assert note.isVisible() is silent
    if silent:
        assert "소리" in note.text()
    wizard.keep_for_later()


def test_a_click_that_fails_to_load_shows_the_note(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, assessed_on: date
) -> None:
    sound = ClickSound()
    wizard = make_wizard(qtbot, gym, messages, FakeClock(), click_factory=lambda: sound)
    pick_client(qtbot, wizard, "김민수", assessed_on)
    for page_id in range(w.BODY, w.STEP_TEST + 1):
        go_next(qtbot, wizard, page_id)
    step = wizard.page(w.STEP_TEST)
    assert step.sound_note.isVisible() is not sound.available  # type: ignore[attr-defined]
    sound._effect = None  # what an Error status does
    sound.failed.emit()
    assert step.sound_note.isVisible()  # type: ignore[attr-defined]
    wizard.keep_for_later()
