"""SQLite triggers that keep `member_activity` exact (see models_analytics.py).

Each trigger recomputes the touched member's figures from the live rows with a few index
seeks (ix_sessions_live_client_status, ix_credit_ledger_live_client), so inserts, updates,
tombstones and hard deletes all land the same way, whoever writes them.
"""

from __future__ import annotations

USED = "('completed', 'no_show')"


def _refresh_sessions(client: str) -> str:
    live = f"s.client_id = {client} AND s.deleted_at IS NULL"
    return f"""
    INSERT OR IGNORE INTO member_activity (client_id, balance) VALUES ({client}, 0);
    UPDATE member_activity SET
      (first_done_at, first_done_trainer) = (
        SELECT s.starts_at, s.trainer_id FROM sessions s
        WHERE {live} AND s.status = 'completed' ORDER BY s.starts_at, s.trainer_id LIMIT 1),
      (last_used_at, last_used_trainer) = (
        SELECT s.starts_at, s.trainer_id FROM sessions s
        WHERE {live} AND s.status IN {USED}
        ORDER BY s.starts_at DESC, s.trainer_id DESC LIMIT 1),
      done_span_s = (
        SELECT CAST(strftime('%s', MAX(s.starts_at)) AS INTEGER)
             - CAST(strftime('%s', MIN(s.starts_at)) AS INTEGER)
        FROM sessions s WHERE {live} AND s.status = 'completed')
    WHERE client_id = {client};
    UPDATE member_activity
      SET first_done_s = CAST(strftime('%s', first_done_at) AS INTEGER)
    WHERE client_id = {client};"""


def _refresh_balance(client: str) -> str:
    return f"""
    INSERT OR IGNORE INTO member_activity (client_id, balance) VALUES ({client}, 0);
    UPDATE member_activity SET balance = (
        SELECT COALESCE(SUM(e.delta), 0) FROM credit_ledger e
        WHERE e.client_id = {client} AND e.deleted_at IS NULL)
    WHERE client_id = {client};"""


TRIGGERS: tuple[tuple[str, str], ...] = (
    ("member_activity_session_insert",
     f"AFTER INSERT ON sessions BEGIN {_refresh_sessions('NEW.client_id')} END"),
    ("member_activity_session_update",
     "AFTER UPDATE OF client_id, trainer_id, starts_at, status, deleted_at ON sessions BEGIN"
     f" {_refresh_sessions('NEW.client_id')} {_refresh_sessions('OLD.client_id')} END"),
    ("member_activity_session_delete",
     f"AFTER DELETE ON sessions BEGIN {_refresh_sessions('OLD.client_id')} END"),
    ("member_activity_ledger_insert",
     f"AFTER INSERT ON credit_ledger BEGIN {_refresh_balance('NEW.client_id')} END"),
    ("member_activity_ledger_update",
     "AFTER UPDATE OF client_id, delta, deleted_at ON credit_ledger BEGIN"
     f" {_refresh_balance('NEW.client_id')} {_refresh_balance('OLD.client_id')} END"),
    ("member_activity_ledger_delete",
     f"AFTER DELETE ON credit_ledger BEGIN {_refresh_balance('OLD.client_id')} END"),
)


def create_statements() -> list[str]:
    return [f"CREATE TRIGGER {name} {body}" for name, body in TRIGGERS]


def drop_statements() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name, _body in TRIGGERS]


# Every member with a session or a ledger row, computed in bulk (the migration's backfill).
BACKFILL = f"""
INSERT INTO member_activity (client_id, balance, first_done_at, first_done_trainer,
                             first_done_s, done_span_s, last_used_at, last_used_trainer)
SELECT m.client_id,
  (SELECT COALESCE(SUM(e.delta), 0) FROM credit_ledger e
   WHERE e.client_id = m.client_id AND e.deleted_at IS NULL),
  f.starts_at, f.trainer_id, CAST(strftime('%s', f.starts_at) AS INTEGER),
  (SELECT CAST(strftime('%s', MAX(s.starts_at)) AS INTEGER)
        - CAST(strftime('%s', MIN(s.starts_at)) AS INTEGER)
   FROM sessions s WHERE s.client_id = m.client_id AND s.deleted_at IS NULL
     AND s.status = 'completed'),
  u.starts_at, u.trainer_id
FROM (SELECT client_id FROM sessions UNION SELECT client_id FROM credit_ledger) m
LEFT JOIN sessions f ON f.rowid = (
  SELECT s.rowid FROM sessions s WHERE s.client_id = m.client_id AND s.deleted_at IS NULL
    AND s.status = 'completed' ORDER BY s.starts_at, s.trainer_id LIMIT 1)
LEFT JOIN sessions u ON u.rowid = (
  SELECT s.rowid FROM sessions s WHERE s.client_id = m.client_id AND s.deleted_at IS NULL
    AND s.status IN {USED} ORDER BY s.starts_at DESC, s.trainer_id DESC LIMIT 1)
"""
