"""One money formatter, one role vocabulary, and the stored values the store checks."""

from __future__ import annotations

from enum import StrEnum

import pytest

from the5hc_desktop.domain import choices
from the5hc_desktop.domain.credits import LedgerKind, SessionStatus
from the5hc_desktop.domain.fees import PaymentMethod
from the5hc_desktop.domain.money import MoneyStyle, format_won, won_text
from the5hc_desktop.domain.people import Gender
from the5hc_desktop.domain.risk import RiskLevel
from the5hc_desktop.domain.roles import (
    TRAINING_ROLE_VALUES,
    TRAINING_ROLES,
    Role,
    grantable_roles,
    may_grant,
    may_manage,
    trains,
)
from the5hc_desktop.domain.vocabulary import TEST_KEYS, PushUpType


@pytest.mark.parametrize(("amount", "style", "text"), [
    (1_234_000, MoneyStyle.WON_SIGN, "₩1,234,000"),
    (-5_000, MoneyStyle.WON_SIGN, "-₩5,000"),
    (0, MoneyStyle.WON_SIGN, "₩0"),
    (1_234_000, MoneyStyle.WON_SUFFIX, "1,234,000원"),
    (-5_000, MoneyStyle.WON_SUFFIX, "-5,000원"),
    (999, MoneyStyle.WON_SUFFIX, "999원"),
])
def test_money_is_written_in_the_style_asked_for(amount: int, style: MoneyStyle, text: str) -> None:
    assert format_won(amount, style) == text


def test_a_sentence_takes_the_style_of_its_language() -> None:
    assert won_text(1_234_000, "ko") == "1,234,000원"
    assert won_text(1_234_000, "en") == "₩1,234,000"
    assert MoneyStyle.for_language("en") is MoneyStyle.WON_SIGN
    assert MoneyStyle.for_language("ko") is MoneyStyle.WON_SUFFIX


def test_front_desk_books_but_does_not_train() -> None:
    assert {Role.OWNER, Role.SENIOR, Role.TRAINER} == TRAINING_ROLES
    assert TRAINING_ROLE_VALUES == ("owner", "senior", "trainer")
    assert trains(Role.TRAINER)
    assert trains("senior")
    assert not trains(Role.ASSISTANT)
    assert not trains("assistant")
    assert not trains("janitor")


def test_only_an_owner_grants_the_owner_role_or_manages_an_owner() -> None:
    assert grantable_roles(Role.OWNER) == tuple(Role)
    assert grantable_roles(Role.SENIOR) == (Role.SENIOR, Role.TRAINER, Role.ASSISTANT)
    assert not may_grant(Role.SENIOR, Role.OWNER)
    assert may_grant(Role.SENIOR, Role.SENIOR)
    assert may_manage(Role.OWNER, Role.OWNER)
    assert not may_manage(Role.SENIOR, Role.OWNER)
    assert may_manage(Role.SENIOR, Role.TRAINER)
    assert Role.ASSISTANT.label("en") == "Front desk / assistant"
    assert Role.SENIOR.label_ko == "시니어 트레이너"


@pytest.mark.parametrize(("stored", "enum"), [
    (choices.ROLES, Role),
    (choices.GENDERS, Gender),
    (choices.PAYMENT_METHODS, PaymentMethod),
    (choices.SESSION_STATUSES, SessionStatus),
    (choices.LEDGER_KINDS, LedgerKind),
    (choices.PUSH_UP_TYPES, PushUpType),
    (choices.RISK_LEVELS, RiskLevel),
])
def test_stored_choices_are_the_enum_values_in_order(
    stored: tuple[str, ...], enum: type[StrEnum]
) -> None:
    assert stored == tuple(member.value for member in enum)


def test_the_seven_test_keys_and_the_session_kinds() -> None:
    assert choices.TEST_KEYS == TEST_KEYS
    assert len(TEST_KEYS) == 7
    assert choices.SESSION_LEDGER_KINDS == ("complete", "no_show", "undo_complete")
    assert set(choices.SESSION_LEDGER_KINDS) <= set(choices.LEDGER_KINDS)
