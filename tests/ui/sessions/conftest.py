"""Fixtures of the 세션 관리 pane tests: the GUI foundation's fixtures and a small gym.

The worker lane, messages, per-test QSettings and the `no_leaks` check are the ones
tests/ui/conftest.py defines (loaded from there, not copied). Services run on a copy of a
migrated template, with cheap password hashes and a fixed clock (Wednesday 2025-03-12,
09:30 in Seoul) that the pane shares.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sessions_ui_support import Gym, MakePane, SettableClock, seed_gym, settle

from the5hc_desktop.services import Services, open_services, passwords
from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui import fonts, i18n
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.sessions import SessionsPane

_HERE = Path(__file__).resolve().parent
_OFFSCREEN_NOISE = r"This plugin does not support \w+\(\)"


def _foundation_fixtures() -> object:
    spec = importlib.util.spec_from_file_location(
        "the5hc_ui_sessions_foundation", _HERE.parent / "ui" / "conftest.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_ui = _foundation_fixtures()
settings_dir = _ui.settings_dir  # type: ignore[attr-defined]
messages = _ui.messages  # type: ignore[attr-defined]
recorder = _ui.recorder  # type: ignore[attr-defined]
crashes = _ui.crashes  # type: ignore[attr-defined]
task_worker = _ui.task_worker  # type: ignore[attr-defined]
no_leaks = _ui.no_leaks  # type: ignore[attr-defined]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.gui)
            item.add_marker(pytest.mark.qt_log_ignore(_OFFSCREEN_NOISE))


@pytest.fixture(scope="module", autouse=True)
def korean_ui(qapp: QApplication) -> Iterator[None]:
    """Bundled font and Korean catalogues, as in the app; removed after the module."""
    fonts.install_fonts(qapp)
    installed = i18n.install_translations("ko")
    yield
    installed.remove()


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    # Cheap argon2id parameters: staff accounts are made for every test.
    monkeypatch.setattr(passwords, "_HASHER",
                        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ui-sessions-template") / "template.sqlite3"
    open_services(path).close()
    return path


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock()


@pytest.fixture
def services(migrated_template: Path, tmp_path: Path, clock: SettableClock
             ) -> Iterator[Services]:
    target = tmp_path / "data" / "the5hc.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(migrated_template, target)
    opened = open_services(target, now=clock)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def gym(services: Services) -> Gym:
    return seed_gym(services)


@pytest.fixture
def make_pane(qtbot: QtBot, gym: Gym, messages: MessageBridge, clock: SettableClock
              ) -> MakePane:
    """The pane as the main window shows it: sized, shown, refreshed, settled."""
    def make(actor: Actor | None = None) -> SessionsPane:
        pane = SessionsPane(gym.services, actor or gym.owner, messages, clock=clock)
        qtbot.addWidget(pane)
        pane.resize(1300, 850)
        pane.show()
        pane.refresh()
        settle(qtbot)
        return pane

    return make
