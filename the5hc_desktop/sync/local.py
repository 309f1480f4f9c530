"""The device side of sync on the local SQLite store: what to push, how to apply a pull.

- Outbox: rows whose `change_stamp` is above the pushed mark, oldest first. The mark moves
  only after the server's ack, in one local transaction.
- Apply: a pulled page and the cursor are written in one transaction, on a connection
  with foreign keys off (a page may hold a session before the member row it points at;
  the server's union is whole once the pull ends, and the check below says so). Rows
  written here get change stamp 0: they are in step with the server and never pushed back
  unless edited here afterwards.
- A pulled version older than a pending local change of the same row is not applied (the
  local one is pushed and wins or loses on the server); a newer one replaces it, and the
  local version is kept in the conflict log.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, event, func, insert, literal, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import RootTransaction

from the5hc_desktop.store import bulk_load
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.engine import create_sqlite_engine, write_engine
from the5hc_desktop.store.models import SYNCED_MODELS, CreditLedgerEntry
from the5hc_desktop.store.models_sync import SyncBase, SyncConflict, SyncState
from the5hc_desktop.store.types import utcnow
from the5hc_desktop.sync.codec import TableCodec
from the5hc_desktop.sync.storage import StorageBinder

log = logging.getLogger("the5hc.sync")

CONFLICT_ENTITY = "sync_conflicts"
# sync_state keys
SERVER = "server"  # {"host", "port", "database", "device", "role", "sslmode", "ca_file"}
GYM = "gym"  # {"id", "name"} once bound by the first round
PUSHED = "pushed_stamp"  # highest change_stamp the server acknowledged
CURSOR = "cursor"  # highest server_seq applied here
IN_FLIGHT = "push_in_flight"  # {"op": uuid, "upto": stamp}: resent after a crash
LAST_ROUND = "last_round"  # {"at", "pushed", "pulled", "conflicts"}
PULL_CACHE_KIB = 256 * 1024  # page cache of the pull connection (a 100k gym is ~1 GB)
PULL_CHECKPOINT_PAGES = 16384  # WAL pages (64 MiB) between checkpoints of pulled pages
PULLED_LOCALS = {"change_stamp": 0}  # a pulled row is in step with the server


@dataclass(frozen=True)
class OutRow:
    entity: str
    id: str
    hlc: str
    base_hlc: str | None
    deleted: bool
    data: dict[str, Any]
    stamp: int

    def wire(self) -> dict[str, Any]:
        return {"entity": self.entity, "id": self.id, "hlc": self.hlc,
                "base_hlc": self.base_hlc, "deleted": self.deleted, "data": self.data}


@dataclass(frozen=True)
class PreparedPage:
    """A pulled page grouped by entity, with each group's rows bound for storage."""

    by_entity: dict[str, list[Mapping[str, Any]]]
    bound: dict[str, list[tuple[Any, ...]]]


@dataclass(frozen=True)
class Applied:
    rows: int
    kept_local: int
    conflicts: int


CODECS: dict[str, TableCodec] = {
    m.__table__.name: TableCodec(m.__table__)  # type: ignore[attr-defined]  # declarative
    for m in SYNCED_MODELS
}
# Each synced table's index of change stamps: how the apply learns what is pending here.
STAMP_INDEXES = frozenset(
    index.name for codec in CODECS.values() for index in codec.table.indexes
    if index.name and [c.name for c in index.columns] == ["change_stamp"]
)


