"""Administration of the gym server over an admin connection string (a superuser, or on a
managed service a role with CREATEROLE): init, upgrade, gyms, devices.

Each operation is one transaction; a failure raises `ServerAdminError` with a Korean and
an English message and leaves nothing half-done. psycopg is imported only in here.

Decisions: gym names are unique (case-insensitive); device names are unique among the
active devices of a gym (a replacement laptop may reuse a revoked device's name). Revoking
turns the role NOLOGIN, clears its password, stamps `revoked_at` and then ends the device's
open sessions; the functions refuse a revoked device even on a session that survived.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from the5hc_desktop.domain.errors import NotFound, The5HCError, ValidationError
from the5hc_desktop.sync import enrolment, server_schema
from the5hc_desktop.sync.server_schema import Installation, SchemaStateError

if TYPE_CHECKING:
    import psycopg


class ServerAdminError(The5HCError):
    """A server administration step failed (connection, privileges, state)."""


@dataclass(frozen=True)
class GymAdded:
    gym: uuid.UUID
    name: str


@dataclass(frozen=True)
class DeviceAdded:
    device: uuid.UUID
    name: str
    gym: uuid.UUID
    code: str
    secret: str


@dataclass(frozen=True)
class DeviceRevoked:
    device: uuid.UUID
    name: str
    already: bool
    sessions_ended: int


@contextmanager
def admin_connection(dsn: str) -> Iterator[psycopg.Connection]:
    """A connection in one transaction: committed on success, rolled back on any error."""
    import psycopg

    try:
        conn = psycopg.connect(dsn, connect_timeout=10)
    except psycopg.Error as error:
        raise ServerAdminError(f"서버에 연결할 수 없습니다: {_first_line(error)}",
                               f"cannot connect to the server: {_first_line(error)}") from None
    try:
        with conn.transaction():
            yield conn
    except SchemaStateError as error:
        raise ServerAdminError(error.message_ko, error.message_en) from None
    except psycopg.errors.InsufficientPrivilege as error:
        raise ServerAdminError(
            f"관리자 권한이 필요합니다: {_first_line(error)}",
            f"this needs an administrator role (superuser or CREATEROLE): "
            f"{_first_line(error)}") from None
    except psycopg.Error as error:
        raise ServerAdminError(f"서버 작업에 실패했습니다: {_first_line(error)}",
                               f"the server refused: {_first_line(error)}") from None
    finally:
        conn.close()


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def init(dsn: str) -> tuple[int, bool]:
    """Install the schema (or refresh its functions); returns (revision, created now)."""
    with admin_connection(dsn) as conn:
        found, created = server_schema.init(conn)
    return found.revision, created


def upgrade(dsn: str) -> tuple[int, int]:
    """Bring the schema to this app's revision; returns (before, after)."""
    with admin_connection(dsn) as conn:
        before, now = server_schema.upgrade(conn)
    return before, now.revision


def _installation(conn: psycopg.Connection) -> Installation:
    found = server_schema.installed(conn)
    if found is None:
        raise SchemaStateError("서버 스키마가 없습니다. 먼저 'the5hc server init'을 실행하세요",
                               "no server schema here; run 'the5hc server init' first")
    if found.revision != server_schema.SERVER_REVISION:
        raise SchemaStateError(
            f"서버 스키마 버전({found.revision})이 앱({server_schema.SERVER_REVISION})과 "
            "다릅니다. 'the5hc server upgrade' 또는 앱 업데이트가 필요합니다",
            f"server schema revision {found.revision} differs from the app's "
            f"{server_schema.SERVER_REVISION}; run 'the5hc server upgrade' or update the app")
    return found


def _as_owner(conn: psycopg.Connection, found: Installation) -> None:
    from psycopg import sql

    conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(found.owner_role)))


def add_gym(dsn: str, name: str) -> GymAdded:
    from psycopg import sql

    name = " ".join(name.split())
    if not name:
        raise ValidationError("센터 이름을 입력하세요", "a gym name is required", field="name")
    with admin_connection(dsn) as conn:
        found = _installation(conn)
        _as_owner(conn, found)
        taken = conn.execute("SELECT id FROM the5hc.gyms WHERE lower(name) = lower(%s)",
                             (name,)).fetchone()
        if taken is not None:
            raise ValidationError(f"같은 이름의 센터가 이미 있습니다: {name} ({taken[0]})",
                                  f"a gym named {name!r} already exists: {taken[0]}",
                                  field="name")
        gym = uuid.uuid4()
        role = found.gym_role(gym.hex)
        conn.execute("""
            INSERT INTO the5hc.gyms (id, name, role_name, channel)
            VALUES (%s, %s, %s, %s)""", (gym, name, role, f"the5hc_{secrets.token_hex(16)}"))
        conn.execute("RESET ROLE")
        conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
        server_schema.grant_gym(conn, found, role)
    return GymAdded(gym=gym, name=name)


