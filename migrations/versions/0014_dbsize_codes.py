"""Smaller SQLite rows: vocabulary codes, device numbers, no duplicate index prefixes.

SQLite only (the values the app, sync and the server see stay the same; PostgreSQL gets
the empty `device_refs` table, which the models declare, and nothing else):
- vocabulary columns (store/codes.py) hold their position in the vocabulary instead of
  the text: sessions.status, credit_ledger.kind, payments.method,
  session_packages.payment_method, the assessments' gender, push-up type, environment,
  squat quality and risk level, and dash_session_hours.status (a copy of sessions.status).
  Each is an INTEGER column whose CHECK lists the positions; a status repeated in the table
  and six indexes takes 0-1 byte instead of 6-9;
- `updated_by_device` holds the device's number in the new table `device_refs` (0-1 byte)
  instead of its 16 bytes; this file's own device is number 1;
- the assessments' measured values (`types.Measure`) that are a whole number of
  hundredths are stored as that integer (72.5 kg -> 7250: 2 bytes instead of 8) in columns
  without type affinity (BLOB), other values as their float;
- indexes whose columns are a leading part of a wider live index with the same WHERE are
  dropped (the wider one serves their queries): ix_sessions_live_starts_at
  (ix_sessions_live_analytics), ix_payments_live_paid_on (ix_payments_live_revenue),
  ix_assessments_live_assessed_on (ix_assessments_live_analytics),
  ix_clients_live_created_at (ix_clients_live_created_trainer); and
  ix_sessions_client_id_starts_at and ix_sessions_trainer_id_starts_at: every query of a
  member's or a trainer's sessions counts live rows, which ix_sessions_live_client_status
  and ix_sessions_live_trainer_status serve (a member has few sessions; a week of the
  busiest trainer of the 100k set takes 1.0 ms CPU instead of 0.1).

Tables with coded columns are rebuilt the way SQLite documents (new table from the stored
CREATE statement with the columns rewritten, copy, drop, rename), so every other clause
stays as it was; their indexes are created again from their stored SQL. Every trigger is
dropped first and created again at the end from its stored SQL, except the 분석 triggers,
whose bodies compare statuses and are made again by store/analytics_sql.py in the stored
form of the revision. The file is vacuumed after the upgrade (store/database.py).

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import sqlalchemy as sa
from alembic import op

from the5hc_desktop.store import analytics_sql

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


class Coded(NamedTuple):
    """A vocabulary column: its text type before, and its vocabulary (frozen here: the
    positions are the stored values; the domain may only append to a vocabulary)."""

    table: str
    column: str
    text_type: str
    values: tuple[str, ...]


STATUSES = ("scheduled", "completed", "cancelled", "no_show")
METHODS = ("card", "cash", "transfer", "other")
LEDGER_KINDS = ("purchase", "complete", "no_show", "undo_complete", "adjustment", "refund",
                "opening")
SESSION_KINDS = ("complete", "no_show", "undo_complete")
CODED = (
    Coded("sessions", "status", "VARCHAR(10)", STATUSES),
    Coded("credit_ledger", "kind", "VARCHAR(16)", LEDGER_KINDS),
    Coded("payments", "method", "VARCHAR(10)", METHODS),
    Coded("session_packages", "payment_method", "VARCHAR(10)", METHODS),
    Coded("assessments", "gender", "VARCHAR(6)", ("male", "female")),
    Coded("assessments", "push_up_type", "VARCHAR(10)", ("standard", "modified", "wall")),
    Coded("assessments", "environment", "VARCHAR(8)", ("indoor", "outdoor")),
    Coded("assessments", "overhead_squat_quality", "VARCHAR(16)",
          ("pain", "cannot_squat", "compensations", "perfect")),
    Coded("assessments", "risk_level", "VARCHAR(16)", ("low", "low-moderate", "moderate", "high")),
    Coded("dash_session_hours", "status", "VARCHAR(10)", STATUSES),
)
# Measured values of assessments (store/types.py Measure).
MEASURED = ("body_weight_kg", "farmer_carry_weight_kg", "farmer_carry_distance_m",
            "farmer_carry_time_s", "farmer_carry_percent", "toe_touch_cm", "shoulder_left_cm",
            "shoulder_right_cm", "balance_right_open_s", "balance_left_open_s",
            "balance_right_closed_s", "balance_left_closed_s", "step_test_duration_s",
            "height_cm", "weight_kg", "body_fat_pct", "skeletal_muscle_kg", "temperature_c")
MEASURE_LIMIT = 2**50  # hundredths beyond this stay floats (as measure_storage decides)
# Other CHECK clauses naming a coded column: (table, text form, coded form).
OTHER_CHECKS = (
    ("credit_ledger",
     "kind NOT IN (" + ", ".join(f"'{k}'" for k in SESSION_KINDS) + ")",
     "kind NOT IN (" + ", ".join(str(LEDGER_KINDS.index(k)) for k in SESSION_KINDS) + ")"),
)
SYNCED_TABLES = (
    "organizations", "settings", "staff_accounts", "audit_log", "clients", "assessments",
    "session_packages", "payments", "sessions", "credit_ledger", "fee_audit_entries",
    "health_screenings", "assessment_health", "trainer_hours", "availability_exceptions",
)
LIVE = "deleted_at IS NULL"
# (name, table, columns, over live rows only): indexes another one serves.
DROPPED_INDEXES = (
    ("ix_sessions_live_starts_at", "sessions", ("starts_at", "status"), True),
    ("ix_payments_live_paid_on", "payments", ("paid_on", "gross", "net"), True),
    ("ix_assessments_live_assessed_on", "assessments", ("assessed_on", "score_overall"), True),
    ("ix_clients_live_created_at", "clients", ("created_at",), True),
    ("ix_sessions_client_id_starts_at", "sessions", ("client_id", "starts_at"), False),
    ("ix_sessions_trainer_id_starts_at", "sessions", ("trainer_id", "starts_at"), False),
)


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _raw(sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    return list(op.get_bind().exec_driver_sql(sql, params).fetchall())


def _text_list(values: Sequence[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _code_list(values: Sequence[str]) -> str:
    return ", ".join(str(n) for n in range(len(values)))


def _replace_once(sql: str, old: str, new: str, pattern: bool = False) -> str:
    found = re.compile(old if pattern else re.escape(old))
    result, count = found.subn(new.replace("\\", "\\\\"), sql)
    if count != 1:
        raise RuntimeError(f"expected one {old!r} in {sql[:60]}..., found {count}")
    return result


def _table_sql(table: str, up: bool) -> str:
    """The table's stored CREATE statement with its coded columns in the form of `up`."""
    (sql,) = _raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                  (table,))[0]
    assert isinstance(sql, str)
    for c in (c for c in CODED if c.table == table):
        text_check = f"{c.column} IN ({_text_list(c.values)})"
        code_check = f"{c.column} IN ({_code_list(c.values)})"
        before, after = (c.text_type, "INTEGER") if up else ("INTEGER", c.text_type)
        sql = _replace_once(sql, rf"(?<=\s){c.column} {re.escape(before)}(?=[\s,])",
                            f"{c.column} {after}", pattern=True)
        if table != "dash_session_hours":  # the summary has no CHECK
            sql = (_replace_once(sql, text_check, code_check) if up
                   else _replace_once(sql, code_check, text_check))
    if table == "assessments":
        for column in MEASURED:
            before, after = ("FLOAT", "BLOB") if up else ("BLOB", "FLOAT")
            sql = _replace_once(sql, rf"(?<=\s){column} {before}(?=[\s,])",
                                f"{column} {after}", pattern=True)
    for name, text_form, code_form in OTHER_CHECKS:
        if name == table:
            sql = (_replace_once(sql, text_form, code_form) if up
                   else _replace_once(sql, code_form, text_form))
    return sql