class LocalReplica:
    """One device's local store, as sync reads and writes it."""

    def __init__(self, database: Database) -> None:
        if database.path is None:
            raise ValueError("sync runs on a local SQLite file")
        self.db = database
        self._apply_engine = write_engine(create_sqlite_engine(database.path, foreign_keys=False))
        self._pull_engine = write_engine(_pull_engine(database.path))
        self._binders: dict[str, StorageBinder] = {}

    def close(self) -> None:
        self._apply_engine.dispose()
        self._pull_engine.dispose()

    def _binder(self, entity: str) -> StorageBinder:
        binder = self._binders.get(entity)
        if binder is None:
            binder = StorageBinder(CODECS[entity], self._pull_engine.dialect)
            self._binders[entity] = binder
        return binder

    # --- state -----------------------------------------------------------------------

    def state(self, key: str, default: Any = None) -> Any:
        with self.db.read() as s:
            value = s.scalar(select(SyncState.value).where(SyncState.key == key))
        return default if value is None else value

    def set_state(self, values: Mapping[str, Any], conn: Connection | None = None) -> None:
        """Write sync_state keys (a None value removes the key), in `conn` or on its own."""
        with self._connection(conn) as c:
            for key, value in values.items():
                c.execute(delete(SyncState).where(SyncState.key == key))
                if value is not None:
                    c.execute(insert(SyncState).values(key=key, value=value))

    @contextmanager
    def _connection(self, conn: Connection | None) -> Iterator[Connection]:
        if conn is not None:
            yield conn
            return
        with self._apply_engine.begin() as own:
            yield own

    # --- outbox ----------------------------------------------------------------------

    def pushed_mark(self) -> int:
        return int(self.state(PUSHED, 0))

    def track_bases(self) -> None:
        """Make the write seam record the server's clock of a pulled row edited here.

        The mark is loaded when the file opens, but only if sync was set up by then; a desk
        set up while running that has never pushed would otherwise send its edits without a
        base, and the server would log each one as a concurrent edit.
        """
        if self.db.sync_mark is None:
            self.db.sync_mark = self.pushed_mark()

    def pending_count(self) -> int:
        mark = self.pushed_mark()
        with self.db.read() as s:
            return sum(
                s.scalar(select(func.count()).select_from(_table(n))
                         .where(_table(n).c.change_stamp > mark)) or 0
                for n in CODECS
            )

    def outbox(self, after: int, limit: int, upto: int | None = None) -> list[OutRow]:
        """The oldest `limit` rows stamped above `after` (and at most `upto`)."""
        picked: list[tuple[int, str, Mapping[str, Any]]] = []  # (stamp, entity, row)
        with self.db.read() as s:
            # The stamps alone first (index only), so whole rows are read for this batch
            # only, not `limit` rows of every table.
            stamps: list[int] = []
            for name in CODECS:
                column = _table(name).c.change_stamp
                query = select(column).where(column > after)
                if upto is not None:
                    query = query.where(column <= upto)
                stamps += s.scalars(query.order_by(column).limit(limit))
            if not stamps:
                return []
            stamps.sort()
            cutoff = stamps[min(limit, len(stamps)) - 1]  # stamps are unique per device
            for name in CODECS:
                table = _table(name)
                query = select(table).where(table.c.change_stamp > after,
                                            table.c.change_stamp <= cutoff)
                for row in s.execute(query):
                    picked.append((int(row.change_stamp), name, dict(row._mapping)))
            picked.sort(key=lambda item: item[0])
            ids = [r["id"] for _, _, r in picked]
            bases = dict(
                s.execute(select(SyncBase.row_id, SyncBase.hlc).where(SyncBase.row_id.in_(ids)))
                .all()
            ) if ids else {}
        return [
            OutRow(
                entity=name,
                id=str(row["id"]),
                hlc=row["hlc"],
                base_hlc=bases.get(row["id"]),
                deleted=row["deleted_at"] is not None,
                data=CODECS[name].encode(row),
                stamp=stamp,
            )
            for stamp, name, row in picked
        ]

    def acknowledge(
        self, upto: int, rows: Sequence[OutRow], cursor: int | None = None,
        in_flight: Mapping[str, Any] | None = None,
    ) -> None:
        """The server holds everything stamped up to `upto`: move the mark, in one commit
        (and the pull cursor past our own rows when the engine knows nothing else came;
        and the next batch as in flight, when the engine has it ready)."""
        with self._apply_engine.begin() as conn:
            ids = [uuid.UUID(r.id) for r in rows]
            for chunk in _chunks(ids, 500):
                conn.execute(delete(SyncBase).where(SyncBase.row_id.in_(chunk)))
            moved: dict[str, Any] = {PUSHED: upto, IN_FLIGHT: in_flight}
            if cursor is not None:
                moved[CURSOR] = cursor
            self.set_state(moved, conn)
        self.db.sync_mark = upto

    # --- apply -----------------------------------------------------------------------

    def prepare_page(self, rows: Sequence[Mapping[str, Any]]) -> PreparedPage:
        """Group a pulled page by entity and bind its rows for storage (no database access,
        so the engine runs it on the thread that fetches the next page)."""
        by_entity: dict[str, list[Mapping[str, Any]]] = {}
        for row in rows:
            by_entity.setdefault(row["entity"], []).append(row)
        unknown = set(by_entity) - set(CODECS) - {CONFLICT_ENTITY}
        if unknown:
            from the5hc_desktop.sync import errors

            raise errors.update_required(f"unknown entities {sorted(unknown)}")
        bound = {
            entity: self._binder(entity).rows([r["data"] for r in incoming], PULLED_LOCALS)
            for entity, incoming in by_entity.items() if entity != CONFLICT_ENTITY
        }
        return PreparedPage(by_entity, bound)

    def apply_page(self, page: Sequence[Mapping[str, Any]] | PreparedPage,
                   cursor: int) -> Applied:
        """Apply one pulled page and move the cursor, in one local transaction."""
        with self.page_writer() as writer:
            return writer.apply(page, cursor)

    def page_writer(self, *, rows: int = 0, seconds: float = 0.0,
                    bulk: bool = False) -> PageWriter:
        """A writer of consecutive pulled pages (see `PageWriter`); with the defaults each
        page is committed on its own."""
        return PageWriter(self, rows, seconds, bulk)

    def finish_interrupted_load(self) -> bool:
        """Rebuild what a first download that did not end left suspended (True if any).

        `Database.open` does it for a process that died; this is for one still running,
        whose download failed in a way that left the rebuild undone."""
        with self._apply_engine.connect() as conn:
            if not bulk_load.pending(conn):
                return False
        with self._pull_engine.begin() as conn:
            return bulk_load.recover(conn)

    def _apply_in(self, conn: Connection, prepared: PreparedPage, cursor: int) -> Applied:
        applied = kept = conflicts = 0
        newest = ""
        mark = int(_state(conn, PUSHED, 0))
        for entity, incoming in prepared.by_entity.items():
            if entity == CONFLICT_ENTITY:
                conflicts += _store_conflicts(conn, incoming)
                continue
            a, k, c = _apply_entity(conn, self._binder(entity), incoming,
                                    prepared.bound[entity], mark)
            applied, kept, conflicts = applied + a, kept + k, conflicts + c
            newest = max(newest, max(r["hlc"] for r in incoming))
        self.set_state({CURSOR: cursor}, conn)
        if newest:  # a clock that moved ahead of a page rolled back is harmless
            self.db.clock.observe(newest)
        return Applied(applied, kept, conflicts)

    def dangling_references(self) -> int:
        """Rows pointing at a missing row (0 once a pull has finished)."""
        with self._apply_engine.connect() as conn:
            return len(conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall())

    # --- verify ----------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Live (not tombstoned) rows per synced table, as the server's verify counts them."""
        with self.db.read() as s:
            return {
                n: int(s.scalar(select(func.count()).select_from(_table(n))
                                .where(_table(n).c.deleted_at.is_(None))) or 0)
                for n in CODECS
            }

    def ledger_sum(self) -> int:
        with self.db.read() as s:
            return int(s.scalar(select(func.coalesce(func.sum(CreditLedgerEntry.delta), 0))) or 0)

    def has_rows(self) -> bool:
        return any(self.counts().values())

    def organization_ids(self) -> list[str]:
        from the5hc_desktop.store.models import Organization

        with self.db.read() as s:
            return [str(i) for i in s.scalars(select(Organization.id))]


