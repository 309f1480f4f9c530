"""Selling packages, bonus sessions and refunds (docs/rules.md §4 and §5)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from services_training import Clock, add_client, count, seoul
from sqlalchemy import func, select

from the5hc_desktop.domain.errors import ConflictError, PermissionDenied, ValidationError
from the5hc_desktop.domain.fees import PaymentMethod, split_payment
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.services.sessions import SessionService
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    AuditLogEntry,
    CreditLedgerEntry,
    FeeAuditEntry,
    Payment,
    SessionPackage,
)


@pytest.fixture
def packages(db: Database, clock: Clock) -> PackageService:
    return PackageService(db, now=clock)


@pytest.fixture
def sessions(db: Database, clock: Clock) -> SessionService:
    return SessionService(db, now=clock)


@pytest.fixture
def client_id(db: Database, clock: Clock, owner: Actor) -> uuid.UUID:
    return add_client(db, clock, owner, "김민수", "010-1234-5678")


def _use(sessions: SessionService, actor: Actor, client_id: uuid.UUID, package_id: uuid.UUID,
         n: int) -> None:
    for hour in range(11, 11 + n):
        booked = sessions.book(actor, client_id, package_id, actor.staff_id,
                               seoul(2025, 6, 15, hour))
        sessions.complete(actor, booked.id)


def test_card_sale_writes_every_row_with_the_exact_split(
    db: Database, packages: PackageService, owner: Actor, client_id: uuid.UUID
) -> None:
    view = packages.sell(owner, client_id, 1_000_000, 50_000, PaymentMethod.CARD)

    assert view.sessions_bought == 20
    assert (view.remaining, view.available, view.used) == (20, 20, 0)
    assert view.name == "20회 패키지"
    assert view.sold_on == date(2025, 6, 15)
    assert (view.vat_rate, view.card_fee_rate) == (Decimal("0.1000"), Decimal("0.0350"))
    expected = split_payment(1_000_000, "card", Decimal("0.10"), Decimal("0.035"))
    assert (expected.vat, expected.card_fee, expected.net) == (90_909, 31_818, 877_273)
    with db.read() as s:
        payment = s.scalars(select(Payment)).one()
        assert (payment.gross, payment.vat, payment.card_fee, payment.net) == (
            1_000_000, 90_909, 31_818, 877_273)
        assert payment.package_id == view.id
        assert payment.method == "card"
        assert payment.vat_rate == Decimal("0.1000")
        ledger = s.scalars(select(CreditLedgerEntry)).one()
        assert (ledger.kind, ledger.delta, ledger.package_id) == ("purchase", 20, view.id)
        fee = s.scalars(select(FeeAuditEntry)).one()
        assert fee.payment_id == payment.id
        assert (fee.gross, fee.vat, fee.card_fee, fee.net) == (1_000_000, 90_909, 31_818, 877_273)
        assert isinstance(fee.details, dict)
        assert fee.details["method"] == "card"
        assert fee.details["supply"] == 1_000_000 - 90_909
        assert s.scalar(select(func.count()).where(AuditLogEntry.action == "package_sold")) == 1
        package = s.get(SessionPackage, view.id)
        assert package is not None
        assert package.payment_method == "card"
        assert package.card_fee_rate == Decimal("0.0350")


@pytest.mark.parametrize("method", [PaymentMethod.CASH, PaymentMethod.TRANSFER, "other"])
def test_non_card_sale_has_no_card_fee(
    db: Database, packages: PackageService, owner: Actor, client_id: uuid.UUID,
    method: PaymentMethod | str,
) -> None:
    view = packages.sell(owner, client_id, 1_000_000, 50_000, method, name="PT 20회")
    assert view.name == "PT 20회"
    with db.read() as s:
        payment = s.scalars(select(Payment)).one()
    assert (payment.vat, payment.card_fee, payment.net) == (90_909, 0, 909_091)


def test_sessions_round_down(packages: PackageService, owner: Actor,
                             client_id: uuid.UUID) -> None:
    assert packages.sell(owner, client_id, 1_040_000, 50_000, "card").sessions_bought == 20


def test_amount_below_one_session_is_refused_and_nothing_written(
    db: Database, packages: PackageService, owner: Actor, client_id: uuid.UUID
) -> None:
    with pytest.raises(ValidationError) as caught:
        packages.sell(owner, client_id, 40_000, 50_000, PaymentMethod.CARD)
    assert caught.value.field == "gross"
    assert caught.value.message_ko == "금액이 세션 단가보다 작습니다"
    for model in (SessionPackage, Payment, CreditLedgerEntry, FeeAuditEntry):
        assert count(db, model) == 0
    assert count(db, AuditLogEntry, AuditLogEntry.action == "package_sold") == 0


def test_sale_checks_dates_and_client(packages: PackageService, owner: Actor,
                                      client_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError) as caught:
        packages.sell(owner, client_id, 100_000, 50_000, "card", paid_on=date(2025, 6, 16))
    assert caught.value.field == "paid_on"
    with pytest.raises(ValidationError) as caught:
        packages.sell(owner, client_id, 100_000, 50_000, "card", expires_on=date(2025, 6, 1))
    assert caught.value.field == "expires_on"
    with pytest.raises(ValidationError) as caught:
        packages.sell(owner, client_id, 100_000, 50_000, "bitcoin")
    assert caught.value.field == "method"


def test_rates_come_from_settings_and_are_stored_with_four_decimals(
    db: Database, packages: PackageService, owner: Actor, client_id: uuid.UUID
) -> None:
    from the5hc_desktop.services.base import put_setting

    with db.write() as s:
        put_setting(s, "card_fee_rate", "0.0275")
    packages.sell(owner, client_id, 1_000_000, 50_000, "card")
    with db.read() as s:
        payment = s.scalars(select(Payment)).one()
    expected = split_payment(1_000_000, "card", Decimal("0.10"), Decimal("0.0275"))
    assert payment.card_fee_rate == Decimal("0.0275")
    assert payment.card_fee == expected.card_fee == 25_000


def test_bonus_is_a_ledger_adjustment_with_a_reason(
    db: Database, packages: PackageService, owner: Actor, senior: Actor, trainer: Actor,
    assistant: Actor, client_id: uuid.UUID,
) -> None:
    sold = packages.sell(trainer, client_id, 500_000, 50_000, "cash")
    view = packages.add_bonus(senior, sold.id, 2, "  재등록 감사  ")
    assert (view.remaining, view.bonus, view.sessions_bought) == (12, 2, 10)
    with db.read() as s:
        row = s.scalars(select(CreditLedgerEntry).where(CreditLedgerEntry.kind == "adjustment")
                        ).one()
    assert (row.delta, row.reason, row.staff_id) == (2, "재등록 감사", senior.staff_id)
    for actor in (trainer, assistant):
        with pytest.raises(PermissionDenied):
            packages.add_bonus(actor, sold.id, 1, "서비스")
    with pytest.raises(ValidationError) as caught:
        packages.add_bonus(owner, sold.id, 1, "   ")
    assert caught.value.field == "reason"
    with pytest.raises(ValidationError) as caught:
        packages.add_bonus(owner, sold.id, 0, "서비스")
    assert caught.value.field == "sessions"


def test_refund_reverses_unused_sessions_and_totals_reconcile(
    db: Database, packages: PackageService, sessions: SessionService, owner: Actor,
    client_id: uuid.UUID,
) -> None:
    sold = packages.sell(owner, client_id, 1_000_000, 50_000, PaymentMethod.CARD)
    _use(sessions, owner, client_id, sold.id, 5)
    with db.read() as s:
        sale = s.scalars(select(Payment)).one()
        sale_values = (sale.gross, sale.vat, sale.card_fee, sale.net, sale.updated_at)

    refund = packages.refund(owner, sold.id, "이사")

    part = split_payment(750_000, "card", Decimal("0.1000"), Decimal("0.0350"))
    assert (refund.gross, refund.vat, refund.card_fee, refund.net) == (
        -part.gross, -part.vat, -part.card_fee, -part.net)
    assert refund.reverses_payment_id == sale.id
    assert refund.is_reversal
    with db.read() as s:
        rows = s.scalars(select(Payment)).all()
        assert len(rows) == 2
        again = s.get(Payment, sale.id)
        assert again is not None
        assert (again.gross, again.vat, again.card_fee, again.net, again.updated_at) == (
            sale_values)
        gross, vat, fee, net = (sum(getattr(p, f) for p in rows)
                                for f in ("gross", "vat", "card_fee", "net"))
        assert gross == 250_000
        assert gross == vat + fee + net
        balance = s.scalar(select(func.sum(CreditLedgerEntry.delta)))
        assert balance == 0
        refund_row = s.scalars(select(CreditLedgerEntry).where(CreditLedgerEntry.kind == "refund")
                               ).one()
        assert (refund_row.delta, refund_row.reason) == (-15, "이사")
        audits = s.scalars(select(FeeAuditEntry).where(FeeAuditEntry.calculation_type == "refund")
                           ).one()
        assert audits.gross == -750_000
        assert audits.details["reverses_payment_id"] == str(sale.id)
    view = packages.get(owner, sold.id)
    assert (view.active, view.remaining, view.used, view.refunded) == (False, 0, 5, 15)
    listed = packages.list_payments(owner, date(2025, 6, 1), date(2025, 6, 30))
    assert listed.total_gross == 250_000
    assert listed.total_gross == listed.total_vat + listed.total_card_fee + listed.total_net
    with pytest.raises(ConflictError):
        packages.refund(owner, sold.id, "두 번째")
    assert packages.active_for_client(owner, client_id) == ()


def test_refund_of_an_unused_package_returns_everything(
    db: Database, packages: PackageService, senior: Actor, client_id: uuid.UUID
) -> None:
    sold = packages.sell(senior, client_id, 1_050_000, 50_000, "card")  # 21 sessions
    packages.add_bonus(senior, sold.id, 3, "이벤트")
    refund = packages.refund(senior, sold.id, "단순 변심")
    # 24 unused × 50,000 exceeds what was paid: the bonus sessions were free.
    assert refund.gross == -1_050_000
    with db.read() as s:
        totals = s.execute(select(func.sum(Payment.gross), func.sum(Payment.vat),
                                  func.sum(Payment.card_fee), func.sum(Payment.net))).one()
        assert tuple(totals) == (0, 0, 0, 0)
        assert s.scalar(select(func.sum(CreditLedgerEntry.delta))) == 0
    receipt = packages.receipt(senior, refund.id)
    assert receipt.is_reversal
    assert receipt.gross == -1_050_000
    assert receipt.method == "카드"
    assert receipt.gym_name == "The5HC 피트니스 센터"


def test_refund_needs_owner_or_senior_and_no_booked_sessions(
    packages: PackageService, sessions: SessionService, owner: Actor, trainer: Actor,
    assistant: Actor, client_id: uuid.UUID,
) -> None:
    sold = packages.sell(assistant, client_id, 500_000, 50_000, "transfer")
    for actor in (assistant, trainer):
        with pytest.raises(PermissionDenied):
            packages.refund(actor, sold.id, "사유")
    booked = sessions.book(owner, client_id, sold.id, owner.staff_id, seoul(2025, 6, 16, 9))
    with pytest.raises(ConflictError):
        packages.refund(owner, sold.id, "사유")
    sessions.cancel(owner, booked.id)
    assert packages.refund(owner, sold.id, "사유").gross == -500_000


def test_lists_and_payment_filters(
    db: Database, clock: Clock, packages: PackageService, owner: Actor, assistant: Actor,
    client_id: uuid.UUID,
) -> None:
    other = add_client(db, clock, owner, "이영희")
    first = packages.sell(owner, client_id, 300_000, 50_000, "card",
                          paid_on=date(2025, 6, 1))
    packages.sell(owner, other, 200_000, 50_000, "cash")
    clock.advance(days=1)
    second = packages.sell(owner, client_id, 100_000, 50_000, "cash",
                           expires_on=date(2025, 6, 20))
    listed = packages.list_for_client(owner, client_id)
    assert [v.id for v in listed] == [second.id, first.id]
    assert listed[1].sold_on == date(2025, 6, 1)
    clock.advance(days=10)
    assert packages.get(owner, second.id).expired
    assert [v.id for v in packages.active_for_client(owner, client_id)] == [first.id]
    june = packages.list_payments(owner, date(2025, 6, 1), date(2025, 6, 30))
    assert june.total_gross == 600_000
    cash = packages.list_payments(owner, date(2025, 6, 1), date(2025, 6, 30), method="cash")
    assert {r.client_name for r in cash.rows} == {"김민수", "이영희"}
    mine = packages.list_payments(owner, date(2025, 6, 1), date(2025, 6, 15),
                                  client_id=client_id)
    assert [r.gross for r in mine.rows] == [300_000]
    assert mine.rows[0].staff_name == owner.display_name
    # Front desk records payments, so it may list them (and print their receipts).
    assert packages.list_payments(assistant, date(2025, 6, 1), date(2025, 6, 30)).rows
    (sale,) = packages.payments_for_package(assistant, first.id)
    assert (sale.gross, sale.package_name, sale.is_reversal) == (300_000, "6회 패키지", False)
    assert packages.receipt(assistant, sale.id).payment_number.startswith("20250601-")


def test_overdrawn_after_a_merge_is_shown(
    db: Database, packages: PackageService, owner: Actor, client_id: uuid.UUID
) -> None:
    sold = packages.sell(owner, client_id, 50_000, 50_000, "card")
    # Two offline desks each used the last credit; the merge keeps both rows.
    with db.write() as s:
        for _ in range(2):
            s.add(CreditLedgerEntry(package_id=sold.id, client_id=client_id, kind="adjustment",
                                    delta=-1, reason="merged"))
    view = packages.get(owner, sold.id)
    assert (view.remaining, view.overdrawn, view.available) == (-1, True, -1)


def test_sale_on_a_missing_client_is_refused(packages: PackageService, owner: Actor) -> None:
    from the5hc_desktop.domain.errors import NotFound

    with pytest.raises(NotFound):
        packages.sell(owner, uuid.uuid4(), 100_000, 50_000, "card")
