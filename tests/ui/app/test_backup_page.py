"""설정 → 백업: the last backup, 지금 백업 on the data lane, the suggested external folder,
the list, and 복원 — owner only, confirmed, the file checked (refused with the reason),
then handed to the composition root (see test_restore_flow.py for the rest)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from ui_app_seed import Gym

from the5hc_desktop.services import Services
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.store import backup
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.dialogs import Dialogs
from the5hc_desktop.ui.messages import MessageBridge, MessageRecorder
from the5hc_desktop.ui.panes.settings import SettingsPane
from the5hc_desktop.ui.panes.settings.backup_page import BackupPage

KEPT: list[SettingsPane] = []


@pytest.fixture(autouse=True)
def _release_panes() -> object:
    yield
    KEPT.clear()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder with a Dropbox folder and no removable drive."""
    folder = tmp_path / "home"
    (folder / "Dropbox").mkdir(parents=True)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: folder))
    monkeypatch.setattr(backup, "removable_drives", lambda: [])
    return folder


def page_of(qtbot: QtBot, services: Services, actor: Actor, messages: MessageBridge,
            restored: list[Path] | None = None) -> BackupPage:
    pane = SettingsPane(services.settings, services.accounts, actor, messages,
                        maintenance=services.maintenance,
                        restore=restored.append if restored is not None else None)
    qtbot.addWidget(pane)
    pane.resize(1000, 700)
    pane.refresh()
    assert worker.wait_idle()
    page = pane.backup_page
    assert page is not None
    assert page.overview is not None
    KEPT.append(pane)  # the test holds the pane; the page is its child
    return page


def test_the_page_suggests_the_cloud_folder_and_backs_up_there(
    qtbot: QtBot, services: Services, gym: Gym, messages: MessageBridge,
    recorder: MessageRecorder, home: Path,
) -> None:
    page = page_of(qtbot, services, gym.owner, messages)
    assert page.last_label.text() == "아직 백업이 없습니다."
    assert page.suggestion is not None
    assert "Dropbox" in page.suggestion_label.text()
    assert not page.suggestion_button.isHidden()
    page.suggestion_button.click()
    assert worker.wait_idle()
    target = home / "Dropbox" / backup.SUGGESTED_SUBFOLDER
    assert page.overview is not None
    assert page.overview.folder == target
    assert page.suggestion_label.isHidden()  # already external
    assert "외부 폴더" in page.folder_label.text()

    page.backup_button.click()
    assert worker.wait_idle()
    files = list(target.glob("*.sqlite3"))
    assert len(files) == 1
    assert page.table.rowCount() == 1
    assert str(target) in page.last_label.text()
    assert any("백업했습니다" in t for t in recorder.texts("success"))


def test_restore_is_the_owners_and_checks_the_file_first(
    qtbot: QtBot, services: Services, gym: Gym, messages: MessageBridge,
    recorder: MessageRecorder, home: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    senior_view = services.accounts.add_staff(gym.owner, "senior", "최선임", Role.SENIOR,
                                              "senior-pass-1")
    senior = Actor(senior_view.id, senior_view.role, senior_view.display_name, "senior")
    theirs = page_of(qtbot, services, senior, messages, [])
    assert not theirs.restore_button.isEnabled()
    assert "대표만" in theirs.restore_button.toolTip()

    restored: list[Path] = []
    page = page_of(qtbot, services, gym.owner, messages, restored)
    good = services.maintenance.backup_now(gym.owner).path
    tampered = good.with_name("tampered.sqlite3")
    tampered.write_bytes(good.read_bytes())
    with sqlite3.connect(tampered) as conn:
        conn.execute("CREATE VIEW leak AS SELECT name FROM clients")

    asked: list[str] = []
    monkeypatch.setattr(Dialogs, "ask", classmethod(
        lambda cls, _p, _t, text, destructive=False: asked.append(text) or True))
    page.restore(tampered)
    assert worker.wait_idle()
    assert restored == []
    assert "leak" in page.restore_note.text()
    assert recorder.dialogs

    page.reload()
    assert worker.wait_idle()
    page.table.selectRow(0)
    assert page.restore_button.isEnabled()
    page.restore_button.click()
    assert worker.wait_idle()
    assert restored == [good]
    assert "되돌" not in asked[-1]
    assert str(good) in asked[-1]
