"""The server's functions, re-created (CREATE OR REPLACE) after every init and upgrade.

Device roles may execute only `hello`, `push`, `pull` and `verify`: SECURITY DEFINER, owned
by the owner role, `search_path` pinned. The `_`-prefixed helpers run inside them and are
executable by no one else. Per-entity merge functions are generated from one template per
rule so every statement is static SQL with a cached plan.
"""

from __future__ import annotations

from the5hc_desktop.sync.server_sql.errors import SERVER_ERRORS, message_text

LWW_ENTITIES = ("organizations", "staff_accounts", "clients", "assessments",
                "session_packages", "settings", "health_screenings", "assessment_health",
                "trainer_hours", "availability_exceptions")
SESSION_ENTITIES = ("sessions",)
APPEND_ENTITIES = ("credit_ledger", "payments", "fee_audit_entries", "audit_log")
PUSHED_ENTITIES = (*LWW_ENTITIES, *SESSION_ENTITIES, *APPEND_ENTITIES)
PULLED_ENTITIES = (*PUSHED_ENTITIES, "sync_conflicts")

CLOCK_AHEAD_MS = 10 * 60 * 1000
MAX_PUSH_ROWS = 2000
MAX_PAGE = 1000
# Row keys that are bookkeeping, not substance: two versions differing only here are equal.
BOOKKEEPING_KEYS = ("hlc", "change_stamp", "updated_at", "updated_by_device", "deleted_at")
# Two devices recording the same credit movement write the same id (deterministic ids);
# they are the same fact when these agree, whoever wrote them and when. The kind is left
# out on purpose: a round's one debit may be a completion on one desk and a no-show on
# another, and its one undo a completion undone or a no-show given back (domain/credits.py).
LEDGER_FACT_KEYS = ("package_id", "client_id", "session_id", "delta", "cycle")

_PIN = "SET search_path = the5hc, pg_temp"

_HELPERS = f"""
CREATE OR REPLACE FUNCTION the5hc._fail(code text, detail text) RETURNS void
LANGUAGE plpgsql {_PIN} AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = code, DETAIL = coalesce(detail, ''),
        MESSAGE = CASE code {{messages}} ELSE code END;
END $$;

CREATE OR REPLACE FUNCTION the5hc._now_ms() RETURNS bigint
LANGUAGE sql VOLATILE AS $$
    SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint
$$;

CREATE OR REPLACE FUNCTION the5hc._hlc_ms(hlc text) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
    SELECT ('x' || lpad(substr(hlc, 1, 12), 16, '0'))::bit(64)::bigint
$$;

CREATE OR REPLACE FUNCTION the5hc._substance(data jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT data - '{{{",".join(BOOKKEEPING_KEYS)}}}'::text[]
$$;

-- Two versions of a row that differ in bookkeeping only (compared only where it matters:
-- an edit based on the version held here is no conflict, equal or not).
CREATE OR REPLACE FUNCTION the5hc._same(a_deleted boolean, a_data jsonb,
                                        b_deleted boolean, b_data jsonb)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT a_deleted = b_deleted AND the5hc._substance(a_data) = the5hc._substance(b_data)
$$;

CREATE OR REPLACE FUNCTION the5hc._version(hlc text, deleted boolean, data jsonb)
RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_build_object('hlc', hlc, 'deleted', deleted, 'data', data)
$$;

CREATE OR REPLACE FUNCTION the5hc._is_integer(value jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(jsonb_typeof(value) = 'number'
        AND (value #>> '{{}}')::numeric = trunc((value #>> '{{}}')::numeric)
        AND abs((value #>> '{{}}')::numeric) < 1e15, false)
$$;

CREATE OR REPLACE FUNCTION the5hc._device() RETURNS the5hc.devices
LANGUAGE plpgsql STABLE {_PIN} AS $$
DECLARE
    d the5hc.devices;
BEGIN
    SELECT * INTO d FROM the5hc.devices WHERE role_name = session_user;
    IF NOT FOUND THEN
        PERFORM the5hc._fail('T5002', format('role %s', session_user));
    END IF;
    IF d.revoked_at IS NOT NULL THEN
        PERFORM the5hc._fail('T5001', format('device %s revoked at %s', d.id, d.revoked_at));
    END IF;
    RETURN d;
END $$;

CREATE OR REPLACE FUNCTION the5hc._log_conflict(
    g uuid, seq bigint, entity text, row_id uuid, winner jsonb, loser jsonb, reason text
) RETURNS void LANGUAGE sql {_PIN} AS $$
    INSERT INTO the5hc.sync_conflicts (gym_id, id, hlc, deleted, server_seq, data)
    VALUES (g, gen_random_uuid(), greatest(winner ->> 'hlc', loser ->> 'hlc'), false, seq,
            jsonb_build_object('entity', entity, 'row_id', row_id, 'winner', winner,
                               'loser', loser, 'reason', reason))
$$;

CREATE OR REPLACE FUNCTION the5hc._check_money(entity text, row_id uuid, data jsonb)
RETURNS bigint LANGUAGE plpgsql IMMUTABLE {_PIN} AS $$
-- Returns the row's credit delta (0 for rows that are not ledger rows).
DECLARE
    part text;
BEGIN
    IF entity = 'credit_ledger' THEN
        IF NOT the5hc._is_integer(data -> 'delta') THEN
            PERFORM the5hc._fail('T5005', format('credit_ledger %s: delta %s is not an integer',
                                                 row_id, coalesce(data ->> 'delta', 'null')));
        END IF;
        RETURN (data ->> 'delta')::bigint;
    END IF;
    IF entity IN ('payments', 'fee_audit_entries') THEN
        FOREACH part IN ARRAY ARRAY['gross', 'vat', 'card_fee', 'net'] LOOP
            IF NOT the5hc._is_integer(data -> part) THEN
                PERFORM the5hc._fail('T5005', format('%s %s: %s %s is not an integer (KRW)',
                                     entity, row_id, part, coalesce(data ->> part, 'null')));
            END IF;
        END LOOP;
    END IF;
    IF entity = 'payments' AND (data ->> 'vat')::numeric + (data ->> 'card_fee')::numeric
            + (data ->> 'net')::numeric <> (data ->> 'gross')::numeric THEN
        PERFORM the5hc._fail('T5005', format('payments %s: vat + card_fee + net <> gross', row_id));
    END IF;
    RETURN 0;
END $$;
"""

