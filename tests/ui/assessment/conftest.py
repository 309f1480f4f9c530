"""Fixtures of the assessment-wizard tests: a real temporary database reached through the
services.

The Korean UI, worker lane, messages, per-test QSettings, cheap password hashes and the
`no_leaks` check come from tests/ui/conftest.py, which applies here because this folder
sits below it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from assessment_ui_support import Gym, seed_gym

from the5hc_desktop.services import open_services


@pytest.fixture
def gym(tmp_path: Path) -> Iterator[Gym]:
    """A real database file: a gym, its owner (signed in) and one client with a birth date."""
    services = open_services(tmp_path / "gym.sqlite3")
    try:
        yield seed_gym(services, tmp_path / "drafts")
    finally:
        services.close()


@pytest.fixture
def assessed_on() -> date:
    """A few days back: in the past in every time zone the suite may run in."""
    return date.today() - timedelta(days=3)
