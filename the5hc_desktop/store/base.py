"""Declarative base, constraint naming and the columns every synced table carries."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Index,
    Integer,
    MetaData,
    String,
    event,
    text,
)
from sqlalchemy import column as sql_column
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from the5hc_desktop.store.types import (
    Code,
    DbUuid,
    DeviceRef,
    HlcValue,
    UTCDateTime,
    new_id,
    utcnow,
)

# Deterministic names so Alembic batch migrations on SQLite can find and alter constraints.
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # Every `Mapped[uuid.UUID]` column, foreign keys included, is stored as 16 bytes.
    type_annotation_map: ClassVar[dict[Any, Any]] = {uuid.UUID: DbUuid}


def one_of(column: str, values: Iterable[str] | Code, name: str | None = None) -> CheckConstraint:
    """CHECK that a text column holds one of `values` (enum-like, portable); for a `Code`
    column its vocabulary, in each database's stored form (positions on SQLite)."""
    if isinstance(values, Code):
        return CheckConstraint(sql_column(column, values).in_(values.values),
                               name=name or column)
    listed = ", ".join(f"'{v}'" for v in values)  # type: ignore[union-attr]  # not a Code
    return CheckConstraint(f"{column} IN ({listed})", name=name or column)


# Index.info key of a partial index's PostgreSQL predicate (see `partial_index`).
POSTGRESQL_WHERE = "postgresql_where"


def partial_index(name: str, *columns: Any, sqlite_where: str,
                  postgresql_where: str | None = None, **kw: Any) -> Index:
    """An index over the rows matching a predicate (on PostgreSQL `postgresql_where`,
    default the same text).

    The PostgreSQL predicate waits in `Index.info` until `with_postgresql_predicates` puts
    it in place, where a PostgreSQL schema is described (migrations' autogenerate, the
    server's schema test): naming `postgresql_where=` here makes SQLAlchemy import its whole
    PostgreSQL dialect package to check the keyword (~35 ms at every start of the desktop
    app, which never talks to PostgreSQL). The migrations create the server's indexes
    with their predicates themselves.
    """
    index = Index(name, *columns, sqlite_where=text(sqlite_where), **kw)
    index.info[POSTGRESQL_WHERE] = sqlite_where if postgresql_where is None else postgresql_where
    return index


def with_postgresql_predicates(metadata: MetaData) -> MetaData:
    """`metadata` with every partial index's PostgreSQL predicate in place (idempotent)."""
    for table in metadata.tables.values():
        for index in table.indexes:
            where = index.info.get(POSTGRESQL_WHERE)
            if where is not None:
                index.dialect_options["postgresql"]["where"] = text(where)
    return metadata


def live_index(name: str, *columns: str) -> Index:
    """A partial index over live rows (deleted_at IS NULL).

    `deleted_at` is appended as a column: SQLite (3.40) treats an index as covering only
    when it holds every column the query names, its WHERE columns included. The predicate
    is written as SQLAlchemy renders `deleted_at.is_(None)`, so SQLite sees that a query
    implies it.
    """
    return partial_index(name, *columns, "deleted_at", sqlite_where="deleted_at IS NULL")


class SyncedMixin:
    """Columns that let rows made on several offline devices merge later.

    `id` is a UUIDv7 assigned at construction, so related rows can be linked before a flush.
    `updated_at`, `updated_by_device`, `change_stamp` and `hlc` (the hybrid logical clock,
    clock.py) are written by the store's write seam (stamping.py), never by services. Rows
    are never hard-deleted: set `deleted_at`.
    """

    id: Mapped[uuid.UUID] = mapped_column(
        DbUuid, primary_key=True, default=new_id, sort_order=-1
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_device: Mapped[str] = mapped_column(DeviceRef)
    change_stamp: Mapped[int] = mapped_column(BigInteger, index=True)
    hlc: Mapped[str] = mapped_column(HlcValue)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Import reference only, unique when present (a partial index, `_index_legacy_id`).
    legacy_id: Mapped[int | None] = mapped_column(Integer)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)  # maps the class: its table exists afterwards
        table = cls.__dict__.get("__table__")
        if table is not None:
            _index_legacy_id(table)

    @classmethod
    def derived_id(cls, values: dict[str, Any]) -> uuid.UUID | None:
        """The id a row of this table must have, from its other values (None: a new id)."""
        return None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def soft_delete(self, when: datetime | None = None) -> None:
        """Tombstone the row (the flush hook stamps the change)."""
        if self.deleted_at is None:
            self.deleted_at = when or utcnow()


def _index_legacy_id(table: Any) -> None:
    """UNIQUE(legacy_id) over the rows that have one (the legacy import's idempotence).

    A plain UNIQUE constraint indexed every row's NULL (~10 bytes a row in the big tables,
    where no row comes from the legacy app); NULLs never collide, so the partial index
    enforces exactly the same rule.
    """
    partial_index(f"ix_{table.name}_legacy_id", table.c.legacy_id, unique=True,
                  sqlite_where="legacy_id IS NOT NULL")


@event.listens_for(SyncedMixin, "init", propagate=True)
def _assign_id(target: SyncedMixin, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    # Give the row its id as soon as it exists, unless the caller passed one (imports, sync).
    if kwargs.get("id") is None:
        kwargs["id"] = type(target).derived_id(kwargs) or new_id()


class ChainedMixin:
    """The audit hash chain's columns (audit_chain.py), stamped by the write seam.

    Null on rows written before migration 0006.
    """

    chain_device: Mapped[str | None] = mapped_column(String(36))
    chain_seq: Mapped[int | None] = mapped_column(BigInteger)
    chain_hash: Mapped[str | None] = mapped_column(String(64))
