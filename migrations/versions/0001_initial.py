"""Initial schema: the gym, staff, members, assessments, packages, credit ledger,
sessions, payments, fee audit, audit log, settings and devices.

Revision ID: 0001
Revises:
Create Date: 2024-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Creation order (parents first); dropped in reverse.
TABLES = (
    "devices",
    "organizations",
    "settings",
    "staff_accounts",
    "audit_log",
    "clients",
    "assessments",
    "session_packages",
    "payments",
    "sessions",
    "credit_ledger",
    "fee_audit_entries",
)


def _sync_columns() -> list[sa.Column[object]]:
    """Columns every synced table carries after its own (see store/base.py SyncedMixin)."""
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_device", sa.String(length=36), nullable=False),
        sa.Column("change_stamp", sa.BigInteger(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("legacy_id", sa.Integer(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "devices",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("change_counter", sa.BigInteger(), nullable=False),
        sa.Column("is_local", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("change_counter >= 0", name=op.f("ck_devices_change_counter")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_devices")),
    )
    op.create_table(
        "organizations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("timezone", sa.String(length=50), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_organizations_legacy_id")),
    )
    op.create_index(op.f("ix_organizations_change_stamp"), "organizations", ["change_stamp"])

    op.create_table(
        "settings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settings")),
        sa.UniqueConstraint("key", name=op.f("uq_settings_key")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_settings_legacy_id")),
    )
    op.create_index(op.f("ix_settings_change_stamp"), "settings", ["change_stamp"])

    op.create_table(
        "staff_accounts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=150), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("last_login", sa.DateTime(timezone=True), nullable=True),
        *_sync_columns(),
        sa.CheckConstraint(
            "role IN ('owner', 'senior', 'trainer', 'assistant')",
            name=op.f("ck_staff_accounts_role"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_staff_accounts_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_accounts")),
        sa.UniqueConstraint("email", name=op.f("uq_staff_accounts_email")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_staff_accounts_legacy_id")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_accounts_username")),
    )
    op.create_index(op.f("ix_staff_accounts_change_stamp"), "staff_accounts", ["change_stamp"])
    op.create_index(
        op.f("ix_staff_accounts_organization_id"), "staff_accounts", ["organization_id"]
    )

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("entity", sa.String(length=50), nullable=True),
        sa.Column("entity_id", sa.Uuid(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["staff_accounts.id"], name=op.f("fk_audit_log_actor_id_staff_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_audit_log_legacy_id")),
    )
    op.create_index(op.f("ix_audit_log_action"), "audit_log", ["action"])
    op.create_index(op.f("ix_audit_log_actor_id"), "audit_log", ["actor_id"])
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"])
    op.create_index(op.f("ix_audit_log_change_stamp"), "audit_log", ["change_stamp"])
    op.create_index(op.f("ix_audit_log_entity_entity_id"), "audit_log", ["entity", "entity_id"])

    op.create_table(
        "clients",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_initials", sa.String(length=200), nullable=False),
        sa.Column("gender", sa.String(length=6), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("age_years", sa.Integer(), nullable=True),
        sa.Column("age_recorded_on", sa.Date(), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("phone_last4", sa.String(length=4), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("height_cm", sa.Float(), nullable=True),
        sa.Column("weight_kg", sa.Float(), nullable=True),
        sa.Column("goals", sa.Text(), nullable=True),
        sa.Column("medical_notes", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("trainer_id", sa.Uuid(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_sync_columns(),
        sa.CheckConstraint("gender IN ('male', 'female')", name=op.f("ck_clients_gender")),
        sa.ForeignKeyConstraint(
            ["trainer_id"], ["staff_accounts.id"], name=op.f("fk_clients_trainer_id_staff_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clients")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_clients_legacy_id")),
    )
    op.create_index(op.f("ix_clients_change_stamp"), "clients", ["change_stamp"])
    op.create_index(op.f("ix_clients_name"), "clients", ["name"])
    op.create_index(op.f("ix_clients_name_initials"), "clients", ["name_initials"])
    op.create_index(op.f("ix_clients_phone"), "clients", ["phone"])
    op.create_index(op.f("ix_clients_phone_last4"), "clients", ["phone_last4"])
    op.create_index(op.f("ix_clients_trainer_id"), "clients", ["trainer_id"])

    op.create_table(
        "assessments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("trainer_id", sa.Uuid(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("age_at_assessment", sa.Integer(), nullable=True),
        sa.Column("gender", sa.String(length=6), nullable=False),
        sa.Column("body_weight_kg", sa.Float(), nullable=True),
        sa.Column("push_up_reps", sa.Integer(), nullable=True),
        sa.Column("push_up_type", sa.String(length=10), nullable=False),
        sa.Column("farmer_carry_weight_kg", sa.Float(), nullable=True),
        sa.Column("farmer_carry_distance_m", sa.Float(), nullable=True),
        sa.Column("farmer_carry_time_s", sa.Float(), nullable=True),
        sa.Column("farmer_carry_percent", sa.Float(), nullable=True),
        sa.Column("toe_touch_cm", sa.Float(), nullable=True),
        sa.Column("shoulder_mobility_score", sa.Integer(), nullable=True),
        sa.Column("shoulder_pain", sa.Boolean(), nullable=False),
        sa.Column("shoulder_left_cm", sa.Float(), nullable=True),
        sa.Column("shoulder_right_cm", sa.Float(), nullable=True),
        sa.Column("overhead_squat_score", sa.Integer(), nullable=True),
        sa.Column("knee_valgus", sa.Boolean(), nullable=False),
        sa.Column("forward_lean", sa.Boolean(), nullable=False),
        sa.Column("heel_lift", sa.Boolean(), nullable=False),
        sa.Column("arm_drop", sa.Boolean(), nullable=False),
        sa.Column("overhead_squat_quality", sa.String(length=16), nullable=True),
        sa.Column("balance_right_open_s", sa.Float(), nullable=True),
        sa.Column("balance_left_open_s", sa.Float(), nullable=True),
        sa.Column("balance_right_closed_s", sa.Float(), nullable=True),
        sa.Column("balance_left_closed_s", sa.Float(), nullable=True),
        sa.Column("step_test_duration_s", sa.Float(), nullable=True),
        sa.Column("step_test_pulse_1", sa.Integer(), nullable=True),
        sa.Column("step_test_pulse_2", sa.Integer(), nullable=True),
        sa.Column("step_test_pulse_3", sa.Integer(), nullable=True),
        sa.Column("legacy_heart_rate", sa.Integer(), nullable=True),
        sa.Column("height_cm", sa.Float(), nullable=True),
        sa.Column("weight_kg", sa.Float(), nullable=True),
        sa.Column("body_fat_pct", sa.Float(), nullable=True),
        sa.Column("skeletal_muscle_kg", sa.Float(), nullable=True),
        sa.Column("environment", sa.String(length=8), nullable=False),
        sa.Column("temperature_c", sa.Float(), nullable=True),
        sa.Column("test_notes", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("overrides", sa.JSON(), nullable=False),
        sa.Column("score_push_up", sa.Float(), nullable=True),
        sa.Column("score_farmer_carry", sa.Float(), nullable=True),
        sa.Column("score_toe_touch", sa.Float(), nullable=True),
        sa.Column("score_shoulder_mobility", sa.Float(), nullable=True),
        sa.Column("score_overhead_squat", sa.Float(), nullable=True),
        sa.Column("score_balance", sa.Float(), nullable=True),
        sa.Column("score_step_test", sa.Float(), nullable=True),
        sa.Column("pfi", sa.Float(), nullable=True),
        sa.Column("score_strength", sa.Float(), nullable=True),
        sa.Column("score_mobility", sa.Float(), nullable=True),
        sa.Column("score_balance_category", sa.Float(), nullable=True),
        sa.Column("score_cardio", sa.Float(), nullable=True),
        sa.Column("score_overall", sa.Float(), nullable=True),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("risk_score", sa.Float(), nullable=True),
        sa.Column("risk_level", sa.String(length=16), nullable=True),
        sa.Column("risk_factors", sa.JSON(), nullable=False),
        sa.Column("recommendations", sa.JSON(), nullable=False),
        sa.Column("scoring_version", sa.String(length=20), nullable=False),
        *_sync_columns(),
        sa.CheckConstraint(
            "environment IN ('indoor', 'outdoor')", name=op.f("ck_assessments_environment")
        ),
        sa.CheckConstraint("gender IN ('male', 'female')", name=op.f("ck_assessments_gender")),
        sa.CheckConstraint(
            "overhead_squat_quality IN ('pain', 'cannot_squat', 'compensations', 'perfect')",
            name=op.f("ck_assessments_overhead_squat_quality"),
        ),
        sa.CheckConstraint(
            "push_up_type IN ('standard', 'modified', 'wall')",
            name=op.f("ck_assessments_push_up_type"),
        ),
        sa.CheckConstraint(
            "risk_level IN ('low', 'low-moderate', 'moderate', 'high')",
            name=op.f("ck_assessments_risk_level"),
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_assessments_client_id_clients")
        ),
        sa.ForeignKeyConstraint(
            ["trainer_id"],
            ["staff_accounts.id"],
            name=op.f("fk_assessments_trainer_id_staff_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_assessments_legacy_id")),
    )
    op.create_index(op.f("ix_assessments_assessed_on"), "assessments", ["assessed_on"])
    op.create_index(op.f("ix_assessments_change_stamp"), "assessments", ["change_stamp"])
    op.create_index(
        op.f("ix_assessments_client_id_assessed_on"), "assessments", ["client_id", "assessed_on"]
    )
    op.create_index(op.f("ix_assessments_trainer_id"), "assessments", ["trainer_id"])

    op.create_table(
        "session_packages",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("trainer_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("gross", sa.BigInteger(), nullable=False),
        sa.Column("session_price", sa.BigInteger(), nullable=False),
        sa.Column("sessions_bought", sa.Integer(), nullable=False),
        sa.Column("vat_rate", sa.Numeric(precision=6, scale=4), nullable=False),
        sa.Column("card_fee_rate", sa.Numeric(precision=6, scale=4), nullable=False),
        sa.Column("payment_method", sa.String(length=10), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        *_sync_columns(),
        sa.CheckConstraint(
            "payment_method IN ('card', 'cash', 'transfer', 'other')",
            name=op.f("ck_session_packages_payment_method"),
        ),
        sa.CheckConstraint("gross >= 0", name=op.f("ck_session_packages_gross")),
        sa.CheckConstraint("session_price >= 0", name=op.f("ck_session_packages_session_price")),
        sa.CheckConstraint(
            "sessions_bought >= 0", name=op.f("ck_session_packages_sessions_bought")
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_session_packages_client_id_clients")
        ),
        sa.ForeignKeyConstraint(
            ["trainer_id"],
            ["staff_accounts.id"],
            name=op.f("fk_session_packages_trainer_id_staff_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_packages")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_session_packages_legacy_id")),
    )
    op.create_index(op.f("ix_session_packages_change_stamp"), "session_packages", ["change_stamp"])
    op.create_index(op.f("ix_session_packages_client_id"), "session_packages", ["client_id"])
    op.create_index(op.f("ix_session_packages_trainer_id"), "session_packages", ["trainer_id"])

    op.create_table(
        "payments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("package_id", sa.Uuid(), nullable=True),
        sa.Column("staff_id", sa.Uuid(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("gross", sa.BigInteger(), nullable=False),
        sa.Column("vat", sa.BigInteger(), nullable=False),
        sa.Column("card_fee", sa.BigInteger(), nullable=False),
        sa.Column("net", sa.BigInteger(), nullable=False),
        sa.Column("vat_rate", sa.Numeric(precision=6, scale=4), nullable=False),
        sa.Column("card_fee_rate", sa.Numeric(precision=6, scale=4), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("reverses_payment_id", sa.Uuid(), nullable=True),
        *_sync_columns(),
        sa.CheckConstraint(
            "method IN ('card', 'cash', 'transfer', 'other')", name=op.f("ck_payments_method")
        ),
        sa.CheckConstraint("vat + card_fee + net = gross", name=op.f("ck_payments_parts_add_up")),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_payments_client_id_clients")
        ),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["session_packages.id"],
            name=op.f("fk_payments_package_id_session_packages"),
        ),
        sa.ForeignKeyConstraint(
            ["reverses_payment_id"],
            ["payments.id"],
            name=op.f("fk_payments_reverses_payment_id_payments"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff_accounts.id"], name=op.f("fk_payments_staff_id_staff_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_payments_legacy_id")),
    )
    op.create_index(op.f("ix_payments_change_stamp"), "payments", ["change_stamp"])
    op.create_index(op.f("ix_payments_client_id"), "payments", ["client_id"])
    op.create_index(op.f("ix_payments_package_id"), "payments", ["package_id"])
    op.create_index(op.f("ix_payments_paid_on"), "payments", ["paid_on"])
    op.create_index(op.f("ix_payments_staff_id"), "payments", ["staff_id"])

    op.create_table(
        "sessions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("package_id", sa.Uuid(), nullable=False),
        sa.Column("trainer_id", sa.Uuid(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        *_sync_columns(),
        sa.CheckConstraint(
            "status IN ('scheduled', 'completed', 'cancelled', 'no_show')",
            name=op.f("ck_sessions_status"),
        ),
        sa.CheckConstraint(
            "duration_min BETWEEN 15 AND 240", name=op.f("ck_sessions_duration_min")
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_sessions_client_id_clients")
        ),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["session_packages.id"],
            name=op.f("fk_sessions_package_id_session_packages"),
        ),
        sa.ForeignKeyConstraint(
            ["trainer_id"],
            ["staff_accounts.id"],
            name=op.f("fk_sessions_trainer_id_staff_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_sessions_legacy_id")),
    )
    op.create_index(op.f("ix_sessions_change_stamp"), "sessions", ["change_stamp"])
    op.create_index(op.f("ix_sessions_client_id_starts_at"), "sessions", ["client_id", "starts_at"])
    op.create_index(op.f("ix_sessions_package_id_status"), "sessions", ["package_id", "status"])
    op.create_index(op.f("ix_sessions_starts_at"), "sessions", ["starts_at"])
    op.create_index(
        op.f("ix_sessions_trainer_id_starts_at"), "sessions", ["trainer_id", "starts_at"]
    )

    op.create_table(
        "credit_ledger",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("package_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("cycle", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("staff_id", sa.Uuid(), nullable=True),
        *_sync_columns(),
        sa.CheckConstraint(
            "kind IN ('purchase', 'complete', 'no_show', 'undo_complete', 'adjustment', "
            "'refund', 'opening')",
            name=op.f("ck_credit_ledger_kind"),
        ),
        sa.CheckConstraint(
            "session_id IS NOT NULL OR kind NOT IN ('complete', 'no_show', 'undo_complete')",
            name=op.f("ck_credit_ledger_session_kind_has_session"),
        ),
        sa.CheckConstraint("cycle >= 0", name=op.f("ck_credit_ledger_cycle")),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_credit_ledger_client_id_clients")
        ),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["session_packages.id"],
            name=op.f("fk_credit_ledger_package_id_session_packages"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name=op.f("fk_credit_ledger_session_id_sessions")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_accounts.id"],
            name=op.f("fk_credit_ledger_staff_id_staff_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_ledger")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_credit_ledger_legacy_id")),
        sa.UniqueConstraint(
            "session_id", "kind", "cycle", name=op.f("uq_credit_ledger_session_id_kind_cycle")
        ),
    )
    op.create_index(op.f("ix_credit_ledger_change_stamp"), "credit_ledger", ["change_stamp"])
    op.create_index(op.f("ix_credit_ledger_client_id"), "credit_ledger", ["client_id"])
    op.create_index(op.f("ix_credit_ledger_package_id"), "credit_ledger", ["package_id"])

    op.create_table(
        "fee_audit_entries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("package_id", sa.Uuid(), nullable=True),
        sa.Column("payment_id", sa.Uuid(), nullable=True),
        sa.Column("calculation_type", sa.String(length=30), nullable=False),
        sa.Column("gross", sa.BigInteger(), nullable=False),
        sa.Column("vat", sa.BigInteger(), nullable=False),
        sa.Column("card_fee", sa.BigInteger(), nullable=False),
        sa.Column("net", sa.BigInteger(), nullable=False),
        sa.Column("vat_rate", sa.Numeric(precision=6, scale=4), nullable=False),
        sa.Column("card_fee_rate", sa.Numeric(precision=6, scale=4), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_accounts.id"],
            name=op.f("fk_fee_audit_entries_created_by_id_staff_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["session_packages.id"],
            name=op.f("fk_fee_audit_entries_package_id_session_packages"),
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name=op.f("fk_fee_audit_entries_payment_id_payments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_audit_entries")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_fee_audit_entries_legacy_id")),
    )
    op.create_index(
        op.f("ix_fee_audit_entries_change_stamp"), "fee_audit_entries", ["change_stamp"]
    )
    op.create_index(op.f("ix_fee_audit_entries_package_id"), "fee_audit_entries", ["package_id"])
    op.create_index(op.f("ix_fee_audit_entries_payment_id"), "fee_audit_entries", ["payment_id"])


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
