"""Selling packages, bonus sessions, refunds, payments and receipts (RULES §4, §5).

A sale is one transaction: package row (rates with four decimals, method), payment row with
the `domain.fees.split_payment` breakdown, ledger +N, fee-audit row, audit row. Payments and
ledger rows are never updated or deleted: a refund adds reversal rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.credits import refund_amount
from the5hc_desktop.domain.errors import ConflictError, ValidationError
from the5hc_desktop.domain.fees import (
    FeeBreakdown,
    PaymentMethod,
    parse_method,
    sale_remainder,
    sessions_for,
    split_payment,
)
from the5hc_desktop.domain.money import MoneyStyle, format_won
from the5hc_desktop.reports.data import ReceiptData
from the5hc_desktop.services import ledger
from the5hc_desktop.services.base import (
    ServiceBase,
    audit,
    get_live,
    gym_zone,
    local_today,
    to_local,
)
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.merge_members import merged_family
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.services.settings import read_settings
from the5hc_desktop.store.models import (
    Client,
    FeeAuditEntry,
    Payment,
    SessionPackage,
    StaffAccount,
)

PACKAGE = ("패키지", "Package")
PAYMENT = ("결제", "Payment")
CLIENT = ("회원", "Client")
RATE_PLACES = Decimal("0.0001")
MAX_BONUS = 100
NAME_LIMIT = 200
REASON_LIMIT = 1000
ROUNDING_NOTE = "ROUND_HALF_UP"
FORMULA = {
    "supply": "gross / (1 + vat_rate), exact",
    "vat": "round_half_up(gross - supply)",
    "card_fee": "round_half_up(supply * card_fee_rate) if method == card else 0",
    "net": "gross - vat - card_fee",
}


@dataclass(frozen=True)
class PackageView:
    id: uuid.UUID
    client_id: uuid.UUID
    client_name: str
    name: str
    gross: int
    session_price: int
    sessions_bought: int
    used: int
    no_show: int
    bonus: int
    refunded: int
    remaining: int
    scheduled_ahead: int
    available: int
    expires_on: date | None
    expired: bool
    active: bool
    overdrawn: bool
    method: PaymentMethod
    sold_on: date
    vat_rate: Decimal
    card_fee_rate: Decimal

    @property
    def bookable(self) -> bool:
        """Active, not expired and with a session that is not yet booked."""
        return self.active and not self.expired and self.available >= 1


@dataclass(frozen=True)
class PaymentView:
    id: uuid.UUID
    client_id: uuid.UUID  # the member it belongs to now (after a merge: the survivor)
    client_name: str
    package_id: uuid.UUID | None
    package_name: str
    paid_on: date
    method: PaymentMethod
    gross: int
    vat: int
    card_fee: int
    net: int
    description: str
    reverses_payment_id: uuid.UUID | None
    staff_name: str

    @property
    def is_reversal(self) -> bool:
        return self.reverses_payment_id is not None


@dataclass(frozen=True)
class PaymentList:
    rows: tuple[PaymentView, ...]
    total_gross: int
    total_vat: int
    total_card_fee: int
    total_net: int


# -- validation helpers ---------------------------------------------------------------------


def sale_description(label: str, remainder: int) -> str:
    """The sale payment's text; a remainder the sessions do not use is noted on it."""
    text = f"패키지 구매: {label}"
    if remainder:
        text += f" (세션 외 잔액 {format_won(remainder, MoneyStyle.WON_SUFFIX)})"
    return text


def _error(field: str, ko: str, en: str) -> ValidationError:
    return ValidationError(ko, en, field=field)


