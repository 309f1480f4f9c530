"""The last-four-digits search answered from one covering index of live members.

`ix_clients_phone_last4` held the digits alone: a first key ("5") matched a tenth of all
members, and each match's row was read for `deleted_at` and `active` before the count and
the name order (about 20 ms on 100,000 members). `ix_clients_live_phone_last4` holds
(phone_last4, active, name, id) of live members, so the count and the page's ids come from
it alone (about 1 ms); see client_search._Keyed.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = "deleted_at IS NULL"


def upgrade() -> None:
    op.drop_index("ix_clients_phone_last4", table_name="clients")
    op.create_index("ix_clients_live_phone_last4", "clients",
                    ["phone_last4", "active", "name", "id", "deleted_at"],
                    sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))


def downgrade() -> None:
    op.drop_index("ix_clients_live_phone_last4", table_name="clients")
    op.create_index("ix_clients_phone_last4", "clients", ["phone_last4"])
