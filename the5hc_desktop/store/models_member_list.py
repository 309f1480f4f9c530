"""member_list_facts: what the 회원 관리 list sorts by, one row per live member.

Local and derived (not synced, never written by services): SQLite triggers from migration
0013 (`store/member_list_sql.py`) keep each live member's newest assessment (date, overall
score), sessions left and trainer's name exact for every writer, with copies of the
member's name and `active`, so the list sorted by one of them is a walk of one index here
(then name, id; members without a value last) instead of an aggregate over every member.
Sessions left count packages not expired on `member_list_day.day`; the list moves that day
to its own before sorting by them (`member_list_sql.day_step`). A migration that rebuilds
`clients`, `staff_accounts`, `assessments`, `session_packages` or `credit_ledger` on SQLite
drops the triggers and must create them again.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, Date, Float, Index, Integer, String, column, desc, text
from sqlalchemy.orm import Mapped, mapped_column

from the5hc_desktop.store.base import Base
from the5hc_desktop.store.types import DbUuid

_TAIL = ("name", "client_id", "active")


def _sort_indexes(key: str, nullable: bool) -> tuple[Index, Index]:
    """Both directions of the list's ORDER BY for `key` (`client_search._Order`): members
    without a value last, then name and id; `active` is read from the index."""
    last = (text(f"({key} IS NULL)"),) if nullable else ()
    return (Index(f"ix_member_list_facts_{key}", *last, key, *_TAIL),
            Index(f"ix_member_list_facts_{key}_desc", *last, desc(column(key)), *_TAIL))


class MemberListFacts(Base):
    __tablename__ = "member_list_facts"
    __table_args__ = (
        *_sort_indexes("last_assessed_on", nullable=True),
        *_sort_indexes("last_overall", nullable=True),
        *_sort_indexes("remaining", nullable=False),
        *_sort_indexes("trainer_name", nullable=True),
        {"sqlite_with_rowid": False},
    )

    client_id: Mapped[uuid.UUID] = mapped_column(DbUuid, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean)
    # coalesce(display name, username) of the member's trainer (None: no trainer row).
    trainer_name: Mapped[str | None] = mapped_column(String(200))
    # The newest live assessment (by date, then creation) and its overall score.
    last_assessed_on: Mapped[date | None] = mapped_column(Date)
    last_overall: Mapped[float | None] = mapped_column(Float)
    # Σ delta of the live ledger rows of the member's live, active packages not expired on
    # member_list_day.day.
    remaining: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))


class MemberListDay(Base):
    """The one day `member_list_facts.remaining` is exact for."""

    __tablename__ = "member_list_day"
    __table_args__ = ({"sqlite_with_rowid": False},)

    day: Mapped[date] = mapped_column(Date, primary_key=True)
