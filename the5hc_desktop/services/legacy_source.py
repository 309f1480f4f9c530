"""Reading a Legacy (Streamlit) SQLite database, read-only, and its pre-clean (docs/domain.md 10.2).

The file is opened with the SQLite URI `mode=ro`, so nothing can write to it. Columns added
by later Legacy versions may be missing in older files: a missing column reads as None.
The pre-clean happens in memory: training_sessions are merged into sessions and
payment_records into payments unless the newer table already has the same row, and missing
trainer ids are taken from the package or the client.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from the5hc_desktop.domain.errors import StorageUnavailable, ValidationError

LEGACY_TABLES = ("trainers", "clients", "assessments", "session_packages")
OPTIONAL_TABLES = ("training_sessions", "sessions", "payment_records", "payments",
                   "fee_audit_log")


class Row(dict[str, Any]):
    """A legacy row; a column the file does not have reads as None."""

    def __missing__(self, key: str) -> None:
        return None


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
    trainers: list[Row]
    clients: list[Row]
    assessments: list[Row]
    packages: list[Row]
    sessions: list[LegacySession]
    payments: list[LegacyPayment]
    fee_audits: list[Row]
    merged: dict[str, int] = field(default_factory=dict)  # duplicates dropped by the merges
    merges: list[Merge] = field(default_factory=list)  # each of them, for the summary


def _take_twin(candidates: list[Row], minute: str | None) -> Row | None:
    """The newer-table row an old row duplicates (removed from `candidates`), or None.

    Same start minute first; a side without a time matches any time of the other.
    """
    for exact in (True, False):
        for index, row in enumerate(candidates):
            other = minute_text(row["session_time"])
            if (other == minute) if exact else (other is None or minute is None):
                return candidates.pop(index)
    return None


def read_legacy(path: Path) -> LegacyData:
    """Everything the import needs from the legacy file, merged as docs/domain.md 10.2 says."""
    path = path.expanduser()
    if not path.is_file():
        raise ValidationError(f"레거시 데이터베이스 파일이 없습니다: {path}",
                              f"No legacy database file at {path}", field="path")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _unreadable(path, exc) from exc
    try:
        conn.row_factory = sqlite3.Row
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
        data = {name: list(_rows(conn, name)) if name in tables else []
                for name in LEGACY_TABLES + OPTIONAL_TABLES}
    except sqlite3.Error as exc:
        raise _unreadable(path, exc) from exc
    finally:
        conn.close()
    return _merge(data)


def _unreadable(path: Path, exc: Exception) -> StorageUnavailable:
    return StorageUnavailable(f"레거시 데이터베이스를 읽을 수 없습니다: {path} ({exc})",
                              f"The legacy database cannot be read: {path} ({exc})")


def _rows(conn: sqlite3.Connection, table: str) -> Iterator[Row]:
    for record in conn.execute(f'SELECT * FROM "{table}" ORDER BY id'):
        yield Row(zip(record.keys(), tuple(record), strict=True))


def _merge(data: dict[str, list[Row]]) -> LegacyData:
    packages = {p["id"]: p for p in data["session_packages"]}
    clients = {c["id"]: c for c in data["clients"]}

    def trainer_for(row: Row) -> int | None:
        # Pre-clean step 3: the row's trainer, else the package's, else the client's.
        for candidate in (row["trainer_id"], packages.get(row["package_id"], Row())["trainer_id"],
                          clients.get(row["client_id"], Row())["trainer_id"]):
            if candidate is not None:
                return int(candidate)
        return None

    merges: list[Merge] = []
    sessions = [LegacySession(int(r["id"]), "sessions", r, trainer_for(r))
                for r in data["sessions"]]
    # Pre-clean step 1, with the time: an old row is the same session as a newer one only
    # when client, package, day and start minute match (or one side has no time). Each
    # newer row absorbs at most one old row, so two real sessions never become one.
    open_sessions: dict[tuple[Any, ...], list[Row]] = {}
    for r in data["sessions"]:
        key = (r["client_id"], r["package_id"], day_text(r["session_date"]))
        open_sessions.setdefault(key, []).append(r)
    for r in data["training_sessions"]:
        key = (r["client_id"], r["package_id"], day_text(r["session_date"]))
        twin = _take_twin(open_sessions.get(key, []), minute_text(r["session_time"]))
        if twin is None:
            sessions.append(LegacySession(-int(r["id"]), "training_sessions", r,
                                          trainer_for(r)))
            continue
        merges.append(Merge("training_sessions", int(r["id"]), "sessions", int(twin["id"]),
                            key[2], minute_text(r["session_time"]),
                            minute_text(twin["session_time"])))

    payments = [LegacyPayment(int(r["id"]), "payments", r, trainer_for(r))
                for r in data["payments"]]
    open_payments: dict[tuple[Any, ...], list[Row]] = {}
    for r in data["payments"]:
        key = (r["client_id"], whole(r["amount"]), day_text(r["payment_date"]))
        open_payments.setdefault(key, []).append(r)
    for r in data["payment_records"]:
        key = (r["client_id"], whole(r["amount"]), day_text(r["payment_date"]))
        candidates = open_payments.get(key, [])
        if not candidates:
            payments.append(LegacyPayment(-int(r["id"]), "payment_records", r,
                                          trainer_for(r)))
            continue
        twin = candidates.pop(0)
        merges.append(Merge("payment_records", int(r["id"]), "payments", int(twin["id"]),
                            key[2], None, None))
    merged = {"training_sessions": 0, "payment_records": 0}
    for merge in merges:
        merged[merge.table] += 1
    return LegacyData(
        trainers=data["trainers"],
        clients=data["clients"],
        assessments=data["assessments"],
        packages=data["session_packages"],
        sessions=sessions,
        payments=payments,
        fee_audits=data["fee_audit_log"],
        merged=merged,
        merges=merges,
    )


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
    for pattern in ("%H:%M:%S", "%H:%M"):
        try:
            return datetime.strptime(text, pattern).time()
        except ValueError:
            continue
    return None
