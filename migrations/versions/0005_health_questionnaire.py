"""Health screening and lifestyle questionnaire: health_screenings and assessment_health.

Both are synced tables (the columns of store/base.py SyncedMixin after their own).

Revision ID: 0005
Revises: 0004
Create Date: 2025-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
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
        "health_screenings",
        sa.Column("id", _id(), nullable=False),
        sa.Column("client_id", _id(), nullable=False),
        sa.Column("screened_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", _id(), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("clearance_advised", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"],
            name=op.f("fk_health_screenings_client_id_clients"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["staff_accounts.id"],
            name=op.f("fk_health_screenings_recorded_by_staff_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_health_screenings")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_health_screenings_legacy_id")),
    )
    op.create_index(op.f("ix_health_screenings_change_stamp"), "health_screenings",
                    ["change_stamp"])
    op.create_index(op.f("ix_health_screenings_client_id_screened_on"), "health_screenings",
                    ["client_id", "screened_on"])

    op.create_table(
        "assessment_health",
        sa.Column("id", _id(), nullable=False),
        sa.Column("assessment_id", _id(), nullable=False),
        sa.Column("client_id", _id(), nullable=False),
        sa.Column("screening_id", _id(), nullable=True),
        sa.Column("proceed_reason", sa.Text(), nullable=True),
        sa.Column("proceed_by", _id(), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=True),
        sa.Column("questionnaire_version", sa.String(length=20), nullable=True),
        sa.Column("category_scores", sa.JSON(), nullable=True),
        sa.Column("comprehensive", sa.Float(), nullable=True),
        sa.Column("questionnaire_risk", sa.Float(), nullable=True),
        sa.Column("blended_risk", sa.Float(), nullable=True),
        sa.Column("risk_answers", sa.JSON(), nullable=False),
        sa.Column("scoring_version", sa.String(length=20), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"],
            name=op.f("fk_assessment_health_assessment_id_assessments"),
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"],
            name=op.f("fk_assessment_health_client_id_clients"),
        ),
        sa.ForeignKeyConstraint(
            ["screening_id"], ["health_screenings.id"],
            name=op.f("fk_assessment_health_screening_id_health_screenings"),
        ),
        sa.ForeignKeyConstraint(
            ["proceed_by"], ["staff_accounts.id"],
            name=op.f("fk_assessment_health_proceed_by_staff_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_health")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_assessment_health_legacy_id")),
    )
    op.create_index(op.f("ix_assessment_health_change_stamp"), "assessment_health",
                    ["change_stamp"])
    op.create_index(op.f("ix_assessment_health_assessment_id"), "assessment_health",
                    ["assessment_id"])
    op.create_index(op.f("ix_assessment_health_client_id"), "assessment_health", ["client_id"])


def downgrade() -> None:
    op.drop_table("assessment_health")
    op.drop_table("health_screenings")
