"""What a session status change does to the credit ledger, and what a refund pays (RULES §5)."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from the5hc_desktop.domain.credits import (
    NO_SHOW_REVERSAL,
    REVERSAL_KINDS,
    SESSION_ENTRY_NAMESPACE,
    SESSION_LEDGER_KINDS,
    CreditMove,
    LedgerKind,
    SessionStatus,
    allowed,
    check_transition,
    credit_move,
    refund_amount,
    session_entry_id,
    session_entry_id_bytes,
)
from the5hc_desktop.domain.errors import ConflictError

S = SessionStatus
K = LedgerKind

# (from, to, no-show setting, undos so far) -> the ledger row written (None: no row).
MOVES: list[tuple[S, S, bool, int, CreditMove | None]] = [
    (S.SCHEDULED, S.COMPLETED, True, 0, CreditMove(K.COMPLETE, -1, 0)),
    (S.SCHEDULED, S.COMPLETED, False, 0, CreditMove(K.COMPLETE, -1, 0)),
    (S.SCHEDULED, S.COMPLETED, True, 2, CreditMove(K.COMPLETE, -1, 2)),
    (S.COMPLETED, S.SCHEDULED, True, 0, CreditMove(K.UNDO_COMPLETE, +1, 0)),
    (S.COMPLETED, S.SCHEDULED, False, 3, CreditMove(K.UNDO_COMPLETE, +1, 3)),
    (S.SCHEDULED, S.NO_SHOW, True, 0, CreditMove(K.NO_SHOW, -1, 0)),
    (S.SCHEDULED, S.NO_SHOW, True, 1, CreditMove(K.NO_SHOW, -1, 1)),  # a later round
    (S.SCHEDULED, S.NO_SHOW, False, 0, None),
    (S.SCHEDULED, S.CANCELLED, True, 0, None),
    (S.SCHEDULED, S.CANCELLED, False, 1, None),
    # Undo of a no-show: the debit comes back as a new +1 row (an adjustment on the session).
    (S.NO_SHOW, S.SCHEDULED, True, 0,
     CreditMove(K.ADJUSTMENT, +1, 0, "노쇼 되돌림 / No-show undone")),
    (S.NO_SHOW, S.SCHEDULED, True, 2,
     CreditMove(K.ADJUSTMENT, +1, 2, "노쇼 되돌림 / No-show undone")),
    (S.NO_SHOW, S.SCHEDULED, False, 0, None),  # that no-show took no credit: nothing back
    (S.CANCELLED, S.SCHEDULED, True, 0, None),  # a cancel moved nothing
    (S.CANCELLED, S.SCHEDULED, False, 3, None),
]

REFUSED: list[tuple[S, S]] = [
    (S.SCHEDULED, S.SCHEDULED),
    (S.COMPLETED, S.COMPLETED),
    (S.COMPLETED, S.NO_SHOW),
    (S.COMPLETED, S.CANCELLED),
    (S.NO_SHOW, S.COMPLETED),  # undo first, then complete
    (S.NO_SHOW, S.CANCELLED),
    (S.NO_SHOW, S.NO_SHOW),
    (S.CANCELLED, S.COMPLETED),
    (S.CANCELLED, S.NO_SHOW),
    (S.CANCELLED, S.CANCELLED),
]


def test_the_tables_cover_every_pair_of_statuses() -> None:
    pairs = {(a, b) for a, b, *_ in MOVES} | set(REFUSED)
    assert pairs == {(a, b) for a in S for b in S}


@pytest.mark.parametrize(("current", "target", "consumes", "undos", "expected"), MOVES)
def test_an_allowed_transition_writes_its_ledger_row(
    current: S, target: S, consumes: bool, undos: int, expected: CreditMove | None
) -> None:
    assert allowed(current, target)
    check_transition(current, target)
    assert credit_move(current, target, no_show_consumes_credit=consumes,
                       undos_so_far=undos) == expected


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_a_refused_transition_raises_a_bilingual_conflict(current: S, target: S) -> None:
    assert not allowed(current, target)
    with pytest.raises(ConflictError) as caught:
        credit_move(current, target, no_show_consumes_credit=True, undos_so_far=0)
    assert current.label.ko in caught.value.message_ko
    assert current.label.en in caught.value.message_en


def test_undoing_a_booked_session_says_there_is_nothing_to_undo() -> None:
    with pytest.raises(ConflictError) as caught:
        check_transition(S.SCHEDULED, S.SCHEDULED)
    assert caught.value.message_ko == "이미 예약 상태라 되돌릴 것이 없습니다 (현재: 예약됨)."


def test_every_check_off_can_be_undone_and_redone() -> None:
    """complete → undo → no-show → undo → complete: each debit and reversal its own row."""
    rows: list[CreditMove] = []
    status, undos = S.SCHEDULED, 0
    for target in (S.COMPLETED, S.SCHEDULED, S.NO_SHOW, S.SCHEDULED, S.COMPLETED):
        move = credit_move(status, target, no_show_consumes_credit=True, undos_so_far=undos)
        assert move is not None
        rows.append(move)
        if move.kind in REVERSAL_KINDS:
            undos += 1
        status = target
    assert [(m.kind, m.delta, m.cycle) for m in rows] == [
        (K.COMPLETE, -1, 0), (K.UNDO_COMPLETE, +1, 0), (K.NO_SHOW, -1, 1),
        (K.ADJUSTMENT, +1, 1), (K.COMPLETE, -1, 2)]
    assert sum(m.delta for m in rows) == -1
    session = uuid.uuid4()
    assert len({session_entry_id(session, m.kind, m.cycle) for m in rows}) == len(rows)


def test_a_negative_round_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="undos_so_far"):
        credit_move(S.SCHEDULED, S.COMPLETED, no_show_consumes_credit=True, undos_so_far=-1)


def test_session_entry_ids_are_uuid5_of_session_round_role_and_cycle() -> None:
    session = uuid.UUID("12345678-1234-5678-1234-567812345678")
    entry = session_entry_id(session, "complete", 0)
    assert entry == uuid.uuid5(SESSION_ENTRY_NAMESPACE, f"{session}:debit:0")
    assert entry.version == 5
    # The enum and its stored text name the same row, on any device, in any process.
    assert session_entry_id(session, K.COMPLETE, 0) == entry
    assert session_entry_id(uuid.UUID(str(session)), "complete", 0) == entry
    # Pinned: a changed namespace would split one completion into two rows across versions.
    assert str(entry) == str(uuid.uuid5(
        uuid.UUID("46ddb8ec-df5e-4782-aba9-ac37f14fb50f"),
        "12345678-1234-5678-1234-567812345678:debit:0"))


@settings(max_examples=500, database=None)
@given(st.binary(min_size=16, max_size=16),
       st.sampled_from([*(k.value for k in LedgerKind), NO_SHOW_REVERSAL.value, "other"]),
       st.integers(min_value=0, max_value=10**6))
def test_entry_id_bytes_equal_the_uuid_path(session: bytes, kind: str, cycle: int) -> None:
    """The demo's path from stored bytes to stored bytes gives the id the services give."""
    plain = session_entry_id(uuid.UUID(bytes=session), kind, cycle).bytes
    assert session_entry_id_bytes(session, kind, cycle) == plain


