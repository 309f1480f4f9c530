"""Dashboard summaries kept by triggers: sessions per hour, package balances, expiries.

- dash_session_hours: live sessions per UTC hour of starts_at and status;
- dash_package_balances: Σ delta and live row count of each package's ledger;
- dash_package_expiry: live active packages per expiry date (9999-12-31: none).

Each is filled from its base table here and kept by AFTER INSERT/UPDATE/DELETE triggers,
so every writer (ORM, bulk insert, import, the raw upserts of sync) moves the totals.
Local tables: never synced (store/models_dashboard.py).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


class Summary(NamedTuple):
    """A summary table: keys and added values computed from one base row `{r}`.

    (A NamedTuple: Alembic loads revisions outside sys.modules, where dataclasses fail.)"""

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


def _sqlite_triggers(s: Summary) -> list[str]:
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


def _pg_triggers(s: Summary) -> list[str]:
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


def _backfill(s: Summary, dialect: str) -> str:
    keys = [k[dialect].format(r="b") for k in s.keys.values()]
    sums = [f"sum({v.format(r='b')})" for v in s.values.values()]
    return (
        f"INSERT INTO {s.table} ({', '.join([*s.keys, *s.values])}) "
        f"SELECT {', '.join([*keys, *sums])} FROM {s.base} AS b "
        f"WHERE {s.live[dialect].format(r='b')} GROUP BY {', '.join(keys)}"
    )


def _id() -> sa.types.TypeEngine[object]:
    """Ids as the store keeps them: 16 raw bytes on SQLite, native uuid on PostgreSQL."""
    return sa.LargeBinary(length=16) if op.get_bind().dialect.name == "sqlite" else sa.Uuid()


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect not in ("sqlite", "postgresql"):  # pragma: no cover - the app supports these
        raise NotImplementedError(f"dashboard summary triggers for {dialect}")
    op.create_table(
        "dash_session_hours",
        # UTCDateTime: integer microseconds on SQLite (store/types.py), timestamptz elsewhere.
        sa.Column("hour", sa.DateTime(timezone=True).with_variant(sa.BigInteger(), "sqlite"),
                  nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("hour", "status", name=op.f("pk_dash_session_hours")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "dash_package_balances",
        sa.Column("package_id", _id(), nullable=False),
        sa.Column("remaining", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("package_id", name=op.f("pk_dash_package_balances")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_dash_package_balances_remaining", "dash_package_balances",
                    ["remaining", "entries"])
    op.create_table(
        "dash_package_expiry",
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("expires_on", name=op.f("pk_dash_package_expiry")),
        sqlite_with_rowid=False,
    )
    for summary in SUMMARIES:
        op.execute(_backfill(summary, dialect))
        triggers = _sqlite_triggers if dialect == "sqlite" else _pg_triggers
        for statement in triggers(summary):
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for summary in reversed(SUMMARIES):
        for kind in TRIGGER_KINDS:
            on = f" ON {summary.base}" if dialect == "postgresql" else ""
            op.execute(f"DROP TRIGGER IF EXISTS {summary.table}_{kind}{on}")
        if dialect == "postgresql":
            op.execute(f"DROP FUNCTION IF EXISTS {summary.table}_sync()")
        op.drop_table(summary.table)
