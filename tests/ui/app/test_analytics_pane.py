"""The 분석 pane shows AnalyticsService.report for the chosen period and trainer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pytestqt.qtbot import QtBot
from ui_app_seed import Gym

from the5hc_desktop.services import Services
from the5hc_desktop.services.analytics import Period
from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.analytics import AnalyticsPane


def _pane(qtbot: QtBot, services: Services, actor: Actor,
          messages: MessageBridge) -> AnalyticsPane:
    pane = AnalyticsPane(services.analytics, actor, messages)
    qtbot.addWidget(pane)
    pane.resize(1280, 720)
    pane.show()
    pane.refresh()
    qtbot.waitUntil(lambda: pane.report() is not None and not pane.is_loading(), timeout=10_000)
    return pane


def test_this_month_and_the_filters(qtbot: QtBot, services: Services, gym: Gym,
                                    messages: MessageBridge, tmp_path: Path) -> None:
    pane = _pane(qtbot, services, gym.owner, messages)
    expected = services.analytics.report(gym.owner, date(2025, 6, 1), date(2025, 6, 30))
    assert pane.report() == expected
    # Trainers first, the gym total last.
    assert pane.model.rows() == (*expected.trainers, expected.total)
    assert expected.total.revenue_gross == 910_000  # the dashboard's June revenue
    pane.grab().save(str(tmp_path / "analytics.png"))

    # One trainer: that trainer's row only.
    index = pane.trainer_combo.findData(str(gym.trainer.staff_id))
    pane.trainer_combo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: pane.report() != expected and not pane.is_loading(), timeout=10_000)
    report = pane.report()
    assert report is not None
    assert [r.trainer_id for r in pane.model.rows()] == [gym.trainer.staff_id]

    # Last month: May.
    pane.period_combo.setCurrentIndex(pane.period_combo.findData(Period.LAST_MONTH.value))
    qtbot.waitUntil(lambda: pane.report() is not None and pane.report().first == date(2025, 5, 1)
                    and not pane.is_loading(), timeout=10_000)
    assert not pane.first_edit.isEnabled()

    target = tmp_path / "analytics.xlsx"
    pane.export_to(target)
    qtbot.waitUntil(target.exists, timeout=10_000)
    book = load_workbook(target)
    assert book.sheetnames == ["트레이너별", "월별 매출", "요일×시간", "유지율"]


def test_a_trainer_has_only_themself_to_pick(qtbot: QtBot, services: Services, gym: Gym,
                                             messages: MessageBridge) -> None:
    pane = _pane(qtbot, services, gym.trainer, messages)
    assert pane.trainer_combo.count() == 1
    assert pane.selected_trainer() == gym.trainer.staff_id
    assert [r.trainer_id for r in pane.model.rows()] == [gym.trainer.staff_id]
