"""Member search index (client_search + triggers) and covering indexes of live rows.

`client_search` holds every distinct 1–2 character piece of lower(name) (kind "n") and
every 1–3 character piece of name_initials made only of 초성 (kind "i") of each live
member, with the member's name and active flag. Triggers on `clients` keep it exact for
every writer (ORM, bulk insert, import, sync); the rows of existing members are built
here (about 10 s for 100,000 members, once). SQLite triggers list the pieces of positions
1–10 as one-row SELECTs and take positions 11–1000 from json_each digit tables (names are
at most 200 characters); PostgreSQL uses a set-returning function and one plpgsql trigger
function.

The partial indexes cover the member list (by name; all or per trainer), counting active
members, the dashboard's figures, ledger balances and each member's newest assessment; a
partial index of tombstones lets the list count live members as all rows minus deleted
ones. `deleted_at` is an index column too, because SQLite counts an index as covering only
when it holds the WHERE's columns.

A later migration that rebuilds `clients` on SQLite (batch "move and copy") drops these
triggers with the old table and must create them again (copy `_sqlite_triggers`).

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGERS = ("client_search_insert", "client_search_update", "client_search_delete")
# Changes to these columns change a member's rows (id never changes; listed for safety).
WATCHED = ("id", "name", "name_initials", "active", "deleted_at")
LIVE = "deleted_at IS NULL"

# (name, table, columns) — the same as the models' `live_index` calls.
LIVE_INDEXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("ix_clients_live_name", "clients", ("name", "id", "active")),
    ("ix_clients_live_trainer_name", "clients", ("trainer_id", "name", "id", "active")),
    ("ix_clients_live_created_at", "clients", ("created_at",)),
    ("ix_assessments_live_client_latest", "assessments",
     ("client_id", "assessed_on", "created_at", "score_overall")),
    ("ix_assessments_live_assessed_on", "assessments", ("assessed_on", "score_overall")),
    ("ix_sessions_live_starts_at", "sessions", ("starts_at", "status")),
    ("ix_credit_ledger_live_package", "credit_ledger", ("package_id", "delta")),
    ("ix_credit_ledger_live_client", "credit_ledger", ("client_id", "package_id", "delta")),
    ("ix_payments_live_paid_on", "payments", ("paid_on", "gross", "net")),
)

# --- SQLite -------------------------------------------------------------------------------

# Pieces at positions 1..SHORT are written out as one-row SELECTs (names are nearly always
# shorter); positions beyond come from json_each digit tables, only for longer names.
SHORT = 10
_DIGITS = "json_each('[0,1,2,3,4,5,6,7,8,9]')"
_POSITION = "(h.value * 100 + t.value * 10 + u.value + 1)"


def _sqlite_pieces(kind: str, row: str) -> list[tuple[str, str, str]]:
    """(piece, extra FROM items, WHERE) triples whose union is every piece of `row`'s text.

    Names are at most 200 characters; the digit tables reach position 1000.
    """
    widths: tuple[int, ...]
    if kind == "n":
        text, widths, only_choseong = f"lower({row}.name)", (1, 2), False
    else:
        text, widths, only_choseong = f"{row}.name_initials", (1, 2, 3), True
    length = f"length({text})"
    jamo = " AND {piece} NOT GLOB '*[^ㄱ-ㅎ]*'" if only_choseong else ""
    triples = []
    for position in range(1, SHORT + 1):
        for width in widths:
            piece = f"substr({text}, {position}, {width})"
            where = f"{length} >= {position + width - 1}" + jamo.format(piece=piece)
            triples.append((piece, "", where))
    piece = f"substr({text}, {_POSITION}, w.value)"
    listed = ",".join(str(w) for w in widths)
    sources = f"{_DIGITS} AS h, {_DIGITS} AS t, {_DIGITS} AS u, json_each('[{listed}]') AS w"
    where = (
        f"{length} > {SHORT} AND h.value * 100 < {length}"
        f" AND h.value * 100 + t.value * 10 < {length}"
        f" AND {_POSITION} > {SHORT} AND {_POSITION} + w.value - 1 <= {length}"
        + jamo.format(piece=piece)
    )
    triples.append((piece, sources, where))
    return triples


def _sqlite_insert(row: str, source: str = "", condition: str = "") -> str:
    """INSERT of `row`'s pieces; `source` names the row's table (none in a trigger).

    UNION drops repeated pieces ("김김"), so the insert never depends on OR IGNORE: an
    outer statement's conflict clause (INSERT OR FAIL INTO clients ...) overrides it.
    """
    selects = []
    for kind in ("n", "i"):
        for piece, sources, where in _sqlite_pieces(kind, row):
            tables = ", ".join(t for t in (source, sources) if t)
            selects.append(
                f"SELECT '{kind}', {piece}, {row}.name, {row}.id, {row}.active"
                + (f" FROM {tables}" if tables else "")
                + f" WHERE {where}{condition}"
            )
    return (
        "INSERT OR IGNORE INTO client_search (kind, term, name, client_id, active) "
        + " UNION ".join(selects)
    )


def _sqlite_delete(row: str) -> str:
    # By primary key (kind, term, name, client_id): the table has no client_id index.
    statements = []
    for kind in ("n", "i"):
        pieces = " UNION ALL ".join(
            f"SELECT {piece}" + (f" FROM {sources}" if sources else "") + f" WHERE {where}"
            for piece, sources, where in _sqlite_pieces(kind, row)
        )
        statements.append(
            f"DELETE FROM client_search WHERE kind = '{kind}' AND term IN ({pieces})"
            f" AND name = {row}.name AND client_id = {row}.id"
        )
    return "; ".join(statements)


def _sqlite_triggers() -> list[str]:
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in WATCHED)
    return [
        "CREATE TRIGGER client_search_insert AFTER INSERT ON clients "
        f"WHEN NEW.deleted_at IS NULL BEGIN {_sqlite_insert('NEW')}; END",
        # One trigger, so the old rows go before the new ones come (same keys if only
        # `active` changed).
        f"CREATE TRIGGER client_search_update AFTER UPDATE OF {', '.join(WATCHED)} ON clients "
        f"WHEN {changed} BEGIN {_sqlite_delete('OLD')}; "
        f"{_sqlite_insert('NEW', condition=' AND NEW.deleted_at IS NULL')}; END",
        f"CREATE TRIGGER client_search_delete AFTER DELETE ON clients "
        f"BEGIN {_sqlite_delete('OLD')}; END",
    ]


def _sqlite_backfill() -> list[str]:
    # The insert trigger's statement over every live member (one pass per piece position).
    return [_sqlite_insert("c", source="clients AS c", condition=" AND c.deleted_at IS NULL")]


# --- PostgreSQL ---------------------------------------------------------------------------

_PG_PIECES = """
CREATE FUNCTION client_search_pieces(p_name text, p_initials text)
RETURNS TABLE (kind text, term text) LANGUAGE sql STABLE AS $$
    SELECT 'n', substr(lower(p_name), p, w)
    FROM generate_series(1, length(lower(p_name))) AS p, generate_series(1, 2) AS w
    WHERE p + w - 1 <= length(lower(p_name))
    UNION
    SELECT 'i', substr(p_initials, p, w)
    FROM generate_series(1, length(p_initials)) AS p, generate_series(1, 3) AS w
    WHERE p + w - 1 <= length(p_initials) AND substr(p_initials, p, w) ~ '^[ㄱ-ㅎ]+$'
