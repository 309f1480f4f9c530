"""This device's sync bookkeeping (local tables, never synced).

- `sync_state`: key -> JSON (server address, bound gym, pushed mark, pull cursor, the push
  in flight, last round).
- `sync_conflicts`: the conflict log, as pulled from the server and as lost here.
- `sync_base`: the server version's clock value of rows edited here since they were last
  in step with the server.

Revision ID: 0004
Revises: 0003
Create Date: 2025-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.types.TypeEngine[object]:
    """Ids as the store keeps them: 16 raw bytes on SQLite, native uuid on PostgreSQL."""
    return sa.LargeBinary(length=16) if op.get_bind().dialect.name == "sqlite" else sa.Uuid()


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(50), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", _id(), nullable=False),
        sa.Column("entity", sa.String(50), nullable=False),
        sa.Column("row_id", _id(), nullable=False),
        sa.Column("reason", sa.String(50), nullable=False),
        sa.Column("winner", sa.JSON(), nullable=True),
        sa.Column("loser", sa.JSON(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    op.create_index(op.f("ix_sync_conflicts_row_id"), "sync_conflicts", ["row_id"])
    op.create_index(op.f("ix_sync_conflicts_at"), "sync_conflicts", ["at"])
    op.create_table(
        "sync_base",
        sa.Column("row_id", _id(), nullable=False),
        sa.Column("hlc", sa.String(28), nullable=False),
        sa.PrimaryKeyConstraint("row_id", name=op.f("pk_sync_base")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("sync_base")
    op.drop_index(op.f("ix_sync_conflicts_at"), "sync_conflicts")
    op.drop_index(op.f("ix_sync_conflicts_row_id"), "sync_conflicts")
    op.drop_table("sync_conflicts")
    op.drop_table("sync_state")
