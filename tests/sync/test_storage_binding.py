"""The fast apply path (sync/storage.py) stores exactly what the plain path stores.

Plain path: `TableCodec.decode`, then every value through its column type's bind
processor, as SQLAlchemy binds it. No server needed.
"""

from __future__ import annotations

import json
import random
import sqlite3
import string
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from the5hc_desktop.services.demo import generate_demo
from the5hc_desktop.store.database import Database
from the5hc_desktop.sync.codec import TableCodec, kind_of
from the5hc_desktop.sync.local import CODECS, LocalReplica, canonical_digest
from the5hc_desktop.sync.storage import StorageBinder

DIALECT = sqlite.dialect()
SEOUL = timezone(timedelta(hours=9))


def _instant(rng: random.Random) -> datetime:
    moment = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(
        seconds=rng.randrange(0, 10 * 365 * 86400),
        microseconds=rng.choice([0, rng.randrange(1_000_000)]))
    return moment.astimezone(rng.choice([UTC, SEOUL]))


LETTERS = string.ascii_letters + "김민수 이영희 ✓"


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(LETTERS) for _ in range(rng.randrange(12)))


VALUES: dict[str, Callable[[random.Random], Any]] = {
    "uuid": lambda rng: uuid.UUID(int=rng.getrandbits(128)),
    "instant": _instant,
    "date": lambda rng: date(2020, 1, 1) + timedelta(days=rng.randrange(4000)),
    "rate": lambda rng: Decimal(rng.randrange(0, 10_000)) / 10_000,
    "bool": lambda rng: rng.random() < 0.5,
    "int": lambda rng: rng.randrange(-10**12, 10**12),
    "float": lambda rng: rng.uniform(-1000, 1000),
    "json": lambda rng: {"메모": _text(rng), "n": rng.randrange(100), "xs": [1, 2.5, None]},
    "text": _text,
}


def _random_row(codec: TableCodec, rng: random.Random) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column in codec.columns:
        make = VALUES[kind_of(column.type)]
        row[column.name] = None if column.nullable and rng.random() < 0.2 else make(rng)
    return row


def _plain_rows(
    codec: TableCodec, datas: Sequence[Mapping[str, Any]]
) -> list[tuple[Any, ...]]:
    """Decode, then each column type's own bind processor: what SQLAlchemy would bind."""
    columns: list[Column[Any]] = list(codec.table.columns)
    processors = [c.type._cached_bind_processor(DIALECT) for c in columns]
    rows = []
    for data in datas:
        values = codec.decode(data) | {"change_stamp": 0}
        rows.append(tuple(
            value if process is None or value is None else process(value)
            for value, process in zip((values[c.name] for c in columns), processors,
                                      strict=True)))
    return rows


@pytest.mark.parametrize("entity", sorted(CODECS))
def test_every_column_binds_as_its_type_does(entity: str) -> None:
    codec = CODECS[entity]
    binder = StorageBinder(codec, DIALECT)
    rng = random.Random(f"bind-{entity}")
    # Through JSON text, as the rows arrive from the server.
    datas = [json.loads(json.dumps(codec.encode(_random_row(codec, rng)), ensure_ascii=False))
             for _ in range(300)]
    fast = binder.rows(datas, {"change_stamp": 0})
    plain = _plain_rows(codec, datas)
    assert binder.names == tuple(c.name for c in codec.table.columns)
    for fast_row, plain_row in zip(fast, plain, strict=True):
        assert [_plain(v) for v in fast_row] == [_plain(v) for v in plain_row]
        assert [type(_plain(v)) for v in fast_row] == [type(_plain(v)) for v in plain_row]


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def test_unknown_columns_are_refused_as_by_decode() -> None:
    codec = CODECS["clients"]
    data = codec.encode(_random_row(codec, random.Random(3))) | {"shoe_size": 270}
    with pytest.raises(ValueError, match="shoe_size"):
        StorageBinder(codec, DIALECT).rows([data], {"change_stamp": 0})
    with pytest.raises(ValueError, match="shoe_size"):
        codec.decode(data)


def test_bad_values_are_refused_as_by_decode() -> None:
    codec = CODECS["sessions"]
    data = codec.encode(_random_row(codec, random.Random(4))) | {"duration_min": 30.5}
    with pytest.raises(ValueError, match="whole number"):
        StorageBinder(codec, DIALECT).rows([data], {"change_stamp": 0})


# --- whole pages: the replica's apply against a plain apply ------------------------------


DEMO_SEED = random.randrange(1_000_000)  # named in every failure message


