"""완료 / 노쇼 / 취소 / 완료 취소 from today's list move the ledger as docs/rules.md §5 says."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot
from sessions_ui_support import TODAY, AskRecorder, Gym, MakePane, sell, settle

from the5hc_desktop.services.sessions import SessionStatus
from the5hc_desktop.ui.dialogs import Dialogs
from the5hc_desktop.ui.messages import MessageRecorder
from the5hc_desktop.ui.panes.sessions import SessionsPane
from the5hc_desktop.ui.panes.sessions.today_list import CANCEL, COMPLETE, NO_SHOW, UNDO


@pytest.fixture
def ask(monkeypatch: pytest.MonkeyPatch) -> AskRecorder:
    recorder = AskRecorder(answer=True)
    monkeypatch.setattr(Dialogs, "ask", recorder)
    return recorder


def book_today(gym: Gym, package_id: uuid.UUID, *hours: int) -> list[uuid.UUID]:
    return [gym.services.sessions.book(gym.owner, gym.clients["김민수"], package_id,
                                       gym.owner.staff_id, datetime(2025, 3, 12, hour)).id
            for hour in hours]


def click(qtbot: QtBot, pane: SessionsPane, session_id: uuid.UUID, kind: str) -> None:
    """A real click on the painted button of that row."""
    rect = pane.schedule.today_list.action_rect(session_id, kind)
    assert rect is not None, f"no {kind} button for this session"
    qtbot.mouseClick(pane.schedule.today_list.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    settle(qtbot)


def remaining(gym: Gym, package_id: uuid.UUID) -> int:
    return gym.services.packages.get(gym.owner, package_id).remaining


def statuses(pane: SessionsPane) -> list[SessionStatus]:
    return [view.status for view in pane.schedule.today_list.model.rows()]


def test_complete_no_show_cancel_and_undo_move_the_ledger(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, ask: AskRecorder, recorder: MessageRecorder
) -> None:
    package_id = sell(gym, "김민수", 10)
    first, second, third = book_today(gym, package_id, 10, 12, 14)
    pane = make_pane()
    changes: list[bool] = []
    pane.data_changed.connect(lambda: changes.append(True))
    assert statuses(pane) == [SessionStatus.SCHEDULED] * 3
    assert pane.schedule.today_list.model.text(0, "remaining") == "10"

    click(qtbot, pane, first, COMPLETE)
    assert remaining(gym, package_id) == 9
    assert len(ask.questions) == 1
    assert "10 → 9" in ask.questions[0]

    click(qtbot, pane, second, NO_SHOW)  # the default setting: a no-show uses a credit
    assert remaining(gym, package_id) == 8
    assert len(ask.questions) == 2

    click(qtbot, pane, third, CANCEL)  # no credit, no question
    assert remaining(gym, package_id) == 8
    assert len(ask.questions) == 2

    assert statuses(pane) == [SessionStatus.COMPLETED, SessionStatus.NO_SHOW,
                              SessionStatus.CANCELLED]
    # Every check-off can be undone from its row.
    assert pane.schedule.today_list.actions_of(first) == (UNDO,)
    assert pane.schedule.today_list.actions_of(second) == (UNDO,)
    assert pane.schedule.today_list.actions_of(third) == (UNDO,)

    click(qtbot, pane, first, UNDO)  # gives the credit back, no question
    assert remaining(gym, package_id) == 9
    assert len(ask.questions) == 2
    assert statuses(pane)[0] is SessionStatus.SCHEDULED
    assert [v.remaining_sessions for v in pane.schedule.today_list.model.rows()] == [9, 9, 9]
    shown = sorted(pane.schedule.calendar.items, key=lambda item: item.start_min)
    assert [item.status for item in shown] == [SessionStatus.SCHEDULED, SessionStatus.NO_SHOW,
                                               SessionStatus.CANCELLED]
    assert len(changes) == 4
    assert recorder.texts("success")[-1] == "김민수: 완료를 취소했습니다. 남은 세션 9회."


def test_no_show_and_cancel_are_undone_from_the_row_the_menu_and_ctrl_z(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, ask: AskRecorder, recorder: MessageRecorder
) -> None:
    package_id = sell(gym, "김민수", 10)
    first, second, third = book_today(gym, package_id, 10, 12, 14)
    pane = make_pane()
    page = pane.schedule
    # 노쇼 is not next to 완료: a hurried click on the row's first two buttons misses it.
    assert page.today_list.actions_of(first) == (COMPLETE, CANCEL, NO_SHOW)

    # From the row: a no-show's credit comes back.
    click(qtbot, pane, first, NO_SHOW)
    assert remaining(gym, package_id) == 9
    click(qtbot, pane, first, UNDO)
    assert remaining(gym, package_id) == 10
    assert statuses(pane)[0] is SessionStatus.SCHEDULED
    assert recorder.texts("success")[-1] == "김민수: 노쇼를 되돌렸습니다. 남은 세션 10회."

    # From the right-click menu: a cancel is taken back, the session is booked again.
    click(qtbot, pane, second, CANCEL)
    view = page.today_list.model.rows()[1]
    menu = page.session_menu(view)
    undo = menu.findChild(QAction, f"sessionMenu_{UNDO}")
    assert undo is not None
    assert undo.text() == "취소 되돌리기"
    undo.trigger()
    settle(qtbot)
    menu.deleteLater()
    assert statuses(pane)[1] is SessionStatus.SCHEDULED

    # Ctrl+Z right after a check-off, with the keyboard where the click left it.
    click(qtbot, pane, third, COMPLETE)
    assert remaining(gym, package_id) == 9
    assert "Ctrl+Z" in recorder.texts("success")[-1]
    page.today_list.table.setFocus()
    qtbot.keyClick(page.today_list.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert remaining(gym, package_id) == 10
    assert statuses(pane) == [SessionStatus.SCHEDULED] * 3
    qtbot.keyClick(page.today_list.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)  # nothing left to undo: nothing happens
    assert remaining(gym, package_id) == 10
    assert recorder.texts("error") == []


def test_declining_the_question_changes_nothing(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, ask: AskRecorder
) -> None:
    package_id = sell(gym, "김민수", 3)
    (session_id,) = book_today(gym, package_id, 11)
    pane = make_pane()
    ask.answer = False
    click(qtbot, pane, session_id, COMPLETE)
    assert remaining(gym, package_id) == 3
    assert statuses(pane) == [SessionStatus.SCHEDULED]


def test_no_show_that_keeps_the_credit_is_not_asked(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, ask: AskRecorder
) -> None:
    settings = gym.services.settings.get()
    gym.services.settings.update(gym.owner, replace(settings, no_show_consumes_credit=False))
    package_id = sell(gym, "김민수", 3)
    (session_id,) = book_today(gym, package_id, 11)
    pane = make_pane()
    click(qtbot, pane, session_id, NO_SHOW)
    assert ask.questions == []
    assert remaining(gym, package_id) == 3
    assert statuses(pane) == [SessionStatus.NO_SHOW]


def test_a_stale_list_reports_the_conflict_and_reloads(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, ask: AskRecorder, recorder: MessageRecorder
) -> None:
    package_id = sell(gym, "김민수", 3)
    (session_id,) = book_today(gym, package_id, 11)
    pane = make_pane()
    gym.services.sessions.complete(gym.owner, session_id)  # another desk was quicker
    click(qtbot, pane, session_id, COMPLETE)
    assert remaining(gym, package_id) == 2  # counted once
    assert recorder.texts("error") == [
        "예약된 세션만 완료 처리할 수 있습니다 (현재: 완료됨)."]
    assert statuses(pane) == [SessionStatus.COMPLETED]
    assert ask.questions  # it was asked before the service refused


def test_the_selected_session_panel_offers_the_same_actions(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, ask: AskRecorder
) -> None:
    package_id = sell(gym, "김민수", 3)
    (session_id,) = book_today(gym, package_id, 11)
    pane = make_pane()
    item = pane.schedule.calendar.items[0]
    point = pane.schedule.calendar.item_rect(item).center().toPoint()
    qtbot.mouseClick(pane.schedule.calendar, Qt.MouseButton.LeftButton, pos=point)
    assert pane.schedule.detail.view is not None
    assert pane.schedule.detail.view.id == session_id
    assert pane.schedule.detail.buttons[COMPLETE].isVisibleTo(pane.schedule.detail)
    assert not pane.schedule.detail.buttons[UNDO].isVisibleTo(pane.schedule.detail)
    qtbot.mouseClick(pane.schedule.detail.buttons[COMPLETE], Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert remaining(gym, package_id) == 2
    assert pane.schedule.detail.view.status is SessionStatus.COMPLETED
    assert pane.schedule.detail.buttons[UNDO].isVisibleTo(pane.schedule.detail)
    assert pane.schedule.today_list.model.rows()[0].starts_at.date() == TODAY


def test_today_model_passes_the_model_tester(
    make_pane: MakePane, gym: Gym, qtmodeltester: object
) -> None:
    package_id = sell(gym, "김민수", 3)
    book_today(gym, package_id, 9, 13)
    pane = make_pane()
    assert pane.schedule.today_list.model.rowCount() == 2
    qtmodeltester.check(pane.schedule.today_list.model)  # type: ignore[attr-defined]
