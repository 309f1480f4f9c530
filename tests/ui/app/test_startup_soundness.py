"""The start-up integrity check (services/soundness.py): after an unclean exit it runs
beside sign-in and a damaged file is refused before anyone signs in; after a day without a
check it runs once the user works, and damage found then is shown with the way out."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from ui_app_seed import OWNER_PASSWORD, Gym

from the5hc_desktop.domain.errors import DatabaseDamaged
from the5hc_desktop.services import Services
from the5hc_desktop.services.soundness import SoundnessCheck
from the5hc_desktop.store import integrity, open_marker
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.app_flow import SignInFlow
from the5hc_desktop.ui.dialogs import Dialogs
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.signin import SignInDialog


def _damage(path: Path) -> None:
    """Overwrite a page in the middle of the file: the header and the revision stay."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    middle = (len(data) // page // 2) * page
    data[middle:middle + page] = b"\xa5" * page
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged_gym(services: Services, gym: Gym, db_path: Path) -> Path:
    """Damaged after a program using it ended without closing it."""
    services.close()  # the seeded gym, written out
    _damage(db_path)
    open_marker.mark_open(db_path)  # ... and left as a killed program leaves it
    return db_path


def test_a_sound_file_passes(services: Services, db_path: Path) -> None:
    SoundnessCheck(db_path).start().require_sound()


def test_a_damaged_file_is_found(damaged_gym: Path) -> None:
    check = SoundnessCheck(damaged_gym).start()
    with pytest.raises(DatabaseDamaged):
        check.require_sound()


def test_sign_in_is_refused_on_a_damaged_file_left_open(
    qtbot: QtBot, messages: MessageBridge, damaged_gym: Path
) -> None:
    flow = SignInFlow(messages, damaged_gym)
    try:
        flow.start()
        qtbot.waitUntil(lambda: isinstance(flow.dialog, SignInDialog), timeout=15_000)
        dialog = flow.dialog
        assert isinstance(dialog, SignInDialog)
        dialog.login.setText("owner")
        dialog.password.setText(OWNER_PASSWORD)
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=15_000)
        assert "손상" in dialog.error.text()
        assert flow.window is None
    finally:
        worker.wait_idle()
        flow.close()
        worker.wait_idle()


def _sign_in(qtbot: QtBot, flow: SignInFlow) -> None:
    flow.start()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, SignInDialog), timeout=15_000)
    dialog = flow.dialog
    assert isinstance(dialog, SignInDialog)
    dialog.login.setText("owner")
    dialog.password.setText(OWNER_PASSWORD)
    dialog.submit()


def test_damage_found_after_sign_in_is_shown_and_leads_to_the_backups(
    qtbot: QtBot, messages: MessageBridge, services: Services, gym: Gym, db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.close()  # closed cleanly, never checked on this computer: due in the background
    monkeypatch.setattr(integrity, "quick_check", lambda _path: "page 7: btree damaged")
    asked: list[str] = []

    def ask(_cls: object, _parent: object, _title: str, text: str,
            destructive: bool = False) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(Dialogs, "ask", classmethod(ask))
    flow = SignInFlow(messages, db_path)
    try:
        _sign_in(qtbot, flow)
        qtbot.waitUntil(lambda: flow.window is not None, timeout=15_000)
        assert asked == []  # nobody waited for the check to sign in
        qtbot.waitUntil(lambda: bool(asked), timeout=30_000)
        text = asked[0]
        assert text.startswith("데이터베이스 파일 점검에서 손상이 발견되었습니다")  # Korean first
        assert text.index("The check of the database file found damage") > 0
        assert "page 7: btree damaged" in text
        window = flow.window
        assert window is not None
        settings = window.pane("settingsPane")
        assert window.current_pane() is settings
        assert settings.tabs.currentWidget() is settings.backup_page  # type: ignore[attr-defined]
    finally:
        worker.wait_idle()
        flow.close()
        worker.wait_idle()
