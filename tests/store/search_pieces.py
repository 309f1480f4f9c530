"""What `client_search` must hold, computed in Python (imported by store tests)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from the5hc_desktop.store.models import INITIALS_GRAM, NAME_GRAM, Client, ClientSearchTerm

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

Row = tuple[str, str, str, uuid.UUID, bool]


def pieces(text: str, widths: int) -> set[str]:
    return {text[i:i + w] for w in range(1, widths + 1) for i in range(len(text) - w + 1)}


def expected_rows(name: str, initials: str, client_id: uuid.UUID, active: bool) -> set[Row]:
    """Rows of one live member: pieces of lower(name) (SQLite folds ASCII letters only) and
    the pieces of its initials made only of compatibility jamo ㄱ..ㅎ."""
    by_name = pieces(name.translate(_ASCII_LOWER), NAME_GRAM)
    by_initials = {
        p for p in pieces(initials, INITIALS_GRAM) if all("ㄱ" <= c <= "ㅎ" for c in p)
    }
    return {("n", p, name, client_id, active) for p in by_name} | {
        ("i", p, name, client_id, active) for p in by_initials
    }


def expected_index(source: Session | Connection) -> set[Row]:
    """Rows for every live member now in `clients`."""
    wanted: set[Row] = set()
    live = select(Client.id, Client.name, Client.name_initials, Client.active).where(
        Client.deleted_at.is_(None))
    for client_id, name, initials, active in source.execute(live):
        wanted |= expected_rows(name, initials, client_id, bool(active))
    return wanted


def stored_index(source: Session | Connection) -> set[Row]:
    index = ClientSearchTerm
    rows: Any = source.execute(
        select(index.kind, index.term, index.name, index.client_id, index.active))
    return {(kind, term, name, cid, bool(active)) for kind, term, name, cid, active in rows}
