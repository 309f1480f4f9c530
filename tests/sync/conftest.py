"""Sync fixtures. Server side: scratch databases on the local PostgreSQL (127.0.0.1:5432,
user postgres), each dropped after use together with the roles its installation created.

`sync_server` is one installed server for the whole run (tests make their own gyms, which
keeps them apart); `empty_server_db` is a fresh database without the schema, for init and
upgrade tests. Both skip, with the connection error as the reason, when no server answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_server_support import ServerHarness, create_scratch_database, drop_scratch_database


@pytest.fixture(scope="session")
def sync_server() -> Iterator[ServerHarness]:
    from the5hc_desktop.sync import server_admin

    name = create_scratch_database()
    harness = ServerHarness(name)
    try:
        server_admin.init(harness.admin_dsn)
        yield harness
    finally:
        harness.close_clients()
        drop_scratch_database(name)


@pytest.fixture
def server(sync_server: ServerHarness) -> Iterator[ServerHarness]:
    """The shared server; device connections opened by the test are closed after it."""
    try:
        yield sync_server
    finally:
        sync_server.close_clients()


@pytest.fixture
def empty_server_db() -> Iterator[ServerHarness]:
    name = create_scratch_database()
    harness = ServerHarness(name)
    try:
        yield harness
    finally:
        harness.close_clients()
        drop_scratch_database(name)


@pytest.fixture(scope="session")
def sync_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, device-less database that desks are copied from."""
    from sync_cluster import template_database

    return template_database(tmp_path_factory.mktemp("sync-template"))


@pytest.fixture(autouse=True)
def _fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2 import PasswordHasher

    from the5hc_desktop.services import passwords

    monkeypatch.setattr(
        passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
