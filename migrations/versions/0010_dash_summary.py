"""Dashboard summaries kept by triggers: sessions per hour, package balances, expiries.

- dash_session_hours: live sessions per UTC hour of starts_at and status;
- dash_package_balances: Σ delta and live row count of each package's ledger;
- dash_package_expiry: live active packages per expiry date (9999-12-31: none).

Each is filled from its base table here and kept by AFTER INSERT/UPDATE/DELETE triggers,
so every writer (ORM, bulk insert, import, the raw upserts of sync) moves the totals.
Local tables: never synced (store/models_dashboard.py). The SQL: store/dash_summary_sql.py.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from the5hc_desktop.store.dash_summary_sql import (
    SUMMARIES,
    TRIGGER_KINDS,
    backfill,
    pg_triggers,
    sqlite_triggers,
)

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.types.TypeEngine[object]:
    """Ids as the store keeps them: 16 raw bytes on SQLite, native uuid on PostgreSQL."""
    return sa.LargeBinary(length=16) if op.get_bind().dialect.name == "sqlite" else sa.Uuid()


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect not in ("sqlite", "postgresql"):  # pragma: no cover - the app supports these
        raise NotImplementedError(f"dashboard summary triggers for {dialect}")
    op.create_table(
        "dash_session_hours",
        # UTCDateTime: integer microseconds on SQLite (store/types.py), timestamptz elsewhere.
        sa.Column("hour", sa.DateTime(timezone=True).with_variant(sa.BigInteger(), "sqlite"),
                  nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("hour", "status", name=op.f("pk_dash_session_hours")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "dash_package_balances",
        sa.Column("package_id", _id(), nullable=False),
        sa.Column("remaining", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("package_id", name=op.f("pk_dash_package_balances")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_dash_package_balances_remaining", "dash_package_balances",
                    ["remaining", "entries"])
    op.create_table(
        "dash_package_expiry",
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("expires_on", name=op.f("pk_dash_package_expiry")),
        sqlite_with_rowid=False,
    )
    for summary in SUMMARIES:
        op.execute(backfill(summary, dialect))
        triggers = sqlite_triggers if dialect == "sqlite" else pg_triggers
        for statement in triggers(summary):
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for summary in reversed(SUMMARIES):
        for kind in TRIGGER_KINDS:
            on = f" ON {summary.base}" if dialect == "postgresql" else ""
            op.execute(f"DROP TRIGGER IF EXISTS {summary.table}_{kind}{on}")
        if dialect == "postgresql":
            op.execute(f"DROP FUNCTION IF EXISTS {summary.table}_sync()")
        op.drop_table(summary.table)
