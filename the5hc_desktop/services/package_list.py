"""세션 관리 → 전체 패키지: every package of the gym with filters, and 연락할 회원.

Filters: active only, expiring within N days, two or fewer sessions left, 초과 사용
(overdrawn: more used than bought, possible after an offline merge), one trainer. The
contact list is for the desk's calls and messages: members with an active package that
expires within N days, with two or fewer sessions left, or with no visit (a session not
cancelled) in the last 30 days; one line per member and reason.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select

from the5hc_desktop.domain.credits import SessionStatus
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.services.base import ServiceBase, gym_zone, local_today, to_utc
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import PackageView, package_views
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.services.xlsx_export import Column, Sheet, write_workbook
from the5hc_desktop.store.models import Client, SessionPackage, StaffAccount, TrainingSession

LOW_LEFT = 2
NO_VISIT_DAYS = 30
DEFAULT_EXPIRING_DAYS = 14

REASONS = {
    "expiring": Label("만료 임박", "Expiring"),
    "low_balance": Label("잔여 세션 부족", "Low balance"),
    "no_visit": Label("30일 미방문", "No visit for 30 days"),
}


@dataclass(frozen=True)
class PackageFilter:
    active_only: bool = True
    expiring_within: int | None = None  # days
    low_balance: bool = False  # two or fewer left
    overdrawn: bool = False
    trainer_id: uuid.UUID | None = None


@dataclass(frozen=True)
class GymPackage:
    package: PackageView
    trainer_id: uuid.UUID
    trainer_name: str
    phone: str


@dataclass(frozen=True)
class ContactLine:
    client_id: uuid.UUID
    name: str
    phone: str
    reason: str  # key of REASONS
    detail: str


def _keep(row: GymPackage, rule: PackageFilter, today: date) -> bool:
    p = row.package
    if rule.active_only and (not p.active or p.expired):
        return False
    if rule.expiring_within is not None and (
            p.expires_on is None or p.expired
            or p.expires_on > today + timedelta(days=rule.expiring_within)):
        return False
    if rule.low_balance and p.remaining > LOW_LEFT:
        return False
    if rule.overdrawn and not p.overdrawn:
        return False
    return rule.trainer_id is None or row.trainer_id == rule.trainer_id


class PackageListService(ServiceBase):
    def packages(self, actor: Actor, rule: PackageFilter = PackageFilter()) -> list[GymPackage]:
        require(actor, Capability.VIEW_CLIENTS)
        with self._db.read() as session:
            today = local_today(gym_zone(session), self._now)
            query = select(SessionPackage).join(Client, Client.id == SessionPackage.client_id) \
                .where(SessionPackage.deleted_at.is_(None), Client.deleted_at.is_(None))
            if rule.active_only:
                query = query.where(SessionPackage.active.is_(True))
            if rule.trainer_id is not None:
                query = query.where(SessionPackage.trainer_id == rule.trainer_id)
            rows = list(session.scalars(query))
            views = package_views(session, rows, today)
            phones = {i: p or "" for i, p in session.execute(
                select(Client.id, Client.phone).where(
                    Client.id.in_({r.client_id for r in rows})))}
            names = {i: n for i, n in session.execute(
                select(StaffAccount.id, StaffAccount.display_name))}
            out = [GymPackage(v, r.trainer_id, names.get(r.trainer_id, ""),
                              phones.get(r.client_id, ""))
                   for r, v in zip(rows, views, strict=True)]
            return [g for g in out if _keep(g, rule, today)]

    def contacts(self, actor: Actor,
                 expiring_within: int = DEFAULT_EXPIRING_DAYS) -> list[ContactLine]:
        """연락할 회원: (member, reason) lines, by name."""
        require(actor, Capability.VIEW_CLIENTS)
        lines: dict[tuple[uuid.UUID, str], ContactLine] = {}
        for row in self.packages(actor, PackageFilter(active_only=True)):
            p = row.package
            if p.expires_on is not None and p.expires_on <= self._today() + timedelta(
                    days=expiring_within):
                lines.setdefault((p.client_id, "expiring"), ContactLine(
                    p.client_id, p.client_name, row.phone, "expiring", f"{p.expires_on}"))
            if p.remaining <= LOW_LEFT:
                lines.setdefault((p.client_id, "low_balance"), ContactLine(
                    p.client_id, p.client_name, row.phone, "low_balance", f"{p.remaining}"))
        with self._db.read() as session:
            zone = gym_zone(session)
            today = local_today(zone, self._now)
            since = to_utc(datetime.combine(today - timedelta(days=NO_VISIT_DAYS), time.min),
                           zone)
            last_visit = (
                select(TrainingSession.client_id.label("client_id"),
                       func.max(TrainingSession.starts_at).label("last"))
                .where(TrainingSession.deleted_at.is_(None),
                       TrainingSession.status != SessionStatus.CANCELLED.value,
                       TrainingSession.starts_at <= self.utc_now())
                .group_by(TrainingSession.client_id).subquery())
            for client_id, name, phone, last in session.execute(
                select(Client.id, Client.name, Client.phone, last_visit.c.last)
                .join(last_visit, last_visit.c.client_id == Client.id)
                .where(Client.deleted_at.is_(None), Client.active.is_(True),
                       last_visit.c.last < since)
            ):
                lines.setdefault((client_id, "no_visit"), ContactLine(
                    client_id, name, phone or "", "no_visit", str(last)[:10]))
        return sorted(lines.values(), key=lambda c: (c.name, c.reason))

    def _today(self) -> date:
        with self._db.read() as session:
            return local_today(gym_zone(session), self._now)

    def export_contacts(self, actor: Actor, target: Path, language: str = "ko") -> Path:
        rows = [(c.name, c.phone, REASONS[c.reason].text(language), c.detail)
                for c in self.contacts(actor)]
        heads = (Label("이름", "Name"), Label("연락처", "Phone"), Label("사유", "Reason"),
                 Label("내용", "Detail"))
        write_workbook(target, [Sheet(Label("연락할 회원", "Members to contact").text(language),
                                      tuple(Column(h.text(language), width=18) for h in heads),
                                      rows)])
        return target


__all__ = ["REASONS", "ContactLine", "GymPackage", "PackageFilter", "PackageListService"]