$$
"""

_PG_SYNC = """
CREATE FUNCTION client_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM client_search AS s
        USING client_search_pieces(OLD.name, OLD.name_initials) AS g
        WHERE s.kind = g.kind AND s.term = g.term AND s.name = OLD.name
          AND s.client_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL THEN
        INSERT INTO client_search (kind, term, name, client_id, active)
        SELECT g.kind, g.term, NEW.name, NEW.id, NEW.active
        FROM client_search_pieces(NEW.name, NEW.name_initials) AS g;
    END IF;
    RETURN NULL;
END
$$
"""


def _pg_triggers() -> list[str]:
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in WATCHED)
    run = "FOR EACH ROW EXECUTE FUNCTION client_search_sync()"
    return [
        _PG_PIECES,
        _PG_SYNC,
        f"CREATE TRIGGER client_search_insert AFTER INSERT ON clients {run}",
        f"CREATE TRIGGER client_search_update AFTER UPDATE OF {', '.join(WATCHED)} ON clients "
        f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION client_search_sync()",
        f"CREATE TRIGGER client_search_delete AFTER DELETE ON clients {run}",
    ]


_PG_BACKFILL = """
INSERT INTO client_search (kind, term, name, client_id, active)
SELECT g.kind, g.term, c.name, c.id, c.active
FROM clients AS c CROSS JOIN LATERAL client_search_pieces(c.name, c.name_initials) AS g
WHERE c.deleted_at IS NULL
"""


# --- upgrade / downgrade ------------------------------------------------------------------


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "client_search",
        sa.Column("kind", sa.String(length=1), nullable=False),
        sa.Column("term", sa.String(length=3), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "term", "name", "client_id",
                                name=op.f("pk_client_search")),
        sqlite_with_rowid=False,
    )
    for name, table, columns in LIVE_INDEXES:
        op.create_index(op.f(name), table, [*columns, "deleted_at"],
                        sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))
    # Only a query naming all three terms uses it (change_stamp is never NULL).
    op.create_index(
        op.f("ix_clients_live_active_count"), "clients",
        ["change_stamp", "active", "deleted_at"],
        sqlite_where=sa.text(f"{LIVE} AND active IS 1 AND change_stamp IS NOT NULL"),
        postgresql_where=sa.text(f"{LIVE} AND active IS true AND change_stamp IS NOT NULL"),
    )
    op.create_index(
        op.f("ix_clients_deleted_at"), "clients", ["deleted_at"],
        sqlite_where=sa.text("deleted_at IS NOT NULL"),
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )
    if dialect == "sqlite":
        statements = [*_sqlite_triggers(), *_sqlite_backfill()]
    elif dialect == "postgresql":
        statements = [*_pg_triggers(), _PG_BACKFILL]
    else:  # pragma: no cover - the app supports these two
        raise NotImplementedError(f"client_search triggers for {dialect}")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for trigger in TRIGGERS:
        on = " ON clients" if dialect == "postgresql" else ""
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}{on}")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS client_search_sync()")
        op.execute("DROP FUNCTION IF EXISTS client_search_pieces(text, text)")
    op.drop_index(op.f("ix_clients_deleted_at"), table_name="clients")
    op.drop_index(op.f("ix_clients_live_active_count"), table_name="clients")
    for name, table, _columns in reversed(LIVE_INDEXES):
        op.drop_index(op.f(name), table_name=table)
    op.drop_table("client_search")
