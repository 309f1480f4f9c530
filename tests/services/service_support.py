"""Helpers shared by the service tests (a unique module name: tests have no packages)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from the5hc_desktop.services.accounts import AccountService
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import AuditLogEntry, Base

OWNER_PASSWORD = "owner-pass-1"
STAFF_PASSWORD = "staff-pass-1"


class Clock:
    """A settable UTC clock for the services' `now`."""

    def __init__(self, start: datetime) -> None:
        self.value = start

    def __call__(self) -> datetime:
        return self.value

    def advance(self, **kwargs: float) -> None:
        self.value += timedelta(**kwargs)


def make_staff(accounts: AccountService, owner: Actor, username: str, role: Role) -> Actor:
    view = accounts.add_staff(owner, username, f"{username} 님", role, STAFF_PASSWORD)
    return Actor(view.id, view.role, view.display_name, view.username)


def table_counts(database: Database) -> dict[str, int]:
    """Rows per table, to prove that a refused call wrote nothing."""
    with database.read() as session:
        return {
            table.name: int(session.scalar(select(func.count()).select_from(table)) or 0)
            for table in Base.metadata.sorted_tables
        }


def audit_rows(database: Database, action: str | None = None) -> list[AuditLogEntry]:
    query = select(AuditLogEntry).order_by(AuditLogEntry.change_stamp)
    if action is not None:
        query = query.where(AuditLogEntry.action == action)
    with database.read() as session:
        return list(session.scalars(query).all())
