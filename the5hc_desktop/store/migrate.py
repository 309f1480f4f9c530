"""Alembic, configured in code (no alembic.ini), imported only when a migration runs.

`HEAD_REVISION` (store/revision.py) lets `Database.open` see that a file is current by
reading one row, without importing Alembic; a test keeps it equal to the script
directory's head.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from the5hc_desktop import paths
from the5hc_desktop.store.revision import HEAD_REVISION as HEAD_REVISION
from the5hc_desktop.store.revision import VERSION_TABLE as VERSION_TABLE

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory


def make_config(script_location: Path | None = None) -> Config:
    """An Alembic Config whose script location is absolute (works when frozen)."""
    from alembic.config import Config

    config = Config()
    location = (script_location or paths.migrations_dir()).resolve()
    config.set_main_option("script_location", str(location))
    # Only consulted when env.py is run without a connection (developer use).
    config.set_main_option("sqlalchemy.url", "")
    return config


def script_directory(script_location: Path | None = None) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(make_config(script_location))


def head_revision(script_location: Path | None = None) -> str:
    """The single head of the scripts (fast path: the constant for the bundled scripts)."""
    if script_location is None:
        return HEAD_REVISION
    heads = script_directory(script_location).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migration scripts must have exactly one head, found {heads}")
    return heads[0]


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database, None for an empty database."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:
        raise RuntimeError(f"database has several revisions {rows}; expected one linear chain")
    return rows[0] if rows else None


def is_known_revision(revision: str, script_location: Path | None = None) -> bool:
    from alembic.util import CommandError

    try:
        return script_directory(script_location).get_revision(revision) is not None
    except CommandError:
        return False


def upgrade(
    connection: Connection, script_location: Path | None = None, target: str = "head"
) -> None:
    """Upgrade inside the caller's transaction, so a failure rolls everything back.

    The member list's sort indexes are outside the models (store/list_sort_indexes.py): a
    table rebuild may drop them, so they are put back once at head. The triggers of
    member_list_facts are dropped while scripts run and made afterwards, with the rows
    rebuilt (store/member_list_sql.py).
    """
    from alembic import command

    from the5hc_desktop.store import list_sort_indexes, member_list_sql

    config = make_config(script_location)
    config.attributes["connection"] = connection
    wanted = head_revision(script_location) if target == "head" else target
    if current_revision(connection) != wanted:
        member_list_sql.suspend(connection)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", list_sort_indexes.REFLECTION_WARNING)
        command.upgrade(config, target)
    if target == "head":
        list_sort_indexes.ensure(connection)
    member_list_sql.ensure(connection)


def check_foreign_keys(connection: Connection) -> None:
    """SQLite migrations run with foreign keys off; verify nothing dangles afterwards."""
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"foreign key check failed after migration: {problems[:5]}")
