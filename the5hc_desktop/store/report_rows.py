"""The rows one assessment report prints, read on a plain `sqlite3` connection.

`the5hc report ID -o FILE` is a process of its own: importing SQLAlchemy and mapping the
models would cost it more than reading and rendering the report together. `ReportRows`
opens a file the way `Database.open` does when the file needs nothing done to it (the
same file lock and open marker), and refuses (`NeedsFullOpen`) whenever it would need
something: an upgrade or a refusal of another revision, an integrity check, working copies
to remove, an interrupted bulk load to finish, a device row to create. The caller then
takes the ordinary path, which does all of that.

Rows come back as namespaces whose attributes carry the model attributes' names and Python
values, decoded from their stored forms (store/stored_forms.py); SQL compares stored forms
(ids as their 16 bytes). A test keeps each column's decoding equal to its model type's.
"""

from __future__ import annotations

import functools
import sqlite3
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from the5hc_desktop.domain.choices import (
    ENVIRONMENTS,
    GENDERS,
    OVERHEAD_SQUAT_QUALITIES,
    PUSH_UP_TYPES,
    RISK_LEVELS,
)
from the5hc_desktop.file_modes import private_file
from the5hc_desktop.store import check_record, open_marker
from the5hc_desktop.store.file_lock import FileLock, try_exclusive
from the5hc_desktop.store.revision import HEAD_REVISION, VERSION_TABLE
from the5hc_desktop.store.stored_forms import (
    bool_read,
    code_read,
    date_read,
    instant_read,
    json_read,
    measure_read,
    packed_json_read,
    uuid_read,
)

Decode = Callable[[Any], Any]

# As in store/database.py and store/bulk_load.py (a test keeps them equal).
WORK_SUFFIXES = (".upgrading", ".restoring")
BULK_LOAD_MARKER = "bulk_load"
BUSY_TIMEOUT_S = 5.0
# assessment_health ids derive from the assessment id (models_health.assessment_health_id).
_HEALTH_NAMESPACE = uuid.UUID("6f1d4c2e-9a57-4b1e-8c3d-2f5e7a9b0c14")


def _code(values: tuple[str, ...]) -> Decode:
    return functools.partial(code_read, values)


_SYNCED: dict[str, Decode | None] = {"id": uuid_read, "created_at": instant_read,
                                     "deleted_at": instant_read}
_MEASURES = (
    "body_weight_kg", "farmer_carry_weight_kg", "farmer_carry_distance_m",
    "farmer_carry_time_s", "farmer_carry_percent", "toe_touch_cm", "shoulder_left_cm",
    "shoulder_right_cm", "balance_right_open_s", "balance_left_open_s",
    "balance_right_closed_s", "balance_left_closed_s", "step_test_duration_s", "height_cm",
    "weight_kg", "body_fat_pct", "skeletal_muscle_kg", "temperature_c",
)
_PLAIN = (
    "age_at_assessment", "push_up_reps", "shoulder_mobility_score", "overhead_squat_score",
    "step_test_pulse_1", "step_test_pulse_2", "step_test_pulse_3", "legacy_heart_rate",
    "notes", "score_push_up", "score_farmer_carry", "score_toe_touch",
    "score_shoulder_mobility", "score_overhead_squat", "score_balance", "score_step_test",
    "pfi", "score_strength", "score_mobility", "score_balance_category", "score_cardio",
    "score_overall", "risk_score", "scoring_version",
)

