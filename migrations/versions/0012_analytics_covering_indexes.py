"""분석: covering indexes of live rows, and member_activity kept by triggers.

A year of a 100,000-member gym is read from these indexes alone (range scans,
services/analytics_queries.py) instead of fetching table rows. member_activity holds each
member's credit balance and first / latest completed and used sessions, kept exact by
SQLite triggers on sessions and credit_ledger (store/analytics_sql.py), so lapsed
members and the retention cohort are a range of one small index; package_sales holds each
package's trainer, price and sale day (first payment that is not a refund), kept by
triggers on session_packages and payments, for packages sold. Built here for existing
rows (a few seconds for 100,000 members). Local to each desk: the server schema is
unchanged (neither indexes nor these tables are synced). On PostgreSQL (the schema
tests) the table is created without triggers: the desk's store is SQLite.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from the5hc_desktop.store import analytics_sql

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = "deleted_at IS NULL"

# (name, table, columns) — the same as the models' `live_index` calls.
INDEXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("ix_sessions_live_analytics", "sessions",
     ("starts_at", "status", "trainer_id", "client_id")),
    ("ix_sessions_live_trainer_status", "sessions", ("trainer_id", "status", "starts_at")),
    ("ix_sessions_live_client_status", "sessions",
     ("client_id", "status", "starts_at", "trainer_id")),
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
    uuid_type = sa.LargeBinary(length=16) if _sqlite() else sa.Uuid()
    # UTCDateTime: whole microseconds on SQLite (store/types.py), timestamptz elsewhere.
    instant = sa.BigInteger() if _sqlite() else sa.DateTime(timezone=True)
    op.create_table(
        "member_activity",
        sa.Column("client_id", uuid_type, nullable=False),
        sa.Column("balance", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("first_done_at", instant, nullable=True),
        sa.Column("first_done_trainer", uuid_type, nullable=True),
        sa.Column("first_done_s", sa.BigInteger(), nullable=True),
        sa.Column("done_span_s", sa.BigInteger(), nullable=True),
        sa.Column("last_used_at", instant, nullable=True),
        sa.Column("last_used_trainer", uuid_type, nullable=True),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_member_activity")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_member_activity_first_done", "member_activity",
                    ["first_done_at", "first_done_trainer", "done_span_s", "first_done_s"],
                    sqlite_where=sa.text("first_done_at IS NOT NULL"),
                    postgresql_where=sa.text("first_done_at IS NOT NULL"))
    op.create_index("ix_member_activity_used_up", "member_activity",
                    ["last_used_at", "last_used_trainer", "balance"],
                    sqlite_where=sa.text("balance <= 0"),
                    postgresql_where=sa.text("balance <= 0"))
    op.create_table(
        "package_sales",
        sa.Column("package_id", uuid_type, nullable=False),
        sa.Column("trainer_id", uuid_type, nullable=False),
        sa.Column("gross", sa.BigInteger(), nullable=False),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.Column("first_paid_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("package_id", name=op.f("pk_package_sales")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_package_sales_sold", "package_sales",
                    ["first_paid_on", "trainer_id", "gross", "live"],
                    sqlite_where=sa.text("live = 1 AND first_paid_on IS NOT NULL"),
                    postgresql_where=sa.text("live AND first_paid_on IS NOT NULL"))
    if _sqlite():
        # Statuses are still text at this revision (0014 codes them).
        op.execute(analytics_sql.backfill(coded=False))
        op.execute(analytics_sql.PACKAGES_BACKFILL)
        for statement in analytics_sql.create_statements(coded=False):
            op.execute(statement)


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def downgrade() -> None:
    if _sqlite():
        for statement in analytics_sql.drop_statements():
            op.execute(statement)
    op.drop_table("package_sales")
    op.drop_table("member_activity")
    op.drop_index(PACKAGE_INDEX[0], table_name=PACKAGE_INDEX[1])
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