def _whole(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _error(field, "정수(원)로 입력하세요.", "Enter a whole number of won.")
    return value


def _date(value: object, field: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise _error(field, "날짜가 올바르지 않습니다.", "Not a valid date.")
    return value


def _reason(reason: object) -> str:
    text = reason.strip() if isinstance(reason, str) else ""
    if not text:
        raise _error("reason", "사유를 입력하세요.", "Enter a reason.")
    if len(text) > REASON_LIMIT:
        raise _error("reason", f"사유는 {REASON_LIMIT}자 이내로 입력하세요.",
                     f"Keep the reason within {REASON_LIMIT} characters.")
    return text


def _rate(value: Decimal) -> Decimal:
    # Quantised before splitting, so the stored rates reproduce the stored amounts exactly.
    return Decimal(value).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def fee_details(method: PaymentMethod, breakdown: FeeBreakdown, **extra: Any) -> dict[str, Any]:
    """The fee-audit `details` JSON object (a real object, never a JSON string)."""
    return {
        "method": method.value,
        "supply": breakdown.supply,
        "formula": dict(FORMULA),
        "rounding": ROUNDING_NOTE,
        **extra,
    }


def payment_number(payment_id: uuid.UUID, paid_on: date) -> str:
    """A short receipt number: the date and the id's last eight hex digits."""
    return f"{paid_on:%Y%m%d}-{payment_id.hex[-8:].upper()}"


# -- views -------------------------------------------------------------------------------------


def package_views(
    session: Session, packages: Sequence[SessionPackage], today: date
) -> list[PackageView]:
    """Views of `packages` with their credits: a fixed number of queries for any count."""
    if not packages:
        return []
    ids = [p.id for p in packages]
    credits = ledger.credits_for(session, ids)
    names = ledger.pairs(
        session.execute(
            select(Client.id, Client.name).where(
                Client.id.in_({p.client_id for p in packages})
            )
        )
    )
    sold = ledger.pairs(
        session.execute(
            select(Payment.package_id, func.min(Payment.paid_on))
            .where(
                Payment.package_id.in_(ids),
                Payment.reverses_payment_id.is_(None),
                Payment.deleted_at.is_(None),
            )
            .group_by(Payment.package_id)
        )
    )
    zone = gym_zone(session)
    views = []
    for p in packages:
        c = credits.get(p.id, ledger.EMPTY)
        views.append(
            PackageView(
                id=p.id,
                client_id=p.client_id,
                client_name=names.get(p.client_id, ""),
                name=p.name,
                gross=p.gross,
                session_price=p.session_price,
                sessions_bought=p.sessions_bought,
                used=c.used,
                no_show=c.no_show,
                bonus=c.bonus,
                refunded=c.refunded,
                remaining=c.remaining,
                scheduled_ahead=c.scheduled,
                available=c.available,
                expires_on=p.expires_on,
                expired=p.expires_on is not None and p.expires_on < today,
                active=p.active,
                overdrawn=c.overdrawn,
                method=parse_method(p.payment_method),
                sold_on=sold.get(p.id) or to_local(p.created_at, zone).date(),
                vat_rate=p.vat_rate,
                card_fee_rate=p.card_fee_rate,
            )
        )
    return views


def _payment_query() -> Any:
    """Payments with the member they belong to now: the package's (a 회원 병합 re-points
    packages while payments keep the client id they were written with)."""
    return (
        select(Payment, Client.id, Client.name, SessionPackage.name, StaffAccount.display_name)
        .select_from(Payment)
        .outerjoin(SessionPackage, SessionPackage.id == Payment.package_id)
        .join(Client, Client.id == func.coalesce(SessionPackage.client_id, Payment.client_id))
        .outerjoin(StaffAccount, StaffAccount.id == Payment.staff_id)
        .where(Payment.deleted_at.is_(None))
    )


def _payment_view(
    p: Payment, client_id: uuid.UUID, client_name: str, package_name: str | None,
    staff_name: str | None,
) -> PaymentView:
    return PaymentView(
        id=p.id,
        client_id=client_id,
        client_name=client_name,
        package_id=p.package_id,
        package_name=package_name or "",
        paid_on=p.paid_on,
        method=parse_method(p.method),
        gross=p.gross,
        vat=p.vat,
        card_fee=p.card_fee,
        net=p.net,
        description=p.description or "",
        reverses_payment_id=p.reverses_payment_id,
        staff_name=staff_name or "",
    )


class PackageService(ServiceBase):
    # -- selling -------------------------------------------------------------------------------

    def sell(
        self,
        actor: Actor,
        client_id: uuid.UUID,
        gross: int,
        session_price: int,
        method: PaymentMethod | str,
        name: str | None = None,
        expires_on: date | None = None,
        paid_on: date | None = None,
    ) -> PackageView:
        """Sell a package: sessions = gross ÷ price rounded down (≥ 1), all in one transaction."""
        require(actor, Capability.SELL_AND_BOOK)
        gross = _whole(gross, "gross")
        session_price = _whole(session_price, "session_price")
        kind = parse_method(method)
        sessions = sessions_for(gross, session_price)
        label = (name or "").strip() or f"{sessions}회 패키지"
        if len(label) > NAME_LIMIT:
            raise _error("name", f"패키지명은 {NAME_LIMIT}자 이내로 입력하세요.",
                         f"Keep the package name within {NAME_LIMIT} characters.")
        with self._db.write() as session:
            today = local_today(gym_zone(session), self._now)
            paid = today if paid_on is None else _date(paid_on, "paid_on")
            if paid > today:
                raise _error("paid_on", "결제일은 미래일 수 없습니다.",
                             "The payment date cannot be in the future.")
            if expires_on is not None and _date(expires_on, "expires_on") < paid:
                raise _error("expires_on", "만료일은 결제일 이후여야 합니다.",
                             "The expiry date must be on or after the payment date.")
            client = get_live(session, Client, client_id, CLIENT)
            settings = read_settings(session)
            vat_rate, card_rate = _rate(settings.vat_rate), _rate(settings.card_fee_rate)
            fees = split_payment(gross, kind.value, vat_rate, card_rate)

            package = SessionPackage(
                client_id=client.id,
                trainer_id=client.trainer_id or actor.staff_id,
                name=label,
                gross=gross,
                session_price=session_price,
                sessions_bought=sessions,
                vat_rate=vat_rate,
                card_fee_rate=card_rate,
                payment_method=kind.value,
                expires_on=expires_on,
                active=True,
            )
            session.add(package)
            session.flush()  # bare foreign keys below: the package row must exist first
            payment = Payment(
                client_id=client.id,
                package_id=package.id,
                staff_id=actor.staff_id,
                paid_on=paid,
                method=kind.value,
                gross=fees.gross,
                vat=fees.vat,
                card_fee=fees.card_fee,
                net=fees.net,
                vat_rate=vat_rate,
                card_fee_rate=card_rate,
                description=sale_description(label, sale_remainder(gross, session_price)),
            )
            session.add(payment)
            ledger.append(
                session, package_id=package.id, client_id=client.id, kind=ledger.PURCHASE,
                delta=sessions, staff_id=actor.staff_id,
            )
            session.flush()
            self._fee_audit(session, actor, package, payment, "package_sale", fees, kind,
                            sessions=sessions, session_price=session_price)
            audit(session, actor, "package_sold", "session_package", package.id,
                  {"client_id": client.id, "payment_id": payment.id, "gross": gross,
                   "sessions": sessions, "method": kind.value}, at=self.utc_now())
            return package_views(session, [package], today)[0]

    def add_bonus(
        self, actor: Actor, package_id: uuid.UUID, sessions: int, reason: str
    ) -> PackageView:
        """Give free sessions: a ledger adjustment with a reason (owner and senior only)."""
        require(actor, Capability.BONUS_AND_REFUND)
        if isinstance(sessions, bool) or not isinstance(sessions, int) or not (
            1 <= sessions <= MAX_BONUS
        ):
            raise _error("sessions", f"보너스 세션은 1~{MAX_BONUS}회입니다.",
                         f"Bonus sessions must be 1 to {MAX_BONUS}.")
        text = _reason(reason)
        with self._db.write() as session:
            package = get_live(session, SessionPackage, package_id, PACKAGE)
            if not package.active:
                raise ConflictError("비활성 패키지에는 세션을 추가할 수 없습니다.",
                                    "Sessions cannot be added to an inactive package.")
            ledger.append(
                session, package_id=package.id, client_id=package.client_id,
                kind=ledger.ADJUSTMENT, delta=sessions, staff_id=actor.staff_id, reason=text,
            )
            audit(session, actor, "package_bonus_added", "session_package", package.id,
                  {"sessions": sessions, "reason": text}, at=self.utc_now())
            today = local_today(gym_zone(session), self._now)
            return package_views(session, [package], today)[0]

    def refund(self, actor: Actor, package_id: uuid.UUID, reason: str) -> PaymentView:
        """Refund the unused sessions with reversal rows; the package becomes inactive.

        Refunded gross = `domain.credits.refund_amount`: unused sessions × session price,
        capped at what was paid for the package (bonus sessions are free). It is split with
        the rates stored on the sale and written negated, referencing the sale payment; the
        ledger gets −unused.
        """
        require(actor, Capability.BONUS_AND_REFUND)
        text = _reason(reason)
        with self._db.write() as session:
            package = get_live(session, SessionPackage, package_id, PACKAGE)
            if not package.active:
                raise ConflictError("이미 환불되었거나 비활성인 패키지입니다.",
                                    "The package is already refunded or inactive.")
            booked = ledger.scheduled_count(session, package.id)
            if booked:
                raise ConflictError(
                    f"예약된 세션 {booked}건을 먼저 취소하세요.",
                    f"Cancel the {booked} booked session(s) first.",
                )
            unused = ledger.balance(session, package.id)
            if unused < 1:
                raise ConflictError("환불할 남은 세션이 없습니다.",
                                    "There are no unused sessions to refund.")
            payments = session.scalars(
                select(Payment)
                .where(Payment.package_id == package.id, Payment.deleted_at.is_(None))
                .order_by(Payment.paid_on, Payment.created_at, Payment.id)
            ).all()
            sale = next((p for p in payments if p.reverses_payment_id is None), None)
            if sale is None:
                raise ConflictError("이 패키지의 결제 기록이 없어 환불할 수 없습니다.",
                                    "The package has no payment to refund.")
            paid = _totals(payments)
            amount = refund_amount(unused, package.session_price, paid.gross)
            kind = parse_method(sale.method)
            if amount == paid.gross:
                # Everything still paid goes back: reverse the stored parts exactly.
                fees = paid
            else:
                fees = split_payment(amount, kind.value, sale.vat_rate, sale.card_fee_rate)
            refund = Payment(
                client_id=package.client_id,
                package_id=package.id,
                staff_id=actor.staff_id,
                paid_on=local_today(gym_zone(session), self._now),
                method=kind.value,
                gross=-fees.gross,
                vat=-fees.vat,
                card_fee=-fees.card_fee,
                net=-fees.net,
                vat_rate=sale.vat_rate,
                card_fee_rate=sale.card_fee_rate,
                description=f"환불: {package.name} ({unused}회) - {text}",
                reverses_payment_id=sale.id,
            )
            session.add(refund)
            ledger.append(
                session, package_id=package.id, client_id=package.client_id,
                kind=ledger.REFUND, delta=-unused, staff_id=actor.staff_id, reason=text,
            )
            package.active = False
            session.flush()
            negated = FeeBreakdown(-fees.gross, -fees.vat, -fees.card_fee, -fees.net)
            self._fee_audit(session, actor, package, refund, "refund", negated, kind,
                            sessions=-unused, session_price=package.session_price,
                            reverses_payment_id=sale.id, reason=text)
            audit(session, actor, "package_refunded", "session_package", package.id,
                  {"payment_id": refund.id, "reverses_payment_id": sale.id,
                   "sessions": unused, "gross": -fees.gross, "reason": text},
                  at=self.utc_now())
            return self._payment_view(session, refund)

    @staticmethod
    def _fee_audit(
        session: Session,
        actor: Actor,
        package: SessionPackage,
        payment: Payment,
        calculation: str,
        fees: FeeBreakdown,
        method: PaymentMethod,
        **extra: Any,
    ) -> None:
        session.add(
            FeeAuditEntry(
                package_id=package.id,
                payment_id=payment.id,
                calculation_type=calculation,
                gross=fees.gross,
                vat=fees.vat,
                card_fee=fees.card_fee,
                net=fees.net,
                vat_rate=payment.vat_rate,
                card_fee_rate=payment.card_fee_rate,
                details=fee_details(method, fees, **{k: _plain(v) for k, v in extra.items()}),
                created_by_id=actor.staff_id,
            )
        )

    # -- reading -----------------------------------------------------------------------------

    def get(self, actor: Actor, package_id: uuid.UUID) -> PackageView:
        require(actor, Capability.VIEW_CLIENTS)
        with self._db.read() as session:
            package = get_live(session, SessionPackage, package_id, PACKAGE)
            return package_views(session, [package], self._today(session))[0]

    def list_for_client(
        self, actor: Actor, client_id: uuid.UUID, include_inactive: bool = True
    ) -> tuple[PackageView, ...]:
        """The member's packages, newest first."""
        require(actor, Capability.VIEW_CLIENTS)
        with self._db.read() as session:
            get_live(session, Client, client_id, CLIENT)
            query = select(SessionPackage).where(
                SessionPackage.client_id == client_id, SessionPackage.deleted_at.is_(None)
            )
            if not include_inactive:
                query = query.where(SessionPackage.active.is_(True))
            rows = session.scalars(
                query.order_by(SessionPackage.created_at.desc(), SessionPackage.id.desc())
            ).all()
            return tuple(package_views(session, rows, self._today(session)))

    def active_for_client(self, actor: Actor, client_id: uuid.UUID) -> tuple[PackageView, ...]:
        """Packages a session can be booked on: active, not expired, a session available."""
        views = self.list_for_client(actor, client_id, include_inactive=False)
        return tuple(v for v in views if v.bookable)

    def list_payments(
        self,
        actor: Actor,
        date_from: date,
        date_to: date,
        method: PaymentMethod | str | None = None,
        client_id: uuid.UUID | None = None,
    ) -> PaymentList:
        """Payments paid from `date_from` to `date_to` (both included), with their totals.

        Every role that records payments (front desk included) may list them; the revenue
        dashboards are what front desk does not see.
        """
        require(actor, Capability.SELL_AND_BOOK)
        start, end = _date(date_from, "date_from"), _date(date_to, "date_to")
        query = _payment_query().where(Payment.paid_on >= start, Payment.paid_on <= end)
        if method is not None:
            query = query.where(Payment.method == parse_method(method).value)
        with self._db.read() as session:
            if client_id is not None:  # with the payments of members merged into it
                query = query.where(Payment.client_id.in_(merged_family(session, client_id)))
            rows = session.execute(
                query.order_by(Payment.paid_on.desc(), Payment.created_at.desc())
            ).all()
            views = tuple(_payment_view(*row) for row in rows)
        return PaymentList(
            rows=views,
            total_gross=sum(v.gross for v in views),
            total_vat=sum(v.vat for v in views),
            total_card_fee=sum(v.card_fee for v in views),
            total_net=sum(v.net for v in views),
        )

    def payments_for_package(
        self, actor: Actor, package_id: uuid.UUID
    ) -> tuple[PaymentView, ...]:
        """The package's payments, oldest first: the sale, then any reversal."""
        require(actor, Capability.SELL_AND_BOOK)
        with self._db.read() as session:
            get_live(session, SessionPackage, package_id, PACKAGE)
            rows = session.execute(
                _payment_query()
                .where(Payment.package_id == package_id)
                .order_by(Payment.paid_on, Payment.created_at, Payment.id)
            ).all()
            return tuple(_payment_view(*row) for row in rows)

    def receipt(self, actor: Actor, payment_id: uuid.UUID) -> ReceiptData:
        """What the receipt renderer needs for one payment (a refund prints as a reversal)."""
        require(actor, Capability.PRINT_REPORTS)
        with self._db.read() as session:
            payment = get_live(session, Payment, payment_id, PAYMENT)
            view = self._payment_view(session, payment)
            settings = read_settings(session)
            return ReceiptData(
                gym_name=settings.gym_name,
                client_name=view.client_name,
                paid_on=view.paid_on,
                item=view.package_name or view.description or "결제",
                gross=view.gross,
                vat=view.vat,
                card_fee=view.card_fee,
                net=view.net,
                method=view.method.label.ko,
                payment_number=payment_number(view.id, view.paid_on),
                is_reversal=view.is_reversal,
                gym_phone=settings.gym_phone or None,
                gym_address=settings.gym_address or None,
                business_number=settings.business_number or None,
                representative=settings.representative or None,
                vat_rate=payment.vat_rate,
                card_fee_rate=payment.card_fee_rate,
                issued_at=to_local(self.utc_now(), gym_zone(session)),
            )

    # -- helpers -------------------------------------------------------------------------------

    def _today(self, session: Session) -> date:
        return local_today(gym_zone(session), self._now)

    @staticmethod
    def _payment_view(session: Session, payment: Payment) -> PaymentView:
        row = session.execute(_payment_query().where(Payment.id == payment.id)).one()
        return _payment_view(*row)


def _totals(payments: Sequence[Payment]) -> FeeBreakdown:
    return FeeBreakdown(
        gross=sum(p.gross for p in payments),
        vat=sum(p.vat for p in payments),
        card_fee=sum(p.card_fee for p in payments),
        net=sum(p.net for p in payments),
    )


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, uuid.UUID) else value


__all__ = [
    "PackageService",
    "PackageView",
    "PaymentList",
    "PaymentView",
    "package_views",
    "payment_number",
]