# Column -> how its stored form is read (None: as sqlite3 returns it).
ASSESSMENT: dict[str, Decode | None] = {
    **_SYNCED, "client_id": uuid_read, "trainer_id": uuid_read, "assessed_on": date_read,
    "gender": _code(GENDERS), "push_up_type": _code(PUSH_UP_TYPES),
    "environment": _code(ENVIRONMENTS),
    "overhead_squat_quality": _code(OVERHEAD_SQUAT_QUALITIES),
    "risk_level": _code(RISK_LEVELS),
    "shoulder_pain": bool_read, "knee_valgus": bool_read, "forward_lean": bool_read,
    "heel_lift": bool_read, "arm_drop": bool_read, "complete": bool_read,
    "test_notes": json_read, "overrides": json_read,
    "risk_factors": packed_json_read, "recommendations": packed_json_read,
    **dict.fromkeys(_MEASURES, measure_read), **dict.fromkeys(_PLAIN),
}
CLIENT: dict[str, Decode | None] = {
    **_SYNCED, "name": None, "gender": None, "birth_date": date_read, "age_years": None,
    "age_recorded_on": date_read, "height_cm": None, "weight_kg": None,
}
STAFF: dict[str, Decode | None] = {
    **_SYNCED, "username": None, "display_name": None, "role": None, "active": bool_read,
}
HEALTH: dict[str, Decode | None] = {
    **_SYNCED, "assessment_id": uuid_read, "client_id": uuid_read, "screening_id": uuid_read,
    "proceed_reason": None, "proceed_by": uuid_read, "answers": json_read,
    "questionnaire_version": None, "category_scores": json_read, "comprehensive": None,
    "questionnaire_risk": None, "blended_risk": None, "risk_answers": json_read,
    "scoring_version": None,
}
SCREENING: dict[str, Decode | None] = {
    **_SYNCED, "client_id": uuid_read, "screened_on": date_read, "recorded_by": uuid_read,
    "answers": json_read, "clearance_advised": bool_read, "notes": None,
}
SETTING: dict[str, Decode | None] = {**_SYNCED, "key": None, "value": json_read}
ORGANIZATION: dict[str, Decode | None] = {**_SYNCED, "name": None}


class NeedsFullOpen(Exception):
    """The file needs `Database.open` (see the module docstring); the reason is the text."""


def health_id(assessment_id: uuid.UUID) -> uuid.UUID:
    return uuid.uuid5(_HEALTH_NAMESPACE, f"{assessment_id}:health")