# Each merge function takes the validated row and the gym's counter, consumes sequence
# numbers for what it writes and reports what it did. Parameters: g gym, r_* the row.
_SIGNATURE = """
CREATE OR REPLACE FUNCTION the5hc._apply_@T@(
    g uuid, r_id uuid, r_hlc text, r_base text, r_deleted boolean, r_data jsonb,
    INOUT seq bigint, OUT applied int, OUT conflicts int, OUT live_delta int,
    OUT sum_delta bigint
) LANGUAGE plpgsql """ + _PIN + " AS $$\n"

# Row-level last writer wins by hlc (clock, then device: both in the fixed-width text).
_LWW = _SIGNATURE + """
DECLARE
    cur record;
BEGIN
    applied := 0; conflicts := 0; live_delta := 0; sum_delta := 0;
    SELECT t.hlc, t.deleted, t.data INTO cur FROM the5hc.@T@ t
        WHERE t.gym_id = g AND t.id = r_id;
    IF NOT FOUND THEN
        seq := seq + 1;
        INSERT INTO the5hc.@T@ (gym_id, id, hlc, deleted, server_seq, data)
            VALUES (g, r_id, r_hlc, r_deleted, seq, r_data);
        applied := 1;
        live_delta := CASE WHEN r_deleted THEN 0 ELSE 1 END;
        RETURN;
    END IF;
    IF r_hlc = cur.hlc THEN
        RETURN;  -- the version the server already holds
    END IF;
    IF r_hlc > cur.hlc THEN
        seq := seq + 1;
        UPDATE the5hc.@T@ SET hlc = r_hlc, deleted = r_deleted, data = r_data, server_seq = seq
            WHERE gym_id = g AND id = r_id;
        applied := 1;
        live_delta := (NOT r_deleted)::int - (NOT cur.deleted)::int;
        IF r_base IS DISTINCT FROM cur.hlc THEN
            IF NOT the5hc._same(cur.deleted, cur.data, r_deleted, r_data) THEN
                seq := seq + 1; conflicts := 1;
                PERFORM the5hc._log_conflict(g, seq, '@T@', r_id,
                    the5hc._version(r_hlc, r_deleted, r_data),
                    the5hc._version(cur.hlc, cur.deleted, cur.data), 'concurrent_edit');
            END IF;
        END IF;
    ELSE
        IF NOT the5hc._same(cur.deleted, cur.data, r_deleted, r_data) THEN
            seq := seq + 1; conflicts := 1;
            PERFORM the5hc._log_conflict(g, seq, '@T@', r_id,
                the5hc._version(cur.hlc, cur.deleted, cur.data),
                the5hc._version(r_hlc, r_deleted, r_data), 'concurrent_edit');
        END IF;
        -- Send the winner again so the pusher, whose version lost, pulls it.
        seq := seq + 1;
        UPDATE the5hc.@T@ SET server_seq = seq WHERE gym_id = g AND id = r_id;
    END IF;
END $$;
"""

