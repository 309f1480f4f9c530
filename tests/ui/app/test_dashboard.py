"""The dashboard shows exactly what DashboardService.metrics computes, formatted Korean-style."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pypdf
import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from ui_app_seed import Gym

from the5hc_desktop.services import Services
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.ui import gym_clock
from the5hc_desktop.ui.documents.files import FileDialogs
from the5hc_desktop.ui.list_print import ListPrinter
from the5hc_desktop.ui.list_print_dialog import ListPrintDialog
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.dashboard import DashboardPane
from the5hc_desktop.ui.panes.dashboard import formatting as fmt


def _loaded_pane(qtbot: QtBot, services: Services, actor: Actor,
                 messages: MessageBridge) -> DashboardPane:
    pane = DashboardPane(services.dashboard, actor, messages)
    qtbot.addWidget(pane)
    pane.refresh()
    qtbot.waitUntil(lambda: pane.metrics() is not None and not pane.is_loading(), timeout=10_000)
    return pane


def test_figures_equal_the_service(qtbot: QtBot, services: Services, gym: Gym,
                                   messages: MessageBridge) -> None:
    pane = _loaded_pane(qtbot, services, gym.owner, messages)
    expected = services.dashboard.metrics(gym.owner)

    assert pane.metrics() == expected
    assert pane.clients_card.value() == f"{expected.active_clients:,}" == "4"
    assert pane.packages_card.value() == f"{expected.active_packages:,}"
    counts = expected.sessions_this_month
    assert pane.sessions_card.value() == str(counts.total)
    assert pane.sessions_card.detail() == (
        f"예약 {counts.scheduled} · 완료 {counts.completed} · 취소 {counts.cancelled} · "
        f"노쇼 {counts.no_show}")
    # Two June sales: 700,000 (card) + 210,000 (cash); May's transfer is not this month.
    assert expected.revenue_gross == 910_000
    assert pane.revenue_card.value() == "₩910,000"
    assert pane.revenue_card.detail() == (
        f"VAT·카드 수수료 제외 실수령 {expected.revenue_net:,}원")
    assert pane.assessments_card.value() == str(expected.assessments_this_month) == "1"
    assert expected.average_overall is not None
    assert pane.assessments_card.detail() == (
        f"평균 종합 점수 {fmt.score(expected.average_overall)}점")

    assert pane.weekly_chart is not None
    assert pane.monthly_chart is not None
    assert pane.weekly_chart.values() == [b.value for b in expected.weekly_sessions]
    assert pane.monthly_chart.values() == [b.value for b in expected.monthly_revenue]
    assert pane.monthly_chart.bar_texts()[-1] == "91만"
    assert pane.monthly_chart.labels()[-1] == "25년 6월"
    assert pane.weekly_chart.labels()[-1] == "06/09\n~06/15"

    assert pane.today_model.rows() == expected.today_sessions
    assert len(expected.today_sessions) == 2
    assert pane.activity_model.rows() == expected.recent_activity
    assert pane.low_balance_model.rows() == expected.low_balance
    assert [r.client_name for r in expected.low_balance] == ["이서연"]


def test_models_follow_the_qt_contract(qtbot: QtBot, qtmodeltester: ModelTester,
                                       services: Services, gym: Gym,
                                       messages: MessageBridge) -> None:
    pane = _loaded_pane(qtbot, services, gym.owner, messages)
    for model in (pane.today_model, pane.activity_model, pane.low_balance_model):
        qtmodeltester.check(model)
    index = pane.today_model.index(0, 0)
    assert pane.today_model.data(index) == "14:00–15:00"


def test_front_desk_sees_no_revenue(qtbot: QtBot, services: Services, gym: Gym,
                                    messages: MessageBridge) -> None:
    view = services.accounts.add_staff(gym.owner, "desk", "박프런트", Role.ASSISTANT,
                                       "desk-pass-1")
    desk = Actor(view.id, view.role, view.display_name, view.username)
    pane = _loaded_pane(qtbot, services, desk, messages)
    assert pane.revenue_card.value() == "–"
    assert "₩" not in pane.revenue_card.detail()


def test_refresh_while_loading_is_queued(qtbot: QtBot, services: Services, gym: Gym,
                                         messages: MessageBridge) -> None:
    pane = DashboardPane(services.dashboard, gym.owner, messages)
    qtbot.addWidget(pane)
    pane.refresh()
    pane.refresh()  # while the first runs: one more load afterwards, not two at once
    assert pane.is_loading()
    qtbot.waitUntil(lambda: pane.metrics() is not None and not pane.is_loading()
                    and pane.refresh_button.isEnabled(), timeout=10_000)


def test_korean_money_formats() -> None:
    assert fmt.compact_won(12_345_678) == "1,235만"
    assert fmt.compact_won(9_000) == "9,000원"
    assert fmt.compact_won(12_300_000, "en") == "₩12.3M"
    assert fmt.compact_won(350_000, "en") == "₩350K"
    assert fmt.score(72.25) == "72.3"
    assert fmt.score(None) == "–"


def test_a_shown_pane_paints_before_it_loads(qtbot: QtBot, services: Services, gym: Gym,
                                             messages: MessageBridge) -> None:
    pane = DashboardPane(services.dashboard, gym.owner, messages)
    qtbot.addWidget(pane)
    pane.show()
    pane.refresh()
    assert not pane.is_loading()  # waits for the first paint of the frame
    qtbot.waitUntil(lambda: pane.metrics() is not None and not pane.is_loading(), timeout=10_000)
    assert pane.clients_card.value() == "4"


def test_ctrl_p_prints_todays_schedule_per_trainer(
    qtbot: QtBot, services: Services, gym: Gym, messages: MessageBridge, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pane = _loaded_pane(qtbot, services, gym.owner, messages)
    pane.printing = ListPrinter(services.settings, gym.owner, messages, "ko")
    assert "file.print" in pane.pane_actions()
    pane.print_current()
    dialog = pane.printing.dialog
    assert isinstance(dialog, ListPrintDialog)
    qtbot.waitUntil(lambda: dialog.pdf() is not None, timeout=10_000)
    shot = dialog.shot
    # One section per trainer, each holding that trainer's sessions of today, in time order.
    expected: dict[str, list[str]] = {}
    for s in services.dashboard.metrics(gym.owner).today_sessions:
        expected.setdefault(s.trainer_name, []).append(s.client_name)
    assert {sec.heading: [row[1] for row in sec.rows] for sec in shot.sections} == expected
    assert [c.title for c in shot.columns] == ["시간", "회원", "상태"]  # the trainer heads
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(dialog.pdf())).pages)
    assert "오늘 일정" in text
    for name in expected:
        assert name in text
    target = tmp_path / "schedule.pdf"
    monkeypatch.setattr(FileDialogs, "save_pdf", lambda *_args: target)
    dialog.save_as()
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert target.read_bytes() == dialog.pdf()
def test_updated_at_reads_the_gym_clock_not_the_pc_clock(
    qtbot: QtBot, services: Services, gym: Gym, messages: MessageBridge,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """"10:00 기준" is the services' now (01:00 UTC) in the gym's zone, on a PC set to New York."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        pane = _loaded_pane(qtbot, services, gym.owner, messages)
        assert pane.status_label.text() == "10:00 기준"
        assert gym_clock.zone() == ZoneInfo("Asia/Seoul")
        # Other screens format stored UTC times on the same clock.
        assert gym_clock.stamp(datetime(2025, 6, 15, 1, 0, tzinfo=UTC)) == "2025-06-15 10:00"
        assert gym_clock.stamp(datetime(2025, 6, 14, 15, 30)) == "2025-06-15 00:30"
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize(("values", "ticks"), [
    ([0, 0, 0, 0], ["0", "1"]),     # an empty chart: was "0, 0, 0, 1, 1, 1" (0.2 steps rounded)
    ([0, 1, 2, 1], ["0", "1", "2"]),
])
def test_count_axes_carry_whole_distinct_numbers(
    qtbot: QtBot, values: list[int], ticks: list[str]
) -> None:
    from the5hc_desktop.ui.panes.dashboard.charts import BarChart

    chart = BarChart("testChart", "#1565c0", fmt.axis_number, fmt.axis_number)
    qtbot.addWidget(chart)
    chart.resize(400, 240)
    chart.show()
    chart.set_data(["a", "b", "c", "d"], values)
    qtbot.wait(1)
    shown = chart.axis_ticks()
    assert len(shown) == len(set(shown)), shown
    assert set(ticks) <= set(shown)
    assert all(text.isdigit() for text in shown)


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("width", [1024, 1366])
def test_no_card_cuts_its_text(
    qtbot: QtBot, services: Services, gym: Gym, messages: MessageBridge, ui_session: Any,
    language: str, width: int,
) -> None:
    """Long English titles and the sessions line wrap inside the card (issue 16)."""
    ui_session.use(language)
    try:
        pane = _loaded_pane(qtbot, services, gym.owner, messages)
        pane.resize(width - 160, 700)  # the window less the sidebar
        pane.show()
        qtbot.waitExposed(pane)
        qtbot.wait(1)
        cards = (pane.clients_card, pane.packages_card, pane.sessions_card, pane.revenue_card,
                 pane.assessments_card)
        assert [card.clipped_labels() for card in cards] == [[]] * len(cards)
        assert len({card.height() for card in cards}) == 1  # one even row
    finally:
        ui_session.use("ko")


