"""client_search: database triggers keep it exact for every way a member row is written."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from search_pieces import expected_index, expected_rows, stored_index
from sqlalchemy import delete, insert, update
from store_seed import Seeded

from the5hc_desktop.domain.hangul import initials
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.engine import write_engine
from the5hc_desktop.store.models import Client
from the5hc_desktop.store.stamping import RAW_WRITE

SeedFn = Callable[[Database], Seeded]
TRIGGERS = {"client_search_insert", "client_search_update", "client_search_delete"}


def assert_index_exact(db: Database) -> None:
    with db.read() as s:
        assert stored_index(s) == expected_index(s)


def rename(db: Database, client_id: uuid.UUID, name: str) -> None:
    with db.write() as s:
        client = s.get_one(Client, client_id)
        client.name = name
        client.name_initials = initials(name.replace(" ", ""))


def test_triggers_exist_at_head(database: Database) -> None:
    # A migration that rebuilds `clients` on SQLite drops them; it must create them again.
    with database.engine.connect() as conn:
        names = set(conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'clients'"
            " AND name NOT LIKE 'member\\_list\\_%' ESCAPE '\\'"  # member_list_facts' own
        ).scalars())
    assert names == TRIGGERS


def test_orm_writes_keep_the_index_exact(database: Database, seed: SeedFn) -> None:
    ids = seed(database)
    with database.read() as s:
        assert stored_index(s) == expected_rows("김민수", "ㄱㅁㅅ", ids.client_id, True)

    rename(database, ids.client_id, "Kim 민수 PARK")
    assert_index_exact(database)
    with database.read() as s:
        terms = {term for kind, term, *_ in stored_index(s) if kind == "n"}
    assert {"ki", "pa", "k", " 민"} <= terms
    assert "KI" not in terms

    with database.write() as s:  # same name, so the same keys: old rows go, new ones come
        s.get_one(Client, ids.client_id).active = False
    assert_index_exact(database)
    with database.read() as s:
        rows = stored_index(s)
    assert rows
    assert not any(active for *_, active in rows)

    with database.write() as s:
        s.get_one(Client, ids.client_id).soft_delete()
    with database.read() as s:
        assert stored_index(s) == set()

    with database.write() as s:
        s.get_one(Client, ids.client_id).deleted_at = None
    assert_index_exact(database)


def test_long_names_and_twins(database: Database, seed: SeedFn) -> None:
    ids = seed(database)
    long_name = "가나다라마바사아자차카타파하 김민수 Alexander Graham Bell"  # pieces past 10
    very_long = "김민수" * 66 + "끝"  # 199 characters
    with database.write() as s:
        for name in (long_name, very_long, "김민수"):  # a second 김민수: its own rows
            s.add(Client(name=name, name_initials=initials(name.replace(" ", "")),
                         gender="male", trainer_id=ids.staff_id))
    assert_index_exact(database)
    with database.read() as s:
        rows = stored_index(s)
    assert ("n", "be", long_name) in {r[:3] for r in rows}
    assert ("i", "ㅅㄲ", very_long) in {r[:3] for r in rows}
    assert len({r[3] for r in rows if r[:2] == ("i", "ㄱㅁㅅ")}) == 4  # every 김민수 in a name


def test_bulk_and_raw_sql_writes_keep_the_index_exact(database: Database, seed: SeedFn) -> None:
    """Core inserts (the demo's and the importer's bulk path), bulk updates, hard deletes."""
    ids = seed(database)
    now = datetime(2025, 3, 4, tzinfo=UTC)
    names = ["박지성", "이영희", "Mary Ann", "최 서연"]
    rows = [
        {"id": uuid.uuid4(), "name": n, "name_initials": initials(n.replace(" ", "")),
         "gender": "female", "active": True, "created_at": now, "updated_at": now,
         "updated_by_device": "bulk", "change_stamp": 1000 + i, "hlc": f"{i:028x}"}
        for i, n in enumerate(names)
    ]
    # Unstamped updates and hard deletes need the maintenance option (stamping.py's guard).
    engine = write_engine(database.engine).execution_options(**{RAW_WRITE: True})
    with engine.begin() as conn:
        conn.execute(insert(Client), rows)
    assert_index_exact(database)
    with engine.begin() as conn:
        conn.execute(update(Client).where(Client.name != "김민수").values(active=False))
        conn.execute(update(Client).where(Client.name == "이영희").values(deleted_at=now))
    assert_index_exact(database)
    with engine.begin() as conn:
        conn.execute(delete(Client).where(Client.id.in_([r["id"] for r in rows])))
    with database.read() as s:
        assert stored_index(s) == expected_rows("김민수", "ㄱㅁㅅ", ids.client_id, True)
