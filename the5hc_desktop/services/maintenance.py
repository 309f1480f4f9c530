"""Whole-file chores: check, counts, restore, and the acting owner.

`MaintenanceService` (on `Services.maintenance`) is how the window and the CLI reach them
for the open database; `inspect_file` and `restore` work on files that are not open.

`check` and `inspect_file` only read the file (SQLite URI `mode=ro`), so checking a damaged
or newer database never migrates or repairs it behind the user's back.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.errors import (
    NotFound,
    PermissionDenied,
    StorageUnavailable,
    ValidationError,
)
from the5hc_desktop.services.base import ServiceBase
from the5hc_desktop.services.changes import EVERYTHING
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.store import audit_chain, backup, check_record, device_refs, migrate
from the5hc_desktop.store.backup import BackupFile, Progress, Suggestion
from the5hc_desktop.store.base import SyncedMixin
from the5hc_desktop.store.copy import copy_database
from the5hc_desktop.store.file_lock import FileLock
from the5hc_desktop.store.models import (
    Assessment,
    AssessmentHealth,
    AuditLogEntry,
    AvailabilityException,
    Client,
    CreditLedgerEntry,
    FeeAuditEntry,
    HealthScreening,
    Organization,
    Payment,
    SessionPackage,
    Setting,
    StaffAccount,
    TrainerHours,
    TrainingSession,
)
from the5hc_desktop.store.schema_check import schema_differences

# Tables every The5HC database has (a restore source must have them).
REQUIRED_TABLES = ("organizations", "staff_accounts", "clients", "assessments", "sessions")

# stats key -> model (live rows: tombstones are not counted).
COUNTED: dict[str, type[SyncedMixin]] = {
    "organizations": Organization,
    "staff": StaffAccount,
    "clients": Client,
    "assessments": Assessment,
    "packages": SessionPackage,
    "sessions": TrainingSession,
    "credit_ledger": CreditLedgerEntry,
    "payments": Payment,
    "fee_audit": FeeAuditEntry,
    "audit_log": AuditLogEntry,
    "settings": Setting,
    "health_screenings": HealthScreening,
    "assessment_health": AssessmentHealth,
    "trainer_hours": TrainerHours,
    "availability_exceptions": AvailabilityException,
}


@dataclass(frozen=True)
class FileReport:
    """What a read-only look at a database file found; `problems` empty means healthy."""

    path: Path
    integrity: str
    foreign_key_problems: int
    revision: str | None
    head: str
    problems: tuple[str, ...] = field(default=())
    chain: str = ""  # the audit hash chain's verdict, for `check` to print

    @property
    def ok(self) -> bool:
        return not self.problems


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to `path` (URI `mode=ro`)."""
    if not path.is_file():
        raise StorageUnavailable(
            f"데이터베이스 파일이 없습니다: {path}", f"No database file at {path}"
        )
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def note_checked(path: Path, sound: bool) -> None:
    """What `the5hc check` found: a sound file need not be checked at a start for a day,
    a damaged one is checked before every use (services/soundness.py)."""
    (check_record.note_passed if sound else check_record.note_damaged)(path)


def inspect_file(path: Path) -> FileReport:
    """integrity_check, foreign_key_check and the migration revision (current vs head)."""
    head = migrate.head_revision()
    problems: list[str] = []
    integrity, fk_count, revision = "", 0, None
    try:
        conn = read_only_connection(path)
    except sqlite3.Error as exc:
        return FileReport(path, str(exc), 0, None, head, (f"open: {exc}",))
    try:
        integrity = "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check").fetchall())
        if integrity != "ok":
            problems.append(f"integrity_check: {integrity[:300]}")
        fk_count = len(conn.execute("PRAGMA foreign_key_check").fetchall())
        if fk_count:
            problems.append(f"foreign_key_check: {fk_count} dangling reference(s)")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if migrate.VERSION_TABLE in tables:
            row = conn.execute(f"SELECT version_num FROM {migrate.VERSION_TABLE}").fetchone()
            revision = None if row is None else str(row[0])
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            problems.append(f"not a The5HC database: missing tables {', '.join(missing)}")
        if revision is not None and migrate.is_known_revision(revision) and not missing:
            differences = schema_differences(conn, revision)
            if differences:
                problems.append("schema: objects differ from the app's migrations: "
                                + ", ".join(differences[:10]))
        if revision is None:
            problems.append("migration: no revision stamped")
        elif revision != head:
            state = ("older" if migrate.is_known_revision(revision) else "unknown/newer")
            problems.append(f"migration: {revision} is {state} than head {head}")
    except sqlite3.Error as exc:
        problems.append(f"sqlite: {exc}")
    finally:
        conn.close()
    chain = ""
    if revision == head and integrity == "ok":
        chain_problems, unchained = _verify_chain(path)
        problems += [f"audit chain: {p}" for p in chain_problems[:20]]
        chain = (f"{len(chain_problems)} problem(s)" if chain_problems else "ok") + (
            f", {unchained} row(s) from before the chain" if unchained else "")
    return FileReport(path, integrity, fk_count, revision, head, tuple(problems), chain)


