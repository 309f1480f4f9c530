"""Pulled rows (JSON form) straight to the values SQLite stores, a column at a time.

Applying a pulled page used to decode each row to Python values and then run every value
through its column type's bind processor: a dozen calls per value, most of the time of an
initial download. Here each column gets one converter, prepared once per table:

- the codec's decoder (the JSON form, validated as `TableCodec.decode` does) followed by
  the store's own storage form. For ids, instants and dates that form is taken from
  `store.bulk` (`db_uuid`, `db_time`, `db_date`: the functions the bulk writer binds
  with, tested there against the ORM), so a storage change made in the store reaches
  sync without a change here;
- for every other type, the column type's own bind processor, exactly as SQLAlchemy would
  bind it.

A column whose JSON form is already the stored value (text, whole numbers) is passed on
untouched. Two columns take a shorter way to the same value: a uuid sent in canonical text
goes straight to its 16 bytes, and a packed JSON value is deflated once per distinct text.
Rows whose every column is present are read with one call each, and written several to a
statement (`upserts`). tests/sync/test_storage_binding.py compares every column with the plain path
(decode, then the type's bind processor) on random values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from itertools import chain
from operator import itemgetter
from typing import Any

from sqlalchemy import Date, Dialect

from the5hc_desktop.store import bulk
from the5hc_desktop.store.types import DbUuid, PackedJSON, UTCDateTime, pack_json_text
from the5hc_desktop.sync.codec import LOCAL_COLUMNS, Decoder, TableCodec, decoder_of, kind_of

Converter = Callable[[Any], Any]
TEXT_FORMS = frozenset({"uuid", "instant", "date", "text"})  # codec kinds sent as JSON text

# Column types whose storage form the store offers as a plain function (store/bulk.py).
_STORE_FORMS: tuple[tuple[type[Any], Converter], ...] = (
    (DbUuid, bulk.db_uuid),
    (UTCDateTime, bulk.db_time),
    (Date, bulk.db_date),
)


# Parameters of one statement: SQLite's lowest limit (999 before 3.32), whatever it was built with.
MAX_PARAMETERS = 999
PACKED_MEMO = 4096  # packed JSON values a binder remembers (fee breakdowns repeat a lot)
_CANONICAL_UUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _compose(decode: Decoder | None, store: Converter | None) -> Converter | None:
    if decode is None:
        return store
    if store is None:
        return decode
    return lambda value: store(decode(value))


def _store_form(column_type: Any, dialect: Dialect) -> Converter | None:
    if dialect.name == "sqlite":
        for sa_class, form in _STORE_FORMS:
            if isinstance(column_type, sa_class):
                return form
    processor: Converter | None = column_type._cached_bind_processor(dialect)
    return processor


def _uuid_text(plain: Converter) -> Converter:
    """A uuid column's converter that takes the canonical text (what the server sends) to
    the stored 16 bytes directly: they are its hex digits (`uuid.UUID(text).bytes`, which
    `bulk.db_uuid` stores). Any other form goes the plain way, which also refuses it."""
    fullmatch = _CANONICAL_UUID.fullmatch

    def convert(value: Any) -> Any:
        if type(value) is str and fullmatch(value):
            return bytes.fromhex(value.replace("-", ""))
        return plain(value)

    return convert


def _packed_json() -> Converter:
    """A packed JSON column's converter (`types.PackedJSON` binds `pack_json`, i.e.
    `pack_json_text` of the compact text) that deflates each distinct text once: equal
    texts pack equal, and deflating, not the text, is the cost."""
    memo: dict[str, bytes] = {}

    def convert(value: Any) -> Any:
        text = bulk.db_json(value)
        packed = memo.get(text)
        if packed is None:
            if len(memo) >= PACKED_MEMO:
                memo.clear()
            packed = memo[text] = pack_json_text(text)
        return packed

    return convert


def _converter(column: Any, dialect: Dialect) -> Converter | None:
    """One column's converter from its JSON form to what the store binds."""
    plain = _compose(decoder_of(column.type), _store_form(column.type, dialect))
    if dialect.name != "sqlite" or plain is None:
        return plain
    if isinstance(column.type, DbUuid):
        return _uuid_text(plain)
    if isinstance(column.type, PackedJSON):
        return _packed_json()
    return plain


