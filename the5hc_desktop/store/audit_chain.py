"""Tamper evidence: a per-device hash chain over audit-log and payment rows.

Every audit or payment row a device writes gets `chain_device` (the writing device),
`chain_seq` (1, 2, 3 ... per device, across both tables, with no gaps) and `chain_hash` =
sha256(previous hash of that device + the row's content). The write seam stamps them in
the same transaction as the row (BEGIN IMMEDIATE: one writer at a time, so the sequence
cannot fork). Rows that arrive by sync keep their own device's chain values, so each
device's chain is verified on its own (`verify`, run by `the5hc check`): an edited row
breaks its hash, a deleted one leaves a gap in the sequence.

The content hashed is every column except the sync bookkeeping that the write seam
rewrites (`updated_at`, `updated_by_device`, `change_stamp`, `hlc`, `created_at`) and the
hash itself, in a canonical text form that survives the trip through the sync server
(UUIDs as hex, times in UTC, Decimals normalised, JSON with sorted keys).

Rows written before the chain existed (migration 0006) carry no chain and are counted,
not judged. The newest rows of a device can be cut off without a trace in the file alone;
the server keeps its own copy of every pushed row.
"""

from __future__ import annotations

import functools
import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, TextClause, select, text
from sqlalchemy.orm import Session

GENESIS = "0" * 64
SKIPPED = frozenset({"updated_at", "updated_by_device", "change_stamp", "hlc", "created_at",
                     "chain_hash"})


def chained_tables() -> tuple[Table, ...]:
    from the5hc_desktop.store.models import AuditLogEntry, Payment

    return (AuditLogEntry.__table__, Payment.__table__)  # type: ignore[return-value]


def _canonical(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return str(value)


def row_digest(table: str, values: Mapping[str, Any]) -> str:
    content = {k: _canonical(v) for k, v in values.items() if k not in SKIPPED}
    text = json.dumps([table, content], sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def link(previous: str, table: str, values: Mapping[str, Any]) -> str:
    return hashlib.sha256((previous + row_digest(table, values)).encode("ascii")).hexdigest()


@functools.cache
def _last_statement() -> TextClause:
    """The device's newest chained row in any chained table: one statement, built once (the
    write seam runs it on every flush that adds an audit or payment row), each branch a
    seek at the end of the table's (chain_device, chain_seq) index."""
    branches = " UNION ALL ".join(
        f"SELECT * FROM (SELECT chain_seq, chain_hash FROM {table.name}"
        " WHERE chain_device = :device AND chain_seq IS NOT NULL"
        f" ORDER BY chain_seq DESC LIMIT 1) AS newest_{n}"
        for n, table in enumerate(chained_tables()))
    return text(f"SELECT chain_seq, chain_hash FROM ({branches}) AS newest"
                " ORDER BY chain_seq DESC LIMIT 1")


def _last(conn: Connection, device: str) -> tuple[int, str]:
    row = conn.execute(_last_statement(), {"device": device}).first()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def chain_new_rows(session: Session, objects: Iterable[Any], device: str) -> None:
    """Give the new audit/payment objects of a flush their chain columns (write seam)."""
    tables = {t.name: t for t in chained_tables()}
    new = [o for o in objects if getattr(o, "__tablename__", None) in tables
           and getattr(o, "chain_seq", None) is None]
    if not new:
        return
    seq, previous = _last(session.connection(), device)
    for obj in new:
        table = tables[obj.__tablename__]
        fill_defaults(obj, table)
        seq += 1
        obj.chain_device = device
        obj.chain_seq = seq
        values = {c.key: getattr(obj, c.key) for c in table.columns}
        previous = obj.chain_hash = link(previous, table.name, values)


def fill_defaults(obj: Any, table: Table) -> None:
    """Column defaults applied now, so the hash covers what the INSERT will write."""
    for column, default in _defaults_of(table):
        if getattr(obj, column.key, None) is not None:
            continue
        if getattr(default, "is_callable", False):
            setattr(obj, column.key, default.arg(None))
        elif getattr(default, "is_scalar", False):
            setattr(obj, column.key, default.arg)


@functools.cache
def _defaults_of(table: Table) -> tuple[tuple[Any, Any], ...]:
    # The few columns that have a default (each save fills them on every new row).
    return tuple((column, column.default) for column in table.columns
                 if column.default is not None)


def verify(conn: Connection) -> tuple[list[str], int]:
    """(problems, rows without a chain). Problems name the device, table and row."""
    rows: dict[str, list[tuple[int, str, dict[str, Any]]]] = defaultdict(list)
    unchained = 0
    for table in chained_tables():
        for row in conn.execute(select(table)).mappings():
            if row["chain_device"] is None:
                unchained += 1
                continue
            rows[row["chain_device"]].append((int(row["chain_seq"] or 0), table.name,
                                              dict(row)))
    problems: list[str] = []
    for device, chain in sorted(rows.items()):
        chain.sort(key=lambda item: item[0])
        previous: str | None = GENESIS
        expected = 1
        for seq, name, values in chain:
            if seq != expected:
                previous = None  # the link into this row is gone with the missing rows
                problems.append(f"device {device}: rows {expected}..{seq - 1} missing "
                                f"(deleted?) before {name} {values['id']}"
                                if seq > expected else
                                f"device {device}: sequence {seq} repeated ({name})")
                expected = seq
            if previous is not None and link(previous, name, values) != values["chain_hash"]:
                problems.append(f"device {device}: {name} row {values['id']} (#{seq}) "
                                "was changed after it was written")
            previous = str(values["chain_hash"])
            expected += 1
    return problems, unchained
