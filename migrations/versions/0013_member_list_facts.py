"""회원 관리 sorts by last assessment, overall score, sessions left and trainer from an index.

member_list_facts holds each live member's newest assessment (date, overall score),
sessions left and trainer's name, with the name and `active`, kept exact by SQLite triggers
on clients, staff_accounts, assessments, session_packages and credit_ledger
(store/member_list_sql.py, made and filled after the scripts); indexes in both
directions serve the list's ORDER BY (models_member_list.py). Sessions left depend on the
day (expired packages do not count): member_list_day holds the day the figures are for.
Filled for existing rows after the upgrade (a few seconds for 100,000 members). Local to
each desk: not synced. On PostgreSQL (the schema tests) the tables are created without
triggers or rows: the server never lists members.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from the5hc_desktop.store import member_list_sql

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "member_list_facts"
TAIL = ("name", "client_id", "active")
# (sort key, members without a value exist) — as models_member_list._sort_indexes.
KEYS = (("last_assessed_on", True), ("last_overall", True), ("remaining", False),
        ("trainer_name", True))


def upgrade() -> None:
    uuid_type = sa.LargeBinary(length=16) if _sqlite() else sa.Uuid()
    op.create_table(
        TABLE,
        sa.Column("client_id", uuid_type, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("trainer_name", sa.String(length=200), nullable=True),
        sa.Column("last_assessed_on", sa.Date(), nullable=True),
        sa.Column("last_overall", sa.Float(), nullable=True),
        sa.Column("remaining", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_member_list_facts")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "member_list_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_member_list_day")),
        sqlite_with_rowid=False,
    )
    for key, nullable in KEYS:
        last = [sa.text(f"({key} IS NULL)")] if nullable else []
        op.create_index(f"ix_{TABLE}_{key}", TABLE, [*last, key, *TAIL])
        op.create_index(f"ix_{TABLE}_{key}_desc", TABLE, [*last, sa.text(f"{key} DESC"), *TAIL])
    # The rows and the triggers come after the last script (store.migrate.upgrade runs
    # member_list_sql.ensure): a later script rebuilding a table must not meet triggers
    # that name it.


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def downgrade() -> None:
    if _sqlite():
        for statement in member_list_sql.drop_statements():
            op.execute(statement)
    op.drop_table("member_list_day")
    op.drop_table(TABLE)
