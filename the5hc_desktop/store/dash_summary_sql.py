"""The dashboard summaries' SQL (migration 0010): triggers and back-fill of each total.

- dash_session_hours: live sessions per UTC hour of starts_at and status;
- dash_package_balances: Σ delta and live row count of each package's ledger;
- dash_package_expiry: live active packages per expiry date (9999-12-31: none).

One place for the SQL the migration runs and a bulk load (store/bulk_load.py) re-runs
after it filled the base tables with the triggers suspended. Models: models_dashboard.py.
"""

from __future__ import annotations

from typing import NamedTuple


class Summary(NamedTuple):
    """A summary table: keys and added values computed from one base row `{r}`.

    (A NamedTuple: Alembic loads the revision that imports it outside sys.modules.)"""

    table: str
    base: str
    watched: tuple[str, ...]  # an UPDATE touching none of these leaves the totals alone
    keys: dict[str, dict[str, str]]  # column -> {dialect: expression of the base row}
    values: dict[str, str]  # column -> amount the row adds
    live: dict[str, str]  # {dialect: condition for a row that counts}


SUMMARIES = (
    Summary(
        "dash_session_hours", "sessions", ("starts_at", "status", "deleted_at"),
        keys={
            # starts_at is whole microseconds since 1970 UTC on SQLite (store/types.py).
            "hour": {"sqlite": "{r}.starts_at - {r}.starts_at % 3600000000",
                     "postgresql": "date_trunc('hour', {r}.starts_at AT TIME ZONE 'UTC')"
                                   " AT TIME ZONE 'UTC'"},
            "status": {"sqlite": "{r}.status", "postgresql": "{r}.status"},
        },
        values={"total": "1"},
        live={"sqlite": "{r}.deleted_at IS NULL", "postgresql": "{r}.deleted_at IS NULL"},
    ),
    Summary(
        "dash_package_balances", "credit_ledger", ("package_id", "delta", "deleted_at"),
        keys={"package_id": {"sqlite": "{r}.package_id", "postgresql": "{r}.package_id"}},
        values={"remaining": "{r}.delta", "entries": "1"},
        live={"sqlite": "{r}.deleted_at IS NULL", "postgresql": "{r}.deleted_at IS NULL"},
    ),
    Summary(
        "dash_package_expiry", "session_packages", ("active", "expires_on", "deleted_at"),
        keys={"expires_on": {"sqlite": "coalesce({r}.expires_on, '9999-12-31')",
                             "postgresql": "coalesce({r}.expires_on, DATE '9999-12-31')"}},
        values={"total": "1"},
        live={"sqlite": "{r}.deleted_at IS NULL AND {r}.active IS 1",
              "postgresql": "{r}.deleted_at IS NULL AND {r}.active IS TRUE"},
    ),
)

TRIGGER_KINDS = ("insert", "update", "delete")


def _add(s: Summary, row: str, dialect: str) -> str:
    """Add `row` (NEW) to its total when it counts (an upsert)."""
    keys = [k[dialect].format(r=row) for k in s.keys.values()]
    amounts = [v.format(r=row) for v in s.values.values()]
    target = f"{s.table}." if dialect == "postgresql" else ""
    return (
        f"INSERT INTO {s.table} ({', '.join([*s.keys, *s.values])}) "
        f"SELECT {', '.join([*keys, *amounts])} WHERE {s.live[dialect].format(r=row)} "
        f"ON CONFLICT ({', '.join(s.keys)}) DO UPDATE SET "
        + ", ".join(f"{c} = {target}{c} + excluded.{c}" for c in s.values)
    )


def _subtract(s: Summary, row: str, dialect: str) -> str:
    """Take `row` (OLD) off its total when it counted."""
    keys = " AND ".join(f"{c} = {k[dialect].format(r=row)}" for c, k in s.keys.items())
    return (
        f"UPDATE {s.table} SET "
        + ", ".join(f"{c} = {c} - {v.format(r=row)}" for c, v in s.values.items())
        + f" WHERE {s.live[dialect].format(r=row)} AND {keys}"
    )


def _changed(s: Summary, dialect: str) -> str:
    differ = "IS NOT" if dialect == "sqlite" else "IS DISTINCT FROM"
    return " OR ".join(f"OLD.{c} {differ} NEW.{c}" for c in s.watched)


def sqlite_triggers(s: Summary) -> list[str]:
    name, on = s.table, s.base
    return [
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {on} "
        f"BEGIN {_add(s, 'NEW', 'sqlite')}; END",
        f"CREATE TRIGGER {name}_update AFTER UPDATE OF {', '.join(s.watched)} ON {on} "
        f"WHEN {_changed(s, 'sqlite')} "
        f"BEGIN {_subtract(s, 'OLD', 'sqlite')}; {_add(s, 'NEW', 'sqlite')}; END",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {on} "
        f"BEGIN {_subtract(s, 'OLD', 'sqlite')}; END",
    ]


def pg_triggers(s: Summary) -> list[str]:
    name, on = s.table, s.base
    run = f"FOR EACH ROW EXECUTE FUNCTION {name}_sync()"
    function = (
        f"CREATE FUNCTION {name}_sync() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        f"    IF TG_OP <> 'INSERT' THEN {_subtract(s, 'OLD', 'postgresql')}; END IF;\n"
        f"    IF TG_OP <> 'DELETE' THEN {_add(s, 'NEW', 'postgresql')}; END IF;\n"
        "    RETURN NULL;\n"
        "END\n$$"
    )
    return [
        function,
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {on} {run}",
        f"CREATE TRIGGER {name}_update AFTER UPDATE OF {', '.join(s.watched)} ON {on} "
        f"FOR EACH ROW WHEN ({_changed(s, 'postgresql')}) EXECUTE FUNCTION {name}_sync()",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {on} {run}",
    ]


def backfill(s: Summary, dialect: str) -> str:
    keys = [k[dialect].format(r="b") for k in s.keys.values()]
    sums = [f"sum({v.format(r='b')})" for v in s.values.values()]
    return (
        f"INSERT INTO {s.table} ({', '.join([*s.keys, *s.values])}) "
        f"SELECT {', '.join([*keys, *sums])} FROM {s.base} AS b "
        f"WHERE {s.live[dialect].format(r='b')} GROUP BY {', '.join(keys)}"
    )
