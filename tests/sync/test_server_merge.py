"""The merge rules push applies (SYNC.md section 4), one table of cases per rule.

Each case stores a version on the server, pushes another as a second device would, and
checks what the server then holds, whether a conflict was logged (with both versions), and
whether the row was sent again so the device whose version lost pulls the winner.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sync_server_support import DeviceClient, ServerHarness, version

pytestmark = pytest.mark.postgres

T0 = 1_700_000_000_000  # a fixed wall clock (ms) in 2023, behind the server's now
H1, H2, H3 = (f"{T0 + n:012x}0000{n:012x}" for n in (1000, 2000, 3000))
H0 = f"{T0:012x}0000{9:012x}"


def _state(device: DeviceClient, entity: str, row_id: uuid.UUID) -> tuple[dict[str, Any],
                                                                          list[dict[str, Any]]]:
    rows = device.pull_all()
    mine = [r for r in rows if r["entity"] == entity and r["id"] == str(row_id)]
    conflicts = [r["data"] for r in rows
                 if r["entity"] == "sync_conflicts" and r["data"]["row_id"] == str(row_id)]
    assert len(mine) == 1
    return mine[0], conflicts


@pytest.fixture(scope="module")
def desks(sync_server: ServerHarness) -> Iterator[tuple[DeviceClient, DeviceClient]]:
    """Two desks of one gym, shared by the cases (each case has its own row ids)."""
    gym = sync_server.new_gym()
    pair = (sync_server.connect(sync_server.new_device(gym)),
            sync_server.connect(sync_server.new_device(gym)))
    for desk in pair:  # closed here, not after each test
        sync_server.clients.remove(desk)
    yield pair
    for desk in pair:
        desk.close()


def _two_devices(server: ServerHarness) -> tuple[DeviceClient, DeviceClient]:
    """Two desks of a new gym, for cases that read gym-wide totals."""
    gym = server.new_gym()
    return server.connect(server.new_device(gym)), server.connect(server.new_device(gym))


# stored (hlc, deleted, name) / pushed (hlc, base, deleted, name) / expected winner
# ("pushed" or "stored"), conflict logged, sent again
LWW_CASES = [
    pytest.param(("H2", False, "가"), ("H3", "H2", False, "나"), "pushed", False, False,
                 id="edit-after-seeing-the-server-version"),
    pytest.param(("H2", False, "가"), ("H3", "H1", False, "나"), "pushed", True, False,
                 id="concurrent-edit-later-clock-wins"),
    pytest.param(("H2", False, "가"), ("H3", None, False, "나"), "pushed", True, False,
                 id="first-push-of-an-offline-edit-over-another-desk"),
    pytest.param(("H2", False, "가"), ("H3", "H1", False, "가"), "pushed", False, False,
                 id="concurrent-but-equal-substance-no-conflict"),
    pytest.param(("H2", False, "가"), ("H1", "H0", False, "나"), "stored", True, True,
                 id="concurrent-edit-earlier-clock-loses"),
    pytest.param(("H2", False, "가"), ("H1", "H0", False, "가"), "stored", False, True,
                 id="older-equal-version-loses-quietly"),
    pytest.param(("H2", False, "가"), ("H3", "H1", True, "가"), "pushed", True, False,
                 id="later-delete-beats-earlier-edit"),
    pytest.param(("H2", False, "가"), ("H1", "H0", True, "가"), "stored", True, True,
                 id="later-edit-beats-earlier-delete"),
    pytest.param(("H2", True, "가"), ("H3", "H1", False, "나"), "pushed", True, False,
                 id="later-edit-revives-a-deleted-row"),
]
HLC = {"H0": H0, "H1": H1, "H2": H2, "H3": H3}


@pytest.mark.parametrize("entity", ["clients", "staff_accounts", "settings", "assessments",
                                    "session_packages", "organizations"])
@pytest.mark.parametrize(("stored", "pushed", "winner", "conflict", "sent_again"), LWW_CASES)
def test_row_last_writer_wins(desks: tuple[DeviceClient, DeviceClient], entity: str,
                              stored: tuple[Any, ...], pushed: tuple[Any, ...], winner: str,
                              conflict: bool, sent_again: bool) -> None:
    first, second = desks
    row_id = uuid.uuid4()
    s_hlc, s_deleted, s_name = stored
    p_hlc, p_base, p_deleted, p_name = pushed
    stored_row = version(entity, row_id, HLC[s_hlc], {"name": s_name, "updated_by_device": "a"},
                         deleted=s_deleted)
    first.push([stored_row])
    before, _ = _state(first, entity, row_id)
    result = second.push([version(entity, row_id, HLC[p_hlc],
                                  {"name": p_name, "updated_by_device": "b"},
                                  base=HLC[p_base] if p_base else None, deleted=p_deleted)])
    after, conflicts = _state(second, entity, row_id)
    expect = (HLC[p_hlc], p_deleted) if winner == "pushed" else (HLC[s_hlc], s_deleted)
    assert (after["hlc"], after["deleted"]) == expect
    assert result["applied"] == (1 if winner == "pushed" else 0)
    assert result["conflicts"] == int(conflict)
    assert (winner == "stored" and after["server_seq"] > before["server_seq"]) == sent_again
    if conflict:
        [logged] = conflicts
        losing = HLC[s_hlc] if winner == "pushed" else HLC[p_hlc]
        assert logged["entity"] == entity
        assert logged["row_id"] == str(row_id)
        assert logged["reason"] == "concurrent_edit"
        assert logged["winner"]["hlc"] == after["hlc"]
        assert logged["winner"]["data"] == after["data"]
        assert logged["loser"]["hlc"] == losing
        assert (logged["loser"]["data"]["name"], logged["loser"]["deleted"]) == (
            (s_name, s_deleted) if winner == "pushed" else (p_name, p_deleted))
    else:
        assert conflicts == []


def test_the_same_version_again_changes_nothing(server: ServerHarness) -> None:
    first, second = _two_devices(server)
    row = version("clients", uuid.uuid4(), H2, {"name": "가"})
    first.push([row])
    before = first.pull_all()
    assert second.push([row]) == {"replayed": False, "applied": 0, "conflicts": 0,
                                  "last_seq": 1}
    assert second.pull_all() == before


def _session(status: str, status_seq: int, starts: str = "2027-01-05T10:00:00") -> dict[str, Any]:
    return {"status": status, "status_seq": status_seq, "starts_at": starts,
            "trainer_id": "t1", "duration_min": 60}


# stored (hlc, status, status_seq, starts) / pushed (hlc, base, status, status_seq, starts)
# / winner / conflict reason or None
SESSION_CASES = [
    pytest.param(("H1", "scheduled", 0, "10:00"), ("H2", "H1", "scheduled", 0, "11:00"),
                 "pushed", None, id="time-moved-after-seeing-it"),
    pytest.param(("H2", "scheduled", 0, "10:00"), ("H1", "H0", "scheduled", 0, "11:00"),
                 "stored", "concurrent_edit", id="both-scheduled-time-by-last-writer"),
    pytest.param(("H1", "completed", 1, "10:00"), ("H2", "H0", "cancelled", 1, "10:00"),
                 "stored", "cancel_vs_complete", id="cancel-after-complete-resolves-completed"),
    pytest.param(("H2", "cancelled", 1, "10:00"), ("H1", "H0", "completed", 1, "10:00"),
                 "pushed", "cancel_vs_complete", id="complete-beats-later-cancel"),
    pytest.param(("H1", "no_show", 1, "10:00"), ("H2", "H0", "cancelled", 1, "10:00"),
                 "stored", "status", id="no-show-beats-cancel"),
    pytest.param(("H2", "scheduled", 1, "10:00"), ("H1", "H0", "no_show", 1, "10:00"),
                 "pushed", "status", id="no-show-beats-scheduled-at-equal-counter"),
    pytest.param(("H1", "completed", 1, "10:00"), ("H2", "H1", "scheduled", 2, "10:00"),
                 "pushed", None, id="undo-after-seeing-the-completion"),
    pytest.param(("H1", "completed", 1, "10:00"), ("H3", "H0", "scheduled", 0, "12:00"),
                 "stored", "status", id="late-time-edit-loses-to-completion"),
    pytest.param(("H3", "cancelled", 2, "10:00"), ("H2", "H0", "completed", 1, "10:00"),
                 "stored", "cancel_vs_complete", id="higher-counter-wins"),
    pytest.param(("H1", "completed", 1, "10:00"), ("H2", "H0", "completed", 1, "10:00"),
                 "pushed", None, id="both-completed-the-same-way"),
]


@pytest.mark.parametrize(("stored", "pushed", "winner", "reason"), SESSION_CASES)
def test_session_status_is_a_state_machine(server: ServerHarness,
                                           desks: tuple[DeviceClient, DeviceClient],
                                           stored: tuple[Any, ...], pushed: tuple[Any, ...],
                                           winner: str, reason: str | None) -> None:
    first, second = desks
    row_id = uuid.uuid4()
    s_hlc, s_status, s_seq, s_time = stored
    p_hlc, p_base, p_status, p_seq, p_time = pushed
    first.push([version("sessions", row_id, HLC[s_hlc],
                        _session(s_status, s_seq, f"2027-01-05T{s_time}:00"))])
    result = second.push([version("sessions", row_id, HLC[p_hlc],
                                  _session(p_status, p_seq, f"2027-01-05T{p_time}:00"),
                                  base=HLC[p_base])])
    after, conflicts = _state(second, "sessions", row_id)
    expect = (p_status, p_time) if winner == "pushed" else (s_status, s_time)
    assert (after["data"]["status"], after["data"]["starts_at"][11:16]) == expect
    assert result["applied"] == (1 if winner == "pushed" else 0)
    assert [c["reason"] for c in conflicts] == ([reason] if reason else [])
    with server.admin() as conn:  # the status columns follow the data
        assert conn.execute("SELECT status, status_seq FROM the5hc.sessions WHERE id = %s",
                            (row_id,)).fetchone() == (after["data"]["status"],
                                                      after["data"]["status_seq"])


def _ledger(session: uuid.UUID, staff: str, delta: int = -1) -> dict[str, Any]:
    return {"package_id": "p1", "client_id": "c1", "session_id": str(session),
            "kind": "complete", "delta": delta, "cycle": 0, "staff_id": staff}


def test_two_desks_completing_one_session_offline_make_one_debit(server: ServerHarness) -> None:
    first, second = _two_devices(server)
    purchase = version("credit_ledger", uuid.uuid4(), H0, {"kind": "purchase", "delta": 1})
    first.push([purchase])
    session, entry = uuid.uuid4(), uuid.uuid4()  # same deterministic id on both desks
    first.push([version("credit_ledger", entry, H1, _ledger(session, "trainer-a"))])
    result = second.push([version("credit_ledger", entry, H2, _ledger(session, "trainer-b"))])
    assert result["applied"] == 0
    assert result["conflicts"] == 0
    assert second.verify()["ledger_sum"] == 0
    assert second.verify()["credit_ledger"] == {"rows": 2}
    row, _ = _state(second, "credit_ledger", entry)
    assert row["hlc"] == H1  # the first version stays and is sent again to the second desk
    assert row["data"]["staff_id"] == "trainer-a"


def test_the_last_credit_used_on_two_sessions_keeps_both_debits(server: ServerHarness) -> None:
    first, second = _two_devices(server)
    first.push([version("credit_ledger", uuid.uuid4(), H0, {"kind": "purchase", "delta": 1})])
    first.push([version("credit_ledger", uuid.uuid4(), H1, _ledger(uuid.uuid4(), "a"))])
    second.push([version("credit_ledger", uuid.uuid4(), H2, _ledger(uuid.uuid4(), "b"))])
    assert first.verify()["ledger_sum"] == -1  # 초과 사용: shown on every device after sync


APPEND_REFUSALS = [
    pytest.param("credit_ledger", {"kind": "adjustment", "delta": 2},
                 {"kind": "adjustment", "delta": 3}, False, id="ledger-delta-changed"),
    pytest.param("credit_ledger", {"kind": "adjustment", "delta": 2},
                 {"kind": "adjustment", "delta": 2}, True, id="ledger-row-deleted"),
    pytest.param("payments", {"gross": 1000, "vat": 91, "card_fee": 0, "net": 909},
                 {"gross": 2000, "vat": 182, "card_fee": 0, "net": 1818}, False,
                 id="payment-amount-changed"),
    pytest.param("fee_audit_entries", {"gross": 1000, "vat": 91, "card_fee": 0, "net": 909},
                 {"gross": 1000, "vat": 91, "card_fee": 0, "net": 909, "details": {"x": 1}},
                 False, id="fee-audit-details-changed"),
    pytest.param("audit_log", {"action": "client.create"}, {"action": "client.delete"}, False,
                 id="audit-entry-rewritten"),
]


@pytest.mark.parametrize(("entity", "first_data", "second_data", "deleted"), APPEND_REFUSALS)
def test_append_only_rows_cannot_change(desks: tuple[DeviceClient, DeviceClient], entity: str,
                                        first_data: dict[str, Any],
                                        second_data: dict[str, Any], deleted: bool) -> None:
    first, second = desks
    row_id = uuid.uuid4()
    first.push([version(entity, row_id, H1, first_data)])
    before = first.pull_all()
    other = version("clients", uuid.uuid4(), H2, {"name": "함께 보낸 행"})
    for hlc in (H1, H2):  # the same clock with other contents, or a later one
        with pytest.raises(psycopg.Error, match=r"cannot be changed") as caught:
            second.push([other, version(entity, row_id, hlc, second_data, deleted=deleted)])
        assert caught.value.sqlstate == "T5006"
    assert second.pull_all() == before


@pytest.mark.parametrize("entity", ["payments", "fee_audit_entries", "audit_log",
                                    "credit_ledger"])
def test_an_identical_append_only_row_again_is_ignored(server: ServerHarness,
                                                       entity: str) -> None:
    first, second = _two_devices(server)
    data = {"gross": 1000, "vat": 91, "card_fee": 0, "net": 909, "delta": 1, "kind": "opening"}
    row = version(entity, uuid.uuid4(), H1, data)
    first.push([row])
    before = (first.pull_all(), first.verify())
    assert second.push([row])["applied"] == 0
    assert (second.pull_all(), second.verify()) == before
