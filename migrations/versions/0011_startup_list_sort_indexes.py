"""Member list sorts served by indexes: gender, phone and age, both directions (SQLite).

The indexes and why they are expression indexes: store/list_sort_indexes.py.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from the5hc_desktop.store import list_sort_indexes

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    list_sort_indexes.ensure(op.get_bind())


def downgrade() -> None:
    list_sort_indexes.drop(op.get_bind())
