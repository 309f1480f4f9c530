"""Compact storage on SQLite; the legacy-id rule and duplicate indexes on every database.

SQLite (the values the app and sync see stay the same; store/types.py reads both forms):
- instants (`UTCDateTime`): naive UTC text (26 bytes) -> integer microseconds since
  1970-01-01 UTC (8 bytes), in every table; the order of the values is unchanged;
- `updated_by_device` (`DeviceRef`): 36-character UUID text -> its 16 bytes;
- `hlc` (`HlcValue`) of every synced table and of `sync_base`: 28 hex digits -> the 14
  bytes they spell (byte order = digit order = clock order);
- assessments.risk_factors / recommendations and fee_audit_entries.details (`PackedJSON`):
  JSON text -> version byte + deflate with a preset dictionary (~500 bytes -> ~20-70).
  Values are converted by Python functions registered on the migration connection, then
  each table is rebuilt (batch "move and copy") with its new declared types.

Every database:
- UNIQUE(legacy_id) -> a unique index over the rows that have one (NULLs never collide,
  so the rule is the same; the constraint indexed every row's NULL);
- ix_credit_ledger_package_id / ix_credit_ledger_client_id dropped: every ledger query
  counts live rows, which ix_credit_ledger_live_package / _live_client serve;
- ix_fee_audit_entries_package_id / _payment_id dropped: no query looks fee audit rows up
  by package or payment, and parents are never deleted (no foreign-key check needs them);
- ix_assessments_client_id_assessed_on, ix_assessments_assessed_on, ix_payments_paid_on
  dropped: every query on those columns counts live rows, which the live indexes serve.

A rebuild of `clients` drops the client_search triggers; they are created again from
revision 0002's own definition. `sync_base` is WITHOUT ROWID and rebuilt by hand.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import importlib.util
import json
import re
import uuid
import zlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SYNCED_TABLES = (
    "organizations", "settings", "staff_accounts", "audit_log", "clients", "assessments",
    "session_packages", "payments", "sessions", "credit_ledger", "fee_audit_entries",
    "health_screenings", "assessment_health", "trainer_hours", "availability_exceptions",
)
_STAMPS = ("created_at", "updated_at", "deleted_at")
# Instant columns of revision 0008, per table.
INSTANTS: dict[str, tuple[str, ...]] = {
    **{table: _STAMPS for table in SYNCED_TABLES},
    "audit_log": ("at", *_STAMPS),
    "sessions": ("starts_at", "completed_at", *_STAMPS),
    "devices": ("created_at",),
    "staff_sign_in_state": ("locked_until", "last_login"),
    "sync_conflicts": ("at",),
}
NOT_NULL_INSTANTS = {"created_at", "updated_at", "at", "starts_at"}
PACKED: dict[str, tuple[str, ...]] = {
    "assessments": ("risk_factors", "recommendations"),
    "fee_audit_entries": ("details",),
}
UNUSED_INDEXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("ix_credit_ledger_package_id", "credit_ledger", ("package_id",)),
    ("ix_credit_ledger_client_id", "credit_ledger", ("client_id",)),
    ("ix_fee_audit_entries_package_id", "fee_audit_entries", ("package_id",)),
    ("ix_fee_audit_entries_payment_id", "fee_audit_entries", ("payment_id",)),
    ("ix_assessments_client_id_assessed_on", "assessments", ("client_id", "assessed_on")),
    ("ix_assessments_assessed_on", "assessments", ("assessed_on",)),
    ("ix_payments_paid_on", "payments", ("paid_on",)),
)
TRIGGERS = ("client_search_insert", "client_search_update", "client_search_delete")

# Packed values: version byte 1 = the dictionary DICTIONARY_V1 of
# the5hc_desktop/store/json_dictionary.py, which is frozen (a new dictionary is a new version).
_PACKED_V1 = b"\x01"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HLC_TEXT = re.compile(r"[0-9a-f]{28}")


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _dictionary() -> bytes:
    from the5hc_desktop.store import json_dictionary

    return bytes(json_dictionary.DICTIONARY_V1)


def _revision_0002() -> ModuleType:
    return _load(Path(__file__).with_name("0002_search_and_live_indexes.py"),
                 "the5hc_revision_0002")


# --- value conversions (SQLite) ---------------------------------------------------------------

def _instant_up(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    parsed = datetime.fromisoformat(value)
    parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    return (parsed - _EPOCH) // _MICROSECOND


def _instant_down(value: Any) -> Any:
    if not isinstance(value, int):
        return value
    instant = _EPOCH + value * _MICROSECOND
    return instant.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _device_up(value: Any) -> Any:
    if isinstance(value, str) and _UUID_TEXT.fullmatch(value):
        return uuid.UUID(value).bytes
    return value


def _device_down(value: Any) -> Any:
    if isinstance(value, bytes) and len(value) == 16:
        return str(uuid.UUID(bytes=value))
    return value


def _hlc_up(value: Any) -> Any:
    if isinstance(value, str) and _HLC_TEXT.fullmatch(value):
        return bytes.fromhex(value)
    return value


def _hlc_down(value: Any) -> Any:
    if isinstance(value, bytes) and len(value) == 14:
        return value.hex()
    return value


def _packer(dictionary: bytes) -> Callable[[Any], Any]:
    def pack(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        compact = json.dumps(json.loads(value), ensure_ascii=False, separators=(",", ":"))
        deflate = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY,
                                   dictionary)
        return _PACKED_V1 + deflate.compress(compact.encode()) + deflate.flush()
    return pack


def _unpacker(dictionary: bytes) -> Callable[[Any], Any]:
    def unpack(value: Any) -> Any:
        if not isinstance(value, bytes) or value[:1] != _PACKED_V1:
            return value
        inflate = zlib.decompressobj(-15, dictionary)
        text = (inflate.decompress(value[1:]) + inflate.flush()).decode()
        return json.dumps(json.loads(text), ensure_ascii=False)
    return unpack


def _register(up: bool) -> None:
    raw = op.get_bind().connection.driver_connection
    dictionary = _dictionary()
    functions: dict[str, Callable[[Any], Any]] = {
        "instant": _instant_up if up else _instant_down,
        "device": _device_up if up else _device_down,
        "hlc": _hlc_up if up else _hlc_down,
        "packed": _packer(dictionary) if up else _unpacker(dictionary),
    }
    for name, function in functions.items():
        raw.create_function(f"the5hc_{name}", 1, function, deterministic=True)


def _convert(instants: bool, others: bool) -> None:
    """Rewrite values in place: the instants, and/or the device ids, clocks and packed JSON.

    Alembic's copy CASTs a column whose type affinity changes, so each value must have a
    form that survives it: upgrading, everything is converted before the copy (CAST of an
    integer to BIGINT, of bytes to BLOB, keep them); downgrading, the bytes become text
    before the copy (a CAST of bytes to VARCHAR would misread them) and the instants after
    it (a CAST of '2025-...' text to DATETIME would make it the number 2025).
    """
    for table in INSTANTS:
        sets = [f"{c} = the5hc_instant({c})" for c in INSTANTS[table]] if instants else []
        if others and table in SYNCED_TABLES:
            sets += ["updated_by_device = the5hc_device(updated_by_device)",
                     "hlc = the5hc_hlc(hlc)"]
        if others:
            sets += [f"{c} = the5hc_packed({c})" for c in PACKED.get(table, ())]
        if sets:
            op.execute(f"UPDATE {table} SET {', '.join(sets)}")
    if others:
        op.execute("UPDATE sync_base SET hlc = the5hc_hlc(hlc)")


# --- declared types -------------------------------------------------------------------------

def _types(table: str, up: bool) -> list[tuple[str, Any, Any, bool]]:
    """(column, type before, type after, nullable) of the columns whose type changes."""
    changes: list[tuple[str, Any, Any, bool]] = [
        (c, sa.DateTime(timezone=True), sa.BigInteger(), c not in NOT_NULL_INSTANTS)
        for c in INSTANTS.get(table, ())
    ]
    if table in SYNCED_TABLES:
        changes += [("updated_by_device", sa.String(length=36), sa.LargeBinary(length=16), False),
                    ("hlc", sa.String(length=28), sa.LargeBinary(length=14), False)]
    changes += [(c, sa.JSON(), sa.LargeBinary(), False) for c in PACKED.get(table, ())]
    return changes if up else [(c, after, before, n) for c, before, after, n in changes]


def _sync_base(hlc_type: str) -> None:
    op.execute(
        "CREATE TABLE sync_base_new (row_id BLOB NOT NULL, hlc " + hlc_type + " NOT NULL,"
        " CONSTRAINT pk_sync_base PRIMARY KEY (row_id)) WITHOUT ROWID"
    )
    op.execute("INSERT INTO sync_base_new (row_id, hlc) SELECT row_id, hlc FROM sync_base")
    op.execute("DROP TABLE sync_base")
    op.execute("ALTER TABLE sync_base_new RENAME TO sync_base")


def _rebuild(up: bool) -> None:
    """SQLite: rebuild each table with its declared types (and legacy-id rule) of `up`."""
    for table in INSTANTS:
        with op.batch_alter_table(table, recreate="always") as batch:
            for column, before, after, nullable in _types(table, up):
                batch.alter_column(column, existing_type=before, type_=after,
                                   existing_nullable=nullable)
            if table in SYNCED_TABLES and up:
                batch.drop_constraint(f"uq_{table}_legacy_id", type_="unique")
            elif table in SYNCED_TABLES:
                batch.create_unique_constraint(f"uq_{table}_legacy_id", ["legacy_id"])
    _sync_base("BLOB" if up else "VARCHAR(28)")


def _legacy_indexes(up: bool) -> None:
    for table in SYNCED_TABLES:
        if up:
            op.create_index(f"ix_{table}_legacy_id", table, ["legacy_id"], unique=True,
                            sqlite_where=sa.text("legacy_id IS NOT NULL"),
                            postgresql_where=sa.text("legacy_id IS NOT NULL"))
        else:
            op.drop_index(f"ix_{table}_legacy_id", table_name=table)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for name, table, _column in UNUSED_INDEXES:
        op.drop_index(name, table_name=table)
    if sqlite:
        for trigger in TRIGGERS:  # created again once `clients` is rebuilt
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        _register(up=True)
        _convert(instants=True, others=True)
        _rebuild(up=True)
    else:
        for table in SYNCED_TABLES:
            op.drop_constraint(f"uq_{table}_legacy_id", table, type_="unique")
    _legacy_indexes(up=True)
    if sqlite:
        for statement in _revision_0002()._sqlite_triggers():
            op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _legacy_indexes(up=False)
    if sqlite:
        for trigger in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        _register(up=False)
        _convert(instants=False, others=True)
        _rebuild(up=False)
        _convert(instants=True, others=False)
    else:
        for table in SYNCED_TABLES:
            op.create_unique_constraint(f"uq_{table}_legacy_id", table, ["legacy_id"])
    for name, table, columns in UNUSED_INDEXES:
        op.create_index(name, table, list(columns))
    if sqlite:
        for statement in _revision_0002()._sqlite_triggers():
            op.execute(statement)