def add_device(dsn: str, gym: str, name: str, *, host: str | None = None,
               port: int | None = None) -> DeviceAdded:
    """Register a device of `gym` (id or name): its LOGIN role, code and one-time secret."""
    from psycopg import sql

    name = " ".join(name.split())
    if not name:
        raise ValidationError("기기 이름을 입력하세요", "a device name is required",
                              field="name")
    with admin_connection(dsn) as conn:
        found = _installation(conn)
        _as_owner(conn, found)
        gym_id, gym_role = _find_gym(conn, gym)
        taken = conn.execute(
            "SELECT id FROM the5hc.devices WHERE gym_id = %s AND lower(name) = lower(%s) "
            "AND revoked_at IS NULL", (gym_id, name)).fetchone()
        if taken is not None:
            raise ValidationError(f"이 센터에 같은 이름의 기기가 있습니다: {name} ({taken[0]})",
                                  f"the gym already has a device named {name!r}: {taken[0]}",
                                  field="name")
        device = uuid.uuid4()
        role = enrolment.device_role_name(found.tag, device)
        conn.execute("INSERT INTO the5hc.devices (id, gym_id, name, role_name) "
                     "VALUES (%s, %s, %s, %s)", (device, gym_id, name, role))
        conn.execute("RESET ROLE")
        secret = enrolment.new_secret()
        # The server gets a SCRAM verifier, never the secret itself (statement logs).
        verifier = conn.pgconn.encrypt_password(secret.encode(), role.encode(),
                                                b"scram-sha-256").decode()
        conn.execute(sql.SQL(
            "CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT "
            "NOREPLICATION NOBYPASSRLS CONNECTION LIMIT {limit} PASSWORD {password} "
            "IN ROLE {gym}").format(
                role=sql.Identifier(role), limit=sql.Literal(
                    server_schema.DEVICE_CONNECTION_LIMIT),
                password=sql.Literal(verifier), gym=sql.Identifier(gym_role)))
        for setting, value in server_schema.DEVICE_ROLE_SETTINGS.items():
            conn.execute(sql.SQL("ALTER ROLE {} SET {} = {}").format(
                sql.Identifier(role), sql.Identifier(setting), sql.Literal(value)))
        code = enrolment.encode(enrolment.Enrolment(
            host=host or _public_host(conn), port=port or int(conn.info.port),
            database=conn.info.dbname, device_id=device, installation=found.tag))
    return DeviceAdded(device=device, name=name, gym=gym_id, code=code, secret=secret)


def _public_host(conn: psycopg.Connection) -> str:
    host = conn.info.host
    if not host or host.startswith("/"):
        raise ValidationError(
            "관리 연결이 소켓을 사용합니다. 기기가 접속할 서버 주소를 --host로 알려 주세요",
            "the admin connection uses a local socket; give the address devices use "
            "with --host", field="host")
    return host


def _find_gym(conn: psycopg.Connection, gym: str) -> tuple[uuid.UUID, str]:
    rows = conn.execute(
        "SELECT id, role_name FROM the5hc.gyms WHERE id::text = %s OR lower(name) = lower(%s)",
        (_canonical_uuid(gym), gym.strip())).fetchall()
    if not rows:
        raise NotFound(f"센터를 찾을 수 없습니다: {gym}", f"no gym {gym!r}")
    return rows[0][0], rows[0][1]


def _canonical_uuid(text: str) -> str:
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        return ""


def revoke_device(dsn: str, device: str) -> DeviceRevoked:
    """Revoke one device (id or name): it can no longer log in or call the functions."""
    from psycopg import sql

    with admin_connection(dsn) as conn:
        found = _installation(conn)
        _as_owner(conn, found)
        rows = conn.execute(
            "SELECT id, name, role_name, revoked_at FROM the5hc.devices "
            "WHERE id::text = %s OR lower(name) = lower(%s) "
            "ORDER BY revoked_at IS NOT NULL, created_at",
            (_canonical_uuid(device), device.strip())).fetchall()
        if not rows:
            raise NotFound(f"기기를 찾을 수 없습니다: {device}", f"no device {device!r}")
        active = [row for row in rows if row[3] is None]
        if len(active) > 1:
            ids = ", ".join(str(row[0]) for row in active)
            raise ValidationError(f"같은 이름의 기기가 여럿입니다. ID로 지정하세요: {ids}",
                                  f"several devices are named {device!r}; give the id: {ids}",
                                  field="device")
        device_id, name, role, revoked_at = (active or rows)[0]
        conn.execute("UPDATE the5hc.devices SET revoked_at = coalesce(revoked_at, now()) "
                     "WHERE id = %s", (device_id,))
        conn.execute("RESET ROLE")
        conn.execute(sql.SQL("ALTER ROLE {} NOLOGIN PASSWORD NULL").format(
            sql.Identifier(role)))
    ended = _end_sessions(dsn, role)
    return DeviceRevoked(device=device_id, name=name, already=revoked_at is not None,
                         sessions_ended=ended)


def _end_sessions(dsn: str, role: str) -> int:
    """Terminate the revoked role's open connections (after the revocation committed)."""
    with admin_connection(dsn) as conn:
        row = conn.execute(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE usename = %s AND pid <> pg_backend_pid()", (role,)).fetchone()
    return int(row[0]) if row else 0
