"""The demo generator's storage form of a value and its packing of JSON: each fast path
equals the plain conversion."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from enum import Enum, IntEnum, StrEnum
from typing import Any

from the5hc_desktop.services.demo import PackedOnce, _storage
from the5hc_desktop.store.bulk import db_date, db_time
from the5hc_desktop.store.types import pack_json


class _Colour(Enum):
    RED = "red"


class _Level(IntEnum):
    HIGH = 3


class _Kind(StrEnum):
    CARD = "card"


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return db_time(value)
    if isinstance(value, date):
        return db_date(value)
    return value


def test_storage_equals_the_plain_conversion_on_random_values() -> None:
    rng = random.Random(14)
    makers = [
        lambda: rng.randint(-10**6, 10**6),
        lambda: rng.uniform(-1e3, 1e3),
        lambda: "".join(rng.choice("ab가나") for _ in range(rng.randint(0, 5))),
        lambda: None,
        lambda: rng.random() < 0.5,
        lambda: rng.choice([_Colour.RED, _Level.HIGH, _Kind.CARD]),
        lambda: date(2020, 1, 1) + timedelta(days=rng.randint(0, 3000)),
        lambda: datetime(2020, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randint(0, 10**8)),
    ]
    for _ in range(2000):
        value = rng.choice(makers)()
        stored = _storage(value)
        assert stored == _plain(value)
        assert type(stored) is type(_plain(value))


def test_packed_once_equals_pack_json_on_random_recurring_values() -> None:
    rng = random.Random(41)
    codes = ["strength.grip", "mobility.hip_hinge", "balance.single_leg", "cardio.hiit",
             "risk.advice.low", "균형", ""]
    pool = [
        {"by_category": {category: rng.sample(codes, rng.randint(0, 3))
                         for category in rng.sample(["strength", "mobility", "risk"], 2)}}
        for _ in range(40)
    ] + [[["poor_cardio", rng.uniform(0, 5), {"cardio": rng.uniform(0, 30)}]]
         for _ in range(10)]
    packed, small = PackedOnce(), PackedOnce()
    small.LIMIT = 7  # forgets now and then
    for _ in range(1000):
        value = rng.choice(pool)
        assert packed(value) == small(value) == pack_json(value)
    assert len(packed.packed) <= len(pool)  # each distinct text deflated once
    assert len(small.packed) <= 7
