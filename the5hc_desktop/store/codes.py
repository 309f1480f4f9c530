"""The vocabulary columns stored as positions on SQLite (`types.Code`, migration 0014).

One type per vocabulary, shared by every column holding it, so a summary table copying a
status by trigger stores and reads it exactly as its base table does. SQL written by hand
(raw queries, trigger bodies) compares stored forms: write `SESSION_STATUS.stored("completed")`
where the text was (services/analytics_queries.py, store/analytics_sql.py); ORM and Core
expressions bind through the type and need nothing.
"""

from __future__ import annotations

from the5hc_desktop.domain.choices import (
    ENVIRONMENTS,
    GENDERS,
    LEDGER_KINDS,
    OVERHEAD_SQUAT_QUALITIES,
    PAYMENT_METHODS,
    PUSH_UP_TYPES,
    RISK_LEVELS,
    SESSION_STATUSES,
)
from the5hc_desktop.store.types import Code

SESSION_STATUS = Code(SESSION_STATUSES, 10)
LEDGER_KIND = Code(LEDGER_KINDS, 16)
PAYMENT_METHOD = Code(PAYMENT_METHODS, 10)
GENDER = Code(GENDERS, 6)
PUSH_UP_TYPE = Code(PUSH_UP_TYPES, 10)
ENVIRONMENT = Code(ENVIRONMENTS, 8)
OVERHEAD_SQUAT_QUALITY = Code(OVERHEAD_SQUAT_QUALITIES, 16)
RISK_LEVEL = Code(RISK_LEVELS, 16)
