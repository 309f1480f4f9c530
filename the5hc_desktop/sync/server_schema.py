"""The server's schema in PostgreSQL: revisions, roles and how they are installed.

Everything lives in schema `the5hc` of one database. Roles are cluster-wide, so their names
carry the installation tag (8 hex digits chosen at init and kept in `schema_info`), and two
databases on one server never share a role:

- `the5hc_<tag>_owner` (NOLOGIN) owns the schema, the tables and the functions;
- `the5hc_<tag>_g_<gym hex>` (NOLOGIN), one per gym: USAGE on the schema, EXECUTE on
  `hello`, `push`, `pull`, `verify`, CONNECT on the database;
- `the5hc_<tag>_d_<device hex>` (LOGIN), one per device, member of its gym's role, with the
  device secret as password; it owns nothing and has no table privilege.

Revisions: `server_sql.STEPS[n - 1]` takes the tables from revision n - 1 to n; after the
steps, every function is re-created from the current code and the grants re-issued, so the
functions always match the app that last ran init or upgrade (decision: functions are
"repeatable", tables are versioned).

Protocol: the app's sync protocol revision must lie in `PROTOCOL_RANGE`, else `hello` raises
T5003 "업데이트가 필요합니다 (update required)". Error codes: `SERVER_ERRORS`.

Decisions beyond the shared contract (the device side relies on them):
- `push` sends a row back (new server_seq, same version) when the pushed version lost, so
  the pusher pulls the winner even if it had skipped it while its own change was pending;
  the same for an append-only row pushed again by a second device (same id, same fact).
- Conflict rows (`sync_conflicts`) get a random id and hlc = the greater of both versions;
  data = {entity, row_id, winner, loser, reason}, winner/loser = {hlc, deleted, data},
  reason one of concurrent_edit, status, cancel_vs_complete. They cannot be pushed.
- Versions that differ only in `BOOKKEEPING_KEYS` count as equal (no conflict logged); two
  credit-ledger rows with one id are the same fact when `LEDGER_FACT_KEYS` agree.
- `verify` also returns `last_seq` (read in the same snapshot as the counts) and counts
  live rows (deleted = false); `sync_conflicts` counts every conflict.
- `hello` also returns `protocol_min` / `protocol_max`; pull rows carry ids as canonical
  uuid text; the NOTIFY payload is {"last_seq", "device_id"}.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from the5hc_desktop.sync.server_sql import STEPS, functions
from the5hc_desktop.sync.server_sql.errors import SERVER_ERRORS, ServerError

if TYPE_CHECKING:
    import psycopg

SCHEMA = "the5hc"
SERVER_REVISION = len(STEPS)
PROTOCOL_RANGE = (1, 1)
PULLED_ENTITIES = functions.PULLED_ENTITIES
PUSHED_ENTITIES = functions.PUSHED_ENTITIES
LWW_ENTITIES = functions.LWW_ENTITIES
APPEND_ENTITIES = functions.APPEND_ENTITIES
BOOKKEEPING_KEYS = functions.BOOKKEEPING_KEYS
LEDGER_FACT_KEYS = functions.LEDGER_FACT_KEYS
CLOCK_AHEAD_MS = functions.CLOCK_AHEAD_MS
MAX_PAGE = functions.MAX_PAGE
MAX_PUSH_ROWS = functions.MAX_PUSH_ROWS
API_FUNCTIONS = functions.API_FUNCTIONS
# Set on each device role: a stuck device never holds the gym's lock for long.
DEVICE_ROLE_SETTINGS = {
    "statement_timeout": "30s",
    "lock_timeout": "10s",
    "idle_in_transaction_session_timeout": "60s",
}
DEVICE_CONNECTION_LIMIT = 4  # a sync connection, a listener, and room for a reconnect

__all__ = ["SERVER_ERRORS", "ServerError"]


class SchemaStateError(Exception):
    """The database holds no server schema, a foreign one, or a newer revision."""

    def __init__(self, message_ko: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_ko = message_ko
        self.message_en = message_en


@dataclass(frozen=True)
class Installation:
    revision: int
    tag: str

    @property
    def owner_role(self) -> str:
        return f"the5hc_{self.tag}_owner"

    def gym_role(self, gym_hex: str) -> str:
        return f"the5hc_{self.tag}_g_{gym_hex}"


def installed(conn: psycopg.Connection) -> Installation | None:
    """The revision and tag of this database's server schema, or None when absent."""
    schema = conn.execute(
        "SELECT to_regnamespace('the5hc') IS NOT NULL, "
        "to_regclass('the5hc.schema_info') IS NOT NULL").fetchone()
    assert schema is not None
    if not schema[0]:
        return None
    if not schema[1]:
        raise SchemaStateError(
            "the5hc 스키마가 있지만 이 앱의 서버 스키마가 아닙니다",
            "schema the5hc exists but is not this app's server schema")
    row = conn.execute("SELECT revision, installation FROM the5hc.schema_info").fetchone()
    if row is None:
        raise SchemaStateError("서버 스키마 정보가 비어 있습니다",
                               "the server schema has no schema_info row")
    return Installation(revision=row[0], tag=row[1])


