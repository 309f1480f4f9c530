"""The one write seam: change stamps, clock values and the guard on synced tables.

Every stamped write of a synced row, by the ORM flush hook (database.py) or the bulk writer
(bulk.py), takes its `change_stamp` and `hlc` from `reserve_stamps`: one UPDATE ... RETURNING
of the device counter for the whole batch, and one clock value per row. So stamps never
repeat across ORM and bulk writes, and the sync outbox (rows above the pushed stamp) sees
every change.

`install_write_guard` makes the rule hold for statements that skip both paths: a DELETE of
a synced table is refused (rows are tombstoned with `deleted_at`), and so is an UPDATE that
does not set `change_stamp` and `hlc` (a Core `update()` would change rows without putting
them in the outbox). Writes that keep the sync columns as given (`Database.write(stamp=False)`,
sync applying pulled rows) may update; only maintenance that must bypass the rules
(purging tombstones every device has pulled, tests) passes the execution option `RAW_WRITE`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Dialect,
    Engine,
    Table,
    bindparam,
    event,
    inspect,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapper, Session, attributes

from the5hc_desktop.store.audit_chain import chain_new_rows, fill_defaults
from the5hc_desktop.store.base import SyncedMixin
from the5hc_desktop.store.clock import HybridClock
from the5hc_desktop.store.models import SYNCED_MODELS, Device
from the5hc_desktop.store.models_sync import SyncBase
from the5hc_desktop.store.types import utcnow

# Columns the seam writes on every stamped row (services never set them).
STAMP_COLUMNS = ("updated_at", "updated_by_device", "change_stamp", "hlc")
# Execution options read by the guard.
UNSTAMPED = "the5hc_unstamped"  # the write keeps sync columns as given (sync)
RAW_WRITE = "the5hc_raw_write"  # maintenance only: no guard at all
# Session.info key: the tables `insert_new` wrote in this session.
WRITTEN_TABLES = "the5hc.written_tables"

SYNCED_TABLES = frozenset(m.__tablename__ for m in SYNCED_MODELS)  # type: ignore[attr-defined]
# Sessions count their status transitions (SYNC.md §4: the higher counter wins).
TRANSITION_COUNTERS = {"status": "status_seq"}

_WRITE = re.compile(r"\s*(DELETE\s+FROM|UPDATE)\s+[\"`]?(\w+)[\"`]?\s*", re.IGNORECASE)
_WHERE = re.compile(r"\bWHERE\b", re.IGNORECASE)
_SETS_STAMP = re.compile(r"\bchange_stamp\s*=")
_SETS_HLC = re.compile(r"\bhlc\s*=")


class HardDeleteForbidden(RuntimeError):
    """A synced row was to be deleted; tombstone it (`soft_delete()`) instead."""


class UnstampedWrite(RuntimeError):
    """An UPDATE of a synced table bypassed the stamping path."""


# Built once: every write transaction that stamps rows runs it.
_RESERVE = (
    update(Device)
    .where(Device.id == bindparam("device"))
    .values(change_counter=Device.change_counter + bindparam("count"))
    .returning(Device.change_counter)
)


@dataclass(frozen=True)
class Stamps:
    """What the seam writes on a batch of rows: row i gets `first + i` and `hlcs[i]`."""

    first: int
    hlcs: Sequence[str]
    updated_at: datetime
    device: str


def reserve_stamps(
    connection: Connection,
    device_id: uuid.UUID,
    clock: HybridClock,
    count: int,
    now: datetime | None = None,
) -> Stamps:
    """Reserve `count` change stamps of this device and as many clock values."""
    last = connection.execute(_RESERVE, {"device": device_id, "count": count}).scalar_one()
    return Stamps(int(last) - count + 1, clock.take(count), now or utcnow(), str(device_id))


def stamp_flush(
    session: Session, device_id: uuid.UUID, clock: HybridClock, sync_mark: int | None = None
) -> None:
    """Stamp the new and changed synced objects of a flush (the ORM path).

    With sync set up, a row that was in step with the server (stamp at or below the pushed
    mark) keeps the server version's `hlc` in `sync_base`, so the server can tell this
    follow-up edit from a concurrent one.
    """
    changed: list[Any] = [o for o in session.new if isinstance(o, SyncedMixin)]
    dirty = [
        o
        for o in session.dirty
        if isinstance(o, SyncedMixin) and session.is_modified(o, include_collections=False)
    ]
    changed += dirty
    if not changed:
        return
    if sync_mark is not None:
        _remember_bases(session, dirty, sync_mark)
    # Core statement on the flush's connection: no autoflush, no identity-map sync.
    stamps = reserve_stamps(session.connection(), device_id, clock, len(changed))
    for obj in dirty:
        for column, counter in TRANSITION_COUNTERS.items():
            if hasattr(obj, counter) and attributes.get_history(obj, column).has_changes():
                setattr(obj, counter, (getattr(obj, counter) or 0) + 1)
    _give(changed, stamps)
    # New audit and payment rows join this device's hash chain (audit_chain.py).
    chain_new_rows(session, session.new, str(device_id))


def insert_new(
    session: Session, device_id: uuid.UUID, clock: HybridClock, objects: Sequence[Any]
) -> None:
    """Insert new synced objects as a flush would, without the unit of work (a hot path).

    The objects stay transient (read them for a view; they are not in the session). They get
    what `stamp_flush` gives them (one reservation, in order), their column defaults, and the
    hash chain for audit and payment rows; each row is then one INSERT of every column on
    the session's connection (SQL text built once: no compiling or cache look-up per row).
    The tables are named in `session.info` under `WRITTEN_TABLES`, for the change bus (a
    flush would have announced them).
    """
    if not objects:
        return
    stamps = reserve_stamps(session.connection(), device_id, clock, len(objects))
    _give(objects, stamps)
    chain_new_rows(session, objects, str(device_id))
    connection = session.connection()
    written = session.info.setdefault(WRITTEN_TABLES, set())
    for obj in objects:
        table, sql, attributes_of = _insert_of(type(obj), connection.dialect)
        fill_defaults(obj, table)
        # Each value through its column type's processor, as a compiled Core INSERT binds it.
        connection.exec_driver_sql(sql, tuple(
            getattr(obj, attribute) if process is None else process(getattr(obj, attribute))
            for attribute, process in attributes_of))
        written.add(table.name)


def _give(objects: Sequence[Any], stamps: Stamps) -> None:
    """Row i of a batch gets stamp `first + i`, clock value i and the batch's instant."""
    for i, obj in enumerate(objects):
        if obj.created_at is None:
            obj.created_at = stamps.updated_at
        obj.updated_at = stamps.updated_at
        obj.updated_by_device = stamps.device
        obj.change_stamp = stamps.first + i
        obj.hlc = stamps.hlcs[i]