def _converted(c: Coded, up: bool) -> str:
    pairs = [(f"'{v}'", str(n)) for n, v in enumerate(c.values)]
    cases = " ".join(f"WHEN {a} THEN {b}" if up else f"WHEN {b} THEN {a}" for a, b in pairs)
    return f"CASE {c.column} {cases} ELSE {c.column} END"


def _measure(column: str, up: bool) -> str:
    """Whole hundredths when they give back the very float (as store/types.py decides)."""
    if up:
        hundredths = f"round({column} * 100)"
        return (f"CASE WHEN typeof({column}) = 'real' AND abs({hundredths}) < {MEASURE_LIMIT}"
                f" AND {hundredths} / 100.0 = {column} THEN CAST({hundredths} AS INTEGER)"
                f" ELSE {column} END")
    return f"CASE WHEN typeof({column}) = 'integer' THEN {column} / 100.0 ELSE {column} END"


def _device(up: bool) -> str:
    if up:
        return ("coalesce((SELECT r.ref FROM device_refs r WHERE r.device_id = "
                "updated_by_device), updated_by_device)")
    return ("coalesce((SELECT r.device_id FROM device_refs r WHERE r.ref = "
            "updated_by_device AND typeof(updated_by_device) = 'integer'), "
            "updated_by_device)")