# Sessions: the status is a state machine. The higher transition counter wins, ties by
# precedence completed > no_show > cancelled > scheduled; only with equal status and counter
# (both still scheduled, typically) do time, trainer and duration go by last writer.
_SESSION = _SIGNATURE + """
DECLARE
    cur record;
    r_status text := r_data ->> 'status';
    r_status_seq int;
    r_rank int;
    cur_rank int;
    wins boolean;
    reason text;
    ranks constant text[] := ARRAY['scheduled', 'cancelled', 'no_show', 'completed'];
BEGIN
    applied := 0; conflicts := 0; live_delta := 0; sum_delta := 0;
    r_rank := array_position(ranks, r_status);
    IF r_rank IS NULL THEN
        PERFORM the5hc._fail('T5007', format('sessions %s: status %s', r_id,
                                             coalesce(r_status, 'null')));
    END IF;
    IF NOT the5hc._is_integer(r_data -> 'status_seq')
            OR (r_data ->> 'status_seq')::numeric NOT BETWEEN 0 AND 2147483647 THEN
        PERFORM the5hc._fail('T5007', format('sessions %s: status_seq %s', r_id,
                                             coalesce(r_data ->> 'status_seq', 'null')));
    END IF;
    r_status_seq := (r_data ->> 'status_seq')::int;
    SELECT t.hlc, t.deleted, t.data, t.status, t.status_seq INTO cur FROM the5hc.@T@ t
        WHERE t.gym_id = g AND t.id = r_id;
    IF NOT FOUND THEN
        seq := seq + 1;
        INSERT INTO the5hc.@T@ (gym_id, id, hlc, deleted, server_seq, data, status, status_seq)
            VALUES (g, r_id, r_hlc, r_deleted, seq, r_data, r_status, r_status_seq);
        applied := 1;
        live_delta := CASE WHEN r_deleted THEN 0 ELSE 1 END;
        RETURN;
    END IF;
    IF r_hlc = cur.hlc THEN
        RETURN;
    END IF;
    cur_rank := array_position(ranks, cur.status);
    wins := (r_status_seq, r_rank, r_hlc) > (cur.status_seq, cur_rank, cur.hlc);
    reason := CASE
        WHEN r_status <> cur.status AND ARRAY[r_status, cur.status]
            <@ ARRAY['cancelled', 'completed'] THEN 'cancel_vs_complete'
        WHEN r_status <> cur.status THEN 'status'
        ELSE 'concurrent_edit' END;
    IF wins THEN
        seq := seq + 1;
        UPDATE the5hc.@T@ SET hlc = r_hlc, deleted = r_deleted, data = r_data, server_seq = seq,
                status = r_status, status_seq = r_status_seq
            WHERE gym_id = g AND id = r_id;
        applied := 1;
        live_delta := (NOT r_deleted)::int - (NOT cur.deleted)::int;
        IF r_base IS DISTINCT FROM cur.hlc THEN
            IF NOT the5hc._same(cur.deleted, cur.data, r_deleted, r_data) THEN
                seq := seq + 1; conflicts := 1;
                PERFORM the5hc._log_conflict(g, seq, '@T@', r_id,
                    the5hc._version(r_hlc, r_deleted, r_data),
                    the5hc._version(cur.hlc, cur.deleted, cur.data), reason);
            END IF;
        END IF;
    ELSE
        IF NOT the5hc._same(cur.deleted, cur.data, r_deleted, r_data) THEN
            seq := seq + 1; conflicts := 1;
            PERFORM the5hc._log_conflict(g, seq, '@T@', r_id,
                the5hc._version(cur.hlc, cur.deleted, cur.data),
                the5hc._version(r_hlc, r_deleted, r_data), reason);
        END IF;
        seq := seq + 1;
        UPDATE the5hc.@T@ SET server_seq = seq WHERE gym_id = g AND id = r_id;
    END IF;
END $$;
"""

