"""Server schema revision 1: the registry, the counters and one table per synced entity.

Runs as the owner role (the caller sets it), so everything created here is the owner's.
Frozen once released: a later change is a new revision module, never an edit here.
"""

from __future__ import annotations

# The synced local tables at revision 1, and the server's conflict log pulled beside them.
ENTITIES = (
    "organizations", "staff_accounts", "clients", "assessments", "session_packages",
    "sessions", "credit_ledger", "payments", "fee_audit_entries", "audit_log", "settings",
    "sync_conflicts",
)

_REGISTRY = """
CREATE TABLE the5hc.gyms (
    id uuid PRIMARY KEY,
    name text NOT NULL CHECK (btrim(name) <> ''),
    role_name text NOT NULL UNIQUE,
    channel text NOT NULL UNIQUE,
    -- the per-gym sequence counter; its row lock orders pushes (server_seq in commit order)
    last_seq bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX gyms_name_key ON the5hc.gyms (lower(name));

CREATE TABLE the5hc.devices (
    id uuid PRIMARY KEY,
    gym_id uuid NOT NULL REFERENCES the5hc.gyms (id),
    name text NOT NULL CHECK (btrim(name) <> ''),
    role_name text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    last_seen_at timestamptz,
    last_clock_offset_ms bigint
);
CREATE UNIQUE INDEX devices_active_name_key ON the5hc.devices (gym_id, lower(name))
    WHERE revoked_at IS NULL;

-- Only the owner (and so the functions) reads the registry; no policy means no one else.
ALTER TABLE the5hc.gyms ENABLE ROW LEVEL SECURITY;
ALTER TABLE the5hc.devices ENABLE ROW LEVEL SECURITY;

CREATE TABLE the5hc.applied_op (
    gym_id uuid NOT NULL,
    op_id uuid NOT NULL,
    device_id uuid NOT NULL,
    result jsonb NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (gym_id, op_id)
);

-- Live rows per entity and the sum of credit deltas, kept by push so verify is cheap.
CREATE TABLE the5hc.gym_counts (
    gym_id uuid NOT NULL,
    entity text NOT NULL,
    live_rows bigint NOT NULL DEFAULT 0,
    delta_sum bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (gym_id, entity)
);
"""

_ENTITY = """
CREATE TABLE the5hc.{table} (
    gym_id uuid NOT NULL,
    id uuid NOT NULL,
    hlc text NOT NULL CHECK (hlc ~ '^[0-9a-f]{{28}}$'),
    deleted boolean NOT NULL DEFAULT false,
    server_seq bigint NOT NULL,
    data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),{extra}
    PRIMARY KEY (gym_id, id)
);
CREATE INDEX {table}_gym_seq ON the5hc.{table} (gym_id, server_seq);
"""

_SESSION_COLUMNS = """
    status text NOT NULL
        CHECK (status IN ('scheduled', 'completed', 'cancelled', 'no_show')),
    status_seq integer NOT NULL DEFAULT 0 CHECK (status_seq >= 0),"""

# The gym of the connected device, from session_user (never from anything the client
# sends). A scalar subquery, so it is looked up once per statement. It reads the registry
# with the privileges of whoever queries: outside the functions it finds nothing, and the
# policy fails closed.
CURRENT_GYM = """(SELECT d.gym_id FROM the5hc.devices d
                  WHERE d.role_name = session_user AND d.revoked_at IS NULL)"""

_TENANT = """
ALTER TABLE the5hc.{table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE the5hc.{table} FORCE ROW LEVEL SECURITY;
CREATE POLICY gym_isolation ON the5hc.{table}
    USING (gym_id = {current})
    WITH CHECK (gym_id = {current});
"""


def _sql() -> str:
    parts = [_REGISTRY]
    for table in ENTITIES:
        extra = _SESSION_COLUMNS if table == "sessions" else ""
        parts.append(_ENTITY.format(table=table, extra=extra))
    for table in (*ENTITIES, "applied_op", "gym_counts"):
        parts.append(_TENANT.format(table=table, current=CURRENT_GYM))
    return "\n".join(parts)


SQL = _sql()
