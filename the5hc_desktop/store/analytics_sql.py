"""SQLite triggers that keep `member_activity` and `package_sales` exact (models_analytics).

Each trigger recomputes the touched member's (or package's) figures from the live rows with
a few index seeks (ix_sessions_live_client_status, ix_credit_ledger_live_client,
ix_payments_live_package_paid), so inserts, updates, tombstones and hard deletes all land
the same way, whoever writes them. The bodies use no conflict clause (OR IGNORE, UPSERT):
inside a trigger SQLite replaces it with the outer statement's, and sync writes with
INSERT … ON CONFLICT DO UPDATE.
"""

from __future__ import annotations

from the5hc_desktop.store.codes import SESSION_STATUS


def _status(value: str, coded: bool) -> str:
    """A status literal as sessions stores it: its code from revision 0014, text before."""
    return str(SESSION_STATUS.stored(value)) if coded else f"'{value}'"


def _texts(sql: str, coded: bool) -> str:
    """`sql` with its {completed} and {used} placeholders filled in the stored form."""
    used = f"({_status('completed', coded)}, {_status('no_show', coded)})"
    return sql.replace("{completed}", _status("completed", coded)).replace("{used}", used)


def _refresh_sessions(client: str) -> str:
    live = f"s.client_id = {client} AND s.deleted_at IS NULL"
    return f"""
    INSERT INTO member_activity (client_id, balance) SELECT {client}, 0
    WHERE NOT EXISTS (SELECT 1 FROM member_activity WHERE client_id = {client});
    UPDATE member_activity SET
      (first_done_at, first_done_trainer) = (
        SELECT s.starts_at, s.trainer_id FROM sessions s
        WHERE {live} AND s.status = {{completed}} ORDER BY s.starts_at, s.trainer_id LIMIT 1),
      (last_used_at, last_used_trainer) = (
        SELECT s.starts_at, s.trainer_id FROM sessions s
        WHERE {live} AND s.status IN {{used}}
        ORDER BY s.starts_at DESC, s.trainer_id DESC LIMIT 1),
      done_span_s = (
        SELECT (MAX(s.starts_at) / 1000000)
             - (MIN(s.starts_at) / 1000000)
        FROM sessions s WHERE {live} AND s.status = {{completed}})
    WHERE client_id = {client};
    UPDATE member_activity
      SET first_done_s = (first_done_at / 1000000)
    WHERE client_id = {client};"""


def _refresh_balance(client: str) -> str:
    return f"""
    INSERT INTO member_activity (client_id, balance) SELECT {client}, 0
    WHERE NOT EXISTS (SELECT 1 FROM member_activity WHERE client_id = {client});
    UPDATE member_activity SET balance = (
        SELECT COALESCE(SUM(e.delta), 0) FROM credit_ledger e
        WHERE e.client_id = {client} AND e.deleted_at IS NULL)
    WHERE client_id = {client};"""


# Only a live completed or no-show session counts: booking, moving or cancelling any other
# leaves a member's row as it was, so those writes skip the seeks.
def _counts(row: str) -> str:
    return f"({row}.status IN {{used}} AND {row}.deleted_at IS NULL)"


TRIGGERS: tuple[tuple[str, str], ...] = (
    ("member_activity_session_insert",
     f"AFTER INSERT ON sessions WHEN {_counts('NEW')} BEGIN"
     f" {_refresh_sessions('NEW.client_id')} END"),
    ("member_activity_session_update",
     "AFTER UPDATE OF client_id, trainer_id, starts_at, status, deleted_at ON sessions"
     f" WHEN {_counts('OLD')} OR {_counts('NEW')} BEGIN"
     f" {_refresh_sessions('NEW.client_id')} {_refresh_sessions('OLD.client_id')} END"),
    ("member_activity_session_delete",
     f"AFTER DELETE ON sessions WHEN {_counts('OLD')} BEGIN"
     f" {_refresh_sessions('OLD.client_id')} END"),
    ("member_activity_ledger_insert",
     f"AFTER INSERT ON credit_ledger BEGIN {_refresh_balance('NEW.client_id')} END"),
    ("member_activity_ledger_update",
     "AFTER UPDATE OF client_id, delta, deleted_at ON credit_ledger BEGIN"
     f" {_refresh_balance('NEW.client_id')} {_refresh_balance('OLD.client_id')} END"),
    ("member_activity_ledger_delete",
     f"AFTER DELETE ON credit_ledger BEGIN {_refresh_balance('OLD.client_id')} END"),
)


