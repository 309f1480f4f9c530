"""`Database`: open (backup + upgrade), transactions, and change stamping.

    db = Database.open(paths.default_db_path())
    with db.write() as s:          # BEGIN IMMEDIATE ... COMMIT (rollback on error)
        s.add(Client(...))
    with db.read() as s:           # a consistent snapshot; flushing anything is an error
        rows = s.scalars(select(Client)).all()

Every insert or update of a synced row gets `updated_at`, `updated_by_device`, the next
`change_stamp` of this device and a new `hlc` value of `Database.clock` in the same
transaction (stamping.py, shared with the bulk writer). Hard deletes of synced rows, and
Core UPDATEs that skip the stamping, are refused: set `deleted_at`.
"""

from __future__ import annotations

import logging
import os
import socket
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, event, insert, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from the5hc_desktop.domain.errors import StorageUnavailable
from the5hc_desktop.file_modes import FOLDER_MODE, private_file
from the5hc_desktop.store import (
    backup,
    bulk_load,
    check_record,
    copy,
    device_refs,
    migrate,
    open_marker,
)
from the5hc_desktop.store.base import SyncedMixin
from the5hc_desktop.store.clock import HybridClock, clock_file
from the5hc_desktop.store.engine import (
    create_sqlite_engine,
    create_url_engine,
    is_url,
    write_engine,
)
from the5hc_desktop.store.file_lock import FileLock, in_use_error, try_exclusive
from the5hc_desktop.store.integrity import damaged, require_sound
from the5hc_desktop.store.models import Device
from the5hc_desktop.store.models_sync import SyncState
from the5hc_desktop.store.stamping import (
    UNSTAMPED,
    HardDeleteForbidden,
    UnstampedWrite,
    install_write_guard,
    stamp_flush,
)
from the5hc_desktop.store.types import new_id, utcnow

__all__ = ["Database", "HardDeleteForbidden", "ReadOnlySession", "UnstampedWrite"]

log = logging.getLogger("the5hc.store")

_DEVICE = "the5hc.device_id"
_CLOCK = "the5hc.clock"
_SYNC_MARK = "the5hc.sync_mark"
_READ_ONLY = "the5hc.read_only"
_STAMP = "the5hc.stamp"


class ReadOnlySession(RuntimeError):
    """Something tried to write inside `Database.read()`."""


class Database:
    """An open local store (SQLite file) or a server database (URL)."""

    def __init__(
        self, engine: Engine, device_id: uuid.UUID, path: Path | None,
        lock: FileLock | None = None,
    ) -> None:
        self.engine = engine
        self._lock = lock
        self.device_id = device_id
        self.path = path
        # The high-water mark lives next to the file, so restoring a backup keeps it.
        self.clock = HybridClock(device_id, clock_file(path) if path is not None else None)
        install_write_guard(engine)
        writes = write_engine(engine)
        # The pushed change-stamp mark while sync is set up (None: no sync, nothing to track).
        self._sync_mark: list[int | None] = [_load_sync_mark(engine) if path else None]
        info = {_DEVICE: device_id, _CLOCK: self.clock, _SYNC_MARK: self._sync_mark}
        self._reader = sessionmaker(bind=engine, autoflush=False, info={_READ_ONLY: True})
        self._writer = sessionmaker(bind=writes, expire_on_commit=False, info=info)
        self._unstamped_writer = sessionmaker(
            bind=writes.execution_options(**{UNSTAMPED: True}), expire_on_commit=False,
            info=info | {_STAMP: False},
        )
        for factory in (self._reader, self._writer, self._unstamped_writer):
            event.listen(factory, "before_flush", _before_flush)

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        target: str | Path,
        *,
        script_location: Path | None = None,
        device_name: str | None = None,
        quick_check: bool = True,
    ) -> Database:
        """Open a SQLite file (created if missing) or a database URL, upgraded to head.

        A file that is not at the head revision is first copied to `backups/` (the last 10
        are kept), then upgraded on a working copy that replaces it only on success, so a
        failed upgrade leaves the original untouched. A file stays locked (shared) while it
        is open, so nothing replaces it under this program (`file_lock`); the first opener
        removes working copies a killed upgrade or restore left. A damaged file is refused
        (DatabaseDamaged). Raises StorageUnavailable.

        A file already at head is checked only when the last program to use it ended
        without closing it (`open_marker`) or its last check found it damaged
        (`check_record`): the start-up policy of services/soundness.py;
        `quick_check=False` leaves even that to the caller (the window app checks on its
        own thread, beside sign-in). A file to be upgraded is always checked first.
        """
        lock: FileLock | None = None
        if is_url(target):
            engine = create_url_engine(str(target))
            path = None
            _upgrade_server(engine, script_location)
        else:
            path = Path(target).expanduser().absolute()
            try:
                lock = _lock_for_open(path)
            except OSError as exc:
                raise _unavailable(path, exc) from exc
            try:
                suspect = ((lock.exclusive and open_marker.is_marked(path))
                           or check_record.found_damaged(path))
                _prepare_file(path, script_location, alone=lock.exclusive,
                              check=quick_check and suspect)
                lock.share()
                open_marker.mark_open(path)
                engine = create_sqlite_engine(path)
            except BaseException:
                lock.release()
                raise
        try:
            if path is not None:
                _finish_interrupted_load(engine)
            device_id = _local_device(engine, device_name or socket.gethostname() or "device")
        except SQLAlchemyError as exc:
            engine.dispose()
            if lock is not None:
                lock.release()
            raise _unavailable(path or target, exc) from exc
        return cls(engine, device_id, path, lock)

    @property
    def sync_mark(self) -> int | None:
        """Change stamps up to this are on the server; None while sync is not set up."""
        return self._sync_mark[0]

    @sync_mark.setter
    def sync_mark(self, value: int | None) -> None:
        self._sync_mark[0] = value

    def vacuum(self) -> None:
        """Rewrite a SQLite file with full pages in key order and no free ones: after a bulk
        load (demo, import), whose inserts leave pages split half-full, the 100k demo file
        is 7% smaller. Call it with no transaction open; it holds the write lock while it
        runs (seconds for the 100k demo). A no-op on a server database."""
        if self.path is None:
            return
        raw = self.engine.raw_connection()
        try:
            raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
        finally:
            raw.close()

    def close(self) -> None:
        """Release connections (the last SQLite close checkpoints the WAL) and the lock;
        the last program to close the file notes it was closed cleanly (`open_marker`)."""
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
            if self.path is not None:
                open_marker.mark_closed_if_last(self.path)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def __repr__(self) -> str:
        where = self.path if self.path is not None else self.engine.url.render_as_string()
        return f"Database({where})"

    # --- transactions ----------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries only; its snapshot ends when the block exits."""
        session = self._reader()
        try:
            yield session
        except OperationalError as exc:
            raise _unavailable(self.path or self.engine.url, exc) from exc
        finally:
            session.close()

    @contextmanager
    def write(self, *, stamp: bool = True) -> Iterator[Session]:
        """A session inside BEGIN IMMEDIATE: committed on exit, rolled back on an exception.

        `stamp=False` keeps the sync columns as given (sync applying remote rows).
        """
        session = (self._writer if stamp else self._unstamped_writer)()
        try:
            with session.begin():
                yield session
        except OperationalError as exc:
            raise _unavailable(self.path or self.engine.url, exc) from exc
        finally:
            session.close()


