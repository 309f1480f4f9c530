"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import DateTime, Dialect, Numeric
from sqlalchemy.types import TypeDecorator

from the5hc_desktop.store.ids import new_id

__all__ = ["RATE_QUANTUM", "Rate", "UTCDateTime", "new_id", "utcnow"]

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
