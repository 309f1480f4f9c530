"""The start-up flow of the composition root on real database files: first run, sign-in,
lockout, a forced password change and sign-out."""

from __future__ import annotations

import dataclasses
import gc
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QMetaMethod
from pytestqt.qtbot import QtBot
from ui_app_seed import OWNER_PASSWORD, STAFF_PASSWORD, Gym

from the5hc_desktop import startup_gc
from the5hc_desktop.services import Services, demo
from the5hc_desktop.services.context import Role
from the5hc_desktop.ui import app_flow, worker
from the5hc_desktop.ui.app_flow import SignInFlow
from the5hc_desktop.ui.dialogs import Dialogs
from the5hc_desktop.ui.messages import MessageBridge, MessageRecorder
from the5hc_desktop.ui.panes.settings.staff_dialogs import ChangePasswordDialog
from the5hc_desktop.ui.signin import FirstRunDialog, SignInDialog

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture
def flow(messages: MessageBridge, db_path: Path) -> object:
    started = SignInFlow(messages, db_path)
    yield started
    worker.wait_idle()
    started.close()
    worker.wait_idle()


def _dialog(qtbot: QtBot, flow: SignInFlow, kind: type) -> object:
    qtbot.waitUntil(lambda: isinstance(flow.dialog, kind) and flow.dialog.isVisible(),
                    timeout=15_000)
    return flow.dialog


def _window_ready(qtbot: QtBot, flow: SignInFlow) -> None:
    qtbot.waitUntil(lambda: flow.window is not None and flow.window.isVisible(), timeout=15_000)
    qtbot.waitUntil(lambda: flow.panes_complete, timeout=15_000)  # the rest follow the first
    assert worker.wait_idle()


def test_first_run_creates_the_gym_and_its_owner(qtbot: QtBot, flow: SignInFlow,
                                                  recorder: MessageRecorder) -> None:
    flow.start()
    dialog = _dialog(qtbot, flow, FirstRunDialog)
    assert isinstance(dialog, FirstRunDialog)
    dialog.gym_name.setText("더파이브 헬스케어 강남점")
    dialog.owner_name.setText("김대표")
    dialog.username.setText("owner")
    dialog.password.setText(OWNER_PASSWORD)
    dialog.password_again.setText(OWNER_PASSWORD)
    dialog.submit_create()
    _window_ready(qtbot, flow)

    services = flow.services
    assert services is not None
    assert not services.accounts.needs_first_run()
    assert services.settings.get().gym_name == "더파이브 헬스케어 강남점"
    assert services.accounts.sign_in("owner", OWNER_PASSWORD).role is Role.OWNER
    window = flow.window
    assert window is not None
    assert window.windowTitle() == "더파이브 헬스케어 강남점 — The5HC Desktop"
    assert window.staff_label.text() == "김대표 (소유자)"
    assert "환영합니다, 김대표님!" in recorder.texts("success")
    names = [pane.object_name for pane in window.panes()]
    assert names[0] == "dashboardPane"
    assert names[-1] == "settingsPane"


