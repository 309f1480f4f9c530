"""The first-day checklist (도움말 → 첫날 체크리스트): what a new gym does before its first
busy day, each step ticked from the data itself, never by hand.

1. a staff account besides the owner; 2. the rates looked at and saved (VAT and card fee,
in 설정 → 센터 설정); 3. a first package sold. Soft-deleted rows do not count.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from the5hc_desktop.services.base import ServiceBase
from the5hc_desktop.services.context import Actor
from the5hc_desktop.store.models import AuditLogEntry, SessionPackage, Setting, StaffAccount

_RATE_KEYS = ("vat_rate", "card_fee_rate")


@dataclass(frozen=True)
class FirstDayProgress:
    staff_added: bool
    rates_set: bool
    package_sold: bool

    @property
    def done(self) -> bool:
        return self.staff_added and self.rates_set and self.package_sold


class FirstDayService(ServiceBase):
    def progress(self, actor: Actor) -> FirstDayProgress:
        """Where the gym stands; any signed-in staff may look."""
        del actor  # every role sees the checklist
        with self._db.read() as session:
            staff = session.scalar(select(func.count()).select_from(StaffAccount).where(
                StaffAccount.deleted_at.is_(None))) or 0
            rates = session.scalar(select(func.count()).select_from(Setting).where(
                Setting.deleted_at.is_(None), Setting.key.in_(_RATE_KEYS))) or 0
            saved = session.scalar(select(func.count()).select_from(AuditLogEntry).where(
                AuditLogEntry.action == "settings_updated")) or 0
            packages = session.scalar(select(func.count()).select_from(SessionPackage).where(
                SessionPackage.deleted_at.is_(None))) or 0
        return FirstDayProgress(staff_added=staff > 1, rates_set=bool(rates or saved),
                                package_sold=packages > 0)
