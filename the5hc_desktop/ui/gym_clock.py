"""The gym's clock on screen: every time and date the UI shows is in the gym's zone.

The services compute in the gym's zone (설정 → 시간대, default Asia/Seoul); a PC set to
another zone (a laptop back from a trip, a Windows install left on UTC) must not show a
second clock beside it. Panes that load from the services learn the zone from
`ServiceBase.gym_now()` and call `follow(now)`; everything else formats through here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo

from the5hc_desktop.services.base import DEFAULT_ZONE

_zone: tzinfo = ZoneInfo(DEFAULT_ZONE)


def follow(gym_now: datetime) -> datetime:
    """Take the zone of a `gym_now()` reading as the clock's zone; returns the reading."""
    global _zone
    if gym_now.tzinfo is not None:
        _zone = gym_now.tzinfo
    return gym_now


def zone() -> tzinfo:
    return _zone


def local(value: datetime) -> datetime:
    """`value` on the gym's clock (a naive value is UTC, as stored)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(_zone)


def now() -> datetime:
    return datetime.now(_zone)


def today() -> date:
    """Today's date at the gym (not the PC's date near midnight in another zone)."""
    return now().date()


def stamp(value: datetime) -> str:
    """"2025-06-15 10:00" on the gym's clock."""
    return local(value).strftime("%Y-%m-%d %H:%M")
