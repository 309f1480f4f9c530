"""Ctrl+P in 세션 관리: today's sessions per trainer on the schedule, the payments list on
its tab (what the desk prints for the day)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sessions_ui_support import TODAY, Gym, MakePane, seoul, settle

from the5hc_desktop.ui.list_print import ListPrinter
from the5hc_desktop.ui.messages import MessageBridge


def test_ctrl_p_prints_todays_sessions_per_trainer_then_payments(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, messages: MessageBridge
) -> None:
    services, owner = gym.services, gym.owner
    for name, trainer, hour in (("김민수", owner, 10), ("이영희", gym.trainer, 11)):
        package = services.packages.sell(owner, gym.clients[name], 500_000, 50_000, "card")
        services.sessions.book(owner, gym.clients[name], package.id, trainer.staff_id,
                               seoul(TODAY, hour))
    pane = make_pane()
    pane.printing = ListPrinter(services.settings, owner, messages, "ko")
    assert "file.print" in pane.pane_actions()
    pane.print_current()
    dialog = pane.printing.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.pdf() is not None, timeout=10_000)  # type: ignore[attr-defined]
    shot = dialog.shot  # type: ignore[attr-defined]
    assert {s.heading for s in shot.sections} == {owner.display_name,
                                                 gym.trainer.display_name}
    assert "" not in [c.title for c in shot.columns]  # the row buttons are not printed

    assert pane.payments_panel is not None
    pane.tabs.setCurrentWidget(pane.payments_panel)
    settle(qtbot)
    pane.print_current()
    payments = pane.printing.dialog
    assert payments is not None
    qtbot.waitUntil(lambda: payments.pdf() is not None, timeout=10_000)  # type: ignore[attr-defined]
    assert payments.shot.title == "결제"  # type: ignore[attr-defined]
    assert payments.shot.rows == 2  # type: ignore[attr-defined]
