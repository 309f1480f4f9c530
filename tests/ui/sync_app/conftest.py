"""Two app instances (two SQLite files) against a real PostgreSQL server, in one test.

The GUI fixtures (Korean catalogues, worker lane, no_leaks) come from tests/ui/conftest.py;
the server helpers from tests/sync (put on sys.path here: test folders are not packages).
Skipped with the reason when no PostgreSQL answers at 127.0.0.1:5432.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

_SYNC_TESTS = Path(__file__).resolve().parents[2] / "sync"
if str(_SYNC_TESTS) not in sys.path:
    sys.path.append(str(_SYNC_TESTS))

from sync_server_support import (  # noqa: E402
    ServerHarness,
    create_scratch_database,
    drop_scratch_database,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in item.path.resolve().parents:
            item.add_marker(pytest.mark.postgres)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def app_sync_server() -> Iterator[ServerHarness]:
    from the5hc_desktop.sync import server_admin

    name = create_scratch_database()
    harness = ServerHarness(name)
    try:
        server_admin.init(harness.admin_dsn)
        yield harness
    finally:
        harness.close_clients()
        drop_scratch_database(name)


@pytest.fixture(scope="session")
def app_sync_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sync_cluster import template_database

    return template_database(tmp_path_factory.mktemp("sync-app-template"))
