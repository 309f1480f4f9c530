"""Reading a database of the Django web edition (DOMAIN 10.4), read-only.

The file is opened with the SQLite URI `mode=ro`. Tables: `accounts_user`,
`trainers_organization`, `trainers_trainer`, `clients`, `assessments`, `session_packages`,
`sessions`, `payments`, `fee_audit_log`, `trainers_auditlog` and the questionnaire tables
(`assessments_question*`). Django names a foreign key column `<field>_id`; the responsible
trainer of a row pointed at the user in early versions and at the trainer profile later,
so the table each trainer column refers to is read from the schema
(`PRAGMA foreign_key_list`) instead of being assumed. A column the file lacks reads as None.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from the5hc_desktop.domain.errors import StorageUnavailable, ValidationError
from the5hc_desktop.services.legacy_source import Row

REQUIRED_TABLES = ("accounts_user", "clients", "assessments", "session_packages")
OPTIONAL_TABLES = ("trainers_organization", "trainers_trainer", "sessions", "payments",
                   "fee_audit_log", "trainers_auditlog")
QUESTIONNAIRE_PREFIX = "assessments_question"
USER_TABLE = "accounts_user"
TRAINER_TABLE = "trainers_trainer"
# (table, column) whose value names the staff member responsible for the row.
STAFF_COLUMNS = (("clients", "trainer_id"), ("assessments", "trainer_id"),
                 ("session_packages", "trainer_id"), ("sessions", "trainer_id"),
                 ("payments", "trainer_id"), ("fee_audit_log", "created_by_id"))


@dataclass
class DjangoData:
    tables: dict[str, list[Row]]
    # (table, column) -> the table it references (accounts_user or trainers_trainer)
    staff_refs: dict[tuple[str, str], str] = field(default_factory=dict)
    questionnaire_rows: int = 0

    def rows(self, table: str) -> list[Row]:
        return self.tables.get(table, [])


def read_django(path: Path) -> DjangoData:
    path = path.expanduser()
    if not path.is_file():
        raise ValidationError(f"데이터베이스 파일이 없습니다: {path}",
                              f"No database file at {path}", field="path")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _unreadable(path, exc) from exc
    conn.row_factory = sqlite3.Row
    try:
        try:
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:  # not a SQLite file at all
            raise ValidationError(
                f"SQLite 데이터베이스 파일이 아닙니다: {path.name}",
                f"Not a SQLite database file: {path.name}", field="path") from exc
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise ValidationError(
                "장고(웹) 버전 The5HC 데이터베이스가 아닙니다 "
                f"(없는 테이블: {', '.join(missing)}).",
                f"Not a database of the Django edition of The5HC (missing tables: "
                f"{', '.join(missing)}).", field="path")
        data = DjangoData({name: _rows(conn, name) if name in tables else []
                           for name in REQUIRED_TABLES + OPTIONAL_TABLES})
        for table, column in STAFF_COLUMNS:
            if table in tables:
                data.staff_refs[(table, column)] = _target(conn, table, column)
        data.questionnaire_rows = sum(
            int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])
            for t in sorted(tables) if t.startswith(QUESTIONNAIRE_PREFIX))
    except sqlite3.Error as exc:
        raise _unreadable(path, exc) from exc
    finally:
        conn.close()
    return data


def _rows(conn: sqlite3.Connection, table: str) -> list[Row]:
    cursor = conn.execute(f'SELECT * FROM "{table}" ORDER BY id')
    index = {d[0]: i for i, d in enumerate(cursor.description)}
    return [Row(index, tuple(values)) for values in cursor]


def _target(conn: sqlite3.Connection, table: str, column: str) -> str:
    for fk in conn.execute(f'PRAGMA foreign_key_list("{table}")'):
        if fk["from"] == column:
            return str(fk["table"])
    return TRAINER_TABLE  # the documented layout (the trainer profile) when the schema is silent


def _unreadable(path: Path, exc: Exception) -> StorageUnavailable:
    return StorageUnavailable(f"데이터베이스를 읽을 수 없습니다: {path} ({exc})",
                              f"The database cannot be read: {path} ({exc})")