def _verify_chain(path: Path) -> tuple[list[str], int]:
    """audit_chain.verify on a read-only connection (typed values, as they were written)."""
    engine = create_engine("sqlite://", creator=lambda: read_only_connection(path))
    device_refs.install(engine)  # rows name their device by its number in the file
    try:
        with engine.connect() as conn:
            return audit_chain.verify(conn)
    finally:
        engine.dispose()


class MaintenanceService(ServiceBase):
    """The open database as a whole: where it is, what it holds, who acts for the CLI."""

    def location(self) -> str:
        """The file (or server) in use, as the status bar shows it."""
        path = self._db.path
        return str(path) if path is not None else repr(self._db.database)

    def counts(self) -> dict[str, int]:
        return counts(self._db)

    def system_actor(self) -> Actor:
        return system_actor(self._db)

    def check(self) -> FileReport:
        """`inspect_file` on the open file (read-only)."""
        path = self._db.path
        if path is None:
            raise StorageUnavailable("서버 데이터베이스는 파일 검사를 할 수 없습니다.",
                                     "A server database has no file to check.")
        return inspect_file(path)

    # --- 설정 → 백업 ------------------------------------------------------------------------
    def backups(self, actor: Actor, folder: Path | None = None) -> BackupOverview:
        """Where 지금 백업 writes, the backups there and beside the file, newest first."""
        require(actor, Capability.EDIT_SETTINGS)
        path = self._file()
        default = backup.backups_dir(path)
        chosen = _absolute_folder(folder) if folder is not None else default
        try:
            files = backup.backup_files(path, (chosen, default))
        except OSError as exc:
            raise _unreachable(chosen, exc) from exc
        return BackupOverview(chosen, default, tuple(files))

    def backup_now(
        self, actor: Actor, folder: Path | None = None, progress: Progress | None = None
    ) -> BackupFile:
        """A checked copy of the open file into `folder` (default `backups/`); audited."""
        require(actor, Capability.EDIT_SETTINGS)
        path = self._file()
        target = _absolute_folder(folder) if folder is not None else None
        try:
            made = backup.take_backup(path, _revision_of(path), folder=target,
                                      progress=progress)
        except OSError as exc:
            raise _unreachable(target or backup.backups_dir(path), exc) from exc
        except sqlite3.Error as exc:
            raise StorageUnavailable(f"백업하지 못했습니다: {exc}",
                                     f"The backup failed: {exc}") from exc
        with self._db.write() as session:
            self._audit(session, actor, "backup_taken", None, None,
                        {"file": made.name, "folder": str(made.parent)})
        return BackupFile(made, backup.backup_files(path, (made.parent,))[0].taken_at,
                          made.stat().st_size)

    def suggested_folders(self, actor: Actor) -> tuple[Suggestion, ...]:
        """Cloud-synced folders and removable drives a backup would survive the PC in."""
        require(actor, Capability.EDIT_SETTINGS)
        try:
            return tuple(backup.suggested_folders(Path.home()))
        except (OSError, RuntimeError):
            return ()

    def check_restore_source(self, actor: Actor, source: Path) -> FileReport:
        """The owner's restore, step one: the chosen file must be a sound The5HC database
        whose schema objects match the app's migrations; refused with the reason."""
        require_owner(actor)
        source = _absolute_file(source)
        report = inspect_file(source)
        _refuse_unless_restorable(report)
        if self._file().resolve() == source.resolve():
            raise ValidationError("복원할 파일이 현재 데이터베이스와 같습니다.",
                                  "The file to restore is the current database itself.",
                                  field="path")
        return report

    def note_restored(self, source: Path, saved: Path | None) -> None:
        """The audit row of a restore, written into the restored file after it reopened."""
        with self._db.write() as session:
            self._audit(session, None, "database_restored", None, None,
                        {"source": str(source), "saved_current": str(saved or "")})

    def _file(self) -> Path:
        path = self._db.path
        if path is None:
            raise StorageUnavailable("서버 데이터베이스는 백업할 파일이 없습니다.",
                                     "A server database has no file to back up.")
        return path

    def announce_replaced(self) -> None:
        """Tell every listener that the whole file changed (bulk load, legacy import)."""
        self._db.announce(EVERYTHING)


@dataclass(frozen=True)
class BackupOverview:
    folder: Path  # where 지금 백업 writes
    default_folder: Path  # backups/ beside the database file
    files: tuple[BackupFile, ...]  # newest first

    @property
    def last(self) -> BackupFile | None:
        return self.files[0] if self.files else None

    @property
    def external(self) -> bool:
        """Whether backups go somewhere other than beside the database file."""
        return self.folder.resolve() != self.default_folder.resolve()


def require_owner(actor: Actor) -> None:
    if actor.role is not Role.OWNER:
        raise PermissionDenied("복원은 대표만 할 수 있습니다.",
                               "Only the owner can restore a backup.")