@pytest.mark.parametrize(("top", "height", "ticks"), [
    (1.0, 180, [0, 1]),                      # an empty chart still has a scale
    (2.4, 180, [0, 1, 2]),                   # never a 0.5 step
    (12.0, 180, [0, 5, 10]),
    (1_092_000.0, 180, [0, 500_000, 1_000_000]),
    (1_092_000.0, 400, [0, 200_000, 400_000, 600_000, 800_000, 1_000_000]),
])
def test_axis_ticks_are_whole_1_2_5_steps_up_to_the_top(
    top: float, height: int, ticks: list[int]
) -> None:
    from the5hc_desktop.ui.panes.dashboard.charts import whole_ticks

    assert whole_ticks(top, height) == ticks


def test_the_first_load_is_done_once_its_figures_painted(
    qtbot: QtBot, services: Services, gym: Gym, messages: MessageBridge
) -> None:
    """What the start waits for before building the other panes (app_flow.when_settled)."""
    pane = DashboardPane(services.dashboard, gym.owner, messages)
    qtbot.addWidget(pane)
    pane.show()
    assert not pane.first_load_done()
    pane.refresh()  # the first showing: the load starts once the frame painted
    qtbot.waitUntil(pane.first_load_done, timeout=10_000)
    assert pane.metrics() == services.dashboard.metrics(gym.owner)
    assert pane.clients_card.value() == "4"