def test_sign_in_opens_the_main_window(qtbot: QtBot, flow: SignInFlow, gym: Gym,
                                       db_path: Path) -> None:
    flow.start()
    dialog = _dialog(qtbot, flow, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    assert not dialog.demo_hint.isVisibleTo(dialog)  # not a demo database
    dialog.login.setText("trainer")
    dialog.password.setText(STAFF_PASSWORD)
    dialog.submit()
    # The owner gave this new account its first password: it is replaced before work starts.
    change = _dialog(qtbot, flow, ChangePasswordDialog)
    assert isinstance(change, ChangePasswordDialog)
    change.old.setText(STAFF_PASSWORD)
    change.new.setText("trainer-new-1")
    change.again.setText("trainer-new-1")
    change.submit()
    _window_ready(qtbot, flow)
    window = flow.window
    assert window is not None
    assert window.staff_label.text() == "이트레이너 (트레이너)"
    assert window.database_label.toolTip() == str(db_path)
    assert "settingsPane" in [p.object_name for p in window.panes()]


def test_lockout_message_shows_the_unlock_time(qtbot: QtBot, flow: SignInFlow,
                                               gym: Gym) -> None:
    flow.start()
    dialog = _dialog(qtbot, flow, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    for attempt in range(5):
        dialog.login.setText("owner")
        dialog.password.setText(f"wrong-{attempt}")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog)
                        and dialog.sign_in_button.isEnabled(), timeout=10_000)
        if attempt < 4:
            assert "잘못된" in dialog.error.text()
            dialog.error.hide()
    text = dialog.error.text()
    match = re.search(r"(\d\d):(\d\d)까지 기다려주세요", text)
    assert match, text
    expected = datetime.now(SEOUL) + timedelta(minutes=30)
    shown = expected.replace(hour=int(match[1]), minute=int(match[2]))
    assert abs((shown - expected).total_seconds()) < 120
    # Locked: even the right password is refused now.
    dialog.password.setText(OWNER_PASSWORD)
    dialog.error.hide()
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog)
                    and dialog.sign_in_button.isEnabled(), timeout=10_000)
    assert "잠겼습니다" in dialog.error.text()
    assert flow.window is None


