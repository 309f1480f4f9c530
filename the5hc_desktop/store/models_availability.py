"""Trainer availability (synced tables): weekly hours and dated exceptions.

`trainer_hours`: one row per trainer holding the weekly pattern as JSON
({"0": [["09:00", "12:00"], ...]}, Monday = 0, see domain.availability). Its id is derived
from the trainer's id, so two desks setting the same trainer's hours write the same row and
sync keeps the last writer. `availability_exceptions`: one row per dated 휴무/휴가/추가 근무.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from the5hc_desktop.domain.availability import ExceptionKind
from the5hc_desktop.store.base import Base, SyncedMixin, one_of

_HOURS_NAMESPACE = uuid.UUID("3b8e41d2-5c6f-4a7e-9d10-6e2f8a4c7b95")


def trainer_hours_id(trainer_id: uuid.UUID) -> uuid.UUID:
    """The id of a trainer's weekly-hours row, the same on every device."""
    return uuid.uuid5(_HOURS_NAMESPACE, f"{trainer_id}:hours")


class TrainerHours(SyncedMixin, Base):
    """A trainer's weekly working hours."""

    __tablename__ = "trainer_hours"

    trainer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    weekly: Mapped[dict[str, list[list[str]]]] = mapped_column(JSON, default=dict)

    @classmethod
    def derived_id(cls, values: dict[str, Any]) -> uuid.UUID | None:
        trainer = values.get("trainer_id")
        return trainer_hours_id(trainer) if isinstance(trainer, uuid.UUID) else None


class AvailabilityException(SyncedMixin, Base):
    """A date on which a trainer is off (whole day or some hours) or works extra hours."""

    __tablename__ = "availability_exceptions"
    __table_args__ = (
        one_of("kind", [k.value for k in ExceptionKind]),
        Index(None, "trainer_id", "on_date"),
    )

    trainer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_accounts.id"))
    on_date: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))
    # [["HH:MM", "HH:MM"], ...]; empty with off/vacation = the whole day.
    ranges: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
