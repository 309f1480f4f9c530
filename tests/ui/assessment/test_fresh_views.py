"""Views that follow what just happened (issue 16, defect 15): no restart needed."""

from __future__ import annotations

import pytest
from assessment_ui_support import Gym
from pytestqt.qtbot import QtBot
from test_assessment_pane import make_pane, saved_assessment
from wizard_driver import go_next, type_into

from the5hc_desktop.ui import gym_clock
from the5hc_desktop.ui.dialogs import Dialogs
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.assessment import wizard as w
from the5hc_desktop.ui.worker import Worker


def test_saving_an_assessment_updates_the_last_assessed_date(
    qtbot: QtBot, gym: Gym, messages: MessageBridge
) -> None:
    """최근 평가일 in the pane's own client list follows the assessment just saved."""
    pane = make_pane(qtbot, gym, messages)
    assert pane.client_model.rows()[0].last_assessed_on is None
    pane.new_assessment()
    wizard = pane.wizard
    assert wizard is not None
    qtbot.waitUntil(wizard.client_page.isComplete, timeout=5000)
    go_next(qtbot, wizard, w.SCREENING)
    health = wizard.health_pages
    assert health is not None
    qtbot.waitUntil(health.screening_page.isComplete, timeout=5000)
    for button in health.screening_page.no_buttons.values():
        button.click()
    go_next(qtbot, wizard, w.QUESTIONNAIRE)
    health.questionnaire_page.skip.click()
    go_next(qtbot, wizard, w.BODY)
    go_next(qtbot, wizard, w.PUSH_UP)
    type_into(wizard, "push_up_reps", "25")
    for page_id in range(w.FARMER, w.REVIEW + 1):
        go_next(qtbot, wizard, page_id)
    with qtbot.waitSignal(wizard.saved, timeout=5000):
        wizard.next()
    qtbot.waitUntil(lambda: pane.client_model.rows()[0].last_assessed_on is not None,
                    timeout=5000)
    assert pane.client_model.rows()[0].last_assessed_on == wizard.current_draft().assessed_on
    qtbot.waitUntil(lambda: pane.assessment_model.rowCount() == 1, timeout=5000)


def test_deleting_an_assessment_updates_the_last_assessed_date(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, monkeypatch: pytest.MonkeyPatch,
    task_worker: Worker,
) -> None:
    saved_assessment(gym, 5, 12, (60, 55, 50))
    pane = make_pane(qtbot, gym, messages)
    qtbot.waitUntil(lambda: pane.assessment_model.rowCount() == 1, timeout=5000)
    assert pane.client_model.rows()[0].last_assessed_on is not None
    pane.assessments.selectRow(0)
    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda _cls, *_args, **_kw: True))
    pane.delete_selected()
    qtbot.waitUntil(lambda: pane.client_model.rows()[0].last_assessed_on is None, timeout=5000)
    qtbot.waitUntil(task_worker.is_idle, timeout=5000)


def test_a_wizard_closed_with_the_window_button_is_listed_at_once(
    qtbot: QtBot, gym: Gym, messages: MessageBridge
) -> None:
    """✕ keeps the draft for later: the 이어서 하기 list shows it without a restart."""
    pane = make_pane(qtbot, gym, messages)
    assert pane.drafts_box.model.rowCount() == 0
    pane.new_assessment()
    wizard = pane.wizard
    assert wizard is not None
    qtbot.waitUntil(wizard.client_page.isComplete, timeout=5000)
    go_next(qtbot, wizard, w.SCREENING)
    wizard.close()  # the title bar's ✕
    qtbot.waitUntil(lambda: pane.wizard is None, timeout=5000)
    qtbot.waitUntil(lambda: pane.drafts_box.model.rowCount() == 1, timeout=5000)
    assert pane.drafts_box.model.rows()[0].client_id == str(gym.client.id)
    assert pane.drafts_box.model.rows()[0].assessed_on == gym_clock.today()  # the gym's date
