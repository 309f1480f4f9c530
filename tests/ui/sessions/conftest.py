"""Fixtures of the 세션 관리 pane tests: a small gym and the pane as the window shows it.

The Korean UI, worker lane, messages, per-test QSettings, cheap password hashes and the
`no_leaks` check come from tests/ui/conftest.py, which applies here because this folder
sits below it. Services run on a copy of a migrated template with a fixed clock
(Wednesday 2025-03-12, 09:30 in Seoul) that the pane shares.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sessions_ui_support import Gym, MakePane, SettableClock, seed_gym, settle

from the5hc_desktop.services import Services, open_services
from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.sessions import SessionsPane


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
