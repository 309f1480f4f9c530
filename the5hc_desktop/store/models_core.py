"""The gym, its staff, members, settings, devices and the audit log."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from the5hc_desktop.store.base import Base, SyncedMixin, one_of
from the5hc_desktop.store.types import UTCDateTime, new_id, utcnow

ROLES = ("owner", "senior", "trainer", "assistant")
GENDERS = ("male", "female")


class Organization(SyncedMixin, Base):
    """The gym. A desktop database normally holds exactly one."""

    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(50), default="Asia/Seoul")


class StaffAccount(SyncedMixin, Base):
    """A person who signs in: owner, senior trainer, trainer or front desk (assistant)."""

    __tablename__ = "staff_accounts"
    __table_args__ = (one_of("role", ROLES),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id"), index=True)
    username: Mapped[str] = mapped_column(String(150), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(10), default="trainer")
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organization: Mapped[Organization] = relationship()


class Client(SyncedMixin, Base):
    """A gym member (회원).

    `name_initials` (초성) and `phone_last4` are search keys computed by the services with
    `domain.hangul`, stored so a search is an indexed lookup. `age_years` is the legacy age
    snapshot taken on `age_recorded_on`; with `birth_date` the age is computed instead.
    """

    __tablename__ = "clients"
    __table_args__ = (one_of("gender", GENDERS),)

    name: Mapped[str] = mapped_column(String(200), index=True)
    name_initials: Mapped[str] = mapped_column(String(200), default="", index=True)
    gender: Mapped[str] = mapped_column(String(6))
    birth_date: Mapped[date | None] = mapped_column(Date)
    age_years: Mapped[int | None] = mapped_column(Integer)
    age_recorded_on: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(20), index=True)  # digits only
    phone_last4: Mapped[str | None] = mapped_column(String(4), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    height_cm: Mapped[float | None] = mapped_column(Float)
    weight_kg: Mapped[float | None] = mapped_column(Float)
    goals: Mapped[str | None] = mapped_column(Text)
    medical_notes: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    trainer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("staff_accounts.id"), index=True
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    trainer: Mapped[StaffAccount | None] = relationship()


class Setting(SyncedMixin, Base):
    """One gym-wide setting (VAT rate, card fee rate, no-show policy, ...) as JSON."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), unique=True)
    value: Mapped[Any] = mapped_column(JSON)


class AuditLogEntry(SyncedMixin, Base):
    """Who did what to which row. Append-only; never updated or deleted."""

    __tablename__ = "audit_log"
    __table_args__ = (Index(None, "entity", "entity_id"),)

    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    action: Mapped[str] = mapped_column(String(50), index=True)
    entity: Mapped[str | None] = mapped_column(String(50))
    entity_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class Device(Base):
    """A machine that writes rows; its counter makes each row's `change_stamp`.

    Local bookkeeping, not a synced table: `is_local` marks this installation's own device.
    """

    __tablename__ = "devices"
    __table_args__ = (CheckConstraint("change_counter >= 0", name="change_counter"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    change_counter: Mapped[int] = mapped_column(BigInteger, default=0)
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
