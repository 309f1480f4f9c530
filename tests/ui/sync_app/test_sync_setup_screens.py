"""Joining a gym on first run, 설정 → 동기화 on a desk that was on its own, and the secret
asked once per run where the computer has no keyring."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sync_app_support import PASSWORD, FixedClock, seed_first_desk
from sync_cluster import enrol
from sync_server_support import ServerHarness

from the5hc_desktop.services import Services, open_services
from the5hc_desktop.sync import credentials
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.app_flow import SignInFlow
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.settings.sync_page import SyncPage
from the5hc_desktop.ui.signin import FirstRunDialog, SignInDialog
from the5hc_desktop.ui.sync_controller import SyncController, SyncPhase
from the5hc_desktop.ui.sync_join import JoinGymDialog


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a computer without a keyring backend (the secret is asked per run)."""
    monkeypatch.delenv(credentials.ENV_SECRET, raising=False)
    monkeypatch.setattr(credentials, "keyring_available", lambda: False)


@pytest.fixture
def lone_desk(app_sync_template: Path, tmp_path: Path) -> Iterator[Services]:
    """A desk with its own gym that never synced."""
    path = tmp_path / "lone.sqlite3"
    shutil.copyfile(app_sync_template, path)
    services = open_services(path, now=FixedClock())
    seed_first_desk(services)
    try:
        yield services
    finally:
        services.close()


def test_first_run_joins_an_existing_gym_and_then_signs_in_its_staff(
    qtbot: QtBot, app_sync_server: ServerHarness, app_sync_template: Path, tmp_path: Path,
    lone_desk: Services, messages: MessageBridge,
) -> None:
    gym = app_sync_server.new_gym()
    code, secret = enrol(app_sync_server, gym, "front desk")
    lone_desk.sync.setup(code, secret, sslmode="disable")
    lone_desk.sync.run_round(secret)  # the gym's first desk uploaded it
    new_code, new_secret = enrol(app_sync_server, gym, "laptop")
    empty = tmp_path / "new-laptop.sqlite3"
    shutil.copyfile(app_sync_template, empty)
    flow = SignInFlow(messages, empty)
    try:
        flow.start()
        qtbot.waitUntil(lambda: isinstance(flow.dialog, FirstRunDialog), timeout=15_000)
        first = flow.dialog
        assert isinstance(first, FirstRunDialog)
        assert first.join_button.isVisible()
        first.join_button.click()
        qtbot.waitUntil(lambda: isinstance(flow.dialog, JoinGymDialog), timeout=15_000)
        join = flow.dialog
        assert isinstance(join, JoinGymDialog)
        join.server.code.setText(new_code)
        join.server.secret.setText(new_secret)
        join.server.sslmode.setCurrentText("disable")
        join.submit()

        qtbot.waitUntil(lambda: isinstance(flow.dialog, SignInDialog), timeout=30_000)
        assert flow.services is not None
        owner = flow.services.accounts.sign_in("owner", PASSWORD)  # staff of the gym
        assert owner.display_name == "김대표"
        assert flow.services.sync.status().gym == gym.name
    finally:
        worker.wait_idle(20_000)
        flow.close()
        worker.wait_idle(20_000)


def test_settings_page_tests_the_connection_then_starts_syncing(
    qtbot: QtBot, app_sync_server: ServerHarness, lone_desk: Services,
    messages: MessageBridge,
) -> None:
    gym = app_sync_server.new_gym()
    code, secret = enrol(app_sync_server, gym, "front desk")
    owner = lone_desk.accounts.sign_in("owner", PASSWORD)
    controller = SyncController(lone_desk.sync, lone_desk.changes, interval_s=3600)
    page = SyncPage(lone_desk.sync, owner, messages, controller)
    qtbot.addWidget(page)
    page.show()
    try:
        assert page.connect_box.isVisible()
        page.server.code.setText(code)
        page.server.secret.setText(secret)
        page.server.sslmode.setCurrentText("disable")
        page.test_connection()
        qtbot.waitUntil(lambda: "연결됨" in page.feedback.text(), timeout=15_000)
        assert gym.name in page.feedback.text()

        page.start_syncing()
        qtbot.waitUntil(lambda: controller.display.phase is SyncPhase.SYNCED, timeout=15_000)
        assert "키링이 없어" in page.feedback.text()  # says why it will ask again
        qtbot.waitUntil(lambda: page.state_box.isVisible()
                        and page.pending_label.text() == "0", timeout=15_000)
        assert page.gym_label.text() == gym.name
    finally:
        controller.stop()
        worker.wait_idle(20_000)


def test_without_a_keyring_the_secret_is_asked_once_per_run(
    qtbot: QtBot, app_sync_server: ServerHarness, lone_desk: Services,
) -> None:
    gym = app_sync_server.new_gym()
    code, secret = enrol(app_sync_server, gym, "front desk")
    lone_desk.sync.setup(code, secret, sslmode="disable")
    asked: list[int] = []

    def ask() -> str:
        asked.append(1)
        return secret

    controller = SyncController(lone_desk.sync, lone_desk.changes, ask_secret=ask,
                                interval_s=3600)
    try:
        controller.start()
        qtbot.waitUntil(lambda: controller.display.phase is SyncPhase.SYNCED, timeout=15_000)
        rounds = controller.rounds
        controller.sync_now()
        qtbot.waitUntil(lambda: controller.rounds > rounds
                        and controller.display.phase is SyncPhase.SYNCED, timeout=15_000)
        assert asked == [1]
    finally:
        controller.stop()
        worker.wait_idle(20_000)
