"""This device's sync bookkeeping: local tables, never synced themselves.

- `sync_state`: key -> JSON value (server address, bound gym, pushed change-stamp mark,
  pull cursor, the push in flight, last round).
- `sync_conflicts`: the conflict log as the server recorded it (pulled like a synced
  entity), plus versions this device lost before it could push them.
- `sync_base`: for a row edited here after it was last in step with the server, the `hlc`
  of that server version, so the server can tell a follow-up edit from a concurrent one.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from the5hc_desktop.store.base import Base
from the5hc_desktop.store.types import HlcValue, UTCDateTime, utcnow


class SyncState(Base):
    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class SyncConflict(Base):
    __tablename__ = "sync_conflicts"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[uuid.UUID] = mapped_column(index=True)
    reason: Mapped[str] = mapped_column(String(50))
    winner: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    loser: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class SyncBase(Base):
    __tablename__ = "sync_base"
    __table_args__ = ({"sqlite_with_rowid": False},)

    row_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    hlc: Mapped[str] = mapped_column(HlcValue)
