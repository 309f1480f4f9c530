"""The 평가 실시 pane: list, view, edit (re-scored, audited), delete, recalculate, compare."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from assessment_ui_support import Gym
from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from wizard_driver import FakeClock, Shots, go_next, shots_folder, type_into

from the5hc_desktop.services.accounts import AccountService
from the5hc_desktop.services.assessments import AssessmentDraft, AssessmentView
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.store.models import Assessment, AuditLogEntry
from the5hc_desktop.ui.dialogs import Dialogs
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.pane import Pane
from the5hc_desktop.ui.panes.assessment import create_pane
from the5hc_desktop.ui.panes.assessment import wizard as w
from the5hc_desktop.ui.panes.assessment.compare_dialog import CompareDialog
from the5hc_desktop.ui.panes.assessment.draft import WizardDraft
from the5hc_desktop.ui.panes.assessment.pane import AssessmentPane
from the5hc_desktop.ui.panes.assessment.view_dialog import AssessmentViewDialog


def saved_assessment(
    gym: Gym, days_ago: int, reps: int, pulses: tuple[int, int, int]
) -> AssessmentView:
    return gym.services.assessments.create(gym.owner, AssessmentDraft(
        client_id=gym.client.id, assessed_on=date.today() - timedelta(days=days_ago),
        weight_kg=72.0,
        values={"push_up_reps": reps, "toe_touch_cm": 2.0, "step_test_pulse_1": pulses[0],
                "step_test_pulse_2": pulses[1], "step_test_pulse_3": pulses[2]},
    ))


def make_pane(qtbot: QtBot, gym: Gym, messages: MessageBridge, actor: Actor | None = None
              ) -> AssessmentPane:
    pane = AssessmentPane(gym.services, actor or gym.owner, messages, drafts=gym.drafts,
                          clock=FakeClock(), metronome_sound=False, offer_resume=False)
    qtbot.addWidget(pane)
    pane.resize(1200, 700)
    pane.show()
    pane.refresh()
    qtbot.waitUntil(lambda: pane.client_model.rowCount() == 1, timeout=5000)
    assert pane.select_client(gym.client.id)
    return pane


def select_rows(pane: AssessmentPane, *rows: int) -> None:
    model = pane.assessments.selectionModel()
    model.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        model.select(pane.assessment_model.index(row, 0), flags)


def always(answer: bool) -> classmethod:  # type: ignore[type-arg]
    return classmethod(lambda _cls, _parent, _title, _text, destructive=False: answer)


def test_create_pane_follows_the_pane_protocol(gym: Gym, messages: MessageBridge,
                                               qtbot: QtBot) -> None:
    pane = create_pane(gym.services, gym.owner, messages)
    qtbot.addWidget(pane)
    assert isinstance(pane, Pane)
    assert pane.object_name == "assessmentPane"
    assert pane.title == "평가 실시"
    assert pane.widget is pane
    assert "assessment.new" in pane.pane_actions()
    pane._resume_timer.stop()


def test_view_and_compare(qtbot: QtBot, gym: Gym, messages: MessageBridge) -> None:
    saved_assessment(gym, 40, 20, (60, 55, 50))
    saved_assessment(gym, 10, 25, (50, 45, 40))
    pane = make_pane(qtbot, gym, messages)
    shots = Shots(shots_folder())
    qtbot.waitUntil(lambda: pane.assessment_model.rowCount() == 2, timeout=5000)
    select_rows(pane, 0)
    shots.take(pane, "20_pane")
    assert pane.view_button.isEnabled()
    assert not pane.recalculate_button.isEnabled()  # desktop-1 already
    pane.view_button.click()
    qtbot.waitUntil(lambda: pane.findChild(AssessmentViewDialog) is not None, timeout=5000)
    dialog = pane.findChild(AssessmentViewDialog)
    assert dialog is not None
    rows = {row.key: row for row in dialog.panel.test_model.rows()}
    assert rows["push_up"].score == "3/4"  # newest first: 25 reps at 36 → 양호
    assert rows["balance"].score == "미측정"
    shots.take(dialog, "21_view")
    dialog.close()

    select_rows(pane, 0, 1)
    assert pane.compare_button.isEnabled()
    pane.compare_button.click()
    qtbot.waitUntil(lambda: pane.findChild(CompareDialog) is not None, timeout=5000)
    compare = pane.findChild(CompareDialog)
    assert compare is not None
    assert compare.comparison.days_between == 30
    assert "30일 간격" in compare.days.text()
    lines = {line.name: line for line in compare.test_model.rows()}
    assert lines["푸시업"].first.startswith("20")
    assert lines["푸시업"].second.startswith("25")
    overall = compare.category_model.rows()[-1]
    assert overall.name == "종합 점수"
    assert overall.change.startswith("+")
    shots.take(compare, "22_compare")
    compare.close()


def test_edit_rescores_and_audits(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = saved_assessment(gym, 5, 12, (60, 55, 50))
    pane = make_pane(qtbot, gym, messages)
    qtbot.waitUntil(lambda: pane.assessment_model.rowCount() == 1, timeout=5000)
    select_rows(pane, 0)
    pane.edit_button.click()
    qtbot.waitUntil(lambda: pane.wizard is not None, timeout=5000)
    wizard = pane.wizard
    assert wizard is not None
    qtbot.waitUntil(wizard.client_page.isComplete, timeout=5000)
    for page_id in (w.SCREENING, w.QUESTIONNAIRE, w.BODY, w.PUSH_UP):
        go_next(qtbot, wizard, page_id)
    assert wizard.page(w.PUSH_UP).reps.text() == "12"  # type: ignore[attr-defined]
    type_into(wizard, "push_up_reps", "25")
    for page_id in range(w.FARMER, w.REVIEW + 1):
        go_next(qtbot, wizard, page_id)
    with qtbot.waitSignal(wizard.saved, timeout=5000):
        wizard.next()
    qtbot.waitUntil(lambda: pane.wizard is None)
    updated = gym.services.assessments.get(gym.owner, original.id)
    assert updated.inputs.push_up_reps == 25
    assert updated.scores.push_up == 3.0
    assert updated.scores.push_up != original.scores.push_up
    with gym.services.database.read() as session:
        actions = session.scalars(select(AuditLogEntry.action)).all()
    assert "assessment_updated" in actions
    assert gym.drafts.list() == []


def test_delete_needs_owner_or_senior_and_confirmation(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved_assessment(gym, 5, 12, (60, 55, 50))
    accounts: AccountService = gym.services.accounts
    staff = accounts.add_staff(gym.owner, "trainer", "박트레이너", Role.TRAINER, "staff-pass-1")
    trainer = Actor(staff.id, staff.role, staff.display_name, staff.username)
    as_trainer = make_pane(qtbot, gym, messages, trainer)
    qtbot.waitUntil(lambda: as_trainer.assessment_model.rowCount() == 1, timeout=5000)
    select_rows(as_trainer, 0)
    assert not as_trainer.delete_button.isEnabled()

    pane = make_pane(qtbot, gym, messages)
    qtbot.waitUntil(lambda: pane.assessment_model.rowCount() == 1, timeout=5000)
    select_rows(pane, 0)
    assert pane.delete_button.isEnabled()
    monkeypatch.setattr(Dialogs, "ask", always(False))
    pane.delete_button.click()
    assert len(gym.services.assessments.list_for_client(gym.owner, gym.client.id)) == 1
    monkeypatch.setattr(Dialogs, "ask", always(True))
    pane.delete_button.click()
    qtbot.waitUntil(lambda: pane.assessment_model.rowCount() == 0, timeout=5000)
    assert gym.services.assessments.list_for_client(gym.owner, gym.client.id) == ()
    with gym.services.database.read() as session:
        row = session.scalars(select(Assessment)).one()
        assert row.deleted_at is not None  # a tombstone, not a hard delete


def test_recalculate_an_imported_assessment(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = saved_assessment(gym, 5, 12, (60, 55, 50))
    with gym.services.database.write() as session:  # as the legacy import leaves it
        row = session.get(Assessment, view.id)
        assert row is not None
        row.scoring_version = "legacy"
        row.score_overall = 41.0
    pane = make_pane(qtbot, gym, messages)
    qtbot.waitUntil(lambda: pane.assessment_model.rowCount() == 1, timeout=5000)
    select_rows(pane, 0)
    assert pane.recalculate_button.isEnabled()
    monkeypatch.setattr(Dialogs, "ask", always(True))
    pane.recalculate_button.click()
    qtbot.waitUntil(
        lambda: pane.assessment_model.rowCount() == 1
        and pane.assessment_model.row_at(0).scoring_version == "desktop-1",
        timeout=5000,
    )
    again = gym.services.assessments.get(gym.owner, view.id)
    assert again.scoring_version == "desktop-1"
    assert again.scores.overall == view.scores.overall


def test_the_main_window_hosts_the_pane(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, monkeypatch: pytest.MonkeyPatch
) -> None:
    from the5hc_desktop.ui.main_window import MainWindow, StaffStatus

    monkeypatch.setattr(Dialogs, "ask", always(False))  # the start-up resume offer
    gym.drafts.save(WizardDraft(client_id=str(gym.client.id), client_name="김민수",
                                  values={"push_up_reps": 10}))
    pane = AssessmentPane(gym.services, gym.owner, messages, drafts=gym.drafts,
                          clock=FakeClock(), metronome_sound=False)
    window = MainWindow(staff=StaffStatus("김대표", "소유자", "gym.sqlite3"), messages=messages,
                        verify_password=lambda _password: True, panes=[pane])
    qtbot.addWidget(window)
    window.show()
    # The start-up offer was made and declined; the draft stays listed.
    qtbot.waitUntil(lambda: pane.drafts_box.model.rowCount() == 1, timeout=5000)
    assert pane.wizard is None
    window.registry.trigger("assessment.new")
    qtbot.waitUntil(lambda: pane.wizard is not None, timeout=5000)
    assert window.current_pane() is pane
    wizard = pane.wizard
    assert wizard is not None
    wizard.keep_for_later()
    qtbot.waitUntil(lambda: pane.wizard is None)