class PageWriter:
    """Applies consecutive pulled pages, several to one local transaction.

    Each page is applied and the cursor set to its last sequence number in the open
    transaction, which is committed once it holds `rows` rows or has been open `seconds`,
    and when the writer is left. The cursor on disk is therefore always that of the last
    committed page: a crash loses the uncommitted pages and the next round pulls them
    again, as with one page a transaction. Fewer commits write an index page changed by
    many pages to the log once instead of once a page; the time bound keeps a save at
    this desk from waiting long for the write lock.

    A page whose writing fails rolls the open transaction back (a part of a page is never
    committed). Left by any other error (a page that could not be read or bound, the link
    failed, the round was cancelled), the writer commits the whole pages it applied: they
    stay, and the next round goes on.

    `bulk` (a first download): when every synced table is empty, the summary triggers and
    secondary indexes are suspended with the first page (store/bulk_load.py) and rebuilt
    once when the writer is left, however it is left; a process killed in between has
    them rebuilt by the next `Database.open`. The change-stamp indexes stay: each page
    asks them whether this desk has an edit pending.

        with replica.page_writer(rows=20_000, seconds=1.0) as writer:
            writer.apply(page, cursor)  # ...for each page
    """

    def __init__(self, replica: LocalReplica, rows: int, seconds: float, bulk: bool) -> None:
        self._replica = replica
        self._rows = rows
        self._seconds = seconds
        self._bulk = bulk  # still to try at the first page
        self._load: bulk_load.Load | None = None
        self._conn: Connection | None = None
        self._transaction: RootTransaction | None = None
        self._opened = 0.0
        self._pending = 0  # rows applied in the open transaction

    def __enter__(self) -> PageWriter:
        self._conn = self._replica._pull_engine.connect()
        return self

    def apply(self, page: Sequence[Mapping[str, Any]] | PreparedPage,
              cursor: int) -> Applied:
        conn = self._conn
        if conn is None:
            raise RuntimeError("PageWriter is used inside `with`")
        prepared = page if isinstance(page, PreparedPage) else self._replica.prepare_page(page)
        if self._transaction is None:
            self._transaction = conn.begin()
            self._opened = time.monotonic()
        try:
            if self._bulk:
                self._bulk = False
                self._load = bulk_load.begin(conn, tuple(CODECS), keep=STAMP_INDEXES)
            applied = self._replica._apply_in(conn, prepared, cursor)
        except BaseException:
            transaction, self._transaction = self._transaction, None
            transaction.rollback()
            raise
        self._pending += sum(len(rows) for rows in prepared.by_entity.values())
        if (self._pending >= self._rows
                or time.monotonic() - self._opened >= self._seconds):
            self.commit()
        return applied

    def commit(self) -> None:
        """Make the pages applied so far durable, with their cursor."""
        if self._transaction is not None:
            transaction, self._transaction = self._transaction, None
            self._pending = 0
            transaction.commit()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        conn = self._conn
        try:
            self.commit()
        finally:
            self._conn = None
            if conn is not None:
                try:
                    self._finish_load(conn)
                finally:
                    conn.close()

    def _finish_load(self, conn: Connection) -> None:
        """Rebuild what the first page suspended (if it was committed: a rolled-back first
        transaction took the suspension with it)."""
        if self._load is None:
            return
        load, self._load = self._load, None
        with conn.begin():
            if bulk_load.pending(conn):
                load.finish(conn)


