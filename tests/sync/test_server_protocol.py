"""hello / push / pull / verify as a device calls them: shapes, paging, idempotency, and the
refusals (protocol revision, clock ahead, money rules, malformed rows) that apply nothing."""

from __future__ import annotations

import time
import uuid

import psycopg
import pytest
from sync_server_support import DeviceClient, ServerHarness, make_hlc, version

from the5hc_desktop.sync.server_schema import CLOCK_AHEAD_MS, PROTOCOL_RANGE, SERVER_REVISION

pytestmark = pytest.mark.postgres


def _client(n: int = 1) -> dict[str, object]:
    return {"name": f"회원 {n}", "phone": f"010-0000-{n:04d}"}


def _payment(gross: object = 110_000, vat: object = 10_000, card_fee: object = 3_300,
             net: object = 96_700) -> dict[str, object]:
    return {"gross": gross, "vat": vat, "card_fee": card_fee, "net": net, "method": "card"}


def test_hello_names_the_gym_and_device_from_the_login_alone(server: ServerHarness) -> None:
    gym = server.new_gym()
    added = server.new_device(gym, "프런트")
    device = server.connect(added)
    before = int(time.time() * 1000)
    answer = device.hello(PROTOCOL_RANGE[1], before)
    assert answer["gym_id"] == str(gym.gym)
    assert answer["gym_name"] == gym.name
    assert answer["device_id"] == str(added.device)
    assert answer["device_name"] == "프런트"
    assert answer["server_revision"] == SERVER_REVISION
    assert answer["last_seq"] == 0
    assert answer["channel"].startswith("the5hc_")
    assert len(answer["channel"]) > 30
    assert abs(answer["server_ms"] - before) < 60_000


@pytest.mark.parametrize("protocol", [PROTOCOL_RANGE[0] - 1, PROTOCOL_RANGE[1] + 1, -5])
def test_a_protocol_outside_the_range_needs_an_update(server: ServerHarness,
                                                      protocol: int) -> None:
    _, device = server.gym_device()
    with pytest.raises(psycopg.Error, match=r"업데이트가 필요합니다 \(update required\)") as caught:
        device.hello(protocol)
    assert caught.value.sqlstate == "T5003"


def test_push_then_pull_returns_rows_in_server_order_with_pages(server: ServerHarness) -> None:
    _, device = server.gym_device()
    ids = [uuid.uuid4() for _ in range(7)]
    result = device.push([version("clients", i, make_hlc(counter=n), _client(n))
                          for n, i in enumerate(ids)])
    assert result == {"replayed": False, "applied": 7, "conflicts": 0, "last_seq": 7}
    first = device.pull(0, 3)
    assert [r["server_seq"] for r in first["rows"]] == [1, 2, 3]
    assert first["more"] is True
    assert first["last_seq"] == 3
    rest = device.pull(first["last_seq"], 1000)
    assert [r["server_seq"] for r in rest["rows"]] == [4, 5, 6, 7]
    assert rest["more"] is False
    assert rest["last_seq"] == 7
    row = first["rows"][0]
    assert set(row) == {"entity", "id", "hlc", "deleted", "server_seq", "data"}
    assert (row["entity"], uuid.UUID(row["id"]), row["data"]) == ("clients", ids[0], _client(0))
    assert device.pull(7) == {"rows": [], "last_seq": 7, "more": False}


def test_page_limit_is_capped_at_1000(server: ServerHarness) -> None:
    _, device = server.gym_device()
    for start in range(0, 1200, 600):
        device.push([version("audit_log", uuid.uuid4(), make_hlc(counter=n), {"n": n})
                     for n in range(start, start + 600)])
    page = device.pull(0, 5000)
    assert len(page["rows"]) == 1000
    assert page["more"] is True


@pytest.mark.parametrize("replays", [1, 2, 3, 4, 5])
def test_a_replayed_push_changes_nothing(server: ServerHarness, replays: int) -> None:
    _, device = server.gym_device()
    op = uuid.uuid4()
    batch = [version("clients", uuid.uuid4(), make_hlc(), _client()),
             version("payments", uuid.uuid4(), make_hlc(), _payment()),
             version("credit_ledger", uuid.uuid4(), make_hlc(), {"kind": "purchase", "delta": 10})]
    first = device.push(batch, op)
    state = (device.pull_all(), device.verify())
    for _ in range(replays):
        again = device.push(batch, op)
        assert again == {**first, "replayed": True}
    assert (device.pull_all(), device.verify()) == state
    assert device.verify()["ledger_sum"] == 10


def test_a_replay_after_the_connection_died_at_commit_is_recognised(
        server: ServerHarness) -> None:
    """The device cannot tell whether its push committed; sending the same op id again
    is always safe."""
    gym = server.new_gym()
    added = server.new_device(gym)
    device = server.connect(added)
    op = uuid.uuid4()
    batch = [version("clients", uuid.uuid4(), make_hlc(), _client())]
    device.push(batch, op)
    device.close()  # the ack never arrived
    again = server.connect(added)
    assert again.push(batch, op)["replayed"] is True
    assert len(again.pull_all()) == 1


