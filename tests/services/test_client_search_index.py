"""Client search through the client_search index: every path gives the documented matches,
totals and order (name pieces, long queries, 초성 runs, mixed 초성, paging, filters, and
the list sorted by remaining sessions)."""

from __future__ import annotations

import random
import uuid
from decimal import Decimal

import pytest
from service_support import Clock

from the5hc_desktop.services.clients import ClientDraft, ClientService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import CreditLedgerEntry, SessionPackage


@pytest.fixture
def clients(db: Database, clock: Clock) -> ClientService:
    return ClientService(db, now=clock)


@pytest.fixture
def people(clients: ClientService, owner: Actor) -> dict[str, uuid.UUID]:
    names = ["김민수", "남궁민수", "김 민지", "John Park", "Mary JOHNSON", "박민서"]
    return {
        name: clients.create(owner, ClientDraft(name=name, gender="female")).client.id
        for name in names
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("민", {"김민수", "남궁민수", "김 민지", "박민서"}),
        ("민수", {"김민수", "남궁민수"}),
        ("김민수", {"김민수"}),  # longer than a stored piece: checked whole
        ("궁민수", {"남궁민수"}),
        ("민수김", set()),
        ("김 민", {"김 민지"}),  # a space inside the query is part of it
        ("PARK", {"John Park"}),  # Latin letters ignore case, as before
        ("john", {"John Park", "Mary JOHNSON"}),
        ("hn p", {"John Park"}),
        ("ㄴㄱㅁㅅ", {"남궁민수"}),  # a 초성 run longer than a stored piece
        ("ㄱㅁㅅ", {"김민수", "남궁민수"}),
        ("ㄱㅁㅈ", {"김 민지"}),  # initials ignore the space
        ("ㅁ", {"김민수", "남궁민수", "김 민지", "박민서"}),
        ("김ㅁ", {"김민수", "김 민지"}),  # mixed; the space in "김 민지" is ignored
        ("궁ㅁㅅ", {"남궁민수"}),
        ("ㄱ민", {"김민수", "남궁민수", "김 민지"}),
        ("Jㅍ", set()),  # letters and 초성: not in the index, scanned as before
    ],
)
def test_matches(
    clients: ClientService, owner: Actor, people: dict[str, uuid.UUID], query: str,
    expected: set[str],
) -> None:
    page = clients.search(owner, query)
    assert {row.name for row in page.rows} == expected
    assert page.total == len(expected)
    by_initials = clients.search(owner, query, sort="age")  # another order: same matches
    assert {row.name for row in by_initials.rows} == expected
    assert by_initials.total == len(expected)


def test_pages_totals_and_filters_with_a_term(
    clients: ClientService, owner: Actor, trainer: Actor
) -> None:
    ids = [clients.create(owner, ClientDraft(name=f"회원{n:02d}", gender="male")).client.id
           for n in range(25)]
    clients.update(owner, ids[3], ClientDraft("회원03", "male", trainer_id=trainer.staff_id))
    clients.set_active(owner, ids[5], False)
    for query in ("회원", "ㅎㅇ", "회ㅇ"):
        pages = [clients.search(owner, query, offset=o, limit=10) for o in (0, 10, 20)]
        assert {p.total for p in pages} == {24}
        names = [row.name for p in pages for row in p.rows]
        assert names == [f"회원{n:02d}" for n in range(25) if n != 5], query
        back = clients.search(owner, query, descending=True, limit=3)
        assert [r.name for r in back.rows] == ["회원24", "회원23", "회원22"]
        assert clients.search(owner, query, offset=30).rows == ()
        inactive = clients.search(owner, query, active=False)
        assert ([r.name for r in inactive.rows], inactive.total) == (["회원05"], 1)
        mine = clients.search(owner, query, trainer_id=trainer.staff_id)
        assert ([r.name for r in mine.rows], mine.total) == (["회원03"], 1)
    clients.delete(owner, ids[0])
    assert clients.search(owner, "회원00").total == 0
    assert clients.search(owner, "회원", active=None).total == 24