def _lock(conn: psycopg.Connection) -> None:
    # Two admins running init or upgrade at once take turns.
    conn.execute("SELECT pg_advisory_xact_lock(hashtext('the5hc.server_schema'))")


def init(conn: psycopg.Connection, steps: tuple[str, ...] = STEPS) -> tuple[Installation, bool]:
    """Create the schema at the newest revision; a no-op (functions refreshed) when present.

    Returns the installation and whether it was created now. Runs in the caller's
    transaction; an older revision is left to `upgrade`.
    """
    _lock(conn)
    found = installed(conn)
    if found is not None:
        if found.revision < len(steps):
            raise SchemaStateError(
                f"서버 스키마가 이전 버전({found.revision})입니다. "
                "'the5hc server upgrade'를 실행하세요",
                f"the server schema is at revision {found.revision}; "
                "run 'the5hc server upgrade'")
        _refuse_newer(found, steps)
        refresh_functions(conn, found)
        return found, False
    base = _bootstrap(conn)
    return _apply(conn, base, steps), True


def upgrade(conn: psycopg.Connection,
            steps: tuple[str, ...] = STEPS) -> tuple[int, Installation]:
    """Apply the revisions after the installed one, one by one; returns (from, now)."""
    _lock(conn)
    found = installed(conn)
    if found is None:
        raise SchemaStateError("서버 스키마가 없습니다. 먼저 'the5hc server init'을 실행하세요",
                               "no server schema here; run 'the5hc server init' first")
    _refuse_newer(found, steps)
    return found.revision, _apply(conn, found, steps)


def _refuse_newer(found: Installation, steps: tuple[str, ...]) -> None:
    if found.revision > len(steps):
        raise SchemaStateError(
            f"서버 스키마(버전 {found.revision})가 이 앱(버전 {len(steps)})보다 새롭습니다. "
            "앱을 업데이트하세요",
            f"the server schema (revision {found.revision}) is newer than this app "
            f"(revision {len(steps)}); update the app")


def _bootstrap(conn: psycopg.Connection) -> Installation:
    from psycopg import sql

    base = Installation(revision=0, tag=secrets.token_hex(4))
    owner = sql.Identifier(base.owner_role)
    conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(owner))
    # Lets an admin who is not a superuser (a managed service) act as the owner.
    conn.execute(sql.SQL("GRANT {} TO CURRENT_USER").format(owner))
    conn.execute(sql.SQL("CREATE SCHEMA the5hc AUTHORIZATION {}").format(owner))
    conn.execute(sql.SQL("SET LOCAL ROLE {}").format(owner))
    conn.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA the5hc "
                 "REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC")
    conn.execute("""
        CREATE TABLE the5hc.schema_info (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            revision integer NOT NULL,
            installation text NOT NULL CHECK (installation ~ '^[0-9a-f]{8}$'),
            installed_at timestamptz NOT NULL DEFAULT now(),
            upgraded_at timestamptz NOT NULL DEFAULT now()
        )""")
    conn.execute("INSERT INTO the5hc.schema_info (revision, installation) VALUES (0, %s)",
                 (base.tag,))
    conn.execute("RESET ROLE")
    return base


def _apply(conn: psycopg.Connection, found: Installation,
           steps: tuple[str, ...]) -> Installation:
    from psycopg import sql

    for revision in range(found.revision + 1, len(steps) + 1):
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(found.owner_role)))
        conn.execute(steps[revision - 1].encode())
        conn.execute("UPDATE the5hc.schema_info SET revision = %s, upgraded_at = now()",
                     (revision,))
        conn.execute("RESET ROLE")
    now = Installation(revision=len(steps), tag=found.tag)
    if now.revision:  # revision 0 has no tables for the functions to use
        refresh_functions(conn, now)
    return now


def refresh_functions(conn: psycopg.Connection, found: Installation) -> None:
    """Re-create every function and re-grant the API to every gym role."""
    from psycopg import sql

    conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(found.owner_role)))
    conn.execute(functions.definitions(*PROTOCOL_RANGE).encode())
    conn.execute("REVOKE ALL ON ALL FUNCTIONS IN SCHEMA the5hc FROM PUBLIC")
    conn.execute("RESET ROLE")
    for (role,) in conn.execute("SELECT role_name FROM the5hc.gyms").fetchall():
        grant_gym(conn, found, role)


def grant_gym(conn: psycopg.Connection, found: Installation, gym_role: str) -> None:
    """What a gym's devices may do: connect, see the schema, call the four functions."""
    from psycopg import sql

    role = sql.Identifier(gym_role)
    database = conn.execute("SELECT current_database()").fetchone()
    assert database is not None
    conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
        sql.Identifier(database[0]), role))
    conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(found.owner_role)))
    conn.execute(sql.SQL("GRANT USAGE ON SCHEMA the5hc TO {}").format(role))
    for signature in API_FUNCTIONS:
        conn.execute(sql.SQL("GRANT EXECUTE ON FUNCTION the5hc.{} TO {}").format(
            sql.SQL(signature), role))
    conn.execute("RESET ROLE")