# Append-only facts: union by id. The same fact again is ignored (and the server's version
# sent back to the pusher); a different version of an existing id is refused.
_APPEND = _SIGNATURE + """
DECLARE
    cur record;
    delta bigint;
BEGIN
    applied := 0; conflicts := 0; live_delta := 0; sum_delta := 0;
    SELECT t.hlc, t.deleted, t.data INTO cur FROM the5hc.@T@ t
        WHERE t.gym_id = g AND t.id = r_id;
    IF NOT FOUND THEN
        delta := the5hc._check_money('@T@', r_id, r_data);
        seq := seq + 1;
        INSERT INTO the5hc.@T@ (gym_id, id, hlc, deleted, server_seq, data)
            VALUES (g, r_id, r_hlc, r_deleted, seq, r_data);
        applied := 1;
        IF NOT r_deleted THEN
            live_delta := 1; sum_delta := delta;
        END IF;
        RETURN;
    END IF;
    IF cur.hlc = r_hlc AND cur.deleted = r_deleted AND cur.data = r_data THEN
        RETURN;  -- an identical replay
    END IF;
    IF cur.deleted <> r_deleted OR cur.hlc = r_hlc OR @FACT(cur.data)@ <> @FACT(r_data)@ THEN
        PERFORM the5hc._fail('T5006', format('@T@ %s: a different version of an existing row',
                                             r_id));
    END IF;
    seq := seq + 1;
    UPDATE the5hc.@T@ SET server_seq = seq WHERE gym_id = g AND id = r_id;
END $$;
"""

_HELLO = f"""
CREATE OR REPLACE FUNCTION the5hc.hello(app_protocol int, device_ms bigint) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER {_PIN} AS $$
DECLARE
    d the5hc.devices;
    gym the5hc.gyms;
    now_ms bigint := the5hc._now_ms();
    revision int;
BEGIN
    d := the5hc._device();
    IF app_protocol IS NULL OR app_protocol NOT BETWEEN {{low}} AND {{high}} THEN
        PERFORM the5hc._fail('T5003', format(
            'app protocol %s; this server accepts {{low}}..{{high}}',
            coalesce(app_protocol::text, 'null')));
    END IF;
    SELECT * INTO gym FROM the5hc.gyms WHERE id = d.gym_id;
    SELECT i.revision INTO revision FROM the5hc.schema_info i;
    UPDATE the5hc.devices SET last_seen_at = now(), last_clock_offset_ms = device_ms - now_ms
        WHERE id = d.id;
    RETURN jsonb_build_object(
        'server_ms', now_ms, 'gym_id', gym.id, 'gym_name', gym.name, 'device_id', d.id,
        'device_name', d.name, 'channel', gym.channel, 'server_revision', revision,
        'last_seq', gym.last_seq, 'protocol_min', {{low}}, 'protocol_max', {{high}});
END $$;
"""