def test_a_clock_more_than_ten_minutes_ahead_is_refused(server: ServerHarness) -> None:
    _, device = server.gym_device()
    now = int(time.time() * 1000)
    fine = version("clients", uuid.uuid4(), make_hlc(now + CLOCK_AHEAD_MS - 60_000), _client())
    ahead = version("clients", uuid.uuid4(), make_hlc(now + 24 * 3600_000), _client(2))
    with pytest.raises(psycopg.Error, match="10분") as caught:
        device.push([fine, ahead])
    assert caught.value.sqlstate == "T5004"
    assert device.pull_all() == []
    assert device.push([fine])["applied"] == 1


@pytest.mark.parametrize(("entity", "data"), [
    ("payments", _payment(net=96_000)),                      # parts do not add up
    ("payments", _payment(gross=110_000.5, net=96_700.5)),   # not whole won
    ("payments", _payment(vat="10000")),                     # not a number
    ("payments", {"gross": 1000, "vat": 0, "card_fee": 0}),  # a part missing
    ("fee_audit_entries", _payment(card_fee=3_300.25)),
    ("credit_ledger", {"kind": "adjustment", "delta": 1.5}),
    ("credit_ledger", {"kind": "adjustment"}),
])
def test_a_money_rule_violation_refuses_the_whole_push(server: ServerHarness, entity: str,
                                                       data: dict[str, object]) -> None:
    _, device = server.gym_device()
    good = [version("clients", uuid.uuid4(), make_hlc(), _client()),
            version("payments", uuid.uuid4(), make_hlc(), _payment()),
            version("credit_ledger", uuid.uuid4(), make_hlc(), {"kind": "purchase", "delta": 5})]
    bad = version(entity, uuid.uuid4(), make_hlc(), data)
    op = uuid.uuid4()
    with pytest.raises(psycopg.Error, match=r"money rule") as caught:
        device.push([*good, bad], op)
    assert caught.value.sqlstate == "T5005"
    assert device.pull_all() == []
    assert device.verify()["ledger_sum"] == 0
    assert device.verify()["last_seq"] == 0
    # Nothing was recorded for the op either: the corrected batch under the same id applies.
    assert device.push(good, op)["applied"] == 3


@pytest.mark.parametrize("row", [
    {"entity": "clients", "id": "not-a-uuid", "hlc": make_hlc(), "deleted": False, "data": {}},
    {"entity": "clients", "id": str(uuid.uuid4()), "hlc": "XYZ", "deleted": False, "data": {}},
    {"entity": "clients", "id": str(uuid.uuid4()), "hlc": make_hlc(), "data": {}},
    {"entity": "clients", "id": str(uuid.uuid4()), "hlc": make_hlc(), "deleted": False},
    {"entity": "members", "id": str(uuid.uuid4()), "hlc": make_hlc(), "deleted": False,
     "data": {}},
    {"entity": "sync_conflicts", "id": str(uuid.uuid4()), "hlc": make_hlc(), "deleted": False,
     "data": {}},
    {"entity": "sessions", "id": str(uuid.uuid4()), "hlc": make_hlc(), "deleted": False,
     "data": {"status": "done", "status_seq": 0}},
])
def test_a_malformed_row_refuses_the_whole_push(server: ServerHarness,
                                                row: dict[str, object]) -> None:
    _, device = server.gym_device()
    good = version("clients", uuid.uuid4(), make_hlc(), _client())
    with pytest.raises(psycopg.Error) as caught:
        device.push([good, row])
    assert caught.value.sqlstate == "T5007"
    assert device.pull_all() == []


def test_verify_counts_live_rows_and_the_ledger(server: ServerHarness) -> None:
    _, device = server.gym_device()
    member, now = uuid.uuid4(), int(time.time() * 1000)
    device.push([version("clients", member, make_hlc(now, 1), _client()),
                 version("clients", uuid.uuid4(), make_hlc(counter=1), _client(2)),
                 version("credit_ledger", uuid.uuid4(), make_hlc(), {"delta": 10}),
                 version("credit_ledger", uuid.uuid4(), make_hlc(), {"delta": -1})])
    device.push([version("clients", member, make_hlc(now, 2), _client(), deleted=True,
                         base=make_hlc(now, 1))])
    answer = device.verify()
    assert answer["clients"] == {"rows": 1}
    assert answer["credit_ledger"] == {"rows": 2}
    assert answer["ledger_sum"] == 9
    assert answer["payments"] == {"rows": 0}
    assert answer["last_seq"] == device.hello()["last_seq"] == 5


def test_each_committed_push_notifies_the_gym_channel_once(server: ServerHarness) -> None:
    _, device = server.gym_device()
    channel = device.hello()["channel"]
    listener: DeviceClient = server.connect(server.new_device(server.new_gym()))
    listener.conn.execute(f'LISTEN "{channel}"')
    device.push([version("clients", uuid.uuid4(), make_hlc(), _client())])
    device.push([version("clients", uuid.uuid4(), make_hlc(), _client()) for _ in range(3)])
    got = [n.payload for n in listener.conn.notifies(timeout=2, stop_after=2)]
    assert [n.count("last_seq") for n in got] == [1, 1]
    assert '"last_seq": 4' in got[1]
    assert str(device.device_id) in got[1]
