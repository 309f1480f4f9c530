"""Partial indexes keep their PostgreSQL predicate aside until a PostgreSQL schema is
described (store/base.py `partial_index`): the desktop app never loads SQLAlchemy's
PostgreSQL dialect package for it, and PostgreSQL DDL still gets each predicate."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateIndex

from the5hc_desktop.store.base import POSTGRESQL_WHERE, with_postgresql_predicates
from the5hc_desktop.store.models import Base

ROOT = Path(__file__).resolve().parents[2]

# name → (SQLite predicate, PostgreSQL predicate), as the models declared them before.
PREDICATES = {
    "ix_clients_live_active_count": (
        "deleted_at IS NULL AND active IS 1 AND change_stamp IS NOT NULL",
        "deleted_at IS NULL AND active IS true AND change_stamp IS NOT NULL"),
    "ix_clients_deleted_at": ("deleted_at IS NOT NULL", "deleted_at IS NOT NULL"),
    "ix_clients_live_name": ("deleted_at IS NULL", "deleted_at IS NULL"),
    "ix_clients_legacy_id": ("legacy_id IS NOT NULL", "legacy_id IS NOT NULL"),
    "ix_member_activity_first_done": ("first_done_at IS NOT NULL", "first_done_at IS NOT NULL"),
    "ix_member_activity_used_up": ("balance <= 0", "balance <= 0"),
    "ix_package_sales_sold": ("live = 1 AND first_paid_on IS NOT NULL",
                              "live AND first_paid_on IS NOT NULL"),
}


def _indexes() -> dict[str, object]:
    return {index.name: index for table in Base.metadata.tables.values()
            for index in table.indexes if index.name}


def test_every_partial_index_has_a_postgresql_predicate() -> None:
    partial = {name: index for name, index in _indexes().items()
               if index.dialect_options["sqlite"]["where"] is not None}  # type: ignore[attr-defined]
    assert set(PREDICATES) <= set(partial)
    missing = [name for name, index in partial.items()
               if not index.info.get(POSTGRESQL_WHERE)]  # type: ignore[attr-defined]
    assert missing == []


@pytest.mark.parametrize("name", sorted(PREDICATES))
def test_each_dialect_gets_its_own_predicate(name: str) -> None:
    index = _indexes()[name]
    with_postgresql_predicates(Base.metadata)
    on_sqlite, on_postgresql = PREDICATES[name]
    assert str(CreateIndex(index).compile(dialect=sqlite.dialect())).endswith(
        f"WHERE {on_sqlite}")
    assert str(CreateIndex(index).compile(dialect=postgresql.dialect())).endswith(
        f"WHERE {on_postgresql}")


def test_the_models_do_not_load_the_postgresql_dialect() -> None:
    code = ("import sys, the5hc_desktop.store.models; "
            "print('sqlalchemy.dialects.postgresql' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": ""}, check=True)
    assert done.stdout.strip() == "False"
