"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import functools
import json
import re
import uuid
import zlib
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ColumnElement,
    DateTime,
    Dialect,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Uuid,
)
from sqlalchemy.types import TypeDecorator, TypeEngine

from the5hc_desktop.store.device_refs import refs_of
from the5hc_desktop.store.ids import new_id
from the5hc_desktop.store.json_dictionary import DICTIONARY_V1
from the5hc_desktop.store.stored_forms import (
    EPOCH,
    MICROSECOND,
    PACKED_V1,
    code_read,
    instant_from_storage,
    instant_read,
    measure_read,
    packed_json_read,
    unpack_json,
    uuid_read,
)

__all__ = [
    "RATE_QUANTUM",
    "Code",
    "DbUuid",
    "DeviceRef",
    "HlcValue",
    "Measure",
    "PackedJSON",
    "Rate",
    "UTCDateTime",
    "device_storage",
    "hlc_storage",
    "instant_from_storage",
    "instant_storage",
    "measure_storage",
    "new_id",
    "pack_json",
    "pack_json_text",
    "stored_literal",
    "unpack_json",
    "utcnow",
]

RATE_QUANTUM = Decimal("0.0001")


def utcnow() -> datetime:
    """The current instant, UTC-aware."""
    return datetime.now(UTC)


def _aware_utc(value: Any) -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"UTCDateTime needs a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("UTCDateTime refuses naive datetimes; attach a time zone first")
    return value.astimezone(UTC)