def _first_paid(package: str) -> str:
    return f"""(SELECT MIN(p.paid_on) FROM payments p WHERE p.package_id = {package}
        AND p.reverses_payment_id IS NULL AND p.deleted_at IS NULL)"""


def _refresh_package_payments(package: str) -> str:
    return f"""
    UPDATE package_sales SET first_paid_on = {_first_paid(package)}
    WHERE package_id = {package};"""


_PACKAGE_ROW = """
    DELETE FROM package_sales WHERE package_id = NEW.id;
    INSERT INTO package_sales (package_id, trainer_id, gross, live, first_paid_on)
    VALUES (NEW.id, NEW.trainer_id, NEW.gross, NEW.deleted_at IS NULL, {first});"""

TRIGGERS += (
    ("package_sales_package_insert",
     "AFTER INSERT ON session_packages BEGIN"
     f" {_PACKAGE_ROW.format(first=_first_paid('NEW.id'))} END"),
    ("package_sales_package_update",
     "AFTER UPDATE OF id, trainer_id, gross, deleted_at ON session_packages BEGIN"
     " DELETE FROM package_sales WHERE package_id = OLD.id;"
     f" {_PACKAGE_ROW.format(first=_first_paid('NEW.id'))} END"),
    ("package_sales_package_delete",
     "AFTER DELETE ON session_packages BEGIN"
     " DELETE FROM package_sales WHERE package_id = OLD.id; END"),
    ("package_sales_payment_insert",
     f"AFTER INSERT ON payments BEGIN {_refresh_package_payments('NEW.package_id')} END"),
    ("package_sales_payment_update",
     "AFTER UPDATE OF package_id, paid_on, reverses_payment_id, deleted_at ON payments BEGIN"
     f" {_refresh_package_payments('NEW.package_id')}"
     f" {_refresh_package_payments('OLD.package_id')} END"),
    ("package_sales_payment_delete",
     f"AFTER DELETE ON payments BEGIN {_refresh_package_payments('OLD.package_id')} END"),
)


def create_statements(coded: bool = True) -> list[str]:
    """The triggers; `coded`: sessions.status holds codes (revision 0014 on), else text."""
    return [_texts(f"CREATE TRIGGER {name} {body}", coded) for name, body in TRIGGERS]


def drop_statements() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name, _body in TRIGGERS]


PACKAGES_BACKFILL = f"""
INSERT INTO package_sales (package_id, trainer_id, gross, live, first_paid_on)
SELECT k.id, k.trainer_id, k.gross, k.deleted_at IS NULL, {_first_paid('k.id')}
FROM session_packages k
"""

# Every member with a session or a ledger row, computed in bulk (the migration's backfill).
_BACKFILL = """
INSERT INTO member_activity (client_id, balance, first_done_at, first_done_trainer,
                             first_done_s, done_span_s, last_used_at, last_used_trainer)
SELECT m.client_id,
  (SELECT COALESCE(SUM(e.delta), 0) FROM credit_ledger e
   WHERE e.client_id = m.client_id AND e.deleted_at IS NULL),
  f.starts_at, f.trainer_id, (f.starts_at / 1000000),
  (SELECT (MAX(s.starts_at) / 1000000)
        - (MIN(s.starts_at) / 1000000)
   FROM sessions s WHERE s.client_id = m.client_id AND s.deleted_at IS NULL
     AND s.status = {completed}),
  u.starts_at, u.trainer_id
FROM (SELECT client_id FROM sessions UNION SELECT client_id FROM credit_ledger) m
LEFT JOIN sessions f ON f.rowid = (
  SELECT s.rowid FROM sessions s WHERE s.client_id = m.client_id AND s.deleted_at IS NULL
    AND s.status = {completed} ORDER BY s.starts_at, s.trainer_id LIMIT 1)
LEFT JOIN sessions u ON u.rowid = (
  SELECT s.rowid FROM sessions s WHERE s.client_id = m.client_id AND s.deleted_at IS NULL
    AND s.status IN {used} ORDER BY s.starts_at DESC, s.trainer_id DESC LIMIT 1)
"""


def backfill(coded: bool = True) -> str:
    """Every member's row from the live rows (`coded` as in `create_statements`)."""
    return _texts(_BACKFILL, coded)