def test_reset_password_must_be_changed_at_sign_in(qtbot: QtBot, flow: SignInFlow, gym: Gym,
                                                   services: Services) -> None:
    # A trainer cannot list staff, yet is still made to replace the temporary password.
    trainer = services.accounts.add_staff(gym.owner, "senior", "정트레이너", Role.TRAINER,
                                          STAFF_PASSWORD)
    temporary = services.accounts.reset_password(gym.owner, trainer.id)
    flow.start()
    dialog = _dialog(qtbot, flow, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    dialog.login.setText("senior")
    dialog.password.setText(temporary)
    dialog.submit()
    change = _dialog(qtbot, flow, ChangePasswordDialog)
    assert isinstance(change, ChangePasswordDialog)
    change.old.setText(temporary)
    change.new.setText("senior-new-1")
    change.again.setText("senior-new-1")
    change.submit()
    _window_ready(qtbot, flow)
    assert services.accounts.sign_in("senior", "senior-new-1").username == "senior"


def test_sign_out_returns_to_the_sign_in_dialog(qtbot: QtBot, flow: SignInFlow,
                                                gym: Gym) -> None:
    finished: list[int] = []
    flow.finished.connect(finished.append)
    flow.start()
    dialog = _dialog(qtbot, flow, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    dialog.login.setText("owner")
    dialog.password.setText(OWNER_PASSWORD)
    dialog.submit()
    _window_ready(qtbot, flow)
    window = flow.window
    assert window is not None
    window.sign_out()
    again = _dialog(qtbot, flow, SignInDialog)
    assert again is not dialog
    assert flow.window is None
    assert finished == []
    assert isinstance(again, SignInDialog)
    again.reject()
    assert finished == [0]


def test_first_run_can_open_the_demo(qtbot: QtBot, flow: SignInFlow, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_flow, "demo_db_path", lambda: tmp_path / "demo" / "demo.sqlite3")
    monkeypatch.setattr(app_flow, "DEMO_CLIENTS", 20)
    flow.start()
    first = _dialog(qtbot, flow, FirstRunDialog)
    assert isinstance(first, FirstRunDialog)
    first.submit_demo()
    dialog = _dialog(qtbot, flow, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    assert (tmp_path / "demo" / "demo.sqlite3").is_file()
    assert dialog.demo_hint.isVisibleTo(dialog)
    hint = f"사용자명 {demo.DEMO_USERNAME}, 비밀번호 {demo.DEMO_PASSWORD}"
    assert hint in dialog.demo_hint.text()
    dialog.login.setText(demo.DEMO_USERNAME)
    dialog.password.setText(demo.DEMO_PASSWORD)
    dialog.submit()
    _window_ready(qtbot, flow)
    assert flow.services is not None
    assert flow.services.accounts.is_demo()


def test_a_members_page_reaches_the_other_panes(qtbot: QtBot, flow: SignInFlow, gym: Gym,
                                                 services: Services,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    flow.start()
    dialog = _dialog(qtbot, flow, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    dialog.login.setText("owner")
    dialog.password.setText(OWNER_PASSWORD)
    dialog.submit()
    _window_ready(qtbot, flow)
    window = flow.window
    assert window is not None
    panes: dict[str, Any] = {pane.object_name: pane for pane in window.panes()}
    clients, assessment = panes["clientsPane"], panes["assessmentPane"]
    # The member page shows 새 평가 / 패키지 판매 / 세션 예약 only for connected requests.
    for signal in (clients.new_assessment_requested, clients.open_assessment_requested,
                   clients.sell_package_requested, clients.book_session_requested):
        assert clients.isSignalConnected(QMetaMethod.fromSignal(signal))
    member = services.clients.search(gym.owner, "김민수").rows[0].id
    before = services.assessments.list_for_client(gym.owner, member)

    clients.new_assessment_requested.emit(member)

    current = window.current_pane()
    assert current is not None
    assert current.object_name == "assessmentPane"
    qtbot.waitUntil(lambda: assessment.wizard is not None and assessment.wizard.isVisible())
    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda *_args, **_kw: True))
    assessment.wizard.reject()  # cancel, confirmed: nothing is written
    qtbot.waitUntil(lambda: assessment.wizard is None)
    assert services.assessments.list_for_client(gym.owner, member) == before


def test_the_dashboards_lists_open_their_records(qtbot: QtBot, flow: SignInFlow, gym: Gym,
                                                 services: Services, tmp_path: Path) -> None:
    flow.start()
    dialog = _dialog(qtbot, flow, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    dialog.login.setText("owner")
    dialog.password.setText(OWNER_PASSWORD)
    dialog.submit()
    _window_ready(qtbot, flow)
    window = flow.window
    assert window is not None
    panes: dict[str, Any] = {pane.object_name: pane for pane in window.panes()}
    lists = panes["dashboardPane"].upcoming
    assert lists is not None
    qtbot.waitUntil(lambda: lists.lists is not None and not lists.is_loading())
    expected = services.dashboard_lists.lists(gym.owner)  # the seed's clock (June 2025)
    # The window runs on the real clock: June 2025 bookings are past, members are not.
    assert lists.upcoming_model.rows() == ()
    assert lists.members_model.rows() == expected.recent_members
    lists.grab().save(str(tmp_path / "dashboard_lists.png"))

    lists.members_table.activated.emit(lists.members_model.index(0, 1))
    current = window.current_pane()
    assert current is not None
    assert current.object_name == "clientsPane"
    assert expected.upcoming
    lists.session_requested.emit(expected.upcoming[0])
    current = window.current_pane()
    assert current is not None
    assert current.object_name == "sessionsPane"
    assert current.schedule.anchor == expected.upcoming[0].starts_at.date()


def test_the_last_used_pane_is_there_at_once_not_seconds_later(
    qtbot: QtBot, flow: SignInFlow, gym: Gym
) -> None:
    from PySide6.QtCore import QSettings

    QSettings().setValue("window/last_pane", "sessionsPane")
    shown_first: list[str] = []

    def window_shown() -> None:  # ui_shown also follows the sign-in dialog
        if flow.window is not None and not shown_first:
            shown_first.append(flow.window.current_pane().object_name)  # type: ignore[union-attr]

    flow.ui_shown.connect(window_shown)
    flow.start()
    dialog = _dialog(qtbot, flow, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    dialog.login.setText("owner")
    dialog.password.setText(OWNER_PASSWORD)
    dialog.submit()
    _window_ready(qtbot, flow)
    window = flow.window
    assert window is not None
    assert shown_first == ["sessionsPane"]  # the first paint is already the pane left last
    assert window.current_pane().object_name == "sessionsPane"  # type: ignore[union-attr]
    names = [pane.object_name for pane in window.panes()]
    assert names[:4] == ["dashboardPane", "clientsPane", "assessmentPane", "sessionsPane"]


def test_a_database_never_switches_the_users_language(
    qtbot: QtBot, messages: MessageBridge, db_path: Path, gym: Gym, services: Services
) -> None:
    """The language is the Windows user's own (QSettings); a database saved with English by
    another PC opens in this user's Korean and leaves their choice alone (issue 16, 18)."""
    from PySide6.QtCore import QSettings

    from the5hc_desktop.ui import i18n

    stored = services.settings.get()
    services.settings.update(gym.owner, dataclasses.replace(stored, language="en"))
    asked: list[str] = []
    QSettings().setValue(i18n.SETTINGS_KEY, "ko")
    started = SignInFlow(messages, db_path, use_language=asked.append)
    try:
        started.start()
        _dialog(qtbot, started, SignInDialog)
        assert asked == []
        assert i18n.language_from_settings() == "ko"
    finally:
        worker.wait_idle()
        started.close()
        worker.wait_idle()


def test_the_first_day_checklist_ticks_from_the_data(
    qtbot: QtBot, flow: SignInFlow, gym: Gym, services: Services
) -> None:
    """도움말 → 첫날 체크리스트: the seeded gym has staff, sales, but never saved its rates."""
    from the5hc_desktop.ui.first_day import DONE, OPEN, FirstDayDialog

    flow.start()
    dialog = _dialog(qtbot, flow, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    dialog.login.setText("owner")
    dialog.password.setText(OWNER_PASSWORD)
    dialog.submit()
    _window_ready(qtbot, flow)
    window = flow.window
    assert window is not None
    assert window.registry.action("help.first_day").isEnabled()
    window.registry.trigger("help.first_day")
    checklist = window.findChild(FirstDayDialog)
    assert checklist is not None
    qtbot.waitUntil(lambda: checklist.progress is not None, timeout=10_000)
    expected = services.first_day.progress(gym.owner)
    assert checklist.marks["staff"].text() == (DONE if expected.staff_added else OPEN)
    assert checklist.marks["rates"].text() == (DONE if expected.rates_set else OPEN)
    assert checklist.marks["package"].text() == DONE
    checklist.close()


def test_the_other_panes_wait_for_the_first_panes_figures(qtbot: QtBot) -> None:
    """Idle lanes alone do not settle the start: the shown pane's first load may not have
    been asked for yet (the dashboard asks just after its first paint)."""
    from PySide6.QtCore import QObject

    owner = QObject()
    loaded = [False]
    called: list[bool] = []
    app_flow.when_settled(owner, lambda: called.append(True), limit_ms=5000,
                          first_loaded=lambda: loaded[0])
    qtbot.wait(200)  # the lanes are idle all along
    assert called == []
    loaded[0] = True
    qtbot.waitUntil(lambda: called == [True], timeout=2000)


def test_the_collector_is_paused_while_signing_in_and_runs_again_after_a_refusal(
        qtbot: QtBot, flow: SignInFlow, gym: Gym) -> None:
    """startup_gc.py: paused from 로그인 until the window is complete; a refused password
    ends the pause (the dialog waits for the person again)."""
    flow.start()
    dialog = _dialog(qtbot, flow, SignInDialog)
    assert isinstance(dialog, SignInDialog)
    dialog.login.setText("owner")
    dialog.password.setText("not-the-password")
    dialog.submit()
    assert startup_gc.is_paused()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=10_000)
    assert worker.wait_idle()
    assert flow.window is None
    assert not startup_gc.is_paused()
    assert gc.isenabled()
    dialog.password.setText(OWNER_PASSWORD)
    dialog.submit()
    assert startup_gc.is_paused()
    _window_ready(qtbot, flow)
    assert not startup_gc.is_paused()
    assert gc.isenabled()
