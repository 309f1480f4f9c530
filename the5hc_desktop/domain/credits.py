"""How session credits move (RULES §5): status transitions, ledger kinds and refunds.

Remaining sessions of a package are the sum of its ledger rows; nothing here touches a
database. A service asks `credit_move` what a status change writes to the ledger, gives a
session row the id `session_entry_id` derives, and asks `refund_amount` what a refund pays.

Transitions: scheduled → completed (−1), scheduled → no_show (−1 when the gym's no-show
setting is on, else nothing), scheduled → cancelled (nothing), and every one of them can be
undone back to scheduled. An undo never edits a row: it writes a reversal (+1) of the debit
it takes back — `undo_complete` for a completion, an `adjustment` tied to the session for a
no-show (`NO_SHOW_REVERSAL`) — and nothing when nothing was debited (a cancel, a no-show
that took no credit). A session can be checked off, undone and checked off again; each
round is a `cycle` (the reversals recorded so far), so (session, kind, cycle) names one
ledger row and a repeated write is the same row.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from enum import StrEnum

from .errors import ConflictError
from .labels import Label


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"

    @property
    def label(self) -> Label:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[SessionStatus, Label] = {
    SessionStatus.SCHEDULED: Label("예약됨", "Scheduled"),
    SessionStatus.COMPLETED: Label("완료됨", "Completed"),
    SessionStatus.CANCELLED: Label("취소됨", "Cancelled"),
    SessionStatus.NO_SHOW: Label("노쇼", "No-show"),
}


class LedgerKind(StrEnum):
    PURCHASE = "purchase"
    COMPLETE = "complete"
    NO_SHOW = "no_show"
    UNDO_COMPLETE = "undo_complete"
    ADJUSTMENT = "adjustment"  # bonus sessions, with a reason
    REFUND = "refund"
    OPENING = "opening"  # balance carried over by the legacy import


# Kinds that belong to one training session (unique per session, kind and cycle).
SESSION_LEDGER_KINDS: tuple[LedgerKind, ...] = (
    LedgerKind.COMPLETE,
    LedgerKind.NO_SHOW,
    LedgerKind.UNDO_COMPLETE,
)

# The reversal of a no-show's debit. An adjustment (not a kind of its own, which the
# stored CHECK of kinds would refuse) carrying the session id, so its id is derived like the
# other session rows and the credit figures count it against the no-shows, not as a bonus.
NO_SHOW_REVERSAL = LedgerKind.ADJUSTMENT
NO_SHOW_REVERSAL_REASON = "노쇼 되돌림 / No-show undone"

# Rows that take a session's debit back: their count is the session's round (`cycle`).
REVERSAL_KINDS: tuple[LedgerKind, ...] = (LedgerKind.UNDO_COMPLETE, NO_SHOW_REVERSAL)

# target status -> the statuses a session may be in to reach it.
_SOURCES: dict[SessionStatus, frozenset[SessionStatus]] = {
    SessionStatus.COMPLETED: frozenset({SessionStatus.SCHEDULED}),
    SessionStatus.NO_SHOW: frozenset({SessionStatus.SCHEDULED}),
    SessionStatus.CANCELLED: frozenset({SessionStatus.SCHEDULED}),
    # undo: every check-off goes back to scheduled
    SessionStatus.SCHEDULED: frozenset(
        {SessionStatus.COMPLETED, SessionStatus.NO_SHOW, SessionStatus.CANCELLED}),
}

# Fixed forever: changing it would give the same transition a different row id on two desks.
SESSION_ENTRY_NAMESPACE = uuid.UUID("46ddb8ec-df5e-4782-aba9-ac37f14fb50f")


@dataclass(frozen=True, slots=True)
class CreditMove:
    """One ledger row a status change writes."""

    kind: LedgerKind
    delta: int
    cycle: int
    reason: str | None = None


def allowed(current: SessionStatus, target: SessionStatus) -> bool:
    """Whether a session in `current` may move to `target`."""
    return current in _SOURCES.get(target, frozenset())


def check_transition(current: SessionStatus, target: SessionStatus) -> None:
    """Raise ConflictError (Korean and English) unless current → target is allowed."""
    if allowed(current, target):
        return
    if target is SessionStatus.SCHEDULED:
        raise ConflictError(
            f"이미 예약 상태라 되돌릴 것이 없습니다 (현재: {current.label.ko}).",
            f"There is nothing to undo: the session is booked (now: {current.label.en}).",
        )
    verb_ko, verb_en = _VERBS[target]
    raise ConflictError(
        f"예약된 세션만 {verb_ko} 수 있습니다 (현재: {current.label.ko}).",
        f"Only a scheduled session can be {verb_en} (now: {current.label.en}).",
    )


_VERBS: dict[SessionStatus, tuple[str, str]] = {
    SessionStatus.COMPLETED: ("완료 처리할", "completed"),
    SessionStatus.NO_SHOW: ("노쇼 처리할", "marked as a no-show"),
    SessionStatus.CANCELLED: ("취소할", "cancelled"),
}


def credit_move(
    current: SessionStatus,
    target: SessionStatus,
    *,
    no_show_consumes_credit: bool,
    undos_so_far: int,
) -> CreditMove | None:
    """The ledger row of current → target, or None when the change moves no credit.

    `undos_so_far` is the number of reversal rows (`REVERSAL_KINDS`) the session already
    has: it numbers the round, so complete (0) → undo (0) → no-show (1) → undo (1) → ...
    `no_show_consumes_credit` is, for a new no-show, the gym's setting; for the undo of a
    no-show, whether that no-show took a credit (only a debit that was written is reversed).
    Raises ConflictError for a transition that is not allowed.
    """
    check_transition(current, target)
    if undos_so_far < 0:
        raise ValueError("undos_so_far must be 0 or more")
    if target is SessionStatus.COMPLETED:
        return CreditMove(LedgerKind.COMPLETE, -1, undos_so_far)
    if target is SessionStatus.NO_SHOW:
        return CreditMove(LedgerKind.NO_SHOW, -1, undos_so_far) if no_show_consumes_credit else None
    if target is SessionStatus.SCHEDULED:
        if current is SessionStatus.COMPLETED:
            return CreditMove(LedgerKind.UNDO_COMPLETE, +1, undos_so_far)
        if current is SessionStatus.NO_SHOW and no_show_consumes_credit:
            return CreditMove(NO_SHOW_REVERSAL, +1, undos_so_far, NO_SHOW_REVERSAL_REASON)
    return None


def session_entry_id(session_id: uuid.UUID, kind: str, cycle: int) -> uuid.UUID:
    """The id of a session's ledger row: the same on every device for the same round.

    A session is consumed at most once per round (`cycle`), by a completion or a no-show,
    so both are the round's one "debit" row: two offline desks completing the same
    session, or one completing and one marking a no-show, write rows with one id, and
    merging the ledgers by id counts one debit. Likewise the round's undo (of a completion
    or of a no-show) is one "undo" row, so a round is never given back twice.
    """
    role = _ROLES.get(str(kind), str(kind))
    return uuid.uuid5(SESSION_ENTRY_NAMESPACE, f"{session_id}:{role}:{cycle}")


def session_entry_id_bytes(session_id: bytes, kind: str, cycle: int) -> bytes:
    """`session_entry_id(UUID(bytes=session_id), kind, cycle).bytes` from the 16 bytes, with
    no UUID objects made (the demo derives hundreds of thousands): the name-based UUID is the
    SHA-1 of namespace and name, cut to 16 bytes, with version 5 and the RFC 4122 variant."""
    role = _ROLES.get(str(kind), str(kind))
    h = session_id.hex()
    name = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}:{role}:{cycle}"
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    return bytes(digest)


_NAMESPACE_BYTES = SESSION_ENTRY_NAMESPACE.bytes
_ROLES = {
    LedgerKind.COMPLETE.value: "debit",
    LedgerKind.NO_SHOW.value: "debit",
    LedgerKind.UNDO_COMPLETE.value: "undo",
    NO_SHOW_REVERSAL.value: "undo",  # a session's adjustment is the undo of its no-show
}


def refund_amount(unused_sessions: int, session_price: int, paid_gross: int) -> int:
    """Won a refund pays back: unused sessions × price, capped at what is still paid.

    Bonus sessions are free, so the cap keeps a refund from paying them out; never below 0.
    """
    return max(0, min(unused_sessions * session_price, paid_gross))


__all__ = [
    "NO_SHOW_REVERSAL",
    "NO_SHOW_REVERSAL_REASON",
    "REVERSAL_KINDS",
    "SESSION_ENTRY_NAMESPACE",
    "SESSION_LEDGER_KINDS",
    "STATUS_LABELS",
    "CreditMove",
    "LedgerKind",
    "SessionStatus",
    "allowed",
    "check_transition",
    "credit_move",
    "refund_amount",
    "session_entry_id",
    "session_entry_id_bytes",
]
