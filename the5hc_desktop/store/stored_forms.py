"""How SQLite stores the app's own column types, read back without SQLAlchemy.

The column types of store/types.py convert through these functions, and so does SQL run on
a plain `sqlite3` connection (store/report_rows.py: the report command reads one
assessment without importing SQLAlchemy, whose import alone costs more than the report).
Each function takes what sqlite3 returns for a non-NULL value of that type.
"""

from __future__ import annotations

import json
import uuid
import zlib
from datetime import UTC, date, datetime, timedelta
from typing import Any

from the5hc_desktop.store.json_dictionary import DICTIONARY_V1

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)

# First byte of a packed value: which preset dictionary it was deflated with.
PACKED_V1 = b"\x01"


def instant_from_storage(value: int) -> datetime:
    """The UTC instant of a stored microsecond count (`types.instant_storage` reversed)."""
    return EPOCH + value * MICROSECOND


def instant_read(value: Any) -> datetime:
    """A stored `UTCDateTime`: microseconds, or naive UTC text written before migration 0009."""
    if isinstance(value, int):
        return instant_from_storage(value)
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise TypeError(f"unexpected stored datetime {value!r}")
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def measure_read(value: Any) -> float:
    """A stored `Measure`: whole hundredths as an integer, else the float itself."""
    if isinstance(value, int):
        return value / 100
    return float(value)


def uuid_read(value: Any) -> uuid.UUID:
    """A stored `DbUuid`: its 16 bytes."""
    if isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(bytes=bytes(value))


def code_read(values: tuple[str, ...], value: Any) -> str:
    """A stored `Code` of the vocabulary `values`: its position, or text outside it."""
    if isinstance(value, int):
        return values[value]
    return str(value)


def unpack_json(stored: bytes) -> Any:
    if stored[:1] != PACKED_V1:
        raise ValueError(f"unknown packed JSON version {stored[:1]!r}")
    unpacker = zlib.decompressobj(-15, DICTIONARY_V1)
    text = unpacker.decompress(stored[1:]) + unpacker.flush()
    return json.loads(text)


def packed_json_read(value: Any) -> Any:
    """A stored `PackedJSON`: deflated bytes, or JSON text written before migration 0009."""
    if isinstance(value, bytes | memoryview):
        return unpack_json(bytes(value))
    if isinstance(value, str):
        return json.loads(value)
    return value


def json_read(value: Any) -> Any:
    """A stored `JSON` column (SQLAlchemy writes JSON text on SQLite)."""
    return json.loads(value)


def date_read(value: Any) -> date:
    """A stored `Date`: ISO text, as SQLAlchemy writes it on SQLite."""
    return date.fromisoformat(value)


def bool_read(value: Any) -> bool:
    return bool(value)