_PUSH = f"""
CREATE OR REPLACE FUNCTION the5hc.push(op_id uuid, rows jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER {_PIN} AS $$
DECLARE
    d the5hc.devices;
    g uuid;
    channel text;
    seq bigint;
    start_seq bigint;
    stored jsonb;
    result jsonb;
    r jsonb;
    i int := 0;
    k int;
    o record;
    bound_ms bigint;
    v_entity text;
    v_id uuid;
    v_hlc text;
    v_base text;
    n_applied int := 0;
    n_conflicts int := 0;
    names constant text[] := ARRAY[{{names}}];
    live_d bigint[] := array_fill(0::bigint, ARRAY[{{count}}]);
    sum_d bigint[] := array_fill(0::bigint, ARRAY[{{count}}]);
BEGIN
    d := the5hc._device();
    g := d.gym_id;
    IF push.op_id IS NULL OR push.rows IS NULL OR jsonb_typeof(push.rows) <> 'array' THEN
        PERFORM the5hc._fail('T5007', 'push(op_id uuid, rows jsonb array)');
    END IF;
    IF jsonb_array_length(push.rows) > {MAX_PUSH_ROWS} THEN
        PERFORM the5hc._fail('T5007', format('%s rows in one push; at most {MAX_PUSH_ROWS}',
                                             jsonb_array_length(push.rows)));
    END IF;
    -- The gym's counter row is locked until commit: pushes of one gym commit one after the
    -- other, so server_seq is in commit order and no puller can miss a row.
    SELECT gy.last_seq, gy.channel INTO seq, channel FROM the5hc.gyms gy WHERE gy.id = g
        FOR UPDATE;
    SELECT a.result INTO stored FROM the5hc.applied_op a
        WHERE a.gym_id = g AND a.op_id = push.op_id;
    IF FOUND THEN
        RETURN stored || jsonb_build_object('replayed', true);
    END IF;
    start_seq := seq;
    bound_ms := the5hc._now_ms() + {CLOCK_AHEAD_MS};
    FOR r IN SELECT e.value FROM jsonb_array_elements(push.rows) e LOOP
        i := i + 1;
        IF jsonb_typeof(r) <> 'object' OR jsonb_typeof(r -> 'deleted') IS DISTINCT FROM 'boolean'
                OR jsonb_typeof(r -> 'data') IS DISTINCT FROM 'object'
                OR NOT coalesce(r ->> 'id' ~* '{{uuid_re}}', false)
                OR NOT coalesce(r ->> 'hlc' ~ '^[0-9a-f]{{{{28}}}}$', false)
                OR NOT coalesce(r ->> 'base_hlc' ~ '^[0-9a-f]{{{{28}}}}$', true) THEN
            PERFORM the5hc._fail('T5007', format(
                'row %s: needs entity, id (uuid), hlc (28 hex), base_hlc, deleted, data', i));
        END IF;
        v_entity := r ->> 'entity';
        v_id := (r ->> 'id')::uuid;
        v_hlc := r ->> 'hlc';
        v_base := r ->> 'base_hlc';
        IF the5hc._hlc_ms(v_hlc) > bound_ms THEN
            PERFORM the5hc._fail('T5004', format('%s %s: clock %s ms ahead of the server',
                v_entity, v_id, the5hc._hlc_ms(v_hlc) - bound_ms + {CLOCK_AHEAD_MS}));
        END IF;
        k := array_position(names, v_entity);
        CASE v_entity
{{dispatch}}
        ELSE
            PERFORM the5hc._fail('T5007', format('row %s: unknown entity %s', i,
                                                 coalesce(v_entity, 'null')));
        END CASE;
        seq := o.seq;
        n_applied := n_applied + o.applied;
        n_conflicts := n_conflicts + o.conflicts;
        live_d[k] := live_d[k] + o.live_delta;
        sum_d[k] := sum_d[k] + o.sum_delta;
    END LOOP;
    k := array_position(names, 'sync_conflicts');
    live_d[k] := live_d[k] + n_conflicts;
    FOR k IN 1..{{count}} LOOP
        IF live_d[k] <> 0 OR sum_d[k] <> 0 THEN
            INSERT INTO the5hc.gym_counts AS c (gym_id, entity, live_rows, delta_sum)
                VALUES (g, names[k], live_d[k], sum_d[k])
                ON CONFLICT (gym_id, entity) DO UPDATE
                SET live_rows = c.live_rows + excluded.live_rows,
                    delta_sum = c.delta_sum + excluded.delta_sum;
        END IF;
    END LOOP;
    result := jsonb_build_object('replayed', false, 'applied', n_applied,
                                 'conflicts', n_conflicts, 'last_seq', seq);
    INSERT INTO the5hc.applied_op (gym_id, op_id, device_id, result)
        VALUES (g, push.op_id, d.id, result);
    IF seq > start_seq THEN
        UPDATE the5hc.gyms SET last_seq = seq WHERE id = g;
        PERFORM pg_notify(channel, jsonb_build_object('last_seq', seq, 'device_id', d.id)::text);
    END IF;
    RETURN result;
END $$;
"""

# The page is built as json text, not jsonb: the device only reads it, and assembling a
# jsonb value of a thousand rows cost the server two to three times as much. The return
# type changed with that, so the function is dropped first (its grants are re-issued
# right after, by whoever re-creates the functions).
_PULL = f"""
DROP FUNCTION IF EXISTS the5hc.pull(bigint, int);
CREATE FUNCTION the5hc.pull(cursor bigint, page_limit int) RETURNS json
LANGUAGE plpgsql STABLE SECURITY DEFINER {_PIN}
-- The twelve-branch query is planned once per session, not on every call.
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    g uuid;
    lim int;
    page json;
BEGIN
    g := (the5hc._device()).gym_id;
    IF pull.cursor IS NULL OR pull.cursor < 0 THEN
        PERFORM the5hc._fail('T5007', 'pull(cursor bigint >= 0, page_limit int)');
    END IF;
    lim := least(greatest(coalesce(page_limit, {MAX_PAGE}), 1), {MAX_PAGE});
    -- One statement, one snapshot: every table read as of the same moment.
    WITH page_rows AS (
        SELECT u.*, row_number() OVER (ORDER BY u.server_seq) AS n FROM (
{{branches}}
        ) u ORDER BY u.server_seq LIMIT lim + 1
    )
    SELECT json_build_object(
        'rows', coalesce(json_agg(json_build_object(
                'entity', p.entity, 'id', p.id, 'hlc', p.hlc, 'deleted', p.deleted,
                'server_seq', p.server_seq, 'data', p.data) ORDER BY p.server_seq)
            FILTER (WHERE p.n <= lim), '[]'::json),
        'last_seq', coalesce(max(p.server_seq) FILTER (WHERE p.n <= lim), pull.cursor),
        'more', count(*) > lim)
    INTO page FROM page_rows p;
    RETURN page;
END $$;
"""

