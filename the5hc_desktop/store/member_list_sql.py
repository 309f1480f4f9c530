"""SQLite triggers that keep `member_list_facts` exact (models_member_list.py), its back-fill
and the day step of `remaining`.

A live member's row holds what the 회원 관리 list sorts by: the newest live assessment's
date and overall score, the sessions left on the member's live, active packages not
expired on `member_list_day.day` (the list's "today") and the trainer's name as the list
sorts it, with copies of the member's name and `active` so a sorted page is one walk of an
index. Each trigger recomputes the touched member's figure from the live rows with a few
index seeks (ix_assessments_live_client_latest, the packages' client index,
ix_credit_ledger_live_package), so inserts, updates, tombstones, hard deletes and merges
(rows re-pointed to another member) all land the same way, whoever writes them: ORM, bulk
writer, imports, sync's raw upserts. The bodies use no conflict
clause (OR IGNORE, UPSERT): inside a trigger SQLite replaces it with the outer statement's.

The triggers are made by `ensure`, which `store.migrate.upgrade` runs after the migration
scripts (and `suspend` drops them before): so a script that rebuilds a table never meets
them, and the rows are rebuilt from the base tables whatever the scripts did.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, inspect

FACTS = "member_list_facts"
DAY = "(SELECT day FROM member_list_day)"

# The newest live assessment of member `{c}`, in the order the list shows it.
_NEWEST = """SELECT a.assessed_on, a.score_overall FROM assessments a
      WHERE a.client_id = {c} AND a.deleted_at IS NULL
      ORDER BY a.assessed_on DESC, a.created_at DESC, a.score_overall DESC LIMIT 1"""

# Σ delta of the live ledger rows of member `{c}`'s usable packages (by the package's
# member, not the ledger row's: a merge re-points packages, not their ledger rows).
_LEFT = f"""SELECT COALESCE(SUM(e.delta), 0) FROM session_packages k
      JOIN credit_ledger e ON e.package_id = k.id AND e.deleted_at IS NULL
      WHERE k.client_id = {{c}} AND k.deleted_at IS NULL AND k.active = 1
        AND (k.expires_on IS NULL OR k.expires_on >= {DAY})"""


# The name the list sorts member `{c}`'s trainer by (client_search._Order).
_TRAINER = """SELECT coalesce(s.display_name, s.username) FROM clients t
      JOIN staff_accounts s ON s.id = t.trainer_id WHERE t.id = {c}"""


def _trainer_named(staff: str) -> str:
    """The rows of the live members of trainer `staff` take the trainer's name again."""
    return f"""
    UPDATE {FACTS} SET trainer_name = ({_TRAINER.format(c=f'{FACTS}.client_id')})
    WHERE client_id IN (SELECT id FROM clients WHERE trainer_id = {staff}
                        AND deleted_at IS NULL);"""


def _assessed(client: str) -> str:
    newest = _NEWEST.format(c=f"{FACTS}.client_id")
    return f"""
    UPDATE {FACTS} SET (last_assessed_on, last_overall) = ({newest})
    WHERE client_id = {client};"""


def _remaining(client: str) -> str:
    return f"""
    UPDATE {FACTS} SET remaining = ({_LEFT.format(c=f'{FACTS}.client_id')})
    WHERE client_id = {client};"""


def _package_member(package: str) -> str:
    return f"(SELECT client_id FROM session_packages WHERE id = {package})"


# A live member's whole row, from scratch (a new, revived or renamed member).
_MEMBER_ROW = f"""
    INSERT INTO {FACTS} (client_id, name, active, trainer_name, last_assessed_on,
                         last_overall, remaining)
    SELECT c.id, c.name, c.active, ({_TRAINER.format(c='c.id')}), n.assessed_on,
      n.score_overall, ({_LEFT.format(c='c.id')})
    FROM clients c LEFT JOIN ({_NEWEST.format(c='{client}')}) n ON 1
    WHERE c.id = {{client}} AND c.deleted_at IS NULL;"""


def _member_row(client: str) -> str:
    return _MEMBER_ROW.replace("{client}", client)


_MOVED_CREDIT = " AND OLD.package_id IS NOT NEW.package_id"