# --- stamping ----------------------------------------------------------------------------


def _before_flush(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    if session.info.get(_READ_ONLY):
        if session.new or session.deleted or any(session.is_modified(o) for o in session.dirty):
            raise ReadOnlySession("Database.read() sessions cannot write; use write()")
        return
    for obj in session.deleted:
        if isinstance(obj, SyncedMixin):
            raise HardDeleteForbidden(
                f"{type(obj).__name__} rows are never deleted; call soft_delete() instead"
            )
    if session.info.get(_STAMP, True):
        stamp_flush(session, session.info[_DEVICE], session.info[_CLOCK],
                    session.info[_SYNC_MARK][0])


# --- opening helpers ---------------------------------------------------------------------


def _load_sync_mark(engine: Engine) -> int | None:
    with engine.connect() as conn:
        rows: dict[str, Any] = dict(conn.execute(
            select(SyncState.key, SyncState.value)
            .where(SyncState.key.in_(("server", "pushed_stamp")))
        ).all())
    if "server" not in rows:
        return None
    return int(rows.get("pushed_stamp") or 0)


def _finish_interrupted_load(engine: Engine) -> None:
    """Rebuild what a bulk load that died half-way left suspended (store/bulk_load.py)."""
    with engine.connect() as conn:
        if not bulk_load.pending(conn):
            return
    with write_engine(engine).begin() as conn:
        if bulk_load.recover(conn):
            log.warning("finished an interrupted bulk load (indexes, triggers, summaries)")


def _local_device(engine: Engine, name: str) -> uuid.UUID:
    """This installation's device id, creating the row on first open."""
    with write_engine(engine).begin() as conn:
        found = conn.execute(
            select(Device.id).where(Device.is_local.is_(True)).order_by(Device.created_at)
        ).first()
        if found is not None:
            device_id: uuid.UUID = found[0]
        else:
            device_id = new_id()
            conn.execute(insert(Device).values(
                id=device_id, name=name[:200], change_counter=0, is_local=True,
                created_at=utcnow()))
        device_refs.register(conn, device_id)  # its rows store a number, not 16 bytes
        return device_id


def file_revision(path: Path) -> str | None:
    """Revision stamped in the file, None when it is new or empty (stdlib only: fast)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    conn = sqlite3.connect(path)
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
            (migrate.VERSION_TABLE,),
        ).fetchone()
        if not has_table:
            return None
        row = conn.execute(f"SELECT version_num FROM {migrate.VERSION_TABLE}").fetchone()
        return None if row is None else str(row[0])
    finally:
        conn.close()


# Working copies an upgrade or a restore writes beside the file; a killed one leaves them.
WORK_SUFFIXES = (".upgrading", ".restoring")


def _lock_for_open(path: Path) -> FileLock:
    """Exclusive when nobody else has the file open (then strays are removed), else shared."""
    path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    for own in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        private_file(own)  # a file made before modes were tightened
    lock = try_exclusive(path)
    if lock is None:
        return FileLock.acquire(path, exclusive=False)
    for suffix in WORK_SUFFIXES:
        work = path.with_name(path.name + suffix)
        if any(Path(f"{work}{end}").exists() for end in ("", "-wal", "-shm", "-journal")):
            log.info("removing %s left by an interrupted upgrade or restore", work.name)
            _remove_sqlite_files(work)
    return lock


def _prepare_file(
    path: Path, script_location: Path | None, *, alone: bool = True, check: bool = True
) -> None:
    """Bring the SQLite file at `path` to head, or raise StorageUnavailable.

    `alone`: no other program has the file open, so an upgrade may swap it. `check`: run
    the quick integrity check on a file already at head (one to upgrade is always checked).
    """
    try:
        revision = file_revision(path)
    except sqlite3.DatabaseError as exc:
        raise damaged(path, str(exc)) from exc
    except (OSError, sqlite3.Error) as exc:
        raise _unavailable(path, exc) from exc
    current = revision is not None and revision == migrate.head_revision(script_location)
    if revision is not None and (check or not current):
        require_sound(path)
    if current:
        return
    if not alone:
        raise in_use_error(path)
    if revision is not None and not migrate.is_known_revision(revision, script_location):
        raise StorageUnavailable(
            f"데이터베이스가 이 프로그램보다 새 버전에서 만들어졌습니다 ({revision}). "
            f"프로그램을 업데이트하세요: {path}",
            f"The database was written by a newer version of the app ({revision}). "
            f"Please update the app: {path}",
        )
    _upgrade_file(path, revision, script_location)


def _vacuum(path: Path) -> None:
    """Give back the pages an upgrade freed: a rebuilt table leaves its old pages empty
    (0009 halves the file's data, but without this the file keeps its old size)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("VACUUM")
    finally:
        conn.close()


def _upgrade_file(path: Path, revision: str | None, script_location: Path | None) -> None:
    """Back up, upgrade a working copy, and swap it in only when the upgrade succeeded."""
    existing = path.exists() and path.stat().st_size > 0
    work = path.with_name(path.name + ".upgrading")
    try:
        if existing:
            backup.checkpoint(path)
            saved = backup.take_backup(path, revision)
            log.info("backed up database before upgrade to %s", saved.name)
        _remove_sqlite_files(work)
        if existing:
            copy.copy_database(path, work)
        engine = create_sqlite_engine(work, foreign_keys=False)
        try:
            with write_engine(engine).begin() as conn:
                migrate.upgrade(conn, script_location)
                migrate.check_foreign_keys(conn)
        finally:
            engine.dispose()  # last close checkpoints and removes work's WAL
        if existing:
            _vacuum(work)
        # The original's WAL was checkpointed away; a stale one must never meet the new file.
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(work, path)
    except Exception as exc:
        _remove_sqlite_files(work)
        raise StorageUnavailable(
            "데이터베이스 업그레이드에 실패했습니다. 원본 파일은 변경되지 않았습니다: "
            f"{path} ({exc})",
            f"The database upgrade failed; the original file was left unchanged: "
            f"{path} ({exc})",
        ) from exc


def _upgrade_server(engine: Engine, script_location: Path | None) -> None:
    try:
        with engine.begin() as conn:
            revision = migrate.current_revision(conn)
            if revision != migrate.head_revision(script_location):
                migrate.upgrade(conn, script_location)
    except Exception as exc:
        engine.dispose()
        raise StorageUnavailable(
            "서버 데이터베이스를 열거나 업그레이드할 수 없습니다. 변경 사항은 모두 취소되었습니다"
            f" ({exc})",
            f"The server database could not be opened or upgraded; nothing was changed ({exc})",
        ) from exc


def _remove_sqlite_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


_BUSY = ("database is locked", "database is busy", "database table is locked")


def _unavailable(where: object, exc: BaseException) -> StorageUnavailable:
    # The driver's own words only: SQLAlchemy's text adds the SQL statement, a URL may
    # carry a password.
    reason = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
    if any(busy in reason for busy in _BUSY):
        return StorageUnavailable(
            "다른 작업이 데이터베이스를 사용 중입니다. 잠시 후 다시 시도하세요.",
            "Another task is using the database. Please try again in a moment.",
        )
    if isinstance(where, URL) or "://" in str(where):
        where = "server"
    return StorageUnavailable(
        f"데이터베이스를 사용할 수 없습니다: {where} ({reason})",
        f"The database is not available: {where} ({reason})",
    )