_PULL_BRANCH = """\
            (SELECT '{table}'::text AS entity, t.id, t.hlc, t.deleted, t.server_seq, t.data
             FROM the5hc.{table} t WHERE t.gym_id = g AND t.server_seq > pull.cursor
             ORDER BY t.server_seq LIMIT lim + 1)"""

_VERIFY = f"""
CREATE OR REPLACE FUNCTION the5hc.verify() RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER {_PIN} AS $$
DECLARE
    g uuid;
    answer jsonb;
BEGIN
    g := (the5hc._device()).gym_id;
    -- Counters kept by push, read with the counter in one snapshot: cheap and consistent.
    SELECT jsonb_object_agg(e.entity, jsonb_build_object('rows', coalesce(c.live_rows, 0)))
        || jsonb_build_object(
            'ledger_sum', coalesce(sum(c.delta_sum) FILTER (WHERE e.entity = 'credit_ledger'), 0),
            'last_seq', (SELECT gy.last_seq FROM the5hc.gyms gy WHERE gy.id = g))
    INTO answer
    FROM unnest(ARRAY[{{names}}]) e(entity)
    LEFT JOIN the5hc.gym_counts c ON c.gym_id = g AND c.entity = e.entity;
    RETURN answer;
END $$;
"""

UUID_RE = "^[{]?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}[}]?$"
API_FUNCTIONS = ("hello(integer, bigint)", "push(uuid, jsonb)", "pull(bigint, integer)",
                 "verify()")


def _quoted(names: tuple[str, ...]) -> str:
    return ", ".join(f"'{name}'" for name in names)


def _append(entity: str) -> str:
    text = _APPEND.replace("@T@", entity)
    for expression in ("cur.data", "r_data"):
        text = text.replace(f"@FACT({expression})@", _fact_expression(entity, expression))
    return text


def _fact_expression(entity: str, expression: str) -> str:
    if entity == "credit_ledger":
        picked = ", ".join(f"'{key}', {expression} -> '{key}'" for key in LEDGER_FACT_KEYS)
        return f"jsonb_build_object({picked})"
    return f"the5hc._substance({expression})"


def definitions(protocol_low: int, protocol_high: int) -> str:
    """Every function of the current revision, as one script."""
    messages = " ".join(
        f"WHEN '{code}' THEN '{message_text(code)}'" for code in SERVER_ERRORS)
    parts = [_HELPERS.replace("{messages}", messages)]
    parts += [_LWW.replace("@T@", t) for t in LWW_ENTITIES]
    parts += [_SESSION.replace("@T@", t) for t in SESSION_ENTITIES]
    parts += [_append(t) for t in APPEND_ENTITIES]
    parts.append(_HELLO.format(low=protocol_low, high=protocol_high))
    dispatch = "\n".join(
        f"        WHEN '{t}' THEN SELECT * INTO o FROM the5hc._apply_{t}("
        f"g, v_id, v_hlc, v_base, (r ->> 'deleted')::boolean, r -> 'data', seq);"
        for t in PUSHED_ENTITIES)
    parts.append(_PUSH.format(names=_quoted(PULLED_ENTITIES), count=len(PULLED_ENTITIES),
                              uuid_re=UUID_RE, dispatch=dispatch))
    branches = "\n            UNION ALL\n".join(
        _PULL_BRANCH.format(table=t) for t in PULLED_ENTITIES)
    parts.append(_PULL.format(branches=branches))
    parts.append(_VERIFY.format(names=_quoted(PULLED_ENTITIES)))
    return "\n".join(parts)