def _absolute_folder(folder: Path) -> Path:
    folder = Path(folder).expanduser()
    if not folder.is_absolute():
        raise ValidationError("백업 폴더는 전체 경로로 지정하세요.",
                              "Give the backup folder as a full path.", field="folder")
    return folder


def _absolute_file(path: Path) -> Path:
    path = Path(path).expanduser()
    if not path.is_absolute():
        raise ValidationError("복원할 파일은 전체 경로로 지정하세요.",
                              "Give the file to restore as a full path.", field="path")
    return path


def _unreachable(folder: Path, exc: OSError) -> StorageUnavailable:
    return StorageUnavailable(
        f"백업 폴더를 사용할 수 없습니다 (USB를 뺐거나 권한이 없을 수 있습니다): {folder} ({exc})",
        f"The backup folder cannot be used (a removed USB drive or no permission): "
        f"{folder} ({exc})")


def _refuse_unless_restorable(report: FileReport) -> None:
    if not report.ok and not _only_older(report):
        raise ValidationError(
            f"복원할 파일이 올바른 The5HC 데이터베이스가 아닙니다: {report.problems[0]}",
            f"The file to restore is not a valid The5HC database: {report.problems[0]}",
            field="path",
        )


class _Readable(Protocol):
    def read(self) -> AbstractContextManager[Session]: ...


def counts(database: _Readable) -> dict[str, int]:
    """Live rows per entity, as one mapping (the `stats` command)."""
    result: dict[str, int] = {}
    with database.read() as session:
        for key, model in COUNTED.items():
            table = model.__table__  # type: ignore[attr-defined]  # declarative table
            total = session.scalar(
                select(func.count()).select_from(table).where(table.c.deleted_at.is_(None))
            )
            result[key] = int(total or 0)
    return result


def system_actor(database: _Readable) -> Actor:
    """The gym's first active owner: the command line acts with owner rights.

    Whoever can run the command can read and replace the database file anyway.
    """
    with database.read() as session:
        owner = session.scalars(
            select(StaffAccount)
            .where(StaffAccount.role == Role.OWNER.value, StaffAccount.active.is_(True),
                   StaffAccount.deleted_at.is_(None))
            .order_by(StaffAccount.created_at, StaffAccount.id)
            .limit(1)
        ).first()
        if owner is None:
            raise NotFound(
                "센터가 아직 설정되지 않았습니다. 먼저 'the5hc init'을 실행하세요.",
                "The gym is not set up yet; run 'the5hc init' first.",
            )
        return Actor(owner.id, Role.OWNER, owner.display_name or owner.username, owner.username)


def restore(target: Path, source: Path) -> Path | None:
    """Replace the database at `target` with the The5HC database `source`.

    The source is validated first (integrity, tables, a known migration revision); the
    current file, if any, is backed up to `backups/` beside it. Returns that backup's path.
    The replacement is a copy swapped in with an atomic rename, so a failure half-way
    leaves the current database in place. Refused (StorageUnavailable) while any program,
    this one included, has the database open: its later writes would go nowhere.
    """
    source = source.expanduser()
    _refuse_unless_restorable(inspect_file(source))
    target = target.expanduser().absolute()
    if target.exists() and target.resolve() == source.resolve():
        raise ValidationError("복원할 파일이 현재 데이터베이스와 같습니다.",
                              "The file to restore is the current database itself.",
                              field="path")
    work = target.with_name(target.name + ".restoring")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock.acquire(target, exclusive=True)
    except OSError as exc:
        raise StorageUnavailable(f"복원하지 못했습니다: {exc}",
                                 f"The restore failed: {exc}") from exc
    with lock:
        return _swap_in(target, source, work)


def _swap_in(target: Path, source: Path, work: Path) -> Path | None:
    saved: Path | None = None
    try:
        if target.exists() and target.stat().st_size > 0:
            saved = _save_current(target)
        copy_database(source, work)
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(work, target)
    except (OSError, sqlite3.Error) as exc:
        work.unlink(missing_ok=True)
        raise StorageUnavailable(
            f"복원하지 못했습니다. 현재 데이터베이스는 그대로입니다: {exc}",
            f"The restore failed; the current database is unchanged: {exc}",
        ) from exc
    return saved


def _save_current(target: Path) -> Path:
    """Back up the database about to be replaced — also when it is damaged (often the very
    reason for a restore): then the raw file and its WAL are saved as they are."""
    try:
        backup.checkpoint(target)  # refuses while another program writes to it
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError:
        return backup.take_backup(target, "damaged", as_is=True)
    return backup.take_backup(target, _revision_of(target))


def _only_older(report: FileReport) -> bool:
    # An older schema is fine to restore: Database.open upgrades it (with its own backup).
    return all(p.startswith("migration:") and "older" in p for p in report.problems) and (
        report.revision is not None and migrate.is_known_revision(report.revision))


def _revision_of(path: Path) -> str | None:
    conn = read_only_connection(path)
    try:
        row = conn.execute(f"SELECT version_num FROM {migrate.VERSION_TABLE}").fetchone()
        return None if row is None else str(row[0])
    except sqlite3.Error:
        return None
    finally:
        conn.close()
