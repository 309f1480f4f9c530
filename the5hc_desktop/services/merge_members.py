"""회원 병합: one person registered twice (two desks, offline) becomes one member again.

The survivor keeps its own fields; everything that hangs off the other record and can be
edited (packages, sessions, assessments, health screenings) is re-pointed to it, and the
other record is tombstoned. Money and credit facts (payments, credit-ledger rows) are
append-only on every replica and the server refuses to rewrite them, so they keep the
client id they were written with; they follow the survivor through their package (a
package's balance is Σ ledger by package) and through `merged_into` in the audit row.
Every re-pointed row gets a new clock value, so the merge syncs like any other change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.services.base import ServiceBase, get_live
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.store.models import (
    Assessment,
    AssessmentHealth,
    Client,
    HealthScreening,
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


@dataclass(frozen=True)
class MergeResult:
    survivor_id: uuid.UUID
    merged_id: uuid.UUID
    moved: dict[str, int]  # entity -> rows re-pointed


class MergeMembersService(ServiceBase):
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
            other.soft_delete(self.utc_now())
            self._audit(session, actor, "client_merged", "client", survivor.id,
                        {"merged_into": survivor.id, "merged": other.id,
                         "merged_name": other.name, "moved": moved})
        return MergeResult(survivor_id, other_id, moved)
