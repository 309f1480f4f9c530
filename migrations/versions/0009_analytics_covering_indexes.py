"""Covering indexes of live rows for the 분석 pane's one-pass aggregates.

A year of a 100,000-member gym is read from these indexes alone (range scans and per-member
seeks, services/analytics_queries.py) instead of fetching table rows. Local to each desk:
the server schema is unchanged (indexes are not synced).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = "deleted_at IS NULL"

# (name, table, columns) — the same as the models' `live_index` calls.
INDEXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("ix_sessions_live_analytics", "sessions",
     ("starts_at", "status", "trainer_id", "client_id")),
    ("ix_sessions_live_trainer_status", "sessions", ("trainer_id", "status", "starts_at")),
    ("ix_sessions_live_client_status", "sessions", ("client_id", "status", "starts_at")),
    ("ix_payments_live_revenue", "payments",
     ("paid_on", "package_id", "reverses_payment_id", "gross", "net")),
    ("ix_payments_live_package_paid", "payments",
     ("package_id", "reverses_payment_id", "paid_on")),
    ("ix_assessments_live_analytics", "assessments",
     ("assessed_on", "client_id", "trainer_id", "score_overall", "created_at")),
    ("ix_clients_live_created_trainer", "clients", ("created_at", "trainer_id")),
)


# A payment's package trainer and price, read from the index alone (all rows: a refund of
# a since-deleted package still counts as revenue).
PACKAGE_INDEX = ("ix_session_packages_id_trainer", "session_packages",
                 ("id", "trainer_id", "gross", "deleted_at"))


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, [*columns, "deleted_at"],
                        sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))
    name, table, columns = PACKAGE_INDEX
    op.create_index(name, table, list(columns))


def downgrade() -> None:
    op.drop_index(PACKAGE_INDEX[0], table_name=PACKAGE_INDEX[1])
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
