"""The role matrix of RULES.md §6 / DOMAIN.md 9.5 [REC], in one place."""

from __future__ import annotations

from enum import Enum

from the5hc_desktop.domain.errors import PermissionDenied
from the5hc_desktop.domain.roles import TRAINING_ROLES
from the5hc_desktop.services.context import Actor, Role

_ALL = frozenset(Role)
_MANAGERS = frozenset({Role.OWNER, Role.SENIOR})


class Capability(Enum):
    VIEW_CLIENTS = "view_clients"
    EDIT_CLIENTS = "edit_clients"
    SELL_AND_BOOK = "sell_and_book"
    RUN_ASSESSMENTS = "run_assessments"
    PRINT_REPORTS = "print_reports"
    DELETE = "delete"
    BONUS_AND_REFUND = "bonus_and_refund"
    VIEW_REVENUE = "view_revenue"
    MANAGE_STAFF = "manage_staff"
    EDIT_SETTINGS = "edit_settings"
    EDIT_MONEY_SETTINGS = "edit_money_settings"
    OVERRIDE_CATEGORY = "override_category"
    VIEW_GYM_REVENUE = "view_gym_revenue"  # the whole gym's figures, not one's own
    EXPORT_MEDICAL_NOTES = "export_medical_notes"


ALLOWED: dict[Capability, frozenset[Role]] = {
    Capability.VIEW_CLIENTS: _ALL,
    Capability.EDIT_CLIENTS: _ALL,
    Capability.SELL_AND_BOOK: _ALL,
    Capability.RUN_ASSESSMENTS: TRAINING_ROLES,
    Capability.PRINT_REPORTS: _ALL,
    Capability.DELETE: _MANAGERS,
    Capability.BONUS_AND_REFUND: _MANAGERS,
    Capability.VIEW_REVENUE: frozenset({Role.OWNER, Role.SENIOR, Role.TRAINER}),
    Capability.MANAGE_STAFF: _MANAGERS,
    Capability.EDIT_SETTINGS: _MANAGERS,
    Capability.EDIT_MONEY_SETTINGS: frozenset({Role.OWNER}),
    Capability.OVERRIDE_CATEGORY: _MANAGERS,
    Capability.VIEW_GYM_REVENUE: _MANAGERS,
    Capability.EXPORT_MEDICAL_NOTES: _MANAGERS,
}


def can(actor: Actor, capability: Capability) -> bool:
    return actor.role in ALLOWED[capability]


def require(actor: Actor, capability: Capability) -> None:
    """Raise PermissionDenied unless the actor's role has the capability."""
    if not can(actor, capability):
        raise PermissionDenied("권한이 없습니다.", "No permission.")