def canonical_digest(database: Database) -> str:
    """SHA-256 of every synced row (without local columns), for convergence checks."""
    digest = hashlib.sha256()
    with database.read() as s:
        for name, codec in sorted(CODECS.items()):
            table = _table(name)
            for row in s.execute(select(table).order_by(table.c.id)):
                digest.update(name.encode())
                encoded = codec.encode(dict(row._mapping))
                digest.update(json.dumps(encoded, sort_keys=True).encode())
    return digest.hexdigest()


def _state(conn: Connection, key: str, default: Any) -> Any:
    value = conn.execute(select(SyncState.value).where(SyncState.key == key)).scalar()
    return default if value is None else value


def _pull_engine(path: Path) -> Engine:
    """The connection pulled pages are written on.

    Like the apply connection (foreign keys off), but its commits wait for the disk only
    at checkpoints (`synchronous=NORMAL`): a power cut can lose the last pulled pages,
    never a torn one, and their cursor goes back with them, so the next round pulls them
    again. They are the server's rows, not something saved here; a local save that follows
    commits with the store's `synchronous=FULL` and so makes them durable too. The larger
    page cache keeps the indexes of a first download in memory, and rarer checkpoints
    copy an index page changed by many pages to the file once instead of many times.
    """
    engine = create_sqlite_engine(path, foreign_keys=False)

    @event.listens_for(engine, "connect")
    def _relaxed(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA cache_size=-{PULL_CACHE_KIB}")
            cursor.execute(f"PRAGMA wal_autocheckpoint={PULL_CHECKPOINT_PAGES}")
        finally:
            cursor.close()

    return engine


def _table(name: str) -> Table:
    return CODECS[name].table


def _apply_entity(
    conn: Connection,
    binder: StorageBinder,
    incoming: Sequence[Mapping[str, Any]],
    bound: Sequence[tuple[Any, ...]],
    mark: int,
) -> tuple[int, int, int]:
    codec = binder.codec
    local = _pending_versions(conn, codec, incoming, mark)
    if not local:  # nothing pending here: every incoming row is stored as it came
        _store(conn, binder, bound, [r["id"] for r in incoming])
        return len(incoming), 0, 0
    values: list[tuple[Any, ...]] = []
    ids: list[uuid.UUID] = []
    kept = conflicts = 0
    lost_at = utcnow()
    for row, storage in zip(incoming, bound, strict=True):
        row_id = uuid.UUID(row["id"])
        pending = local.get(row_id)
        if pending is not None and pending["hlc"] > row["hlc"]:
            kept += 1  # the local edit is newer; it goes up next round
            continue
        if pending is not None and pending["hlc"] != row["hlc"]:
            conflicts += 1
            conn.execute(insert(SyncConflict).values(
                id=uuid.uuid4(), entity=codec.name, row_id=row_id,
                reason="superseded", winner=_version(row["hlc"], row["data"]),
                loser=_version(pending["hlc"], codec.encode(pending)), at=lost_at))
        values.append(storage)
        ids.append(row_id)
    _store(conn, binder, values, ids)
    return len(values), kept, conflicts


def _store(
    conn: Connection, binder: StorageBinder, values: Sequence[tuple[Any, ...]],
    ids: Sequence[str | uuid.UUID],
) -> None:
    """Insert or replace whole rows, several to a statement; their sync bases are done with."""
    if not values:
        return
    for statement, parameters in binder.upserts(conn.dialect, values):
        conn.exec_driver_sql(statement, parameters)
    if _has_rows(conn, SyncBase.__table__):  # type: ignore[arg-type]  # declarative
        row_ids = [i if isinstance(i, uuid.UUID) else uuid.UUID(i) for i in ids]
        for chunk in _chunks(row_ids, 500):
            conn.execute(delete(SyncBase).where(SyncBase.row_id.in_(chunk)))


def _pending_versions(
    conn: Connection, codec: TableCodec, incoming: Sequence[Mapping[str, Any]], mark: int
) -> dict[uuid.UUID, Mapping[str, Any]]:
    """This device's unpushed versions of the incoming rows, by id."""
    table = codec.table
    if not _has_rows(conn, table, table.c.change_stamp > mark):
        return {}  # nothing pending in this table (always so on a first download)
    local: dict[uuid.UUID, Mapping[str, Any]] = {}
    for chunk in _chunks([uuid.UUID(r["id"]) for r in incoming], 500):
        query = select(table).where(table.c.id.in_(chunk), table.c.change_stamp > mark)
        local.update({row.id: dict(row._mapping) for row in conn.execute(query)})
    return local


def _has_rows(conn: Connection, table: Table, *where: Any) -> bool:
    query = select(literal(1)).select_from(table).where(*where).limit(1)
    return conn.execute(query).first() is not None


def _version(hlc: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """One side of a conflict, in the server's shape."""
    return {"hlc": hlc, "data": dict(data), "deleted": data.get("deleted_at") is not None}


def _store_conflicts(conn: Connection, incoming: Iterable[Mapping[str, Any]]) -> int:
    rows = []
    for row in incoming:
        data = row["data"]
        rows.append({
            "id": uuid.UUID(row["id"]),
            "entity": str(data.get("entity", "")),
            "row_id": uuid.UUID(str(data.get("row_id"))),
            "reason": str(data.get("reason", "")),
            "winner": data.get("winner"),
            "loser": data.get("loser"),
            "at": utcnow(),
        })
    if rows:
        conn.execute(sqlite_insert(SyncConflict).on_conflict_do_nothing(), rows)
    return len(rows)


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
