"""Helpers shared by the data in/out tests."""

from __future__ import annotations

from sqlalchemy import select

from the5hc_desktop.services import Services
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.store.models import StaffAccount


def actor_of(services: Services, role: Role) -> Actor:
    """A staff member of `role` (added when the demo gym has none), acting without signing in."""
    with services.database.read() as s:
        staff = s.scalars(select(StaffAccount).where(StaffAccount.role == role.value)
                          .order_by(StaffAccount.username)).first()
    if staff is None:
        boss = actor_of(services, Role.OWNER)
        view = services.accounts.add_staff(boss, f"{role.value}-x", f"{role.value} 님", role,
                                           "staff-pass-123")
        return Actor(view.id, view.role, view.display_name, view.username)
    return Actor(staff.id, role, staff.display_name, staff.username)