def test_a_round_has_one_debit_id_and_one_undo_id() -> None:
    session, other = uuid.uuid4(), uuid.uuid4()
    # A completion and a no-show of the same round, recorded on two desks, are one debit.
    assert session_entry_id(session, K.COMPLETE, 2) == session_entry_id(session, K.NO_SHOW, 2)
    # And the round's undo is one row, whether it gives back a completion or a no-show.
    assert (session_entry_id(session, K.UNDO_COMPLETE, 2)
            == session_entry_id(session, NO_SHOW_REVERSAL, 2))
    ids = {session_entry_id(s, kind, cycle)
           for s in (session, other) for kind in SESSION_LEDGER_KINDS for cycle in range(4)}
    assert len(ids) == 2 * 2 * 4  # (debit, undo) x cycles x sessions


@pytest.mark.parametrize(("unused", "price", "paid", "refund"), [
    (5, 50_000, 500_000, 250_000),  # unused × price
    (10, 50_000, 500_000, 500_000),  # everything back
    (12, 50_000, 500_000, 500_000),  # two bonus sessions: free, never paid out
    (3, 33_333, 100_000, 99_999),
    (0, 50_000, 500_000, 0),
    (4, 50_000, 0, 0),  # nothing paid, nothing returned
])
def test_a_refund_returns_unused_sessions_at_their_price_capped_at_what_was_paid(
    unused: int, price: int, paid: int, refund: int
) -> None:
    assert refund_amount(unused, price, paid) == refund


# -- any sequence of transitions keeps the ledger equal to bought + bonus − consumed ----------

_TARGETS = st.sampled_from(list(S))


@settings(max_examples=300, deadline=None)
@given(
    bought=st.integers(min_value=1, max_value=30),
    bonus=st.integers(min_value=0, max_value=5),
    price=st.integers(min_value=1, max_value=100_000),
    sessions=st.integers(min_value=1, max_value=6),
    consumes=st.booleans(),
    steps=st.lists(st.tuples(st.integers(min_value=0, max_value=5), _TARGETS,
                             st.booleans()), max_size=40),
    refund_at_end=st.booleans(),
)
def test_any_sequence_of_transitions_keeps_the_ledger_balanced(
    bought: int, bonus: int, price: int, sessions: int, consumes: bool,
    steps: list[tuple[int, S, bool]], refund_at_end: bool,
) -> None:
    ids = [uuid.UUID(int=n + 1) for n in range(sessions)]
    status = dict.fromkeys(ids, S.SCHEDULED)
    undos = dict.fromkeys(ids, 0)
    # The ledger as a sync merge sees it: rows united by id.
    rows: dict[uuid.UUID, int] = {uuid.uuid4(): bought}
    if bonus:
        rows[uuid.uuid4()] = bonus

    for index, target, replayed in steps:
        session = ids[index % sessions]
        current = status[session]
        if not allowed(current, target):
            with pytest.raises(ConflictError):
                credit_move(current, target, no_show_consumes_credit=consumes,
                            undos_so_far=undos[session])
            continue
        move = credit_move(current, target, no_show_consumes_credit=consumes,
                           undos_so_far=undos[session])
        if move is not None:
            entry = session_entry_id(session, move.kind, move.cycle)
            assert entry not in rows  # a new transition is a new row
            rows[entry] = move.delta
            if replayed:  # a second desk recorded the same transition: the same row
                rows[session_entry_id(session, move.kind, move.cycle)] = move.delta
            if move.kind in REVERSAL_KINDS:
                undos[session] += 1
        status[session] = target

    consumed = sum(
        1 for s in status.values()
        if s is S.COMPLETED or (s is S.NO_SHOW and consumes)
    )
    assert sum(rows.values()) == bought + bonus - consumed

    if refund_at_end:
        unused = sum(rows.values())
        paid = bought * price
        amount = refund_amount(unused, price, paid)
        assert 0 <= amount <= paid
        assert amount == min(max(unused, 0), bought) * price
        rows[uuid.uuid4()] = -unused
        assert sum(rows.values()) == 0
