"""Ctrl+P in every pane: each pane of the running window claims the print action."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from ui_app_seed import Gym

from the5hc_desktop.services import Services
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.app_panes import PaneDeps, build_panes
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.pane import actions_of


def test_every_pane_prints_with_ctrl_p(qtbot: QtBot, services: Services, gym: Gym,
                                       messages: MessageBridge) -> None:
    deps = PaneDeps(services, gym.owner, messages, on_settings_saved=lambda _s: None)
    built = build_panes(deps)
    assert built.problems == []
    panes = built.panes
    assert len(panes) == 7
    for pane in panes:
        qtbot.addWidget(pane.widget)
    without = [p.object_name for p in panes if "file.print" not in actions_of(p)]
    assert without == []
    for pane in panes:
        assert getattr(pane, "printing", None) is not None or pane.object_name in (
            "reportsPane", "analyticsPane"), pane.object_name  # those print their documents
    assert worker.wait_idle()
