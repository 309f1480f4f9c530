"""Fixtures of the 리포트 pane tests: a real temporary database reached through the services.

The Korean UI, worker lane, messages, per-test QSettings, cheap password hashes and the
`no_leaks` check come from tests/ui/conftest.py, which applies here because this folder
sits below it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from reports_pane_support import Gym, seed

from the5hc_desktop.services import open_services


@pytest.fixture
def gym(tmp_path: Path) -> Iterator[Gym]:
    services = open_services(tmp_path / "data" / "the5hc.sqlite3")
    try:
        yield seed(services)
    finally:
        services.close()
