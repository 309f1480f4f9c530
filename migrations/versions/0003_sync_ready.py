"""Sync-ready rows: clock column, status counter, keyed settings ids, local device state.

- `hlc` (hybrid logical clock, 28 hex digits) on every synced table, NOT NULL; existing rows
  get `f"{updated_at in ms:012x}0000{low 48 bits of updated_by_device:012x}"` (node 0 when
  the writer is not a device id).
- `sessions.status_seq` INTEGER NOT NULL DEFAULT 0 (status transitions).
- `settings.id` = uuid5(SETTINGS_NAMESPACE, key) (the same key on two devices is one row).
- `staff_sign_in_state` (local): failed attempts, lock and last sign-in leave
  `staff_accounts`; `local_settings` (local): the language and backup folder leave
  `settings`. `staff_accounts.username` / `email` lose their UNIQUE constraints (the
  account service checks them, so twins made offline merge as a conflict).

- SQLite: ids and foreign keys become 16-byte BLOBs (were 32 hex characters), converted by
  a Python function registered on the migration connection (SQLite 3.40 has no unhex());
  PostgreSQL keeps its native uuid columns.
- Indexes no query uses are dropped (EXPLAIN QUERY PLAN of the services' queries):
  ix_clients_name and ix_clients_trainer_id (the live name / trainer-name indexes serve
  those lookups), ix_sessions_starts_at (ix_sessions_live_starts_at serves the day views).

SQLite rebuilds each table (batch "move and copy") with foreign keys off, so nothing
cascades; rebuilding `clients` drops the client_search triggers of 0002, which are created
again from that revision's own definition.

Revision ID: 0003
Revises: 0002
Create Date: 2025-12-01
"""

from __future__ import annotations

import importlib.util
import uuid
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The same value as the5hc_desktop.store.models_core.SETTINGS_NAMESPACE (frozen here).
SETTINGS_NAMESPACE = uuid.UUID("6f1c9e2a-5b7d-4e0f-9a3c-2d8b4e6f1a07")
SYNCED_TABLES = (
    "organizations", "settings", "staff_accounts", "audit_log", "clients", "assessments",
    "session_packages", "payments", "sessions", "credit_ledger", "fee_audit_entries",
)
LOCAL_SETTING_KEYS = ("language", "backup_folder")
# Id and foreign key columns of revision 0002 (CHAR(32) hex text on SQLite).
UUID_COLUMNS: dict[str, tuple[str, ...]] = {
    "devices": ("id",),
    "organizations": ("id",),
    "settings": ("id",),
    "staff_accounts": ("id", "organization_id"),
    "audit_log": ("id", "actor_id", "entity_id"),
    "clients": ("id", "trainer_id"),
    "assessments": ("id", "client_id", "trainer_id"),
    "session_packages": ("id", "client_id", "trainer_id"),
    "payments": ("id", "client_id", "package_id", "staff_id", "reverses_payment_id"),
    "sessions": ("id", "client_id", "package_id", "trainer_id"),
    "credit_ledger": ("id", "package_id", "client_id", "session_id", "staff_id"),
    "fee_audit_entries": ("id", "package_id", "payment_id", "created_by_id"),
}
UNUSED_INDEXES = (
    ("ix_clients_name", "clients", ("name",)),
    ("ix_clients_trainer_id", "clients", ("trainer_id",)),
    ("ix_sessions_starts_at", "sessions", ("starts_at",)),
)
TRIGGERS = ("client_search_insert", "client_search_update", "client_search_delete")
SIGN_IN_COLUMNS = ("failed_attempts", "locked_until", "last_login")


