"""Rows of the local store as JSON objects, and back: the payload that sync moves.

One rule for every synced table, read from the table's columns, so a new column syncs
without new code. Values in JSON form: UUIDs as canonical text, instants as ISO-8601 UTC,
dates as ISO dates, rates as decimal text (never a binary float), JSON columns as they
are. Local bookkeeping (`change_stamp`) never leaves the device.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Float, Integer, Table
from sqlalchemy.types import TypeEngine

from the5hc_desktop.store.types import DbUuid, Measure, PackedJSON, Rate, UTCDateTime

# Columns that describe this replica, not the row: not sent, kept local on apply.
LOCAL_COLUMNS = frozenset({"change_stamp"})

Encoder = Callable[[Any], Any]
Decoder = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _uuid_out(value: uuid.UUID) -> str:
    return str(value)


def _uuid_in(value: str) -> uuid.UUID:
    return uuid.UUID(value)


def _instant_out(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def _instant_in(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _date_out(value: date) -> str:
    return value.isoformat()


def _date_in(value: str) -> date:
    return date.fromisoformat(value)


def _rate_out(value: Decimal) -> str:
    return str(value)


def _rate_in(value: str | int | float) -> Decimal:
    return Decimal(str(value))


def _bool_in(value: Any) -> bool:
    return bool(value)


def _int_in(value: Any) -> int:
    if type(value) is int:
        return value
    if isinstance(value, bool) or int(value) != value:
        raise ValueError(f"not a whole number: {value!r}")
    return int(value)


def _float_in(value: Any) -> float:
    return float(value)


def kind_of(sa_type: TypeEngine[Any]) -> str:
    """The JSON form a column takes, from its SQLAlchemy type."""
    checks: tuple[tuple[type[Any], str], ...] = (
        (DbUuid, "uuid"), (Rate, "rate"), (UTCDateTime, "instant"), (JSON, "json"),
        (PackedJSON, "json"),  # stored deflated on SQLite; JSON everywhere else
        (Measure, "float"),  # stored as whole hundredths on SQLite when exact
        (Boolean, "bool"),
        (Date, "date"), (Integer, "int"), (Float, "float"),
    )
    for sa_class, kind in checks:
        if isinstance(sa_type, sa_class):
            return kind
    try:
        python_type = sa_type.python_type
    except NotImplementedError:
        return "text"
    return "uuid" if python_type is uuid.UUID else "text"


_CODECS: dict[str, tuple[Encoder, Decoder]] = {
    "uuid": (_uuid_out, _uuid_in),
    "instant": (_instant_out, _instant_in),
    "date": (_date_out, _date_in),
    "rate": (_rate_out, _rate_in),
    "bool": (_same, _bool_in),
    "int": (_same, _int_in),
    "float": (_same, _float_in),
    "json": (_same, _same),
    "text": (_same, _same),
}


def decoder_of(sa_type: TypeEngine[Any]) -> Decoder | None:
    """The decoder of a column type's JSON form; None when the JSON value is used as is."""
    decode = _CODECS[kind_of(sa_type)][1]
    return None if decode is _same else decode


class TableCodec:
    """Encodes and decodes the rows of one synced table."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.name = table.name
        self.columns: tuple[Column[Any], ...] = tuple(
            c for c in table.columns if c.name not in LOCAL_COLUMNS
        )
        self._codecs = {c.name: _CODECS[kind_of(c.type)] for c in self.columns}

    def encode(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """A row (column -> Python value) as a JSON-ready object."""
        out: dict[str, Any] = {}
        for name, (encode, _) in self._codecs.items():
            value = row[name]
            out[name] = None if value is None else encode(value)
        return out

    def decode(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """A JSON object back to Python values; unknown keys are refused, missing are None."""
        unknown = set(data) - set(self._codecs)
        if unknown:
            raise ValueError(f"{self.name}: unknown columns {sorted(unknown)}")
        out: dict[str, Any] = {}
        for name, (_, decode) in self._codecs.items():
            value = data.get(name)
            out[name] = None if value is None else decode(value)
        return out