def _rebuild(table: str, up: bool) -> None:
    """Rebuild `table` with its coded columns (and device numbers) in the form of `up`."""
    create = _table_sql(table, up)
    indexes = [sql for (sql,) in _raw(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (table,))]
    columns = [str(r[1]) for r in _raw(f'PRAGMA table_info("{table}")')]
    coded = {c.column: c for c in CODED if c.table == table}
    measured = MEASURED if table == "assessments" else ()
    values = [_converted(coded[name], up) if name in coded
              else _measure(name, up) if name in measured
              else _device(up) if name == "updated_by_device" else name
              for name in columns]
    new = f"{table}_0014"
    op.execute(_replace_once(create, rf'^CREATE TABLE "?{table}"?', f'CREATE TABLE "{new}"',
                             pattern=True))
    op.execute(f'INSERT INTO "{new}" ({", ".join(columns)}) '
               f'SELECT {", ".join(values)} FROM "{table}"')
    op.execute(f'DROP TABLE "{table}"')
    op.execute(f'ALTER TABLE "{new}" RENAME TO "{table}"')
    for sql in indexes:
        op.execute(str(sql))


def _devices(up: bool) -> None:
    """Device ids of the tables not rebuilt, to their numbers (or back)."""
    rebuilt = {c.table for c in CODED}
    for table in SYNCED_TABLES:
        if table not in rebuilt:
            op.execute(f"UPDATE {table} SET updated_by_device = {_device(up)}")


def _number_devices() -> None:
    """Number every device that wrote a row, this file's own device first (number 1)."""
    seen = " UNION ".join(
        f"SELECT updated_by_device AS d FROM {t} WHERE typeof(updated_by_device) = 'blob'"
        f" AND length(updated_by_device) = 16" for t in SYNCED_TABLES)
    op.execute("INSERT INTO device_refs (device_id) SELECT id FROM devices WHERE is_local = 1"
               " ORDER BY created_at LIMIT 1")
    op.execute(f"INSERT INTO device_refs (device_id) SELECT d FROM ({seen}) "
               "WHERE d NOT IN (SELECT device_id FROM device_refs) ORDER BY d")


def _triggers() -> list[tuple[str, str]]:
    """(name, SQL) of every trigger, dropped: the rebuilt tables take theirs with them."""
    found = [(str(n), str(sql)) for n, sql in
             _raw("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")]
    for name, _sql in found:
        op.execute(f'DROP TRIGGER "{name}"')
    return found


def _restore(triggers: list[tuple[str, str]], coded: bool) -> None:
    analytics = {name for name, _body in analytics_sql.TRIGGERS}
    for name, sql in triggers:
        if name not in analytics:
            op.execute(sql)
    if analytics & {name for name, _sql in triggers}:
        for statement in analytics_sql.create_statements(coded=coded):
            op.execute(statement)


def _device_refs_table() -> None:
    id_type = sa.LargeBinary(length=16) if _sqlite() else sa.Uuid()
    op.create_table(
        "device_refs",
        sa.Column("ref", sa.Integer(), nullable=False),
        sa.Column("device_id", id_type, nullable=False),
        sa.PrimaryKeyConstraint("ref", name=op.f("pk_device_refs")),
        sa.UniqueConstraint("device_id", name=op.f("uq_device_refs_device_id")),
    )


def upgrade() -> None:
    _device_refs_table()
    for name, table, _columns, _live in DROPPED_INDEXES:
        op.drop_index(name, table_name=table)
    if not _sqlite():
        return
    triggers = _triggers()
    _number_devices()
    for table in dict.fromkeys(c.table for c in CODED):
        _rebuild(table, up=True)
    _devices(up=True)
    _restore(triggers, coded=True)


def downgrade() -> None:
    if _sqlite():
        triggers = _triggers()
        for table in dict.fromkeys(c.table for c in CODED):
            _rebuild(table, up=False)
        _devices(up=False)
        _restore(triggers, coded=False)
    for name, table, columns, live in DROPPED_INDEXES:
        if live:
            op.create_index(name, table, [*columns, "deleted_at"],
                            sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))
        else:
            op.create_index(name, table, list(columns))
    op.drop_table("device_refs")
