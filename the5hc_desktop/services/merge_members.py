"""회원 병합: one person registered twice (two desks, offline) becomes one member again.

The survivor keeps its own fields; everything that hangs off the other record and can be
edited (packages, sessions, assessments, health screenings) is re-pointed to it, and the
other record is tombstoned. Money and credit facts (payments, credit-ledger rows) are
append-only on every replica and the server refuses to rewrite them, so they keep the
client id they were written with; they follow the survivor through their package (a
package's balance is Σ ledger by package) and through `merged_into` in the audit row.
Every re-pointed row gets a new clock value, so the merge syncs like any other change.

Reads of "a member's payments / ledger" take `merged_family(session, id)`: the member and
everyone merged into it, from the synced `client_merged` audit rows (`merged_into`), so a
merge made on another desk shows the survivor's whole history here too.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.services.base import ServiceBase, get_live
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.store.models import (
    Assessment,
    AssessmentHealth,
    AuditLogEntry,
    Client,
    HealthScreening,
    Payment,
    SessionPackage,
    TrainingSession,
)

CLIENT = ("회원", "Client")
# Rows that belong to a member and may be re-pointed (entity name -> model).
MOVED: dict[str, Any] = {
    "session_packages": SessionPackage,
    "sessions": TrainingSession,
    "assessments": Assessment,
    "health_screenings": HealthScreening,
    "assessment_health": AssessmentHealth,
}


MERGED_ACTION = "client_merged"


def merged_family(session: Session, client_id: uuid.UUID) -> list[uuid.UUID]:
    """`client_id` first, then every member merged into it, directly or through a chain."""
    rows = session.execute(
        select(AuditLogEntry.entity_id, AuditLogEntry.details)
        .where(AuditLogEntry.action == MERGED_ACTION, AuditLogEntry.deleted_at.is_(None))
    ).all()
    absorbed: dict[uuid.UUID, list[uuid.UUID]] = {}
    for survivor, details in rows:
        merged = _as_uuid((details or {}).get("merged"))
        if survivor is not None and merged is not None:
            absorbed.setdefault(survivor, []).append(merged)
    family, queue = [client_id], [client_id]
    while queue:
        for merged in absorbed.get(queue.pop(), ()):
            if merged not in family:
                family.append(merged)
                queue.append(merged)
    return family


def _as_uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@dataclass(frozen=True)
class MemberRecord:
    """One side of the 회원 병합 comparison."""

    id: uuid.UUID
    name: str
    phone: str | None
    birth_date: date | None
    registered: datetime
    packages: int
    sessions: int
    assessments: int
    payments: int


@dataclass(frozen=True)
class MergeResult:
    survivor_id: uuid.UUID
    merged_id: uuid.UUID
    moved: dict[str, int]  # entity -> rows re-pointed


class MergeMembersService(ServiceBase):
    def record(self, actor: Actor, client_id: uuid.UUID) -> MemberRecord:
        """What the merge dialog shows of one member (payments include earlier merges)."""
        require(actor, Capability.DELETE)
        with self._db.read() as session:
            client = get_live(session, Client, client_id, CLIENT)
            family = merged_family(session, client.id)

            def live(model: Any) -> int:
                return int(session.scalar(
                    select(func.count()).select_from(model)
                    .where(model.client_id == client.id, model.deleted_at.is_(None))) or 0)

            payments = int(session.scalar(
                select(func.count()).select_from(Payment)
                .where(Payment.client_id.in_(family), Payment.deleted_at.is_(None))) or 0)
            return MemberRecord(client.id, client.name, client.phone, client.birth_date,
                                client.created_at, live(SessionPackage),
                                live(TrainingSession), live(Assessment), payments)

    def merge(self, actor: Actor, survivor_id: uuid.UUID, other_id: uuid.UUID) -> MergeResult:
        """Move `other_id`'s records to `survivor_id` and tombstone `other_id`; audited."""
        require(actor, Capability.DELETE)  # owner and senior: it removes a member record
        if survivor_id == other_id:
            raise ValidationError("같은 회원끼리는 병합할 수 없습니다.",
                                  "A member cannot be merged with itself.", field="other")
        moved: dict[str, int] = {}
        with self._db.write() as session:
            survivor = get_live(session, Client, survivor_id, CLIENT)
            other = get_live(session, Client, other_id, CLIENT)
            for entity, model in MOVED.items():
                rows = session.scalars(
                    select(model).where(model.client_id == other.id)).all()
                for row in rows:
                    row.client_id = survivor.id
                moved[entity] = len(rows)
            # Not re-pointed (append-only): counted, since they now show under the survivor.
            moved["payments"] = int(session.scalar(
                select(func.count()).select_from(Payment).where(
                    Payment.client_id.in_(merged_family(session, other.id)),
                    Payment.deleted_at.is_(None))) or 0)
            other.soft_delete(self.utc_now())
            self._audit(session, actor, MERGED_ACTION, "client", survivor.id,
                        {"merged_into": survivor.id, "merged": other.id,
                         "merged_name": other.name, "moved": moved})
        return MergeResult(survivor_id, other_id, moved)
