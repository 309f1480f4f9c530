"""A large load into empty tables: derived structures suspended, then rebuilt once.

A trigger keeping a summary (store/summaries.py) costs a few index seeks per inserted row,
and every secondary index a random B-tree insert; for hundreds of thousands of rows,
building each index once afterwards (one sort) and back-filling each summary with its
grouped query is several times cheaper. Inside the caller's write transaction:

    with bulk_load.suspended(conn, ("clients", "sessions", ...)):
        ...  # bulk inserts

drops the triggers on those tables that write only summary tables, and the tables'
non-unique indexes (all found in sqlite_master, so summaries and indexes added later are
covered); on exit it recreates the indexes, empties and back-fills the summaries with
their migrations' SQL and recreates the triggers. Only when every named table is empty:
otherwise (or on PostgreSQL) nothing is suspended and the load takes the plain path.

Crash safety: the suspension is recorded in `sync_state` (key `bulk_load`) in the
transaction that drops the objects. In one transaction (imports, the demo) a crash rolls
back the drops, the rows and the marker together (SQLite DDL is transactional). A load
spanning transactions (sync's first download) calls `begin` and `Load.finish` itself; if
the process dies in between, `recover` (run by `Database.open`) sees the marker, recreates
whatever the migrations' schema has and the file lacks, and refills every summary. It
never runs SQL kept in the file: a marker planted in a restored backup must not run code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select

from the5hc_desktop.store import migrate, schema_check
from the5hc_desktop.store.models_sync import SyncState
from the5hc_desktop.store.summaries import BACKFILLS

MARKER = "bulk_load"  # sync_state key while a load is suspended (value: the tables)

# The tables a trigger body writes (the header's "UPDATE OF ... ON" comes before BEGIN;
# an upsert's "DO UPDATE SET" writes its own INSERT's table).
_WRITES = re.compile(
    r"(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|(?<!DO\s)UPDATE(?:\s+OR\s+\w+)?"
    r"|DELETE\s+FROM)\s+[\"`\[]?(\w+)",
    re.IGNORECASE,
)
_BEGIN = re.compile(r"\bBEGIN\b", re.IGNORECASE)


@dataclass(frozen=True)
class Load:
    """What `begin` suspended: index and trigger name -> SQL, and the summaries to refill."""

    tables: tuple[str, ...]
    indexes: dict[str, str]
    triggers: dict[str, str]
    summaries: tuple[str, ...]

    def finish(self, conn: Connection) -> None:
        """Rebuild and refill (in the caller's transaction); safe to repeat."""
        _rebuild(conn, self.indexes, self.triggers, self.summaries)


def begin(conn: Connection, tables: Iterable[str], keep: Iterable[str] = ()) -> Load | None:
    """Suspend the derived structures of `tables` (those the caller is about to fill) in
    the caller's write transaction, if every one is empty; None: the plain path. Indexes
    named in `keep` stay: those the loader itself reads while loading.

    A load spanning transactions commits this with its first batch and calls
    `Load.finish` in its last; should it die in between, the next `Database.open`
    finishes it (`recover`)."""
    tables = tuple(tables)
    kept = frozenset(keep)
    if conn.dialect.name != "sqlite" or pending(conn):
        return None
    if any(conn.exec_driver_sql(f"SELECT 1 FROM {t} LIMIT 1").first() for t in tables):
        return None
    names = ", ".join("?" for _ in tables)
    objects = conn.exec_driver_sql(
        f"SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ({names})"
        " AND sql IS NOT NULL AND type IN ('index', 'trigger')", tables).all()
    triggers, summaries = {}, set()
    for kind, name, sql in objects:
        if kind == "trigger":
            written = summary_writes(sql)
            if written:
                triggers[name] = sql
                summaries |= written
    indexes = {name: sql for kind, name, sql in objects
               if kind == "index" and not _unique(sql) and name not in kept}
    conn.execute(insert(SyncState).values(key=MARKER, value=sorted(tables)))
    for name in triggers:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    for name in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    return Load(tables, indexes, triggers, tuple(sorted(summaries)))


@contextmanager
def suspended(conn: Connection, tables: Iterable[str]) -> Iterator[Load | None]:
    """`begin`, the caller's load, then `Load.finish`, all in the caller's transaction (an
    exception leaves the rollback to the caller)."""
    load = begin(conn, tables)
    yield load
    if load is not None:
        load.finish(conn)


def pending(conn: Connection) -> bool:
    """A suspended load is not finished (its marker is in the file)."""
    found = conn.execute(select(SyncState.key).where(SyncState.key == MARKER)).first()
    return found is not None


def recover(conn: Connection) -> bool:
    """Finish a load that was interrupted (True) from the migrations' schema; else no-op."""
    if conn.dialect.name != "sqlite" or not pending(conn):
        return False
    revision = migrate.current_revision(conn)
    assert revision is not None  # a file with a sync_state table is migrated
    present = set(conn.exec_driver_sql("SELECT type, name FROM sqlite_master").all())
    missing = {key: sql for key, sql in schema_check.reference_sql(revision).items()
               if key not in present and sql is not None}
    indexes = {name: sql for (kind, name), sql in missing.items() if kind == "index"}
    triggers = {name: sql for (kind, name), sql in missing.items() if kind == "trigger"}
    _rebuild(conn, indexes, triggers, tuple(BACKFILLS))
    return True


def summary_writes(trigger_sql: str) -> set[str]:
    """The summary tables a trigger writes; empty when it writes any other table too."""
    body = _BEGIN.split(trigger_sql, maxsplit=1)[-1]
    written = {name.lower() for name in _WRITES.findall(body)}
    return written if written and written <= BACKFILLS.keys() else set()


def _unique(index_sql: str) -> bool:
    return index_sql.lstrip().upper().startswith("CREATE UNIQUE")


def _rebuild(
    conn: Connection, indexes: dict[str, str], triggers: dict[str, str],
    summaries: Iterable[str],
) -> None:
    # Indexes first: the back-fills seek through them.
    present = {name for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    for name, sql in indexes.items():
        if name not in present:
            conn.exec_driver_sql(sql)
    for table in summaries:
        # A summary's own secondary indexes are built once after its back-fill, as the
        # loaded tables' are (member_list_facts: 8 indexes, 5.7 s → 1 s for 100k members).
        own = [(name, sql) for name, sql in conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
            " AND sql IS NOT NULL", (table,)) if not _unique(sql)]
        for name, _sql in own:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
        conn.exec_driver_sql(f"DELETE FROM {table}")
        for statement in BACKFILLS[table]:
            conn.exec_driver_sql(statement)
        for _name, sql in own:
            conn.exec_driver_sql(sql)
    for name, sql in triggers.items():
        if name not in present:
            conn.exec_driver_sql(sql)
    conn.execute(delete(SyncState).where(SyncState.key == MARKER))
