"""Reading a Legacy (Streamlit) SQLite database, read-only, and its pre-clean (docs/domain.md 10.2).

The file is opened with the SQLite URI `mode=ro`, so nothing can write to it. Columns added
by later Legacy versions may be missing in older files: a missing column reads as None.
The pre-clean happens in memory: training_sessions are merged into sessions and
payment_records into payments unless the newer table already has the same row, and missing
trainer ids are taken from the package or the client.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from the5hc_desktop.domain.errors import StorageUnavailable, ValidationError

_CLOCK = re.compile(r"\d\d:\d\d(:\d\d)?", re.ASCII)
LEGACY_TABLES = ("trainers", "clients", "assessments", "session_packages")
OPTIONAL_TABLES = ("training_sessions", "sessions", "payment_records", "payments",
                   "fee_audit_log")


class Row:
    """A legacy row read by column name; a column the file does not have reads as None.

    The values stay in one tuple with the table's shared column index, so a 100,000-member
    file costs a few hundred bytes a row rather than a dict each.
    """

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: tuple[Any, ...]) -> None:
        self._index = index
        self._values = values

    def __getitem__(self, key: str) -> Any:
        position = self._index.get(key)
        return None if position is None else self._values[position]


EMPTY_ROW = Row({}, ())


@dataclass
class LegacySession:
    legacy_id: int  # sessions.id, or −training_sessions.id (both tables share no id space)
    source: str
    row: Row
    trainer_id: int | None


@dataclass
class LegacyPayment:
    legacy_id: int  # payments.id, or −payment_records.id
    source: str
    row: Row
    trainer_id: int | None


@dataclass(frozen=True)
class Merge:
    """An old-table row dropped as a duplicate of a newer-table row (pre-clean 10.2)."""

    table: str  # training_sessions | payment_records
    legacy_id: int
    kept_table: str  # sessions | payments
    kept_id: int
    day: str | None
    time: str | None  # HH:MM of the dropped row (sessions only)
    kept_time: str | None

    def describe(self) -> tuple[str, str]:
        """(Korean, English) one-line description for the summary."""
        when = " ".join(x for x in (self.day, self.time or self.kept_time) if x)
        return (f"{self.table} #{self.legacy_id} → {self.kept_table} #{self.kept_id} "
                f"({when}) 중복으로 합침",
                f"{self.table} #{self.legacy_id} merged into {self.kept_table} "
                f"#{self.kept_id} ({when})")


@dataclass
class LegacyData:
    """What the import needs from a legacy file, merged as docs/domain.md 10.2 says.

    Staff are held in memory; every other table is streamed from the file in id order by
    the `iter_*` methods, so memory stays flat however big the gym is.
    """

    path: Path
    trainers: list[Row]
    counts: dict[str, int]  # rows per table, for progress
    merged: dict[str, int] = field(default_factory=dict)  # duplicates dropped by the merges
    merges: list[Merge] = field(default_factory=list)  # each of them, for the summary
    tables: frozenset[str] = frozenset()
    # Old-table rows that duplicate nothing: they are imported after the newer tables' rows.
    old_sessions: list[Row] = field(default_factory=list)
    old_payments: list[Row] = field(default_factory=list)
    # Pre-clean step 3 needs every package's and member's trainer.
    trainer_of_package: dict[Any, Any] = field(default_factory=dict)
    trainer_of_client: dict[Any, Any] = field(default_factory=dict)

    def trainer_for(self, row: Row) -> int | None:
        """Pre-clean step 3: the row's trainer, else the package's, else the client's."""
        for candidate in (row["trainer_id"], self.trainer_of_package.get(row["package_id"]),
                          self.trainer_of_client.get(row["client_id"])):
            if candidate is not None:
                return int(candidate)
        return None

    def iter_clients(self) -> Iterator[Row]:
        return self._stream("clients")

    def iter_packages(self) -> Iterator[Row]:
        return self._stream("session_packages")

    def iter_sessions(self) -> Iterator[LegacySession]:
        for r in self._stream("sessions"):
            yield LegacySession(int(r["id"]), "sessions", r, self.trainer_for(r))
        for r in self.old_sessions:
            yield LegacySession(-int(r["id"]), "training_sessions", r, self.trainer_for(r))

    def iter_payments(self) -> Iterator[LegacyPayment]:
        for r in self._stream("payments"):
            yield LegacyPayment(int(r["id"]), "payments", r, self.trainer_for(r))
        for r in self.old_payments:
            yield LegacyPayment(-int(r["id"]), "payment_records", r, self.trainer_for(r))

    def iter_assessments(self) -> Iterator[Row]:
        return self._stream("assessments")

    def iter_fee_audits(self) -> Iterator[Row]:
        return self._stream("fee_audit_log")

    def _stream(self, table: str) -> Iterator[Row]:
        if table not in self.tables:
            return
        conn = _connect(self.path)
        try:
            yield from _rows(conn, table)
        except sqlite3.Error as exc:
            raise _unreadable(self.path, exc) from exc
        finally:
            conn.close()


