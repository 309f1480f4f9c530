"""SQLite connection settings and the column types."""

from __future__ import annotations

from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Connection
from sqlalchemy.dialects import sqlite

from the5hc_desktop.store.database import Database
from the5hc_desktop.store.engine import BUSY_TIMEOUT_MS, create_sqlite_engine, is_url
from the5hc_desktop.store.types import Rate, UTCDateTime


def _pragmas(conn: Connection) -> dict[str, object]:
    return {
        name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
        for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
    }


EXPECTED = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000}


def test_pragmas_are_set_on_every_connection(database: Database) -> None:
    assert BUSY_TIMEOUT_MS == 5000
    with ExitStack() as stack:  # several pooled connections open at once, each checked
        conns = [stack.enter_context(database.engine.connect()) for _ in range(4)]
        assert len({id(c.connection.dbapi_connection) for c in conns}) == 4
        for conn in conns:
            assert _pragmas(conn) == EXPECTED
    with database.read() as s:
        assert _pragmas(s.connection()) == EXPECTED
    with database.write() as s:
        assert _pragmas(s.connection()) == EXPECTED


def test_migration_engine_turns_foreign_keys_off(migrated_db_path: Path) -> None:
    engine = create_sqlite_engine(migrated_db_path, foreign_keys=False)
    try:
        with engine.connect() as conn:
            assert _pragmas(conn) == EXPECTED | {"foreign_keys": 0}
    finally:
        engine.dispose()


def test_url_or_path() -> None:
    assert is_url("postgresql+psycopg://postgres@127.0.0.1/test")
    assert not is_url("C:/Users/gym/the5hc.sqlite3")
    assert not is_url(Path("/tmp/x://y"))


@pytest.mark.parametrize("bad", [1.5, "2025-01-01"])
def test_utc_datetime_refuses_non_datetimes(bad: object) -> None:
    with pytest.raises(TypeError):
        UTCDateTime().process_bind_param(bad, sqlite.dialect())  # type: ignore[arg-type]


def test_rate_refuses_float_and_rounds_to_four_places() -> None:
    dialect = sqlite.dialect()
    with pytest.raises(TypeError):
        Rate().process_bind_param(0.035, dialect)  # type: ignore[arg-type]
    assert Rate().process_bind_param(Decimal("0.03505"), dialect) == Decimal("0.0351")
    assert Rate().process_result_value(0.035, dialect) == Decimal("0.0350")