def _revision_0002() -> ModuleType:
    """Revision 0002 as a module: its client_search trigger definitions are reused as-is."""
    path = Path(__file__).with_name("0002_search_and_live_indexes.py")
    spec = importlib.util.spec_from_file_location("the5hc_revision_0002", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _hlc_backfill(dialect: str) -> str:
    if dialect == "sqlite":
        # updated_at is naive UTC text "YYYY-MM-DD HH:MM:SS[.ffffff]".
        ms = ("CAST(strftime('%s', updated_at) AS INTEGER) * 1000"
              " + CAST(substr(updated_at, 21, 3) AS INTEGER)")
        node = ("CASE WHEN length(updated_by_device) = 36"
                " AND updated_by_device GLOB '*-*-*-*-*'"
                " THEN lower(substr(updated_by_device, 25, 12)) ELSE '000000000000' END")
        return f"printf('%012x0000', {ms}) || {node}"
    ms = "floor(extract(epoch from updated_at) * 1000)::bigint"
    node = ("CASE WHEN updated_by_device ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"
            "[0-9a-f]{4}-[0-9a-f]{12}$' THEN lower(right(updated_by_device, 12))"
            " ELSE '000000000000' END")
    return f"lpad(to_hex({ms}), 12, '0') || '0000' || {node}"


def _uuid_type(dialect: str) -> sa.types.TypeEngine[object]:
    return sa.LargeBinary(length=16) if dialect == "sqlite" else sa.Uuid()


def _unhex(value: object) -> object:
    return bytes.fromhex(value) if isinstance(value, str) else value


def _client_search(column_type: str, client_id: str) -> None:
    """Rebuild client_search (WITHOUT ROWID, which batch mode would not keep)."""
    op.execute(
        "CREATE TABLE client_search_new (kind VARCHAR(1) NOT NULL, term VARCHAR(3) NOT NULL,"
        f" name VARCHAR(200) NOT NULL, client_id {column_type} NOT NULL,"
        " active BOOLEAN NOT NULL,"
        " CONSTRAINT pk_client_search PRIMARY KEY (kind, term, name, client_id))"
        " WITHOUT ROWID"
    )
    op.execute(
        "INSERT INTO client_search_new (kind, term, name, client_id, active)"
        f" SELECT kind, term, name, {client_id}, active FROM client_search"
    )
    op.execute("DROP TABLE client_search")
    op.execute("ALTER TABLE client_search_new RENAME TO client_search")


def _ids_to_bytes() -> None:
    """SQLite: every id and foreign key from 32 hex characters to its 16 bytes, in place
    (the declared types change when the tables are rebuilt)."""
    raw = op.get_bind().connection.driver_connection
    raw.create_function("the5hc_unhex", 1, _unhex, deterministic=True)
    for trigger in TRIGGERS:  # created again once `clients` is rebuilt
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for table, columns in UUID_COLUMNS.items():
        assignments = ", ".join(f"{c} = the5hc_unhex({c})" for c in columns)
        op.execute(f"UPDATE {table} SET {assignments}")
    _client_search("BLOB", "the5hc_unhex(client_id)")


def _local_tables(dialect: str) -> None:
    op.create_table(
        "staff_sign_in_state",
        sa.Column("staff_id", _uuid_type(dialect), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_login", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_accounts.id"],
                                name=op.f("fk_staff_sign_in_state_staff_id_staff_accounts")),
        sa.PrimaryKeyConstraint("staff_id", name=op.f("pk_staff_sign_in_state")),
    )
    op.create_table(
        "local_settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_local_settings")),
    )
    listed = ", ".join(f"'{k}'" for k in LOCAL_SETTING_KEYS)
    op.execute(
        "INSERT INTO staff_sign_in_state (staff_id, failed_attempts, locked_until, last_login)"
        " SELECT id, failed_attempts, locked_until, last_login FROM staff_accounts"
        " WHERE failed_attempts <> 0 OR locked_until IS NOT NULL OR last_login IS NOT NULL"
    )
    op.execute(
        "INSERT INTO local_settings (key, value) SELECT key, value FROM settings"
        f" WHERE key IN ({listed}) AND deleted_at IS NULL"
    )
    op.execute(f"DELETE FROM settings WHERE key IN ({listed})")


