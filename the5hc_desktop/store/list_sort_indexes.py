"""The member list's sort indexes: gender, phone and age, both directions (SQLite only).

Each holds exactly the ORDER BY that `services.client_search._Order` writes for its key
(then name and id, with `active` so the active filter is read from the index), so a page
of the sorted list is a walk of an index instead of a sort of every member. They are
expression indexes: SQLite uses one only for a query naming the same expression, so none
can stand in for the name index elsewhere (a plain index led by a two-valued column would
tempt the planner without ANALYZE statistics). The server never lists members.

SQLAlchemy does not reflect expression indexes, so they live outside the models, and a
migration that rebuilds `clients` (batch mode) would drop them: `ensure` runs after every
upgrade to head (store/migrate.py) and puts back any that are missing.
"""

from __future__ import annotations

from sqlalchemy import Connection

# As client_search renders them (`_birth_key`, `_Order`).
BIRTH_KEY = ("coalesce(julianday(birth_date), "
             "julianday(age_recorded_on) - age_years * 365.25)")
_TAIL = "name, id, active, deleted_at"
INDEXES = {
    "ix_clients_live_sort_gender": f"lower(gender), {_TAIL}",
    "ix_clients_live_sort_gender_desc": f"lower(gender) DESC, {_TAIL}",
    "ix_clients_live_sort_phone": f"phone IS NULL, phone, {_TAIL}",
    "ix_clients_live_sort_phone_desc": f"phone IS NULL, phone DESC, {_TAIL}",
    "ix_clients_live_sort_birth": f"{BIRTH_KEY} IS NULL, {BIRTH_KEY}, {_TAIL}",
    "ix_clients_live_sort_birth_desc": f"{BIRTH_KEY} IS NULL, {BIRTH_KEY} DESC, {_TAIL}",
}
# SQLAlchemy's warning when it reflects a table holding them (a batch migration does).
REFLECTION_WARNING = "Skipped unsupported reflection of expression-based index"


def ensure(connection: Connection) -> None:
    """Create the indexes that are missing (a no-op when all are there)."""
    if connection.dialect.name != "sqlite":
        return
    for name, columns in INDEXES.items():
        connection.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS {name} ON clients ({columns}) "
            "WHERE deleted_at IS NULL")


def drop(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    for name in INDEXES:
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
