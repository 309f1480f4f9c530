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
    ColumnElement,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from the5hc_desktop.domain.choices import GENDERS, ROLES
from the5hc_desktop.store.base import (
    Base,
    ChainedMixin,
    SyncedMixin,
    live_index,
    one_of,
    partial_index,
)
from the5hc_desktop.store.types import DbUuid, UTCDateTime, new_id, utcnow


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
    # Unique among accounts, checked by the account service, not by the database: the same
    # username made on two offline desks must merge as a conflict the owner resolves, not
    # fail the sync with an IntegrityError.
    username: Mapped[str] = mapped_column(String(150))
    email: Mapped[str | None] = mapped_column(String(254))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(10), default="trainer")
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    organization: Mapped[Organization] = relationship()


class StaffSignInState(Base):
    """This device's sign-in bookkeeping of one account: failures, lock and last sign-in.

    Local, not synced (SYNC.md §4): a lock on the front desk must not lock the owner's
    laptop, and counting failures must not make a synced change on every attempt.
    """

    __tablename__ = "staff_sign_in_state"

    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_accounts.id"), primary_key=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Client(SyncedMixin, Base):
    """A gym member (회원).

    `name_initials` (초성) and `phone_last4` are search keys computed by the services with
    `domain.hangul`, stored so a search is an indexed lookup. `age_years` is the legacy age
    snapshot taken on `age_recorded_on`; with `birth_date` the age is computed instead.
    """

    __tablename__ = "clients"
    # Each index below names the query that uses it (EXPLAIN QUERY PLAN of the services'
    # queries, migration 0003; checked again on the 100k busy set with 0009); the unused
    # ones (name, trainer_id) were dropped. Besides these: the primary key, the unique
    # legacy_id index over rows that have one (idempotent legacy import) and
    # change_stamp (the sync outbox: rows above the pushed stamp, SYNC.md §3; also the
    # narrowest index for count(*)).
    __table_args__ = (
        one_of("gender", GENDERS),
        # The member list of live members by name (all, or one trainer's; the active filter
        # is read from the index) and the dashboard's new-this-month count. Covering, and
        # with no low-cardinality leading column: SQLite without ANALYZE statistics would
        # prefer such an index to the phone indexes.
        # Used by: the duplicate-name check (clients.py, name = ?) and the member list.
        live_index("ix_clients_live_name", "name", "id", "active"),
        # Used by: the member list of one trainer and the list page scans (client_search.py).
        live_index("ix_clients_live_trainer_name", "trainer_id", "name", "id", "active"),
        # Used by: 분석's new members per trainer (migration 0009) and the dashboard's new
        # members of a month (created_at range; created_at alone was dropped in 0014).
        live_index("ix_clients_live_created_trainer", "created_at", "trainer_id"),
        # Used by: the search by the last four digits (equal, or a prefix range: the first
        # key typed matches a tenth of all members): the count and the name-ordered page's
        # ids are read from it without a row of the table (client_search._Keyed).
        live_index("ix_clients_live_phone_last4", "phone_last4", "active", "name", "id"),
        # Counting active members: the narrowest index of exactly those rows. Only queries
        # naming all of `active_count_terms()` can use it (change_stamp IS NOT NULL is always
        # true), so it never stands in for the name index in a query that needs names.
        partial_index(
            "ix_clients_live_active_count", "change_stamp", "active", "deleted_at",
            sqlite_where="deleted_at IS NULL AND active IS 1 AND change_stamp IS NOT NULL",
            postgresql_where="deleted_at IS NULL AND active IS true AND change_stamp IS NOT NULL"),
        # Tombstones only (few): the list counts live members as all rows minus these.
        partial_index("ix_clients_deleted_at", "deleted_at",
                      sqlite_where="deleted_at IS NOT NULL"),
    )

    name: Mapped[str] = mapped_column(String(200))
    # Index used by: the 초성 search's scan of initials longer than the indexed pieces
    # (client_search.py, covering scan instead of the table).
    name_initials: Mapped[str] = mapped_column(String(200), default="", index=True)
    gender: Mapped[str] = mapped_column(String(6))
    birth_date: Mapped[date | None] = mapped_column(Date)
    age_years: Mapped[int | None] = mapped_column(Integer)
    age_recorded_on: Mapped[date | None] = mapped_column(Date)
    # Digits only. Index used by: the duplicate-phone check and whole-number phone search.
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    # Searched through ix_clients_live_phone_last4 (above).
    phone_last4: Mapped[str | None] = mapped_column(String(4))
    email: Mapped[str | None] = mapped_column(String(254))
    height_cm: Mapped[float | None] = mapped_column(Float)
    weight_kg: Mapped[float | None] = mapped_column(Float)
    goals: Mapped[str | None] = mapped_column(Text)
    medical_notes: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    trainer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_accounts.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    trainer: Mapped[StaffAccount | None] = relationship()