@pytest.fixture(scope="module")
def demo_rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Every synced row of a small random demo gym, as the server sends it."""
    database = Database.open(tmp_path_factory.mktemp("bind") / "source.sqlite3",
                             device_name="source")
    try:
        generate_demo(database, 40, seed=DEMO_SEED)
        rows = []
        with database.read() as s:
            for name, codec in CODECS.items():
                for row in s.execute(select(codec.table)):
                    data = codec.encode(dict(row._mapping))
                    rows.append({"entity": name, "id": data["id"], "hlc": data["hlc"],
                                 "deleted": data["deleted_at"] is not None,
                                 "data": json.loads(json.dumps(data))})
    finally:
        database.close()
    return rows


def _pages(rows: list[dict[str, Any]], rng: random.Random) -> Iterator[list[dict[str, Any]]]:
    rows = rows[:]
    rng.shuffle(rows)
    start = 0
    while start < len(rows):
        size = rng.randrange(1, 400)
        yield rows[start:start + size]
        start += size


def _plain_apply(database: Database, pages: Sequence[Sequence[Mapping[str, Any]]]) -> None:
    """The plain path: decoded rows through SQLAlchemy's own upsert, one page a transaction."""
    from the5hc_desktop.store.engine import create_sqlite_engine, write_engine

    assert database.path is not None
    engine = write_engine(create_sqlite_engine(database.path, foreign_keys=False))
    try:
        for page in pages:
            with engine.begin() as conn:
                for row in page:
                    codec = CODECS[row["entity"]]
                    values = codec.decode(row["data"]) | {"change_stamp": 0}
                    statement = sqlite_insert(codec.table).values(values)
                    conn.execute(statement.on_conflict_do_update(
                        index_elements=["id"],
                        set_={k: v for k, v in values.items() if k != "id"}))
    finally:
        engine.dispose()


