"""The compact SQLite forms of store/types.py: every value reads back as written, the
stored form orders as the values do, and the forms written before 0009 are still read."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select

from the5hc_desktop.store import device_refs
from the5hc_desktop.store.codes import SESSION_STATUS
from the5hc_desktop.store.json_dictionary import DICTIONARY_V1
from the5hc_desktop.store.types import (
    DeviceRef,
    HlcValue,
    Measure,
    PackedJSON,
    UTCDateTime,
    pack_json,
    unpack_json,
)

INSTANTS = st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1),
                        timezones=st.sampled_from([UTC, timezone(timedelta(hours=9))]))
HLCS = st.tuples(st.integers(0, 2**48 - 1), st.integers(0, 2**16 - 1),
                 st.integers(0, 2**48 - 1)).map(lambda t: f"{t[0]:012x}{t[1]:04x}{t[2]:012x}")
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=5),
    max_leaves=20,
)


def _table() -> tuple[Any, Table]:
    engine = create_engine("sqlite://")
    table = Table("t", MetaData(), Column("n", Integer, primary_key=True),
                  Column("at", UTCDateTime), Column("device", DeviceRef),
                  Column("hlc", HlcValue), Column("doc", PackedJSON),
                  Column("measure", Measure), Column("status", SESSION_STATUS))
    table.metadata.create_all(engine)
    return engine, table


def _round_trip(column: str, values: list[Any]) -> tuple[list[Any], list[Any], list[Any]]:
    """(values read back in insert order, in SQL order of the column, raw stored forms)."""
    engine, table = _table()
    with engine.begin() as conn:
        conn.execute(insert(table), [{"n": i, column: v} for i, v in enumerate(values)])
        back = list(conn.scalars(select(table.c[column]).order_by(table.c.n)))
        ordered = list(conn.scalars(select(table.c[column]).order_by(table.c[column],
                                                                     table.c.n)))
        raw = [r[0] for r in conn.exec_driver_sql(f"SELECT {column} FROM t ORDER BY n")]
    engine.dispose()
    return back, ordered, raw


@settings(max_examples=60, deadline=None)
@given(st.lists(INSTANTS, min_size=1, max_size=20))
def test_instants_read_back_equal_in_utc_and_sort_as_instants(values: list[datetime]) -> None:
    back, ordered, raw = _round_trip("at", values)
    assert back == values
    assert all(v.tzinfo is UTC for v in back)
    assert ordered == sorted(values)
    assert all(isinstance(r, int) for r in raw)


@settings(max_examples=60, deadline=None)
@given(st.lists(HLCS, min_size=1, max_size=20))
def test_clock_values_read_back_equal_and_bytes_order_is_clock_order(values: list[str]) -> None:
    back, ordered, raw = _round_trip("hlc", values)
    assert back == values
    assert ordered == sorted(values)
    assert all(isinstance(r, bytes) and len(r) == 14 for r in raw)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.uuids().map(str), min_size=1, max_size=10))
def test_device_ids_read_back_as_the_same_text(values: list[str]) -> None:
    back, _, raw = _round_trip("device", values)
    assert back == values
    assert all(isinstance(r, bytes) and len(r) == 16 for r in raw)


def test_text_the_compact_forms_cannot_hold_is_kept_as_written() -> None:
    odd = ["legacy-desk", "ABCDEF00-0000-0000-0000-000000000000"]
    assert _round_trip("device", odd)[0] == odd
    assert _round_trip("hlc", ["not-a-clock", "A" * 28])[0] == ["not-a-clock", "A" * 28]


@settings(max_examples=80, deadline=None)
@given(st.lists(JSON_VALUES, min_size=1, max_size=5))
def test_packed_json_reads_back_equal(values: list[Any]) -> None:
    back, _, raw = _round_trip("doc", values)
    assert back == values
    assert all(isinstance(r, bytes) and r[:1] == b"\x01" for r in raw)


def test_forms_written_before_0009_are_still_read() -> None:
    engine, table = _table()
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO t (n, at, device, hlc, doc) VALUES (1, ?, ?, ?, ?)",
            ("2025-03-01 01:02:03.456789", "0199aaaa-bbbb-7ccc-8ddd-123456789abc",
             "01a241fc49f601f475ad28a15c0d", '{"by_category": {"risk": ["risk.advice.high"]}}'))
        row = conn.execute(select(table)).one()
    engine.dispose()
    assert row.at == datetime(2025, 3, 1, 1, 2, 3, 456789, tzinfo=UTC)
    assert row.device == "0199aaaa-bbbb-7ccc-8ddd-123456789abc"
    assert row.hlc == "01a241fc49f601f475ad28a15c0d"
    assert row.doc == {"by_category": {"risk": ["risk.advice.high"]}}


def test_a_typical_fee_breakdown_packs_to_a_fraction() -> None:
    details = {"method": "card", "supply": 1272727, "formula": {
        "supply": "gross / (1 + vat_rate), exact", "vat": "round_half_up(gross - supply)",
        "card_fee": "round_half_up(supply * card_fee_rate) if method == card else 0",
        "net": "gross - vat - card_fee"}, "rounding": "ROUND_HALF_UP", "sessions": 20,
        "session_price": 70000}
    packed = pack_json(details)
    assert unpack_json(packed) == details
    assert len(packed) * 5 < len(json.dumps(details))


def test_the_version_1_dictionary_is_frozen() -> None:
    # Rows packed with version 1 can only be read with exactly these bytes.
    assert hashlib.sha256(DICTIONARY_V1).hexdigest() == (
        "873c20a937035e7acec0ccd9fb24f593b88757c4d83d2c73ec745fd5982b5dfd")



MEASURES = (st.integers(-(10**7), 10**7).map(lambda n: n / 100)
            | st.integers(-(10**6), 10**6).map(lambda n: n / 10)
            | st.floats(allow_nan=False, allow_infinity=False))


@settings(max_examples=60, deadline=None)
@given(st.lists(MEASURES, min_size=1, max_size=30))
def test_measures_read_back_as_the_same_float(values: list[float]) -> None:
    back, _ordered, raw = _round_trip("measure", values)
    assert back == values
    assert all(type(v) is float for v in back)
    for value, stored in zip(values, raw, strict=True):
        if abs(value) < 1e12 and round(value * 100) / 100 == value:
            assert stored == round(value * 100)  # whole hundredths: a small integer


def test_statuses_are_stored_as_their_position_and_read_back_as_text() -> None:
    values = ["scheduled", "completed", "cancelled", "no_show", "completed"]
    back, _ordered, raw = _round_trip("status", values)
    assert back == values
    assert raw == [0, 1, 2, 3, 1]


def test_a_numbered_device_is_stored_as_its_number() -> None:
    engine, table = _table()
    numbered, other = "0190d4a2-6f3b-7c1e-9a2b-3c4d5e6f7a8b", "0190d4a2-6f3b-7c1e-9a2b-000000000007"
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE device_refs (ref INTEGER PRIMARY KEY, device_id BLOB)")
        device_refs.register(conn, uuid.UUID(numbered))
        conn.execute(insert(table), [{"n": 1, "device": numbered}, {"n": 2, "device": other}])
        raw = [r[0] for r in conn.exec_driver_sql("SELECT device FROM t ORDER BY n")]
        back = list(conn.scalars(select(table.c.device).order_by(table.c.n)))
    engine.dispose()
    assert raw == [1, uuid.UUID(other).bytes]  # an unnumbered device keeps its 16 bytes
    assert back == [numbered, other]
