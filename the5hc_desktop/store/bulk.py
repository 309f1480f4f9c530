"""Bulk inserts for generated and imported rows, through the store's one write seam.

The ORM stamps rows in a flush hook; that costs tens of microseconds a row, too slow for the
100,000-member demo. This writer inserts with Core `executemany` on the caller's write
transaction and takes the same things from the same places:

- ids from `store.ids` (the generator behind `new_id`: time-ordered UUIDv7);
- `change_stamp`, `hlc`, `updated_at` and `updated_by_device` from
  `stamping.reserve_stamps`, the function the flush hook uses, so stamps never repeat across
  bulk and ORM writes and every row has a clock value.

Values are passed in the form SQLAlchemy stores them on SQLite (see `db_uuid`, `db_time`,
`db_date`, `db_json`), which skips per-value type processing; a test reads bulk rows back
through the ORM to prove the forms match. JSON text given for a packed column
(`types.PackedJSON`) is packed here. SQLite only: the server database is filled by sync.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Connection, Dialect, Table
from sqlalchemy.types import TypeEngine

from the5hc_desktop.store.base import SyncedMixin
from the5hc_desktop.store.clock import HybridClock
from the5hc_desktop.store.ids import new_id_ints
from the5hc_desktop.store.stamping import STAMP_COLUMNS, reserve_stamps
from the5hc_desktop.store.types import (
    DbUuid,
    PackedJSON,
    UTCDateTime,
    device_storage,
    hlc_storage,
    instant_storage,
    pack_json,
)


def _uuid_storage(value: int) -> bytes:
    # `DbUuid` on SQLite: the 16 bytes, big-endian (uuid.UUID.bytes).
    return value.to_bytes(16, "big")


class IdMaker:
    """New row ids in storage form, time-ordered (the ids `new_id` makes)."""

    def take(self, count: int) -> list[Any]:
        return [_uuid_storage(value) for value in new_id_ints(count)]

    def one(self) -> Any:
        return self.take(1)[0]


def db_uuid(value: uuid.UUID | None) -> Any:
    return None if value is None else _uuid_storage(value.int)


def db_time(value: datetime | None) -> int | None:
    """An aware datetime as `UTCDateTime` stores it on SQLite (microseconds since 1970 UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime: attach a time zone first")
    return instant_storage(value)


def db_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def db_json(value: Any) -> str:
    # Any valid JSON text reads back the same through the JSON type; UTF-8 Hangul is half
    # the size of \\uXXXX escapes, which matters for recommendation texts. Compact
    # separators, as `types.pack_json` writes: the packing dictionary holds that form.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def db_rate(value: Decimal) -> float:
    """A four-decimal rate as the `Rate` type binds it (exact through repr on the way out)."""
    return float(value.quantize(Decimal("0.0001")))


class BulkWriter:
    """Inserts rows of synced tables inside the caller's `Database.write()` transaction."""

    def __init__(
        self, connection: Connection, device_id: uuid.UUID, clock: HybridClock, now: datetime
    ) -> None:
        self._conn = connection
        self._device_id = device_id
        self._clock = clock
        self._now = now
        self.rows_written = 0

    def insert(
        self, model: type[SyncedMixin], columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> int:
        """Insert `rows` (tuples in `columns` order, values in storage form); returns count.

        `columns` must include `id` and `created_at`; the stamp columns are added here.
        """
        table: Table = model.__table__  # type: ignore[attr-defined]  # declarative table
        _check_columns(table, columns)
        batch = list(rows)
        if not batch:
            return 0
        stamps = reserve_stamps(self._conn, self._device_id, self._clock, len(batch), self._now)
        names = (*columns, *STAMP_COLUMNS)
        sql = (
            f"INSERT INTO {table.name} ({', '.join(names)}) "
            f"VALUES ({', '.join('?' for _ in names)})"
        )
        packed = [i for i, c in enumerate(columns) if isinstance(table.c[c].type, PackedJSON)]
        if packed:
            batch = [_pack_texts(row, packed) for row in batch]
        now, device, first = db_time(stamps.updated_at), device_storage(stamps.device), stamps.first
        params = [
            (*row, now, device, first + i, hlc_storage(hlc))
            for i, (row, hlc) in enumerate(zip(batch, stamps.hlcs, strict=True))
        ]
        self._conn.exec_driver_sql(sql, params)
        self.rows_written += len(batch)
        return len(batch)


    def insert_values(self, model: type[SyncedMixin], rows: Sequence[Mapping[str, Any]]) -> int:
        """Insert rows given as Python values (what the ORM would hold), all with the keys of
        the first row; returns the count.

        Each value is brought to storage form by its column's own type, so this path stores
        exactly what an ORM flush would; columns left out get their Python-side default and
        rows without an `id` get a new one.
        """
        if not rows:
            return 0
        table: Table = model.__table__  # type: ignore[attr-defined]  # declarative table
        given = list(rows[0])
        defaults = {
            c.name: _default_of(c)
            for c in table.columns
            if c.name not in given and c.name not in (*STAMP_COLUMNS, "id")
            and c.default is not None
        }
        names = [*given, *defaults]
        dialect = self._conn.dialect
        processors = [_storage_processor(table.columns[name].type, dialect)
                      for name in names]
        out = []
        for row in rows:
            values = [row[name] for name in given]
            values += [make() for make in defaults.values()]
            out.append([
                None if value is None else (value if process is None else process(value))
                for value, process in zip(values, processors, strict=True)
            ])
        if "id" not in given:  # new ids, already in storage form
            names.insert(0, "id")
            out = [[row_id, *row] for row_id, row in zip(IdMaker().take(len(out)), out,
                                                        strict=True)]
        return self.insert(model, names, out)


def _storage_processor(
    column_type: TypeEngine[Any], dialect: Dialect,
) -> Callable[[Any], Any] | None:
    """The type's own bind processing (as this dialect stores it), with ids and instants,
    the most frequent values, stored directly: the same values in a fraction of the calls."""
    generic = column_type.dialect_impl(dialect).bind_processor(dialect)
    if isinstance(column_type, DbUuid) and generic is not None:
        return lambda value: value.bytes if type(value) is uuid.UUID else generic(value)
    if isinstance(column_type, UTCDateTime):
        return instant_storage
    return generic


def _default_of(column: Column[Any]) -> Callable[[], Any]:
    """A column's Python-side default as a no-argument maker (fresh mutable values)."""
    default = column.default
    if getattr(default, "is_callable", False):
        return lambda: default.arg(None)  # type: ignore[union-attr]  # ColumnDefault
    value = getattr(default, "arg", None)
    return lambda: value
def _pack_texts(row: Sequence[Any], positions: Sequence[int]) -> Sequence[Any]:
    values = list(row)
    for i in positions:
        if isinstance(values[i], str):  # re-serialised compact: the dictionary's form
            values[i] = pack_json(json.loads(values[i]))
    return values


def _check_columns(table: Table, columns: Sequence[str]) -> None:
    """Refuse unknown columns, and required ones left out (the schema moved on)."""
    known = {c.name for c in table.columns}
    unknown = [c for c in columns if c not in known or c in STAMP_COLUMNS]
    if unknown:
        raise ValueError(f"{table.name}: cannot bulk-write columns {unknown}")
    given = set(columns) | set(STAMP_COLUMNS)
    missing = [
        c.name
        for c in table.columns
        if not c.nullable and c.server_default is None and c.name not in given
    ]
    if missing:
        raise ValueError(f"{table.name}: bulk rows lack required columns {missing}")
