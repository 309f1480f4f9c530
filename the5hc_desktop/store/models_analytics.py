"""member_activity: one row per member with what 분석 asks of their whole history.

Local and derived (not synced, never written by services): SQLite triggers from migration
0009 (`store/member_activity_sql.py`) keep it exact for every writer — ORM, bulk insert,
import and rows applied by sync — by recomputing a member's row from their live sessions
and credit ledger whenever one of those rows is written. A migration that rebuilds
`sessions` or `credit_ledger` on SQLite drops the triggers and must create them again.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, text
from sqlalchemy.orm import Mapped, mapped_column

from the5hc_desktop.store.base import Base
from the5hc_desktop.store.types import DbUuid, UTCDateTime


class MemberActivity(Base):
    __tablename__ = "member_activity"
    __table_args__ = (
        # Used by: the retention cohort (first completed session in a range).
        Index("ix_member_activity_first_done", "first_done_at", "first_done_trainer",
              "done_span_s", "first_done_s",
              sqlite_where=text("first_done_at IS NOT NULL"),
              postgresql_where=text("first_done_at IS NOT NULL")),
        # Used by: lapsed members (credits used up, latest used session in a range).
        Index("ix_member_activity_used_up", "last_used_at", "last_used_trainer", "balance",
              sqlite_where=text("balance <= 0"), postgresql_where=text("balance <= 0")),
        {"sqlite_with_rowid": False},
    )

    client_id: Mapped[uuid.UUID] = mapped_column(DbUuid, primary_key=True)
    # Σ delta of the member's live credit ledger rows.
    balance: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # The earliest live completed session (ties: the lowest trainer id) and its trainer.
    first_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_done_trainer: Mapped[uuid.UUID | None] = mapped_column(DbUuid)
    # Unix seconds of first_done_at, and whole seconds from it to the latest completed one.
    first_done_s: Mapped[int | None] = mapped_column(BigInteger)
    done_span_s: Mapped[int | None] = mapped_column(BigInteger)
    # The latest live completed or no-show session (ties: the highest trainer id).
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_trainer: Mapped[uuid.UUID | None] = mapped_column(DbUuid)