def _take_twin(candidates: list[tuple[int, str | None]], minute: str | None) -> int | None:
    """The id of the newer-table row an old row duplicates (removed from `candidates`).

    Same start minute first; a side without a time matches any time of the other.
    """
    for exact in (True, False):
        for index, (_row_id, other) in enumerate(candidates):
            if (other == minute) if exact else (other is None or minute is None):
                return candidates.pop(index)[0]
    return None


def read_legacy(path: Path) -> LegacyData:
    """Check the legacy file and read what the import keeps in memory (see LegacyData)."""
    path = path.expanduser()
    if not path.is_file():
        raise ValidationError(f"레거시 데이터베이스 파일이 없습니다: {path}",
                              f"No legacy database file at {path}", field="path")
    conn = _connect(path)
    try:
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in LEGACY_TABLES if t not in tables]
        if missing:
            raise ValidationError(
                "레거시(Streamlit) The5HC 데이터베이스가 아닙니다 "
                f"(없는 테이블: {', '.join(missing)}).",
                f"Not a legacy (Streamlit) The5HC database (missing tables: "
                f"{', '.join(missing)}).",
                field="path",
            )
        data = LegacyData(
            path=path,
            trainers=list(_rows(conn, "trainers")),
            counts={t: _count(conn, t) if t in tables else 0
                    for t in ("clients", "session_packages", "sessions", "payments",
                              "assessments", "fee_audit_log")},
            tables=frozenset(tables),
        )
        data.trainer_of_package = dict(conn.execute(
            "SELECT id, trainer_id FROM session_packages"))
        data.trainer_of_client = dict(conn.execute("SELECT id, trainer_id FROM clients"))
        if "training_sessions" in tables:
            _merge_sessions(conn, data, "sessions" in tables)
        if "payment_records" in tables:
            _merge_payments(conn, data, "payments" in tables)
    except sqlite3.Error as exc:
        raise _unreadable(path, exc) from exc
    finally:
        conn.close()
    data.merged = {"training_sessions": 0, "payment_records": 0}
    for merge in data.merges:
        data.merged[merge.table] += 1
    return data


def _merge_sessions(conn: sqlite3.Connection, data: LegacyData, has_newer: bool) -> None:
    """Pre-clean step 1, with the time: an old row is the same session as a newer one only
    when client, package, day and start minute match (or one side has no time). Each newer
    row absorbs at most one old row, so two real sessions never become one."""
    old = list(_rows(conn, "training_sessions"))
    keys = {(r["client_id"], r["package_id"], day_text(r["session_date"])) for r in old}
    candidates: dict[tuple[Any, ...], list[tuple[int, str | None]]] = {}
    if has_newer:  # only the newer rows an old row could match are remembered
        for row_id, client, package, day, clock in conn.execute(
                "SELECT id, client_id, package_id, session_date, session_time FROM sessions"
                " ORDER BY id"):
            key = (client, package, day_text(day))
            if key in keys:
                candidates.setdefault(key, []).append((int(row_id), minute_text(clock)))
    for r in old:
        key = (r["client_id"], r["package_id"], day_text(r["session_date"]))
        group = candidates.get(key, [])
        twin_minutes = dict(group)
        twin = _take_twin(group, minute_text(r["session_time"]))
        if twin is None:
            data.old_sessions.append(r)
            continue
        data.merges.append(Merge("training_sessions", int(r["id"]), "sessions", twin, key[2],
                                 minute_text(r["session_time"]), twin_minutes[twin]))