def instant_storage(value: datetime) -> int:
    """An aware instant as SQLite stores it: whole microseconds since 1970-01-01 UTC."""
    if not isinstance(value, datetime) or value.utcoffset() is None:
        _aware_utc(value)  # raises the reason
    # Aware datetimes subtract as instants whatever their zone: no conversion needed.
    return (value - EPOCH) // MICROSECOND


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware instants, always handed back in UTC.

    SQLite has no time zone type: values are stored as an integer count of microseconds
    since the Unix epoch (8 bytes; the text form took 26, in every row and index holding
    an instant), which orders as the instants do. Text written before migration 0009 (naive
    UTC) is still read. PostgreSQL stores `timestamptz`; results are converted to UTC. Naive
    values are refused because their zone is unknown (local Seoul time stored as UTC is a
    9-hour bug).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return instant_storage(value)
        return _aware_utc(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return instant_read(value)  # also naive UTC text, as stored before migration 0009


class Rate(TypeDecorator[Decimal]):
    """A rate such as 0.1000 or 0.0350, kept with four decimals and returned as `Decimal`.

    `NUMERIC(6,4)` in the DDL. The impl is read as float and converted back through `repr`,
    which is exact for four-decimal values and avoids SQLAlchemy's "SQLite has no native
    Decimal" warning (the suite turns warnings into errors).
    """

    impl = Numeric(6, 4, asdecimal=False)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("rates must be Decimal, never binary float")
        return Decimal(value).quantize(RATE_QUANTUM, rounding=ROUND_HALF_UP)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(repr(value) if isinstance(value, float) else str(value)).quantize(
            RATE_QUANTUM, rounding=ROUND_HALF_UP
        )


# Hundredths as an integer stay exact far beyond any measurement (2**50 / 100).
_HUNDREDTHS_LIMIT = 2**50


def measure_storage(value: float) -> float | int:
    """A measurement as SQLite stores `Measure`: whole hundredths when that is exact."""
    scaled = value * 100
    if abs(scaled) < _HUNDREDTHS_LIMIT:  # also false for NaN and infinities
        hundredths = round(scaled)
        if hundredths / 100 == value:
            return hundredths
    return float(value)


class Measure(TypeDecorator[float]):
    """A measured value entered by a trainer (kg, cm, seconds, %), a float to the app.

    Such values have one or two decimals (72.5 kg), yet a float takes 8 bytes. On SQLite a
    value that is exactly a whole number of hundredths is stored as that number (1-3
    bytes; 72.5 -> 7250), any other value as its float, in a column without type affinity
    (BLOB), so the two stay apart: reading divides an integer by 100, which gives back the
    very same float. PostgreSQL keeps its float column.
    """

    impl = Float
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return _StoredAsIs()
        return dialect.type_descriptor(Float())

    def process_bind_param(self, value: float | None, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return measure_storage(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> float | None:
        if value is None:
            return None
        return measure_read(value) if dialect.name == "sqlite" else float(value)


class DbUuid(TypeDecorator[uuid.UUID]):
    """A UUID: 16 raw bytes on SQLite (BLOB), the native `uuid` type on PostgreSQL.

    SQLAlchemy's own `Uuid` stores 32 hex characters on SQLite; ids and foreign keys are
    most of the bytes of every row and index, so the binary form halves them.
    """

    impl = LargeBinary(16)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Uuid())
        return dialect.type_descriptor(LargeBinary(16))

    def process_bind_param(self, value: uuid.UUID | None, dialect: Dialect) -> Any:
        if value is None or dialect.name == "postgresql":
            return value
        if isinstance(value, str):  # hex or canonical text, as SQLAlchemy's Uuid accepts
            value = uuid.UUID(value)
        if not isinstance(value, uuid.UUID):
            raise TypeError(f"DbUuid needs a uuid.UUID, got {type(value).__name__}")
        return value.bytes

    def process_result_value(self, value: Any, dialect: Dialect) -> uuid.UUID | None:
        return None if value is None else uuid_read(value)


class _StoredAsIs(LargeBinary):
    """BLOB in the DDL; values go to and come from sqlite3 untouched (bytes, or the text
    kept for values the compact form cannot hold)."""

    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> None:
        return None

    def result_processor(self, dialect: Dialect, coltype: object) -> None:
        return None


class Code(TypeDecorator[str]):
    """A value of a fixed vocabulary (a domain enumeration's stored texts), as the app,
    sync and the server see it: the text.

    On SQLite its position in the vocabulary: a status or kind repeated in a table and in
    every index holding it takes 1 byte (0 and 1 take none) instead of its text. The
    vocabulary only grows at its end (domain/choices.py), so a stored position keeps its
    meaning. A text outside the vocabulary is stored as it is, and the CHECK constraint,
    written through this type (`base.one_of`), refuses it as before. PostgreSQL keeps the
    text.
    """

    impl = String
    cache_ok = True

    def __init__(self, values: tuple[str, ...], length: int) -> None:
        super().__init__(length)
        self.length = length
        self.values = tuple(values)
        self._positions = {value: n for n, value in enumerate(self.values)}

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Integer())
        return dialect.type_descriptor(String(self.length))

    def stored(self, value: str) -> Any:
        """The SQLite form of `value`: its position, or the text itself when unknown."""
        return self._positions.get(value, value)

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return self.stored(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else code_read(self.values, value)


def stored_literal(column: ColumnElement[Any], value: Any, dialect: Dialect) -> str:
    """`value` as an SQL literal in `column`'s stored form (raw SQL and trigger bodies)."""
    render = column.type.literal_processor(dialect)
    if render is None:
        raise TypeError(f"no literal form for {column}")
    return str(render(value))


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def device_storage(value: str, dialect: Dialect | None = None) -> Any:
    """A device id as SQLite stores `DeviceRef`: the number `device_refs` gives it in the
    file of `dialect`'s engine; else canonical UUID text as its 16 bytes; any other text
    (never written by the app, but possible in old files) as it is."""
    if dialect is not None:
        number = refs_of(dialect).number.get(value)
        if number is not None:
            return number
    if len(value) == 36 and _CANONICAL_UUID.fullmatch(value):
        return uuid.UUID(value).bytes
    return value


class DeviceRef(TypeDecorator[str]):
    """The id of the device that wrote a row, as the app and sync see it: canonical text.

    On SQLite the device's number in the file (store/device_refs.py: 0-1 bytes), or the
    16 bytes of a device without one (the text took 36 in every row); PostgreSQL keeps the
    text. The numbers are read and written through the map of the engine's dialect, which
    every SQLite engine of the app loads as it connects (`device_refs.install`); a device
    without a number is stored as its 16 bytes, which read back the same. Non-canonical
    text is stored unchanged.
    """

    impl = String(36)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return _StoredAsIs(16)
        return dialect.type_descriptor(String(36))

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return device_storage(value, dialect)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if isinstance(value, int):
            device = refs_of(dialect).device.get(value)
            if device is None:
                raise LookupError(f"device number {value} is not in this file's device_refs")
            return device
        if isinstance(value, bytes | memoryview):
            stored = bytes(value)
            return str(uuid.UUID(bytes=stored)) if len(stored) == 16 else stored.decode()
        return None if value is None else str(value)


_HLC_TEXT = re.compile(r"[0-9a-f]{28}")


def hlc_storage(value: str) -> Any:
    """A clock value as SQLite stores `HlcValue`: the 14 bytes its 28 hex digits spell."""
    if len(value) == 28 and _HLC_TEXT.fullmatch(value):
        return bytes.fromhex(value)
    return value


class HlcValue(TypeDecorator[str]):
    """A hybrid logical clock value (clock.py), 28 lowercase hex digits to the app and sync.

    On SQLite the 14 bytes the digits spell; big-endian bytes compare as the fixed-width
    digits do, so byte order is still clock order. PostgreSQL (and the server) keep the
    text. A value that is not 28 lowercase hex digits is stored unchanged.
    """

    impl = String(28)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return _StoredAsIs(14)
        return dialect.type_descriptor(String(28))

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return hlc_storage(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if isinstance(value, bytes | memoryview):
            stored = bytes(value)
            return stored.hex() if len(stored) == 14 else stored.decode()
        return None if value is None else str(value)


def pack_json(value: Any) -> bytes:
    """A JSON value as SQLite stores `PackedJSON` (see `pack_json_text`)."""
    return pack_json_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def pack_json_text(text: str) -> bytes:
    """JSON text as SQLite stores `PackedJSON`: a version byte, then the UTF-8 text deflated
    (raw, no header) with that version's preset dictionary."""
    packer = _primed_v1().copy()
    packed: bytes = packer.compress(text.encode()) + packer.flush()
    return PACKED_V1 + packed


@functools.cache
def _primed_v1() -> Any:
    """A compressor that has taken in the dictionary and nothing else: copying it costs
    half of loading the dictionary again for each value (hundreds of thousands in the demo,
    the imports and a first download). Memory level 5: a copy is a third of level 9's
    (28 → 17 µs a value); on the 200,688 documents of the 100k demo every byte written
    was the same as level 9's (decompression does not depend on it)."""
    return zlib.compressobj(9, zlib.DEFLATED, -15, 5, zlib.Z_DEFAULT_STRATEGY, DICTIONARY_V1)


class PackedJSON(TypeDecorator[Any]):
    """A JSON column of large, repetitive documents (assessment risk factors and tips, fee
    breakdowns), deflated with a preset dictionary on SQLite: ~500 bytes become ~20-70.

    The app and sync see the same Python values as with `JSON`. JSON text written before
    migration 0009 is still read. PostgreSQL keeps its JSON column.
    """

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return _StoredAsIs()
        return dialect.type_descriptor(JSON())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if dialect.name != "sqlite":
            return value
        return pack_json(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if dialect.name != "sqlite":
            return value
        return packed_json_read(value)  # also JSON text, as stored before migration 0009
