"""The dashboard's two lists beside today's figures: bookings of the next 7 days and the
most recently registered members (as the TrainerHub dashboard had), each opening its record.

Both are short, indexed reads: scheduled sessions in a starts_at range (the live starts_at
index, which holds the status too, finds where the 200th booking starts, so only those
rows are read in full) and the newest members by id (ids are time-ordered UUIDv7, so the primary key
answers without scanning every member).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from the5hc_desktop.domain.credits import SessionStatus
from the5hc_desktop.services.base import ServiceBase, gym_zone, to_local
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.services.sessions import SessionView, session_rows
from the5hc_desktop.store.models import Client, StaffAccount, TrainingSession

UPCOMING_DAYS = 7
UPCOMING_LIMIT = 200
RECENT_MEMBERS = 10


@dataclass(frozen=True)
class RecentMember:
    id: uuid.UUID
    name: str
    phone: str
    trainer_name: str
    registered_at: datetime  # gym's zone


@dataclass(frozen=True)
class DashboardLists:
    upcoming: tuple[SessionView, ...]
    recent_members: tuple[RecentMember, ...]


class DashboardListsService(ServiceBase):
    def lists(self, actor: Actor, days: int = UPCOMING_DAYS,
              members: int = RECENT_MEMBERS) -> DashboardLists:
        """Scheduled sessions from now to `days` ahead (soonest first, at most 200) and the
        `members` newest live members."""
        require(actor, Capability.VIEW_CLIENTS)
        now = self.utc_now()
        with self._db.read() as session:
            zone = gym_zone(session)
            booked = [
                TrainingSession.starts_at >= now,
                TrainingSession.starts_at < now + timedelta(days=days),
                TrainingSession.status == SessionStatus.SCHEDULED.value,
            ]
            last = session.scalar(
                select(TrainingSession.starts_at)
                .where(TrainingSession.deleted_at.is_(None), *booked)
                .order_by(TrainingSession.starts_at)
                .offset(UPCOMING_LIMIT - 1).limit(1))
            if last is not None:  # more than the limit: read up to the limit's start only
                booked.append(TrainingSession.starts_at <= last)
            upcoming = session_rows(session, booked, zone)[:UPCOMING_LIMIT]
            rows = session.execute(
                select(Client.id, Client.name, Client.phone, StaffAccount.display_name,
                       Client.created_at)
                .outerjoin(StaffAccount, StaffAccount.id == Client.trainer_id)
                .where(Client.deleted_at.is_(None))
                .order_by(Client.id.desc()).limit(members))
            recent = tuple(RecentMember(i, name, phone or "", trainer or "",
                                        to_local(created, zone))
                           for i, name, phone, trainer, created in rows)
            return DashboardLists(tuple(upcoming), recent)


__all__ = ["DashboardLists", "DashboardListsService", "RecentMember"]
