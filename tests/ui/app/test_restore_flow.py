"""복원 in the running app: the window and this app's connection close, the backup is
restored, the file reopens and the owner is signed in again with fresh panes; while
another program has the file open the restore is refused and the app comes back as it was."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from ui_app_seed import OWNER_PASSWORD, Gym

from the5hc_desktop.services import Services
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.store.file_lock import FileLock
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.app_flow import SignInFlow
from the5hc_desktop.ui.main_window import MainWindow
from the5hc_desktop.ui.messages import MessageBridge, MessageRecorder
from the5hc_desktop.ui.signin import SignInDialog


@pytest.fixture
def flow(messages: MessageBridge, db_path: Path) -> Iterator[SignInFlow]:
    started = SignInFlow(messages, db_path)
    yield started
    worker.wait_idle()
    started.close()
    worker.wait_idle()


def signed_in(qtbot: QtBot, flow: SignInFlow) -> MainWindow:
    flow.start()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, SignInDialog), timeout=15_000)
    dialog = flow.dialog
    assert isinstance(dialog, SignInDialog)
    dialog.login.setText("owner")
    dialog.password.setText(OWNER_PASSWORD)
    dialog.submit()
    return window_ready(qtbot, flow, None)


def window_ready(qtbot: QtBot, flow: SignInFlow, old: MainWindow | None) -> MainWindow:
    qtbot.waitUntil(lambda: flow.window is not None and flow.window is not old
                    and flow.window.isVisible() and flow.panes_complete, timeout=20_000)
    assert worker.wait_idle()
    assert flow.window is not None
    return flow.window


def names(services: Services | None, gym: Gym) -> list[str]:
    assert services is not None
    return [r.name for r in services.clients.search(gym.owner, "", active=None).rows]


def add_member(services: Services | None, gym: Gym, name: str) -> None:
    assert services is not None
    services.clients.create(gym.owner, ClientDraft(name, "female", "010-3333-4444",
                                                   date(1992, 2, 2)))


def test_restore_closes_restores_reopens_and_signs_in_again(
    qtbot: QtBot, flow: SignInFlow, services: Services, gym: Gym,
    recorder: MessageRecorder,
) -> None:
    services.close()  # the seeding connection: only the app has the file open now
    first = signed_in(qtbot, flow)
    assert flow.services is not None
    saved = flow.services.maintenance.backup_now(gym.owner).path
    add_member(flow.services, gym, "복원후없음")
    assert "복원후없음" in names(flow.services, gym)

    flow.restore_database(saved, gym.owner)
    window = window_ready(qtbot, flow, first)
    assert "복원후없음" not in names(flow.services, gym)
    assert "백업을 복원했습니다." in recorder.texts("success")
    assert window.staff_label.text().startswith("김대표")
    settings = next(p for p in window.panes() if p.object_name == "settingsPane")
    assert settings.backup_page is not None  # a fresh pane on the reopened file


def test_restore_is_refused_while_another_program_has_the_file_open(
    qtbot: QtBot, flow: SignInFlow, services: Services, gym: Gym, db_path: Path,
    recorder: MessageRecorder,
) -> None:
    services.close()
    first = signed_in(qtbot, flow)
    assert flow.services is not None
    saved = flow.services.maintenance.backup_now(gym.owner).path
    add_member(flow.services, gym, "남아있음")
    with FileLock.acquire(db_path, exclusive=False):  # as another program would hold it
        flow.restore_database(saved, gym.owner)
        window_ready(qtbot, flow, first)
    assert "남아있음" in names(flow.services, gym)
    assert any("사용 중" in text for _kind, text in recorder.dialogs) or any(
        "사용 중" in text for text in recorder.texts("error"))
