"""Two desks of one gym, each a whole app (services, change bus, panes, sync controller),
against the real PostgreSQL server: live updates, offline and back, conflicts.

Waits are `qtbot.waitUntil` on what a person would see; nothing asserts a duration.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fault_proxy import FaultProxy
from pytestqt.qtbot import QtBot
from sync_app_support import MEMBER, AppDesk, book, open_app_desk, wait_listening
from sync_cluster import enrol
from sync_server_support import ServerHarness

from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.settings.sync_page import SyncPage
from the5hc_desktop.ui.sync_controller import SyncPhase
from the5hc_desktop.ui.sync_status import SyncStatusButton


@pytest.fixture
def desks(
    qtbot: QtBot, app_sync_server: ServerHarness, app_sync_template: Path, tmp_path: Path,
    messages: MessageBridge,
) -> Iterator[dict[str, object]]:
    """Desk A (first, uploads) and desk B (downloads, reaches the server through a proxy)."""
    gym = app_sync_server.new_gym()
    proxy = FaultProxy(5432).__enter__()
    opened: list[AppDesk] = []
    state: dict[str, object] = {"proxy": proxy}
    try:
        a = open_app_desk(qtbot, "A", app_sync_template, tmp_path,
                          enrol(app_sync_server, gym, "A"), messages, first=True,
                          with_pane=False)
        opened.append(a)
        b = open_app_desk(qtbot, "B", app_sync_template, tmp_path,
                          enrol(app_sync_server, gym, "B"), messages, port=proxy.port)
        opened.append(b)
        state.update(a=a, b=b)
        yield state
    finally:
        for desk in opened:
            desk.controller.stop()
        worker.wait_idle(20_000)
        for desk in opened:
            desk.close()
        proxy.black_hole = False
        proxy.close()


def test_a_booking_on_one_desk_appears_on_the_other_desks_calendar_without_a_click(
    qtbot: QtBot, desks: dict[str, AppDesk]
) -> None:
    a, b = desks["a"], desks["b"]
    wait_listening(qtbot, b)
    assert MEMBER not in b.calendar_names()

    book(a, 13, 10)  # desk A books; nobody touches desk B

    qtbot.waitUntil(lambda: MEMBER in b.calendar_names(), timeout=15_000)
    assert b.controller.display.phase is SyncPhase.SYNCED


def test_an_offline_desk_keeps_working_shows_offline_and_catches_up(
    qtbot: QtBot, desks: dict[str, object]
) -> None:
    a, b = desks["a"], desks["b"]
    assert isinstance(a, AppDesk)
    assert isinstance(b, AppDesk)
    status = SyncStatusButton()
    qtbot.addWidget(status)
    b.controller.state_changed.connect(status.show_state)
    proxy = desks["proxy"]
    assert isinstance(proxy, FaultProxy)
    _cut(proxy)  # the server is gone for desk B

    b.controller.sync_now()
    qtbot.waitUntil(lambda: b.controller.display.phase is SyncPhase.OFFLINE, timeout=30_000)
    assert status.text().startswith("오프라인")

    book(b, 14, 11)  # B keeps working offline
    qtbot.waitUntil(lambda: b.calendar_names() == [MEMBER], timeout=10_000)
    qtbot.waitUntil(lambda: b.controller.display.pending > 0, timeout=15_000)
    assert b.controller.display.phase is SyncPhase.OFFLINE
    assert "보낼 변경" in status.text()
    book(a, 13, 10)  # meanwhile A books too
    qtbot.waitUntil(lambda: a.controller.display.pending == 0
                    and a.controller.rounds >= 2, timeout=15_000)

    proxy.black_hole = False  # the server is back
    b.controller.set_interval(10)  # the app's periodic round (every 60 s by default) retries
    b.controller.sync_now()

    # A round begun while the server was away may still be waiting out its 10 s call
    # watchdog or 5 s connect timeout; the periodic round after it catches up. On a busy
    # machine that can take a few rounds, so allow a minute.
    qtbot.waitUntil(lambda: sorted(b.calendar_names()) == [MEMBER, MEMBER], timeout=60_000)
    qtbot.waitUntil(lambda: b.controller.display.phase is SyncPhase.SYNCED
                    and b.controller.display.pending == 0, timeout=15_000)
    assert "동기화됨" in status.text()
    a.controller.sync_now()
    qtbot.waitUntil(lambda: len(a.services.sessions.list_range(
        a.owner, date(2025, 3, 10), date(2025, 3, 17))) == 2, timeout=15_000)


def test_a_conflict_appears_in_the_log_and_restoring_the_other_version_syncs_back(
    qtbot: QtBot, desks: dict[str, object], messages: MessageBridge
) -> None:
    a, b = desks["a"], desks["b"]
    assert isinstance(a, AppDesk)
    assert isinstance(b, AppDesk)
    proxy = desks["proxy"]
    assert isinstance(proxy, FaultProxy)
    member = a.member_id()
    _cut(proxy)  # B edits offline while A edits the same member online

    a.services.clients.update(a.owner, member, _draft("010-1111-1111"))
    qtbot.waitUntil(lambda: a.controller.display.pending == 0
                    and a.controller.rounds >= 2, timeout=15_000)
    b.services.clients.update(b.owner, member, _draft("010-2222-2222"))  # later: it wins

    proxy.black_hole = False
    page = SyncPage(b.services.sync, b.owner, messages, b.controller)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.tabs.setCurrentIndex(1)
    b.controller.sync_now()

    qtbot.waitUntil(lambda: len(page.conflicts.conflicts) >= 1, timeout=15_000)
    conflict = page.conflicts.selected()
    assert conflict is not None
    assert conflict.entity == "clients"
    assert "▶ phone: 01011111111" in page.conflicts.set_aside.toPlainText()  # A's, set aside
    assert "▶ phone: 01022222222" in page.conflicts.kept.toPlainText()  # B's later edit won

    page.conflicts.restore_selected("loser")  # bring A's version back from desk B

    qtbot.waitUntil(lambda: _phone(a) == _phone(b) == "01011111111",
                    timeout=20_000)


def _cut(proxy: FaultProxy) -> None:
    """Nothing gets through any more, and the open connections (the listener's) drop."""
    proxy.black_hole = True
    proxy.cut_all()


def _draft(phone: str) -> ClientDraft:
    return ClientDraft(MEMBER, "male", phone, date(1990, 3, 15))


def _phone(desk: AppDesk) -> str:
    return desk.services.clients.get(desk.owner, desk.member_id()).client.phone.replace("-", "")
