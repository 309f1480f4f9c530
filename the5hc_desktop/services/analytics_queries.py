"""The SQL behind 분석: a few one-pass aggregates, each read from a covering index.

Every statement groups in SQLite and hands Python a few hundred rows at most, so a year of a
100,000-member gym costs index range scans, not row fetches (indexes of migration 0012).
Instants are stored as whole microseconds since 1970 UTC (store/types.py), so ranges
compare as integers. A member's whole history (balance, first and latest sessions) is read from
`member_activity`, which triggers keep exact. The local store is SQLite; the statements
use its functions (substr, INDEXED BY). Definitions live in `services.analytics`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from the5hc_desktop.store.codes import SESSION_STATUS
from the5hc_desktop.store.types import instant_storage

# A member's "month" on the retention curve: 30 days after their first completed session.
RETENTION_PERIOD_S = 30 * 24 * 3600
DELETED_CLIENTS = "(SELECT id FROM clients WHERE deleted_at IS NOT NULL)"
# Statuses as sessions stores them (SQLite: their codes, store/codes.py).
COMPLETED, NO_SHOW, CANCELLED = (SESSION_STATUS.stored(status)
                                 for status in ("completed", "no_show", "cancelled"))


def stored(instant: datetime) -> int:
    """An aware instant as SQLite holds it (`store.types.instant_storage`)."""
    return instant_storage(instant)


def _uuid(raw: Any) -> uuid.UUID | None:
    if raw is None:
        return None
    return uuid.UUID(bytes=bytes(raw)) if isinstance(raw, bytes | memoryview) else uuid.UUID(raw)


def _rows(session: Session, sql: str, params: dict[str, Any]) -> Iterable[Any]:
    return session.execute(text(sql), params)


def session_counts(s: Session, lo: int, hi: int) -> Iterator[tuple[uuid.UUID | None, str, int]]:
    """(trainer, status, sessions) starting in [lo, hi).

    One range count per trainer and status (every session's trainer is a staff row): SQLite
    has no hash aggregate, and a GROUP BY over the range would sort every session.
    """
    for trainer, completed, no_show, cancelled in _rows(s, f"""
        SELECT st.id,
          (SELECT COUNT(*) FROM sessions t WHERE t.trainer_id = st.id
             AND t.status = {COMPLETED} AND t.starts_at >= :lo AND t.starts_at < :hi
             AND t.deleted_at IS NULL),
          (SELECT COUNT(*) FROM sessions t WHERE t.trainer_id = st.id
             AND t.status = {NO_SHOW} AND t.starts_at >= :lo AND t.starts_at < :hi
             AND t.deleted_at IS NULL),
          (SELECT COUNT(*) FROM sessions t WHERE t.trainer_id = st.id
             AND t.status = {CANCELLED} AND t.starts_at >= :lo AND t.starts_at < :hi
             AND t.deleted_at IS NULL)
        FROM staff_accounts st""", {"lo": lo, "hi": hi}):
        for status, n in (("completed", completed), ("no_show", no_show),
                          ("cancelled", cancelled)):
            if n:
                yield _uuid(trainer), status, int(n)


def session_starts(s: Session, lo: int, hi: int,
                   trainer: uuid.UUID | None) -> Iterator[tuple[int, int]]:
    """(stored start instant, sessions) of sessions that were not cancelled.

    Grouped by the indexed instant itself, which the range scan already yields in order (no
    sort); the caller maps each to its local weekday and hour in any zone.
    """
    only = "" if trainer is None else "AND trainer_id = :trainer"
    params: dict[str, Any] = {"lo": lo, "hi": hi}
    if trainer is not None:
        params["trainer"] = trainer.bytes
    for instant, n in _rows(s, f"""
        SELECT starts_at, COUNT(*) FROM sessions
        WHERE starts_at >= :lo AND starts_at < :hi AND deleted_at IS NULL
          AND status != {CANCELLED} {only}
        GROUP BY starts_at""", params):
        yield int(instant), int(n)


def active_members(s: Session, lo: int, hi: int) -> tuple[dict[uuid.UUID | None, int], int]:
    """Members with a session (not cancelled) in [lo, hi): per trainer, and in all."""
    where = f"""starts_at >= :lo AND starts_at < :hi AND deleted_at IS NULL
        AND status != {CANCELLED} AND client_id NOT IN {DELETED_CLIENTS}"""
    params = {"lo": lo, "hi": hi}
    per = {_uuid(t): int(n) for t, n in _rows(s, f"""
        SELECT trainer_id, COUNT(DISTINCT client_id) FROM sessions WHERE {where}
        GROUP BY trainer_id""", params)}
    total = _rows(s, f"SELECT COUNT(DISTINCT client_id) FROM sessions WHERE {where}", params)
    return per, int(next(iter(total))[0])


def new_members(s: Session, lo: int, hi: int) -> Iterator[tuple[uuid.UUID | None, int]]:
    for trainer, n in _rows(s, """
        SELECT trainer_id, COUNT(*) FROM clients
        WHERE created_at >= :lo AND created_at < :hi AND deleted_at IS NULL
        GROUP BY trainer_id""", {"lo": lo, "hi": hi}):
        yield _uuid(trainer), int(n)


def revenue(s: Session, first: date,
            after: date) -> Iterator[tuple[date, uuid.UUID | None, int, int]]:
    """(month's 1st, package trainer, Σ gross, Σ net) of the payments dated in [first,
    after): `services.revenue.revenue_terms`' payments (refunds included; tests hold the two
    equal), a payment without a package under no trainer."""
    for month, trainer, gross, net in _rows(s, """
        SELECT substr(payments.paid_on, 1, 7), k.trainer_id, SUM(payments.gross),
          SUM(payments.net)
        FROM payments
        LEFT JOIN session_packages AS k INDEXED BY ix_session_packages_id_trainer
          ON k.id = payments.package_id
        WHERE payments.paid_on >= :first AND payments.paid_on < :after
          AND payments.deleted_at IS NULL
        GROUP BY 1, 2""", {"first": first.isoformat(), "after": after.isoformat()}):
        year, mon = (int(part) for part in str(month).split("-"))
        yield date(year, mon, 1), _uuid(trainer), int(gross), int(net)


def packages_sold(s: Session, first: date,
                  after: date) -> Iterator[tuple[uuid.UUID | None, int, int]]:
    """(trainer, packages, Σ package gross) of live packages sold in [first, after): their
    first payment that is not a refund falls in the range (`package_sales`)."""
    for trainer, n, gross in _rows(s, """
        SELECT trainer_id, COUNT(*), SUM(gross) FROM package_sales
        WHERE first_paid_on >= :first AND first_paid_on < :after
          AND live = 1 AND first_paid_on IS NOT NULL
        GROUP BY trainer_id""", {"first": first.isoformat(), "after": after.isoformat()}):
        yield _uuid(trainer), int(n), int(gross or 0)


def assessments_done(s: Session, first: date,
                     after: date) -> Iterator[tuple[uuid.UUID | None, int]]:
    for trainer, n in _rows(s, """
        SELECT trainer_id, COUNT(*) FROM assessments
        WHERE assessed_on >= :first AND assessed_on < :after AND deleted_at IS NULL
        GROUP BY trainer_id""", {"first": first.isoformat(), "after": after.isoformat()}):
        yield _uuid(trainer), int(n)


def score_changes(s: Session, first: date,
                  after: date) -> Iterator[tuple[uuid.UUID | None, int, float]]:
    """(latest's trainer, members, Σ (latest − first) overall score) over members whose
    latest scored assessment up to the range's end lies in the range and who have two."""
    first_scored = """FROM assessments a WHERE a.client_id = l.client_id
        AND a.deleted_at IS NULL AND a.score_overall IS NOT NULL
        ORDER BY a.assessed_on, a.created_at LIMIT 1"""
    # The member's first scored assessment is read from the index twice (its day only when
    # the range holds one score), never from the wide table row.
    for trainer, n, change in _rows(s, f"""
        WITH latest AS (
            SELECT client_id, COUNT(*) AS n,
                   MAX(assessed_on || '|' || created_at) AS at,
                   trainer_id, score_overall
            FROM assessments
            WHERE assessed_on >= :first AND assessed_on < :after AND deleted_at IS NULL
              AND score_overall IS NOT NULL
            GROUP BY client_id)
        SELECT l.trainer_id, COUNT(*),
               SUM(l.score_overall - (SELECT a.score_overall {first_scored}))
        FROM latest l
        WHERE l.n >= 2 OR (SELECT a.assessed_on {first_scored}) < :first
        GROUP BY l.trainer_id""", {"first": first.isoformat(), "after": after.isoformat()}):
        yield _uuid(trainer), int(n), float(change or 0.0)


def member_spans(s: Session, lo: int, hi: int, now: datetime) -> tuple[
        dict[uuid.UUID | None, int], list[tuple[uuid.UUID | None, int, int, int]]]:
    """Lapsed members per trainer, and the retention cohort as
    (trainer, kept periods, observed periods, members), from `member_activity`:

    - lapsed: Σ credit ledger ≤ 0 and the latest used (completed / no-show) session lies in
      [lo, hi); counted for that session's trainer;
    - cohort: the first completed session ever lies in [lo, hi) and not after `now`; kept =
      whole 30-day periods from it to the latest completed one, observed = whole periods
      from it to `now`.
    """
    lapsed = {_uuid(trainer): int(n) for trainer, n in _rows(s, f"""
        SELECT last_used_trainer, COUNT(*) FROM member_activity
        WHERE balance <= 0 AND last_used_at >= :lo AND last_used_at < :hi
          AND client_id NOT IN {DELETED_CLIENTS}
        GROUP BY last_used_trainer""", {"lo": lo, "hi": hi})}
    cohort = [(_uuid(trainer), int(kept), int(observed), int(n))
              for trainer, kept, observed, n in _rows(s, f"""
        SELECT first_done_trainer, done_span_s / {RETENTION_PERIOD_S},
               (:now_s - first_done_s) / {RETENTION_PERIOD_S}, COUNT(*)
        FROM member_activity
        WHERE first_done_at >= :lo AND first_done_at < :hi AND first_done_at <= :now
          AND client_id NOT IN {DELETED_CLIENTS}
        GROUP BY 1, 2, 3""", {"lo": lo, "hi": hi, "now": stored(now),
                              "now_s": int(now.timestamp())})]
    return lapsed, cohort