def active_count_terms() -> tuple[ColumnElement[bool], ...]:
    """WHERE terms that count live, active members from ix_clients_live_active_count."""
    return (Client.deleted_at.is_(None), Client.active.is_(True),
            Client.change_stamp.is_not(None))


# Lengths of the pieces `client_search` holds (migration 0002 builds the same in SQL).
NAME_GRAM = 2
INITIALS_GRAM = 3


class ClientSearchTerm(Base):
    """Search index of live members: one row per distinct short piece of a member's name.

    kind "n": every 1–2 character piece of lower(name); kind "i": every 1–3 character piece
    of `name_initials` made only of 초성. A row carries the member's name and active flag,
    so one primary-key range answers a search's count and its name-ordered page. Longer
    queries look up their first piece and check the whole text on those rows.

    Local and derived (not synced, never written by services): database triggers from
    migration 0002 keep it in step with `clients` for every writer (ORM, bulk insert,
    import, sync). A migration that rebuilds `clients` on SQLite drops those triggers and
    must re-create them (tests/store check that they exist at head).
    """

    __tablename__ = "client_search"
    __table_args__ = ({"sqlite_with_rowid": False},)  # the primary key is the index

    kind: Mapped[str] = mapped_column(String(1), primary_key=True)
    term: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    client_id: Mapped[uuid.UUID] = mapped_column(DbUuid, primary_key=True)
    active: Mapped[bool] = mapped_column(Boolean)


# Settings ids are uuid5(SETTINGS_NAMESPACE, key): the same key written on two devices is
# the same row, so sync merges it by last writer instead of making a duplicate.
SETTINGS_NAMESPACE = uuid.UUID("6f1c9e2a-5b7d-4e0f-9a3c-2d8b4e6f1a07")


def setting_id(key: str) -> uuid.UUID:
    return uuid.uuid5(SETTINGS_NAMESPACE, key)


class Setting(SyncedMixin, Base):
    """One gym-wide setting (VAT rate, card fee rate, no-show policy, ...) as JSON.

    Its id is derived from `key` (`setting_id`). Settings of one machine (its backup
    folder, its language) are `LocalSetting` rows instead.
    """

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), unique=True)
    value: Mapped[Any] = mapped_column(JSON)

    @classmethod
    def derived_id(cls, values: dict[str, Any]) -> uuid.UUID | None:
        key = values.get("key")
        return setting_id(key) if isinstance(key, str) else None


class LocalSetting(Base):
    """A setting of this machine only (backup folder, language); never synced."""

    __tablename__ = "local_settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class AuditLogEntry(SyncedMixin, ChainedMixin, Base):
    """Who did what to which row. Append-only; never updated or deleted; hash-chained."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index(None, "entity", "entity_id"),
        Index("ix_audit_log_chain", "chain_device", "chain_seq"),
    )

    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    action: Mapped[str] = mapped_column(String(50), index=True)
    entity: Mapped[str | None] = mapped_column(String(50))
    entity_id: Mapped[uuid.UUID | None] = mapped_column(DbUuid)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class Device(Base):
    """A machine that writes rows; its counter makes each row's `change_stamp`.

    Local bookkeeping, not a synced table: `is_local` marks this installation's own device.
    """

    __tablename__ = "devices"
    __table_args__ = (CheckConstraint("change_counter >= 0", name="change_counter"),)

    id: Mapped[uuid.UUID] = mapped_column(DbUuid, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    change_counter: Mapped[int] = mapped_column(BigInteger, default=0)
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DeviceNumber(Base):
    """The number a device's id is stored as in this file's rows (`updated_by_device`).

    Local to the file and never reused (store/device_refs.py, which reads and writes the
    table with plain SQL: `types` cannot import the models).
    """

    __tablename__ = "device_refs"

    ref: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(DbUuid, unique=True)
