"""Device ids as short numbers local to one SQLite file (`device_refs`, migration 0014).

Every synced row names the device that wrote it (`updated_by_device`); nearly all rows of a
desk come from a handful of devices, so the file stores a small number for each of them
(1 byte, or none for 0 and 1) instead of its 16 bytes. The table maps the numbers to the
ids; `types.DeviceRef` reads and writes through the map this module keeps per engine
(per SQLAlchemy dialect object: every connection of one engine shares it), loaded when a
connection opens and extended when the store registers a device (its own, on open). A
device that was never registered, such as a new desk whose rows arrive by sync, is stored
as its 16 bytes, which read back the same. Numbers are never reused nor reassigned, so a
map only grows and a loaded one never goes wrong.

No store imports here: `types` depends on this module.
"""

from __future__ import annotations

import threading
import uuid
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Dialect, Engine, event

TABLE = "device_refs"


class DeviceRefs:
    """One file's numbers of device ids (canonical text), both ways."""

    def __init__(self) -> None:
        self.number: dict[str, int] = {}
        self.device: dict[int, str] = {}

    def add(self, number: int, device: bytes) -> None:
        text = str(uuid.UUID(bytes=bytes(device)))
        self.number[text] = number
        self.device[number] = text


_MAPS: WeakKeyDictionary[Dialect, DeviceRefs] = WeakKeyDictionary()
_LOCK = threading.Lock()


def refs_of(dialect: Dialect) -> DeviceRefs:
    """The map of the engine owning `dialect` (empty until loaded)."""
    found = _MAPS.get(dialect)
    if found is None:
        with _LOCK:
            found = _MAPS.setdefault(dialect, DeviceRefs())
    return found


def load(dbapi_connection: Any, dialect: Dialect) -> None:
    """Read the file's numbers into the engine's map (a new connection; no-op before 0014)."""
    cursor = dbapi_connection.cursor()
    try:
        exists = cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
        ).fetchone()
        rows = cursor.execute(f"SELECT ref, device_id FROM {TABLE}").fetchall() if exists else []
    finally:
        cursor.close()
    refs = refs_of(dialect)
    for number, device in rows:
        refs.add(number, device)


def install(engine: Engine) -> None:
    """Load the file's numbers into `engine`'s map whenever it opens a connection."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        load(dbapi_connection, engine.dialect)


def register(conn: Connection, device_id: uuid.UUID) -> None:
    """Give `device_id` a number in this file (kept if it has one) and in the engine's map."""
    if conn.dialect.name != "sqlite":
        return
    raw = conn.exec_driver_sql
    raw(f"INSERT INTO {TABLE} (device_id) SELECT ? WHERE NOT EXISTS "
        f"(SELECT 1 FROM {TABLE} WHERE device_id = ?)", (device_id.bytes, device_id.bytes))
    number = raw(f"SELECT ref FROM {TABLE} WHERE device_id = ?", (device_id.bytes,)).scalar_one()
    refs_of(conn.dialect).add(int(number), device_id.bytes)
