"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import DateTime, Dialect, LargeBinary, Numeric, Uuid
from sqlalchemy.types import TypeDecorator, TypeEngine

from the5hc_desktop.store.ids import new_id

__all__ = ["RATE_QUANTUM", "DbUuid", "Rate", "UTCDateTime", "new_id", "utcnow"]

RATE_QUANTUM = Decimal("0.0001")


def utcnow() -> datetime:
    """The current instant, UTC-aware."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware instants, always handed back in UTC.

    SQLite has no time zone type: values are stored as naive UTC text, and tagged UTC on the
    way out. PostgreSQL stores `timestamptz`; results are converted to UTC. Naive values are
    refused because their zone is unknown (local Seoul time stored as UTC is a 9-hour bug).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"UTCDateTime needs a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("UTCDateTime refuses naive datetimes; attach a time zone first")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"unexpected stored datetime {value!r}")
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


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
        if value is None or isinstance(value, uuid.UUID):
            return value
        return uuid.UUID(bytes=bytes(value))
