"""Fixtures of the 회원 관리 pane tests: the GUI foundation's fixtures and a seeded database.

The worker lane, messages, per-test QSettings and the `no_leaks` check are the ones
tests/ui/conftest.py defines (loaded from there, not copied), so these tests fail the same
way when a worker task or a QTimer is left running.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from clients_ui_support import Seeded, seed
from PySide6.QtWidgets import QApplication

from the5hc_desktop.services import open_services, passwords
from the5hc_desktop.ui import fonts, i18n

_HERE = Path(__file__).resolve().parent
_OFFSCREEN_NOISE = r"This plugin does not support \w+\(\)"


def _foundation_fixtures() -> object:
    path = _HERE.parent / "ui" / "conftest.py"
    spec = importlib.util.spec_from_file_location("_ui_foundation_conftest", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_foundation = _foundation_fixtures()
settings_dir = _foundation.settings_dir  # type: ignore[attr-defined]
messages = _foundation.messages  # type: ignore[attr-defined]
recorder = _foundation.recorder  # type: ignore[attr-defined]
crashes = _foundation.crashes  # type: ignore[attr-defined]
task_worker = _foundation.task_worker  # type: ignore[attr-defined]
no_leaks = _foundation.no_leaks  # type: ignore[attr-defined]


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
    monkeypatch.setattr(
        passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[Seeded]:
    services = open_services(tmp_path / "data" / "the5hc.sqlite3")
    try:
        yield seed(services)
    finally:
        services.close()