# A positional parameter in the driver's own style (sqlite3: qmark, psycopg: pyformat).
_POSITIONAL_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}
_Insert = tuple[Table, str, tuple[tuple[str, Any], ...]]
_INSERTS: dict[tuple[type, Dialect], _Insert] = {}


def _insert_of(model: type, dialect: Dialect) -> _Insert:
    """The model's table, its INSERT of every column (built once per dialect) and each
    column's (attribute, bind processor)."""
    # Per dialect object, not per name: a processor may read its engine's own state (the
    # device numbers of `DeviceRef` belong to one file).
    key = (model, dialect)
    if key not in _INSERTS:
        table: Table = model.__table__  # type: ignore[attr-defined]  # declarative table
        mapper: Mapper[Any] = inspect(model)
        quote = dialect.identifier_preparer.quote
        columns = [prop.columns[0] for prop in mapper.column_attrs]
        mark = _POSITIONAL_MARKS[dialect.paramstyle]
        sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)})"
               f" VALUES ({', '.join(mark for _ in columns)})")
        attributes_of = tuple(
            (prop.key, column.type.dialect_impl(dialect).bind_processor(dialect))
            for prop, column in zip(mapper.column_attrs, columns, strict=True))
        _INSERTS[key] = (table, sql, attributes_of)
    return _INSERTS[key]


def _remember_bases(session: Session, dirty: Sequence[Any], sync_mark: int) -> None:
    bases = [
        {"row_id": o.id, "hlc": o.hlc}
        for o in dirty
        if o.hlc and o.change_stamp is not None and o.change_stamp <= sync_mark
    ]
    if bases:
        session.connection().execute(sqlite_insert(SyncBase).on_conflict_do_nothing(), bases)


def install_write_guard(engine: Engine) -> None:
    """Refuse hard deletes and unstamped updates of synced tables on `engine`."""
    if not event.contains(engine, "before_cursor_execute", _guard):
        event.listen(engine, "before_cursor_execute", _guard)


def _guard(
    conn: Connection,
    cursor: Any,
    statement: str,
    parameters: Any,
    context: Any,
    executemany: bool,
) -> None:
    found = _WRITE.match(statement)
    if found is None or found.group(2).lower() not in SYNCED_TABLES:
        return
    options = context.execution_options if context is not None else {}
    if options.get(RAW_WRITE):
        return
    table = found.group(2)
    if found.group(1).upper().startswith("DELETE"):
        raise HardDeleteForbidden(
            f"rows of {table} are never deleted; set deleted_at (soft_delete()) instead"
        )
    if options.get(UNSTAMPED):
        return
    where = _WHERE.search(statement, found.end())
    assignments = statement[found.end() : where.start() if where else len(statement)]
    if not (_SETS_STAMP.search(assignments) and _SETS_HLC.search(assignments)):
        raise UnstampedWrite(
            f"UPDATE of {table} bypasses change stamping; change the loaded rows through "
            "a Database.write() session instead of a Core update()"
        )
