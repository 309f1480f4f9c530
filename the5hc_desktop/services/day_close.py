"""일마감 (day close) for a date or a range: sales by method, refunds, sessions by trainer.

Payments count on their payment date (결제일) and sessions on their local start day, the
definitions the dashboard and analytics use. The front desk closes the till, so owners,
senior trainers and assistants see the whole gym; a trainer sees only their own part (the
payments of their packages and their own sessions), as with every revenue figure.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from the5hc_desktop.domain.day_close import DayClose, PaymentFact, close_day
from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.roles import Role
from the5hc_desktop.services.base import ServiceBase, gym_zone, local_now
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, can, require
from the5hc_desktop.services.revenue import revenue_terms
from the5hc_desktop.services.sessions import local_day_bounds
from the5hc_desktop.services.settings import gym_organization
from the5hc_desktop.store.models import Payment, SessionPackage, StaffAccount, TrainingSession

MAX_DAYS = 366  # one year at most: a day close is not an annual report


@dataclass(frozen=True)
class DayCloseView:
    first: date
    last: date  # inclusive
    gym_name: str
    closed_by: str
    printed_at: datetime  # gym-local time of the reading
    whole_gym: bool  # False: the figures are the reading trainer's own
    close: DayClose  # sessions keyed by trainer display name ("" for none)


class DayCloseService(ServiceBase):
    def close(self, actor: Actor, first: date, last: date) -> DayCloseView:
        """The day close of the local days first..last (inclusive)."""
        require(actor, Capability.SELL_AND_BOOK)
        if last < first:
            raise ValidationError("끝 날짜가 시작 날짜보다 앞섭니다.",
                                  "The end date is before the start date.", field="last")
        if (last - first).days >= MAX_DAYS:
            raise ValidationError(f"일마감은 최대 {MAX_DAYS}일까지 볼 수 있습니다.",
                                  f"A day close covers at most {MAX_DAYS} days.", field="last")
        whole_gym = actor.role is Role.ASSISTANT or can(actor, Capability.VIEW_GYM_REVENUE)
        own: uuid.UUID | None = None if whole_gym else actor.staff_id
        after = last + timedelta(days=1)
        with self._db.read() as session:
            zone = gym_zone(session)
            paid = (select(Payment.method, Payment.gross, Payment.vat, Payment.card_fee,
                           Payment.net, Payment.reverses_payment_id)
                    .where(*revenue_terms(first, after)))
            if own is not None:
                paid = paid.join(SessionPackage, SessionPackage.id == Payment.package_id).where(
                    SessionPackage.trainer_id == own)
            payments = [
                PaymentFact(method, gross, vat, fee, net,
                            is_refund=reverses is not None or gross < 0)
                for method, gross, vat, fee, net, reverses in session.execute(paid)
            ]
            start, end = local_day_bounds(first, after, zone)
            counted = (select(StaffAccount.display_name, TrainingSession.status,
                              func.count())
                       .select_from(TrainingSession)
                       .outerjoin(StaffAccount, StaffAccount.id == TrainingSession.trainer_id)
                       .where(TrainingSession.starts_at >= start,
                              TrainingSession.starts_at < end,
                              TrainingSession.deleted_at.is_(None))
                       .group_by(StaffAccount.display_name, TrainingSession.status))
            if own is not None:
                counted = counted.where(TrainingSession.trainer_id == own)
            sessions = [(name or "", status, count)
                        for name, status, count in session.execute(counted)]
            org = gym_organization(session)
            return DayCloseView(
                first=first, last=last,
                gym_name=org.name if org is not None else "",
                closed_by=actor.display_name,
                printed_at=local_now(zone, self._now).replace(microsecond=0),
                whole_gym=whole_gym,
                close=close_day(payments, sessions),
            )
