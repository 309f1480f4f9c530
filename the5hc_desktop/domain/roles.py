"""Staff roles, which of them train, and who may give which role (RULES §6).

The role matrix of capabilities lives in `services.permissions`; what is here is the part
that several layers ask about: the role names, the roles that run sessions, and the grant
and manage rules the staff screen must agree with the accounts service on.
"""

from __future__ import annotations

from enum import StrEnum

from .labels import Label


class Role(StrEnum):
    OWNER = "owner"
    SENIOR = "senior"
    TRAINER = "trainer"
    ASSISTANT = "assistant"  # front desk: books and sells, does not train

    @property
    def label_ko(self) -> str:
        return ROLE_LABELS[self].ko

    @property
    def label_en(self) -> str:
        return ROLE_LABELS[self].en

    def label(self, language: str = "ko") -> str:
        return ROLE_LABELS[self].text(language)


ROLE_LABELS: dict[Role, Label] = {
    Role.OWNER: Label("소유자", "Owner"),
    Role.SENIOR: Label("시니어 트레이너", "Senior trainer"),
    Role.TRAINER: Label("트레이너", "Trainer"),
    Role.ASSISTANT: Label("프런트/어시스턴트", "Front desk / assistant"),
}

# Roles that run sessions and assessments and can be a member's trainer.
TRAINING_ROLES: frozenset[Role] = frozenset({Role.OWNER, Role.SENIOR, Role.TRAINER})
# The same roles as stored text, in the enum's order (for queries and CHECK-like tests).
TRAINING_ROLE_VALUES: tuple[str, ...] = tuple(r.value for r in Role if r in TRAINING_ROLES)


def trains(role: Role | str) -> bool:
    """Whether staff with this role (enum or stored text) can run a session."""
    return role in TRAINING_ROLE_VALUES


def grantable_roles(actor_role: Role) -> tuple[Role, ...]:
    """Roles an actor may give to staff: only an owner makes owners."""
    if actor_role is Role.OWNER:
        return tuple(Role)
    return tuple(r for r in Role if r is not Role.OWNER)


def may_grant(actor_role: Role, role: Role) -> bool:
    return role in grantable_roles(actor_role)


def may_manage(actor_role: Role, staff_role: Role) -> bool:
    """Seniors manage trainers, front desk and other seniors, but never an owner."""
    return actor_role is Role.OWNER or staff_role is not Role.OWNER
