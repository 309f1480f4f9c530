"""Alembic environment for The5HC Desktop.

The app passes an open connection in `config.attributes["connection"]` (see
the5hc_desktop/store/migrate.py) and owns the transaction; the whole upgrade is then one
transaction on SQLite and on PostgreSQL. SQLite needs batch mode for ALTER TABLE.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Connection

from the5hc_desktop.store.base import with_postgresql_predicates
from the5hc_desktop.store.models import Base
from the5hc_desktop.store.types import DeviceRef, HlcValue, PackedJSON, Rate, UTCDateTime

config = context.config
target_metadata = Base.metadata


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Render the app's column types as plain SQLAlchemy types, so revisions never import
    application code that may change later."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and isinstance(obj, Rate):
        return "sa.Numeric(precision=6, scale=4)"
    # Their portable forms; a revision writes the compact SQLite forms itself (see 0009).
    if type_ == "type" and isinstance(obj, DeviceRef):
        return "sa.String(length=36)"
    if type_ == "type" and isinstance(obj, HlcValue):
        return "sa.String(length=28)"
    if type_ == "type" and isinstance(obj, PackedJSON):
        return "sa.JSON()"
    return False


def _configure(connection: Connection) -> None:
    postgresql = connection.dialect.name == "postgresql"
    context.configure(
        connection=connection,
        # Partial indexes carry their PostgreSQL predicate only once asked (store/base.py).
        target_metadata=with_postgresql_predicates(target_metadata) if postgresql
        else target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return

    # Developer use without the app (e.g. `alembic revision --autogenerate`).
    from the5hc_desktop import paths
    from the5hc_desktop.store.engine import create_sqlite_engine, create_url_engine

    url = config.get_main_option("sqlalchemy.url")
    engine = create_url_engine(url) if url else create_sqlite_engine(paths.default_db_path())
    try:
        with engine.connect() as conn:
            _configure(conn)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url") or ""
    context.configure(
        url=url,
        target_metadata=with_postgresql_predicates(target_metadata)
        if url.startswith("postgresql") else target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
