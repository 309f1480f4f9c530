"""Migration scripts: one linear chain, empty -> head, and models equal to the DDL."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from the5hc_desktop.store import list_sort_indexes, migrate
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.engine import create_sqlite_engine, write_engine
from the5hc_desktop.store.models import Base


def test_one_head_and_a_linear_chain() -> None:
    script = migrate.script_directory()
    heads = script.get_heads()
    assert len(heads) == 1
    assert len(script.get_bases()) == 1
    revisions = list(script.walk_revisions())  # head first
    for newer, older in itertools.pairwise(revisions):
        assert newer.down_revision == older.revision
        assert not newer.is_merge_point
        assert not older.is_branch_point
    assert revisions[-1].down_revision is None


def test_head_constant_matches_scripts() -> None:
    assert migrate.script_directory().get_current_head() == migrate.HEAD_REVISION


def test_empty_to_head(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "folder" / "new.sqlite3"
    with Database.open(path) as db, db.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.HEAD_REVISION
        tables = set(inspect(conn).get_table_names())
    assert set(Base.metadata.tables) | {"alembic_version"} == tables
    assert not (path.parent / "backups").exists(), "a new file needs no backup"
    assert not list(path.parent.glob("*.upgrading*"))


# The list's sort indexes are expression indexes, which SQLAlchemy does not reflect: they
# are outside the models by design (store/list_sort_indexes.py). member_list_facts declares
# its expression indexes (models_member_list.py), which Alembic then leaves out, saying so.
@pytest.mark.filterwarnings(
    f"ignore:{list_sort_indexes.REFLECTION_WARNING}:sqlalchemy.exc.SAWarning")
@pytest.mark.filterwarnings(
    "ignore:autogenerate skipping metadata-specified expression-based index:UserWarning")
def test_models_match_migrated_schema(migrated_template: Path) -> None:
    engine = create_sqlite_engine(migrated_template)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_downgrade_to_base_and_upgrade_again(migrated_db_path: Path) -> None:
    engine = create_sqlite_engine(migrated_db_path, foreign_keys=False)
    try:
        with write_engine(engine).begin() as conn:
            config = migrate.make_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
            assert set(inspect(conn).get_table_names()) == {"alembic_version"}
            migrate.upgrade(conn)
            assert migrate.current_revision(conn) == migrate.HEAD_REVISION
    finally:
        engine.dispose()


def _sort_indexes(conn: Any) -> set[str]:
    names = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'clients'")
    return {name for (name,) in names} & set(list_sort_indexes.INDEXES)


def test_the_list_sort_indexes_come_back_after_a_table_rebuild(migrated_db_path: Path) -> None:
    engine = create_sqlite_engine(migrated_db_path, foreign_keys=False)
    try:
        with write_engine(engine).begin() as conn:
            assert _sort_indexes(conn) == set(list_sort_indexes.INDEXES)
            conn.exec_driver_sql("DROP INDEX ix_clients_live_sort_phone")  # as a rebuild would
            migrate.upgrade(conn)  # at head already: no script runs
            assert _sort_indexes(conn) == set(list_sort_indexes.INDEXES)
            config = migrate.make_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0008")
            assert _sort_indexes(conn) == set()
    finally:
        engine.dispose()


def test_opening_a_current_database_does_not_import_alembic(migrated_db_path: Path) -> None:
    code = (
        "import sys\n"
        "from the5hc_desktop.store.database import Database\n"
        f"db = Database.open({str(migrated_db_path)!r})\n"
        "db.close()\n"
        "sys.exit(1 if 'alembic' in sys.modules else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()
