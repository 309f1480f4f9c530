"""회원 병합 between desks: one person registered on two desks, merged on one, and the other
desk shows the survivor with both packages and every payment (payments keep their own
client id on every replica; the synced audit row says who was merged into whom)."""

from __future__ import annotations

from datetime import date

import pytest
from sync_cluster import Desk, enrol, open_desk

from the5hc_desktop.domain.errors import NotFound
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.store.models import Client

pytestmark = pytest.mark.postgres


@pytest.fixture
def desks(server, sync_template, tmp_path):
    gym = server.new_gym()
    opened: list[Desk] = []

    def open_one(name: str) -> Desk:
        desk = open_desk(name, sync_template, tmp_path, enrol(server, gym, name))
        opened.append(desk)
        return desk

    yield open_one
    for desk in opened:
        desk.close()


def registered_with_a_package(desk: Desk, phone: str, gross: int) -> object:
    client = desk.services.clients.create(desk.owner(), ClientDraft(
        name="김민수", gender="male", birth_date=date(1988, 3, 2), phone=phone)).client
    desk.services.packages.sell(desk.owner(), client.id, gross, 50_000, "cash")
    return client


def test_a_merge_on_one_desk_shows_on_the_other_with_every_payment(desks) -> None:
    front = desks("front")
    front.services.accounts.create_gym_and_owner("병합 센터", "김대표", "owner", "owner-pass-1")
    front.sync()
    laptop = desks("laptop")
    laptop.sync()
    kept = registered_with_a_package(front, "010-2222-1111", 150_000)
    twin = registered_with_a_package(laptop, "010-2222-1112", 100_000)
    laptop.sync()
    front.sync()

    result = front.services.merge.merge(front.owner(), kept.id, twin.id)
    assert result.moved["session_packages"] == 1
    front.sync()
    laptop.sync()

    owner = laptop.owner()
    paid = laptop.services.packages.list_payments(
        owner, date(2000, 1, 1), date(2100, 1, 1), client_id=kept.id)
    assert sorted(row.gross for row in paid.rows) == [100_000, 150_000]
    assert {row.client_id for row in paid.rows} == {kept.id}
    packages = laptop.services.packages.list_for_client(owner, kept.id)
    assert sorted(p.remaining for p in packages) == [2, 3]
    record = laptop.services.merge.record(owner, kept.id)
    assert (record.packages, record.payments) == (2, 2)
    with pytest.raises(NotFound):
        laptop.services.clients.view(owner, twin.id)
    with laptop.db.read() as s:
        gone = s.get(Client, twin.id)
        assert gone is not None
        assert gone.deleted_at is not None
    assert front.digest() == laptop.digest()
