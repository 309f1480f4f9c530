"""The start-up integrity check runs beside sign-in, and a damaged file is still refused
before anyone signs in."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from ui_app_seed import OWNER_PASSWORD, Gym

from the5hc_desktop.domain.errors import DatabaseDamaged
from the5hc_desktop.services import Services
from the5hc_desktop.services.soundness import SoundnessCheck
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.app_flow import SignInFlow
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
    services.close()  # the seeded gym, written out and closed
    _damage(db_path)
    return db_path


def test_a_sound_file_passes(services: Services, db_path: Path) -> None:
    SoundnessCheck(db_path).start().require_sound()


def test_a_damaged_file_is_found(damaged_gym: Path) -> None:
    check = SoundnessCheck(damaged_gym).start()
    with pytest.raises(DatabaseDamaged):
        check.require_sound()


def test_sign_in_is_refused_on_a_damaged_file(
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