def _keyed_settings_ids(dialect: str) -> None:
    settings = sa.table("settings", sa.column("id", _uuid_type(dialect)),
                        sa.column("key", sa.String()))
    bind = op.get_bind()
    for row_id, key in bind.execute(sa.select(settings.c.id, settings.c.key)).all():
        keyed = uuid.uuid5(SETTINGS_NAMESPACE, key)
        stored = keyed.bytes if dialect == "sqlite" else keyed
        if stored != row_id:
            bind.execute(settings.update().where(settings.c.id == row_id).values(id=stored))


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name, table, _columns in UNUSED_INDEXES:
        op.drop_index(name, table_name=table)
    if dialect == "sqlite":
        _ids_to_bytes()
    _local_tables(dialect)
    _keyed_settings_ids(dialect)
    for table in SYNCED_TABLES:
        op.add_column(table, sa.Column("hlc", sa.String(length=28), nullable=True))
        op.execute(f"UPDATE {table} SET hlc = {_hlc_backfill(dialect)}")
    op.add_column("sessions", sa.Column("status_seq", sa.Integer(), nullable=False,
                                        server_default=sa.text("0")))
    for table in ("devices", *SYNCED_TABLES):
        with op.batch_alter_table(table, recreate=_recreate(dialect)) as batch_op:
            if dialect == "sqlite":
                for column in UUID_COLUMNS[table]:
                    batch_op.alter_column(column, existing_type=sa.Uuid(),
                                          type_=sa.LargeBinary(length=16))
            if table == "devices":
                continue
            batch_op.alter_column("hlc", existing_type=sa.String(length=28), nullable=False)
            if table == "staff_accounts":
                batch_op.drop_constraint(op.f("uq_staff_accounts_username"), type_="unique")
                batch_op.drop_constraint(op.f("uq_staff_accounts_email"), type_="unique")
                for column in SIGN_IN_COLUMNS:
                    batch_op.drop_column(column)
    if dialect == "sqlite":
        for statement in _revision_0002()._sqlite_triggers():
            op.execute(statement)


def _recreate(dialect: str) -> str:
    # SQLite cannot alter a column in place; PostgreSQL can, and must not drop a parent table.
    return "always" if dialect == "sqlite" else "auto"


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":  # created again at the end; an id rewrite must not fire them
        for trigger in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    with op.batch_alter_table("staff_accounts", recreate=_recreate(dialect)) as batch_op:
        batch_op.add_column(sa.Column("failed_attempts", sa.Integer(), nullable=False,
                                      server_default=sa.text("0")))
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True)))
        batch_op.add_column(sa.Column("last_login", sa.DateTime(timezone=True)))
        batch_op.create_unique_constraint(op.f("uq_staff_accounts_username"), ["username"])
        batch_op.create_unique_constraint(op.f("uq_staff_accounts_email"), ["email"])
    state = "SELECT {} FROM staff_sign_in_state AS t WHERE t.staff_id = staff_accounts.id"
    op.execute(
        "UPDATE staff_accounts SET"
        f" failed_attempts = COALESCE(({state.format('failed_attempts')}), 0),"
        f" locked_until = ({state.format('locked_until')}),"
        f" last_login = ({state.format('last_login')})"
    )
    for table in ("devices", *SYNCED_TABLES):
        if dialect == "sqlite":
            hexed = ", ".join(f"{c} = lower(hex({c}))" for c in UUID_COLUMNS[table])
            op.execute(f"UPDATE {table} SET {hexed}")
        with op.batch_alter_table(table, recreate=_recreate(dialect)) as batch_op:
            if dialect == "sqlite":
                for column in UUID_COLUMNS[table]:
                    batch_op.alter_column(column, existing_type=sa.LargeBinary(length=16),
                                          type_=sa.Uuid())
            if table == "devices":
                continue
            batch_op.drop_column("hlc")
            if table == "sessions":
                batch_op.drop_column("status_seq")
    if dialect == "sqlite":
        _client_search("CHAR(32)", "lower(hex(client_id))")
    for name, table, columns in UNUSED_INDEXES:
        op.create_index(name, table, list(columns))
    # The machine's own settings go with their table (defaults apply after a downgrade).
    op.drop_table("local_settings")
    op.drop_table("staff_sign_in_state")
    if dialect == "sqlite":
        for statement in _revision_0002()._sqlite_triggers():
            op.execute(statement)