def test_list_totals_without_a_term(clients: ClientService, owner: Actor) -> None:
    ids = [clients.create(owner, ClientDraft(name=f"회원{n}", gender="male")).client.id
           for n in range(6)]
    clients.set_active(owner, ids[0], False)
    clients.set_active(owner, ids[1], False)
    clients.delete(owner, ids[2])
    assert clients.search(owner).total == 3
    assert clients.search(owner, active=False).total == 2
    assert clients.search(owner, active=None).total == 5
    assert [r.name for r in clients.search(owner, active=None, offset=3).rows] == [
        "회원4", "회원5"]


def test_sorted_by_remaining_runs_above_zero_and_below(
    clients: ClientService, owner: Actor, db: Database
) -> None:
    balances = {"가": 5, "나": 0, "다": -2, "라": 3, "마": None, "바": 3, "사": -1}
    ids = {name: clients.create(owner, ClientDraft(name=name * 2, gender="male")).client.id
           for name in balances}
    with db.write() as session:
        for name, left in balances.items():
            if left is None:
                continue
            package = SessionPackage(
                client_id=ids[name], trainer_id=owner.staff_id, name="p", gross=100_000,
                session_price=10_000, sessions_bought=10, vat_rate=Decimal("0.1"),
                card_fee_rate=Decimal("0.035"))
            session.add(package)
            session.flush()
            session.add(CreditLedgerEntry(package_id=package.id, client_id=ids[name],
                                          kind="adjustment", delta=left))
    down = ["가가", "라라", "바바", "나나", "마마", "사사", "다다"]
    up = ["다다", "사사", "나나", "마마", "라라", "바바", "가가"]
    for descending, expected in ((True, down), (False, up)):
        whole = clients.search(owner, sort="remaining", descending=descending)
        assert [r.name for r in whole.rows] == expected
        assert whole.total == 7
        pages = [clients.search(owner, sort="remaining", descending=descending, offset=o,
                                limit=2).rows for o in range(0, 8, 2)]
        assert [r.name for page in pages for r in page] == expected
    assert [r.remaining_sessions for r in clients.search(
        owner, sort="remaining", descending=True).rows] == [5, 3, 3, 0, 0, -1, -2]
    clients.set_active(owner, ids["라"], False)
    assert [r.name for r in clients.search(owner, sort="remaining", descending=True).rows] == [
        "가가", "바바", "나나", "마마", "사사", "다다"]


def test_last_four_digits_pages_equal_the_plain_filter(
    clients: ClientService, owner: Actor, trainer: Actor
) -> None:
    """The first keys of the last four digits are answered from one index (_Keyed): every
    page, total, filter and direction equals filtering the members in Python."""
    rng = random.Random(15)
    members, trainer_of = [], {}
    for n in range(70):
        last4 = rng.choice(["5678", "5612", "5600", "5099", "1234", "0056"])
        draft = ClientDraft(
            name=rng.choice(["김민수", "이서연", "박지훈", "Kim", "최 유진"]) + str(n % 7),
            gender="female", phone=f"010{n:04d}{last4}",
            trainer_id=rng.choice([None, trainer.staff_id]), active=rng.random() < 0.7)
        client = clients.create(owner, draft).client
        members.append(client)
        trainer_of[client.id] = draft.trainer_id or owner.staff_id
    deleted = {members[3].id, members[40].id}
    for client_id in deleted:
        clients.delete(owner, client_id)
    for digits in ("5", "56", "567", "5678", "0056", "9"):
        for active in (True, False, None):
            for trainer_id in (None, trainer.staff_id):
                for descending in (False, True):
                    # by name in the list's direction, twins by id
                    wanted = sorted(sorted(
                        (c.name, c.id) for c in members
                         if c.id not in deleted and c.phone[-4:].startswith(digits)
                         and (active is None or c.active == active)
                         and trainer_id in (None, trainer_of[c.id])),
                        key=lambda pair: pair[0], reverse=descending)
                    pages = [clients.search(owner, digits, active=active,
                                            trainer_id=trainer_id, descending=descending,
                                            offset=offset, limit=7)
                             for offset in range(0, len(wanted) + 7, 7)]
                    assert {page.total for page in pages} == {len(wanted)}
                    assert [(r.name, r.id) for p in pages for r in p.rows] == wanted
