"""The gym's time zone: its setting's key, the fallback, and local time of a stored instant.

Apart from services/base.py so that the report command's own path (services/quick_report.py)
has them without SQLAlchemy; base.py re-exports every name.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Seoul"
TIMEZONE_KEY = "timezone"


def zone_named(name: str | None) -> ZoneInfo:
    """The zone, falling back to Asia/Seoul for an empty or unknown name."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def stored_zone(value: object) -> ZoneInfo:
    """The zone of the timezone setting's stored value (anything but text: the default)."""
    return zone_named(value if isinstance(value, str) else None)


def to_local(value: datetime, zone: ZoneInfo | None = None) -> datetime:
    """An aware datetime in the gym zone (a naive value is taken as UTC, as stored)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(zone or ZoneInfo(DEFAULT_ZONE))
