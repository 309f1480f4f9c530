"""Installing and upgrading the server schema: idempotent, stepwise, never backwards."""

from __future__ import annotations

import pytest
from sync_server_support import ServerHarness

from the5hc_desktop.store.models import SYNCED_MODELS
from the5hc_desktop.sync import server_admin, server_schema
from the5hc_desktop.sync.server_admin import ServerAdminError
from the5hc_desktop.sync.server_sql import STEPS

pytestmark = pytest.mark.postgres

CATALOGUE = """
    SELECT c.relname, c.relkind, pg_get_userbyid(c.relowner), c.relrowsecurity,
           c.relforcerowsecurity
    FROM pg_class c WHERE c.relnamespace = 'the5hc'::regnamespace ORDER BY c.relname"""


def _catalogue(harness: ServerHarness) -> list[tuple[object, ...]]:
    with harness.admin() as conn:
        return conn.execute(CATALOGUE).fetchall()


def test_server_has_one_table_per_synced_local_table() -> None:
    local = {model.__tablename__ for model in SYNCED_MODELS}  # type: ignore[attr-defined]
    assert set(server_schema.PUSHED_ENTITIES) == local
    assert set(server_schema.PULLED_ENTITIES) == local | {"sync_conflicts"}


def test_init_twice_is_a_no_op(empty_server_db: ServerHarness) -> None:
    dsn = empty_server_db.admin_dsn
    assert server_admin.init(dsn) == (server_schema.SERVER_REVISION, True)
    first = _catalogue(empty_server_db)
    gym = empty_server_db.new_gym()
    assert server_admin.init(dsn) == (server_schema.SERVER_REVISION, False)
    assert _catalogue(empty_server_db) == first
    device = empty_server_db.connect(empty_server_db.new_device(gym))
    assert device.hello()["gym_id"] == str(gym.gym)


def test_every_table_belongs_to_the_owner_and_tenant_tables_force_rls(
        empty_server_db: ServerHarness) -> None:
    server_admin.init(empty_server_db.admin_dsn)
    with empty_server_db.admin() as conn:
        tag = conn.execute("SELECT installation FROM the5hc.schema_info").fetchone()
        functions = conn.execute("""
            SELECT p.proname, pg_get_userbyid(p.proowner), p.prosecdef, p.proconfig,
                   has_function_privilege('public', p.oid, 'EXECUTE')
            FROM pg_proc p WHERE p.pronamespace = 'the5hc'::regnamespace""").fetchall()
    assert tag is not None
    owner = f"the5hc_{tag[0]}_owner"
    tables = [row for row in _catalogue(empty_server_db) if row[1] == "r"]
    assert {row[2] for row in tables} == {owner}
    tenant = {row[0] for row in tables if row[3] and row[4]}
    assert tenant == {*server_schema.PULLED_ENTITIES, "applied_op", "gym_counts"}
    by_name = {row[0]: row for row in functions}
    assert {row[1] for row in functions} == {owner}
    assert not any(row[4] for row in functions), "PUBLIC may execute nothing"
    for name in ("hello", "push", "pull", "verify"):
        assert by_name[name][2], f"{name} is SECURITY DEFINER"
        assert "search_path=the5hc, pg_temp" in by_name[name][3]


def test_upgrade_from_each_earlier_revision(empty_server_db: ServerHarness) -> None:
    """Revision 0 (nothing) -> current by init; then current -> a next step by upgrade,
    keeping the gyms, devices and rows already there."""
    dsn = empty_server_db.admin_dsn
    with server_admin.admin_connection(dsn) as conn:
        found, created = server_schema.init(conn)
    assert created
    assert found.revision == len(STEPS)
    _, device = empty_server_db.gym_device()
    from sync_server_support import make_hlc, version

    device.push([version("clients", "0" * 31 + "1", make_hlc(), {"name": "김하나"})])
    next_step = "ALTER TABLE the5hc.clients ADD COLUMN note text;"
    with server_admin.admin_connection(dsn) as conn:
        before, now = server_schema.upgrade(conn, (*STEPS, next_step))
    assert (before, now.revision) == (len(STEPS), len(STEPS) + 1)
    with empty_server_db.admin() as conn:
        assert conn.execute("SELECT revision FROM the5hc.schema_info").fetchone() == (
            len(STEPS) + 1,)
        assert conn.execute("SELECT count(*), count(note) FROM the5hc.clients").fetchone() == (
            1, 0)
    assert device.hello()["server_revision"] == len(STEPS) + 1
    assert [r["data"]["name"] for r in device.pull_all()] == ["김하나"]
    # This app (one revision behind now) refuses to touch the newer schema.
    with pytest.raises(ServerAdminError, match="newer than this app"):
        server_admin.upgrade(dsn)
    with pytest.raises(ServerAdminError, match="newer than this app"):
        server_admin.init(dsn)


def test_init_leaves_an_older_schema_to_upgrade(empty_server_db: ServerHarness) -> None:
    dsn = empty_server_db.admin_dsn
    with server_admin.admin_connection(dsn) as conn:
        server_schema.init(conn, STEPS[:-1] if len(STEPS) > 1 else ())
    with pytest.raises(ServerAdminError, match="server upgrade"):
        server_admin.init(dsn)
    assert server_admin.upgrade(dsn) == (len(STEPS) - 1, len(STEPS))
    assert server_admin.upgrade(dsn) == (len(STEPS), len(STEPS))


def test_upgrade_without_init_says_what_to_do(empty_server_db: ServerHarness) -> None:
    with pytest.raises(ServerAdminError, match="server init"):
        server_admin.upgrade(empty_server_db.admin_dsn)
