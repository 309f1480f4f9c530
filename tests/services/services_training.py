"""Shared set-up for the package, session, dashboard and report service tests.

Also holds the worker that a separate OS process runs in the concurrent-completion test
(a spawned child imports it by module name, so it must not live in a test module).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from the5hc_desktop.services.clients import ClientDraft, ClientService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.store.database import Database

SEOUL = ZoneInfo("Asia/Seoul")


class Clock(Protocol):
    """The settable clock fixture of conftest.py."""

    value: datetime

    def __call__(self) -> datetime: ...

    def advance(self, **kwargs: float) -> None: ...


def seoul(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SEOUL)


def add_client(
    db: Database,
    clock: Any,
    actor: Actor,
    name: str,
    phone: str = "",
    trainer_id: uuid.UUID | None = None,
) -> uuid.UUID:
    service = ClientService(db, now=clock)
    result = service.create(actor, ClientDraft(name=name, gender="female", phone=phone,
                                                birth_date=date(1990, 3, 1),
                                                trainer_id=trainer_id))
    return result.client.id


def count(db: Database, model: Any, *conditions: Any) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*conditions))
                   or 0)


def complete_in_child(path: str, actor: Actor, session_id: uuid.UUID, start: Any,
                      results: Any) -> None:
    """Run in a spawned process: wait for the start signal, complete, report the outcome."""
    from the5hc_desktop.domain.errors import ConflictError
    from the5hc_desktop.services.sessions import SessionService

    database = Database.open(Path(path), device_name="child")
    try:
        service = SessionService(database)
        start.wait(30)
        try:
            service.complete(actor, session_id)
        except ConflictError:
            results.put("conflict")
        else:
            results.put("ok")
    finally:
        database.close()
