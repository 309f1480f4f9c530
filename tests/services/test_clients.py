"""Clients: validation, duplicates, age, search (name, 초성, phone), paging, sorting, delete."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date
from decimal import Decimal

import pytest
from service_support import Clock, audit_rows, table_counts

from the5hc_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from the5hc_desktop.domain.people import Gender
from the5hc_desktop.services.assessments import AssessmentDraft, AssessmentService
from the5hc_desktop.services.clients import SORT_KEYS, ClientDraft, ClientService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import Client, CreditLedgerEntry, SessionPackage

MINSU = ClientDraft(
    name="김민수", gender="남성", phone="010-1234-5678", birth_date=date(1990, 6, 16),
    email="minsu@example.com", height_cm=175, weight_kg=70, goals="체중 감량",
)


@pytest.fixture
def clients(db: Database, clock: Clock) -> ClientService:
    return ClientService(db, now=clock)


def stored(db: Database, client_id: uuid.UUID) -> Client:
    with db.read() as session:
        row = session.get(Client, client_id)
        assert row is not None
        return row


def test_create_normalises_and_keeps_search_keys(
    clients: ClientService, owner: Actor, db: Database
) -> None:
    result = clients.create(owner, MINSU)
    view = result.client
    assert result.notices == ()
    assert (view.gender, view.phone, view.phone_display) == (
        Gender.MALE, "01012345678", "010-1234-5678")
    assert (view.age, view.age_is_estimate) == (34, False)  # birthday is tomorrow
    assert view.trainer_id == owner.staff_id
    assert view.trainer_name == "김대표"
    assert view.bmi == pytest.approx(70 / 1.75**2)
    assert view.bmi_band is not None
    assert view.bmi_band.ko == "정상"
    assert view.created_at.tzinfo is not None
    row = stored(db, view.id)
    assert (row.name_initials, row.phone_last4) == ("ㄱㅁㅅ", "5678")
    (entry,) = audit_rows(db, "client_created")
    assert entry.entity_id == view.id


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "김"}, "name"),
        ({"name": "   "}, "name"),
        ({"gender": "unknown"}, "gender"),
        ({"phone": "010-123"}, "phone"),
        ({"phone": "010-1234-56789"}, "phone"),
        ({"height_cm": 40}, "height_cm"),
        ({"height_cm": 301}, "height_cm"),
        ({"weight_kg": 19}, "weight_kg"),
        ({"weight_kg": 501}, "weight_kg"),
        ({"weight_kg": 300}, "weight_kg"),  # the assessment wizard's rule: refused in both
        ({"height_cm": 250, "weight_kg": 300}, "weight_kg"),  # BMI 48, yet no such weight
        ({"height_cm": 300, "weight_kg": 25}, "weight_kg"),  # BMI 2.8
        ({"height_cm": 100, "weight_kg": 60}, "weight_kg"),  # BMI 60
        ({"birth_date": date(2025, 6, 16)}, "birth_date"),  # tomorrow
        ({"email": "no-at-sign"}, "email"),
        ({"trainer_id": uuid.uuid4()}, "trainer_id"),
    ],
)
def test_each_bad_field_is_named_and_nothing_is_written(
    clients: ClientService, owner: Actor, db: Database, change: dict[str, object], field: str
) -> None:
    draft = dataclasses.replace(MINSU, **change)  # type: ignore[arg-type]
    before = table_counts(db)
    with pytest.raises(ValidationError) as caught:
        clients.create(owner, draft)
    assert caught.value.field == field
    assert caught.value.message("ko")
    assert table_counts(db) == before
    if field != "trainer_id":  # the trainer is checked against the database on save
        with pytest.raises(ValidationError) as again:
            clients.validate(draft)
        assert again.value.field == field


def test_validate_uses_the_given_day(clients: ClientService) -> None:
    draft = dataclasses.replace(MINSU, birth_date=date(2030, 1, 1))
    clients.validate(draft, today=date(2030, 1, 1))
    with pytest.raises(ValidationError):
        clients.validate(draft, today=date(2029, 12, 31))


def test_duplicate_phone_and_same_name_are_notices(
    clients: ClientService, owner: Actor
) -> None:
    first = clients.create(owner, MINSU).client
    twin = dataclasses.replace(MINSU, gender="female", birth_date=None)
    assert {n.code for n in clients.check_duplicates(twin)} == {"duplicate_phone", "same_name"}
    assert clients.check_duplicates(MINSU, exclude_id=first.id) == ()
    result = clients.create(owner, twin)
    assert {n.code for n in result.notices} == {"duplicate_phone", "same_name"}
    assert all(n.message("en") for n in result.notices)


def test_update_changes_fields_and_audits_them(
    clients: ClientService, owner: Actor, trainer: Actor, db: Database
) -> None:
    view = clients.create(owner, MINSU).client
    changed = dataclasses.replace(MINSU, name="김민준", phone="02-123-4567",
                                  trainer_id=trainer.staff_id)
    result = clients.update(owner, view.id, changed)
    assert result.client.name == "김민준"
    assert result.client.phone_display == "02-123-4567"
    assert result.client.trainer_name == "trainer 님"
    row = stored(db, view.id)
    assert (row.name_initials, row.phone_last4) == ("ㄱㅁㅈ", "4567")
    (entry,) = audit_rows(db, "client_updated")
    assert entry.details["changed"] == ["name", "phone", "trainer_id"]
    before = table_counts(db)
    with pytest.raises(ValidationError):
        clients.update(owner, view.id, dataclasses.replace(changed, email="bad"))
    assert table_counts(db) == before


def test_legacy_age_snapshot_is_advanced_and_marked_estimate(
    clients: ClientService, owner: Actor, db: Database
) -> None:
    with db.write() as session:
        row = Client(name="이영희", name_initials="ㅇㅇㅎ", gender="female", age_years=30,
                     age_recorded_on=date(2020, 6, 1))
        session.add(row)
    view = clients.view(owner, row.id)
    assert (view.age, view.age_is_estimate) == (35, True)
    # Editing the client keeps the snapshot.
    clients.update(owner, row.id, ClientDraft(name="이영희", gender="여성"))
    assert clients.view(owner, row.id).age == 35


# -- search ------------------------------------------------------------------------------------


@pytest.fixture
def people(clients: ClientService, owner: Actor) -> dict[str, uuid.UUID]:
    drafts = {
        "김민수": ("010-1234-5678", "male"),
        "박민서": ("010-2222-5678", "female"),
        "최서연": ("010-9876-1111", "female"),
        "John Park": ("031-555-0000", "male"),
    }
    return {
        name: clients.create(owner, ClientDraft(name=name, gender=g, phone=p)).client.id
        for name, (p, g) in drafts.items()
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"김민수", "박민서", "최서연", "John Park"}),
        ("민수", {"김민수"}),
        ("민", {"김민수", "박민서"}),
        ("park", {"John Park"}),
        ("ㄱㅁㅅ", {"김민수"}),
        ("ㅁㅅ", {"김민수", "박민서"}),
        ("ㅅㅇ", {"최서연"}),
        ("김ㅁ", {"김민수"}),
        ("5678", {"김민수", "박민서"}),
        ("1111", {"최서연"}),
        ("01012345678", {"김민수"}),
        ("010-1234-5678", {"김민수"}),
        ("9876", set()),  # four digits mean the last four
        ("98761", {"최서연"}),
        ("555", set()),  # up to four digits are the start of the last four
        ("56", {"김민수", "박민서"}),
        ("00", {"John Park"}),
        ("03155", {"John Park"}),  # five to nine digits: anywhere in the number
        ("없는사람", set()),
        ("100%", set()),
    ],
)
def test_search(
    clients: ClientService, owner: Actor, people: dict[str, uuid.UUID], query: str,
    expected: set[str],
) -> None:
    page = clients.search(owner, query)
    assert {row.name for row in page.rows} == expected
    assert page.total == len(expected)


def test_search_filters_active_trainer_and_deleted(
    clients: ClientService, owner: Actor, senior: Actor, trainer: Actor,
    people: dict[str, uuid.UUID],
) -> None:
    clients.set_active(owner, people["최서연"], False)
    clients.update(owner, people["박민서"], ClientDraft("박민서", "female", "010-2222-5678",
                                                     trainer_id=trainer.staff_id))
    clients.delete(senior, people["John Park"])
    assert {r.name for r in clients.search(owner).rows} == {"김민수", "박민서"}
    assert {r.name for r in clients.search(owner, active=False).rows} == {"최서연"}
    assert clients.search(owner, active=None).total == 3
    assert [r.name for r in clients.search(owner, trainer_id=trainer.staff_id).rows] == ["박민서"]


def test_pagination(clients: ClientService, owner: Actor) -> None:
    for n in range(25):
        clients.create(owner, ClientDraft(name=f"회원{n:02d}", gender="male"))
    pages = [clients.search(owner, offset=offset, limit=10) for offset in (0, 10, 20)]
    assert [len(p.rows) for p in pages] == [10, 10, 5]
    assert {p.total for p in pages} == {25}
    names = [row.name for p in pages for row in p.rows]
    assert names == [f"회원{n:02d}" for n in range(25)]
    assert clients.search(owner, offset=30, limit=10).rows == ()
    for bad in ({"limit": 0}, {"limit": 5000}, {"offset": -1}, {"sort": "height"}):
        with pytest.raises(ValidationError):
            clients.search(owner, **bad)  # type: ignore[arg-type]


@pytest.fixture
def sortable(
    clients: ClientService, owner: Actor, trainer: Actor, db: Database, clock: Clock
) -> dict[str, uuid.UUID]:
    """Three clients that differ in every sortable column."""
    ids = {
        "가나": clients.create(owner, ClientDraft(
            "가나", "female", "010-3333-0001", birth_date=date(1960, 1, 1))).client.id,
        "다라": clients.create(owner, ClientDraft(
            "다라", "male", "010-1111-0002", birth_date=date(2000, 1, 1),
            trainer_id=trainer.staff_id)).client.id,
        "마바": clients.create(owner, ClientDraft(
            "마바", "male", "010-2222-0003", birth_date=date(1980, 1, 1))).client.id,
    }
    clients.set_active(owner, ids["마바"], False)
    assessments = AssessmentService(db, now=clock)
    assessments.create(owner, AssessmentDraft(ids["가나"], date(2025, 1, 5),
                                              values={"toe_touch_cm": -20}))  # 25
    assessments.create(owner, AssessmentDraft(ids["다라"], date(2025, 3, 5),
                                              values={"toe_touch_cm": 10}))  # 100
    assessments.create(owner, AssessmentDraft(ids["다라"], date(2024, 3, 5),
                                              values={"toe_touch_cm": -20}))  # older
    with db.write() as session:
        for name, credits in (("가나", 7), ("마바", 2)):
            package = SessionPackage(
                client_id=ids[name], trainer_id=owner.staff_id, name="p", gross=100_000,
                session_price=10_000, sessions_bought=credits, vat_rate=Decimal("0.1"),
                card_fee_rate=Decimal("0.035"),
            )
            session.add(package)
            session.flush()
            session.add(CreditLedgerEntry(package_id=package.id, client_id=ids[name],
                                          kind="purchase", delta=credits))
    return ids


# Ties (same gender, trainer or active flag) are broken by name; rows without a value
# (never assessed) stay last in both directions.
@pytest.mark.parametrize(
    ("sort", "ascending", "descending"),
    [
        ("name", ["가나", "다라", "마바"], ["마바", "다라", "가나"]),
        ("gender", ["가나", "다라", "마바"], ["다라", "마바", "가나"]),
        ("age", ["다라", "마바", "가나"], ["가나", "마바", "다라"]),  # youngest first
        ("phone", ["다라", "마바", "가나"], ["가나", "마바", "다라"]),
        ("trainer", ["다라", "가나", "마바"], ["가나", "마바", "다라"]),  # "trainer 님" < "김대표"
        ("last_assessed_on", ["가나", "다라", "마바"], ["다라", "가나", "마바"]),
        ("last_overall", ["가나", "다라", "마바"], ["다라", "가나", "마바"]),
        ("remaining", ["다라", "마바", "가나"], ["가나", "마바", "다라"]),
        ("active", ["마바", "가나", "다라"], ["가나", "다라", "마바"]),
    ],
)
def test_every_sort_key(
    clients: ClientService, owner: Actor, sortable: dict[str, uuid.UUID], sort: str,
    ascending: list[str], descending: list[str],
) -> None:
    assert sort in SORT_KEYS
    rows = clients.search(owner, active=None, sort=sort).rows
    assert [r.name for r in rows] == ascending
    rows = clients.search(owner, active=None, sort=sort, descending=True).rows
    assert [r.name for r in rows] == descending
    assert [r.name for r in clients.search(owner, active=None, sort=sort, limit=1,
                                           offset=1).rows] == ascending[1:2]


def test_rows_carry_last_assessment_and_remaining(
    clients: ClientService, owner: Actor, sortable: dict[str, uuid.UUID]
) -> None:
    rows = {r.name: r for r in clients.search(owner, active=None).rows}
    assert (rows["다라"].last_assessed_on, rows["다라"].last_overall) == (date(2025, 3, 5), 100.0)
    assert rows["가나"].last_overall == 25.0
    assert (rows["마바"].last_assessed_on, rows["마바"].remaining_sessions) == (None, 2)
    assert rows["가나"].remaining_sessions == 7
    assert rows["가나"].age == 65
    assert rows["다라"].trainer_name == "trainer 님"
    assert rows["가나"].phone_display == "010-3333-0001"


def test_trainers_and_front_desk_cannot_delete(
    clients: ClientService, owner: Actor, trainer: Actor, assistant: Actor, db: Database
) -> None:
    view = clients.create(assistant, MINSU).client
    assert view.trainer_id is None  # front desk owns no clients
    for actor in (trainer, assistant):
        with pytest.raises(PermissionDenied):
            clients.delete(actor, view.id)
    clients.delete(owner, view.id)
    assert stored(db, view.id).deleted_at is not None
    with pytest.raises(NotFound):
        clients.get(owner, view.id)
    with pytest.raises(NotFound):
        clients.delete(owner, view.id)
    assert [e.action for e in audit_rows(db, "client_deleted")] == ["client_deleted"]


def test_detail_has_assessments_packages_and_progress(
    clients: ClientService, owner: Actor, sortable: dict[str, uuid.UUID]
) -> None:
    detail = clients.get(owner, sortable["다라"])
    assert [a.assessed_on for a in detail.assessments] == [date(2025, 3, 5), date(2024, 3, 5)]
    assert detail.progress.dates == [date(2024, 3, 5), date(2025, 3, 5)]
    assert detail.progress.mobility == [25.0, 100.0]
    assert detail.packages == ()
    assert len(clients.get(owner, sortable["가나"]).packages) == 1


@pytest.mark.parametrize("sort", ["name", "last_overall", "remaining"])
def test_same_day_assessments_show_the_newest_and_search_can_sort_by_aggregates(
    clients: ClientService, owner: Actor, sortable: dict[str, uuid.UUID], db: Database,
    clock: Clock, sort: str,
) -> None:
    # Created after the first one, with the same assessment date.
    AssessmentService(db, now=clock).create(owner, AssessmentDraft(
        sortable["가나"], date(2025, 1, 5), values={"toe_touch_cm": 0}))  # 75
    everyone = {r.name: r.last_overall for r in clients.search(owner, active=None, sort=sort).rows}
    assert everyone == {"가나": 75.0, "다라": 100.0, "마바": None}
    rows = clients.search(owner, "가", active=None, sort=sort).rows
    assert [(r.name, r.last_overall) for r in rows] == [("가나", 75.0)]
    rows = clients.search(owner, "ㄷㄹ", active=None, sort=sort, descending=True).rows
    assert [(r.name, r.last_overall, r.remaining_sessions) for r in rows] == [("다라", 100.0, 0)]
