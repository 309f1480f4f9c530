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


def _local_tables() -> None:
    op.create_table(
        "staff_sign_in_state",
        sa.Column("staff_id", sa.Uuid(), nullable=False),
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


def _keyed_settings_ids() -> None:
    settings = sa.table("settings", sa.column("id", sa.Uuid()), sa.column("key", sa.String()))
    bind = op.get_bind()
    for row_id, key in bind.execute(sa.select(settings.c.id, settings.c.key)).all():
        keyed = uuid.uuid5(SETTINGS_NAMESPACE, key)
        if keyed != row_id:
            bind.execute(settings.update().where(settings.c.id == row_id).values(id=keyed))


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    _local_tables()
    _keyed_settings_ids()
    for table in SYNCED_TABLES:
        op.add_column(table, sa.Column("hlc", sa.String(length=28), nullable=True))
        op.execute(f"UPDATE {table} SET hlc = {_hlc_backfill(dialect)}")
    op.add_column("sessions", sa.Column("status_seq", sa.Integer(), nullable=False,
                                        server_default=sa.text("0")))
    for table in SYNCED_TABLES:
        with op.batch_alter_table(table, recreate=_recreate(dialect)) as batch_op:
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
    for table in SYNCED_TABLES:
        with op.batch_alter_table(table, recreate=_recreate(dialect)) as batch_op:
            batch_op.drop_column("hlc")
            if table == "sessions":
                batch_op.drop_column("status_seq")
    # The machine's own settings go with their table (defaults apply after a downgrade).
    op.drop_table("local_settings")
    op.drop_table("staff_sign_in_state")
    if dialect == "sqlite":
        for statement in _revision_0002()._sqlite_triggers():
            op.execute(statement)
