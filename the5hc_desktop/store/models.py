"""All mapped classes of the local store (one import for services, sync and tests).

Table map: organizations, staff_accounts, clients, assessments, session_packages,
credit_ledger, sessions, payments, fee_audit_entries, audit_log, settings, health_screenings,
assessment_health, trainer_hours, availability_exceptions (synced, with `SyncedMixin`); local
to this machine, never synced: devices (bookkeeping), device_refs (the numbers device ids
are stored as), staff_sign_in_state, local_settings,
sync_state, sync_conflicts, sync_base, client_search (a trigger-maintained search index of
clients), the dashboard summaries dash_session_hours, dash_package_balances and
dash_package_expiry (trigger-maintained totals, models_dashboard.py), and member_activity
and package_sales (trigger-maintained figures for 분석, models_analytics.py), and
member_list_facts and member_list_day (the member list's sort keys, models_member_list.py).
"""

from __future__ import annotations

# The stored enumerations come from the domain, which defines each once.
from the5hc_desktop.domain.choices import (
    ENVIRONMENTS,
    GENDERS,
    LEDGER_KINDS,
    OVERHEAD_SQUAT_QUALITIES,
    PAYMENT_METHODS,
    PUSH_UP_TYPES,
    RISK_LEVELS,
    ROLES,
    SESSION_LEDGER_KINDS,
    SESSION_STATUSES,
)
from the5hc_desktop.store.base import NAMING_CONVENTION, Base, SyncedMixin
from the5hc_desktop.store.models_analytics import MemberActivity, PackageSale
from the5hc_desktop.store.models_assessment import (
    ASSESSMENT_INPUT_FIELDS,
    SCORE_COLUMNS,
    TEST_NOTE_KEYS,
    Assessment,
)
from the5hc_desktop.store.models_availability import (
    AvailabilityException,
    TrainerHours,
    trainer_hours_id,
)
from the5hc_desktop.store.models_core import (
    INITIALS_GRAM,
    NAME_GRAM,
    SETTINGS_NAMESPACE,
    AuditLogEntry,
    Client,
    ClientSearchTerm,
    Device,
    DeviceNumber,
    LocalSetting,
    Organization,
    Setting,
    StaffAccount,
    StaffSignInState,
    active_count_terms,
    setting_id,
)
from the5hc_desktop.store.models_dashboard import (
    NO_EXPIRY,
    SUMMARY_TABLES,
    PackageBalance,
    PackageExpiryCount,
    SessionHourCount,
)
from the5hc_desktop.store.models_health import (
    AssessmentHealth,
    HealthScreening,
    assessment_health_id,
)
from the5hc_desktop.store.models_member_list import MemberListDay, MemberListFacts
from the5hc_desktop.store.models_sync import SyncBase, SyncConflict, SyncState
from the5hc_desktop.store.models_training import (
    MAX_DURATION_MIN,
    MIN_DURATION_MIN,
    CreditLedgerEntry,
    FeeAuditEntry,
    Payment,
    SessionPackage,
    TrainingSession,
)

SYNCED_MODELS: tuple[type[SyncedMixin], ...] = (
    Organization,
    StaffAccount,
    Client,
    Assessment,
    SessionPackage,
    TrainingSession,
    CreditLedgerEntry,
    Payment,
    FeeAuditEntry,
    AuditLogEntry,
    Setting,
    HealthScreening,
    AssessmentHealth,
    TrainerHours,
    AvailabilityException,
)

__all__ = [
    "ASSESSMENT_INPUT_FIELDS",
    "ENVIRONMENTS",
    "GENDERS",
    "INITIALS_GRAM",
    "LEDGER_KINDS",
    "MAX_DURATION_MIN",
    "MIN_DURATION_MIN",
    "NAME_GRAM",
    "NAMING_CONVENTION",
    "NO_EXPIRY",
    "OVERHEAD_SQUAT_QUALITIES",
    "PAYMENT_METHODS",
    "PUSH_UP_TYPES",
    "RISK_LEVELS",
    "ROLES",
    "SCORE_COLUMNS",
    "SESSION_LEDGER_KINDS",
    "SESSION_STATUSES",
    "SETTINGS_NAMESPACE",
    "SUMMARY_TABLES",
    "SYNCED_MODELS",
    "TEST_NOTE_KEYS",
    "Assessment",
    "AssessmentHealth",
    "AuditLogEntry",
    "AvailabilityException",
    "Base",
    "Client",
    "ClientSearchTerm",
    "CreditLedgerEntry",
    "Device",
    "DeviceNumber",
    "FeeAuditEntry",
    "HealthScreening",
    "LocalSetting",
    "MemberActivity",
    "MemberListDay",
    "MemberListFacts",
    "Organization",
    "PackageBalance",
    "PackageExpiryCount",
    "PackageSale",
    "Payment",
    "SessionHourCount",
    "SessionPackage",
    "Setting",
    "StaffAccount",
    "StaffSignInState",
    "SyncBase",
    "SyncConflict",
    "SyncState",
    "SyncedMixin",
    "TrainerHours",
    "TrainingSession",
    "active_count_terms",
    "assessment_health_id",
    "setting_id",
    "trainer_hours_id",
]
