"""Audit hash chain: chain_device, chain_seq, chain_hash on audit_log and payments.

Per-device hash chain over audit and payment rows (store/audit_chain.py). Nullable:
rows written before this revision carry no chain.

Revision ID: 0008
Revises: 0007
Create Date: 2025-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("audit_log", "payments")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("chain_device", sa.String(length=36), nullable=True))
        op.add_column(table, sa.Column("chain_seq", sa.BigInteger(), nullable=True))
        op.add_column(table, sa.Column("chain_hash", sa.String(length=64), nullable=True))
        op.create_index(f"ix_{table}_chain", table, ["chain_device", "chain_seq"])


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_chain", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("chain_hash")
            batch.drop_column("chain_seq")
            batch.drop_column("chain_device")