def _converted(values: Sequence[Any], convert: Converter, memo: bool) -> list[Any]:
    """`convert` applied to every value but None; with `memo`, once per distinct value
    (a page repeats its members', packages' and trainers' ids many times)."""
    if not memo:
        return [None if v is None else convert(v) for v in values]
    distinct = dict.fromkeys(values)
    for value in distinct:
        if value is not None:
            distinct[value] = convert(value)
    return [distinct[v] for v in values]


class StorageBinder:
    """Turns the `data` objects of one table's pulled rows into parameter tuples."""

    def __init__(self, codec: TableCodec, dialect: Dialect) -> None:
        self.codec = codec
        self.names: tuple[str, ...] = tuple(c.name for c in codec.table.columns)
        self._known = frozenset(c.name for c in codec.columns)
        self._converters: list[Converter | None] = [
            None if c.name in LOCAL_COLUMNS else _converter(c, dialect)
            for c in codec.table.columns
        ]
        self._local = [c.name in LOCAL_COLUMNS for c in codec.table.columns]
        self._sent = [c.name for c in codec.table.columns if c.name not in LOCAL_COLUMNS]
        # Only columns sent as text: their values are hashable, and a text never equals a
        # value of another type (1 == True would merge a refused value with a good one).
        self._memo = [kind_of(c.type) in TEXT_FORMS for c in codec.table.columns]

    def rows(
        self, datas: Sequence[Mapping[str, Any]], local: Mapping[str, Any]
    ) -> list[tuple[Any, ...]]:
        """One tuple per row, in table column order; local columns take `local`'s values."""
        count = len(datas)
        sent = self._sent
        by_column: list[Sequence[Any]] = []
        if len(sent) > 1 and all(len(data) == len(sent) for data in datas):
            # Every column present once (the usual page): each row read in one call. A
            # KeyError (one missing, another not known) leaves the careful way below.
            with suppress(KeyError):
                by_column = list(zip(*map(itemgetter(*sent), datas), strict=True))
        if count and not by_column:  # a column missing (None) or one not known (refused)
            for data in datas:
                if not data.keys() <= self._known:
                    unknown = sorted(set(data) - self._known)
                    raise ValueError(f"{self.codec.name}: unknown columns {unknown}")
            by_column = [tuple(data.get(name) for data in datas) for name in sent]
        sent_columns = iter(by_column) if count else iter([() for _ in sent])
        columns: list[Sequence[Any]] = []
        for name, convert, is_local, memo in zip(self.names, self._converters, self._local,
                                                 self._memo, strict=True):
            if is_local:
                columns.append([local[name]] * count)
                continue
            values = next(sent_columns)
            if convert is not None:
                values = _converted(values, convert, memo)
            columns.append(values)
        return list(zip(*columns, strict=True))

    def upsert_sql(self, dialect: Dialect, count: int = 1) -> str:
        """INSERT ... ON CONFLICT (id) DO UPDATE of every column for `count` rows (as many
        `VALUES` groups), with `?` placeholders."""
        preparer = dialect.identifier_preparer
        quoted = [preparer.quote(n) for n in self.names]
        updates = ", ".join(f"{q} = excluded.{q}" for n, q in zip(self.names, quoted,
                                                                    strict=True) if n != "id")
        group = f"({', '.join('?' * len(quoted))})"
        return (f"INSERT INTO {preparer.format_table(self.codec.table)} ({', '.join(quoted)}) "
                f"VALUES {', '.join([group] * count)} ON CONFLICT (id) DO UPDATE SET "
                f"{updates}")

    def upserts(
        self, dialect: Dialect, rows: Sequence[tuple[Any, ...]]
    ) -> list[tuple[str, list[tuple[Any, ...]]]]:
        """The rows as (statement, parameter sets) for `executemany`: most of them several
        to a statement, the rest one by one. A row conflicting with an earlier one of its
        statement updates it, as with one row a statement; fewer, longer steps cost the
        interpreter less per row and hand the GIL over less often."""
        per = max(1, MAX_PARAMETERS // len(self.names))
        whole = len(rows) // per * per
        batches = []
        if whole and per > 1:
            batches.append((self.upsert_sql(dialect, per),
                            [tuple(chain.from_iterable(rows[i:i + per]))
                             for i in range(0, whole, per)]))
        else:
            whole = 0
        if whole < len(rows):
            batches.append((self.upsert_sql(dialect), list(rows[whole:])))
        return batches