class ReportRows:
    """An open file and one read transaction: one snapshot for every row of the report."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: FileLock) -> None:
        self.path = path
        self._conn = conn
        self._lock: FileLock | None = lock

    @classmethod
    def open(cls, target: str | Path) -> ReportRows:
        """Open `target` for reading, or raise NeedsFullOpen."""
        path = Path(target).expanduser().absolute()
        if not path.is_file():
            raise NeedsFullOpen("no file")
        lock = _lock_plain(path)
        conn: sqlite3.Connection | None = None
        marked = False
        try:
            if ((lock.exclusive and open_marker.is_marked(path))
                    or check_record.found_damaged(path)):
                raise NeedsFullOpen("the file is due an integrity check")
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            _require_plain(conn)
            lock.share()
            open_marker.mark_open(path)
            marked = True
            conn.execute("BEGIN")
        except (sqlite3.Error, OSError) as exc:
            _let_go(path, conn, lock, marked)
            raise NeedsFullOpen(f"{type(exc).__name__}: {exc}") from exc
        except BaseException:
            _let_go(path, conn, lock, marked)
            raise
        return cls(path, conn, lock)

    def close(self) -> None:
        """End the transaction, close the connection, release the lock (as `Database.close`)."""
        if self._lock is None:
            return
        lock, self._lock = self._lock, None
        _let_go(self.path, self._conn, lock, marked=True)

    def __enter__(self) -> ReportRows:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- rows ------------------------------------------------------------------------------

    def assessment(self, assessment_id: uuid.UUID) -> SimpleNamespace | None:
        return self._by_id("assessments", ASSESSMENT, assessment_id)

    def client(self, client_id: uuid.UUID) -> SimpleNamespace | None:
        return self._by_id("clients", CLIENT, client_id)

    def staff(self, staff_id: uuid.UUID | None) -> SimpleNamespace | None:
        return None if staff_id is None else self._by_id("staff_accounts", STAFF, staff_id)

    def health(self, assessment_id: uuid.UUID) -> SimpleNamespace | None:
        return self._by_id("assessment_health", HEALTH, health_id(assessment_id))

    def screening(self, screening_id: uuid.UUID) -> SimpleNamespace | None:
        return self._by_id("health_screenings", SCREENING, screening_id)

    def first_owner(self) -> SimpleNamespace | None:
        """The gym's first active owner (services.maintenance.system_actor's query)."""
        return self._first("staff_accounts", STAFF,
                           "role = 'owner' AND active = 1 AND deleted_at IS NULL "
                           "ORDER BY created_at, id LIMIT 1", ())

    def setting(self, key: str) -> Any:
        """The value of a live synced setting, None when there is none."""
        row = self._first("settings", SETTING, "key = ? AND deleted_at IS NULL", (key,))
        return None if row is None else row.value

    def gym_name(self) -> str:
        """The name of the gym (the oldest live organization, as services.settings reads it)."""
        row = self._first("organizations", ORGANIZATION,
                          "deleted_at IS NULL ORDER BY created_at, id LIMIT 1", ())
        return (row.name if row is not None else "") or ""

    def _by_id(self, table: str, columns: Mapping[str, Decode | None],
               row_id: uuid.UUID) -> SimpleNamespace | None:
        return self._first(table, columns, "id = ?", (row_id.bytes,))

    def _first(self, table: str, columns: Mapping[str, Decode | None], where: str,
               params: tuple[Any, ...]) -> SimpleNamespace | None:
        found = self._conn.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE {where}", params).fetchone()
        if found is None:
            return None
        return SimpleNamespace(**{
            name: value if value is None or decode is None else decode(value)
            for (name, decode), value in zip(columns.items(), found, strict=True)
        })


def _lock_plain(path: Path) -> FileLock:
    """`database._lock_for_open`, except that working copies left behind are the ordinary
    open's to remove."""
    for own in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        private_file(own)
    lock = try_exclusive(path)
    if lock is None:
        try:
            return FileLock.acquire(path, exclusive=False)
        except Exception as exc:  # held exclusively (an upgrade, a restore): its message
            raise NeedsFullOpen(str(exc)) from exc
    for suffix in WORK_SUFFIXES:
        work = path.with_name(path.name + suffix)
        if any(Path(f"{work}{end}").exists() for end in ("", "-wal", "-shm", "-journal")):
            lock.release()
            raise NeedsFullOpen(f"{work.name} was left behind")
    return lock


def _require_plain(conn: sqlite3.Connection) -> None:
    """At head, no bulk load pending, this device known: else NeedsFullOpen."""
    has_version = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                               (VERSION_TABLE,)).fetchone()
    revision = (conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
                if has_version else [])
    if [tuple(r) for r in revision] != [(HEAD_REVISION,)]:
        raise NeedsFullOpen(f"revision {revision!r}, not {HEAD_REVISION}")
    if conn.execute("SELECT 1 FROM sync_state WHERE key = ?", (BULK_LOAD_MARKER,)).fetchone():
        raise NeedsFullOpen("a bulk load is to be finished")
    device = conn.execute("SELECT id FROM devices WHERE is_local = 1 "
                          "ORDER BY created_at LIMIT 1").fetchone()
    if device is None or conn.execute("SELECT 1 FROM device_refs WHERE device_id = ?",
                                      (device[0],)).fetchone() is None:
        raise NeedsFullOpen("this device has no row or number in the file yet")


def _let_go(path: Path, conn: sqlite3.Connection | None, lock: FileLock, marked: bool) -> None:
    try:
        if conn is not None:
            conn.close()  # a read leaves nothing to commit; the last close checkpoints
    finally:
        lock.release()
        if marked:
            open_marker.mark_closed_if_last(path)
