"""Trainer availability: trainer_hours and availability_exceptions.

Both are synced tables (the columns of store/base.py SyncedMixin after their own).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.types.TypeEngine[object]:
    """Ids as the store keeps them: 16 raw bytes on SQLite, native uuid on PostgreSQL."""
    return sa.LargeBinary(length=16) if op.get_bind().dialect.name == "sqlite" else sa.Uuid()


def _sync_columns() -> list[sa.Column[object]]:
    """Columns every synced table carries after its own (see store/base.py SyncedMixin)."""
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_device", sa.String(length=36), nullable=False),
        sa.Column("change_stamp", sa.BigInteger(), nullable=False),
        sa.Column("hlc", sa.String(length=28), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("legacy_id", sa.Integer(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "trainer_hours",
        sa.Column("id", _id(), nullable=False),
        sa.Column("trainer_id", _id(), nullable=False),
        sa.Column("weekly", sa.JSON(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["trainer_id"], ["staff_accounts.id"],
            name=op.f("fk_trainer_hours_trainer_id_staff_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainer_hours")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_trainer_hours_legacy_id")),
    )
    op.create_index(op.f("ix_trainer_hours_change_stamp"), "trainer_hours", ["change_stamp"])
    op.create_index(op.f("ix_trainer_hours_trainer_id"), "trainer_hours", ["trainer_id"])

    op.create_table(
        "availability_exceptions",
        sa.Column("id", _id(), nullable=False),
        sa.Column("trainer_id", _id(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("ranges", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        *_sync_columns(),
        sa.CheckConstraint("kind IN ('off', 'vacation', 'extra')",
                           name=op.f("ck_availability_exceptions_kind")),
        sa.ForeignKeyConstraint(
            ["trainer_id"], ["staff_accounts.id"],
            name=op.f("fk_availability_exceptions_trainer_id_staff_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_availability_exceptions")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_availability_exceptions_legacy_id")),
    )
    op.create_index(op.f("ix_availability_exceptions_change_stamp"),
                    "availability_exceptions", ["change_stamp"])
    op.create_index(op.f("ix_availability_exceptions_trainer_id_on_date"),
                    "availability_exceptions", ["trainer_id", "on_date"])


def downgrade() -> None:
    op.drop_table("availability_exceptions")
    op.drop_table("trainer_hours")
