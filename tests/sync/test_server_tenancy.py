"""Two gyms with two devices each: a device reaches its own gym only, by any path, and a
revoked device is shut out alone (SYNC.md promise 5)."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from psycopg import sql
from sync_server_support import DeviceClient, ServerHarness, make_hlc, version

from the5hc_desktop.sync import server_admin
from the5hc_desktop.sync.server_schema import PULLED_ENTITIES

pytestmark = pytest.mark.postgres

TENANT_TABLES = (*PULLED_ENTITIES, "applied_op", "gym_counts", "gyms", "devices",
                 "schema_info")


def _tag(server: ServerHarness) -> str:
    with server.admin() as conn:
        row = conn.execute("SELECT installation FROM the5hc.schema_info").fetchone()
    assert row is not None
    return str(row[0])


@pytest.fixture
def two_gyms(server: ServerHarness) -> dict[str, list[DeviceClient]]:
    """Gyms A and B with two devices each; both write rows with the same ids."""
    gyms = {}
    shared = [uuid.uuid4() for _ in range(3)]
    for label in ("A", "B"):
        gym = server.new_gym(f"{label} {uuid.uuid4().hex[:6]}")
        devices = [server.connect(server.new_device(gym)) for _ in range(2)]
        devices[0].push(
            [version("clients", i, make_hlc(), {"name": f"{label}-{n}"})
             for n, i in enumerate(shared)]
            + [version("credit_ledger", uuid.uuid4(), make_hlc(), {"delta": 10})])
        gyms[label] = devices
    return gyms


def test_login_roles_are_plain_and_own_nothing(server: ServerHarness,
                                               two_gyms: dict[str, list[DeviceClient]]) -> None:
    prefix = f"the5hc_{_tag(server)}_"
    with server.admin() as conn:
        roles = conn.execute("""
            SELECT r.rolname, r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
                   (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)
                   + (SELECT count(*) FROM pg_proc p WHERE p.proowner = r.oid)
                   + (SELECT count(*) FROM pg_namespace n WHERE n.nspowner = r.oid)
                   + (SELECT count(*) FROM pg_type t WHERE t.typowner = r.oid)
            FROM pg_roles r WHERE r.rolcanlogin AND starts_with(r.rolname, %s)""",
                             (prefix,)).fetchall()
        privileges = conn.execute(
            """SELECT r.rolname, t.table_name FROM pg_roles r
               CROSS JOIN unnest(%s::text[]) t(table_name)
               WHERE r.rolcanlogin AND starts_with(r.rolname, %s)
               AND has_table_privilege(r.oid, 'the5hc.' || t.table_name,
                                       'SELECT,INSERT,UPDATE,DELETE,TRUNCATE,REFERENCES')""",
            (list(TENANT_TABLES), prefix)).fetchall()
    device_roles = {d.role for devices in two_gyms.values() for d in devices}
    assert device_roles <= {r[0] for r in roles}
    for name, superuser, bypass, createrole, createdb, owned in roles:
        assert (superuser, bypass, createrole, createdb, owned) == (False, False, False,
                                                                    False, 0), name
    assert privileges == []


def test_functions_show_and_change_only_the_own_gym(
        two_gyms: dict[str, list[DeviceClient]]) -> None:
    a1, a2 = two_gyms["A"]
    b1, _ = two_gyms["B"]
    b_before = b1.pull_all()
    for device, label in ((a1, "A"), (a2, "A"), (b1, "B")):
        rows = device.pull_all()
        names = {r["data"].get("name") for r in rows if r["entity"] == "clients"}
        assert names == {f"{label}-{n}" for n in range(3)}
        assert device.verify()["clients"] == {"rows": 3}
        assert device.verify()["ledger_sum"] == 10
    # Gym A writes over ids that gym B also uses: only A's rows change.
    same_ids = [r["id"] for r in b_before if r["entity"] == "clients"]
    op = uuid.uuid4()
    a2.push([version("clients", i, make_hlc(counter=9), {"name": "A가 덮어씀"}, deleted=True)
             for i in same_ids], op)
    assert b1.pull_all() == b_before
    assert b1.verify()["clients"] == {"rows": 3}
    assert a1.verify()["clients"] == {"rows": 0}
    # An op id is recorded per gym: B using A's op id is a new push, not A's answer.
    assert b1.push([], op)["replayed"] is False
    assert a1.hello()["gym_id"] != b1.hello()["gym_id"]


@pytest.mark.parametrize("statement", [
    "SELECT count(*) FROM the5hc.{table}",
    "DELETE FROM the5hc.{table}",
    "UPDATE the5hc.{table} SET {column} = {column}",
    "INSERT INTO the5hc.{table} DEFAULT VALUES",
])
def test_direct_sql_reaches_no_table(two_gyms: dict[str, list[DeviceClient]],
                                     statement: str) -> None:
    device = two_gyms["A"][0]
    for table in TENANT_TABLES:
        column = {"schema_info": "revision", "gym_counts": "entity",
                  "applied_op": "result"}.get(table, "id")
        text = statement.format(table=table, column=column)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            device.conn.execute(text.encode())


@pytest.mark.parametrize("call", [
    "SELECT the5hc._device()",
    "SELECT the5hc._log_conflict(gen_random_uuid(), 1, 'x', gen_random_uuid(), '{}', '{}', 'x')",
    "SELECT * FROM the5hc._apply_clients(gen_random_uuid(), gen_random_uuid(), "
    "'0000000000000000000000000000', NULL, false, '{}', 0)",
])
def test_helper_functions_are_not_callable(two_gyms: dict[str, list[DeviceClient]],
                                           call: str) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        two_gyms["A"][0].conn.execute(call.encode())


def test_a_device_cannot_take_another_gyms_role(server: ServerHarness,
                                                two_gyms: dict[str, list[DeviceClient]]) -> None:
    b_role = two_gyms["B"][0].hello()["gym_id"]
    with server.admin() as conn:
        role = conn.execute("SELECT role_name FROM the5hc.gyms WHERE id = %s",
                            (b_role,)).fetchone()
    assert role is not None
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        two_gyms["A"][0].conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(role[0])))


def test_row_level_security_is_a_second_wall(server: ServerHarness,
                                             two_gyms: dict[str, list[DeviceClient]]) -> None:
    """Even with table privileges granted by mistake, direct SQL reaches no row: the
    policy's gym lookup needs the registry, which only the owner reads."""
    a_device, b_device = two_gyms["A"][0], two_gyms["B"][0]
    b_gym = b_device.hello()["gym_id"]
    with server.admin() as conn, conn.transaction(force_rollback=True):
        a_role = conn.execute(
            "SELECT g.role_name FROM the5hc.gyms g JOIN the5hc.devices d ON d.gym_id = g.id "
            "WHERE d.role_name = %s", (a_device.role,)).fetchone()
        assert a_role is not None
        gym_role = sql.Identifier(a_role[0])
        conn.execute(sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON the5hc.clients TO {}")
                     .format(gym_role))
        conn.execute(sql.SQL("SET SESSION AUTHORIZATION {}").format(
            sql.Identifier(a_device.role)))
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute("SELECT count(*) FROM the5hc.clients")
        conn.execute("RESET SESSION AUTHORIZATION")
        conn.execute(sql.SQL("GRANT SELECT ON the5hc.devices TO {}").format(gym_role))
        conn.execute(sql.SQL("SET SESSION AUTHORIZATION {}").format(
            sql.Identifier(a_device.role)))
        assert conn.execute("SELECT count(*) FROM the5hc.clients").fetchone() == (0,)
        assert conn.execute("UPDATE the5hc.clients SET deleted = true").rowcount == 0
        assert conn.execute("DELETE FROM the5hc.clients").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute("INSERT INTO the5hc.clients (gym_id, id, hlc, server_seq, data) "
                         "VALUES (%s, gen_random_uuid(), %s, 1, '{}')", (b_gym, make_hlc()))
        conn.execute("RESET SESSION AUTHORIZATION")
    assert b_device.verify()["clients"] == {"rows": 3}
    assert a_device.verify()["clients"] == {"rows": 3}


def test_a_revoked_device_is_shut_out_alone(server: ServerHarness,
                                           two_gyms: dict[str, list[DeviceClient]]) -> None:
    keep, lost = two_gyms["A"]
    lost_id = lost.hello()["device_id"]
    revoked = server_admin.revoke_device(server.admin_dsn, lost_id)
    assert revoked.sessions_ended == 1
    assert revoked.already is False
    with pytest.raises(psycopg.OperationalError):
        lost.hello()
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(host="127.0.0.1", port=5432, dbname=server.database, user=lost.role,
                        connect_timeout=3).close()
    # A session that somehow survived is refused by the functions themselves.
    with server.admin() as conn:
        conn.execute(sql.SQL("SET SESSION AUTHORIZATION {}").format(sql.Identifier(lost.role)))
        with pytest.raises(psycopg.Error, match="revoked") as caught:
            conn.execute("SELECT the5hc.pull(0, 10)")
        assert caught.value.sqlstate == "T5001"
    assert keep.push([version("clients", uuid.uuid4(), make_hlc(), {"name": "계속"})])[
        "applied"] == 1
    assert server_admin.revoke_device(server.admin_dsn, lost_id).already is True
