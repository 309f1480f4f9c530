"""패키지 and 결제 tabs: ledger figures, bonus and refund (managers), payments and totals."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sessions_ui_support import TODAY, AskRecorder, Gym, MakePane, SettableClock, sell, settle

from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui.dialogs import Dialogs
from the5hc_desktop.ui.panes.sessions import SessionsPane
from the5hc_desktop.ui.panes.sessions.formatting import OVERDRAWN_COLOUR
from the5hc_desktop.ui.panes.sessions.package_actions import BonusDialog, RefundDialog
from the5hc_desktop.ui.panes.sessions.payments_panel import PaymentsModel


@pytest.fixture
def ask(monkeypatch: pytest.MonkeyPatch) -> AskRecorder:
    recorder = AskRecorder(answer=True)
    monkeypatch.setattr(Dialogs, "ask", recorder)
    return recorder


def packages_of(qtbot: QtBot, pane: SessionsPane, gym: Gym, client: str) -> None:
    pane.show_client_packages(gym.clients[client])
    settle(qtbot)
    assert pane.tabs.currentWidget() is pane.packages_panel


def figures(pane: SessionsPane) -> dict[str, str]:
    return {key: label.text() for key, label in pane.packages_panel.values.items()}


def test_package_view_shows_the_ledger(qtbot: QtBot, make_pane: MakePane, gym: Gym) -> None:
    package_id = sell(gym, "김민수", 10)
    sessions = gym.services.sessions
    booked = [sessions.book(gym.owner, gym.clients["김민수"], package_id, gym.owner.staff_id,
                            datetime(2025, 3, 12, hour)).id for hour in (9, 10, 11, 12)]
    sessions.complete(gym.owner, booked[0])
    sessions.complete(gym.owner, booked[1])
    sessions.no_show(gym.owner, booked[2])
    pane = make_pane()
    packages_of(qtbot, pane, gym, "김민수")
    assert figures(pane) == {
        "bought": "10회", "used": "2", "no_show": "1", "bonus": "0", "refunded": "0",
        "remaining": "7", "scheduled": "1", "available": "6", "expiry": "무제한",
        "state": "활성"}
    assert pane.packages_panel.model.text(0, "remaining") == "7"


def test_bonus_needs_a_reason(qtbot: QtBot, make_pane: MakePane, gym: Gym) -> None:
    sell(gym, "김민수", 10)
    pane = make_pane()
    packages_of(qtbot, pane, gym, "김민수")
    qtbot.mouseClick(pane.packages_panel.bonus_button, Qt.MouseButton.LeftButton)
    dialog = pane.packages_panel.dialog
    assert isinstance(dialog, BonusDialog)
    dialog.sessions_spin.setValue(2)
    dialog.submit()
    settle(qtbot)
    assert dialog.errors.text("reason") == "사유를 입력하세요."
    dialog.reason_edit.setText("재등록 이벤트")
    dialog.submit()
    settle(qtbot)
    assert figures(pane)["bonus"] == "2"
    assert figures(pane)["remaining"] == "12"


def test_refund_through_the_ui_reconciles(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, ask: AskRecorder, clock: SettableClock
) -> None:
    clock.value = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)
    package_id = sell(gym, "김민수", 10, price=55_000)  # 550,000 by card
    sessions = gym.services.sessions
    for hour in (9, 10, 11):
        done = sessions.book(gym.owner, gym.clients["김민수"], package_id, gym.owner.staff_id,
                             datetime(2025, 3, 4, hour))
        sessions.complete(gym.owner, done.id)
    clock.value = datetime(2025, 3, 12, 0, 30, tzinfo=UTC)
    pane = make_pane()
    changes: list[bool] = []
    pane.data_changed.connect(lambda: changes.append(True))
    packages_of(qtbot, pane, gym, "김민수")

    qtbot.mouseClick(pane.packages_panel.refund_button, Qt.MouseButton.LeftButton)
    dialog = pane.packages_panel.dialog
    assert isinstance(dialog, RefundDialog)
    assert "7회 × 55,000원" in dialog.summary.text()
    assert "385,000원" in dialog.summary.text()
    dialog.submit()  # no reason yet
    assert dialog.errors.text("reason") != ""
    assert ask.questions == []
    dialog.reason_edit.setText("이사")
    dialog.submit()
    settle(qtbot)

    assert len(ask.questions) == 1
    assert figures(pane)["remaining"] == "0"
    assert figures(pane)["refunded"] == "7"
    assert figures(pane)["state"] == "환불됨"
    assert changes
    listed = gym.services.packages.list_payments(gym.owner, date(2025, 3, 1), TODAY)
    assert [p.gross for p in listed.rows] == [-385_000, 550_000]
    assert listed.total_gross == 165_000
    sale, refund = listed.rows[1], listed.rows[0]
    assert refund.reverses_payment_id == sale.id
    assert listed.total_vat + listed.total_card_fee + listed.total_net == listed.total_gross

    assert pane.payments_panel is not None
    pane.tabs.setCurrentWidget(pane.payments_panel)
    panel = pane.payments_panel
    panel.from_edit.setDate(panel.from_edit.date().addDays(-11))  # from 1 March
    settle(qtbot)
    assert panel.model.rowCount() == 2
    assert panel.model.text(0, "gross") == "-385,000"
    assert "165,000원" in panel.totals_label.text()
    totals = panel.model.totals
    assert totals is not None
    assert (totals.total_gross, totals.total_net) == (165_000, listed.total_net)


def test_payments_filter_by_method_and_client(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, qtmodeltester: object
) -> None:
    services = gym.services
    services.packages.sell(gym.owner, gym.clients["김민수"], 1_000_000, 50_000, "card")
    services.packages.sell(gym.owner, gym.clients["이영희"], 500_000, 50_000, "cash")
    pane = make_pane()
    panel = pane.payments_panel
    assert panel is not None
    pane.tabs.setCurrentWidget(panel)
    settle(qtbot)
    assert panel.model.rowCount() == 2
    assert "1,500,000원" in panel.totals_label.text()
    qtmodeltester.check(panel.model)  # type: ignore[attr-defined]

    panel.method_combo.setCurrentIndex(panel.method_combo.findData("cash"))
    settle(qtbot)
    assert [panel.model.text(r, "client") for r in range(panel.model.rowCount())] == ["이영희"]
    assert panel.model.text(0, "card_fee") == "0"

    panel.method_combo.setCurrentIndex(0)
    panel.picker.search("김민수")
    settle(qtbot)
    assert [panel.model.text(r, "client") for r in range(panel.model.rowCount())] == ["김민수"]
    assert panel.model.text(0, "net") == "877,273"
    assert isinstance(panel.model, PaymentsModel)


@pytest.mark.parametrize("role", ["trainer", "assistant"])
def test_staff_without_the_right_see_no_bonus_or_refund(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, role: str
) -> None:
    sell(gym, "김민수", 10)
    actor: Actor = getattr(gym, role)
    pane = make_pane(actor)
    packages_of(qtbot, pane, gym, "김민수")
    assert not pane.packages_panel.bonus_button.isVisibleTo(pane)
    assert not pane.packages_panel.refund_button.isVisibleTo(pane)
    assert pane.payments_panel is not None  # they take payments, so they list them
    assert not pane.payments_panel.refund_button.isVisibleTo(pane)


def test_an_overdrawn_package_is_shown_as_such(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, qtmodeltester: object
) -> None:
    """After a sync merge two desks may both have used the last credit (docs/rules.md §5)."""
    sell(gym, "김민수", 1)
    pane = make_pane()
    packages_of(qtbot, pane, gym, "김민수")
    panel = pane.packages_panel
    (view,) = panel.model.rows()
    overdrawn = replace(view, used=2, remaining=-1, available=-1, overdrawn=True)
    panel.model.set_rows([overdrawn])
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    assert figures(pane)["remaining"] == "-1 (초과 사용)"
    assert figures(pane)["state"] == "초과 사용"
    assert OVERDRAWN_COLOUR in panel.values["remaining"].styleSheet()
    assert panel.model.text(0, "state") == "초과 사용"
    qtmodeltester.check(panel.model)  # type: ignore[attr-defined]


def test_refund_with_a_booked_session_is_refused_before_asking(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, ask: AskRecorder
) -> None:
    package_id = sell(gym, "김민수", 10)
    gym.services.sessions.book(gym.owner, gym.clients["김민수"], package_id,
                               gym.owner.staff_id, datetime(2025, 3, 14, 10))
    pane = make_pane()
    packages_of(qtbot, pane, gym, "김민수")
    panel = pane.packages_panel
    assert not panel.refund_button.isEnabled()
    assert panel.refund_button.toolTip() == "예약된 세션 1건을 먼저 취소하세요."

    panel.refund()  # as the menu or a stale click would: the dialog says why, asks nothing
    dialog = panel.dialog
    assert isinstance(dialog, RefundDialog)
    assert not dialog.ok_button.isEnabled()
    assert "예약된 세션 1건을 먼저 취소하세요." in dialog.general.text()
    dialog.reason_edit.setText("이사")
    dialog.submit()
    settle(qtbot)
    assert ask.questions == []
    assert figures(pane)["refunded"] == "0"


def test_booking_is_disabled_with_the_reason_when_nothing_is_bookable(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    package_id = sell(gym, "김민수", 1)
    pane = make_pane()
    packages_of(qtbot, pane, gym, "김민수")
    panel = pane.packages_panel
    assert panel.book_button.isEnabled()
    assert panel.book_reason.text() == ""

    gym.services.sessions.book(gym.owner, gym.clients["김민수"], package_id,
                               gym.owner.staff_id, datetime(2025, 3, 14, 10))
    panel.reload()
    settle(qtbot)
    assert not panel.book_button.isEnabled()
    reason = "예약 가능한 세션이 없습니다 (남은 세션이 모두 예약됨). 패키지를 판매하세요."
    assert panel.book_reason.text() == reason
    assert panel.book_reason.isVisibleTo(panel)
    assert panel.book_button.toolTip() == reason

    pane.show_client_packages(gym.clients["이영희"])  # no package at all
    settle(qtbot)
    assert not panel.book_button.isEnabled()
    assert panel.book_reason.text() == "예약할 패키지가 없습니다. 패키지를 먼저 판매하세요."
