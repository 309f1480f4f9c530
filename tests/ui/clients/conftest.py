"""Fixtures of the 회원 관리 pane tests: a seeded database.

The Korean UI, worker lane, messages, per-test QSettings, cheap password hashes and the
`no_leaks` check come from tests/ui/conftest.py, which applies here because this folder
sits below it, so these tests fail the same way when a worker task or a QTimer is left
running.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from clients_ui_support import Seeded, seed

from the5hc_desktop.services import open_services


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[Seeded]:
    services = open_services(tmp_path / "data" / "the5hc.sqlite3")
    try:
        yield seed(services)
    finally:
        services.close()
