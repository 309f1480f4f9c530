"""A desk's rounds against the real server: first upload, first download, edits both ways,
conflicts kept, credits merged by union, and the errors a person can act on."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from sqlalchemy import select
from sync_cluster import Desk, enrol, later, open_desk

from the5hc_desktop.services import build_services
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import Client, SyncConflict
from the5hc_desktop.sync import errors

pytestmark = pytest.mark.postgres


@pytest.fixture
def gym(server):
    return server.new_gym()


@pytest.fixture
def desks(server, gym, sync_template, tmp_path):
    opened: list[Desk] = []

    def open_one(name: str) -> Desk:
        desk = open_desk(name, sync_template, tmp_path, enrol(server, gym, name))
        opened.append(desk)
        return desk

    yield open_one
    for desk in opened:
        desk.close()


def first_desk(open_one) -> Desk:
    desk = open_one("front")
    desk.services.accounts.create_gym_and_owner("싱크 센터", "김대표", "owner", "owner-pass-1")
    return desk


def member(desk: Desk, name: str = "김민수"):
    return desk.services.clients.create(desk.owner(), ClientDraft(
        name=name, gender="female", birth_date=date(1990, 1, 1))).client


def test_first_desk_uploads_and_a_new_desk_downloads_the_gym(desks) -> None:
    front = first_desk(desks)
    member(front)
    first = front.sync()
    assert first.pushed > 0
    assert first.verified
    laptop = desks("laptop")
    got = laptop.sync()
    assert got.pulled >= first.pushed
    assert laptop.digest() == front.digest()
    # The staff of the gym can sign in on the new desk.
    assert laptop.services.accounts.sign_in("owner", "owner-pass-1").username == "owner"


def test_a_no_change_round_moves_nothing(desks) -> None:
    front = first_desk(desks)
    front.sync()
    again = front.sync()
    assert (again.pushed, again.pulled, again.conflicts) == (0, 0, 0)


def test_edits_travel_both_ways(desks) -> None:
    front = first_desk(desks)
    client = member(front)
    front.sync()
    laptop = desks("laptop")
    laptop.sync()
    laptop.services.clients.update(laptop.owner(), client.id, ClientDraft(
        name="김민수", gender="female", birth_date=date(1990, 1, 1), notes="무릎 주의"))
    laptop.sync()
    front.sync()
    assert front.services.clients.view(front.owner(), client.id).notes == "무릎 주의"
    assert front.digest() == laptop.digest()


def test_concurrent_edits_keep_the_loser_in_the_conflict_log(desks) -> None:
    front = first_desk(desks)
    client = member(front)
    front.sync()
    laptop = desks("laptop")
    laptop.sync()
    for desk, note in ((front, "앞"), (laptop, "뒤")):
        desk.services.clients.update(desk.owner(), client.id, ClientDraft(
            name="김민수", gender="female", birth_date=date(1990, 1, 1), notes=note))
    front.sync()
    laptop.sync()
    front.sync()
    assert front.digest() == laptop.digest()
    assert front.services.clients.view(front.owner(), client.id).notes == "뒤"  # later clock
    with front.db.read() as s:
        logged = s.query(SyncConflict).filter_by(row_id=client.id).all()
    assert [c.loser["data"]["notes"] for c in logged] == ["앞"]
    assert logged[0].winner["data"]["notes"] == "뒤"


def one_booking_on_two_desks(desks):
    """Two in-step desks and one booked session of a two-session package."""
    front = first_desk(desks)
    client = member(front)
    package = front.services.packages.sell(front.owner(), client.id, 100_000, 50_000, "card")
    booked = front.services.sessions.book(front.owner(), client.id, package.id,
                                          front.owner().staff_id, later(120))
    front.sync()
    laptop = desks("laptop")
    laptop.sync()
    return front, laptop, package, booked


def sync_both_twice(front: Desk, laptop: Desk) -> None:
    for desk in (front, laptop, front, laptop):
        assert desk.sync().verified
    assert front.digest() == laptop.digest()


def test_two_offline_desks_completing_one_session_debit_once(desks) -> None:
    front, laptop, package, booked = one_booking_on_two_desks(desks)
    front.services.sessions.complete(front.owner(), booked.id)
    laptop.services.sessions.complete(laptop.owner(), booked.id)
    sync_both_twice(front, laptop)
    assert front.balances()[package.id] == laptop.balances()[package.id] == 1


def test_the_last_credit_used_twice_offline_is_kept_twice_and_overdrawn(desks) -> None:
    front = first_desk(desks)
    client = member(front)
    package = front.services.packages.sell(front.owner(), client.id, 50_000, 50_000, "card")
    front.sync()
    laptop = desks("laptop")
    laptop.sync()
    staff = front.owner().staff_id
    one = front.services.sessions.book(front.owner(), client.id, package.id, staff, later(120))
    two = laptop.services.sessions.book(laptop.owner(), client.id, package.id, staff,
                                        later(60 * 30))
    front.services.sessions.complete(front.owner(), one.id)
    laptop.services.sessions.complete(laptop.owner(), two.id)
    for desk in (front, laptop, front, laptop):
        desk.sync()
    assert front.balances()[package.id] == laptop.balances()[package.id] == -1
    for desk in (front, laptop):
        view = desk.services.packages.get(desk.owner(), package.id)
        assert (view.remaining, view.overdrawn) == (-1, True)  # 초과 사용 on every desk


def test_a_file_of_another_gym_is_refused(server, desks, sync_template, tmp_path) -> None:
    front = first_desk(desks)
    front.sync()
    other_gym = server.new_gym()
    stranger = open_desk("stranger", sync_template, tmp_path,
                         enrol(server, other_gym, "stranger"))
    try:
        stranger.services.accounts.create_gym_and_owner("다른 센터", "박", "boss", "boss-pass-1")
        other = open_desk("other-first", sync_template, tmp_path,
                          enrol(server, other_gym, "other-first"))
        other.services.accounts.create_gym_and_owner("다른 센터", "최", "chief", "chief-pass-1")
        other.sync()
        other.close()
        with pytest.raises(errors.SyncError) as refused:
            stranger.sync()
        assert refused.value.kind == "wrong_gym"
    finally:
        stranger.close()


def test_a_restored_backup_resyncs_without_duplicates(desks, tmp_path) -> None:
    front = first_desk(desks)
    member(front, "김민수")
    front.sync()
    saved = tmp_path / "backup.sqlite3"
    front.db.close()
    shutil.copyfile(front.db.path, saved)
    front.db = Database.open(front.db.path)
    front.services = build_services(front.db)
    member(front, "이서연")  # written after the backup
    front.sync()
    laptop = desks("laptop")
    laptop.sync()
    clock_before = front.db.clock.tick()

    front.db.close()  # the desk restores last night's copy
    shutil.copyfile(saved, front.db.path)
    front.db = Database.open(front.db.path)
    front.services = build_services(front.db)
    assert front.db.clock.tick() > clock_before  # the clock never goes back
    member(front, "박지훈")
    for desk in (front, laptop, front, laptop):
        assert desk.sync().verified
    assert front.digest() == laptop.digest()
    with front.db.read() as s:
        names = sorted(s.scalars(select(Client.name)))
    assert names == ["김민수", "박지훈", "이서연"]  # nothing lost, nothing doubled


def test_a_completion_and_a_no_show_of_one_round_are_one_debit(desks) -> None:
    front, laptop, package, booked = one_booking_on_two_desks(desks)
    front.services.sessions.complete(front.owner(), booked.id)
    laptop.services.sessions.no_show(laptop.owner(), booked.id)
    sync_both_twice(front, laptop)
    assert front.balances()[package.id] == 1  # one round, one debit
    status = front.services.sessions.get(front.owner(), booked.id).status
    assert status.value == "completed"  # completed outranks a no-show
