"""The stored values of every enumeration, each taken from the one place that defines it.

The store builds its CHECK constraints from these tuples, so a value added to an enum is a
value the database accepts. The order is the enum's order: it is part of the constraint
text, and a different order would be a schema change.
"""

from __future__ import annotations

from enum import StrEnum

from .credits import SESSION_LEDGER_KINDS as _SESSION_KINDS
from .credits import LedgerKind, SessionStatus
from .fees import PaymentMethod
from .people import Gender
from .risk import RiskLevel
from .roles import Role
from .vocabulary import ENVIRONMENTS, TEST_KEYS, OverheadSquatQuality, PushUpType


def values(enum: type[StrEnum]) -> tuple[str, ...]:
    """The stored texts of an enumeration, in definition order."""
    return tuple(member.value for member in enum)


ROLES = values(Role)
GENDERS = values(Gender)
PAYMENT_METHODS = values(PaymentMethod)
SESSION_STATUSES = values(SessionStatus)
LEDGER_KINDS = values(LedgerKind)
SESSION_LEDGER_KINDS: tuple[str, ...] = tuple(kind.value for kind in _SESSION_KINDS)
PUSH_UP_TYPES = values(PushUpType)
OVERHEAD_SQUAT_QUALITIES = values(OverheadSquatQuality)
RISK_LEVELS = values(RiskLevel)

__all__ = [
    "ENVIRONMENTS",
    "GENDERS",
    "LEDGER_KINDS",
    "OVERHEAD_SQUAT_QUALITIES",
    "PAYMENT_METHODS",
    "PUSH_UP_TYPES",
    "RISK_LEVELS",
    "ROLES",
    "SESSION_LEDGER_KINDS",
    "SESSION_STATUSES",
    "TEST_KEYS",
    "values",
]
