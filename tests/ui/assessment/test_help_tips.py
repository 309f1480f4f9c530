"""Hidden tricks are named where they work: 초성 search and the space-bar stopwatch."""

from __future__ import annotations

from assessment_ui_support import Gym
from pytestqt.qtbot import QtBot
from test_assessment_pane import make_pane
from wizard_driver import FakeClock, make_wizard

from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.assessment import wizard as w


def test_search_boxes_and_stopwatches_carry_their_tips(
    qtbot: QtBot, gym: Gym, messages: MessageBridge
) -> None:
    pane = make_pane(qtbot, gym, messages)
    assert "초성(ㄱㅁㅅ로 김민수 찾기)" in pane.search.toolTip()
    wizard = make_wizard(qtbot, gym, messages, FakeClock())
    assert "초성" in wizard.client_page.search_edit.toolTip()
    balance = wizard.page(w.BALANCE)
    tips = {watch.button.toolTip() for watch in balance.watches.values()}  # type: ignore[attr-defined]
    assert len(tips) == 1
    assert tips.pop().startswith("스페이스바")
    wizard.keep_for_later()