def _merge_payments(conn: sqlite3.Connection, data: LegacyData, has_newer: bool) -> None:
    """Pre-clean step 2: an old payment with the client, amount and day of a newer one is
    that payment; each newer row absorbs at most one old row."""
    old = list(_rows(conn, "payment_records"))
    keys = {(r["client_id"], whole(r["amount"]), day_text(r["payment_date"])) for r in old}
    candidates: dict[tuple[Any, ...], list[int]] = {}
    if has_newer:
        for row_id, client, amount, day in conn.execute(
                "SELECT id, client_id, amount, payment_date FROM payments ORDER BY id"):
            key = (client, whole(amount), day_text(day))
            if key in keys:
                candidates.setdefault(key, []).append(int(row_id))
    for r in old:
        key = (r["client_id"], whole(r["amount"]), day_text(r["payment_date"]))
        group = candidates.get(key, [])
        if not group:
            data.old_payments.append(r)
            continue
        data.merges.append(Merge("payment_records", int(r["id"]), "payments", group.pop(0),
                                 key[2], None, None))


def _connect(path: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _unreadable(path, exc) from exc


def _unreadable(path: Path, exc: Exception) -> StorageUnavailable:
    return StorageUnavailable(f"레거시 데이터베이스를 읽을 수 없습니다: {path} ({exc})",
                              f"The legacy database cannot be read: {path} ({exc})")


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def _rows(conn: sqlite3.Connection, table: str) -> Iterator[Row]:
    cursor = conn.execute(f'SELECT * FROM "{table}" ORDER BY id')
    index = {d[0]: i for i, d in enumerate(cursor.description)}
    for values in cursor:
        yield Row(index, values)


# -- value helpers (legacy text → Python) ------------------------------------------------------


def whole(value: Any) -> int | None:
    """KRW amounts: INTEGER in old tables, REAL in newer ones."""
    if value is None or value == "":
        return None
    return round(float(value))


def day_text(value: Any) -> str | None:
    return None if value is None else str(value).strip()[:10]


def minute_text(value: Any) -> str | None:
    """`HH:MM` of a legacy time, or None when missing or unparsable."""
    clock = parse_clock(value)
    return None if clock is None else clock.strftime("%H:%M")


def parse_day(value: Any) -> date | None:
    """A calendar date (`YYYY-MM-DD`, possibly followed by a time)."""
    text = day_text(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_utc(value: Any) -> datetime | None:
    """A legacy timestamp as UTC (CURRENT_TIMESTAMP defaults are UTC, docs/domain.md 10.5)."""
    if value is None or value == "":
        return None
    text = str(value).strip().replace("T", " ")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        day = parse_day(text)
        return None if day is None else datetime.combine(day, time(), UTC)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def parse_clock(value: Any) -> time | None:
    """`HH:MM`, `HH:MM:SS` or `HH:MM:SS.ffffff` (microseconds dropped); None if unparsable."""
    if value is None:
        return None
    text = str(value).strip().split(".")[0]
    if _CLOCK.fullmatch(text):  # the usual shape, without strptime's cost
        hour, minute, second = int(text[:2]), int(text[3:5]), int(text[6:8] or 0)
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute, second)
        return None
    for pattern in ("%H:%M:%S", "%H:%M"):
        try:
            return datetime.strptime(text, pattern).time()
        except ValueError:
            continue
    return None
