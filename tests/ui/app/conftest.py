"""Fixtures of the composition-root, dashboard and settings tests.

The GUI fixtures (fonts and Korean catalogues, isolated QSettings, a fresh worker lane,
`no_leaks`, cheap password hashes) come from tests/ui/conftest.py. Services run on a copy
of a migrated template.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ui_app_seed import Clock, Gym, seed_gym

from the5hc_desktop.services import Services, open_services


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
