"""The same schema and Database API on the local PostgreSQL (a fresh schema per test)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from search_pieces import expected_index, expected_rows, stored_index
from sqlalchemy import create_engine, delete, func, inspect, select
from sqlalchemy.exc import IntegrityError
from store_seed import seed_basics

from the5hc_desktop.domain.errors import StorageUnavailable
from the5hc_desktop.store import migrate
from the5hc_desktop.store.base import with_postgresql_predicates
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    Base,
    Client,
    CreditLedgerEntry,
    Device,
    SessionPackage,
    TrainingSession,
)
from the5hc_desktop.store.stamping import RAW_WRITE

pytestmark = pytest.mark.postgres


def test_schema_creates_cleanly_and_matches_models(pg_url: str) -> None:
    with Database.open(pg_url) as db:
        assert db.dialect == "postgresql"
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.HEAD_REVISION
            assert set(inspect(conn).get_table_names()) == set(Base.metadata.tables) | {
                "alembic_version"
            }
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, with_postgresql_predicates(Base.metadata)) == []
    with Database.open(pg_url) as again:  # at head: opens without migrating
        assert again.device_id == db.device_id


def test_round_trip_stamps_and_constraints(pg_url: str) -> None:
    with Database.open(pg_url) as db:
        ids = seed_basics(db)
        with db.read() as s:
            package = s.get_one(SessionPackage, ids.package_id)
            assert package.card_fee_rate == Decimal("0.0350")
            session = s.get_one(TrainingSession, ids.session_id)
            assert session.starts_at.tzinfo is UTC
            client = s.get_one(Client, ids.client_id)
            assert client.updated_by_device == str(db.device_id)
            assert s.get_one(Device, db.device_id).change_counter == 5
        with db.write() as s:
            s.add(
                CreditLedgerEntry(
                    package_id=ids.package_id, client_id=ids.client_id,
                    session_id=ids.session_id, kind="complete", delta=-1,
                )
            )
        with pytest.raises(IntegrityError), db.write() as s:
            s.add(
                CreditLedgerEntry(
                    package_id=ids.package_id, client_id=ids.client_id,
                    session_id=ids.session_id, kind="complete", delta=-1,
                )
            )
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(CreditLedgerEntry)) == 1


def test_failed_upgrade_on_postgres_changes_nothing(
    pg_url: str, scripts_with: Callable[[str, str], Path]
) -> None:
    scripts = scripts_with("broken", 'op.execute("SELECT * FROM no_such_table")')
    with pytest.raises(StorageUnavailable, match="nothing was changed"):
        Database.open(pg_url, script_location=scripts)
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:  # one transaction: the failed attempt left nothing
            assert inspect(conn).get_table_names() == []
    finally:
        engine.dispose()
    with Database.open(pg_url) as db, db.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.HEAD_REVISION


def test_search_index_triggers_on_postgres(pg_url: str) -> None:
    with Database.open(pg_url) as db:
        ids = seed_basics(db)
        with db.read() as s:
            assert stored_index(s) == expected_rows("김민수", "ㄱㅁㅅ", ids.client_id, True)
        with db.write() as s:
            client = s.get_one(Client, ids.client_id)
            client.name, client.name_initials, client.active = "Kim 민수", "Kimㅁㅅ", False
            s.add(Client(name="박지성", name_initials="ㅂㅈㅅ", gender="male"))
        with db.read() as s:
            assert stored_index(s) == expected_index(s)
            assert ("n", "ki", "Kim 민수", ids.client_id, False) in stored_index(s)
        with db.write() as s:
            s.get_one(Client, ids.client_id).soft_delete()
        # A hard delete (purging a tombstone) needs the maintenance option.
        with db.engine.execution_options(**{RAW_WRITE: True}).begin() as conn:
            conn.execute(delete(Client).where(Client.name == "박지성"))
        with db.read() as s:
            assert stored_index(s) == set()
        with db.engine.connect() as conn:
            triggers = set(conn.exec_driver_sql(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'clients'::regclass"
                " AND NOT tgisinternal").scalars())
        assert triggers == {"client_search_insert", "client_search_update",
                            "client_search_delete"}