def _stored(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced table's rows exactly as SQLite holds them."""
    with sqlite3.connect(path) as conn:
        return {name: conn.execute(f'SELECT id, * FROM "{name}" ORDER BY id').fetchall()
                for name in sorted(CODECS)}


def test_pulled_pages_store_what_the_plain_path_stores(
    demo_rows: list[dict[str, Any]], tmp_path: Path
) -> None:
    seed = random.randrange(1_000_000)
    where = f"demo seed {DEMO_SEED}, page seed {seed}"
    pages = list(_pages(demo_rows, random.Random(seed)))
    fast_db = Database.open(tmp_path / "fast.sqlite3", device_name="fast")
    plain_db = Database.open(tmp_path / "plain.sqlite3", device_name="plain")
    replica = LocalReplica(fast_db)
    try:
        for cursor, page in enumerate(pages, start=1):
            applied = replica.apply_page(page, cursor)
            assert applied.rows == len(page), where
        # Every row again, in other pages: an upsert of what is there changes nothing.
        for page in _pages(demo_rows, random.Random(seed + 1)):
            replica.apply_page(page, len(pages) + 1)
        _plain_apply(plain_db, pages)
        assert canonical_digest(fast_db) == canonical_digest(plain_db), where
    finally:
        replica.close()
        fast_db.close()
        plain_db.close()
    fast, plain = _stored(tmp_path / "fast.sqlite3"), _stored(tmp_path / "plain.sqlite3")
    assert sum(len(rows) for rows in fast.values()) >= len(demo_rows)
    for name in fast:
        pulled_ids = {uuid.UUID(r["id"]).bytes for r in demo_rows if r["entity"] == name}
        assert [r for r in fast[name] if r[0] in pulled_ids] == \
            [r for r in plain[name] if r[0] in pulled_ids], f"{name}, {where}"


def test_a_refused_value_is_refused_beside_an_equal_good_one() -> None:
    codec = CODECS["sessions"]
    rng = random.Random(5)
    good = codec.encode(_random_row(codec, rng)) | {"duration_min": 1}
    bad = codec.encode(_random_row(codec, rng)) | {"duration_min": True}  # True == 1
    with pytest.raises(ValueError, match="whole number"):
        StorageBinder(codec, DIALECT).rows([good, bad], {"change_stamp": 0})


def _bound_or_error(binder: StorageBinder, data: Mapping[str, Any]) -> Any:
    try:
        return [_plain(v) for v in binder.rows([data], {"change_stamp": 0})[0]]
    except (ValueError, TypeError, AttributeError) as error:
        return type(error)


def _plain_or_error(codec: TableCodec, data: Mapping[str, Any]) -> Any:
    try:
        return [_plain(v) for v in _plain_rows(codec, [data])[0]]
    except (ValueError, TypeError, AttributeError) as error:
        return type(error)


@pytest.mark.parametrize("text", [
    "0190a4b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b",  # canonical
    "0190A4B2-7C3D-7E4F-8A9B-0C1D2E3F4A5B",  # upper case
    "{0190a4b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b}",
    "urn:uuid:0190a4b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b",
    "0190a4b27c3d7e4f8a9b0c1d2e3f4a5b",  # no hyphens
    "0190a4b2-7c3d-7e4f-8a9b-0c1d2e3f4a5",  # one digit short
    "0190a4b2-7c3d-7e4f-8a9b 0c1d2e3f4a5b",  # a space for a hyphen
    "0190a4b2-7c3d-7e4f-8a9b-0c1d2e3f4a5g",  # not hex
    " 0190a4b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b",
    "０１９０a4b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b",  # full-width digits
    12345,
])
def test_uuid_texts_bind_or_are_refused_as_by_the_plain_path(text: Any) -> None:
    codec = CODECS["sessions"]
    data = codec.encode(_random_row(codec, random.Random(6))) | {"client_id": text}
    assert _bound_or_error(StorageBinder(codec, DIALECT), data) == _plain_or_error(codec, data)


def test_packed_json_values_bind_as_their_type_does_when_they_repeat() -> None:
    """Packed columns remember the packing of a JSON text; equal texts only, not equal
    values (1 and 1.0, key order), share it."""
    codec = CODECS["assessments"]
    rng = random.Random(7)
    variants: list[Any] = [{"a": 1, "b": [1, 2]}, {"b": [1, 2], "a": 1}, {"a": 1.0, "b": [1, 2]},
                           {"a": True, "b": [1, 2]}, ["김민수", 1], ["김민수", 1.5], [], {}]
    datas = []
    for _ in range(200):
        data = codec.encode(_random_row(codec, rng))
        data["risk_factors"] = rng.choice(variants)
        data["recommendations"] = rng.choice(variants)
        datas.append(json.loads(json.dumps(data, ensure_ascii=False)))
    binder = StorageBinder(codec, DIALECT)
    assert [[_plain(v) for v in row] for row in binder.rows(datas, {"change_stamp": 0})] == \
        [[_plain(v) for v in row] for row in _plain_rows(codec, datas)]


def test_missing_columns_bind_as_none_and_a_swapped_one_is_refused() -> None:
    codec = CODECS["clients"]
    rng = random.Random(8)
    whole = [codec.encode(_random_row(codec, rng)) for _ in range(5)]
    short = [{k: v for k, v in data.items() if k != "notes"} for data in whole]
    binder = StorageBinder(codec, DIALECT)
    # One row short among whole ones, and every row short: None, as `decode` gives.
    for datas in ([*whole[:4], short[4]], short):
        assert [[_plain(v) for v in row] for row in binder.rows(datas, {"change_stamp": 0})] \
            == [[_plain(v) for v in row] for row in _plain_rows(codec, datas)]
    swapped = short[0] | {"shoe_size": 270}  # as many keys as a whole row
    with pytest.raises(ValueError, match="shoe_size"):
        binder.rows([whole[1], swapped], {"change_stamp": 0})


def test_a_row_twice_in_a_page_ends_as_its_last_version_as_on_the_plain_path(
    demo_rows: list[dict[str, Any]], tmp_path: Path
) -> None:
    """Rows go several to a statement: a later version of a row in the same statement
    (or the next) must still replace the earlier one, in page order."""
    sessions = [r for r in demo_rows if r["entity"] == "sessions"][:120]
    later = [r | {"data": r["data"] | {"notes": f"again {i}"}} for i, r in enumerate(sessions)]
    rng = random.Random(9)
    page = sessions + later
    rng.shuffle(page)  # versions interleaved; whichever comes last must win
    fast_db = Database.open(tmp_path / "fast.sqlite3", device_name="fast")
    plain_db = Database.open(tmp_path / "plain.sqlite3", device_name="plain")
    replica = LocalReplica(fast_db)
    try:
        replica.apply_page(page, 1)
        _plain_apply(plain_db, [page])
    finally:
        replica.close()
        fast_db.close()
        plain_db.close()
    fast, plain = _stored(tmp_path / "fast.sqlite3"), _stored(tmp_path / "plain.sqlite3")
    assert fast["sessions"] == plain["sessions"]
    assert len(fast["sessions"]) == len(sessions)
