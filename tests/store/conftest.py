"""Store fixtures: a schema template migrated once per run, copied for each test.

`migrated_db_path` is a fresh copy of the template at head (closed), `database` an open
`Database` on such a copy, `pg_url` a URL to a throw-away schema on the local PostgreSQL
(skipped with a reason when the server is not reachable).
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import URL
from store_seed import NEXT_REVISION, Seeded, seed_basics

from the5hc_desktop import paths
from the5hc_desktop.store import migrate
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.engine import create_sqlite_engine, write_engine

PG_HOST = "127.0.0.1"
PG_PORT = 5432
PG_USER = "postgres"
PG_DATABASE = "test"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at head, built once; it has no device row, so each copy gets its own."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        with write_engine(engine).begin() as conn:
            migrate.upgrade(conn)
    finally:
        engine.dispose()
    return path


@pytest.fixture
def migrated_db_path(migrated_template: Path, tmp_path: Path) -> Path:
    """A private copy of the migrated template (closed; open it with Database.open)."""
    target = tmp_path / "data" / "the5hc.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(migrated_template, target)
    return target


@pytest.fixture
def database(migrated_db_path: Path) -> Iterator[Database]:
    db = Database.open(migrated_db_path, device_name="test-device")
    try:
        yield db
    finally:
        db.close()


@pytest.fixture(scope="session")
def pg_server() -> URL:
    """The local PostgreSQL's `test` database, or a skip saying why it cannot be used."""
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed")
    try:
        psycopg.connect(
            host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=PG_DATABASE, connect_timeout=3
        ).close()
    except psycopg.Error as exc:
        pytest.skip(f"PostgreSQL at {PG_HOST}:{PG_PORT}/{PG_DATABASE} is not reachable: {exc}")
    return URL.create(
        "postgresql+psycopg", username=PG_USER, host=PG_HOST, port=PG_PORT, database=PG_DATABASE
    )


@pytest.fixture
def pg_url(pg_server: URL) -> Iterator[str]:
    """A URL whose search_path is a new, uniquely named schema, dropped afterwards."""
    import psycopg

    schema = f"the5hc_test_{uuid.uuid4().hex[:12]}"
    conninfo = dict(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=PG_DATABASE)
    with psycopg.connect(**conninfo, autocommit=True) as conn:  # type: ignore[arg-type]
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        url = pg_server.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(**conninfo, autocommit=True) as conn:  # type: ignore[arg-type]
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def seed() -> Callable[[Database], Seeded]:
    return seed_basics


REVISION_TEMPLATE = '''"""{message}"""

import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{body}


def downgrade() -> None:
    pass
'''


@pytest.fixture
def scripts_with(tmp_path: Path) -> Callable[[str, str], Path]:
    """Copy the real migrations to a temp folder and append a revision after head with `body`
    (numbered head + 1: "0003" while the head is "0002")."""

    def make(message: str, body: str) -> Path:
        location = tmp_path / f"scripts-{uuid.uuid4().hex[:8]}"
        shutil.copytree(
            paths.migrations_dir(), location, ignore=shutil.ignore_patterns("__pycache__")
        )
        text = REVISION_TEMPLATE.format(
            message=message, revision=NEXT_REVISION, down=migrate.HEAD_REVISION,
            body="\n".join("    " + line for line in body.strip().splitlines()),
        )
        (location / "versions" / f"{NEXT_REVISION}_test.py").write_text(text, encoding="utf-8")
        return location

    return make

