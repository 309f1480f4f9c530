"""Engine factory: SQLite files with safe pragmas, or a PostgreSQL URL.

Every SQLite connection runs with WAL, synchronous=FULL (a committed sale survives a power
cut), foreign keys on and a 5 s busy timeout, and reads the file's device numbers
(store/device_refs.py). Statement parameters (member data) never
appear in error texts, so no traceback written to a log carries them (`hide_parameters`).
pysqlite's own transaction handling is turned off (`isolation_level = None`) and
SQLAlchemy emits BEGIN itself — the documented recipe — so reads start a deferred BEGIN
and writes `BEGIN IMMEDIATE` (execution option `sqlite_begin`), which takes the write
lock up front instead of failing half-way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import ConnectionPoolEntry

from the5hc_desktop.store import device_refs

BUSY_TIMEOUT_MS = 5000
BEGIN_OPTION = "sqlite_begin"  # execution option: "DEFERRED" (default) or "IMMEDIATE"


def is_url(target: str | Path) -> bool:
    """True for a database URL (``postgresql+psycopg://...``), false for a file path."""
    return isinstance(target, str) and "://" in target


def sqlite_url(path: Path) -> URL:
    return URL.create("sqlite+pysqlite", database=str(path))


def create_sqlite_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine on the SQLite file `path`.

    `foreign_keys=False` is only for migrations: SQLite ignores the pragma inside a
    transaction, and batch table rebuilds with foreign keys on can fail or cascade.
    """
    engine = create_engine(sqlite_url(path), connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
                           hide_parameters=True)
    fk = "ON" if foreign_keys else "OFF"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        # No driver-managed BEGIN/COMMIT: SQLAlchemy's begin event below owns transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA foreign_keys={fk}")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    device_refs.install(engine)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if mode == "IMMEDIATE" else "BEGIN")

    return engine


def create_url_engine(url: str) -> Engine:
    """An engine for a server URL (PostgreSQL); its transactions need no special BEGIN."""
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def write_engine(engine: Engine) -> Engine:
    """A view of `engine` whose transactions start with BEGIN IMMEDIATE on SQLite."""
    return engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