TRIGGERS: tuple[tuple[str, str], ...] = (
    ("member_list_client_insert",
     f"AFTER INSERT ON clients WHEN NEW.deleted_at IS NULL BEGIN {_member_row('NEW.id')} END"),
    ("member_list_client_update",
     "AFTER UPDATE OF id, name, active, trainer_id, deleted_at ON clients BEGIN"
     f" DELETE FROM {FACTS} WHERE client_id = OLD.id; {_member_row('NEW.id')} END"),
    ("member_list_client_delete",
     f"AFTER DELETE ON clients BEGIN DELETE FROM {FACTS} WHERE client_id = OLD.id; END"),
    ("member_list_staff_insert",
     f"AFTER INSERT ON staff_accounts BEGIN {_trainer_named('NEW.id')} END"),
    ("member_list_staff_update",
     "AFTER UPDATE OF id, display_name, username ON staff_accounts BEGIN"
     f" {_trainer_named('NEW.id')} {_trainer_named('OLD.id')} END"),
    ("member_list_staff_delete",
     f"AFTER DELETE ON staff_accounts BEGIN {_trainer_named('OLD.id')} END"),
    ("member_list_assessment_insert",
     "AFTER INSERT ON assessments WHEN NEW.deleted_at IS NULL BEGIN"
     f" {_assessed('NEW.client_id')} END"),
    ("member_list_assessment_update",
     "AFTER UPDATE OF client_id, assessed_on, created_at, score_overall, deleted_at"
     " ON assessments BEGIN"
     f" {_assessed('NEW.client_id')}"
     f" {_assessed('OLD.client_id AND OLD.client_id IS NOT NEW.client_id')} END"),
    ("member_list_assessment_delete",
     "AFTER DELETE ON assessments WHEN OLD.deleted_at IS NULL BEGIN"
     f" {_assessed('OLD.client_id')} END"),
    ("member_list_package_insert",
     "AFTER INSERT ON session_packages WHEN NEW.deleted_at IS NULL AND NEW.active = 1 BEGIN"
     f" {_remaining('NEW.client_id')} END"),
    ("member_list_package_update",
     "AFTER UPDATE OF id, client_id, active, expires_on, deleted_at ON session_packages BEGIN"
     f" {_remaining('NEW.client_id')}"
     f" {_remaining('OLD.client_id AND OLD.client_id IS NOT NEW.client_id')} END"),
    ("member_list_package_delete",
     "AFTER DELETE ON session_packages WHEN OLD.deleted_at IS NULL AND OLD.active = 1 BEGIN"
     f" {_remaining('OLD.client_id')} END"),
    ("member_list_ledger_insert",
     "AFTER INSERT ON credit_ledger WHEN NEW.deleted_at IS NULL BEGIN"
     f" {_remaining(_package_member('NEW.package_id'))} END"),
    ("member_list_ledger_update",
     "AFTER UPDATE OF package_id, delta, deleted_at ON credit_ledger BEGIN"
     f" {_remaining(_package_member('NEW.package_id'))}"
     f" {_remaining(_package_member('OLD.package_id') + _MOVED_CREDIT)} END"),
    ("member_list_ledger_delete",
     "AFTER DELETE ON credit_ledger WHEN OLD.deleted_at IS NULL BEGIN"
     f" {_remaining(_package_member('OLD.package_id'))} END"),
)


def create_statements() -> list[str]:
    return [f"CREATE TRIGGER {name} {body}" for name, body in TRIGGERS]


def drop_statements() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name, _body in TRIGGERS]


# Every live member's row, computed in bulk into the empty table (`ensure`; a bulk load
# that suspends the triggers runs it once afterwards). The day starts as the
# UTC date; the list moves it to its own day before sorting by sessions left.
BACKFILL = (
    "INSERT INTO member_list_day (day) SELECT date('now')"
    " WHERE NOT EXISTS (SELECT 1 FROM member_list_day)",
    f"""INSERT INTO {FACTS} (client_id, name, active, trainer_name, last_assessed_on,
                         last_overall, remaining)
    SELECT c.id, c.name, c.active, coalesce(s.display_name, s.username), n.assessed_on,
      n.score_overall, ({_LEFT.format(c='c.id')})
    FROM clients c LEFT JOIN staff_accounts s ON s.id = c.trainer_id
    LEFT JOIN assessments n ON n.rowid = (
      SELECT a.rowid FROM assessments a WHERE a.client_id = c.id AND a.deleted_at IS NULL
      ORDER BY a.assessed_on DESC, a.created_at DESC, a.score_overall DESC LIMIT 1)
    WHERE c.deleted_at IS NULL
    ORDER BY c.id""",  # the table's key order, and members' rows near each other: 4× faster
)


def suspend(connection: Connection) -> None:
    """Drop the triggers before migration scripts run: their bodies name other tables
    (clients, session_packages, credit_ledger), and SQLite refuses to rename a rebuilt
    table back (a batch migration) while a trigger names it."""
    if connection.dialect.name == "sqlite":
        for statement in drop_statements():
            connection.exec_driver_sql(statement)


def ensure(connection: Connection) -> None:
    """After migrations: when the triggers are missing (suspended, dropped by a table
    rebuild, or never made), rebuild every row from the base tables and create them."""
    if connection.dialect.name != "sqlite" or not inspect(connection).has_table(FACTS):
        return
    names = {name for (name,) in connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    if all(name in names for name, _body in TRIGGERS):
        return
    for statement in drop_statements():
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql(f"DELETE FROM {FACTS}")
    for statement in BACKFILL:
        connection.exec_driver_sql(statement)
    for statement in create_statements():
        connection.exec_driver_sql(statement)


def day_step(day: date | None, today: date) -> tuple[str, dict[str, str]]:
    """Statement moving `remaining` from `day` (None: unknown) to `today`: only members
    holding a package that expires between the two change (nothing else in the figure
    depends on the day). Run after `member_list_day` holds `today`."""
    expiring, values = "expires_on IS NOT NULL", {}
    if day is not None:
        low, high = sorted((day, today))
        expiring = "expires_on >= :low AND expires_on < :high"
        values = {"low": low.isoformat(), "high": high.isoformat()}
    return (
        f"UPDATE {FACTS} SET remaining = ({_LEFT.format(c=f'{FACTS}.client_id')})"
        f" WHERE client_id IN (SELECT client_id FROM session_packages WHERE {expiring})",
        values,
    )
