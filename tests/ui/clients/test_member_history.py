"""The member page lists the member's sessions (upcoming first) and payments, opens a
payment's receipt and prints either list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from clients_ui_support import Seeded
from pytestqt.qtbot import QtBot

from the5hc_desktop.ui import worker
from the5hc_desktop.ui.list_print import ListPrinter
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.clients import ClientsPane
from the5hc_desktop.ui.panes.clients.history import MemberRecords
from the5hc_desktop.ui.panes.sessions.receipt import ReceiptDialog


@pytest.fixture
def pane(qtbot: QtBot, seeded: Seeded, messages: MessageBridge) -> ClientsPane:
    services, owner = seeded.services, seeded.owner
    minsu = seeded.ids["김민수"]
    (package,) = services.packages.active_for_client(owner, minsu)
    soon = (datetime.now(UTC) + timedelta(days=2)).replace(hour=1, minute=0, second=0,
                                                           microsecond=0)
    later = services.sessions.book(owner, minsu, package.id, owner.staff_id,
                                   soon + timedelta(days=7))
    services.sessions.book(owner, minsu, package.id, owner.staff_id, soon)
    done = services.sessions.book(owner, minsu, package.id, owner.staff_id,
                                  soon + timedelta(days=1))
    services.sessions.complete(owner, done.id)
    services.sessions.cancel(owner, later.id)
    pane = ClientsPane(services.clients, services.accounts, owner, messages)
    pane.records = MemberRecords(services.sessions, services.packages)
    pane.printing = ListPrinter(services.settings, owner, messages, "ko")
    qtbot.addWidget(pane)
    pane.resize(1200, 900)
    pane.show()
    pane.open_client(minsu)
    assert worker.wait_idle()
    assert worker.wait_idle()  # the history follows the page
    return pane


def test_sessions_upcoming_first_then_the_past(pane: ClientsPane) -> None:
    history = pane.detail.history
    rows = history.sessions_model.rows()
    statuses = [history.sessions_model.index(r, 1).data() for r in range(len(rows))]
    # The one still booked comes first; then the checked-off ones, newest first.
    assert statuses[0] == "예약됨"
    assert sorted(statuses[1:]) == ["완료됨", "취소됨"]
    assert [r.starts_at for r in rows[1:]] == sorted((r.starts_at for r in rows[1:]),
                                                     reverse=True)
    assert history.sessions_table.isVisibleTo(pane)
    assert not history.sessions_empty.isVisibleTo(pane)


def test_payment_opens_its_receipt_and_lists_print(qtbot: QtBot, pane: ClientsPane) -> None:
    history = pane.detail.history
    (payment,) = history.payments_model.rows()
    assert payment.gross == 600_000
    assert history.payments_model.index(0, 3).data() == "600,000원"
    assert not history.receipt_button.isEnabled()
    history.payments_table.selectRow(0)
    assert history.receipt_button.isEnabled()
    history.receipt_button.click()
    assert isinstance(pane.receipt_dialog, ReceiptDialog)
    pane.receipt_dialog.close()

    history.print_sessions.click()
    assert pane.printing is not None
    dialog = pane.printing.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.pdf() is not None, timeout=10_000)  # type: ignore[attr-defined]
    assert dialog.shot.rows == 3  # type: ignore[attr-defined]
    assert dialog.shot.title == "김민수 · 세션"  # type: ignore[attr-defined]


def test_ctrl_p_prints_the_member_list_as_shown(qtbot: QtBot, pane: ClientsPane) -> None:
    pane.show_list()
    pane.refresh()
    assert worker.wait_idle()
    assert "file.print" in pane.pane_actions()
    pane.print_current()
    assert pane.printing is not None
    dialog = pane.printing.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.pdf() is not None, timeout=10_000)  # type: ignore[attr-defined]
    shown = pane.list_page.model.rowCount()
    assert dialog.shot.rows == shown > 0  # type: ignore[attr-defined]
    assert dialog.shot.title == "회원"  # type: ignore[attr-defined]
