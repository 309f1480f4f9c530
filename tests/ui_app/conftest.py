"""Fixtures of the composition-root, dashboard and settings tests.

The GUI fixtures (fonts and Korean catalogues, isolated QSettings, a fresh worker lane,
`no_leaks`) are the foundation's, loaded from tests/ui/conftest.py so both folders run the
same checks. Services run on a copy of a migrated template with cheap password hashes.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from ui_app_seed import Clock, Gym, seed_gym

from the5hc_desktop.services import Services, open_services, passwords

_HERE = Path(__file__).resolve().parent
_OFFSCREEN_NOISE = r"This plugin does not support \w+\(\)"


def _foundation_fixtures() -> object:
    spec = importlib.util.spec_from_file_location(
        "the5hc_ui_foundation_fixtures", _HERE.parent / "ui" / "conftest.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_ui = _foundation_fixtures()
ui_session = _ui.ui_session  # type: ignore[attr-defined]
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


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    # Cheap argon2id parameters keep the suite fast; the format and algorithm are unchanged.
    monkeypatch.setattr(passwords, "_HASHER",
                        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ui-app-template") / "template.sqlite3"
    open_services(path).close()
    return path


@pytest.fixture
def db_path(migrated_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data" / "the5hc.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(migrated_template, target)
    return target


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2025, 6, 15, 1, 0, tzinfo=UTC))


@pytest.fixture
def services(db_path: Path, clock: Clock) -> Iterator[Services]:
    opened = open_services(db_path, now=clock)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def gym(services: Services, clock: Clock) -> Gym:
    return seed_gym(services, clock)
