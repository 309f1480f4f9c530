"""Helpers for the server-side sync tests: scratch databases, devices calling the functions
directly with psycopg, and rows built by hand as a device would push them."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb

from the5hc_desktop.sync import enrolment, server_admin

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


def _maintenance() -> psycopg.Connection:
    try:
        return psycopg.connect(**PG, dbname="postgres", autocommit=True,  # type: ignore[arg-type]
                               connect_timeout=3)
    except psycopg.Error as error:
        pytest.skip(f"PostgreSQL at {PG['host']}:{PG['port']} is not reachable: {error}")


def create_scratch_database() -> str:
    name = f"the5hc_sync_test_{uuid.uuid4().hex[:12]}"
    with _maintenance() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_scratch_database(name: str) -> None:
    """Drop the database, then every role its installation made (roles are cluster-wide)."""
    tags: list[str] = []
    try:
        with psycopg.connect(**PG, dbname=name) as conn:  # type: ignore[arg-type]
            if conn.execute("SELECT to_regclass('the5hc.schema_info')").fetchone() != (None,):
                tags = [r[0] for r in conn.execute(
                    "SELECT installation FROM the5hc.schema_info").fetchall()]
    except psycopg.Error:
        pass
    with _maintenance() as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        for tag in tags:
            roles = [r[0] for r in conn.execute(
                "SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s) "
                "ORDER BY rolname LIKE '%%\\_owner'", (f"the5hc_{tag}_",)).fetchall()]
            for role in roles:
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def make_hlc(ms: int | None = None, counter: int = 0, node: int = 1) -> str:
    wall = int(time.time() * 1000) if ms is None else ms
    return f"{wall:012x}{counter:04x}{node:012x}"


def version(entity: str, row_id: uuid.UUID | str, hlc: str, data: dict[str, Any], *,
            base: str | None = None, deleted: bool = False) -> dict[str, Any]:
    """One pushed row, as the contract describes it."""
    return {"entity": entity, "id": str(row_id), "hlc": hlc, "base_hlc": base,
            "deleted": deleted, "data": data}


@dataclass
class DeviceClient:
    """A device's connection, calling the server functions as the device role."""

    conn: psycopg.Connection
    device_id: uuid.UUID
    role: str

    def call(self, sql: str, *args: object) -> Any:
        row = self.conn.execute(sql, args).fetchone()
        assert row is not None
        return row[0]

    def hello(self, protocol: int = 1, device_ms: int = 0) -> dict[str, Any]:
        return self.call("SELECT the5hc.hello(%s, %s)", protocol, device_ms)  # type: ignore[no-any-return]

    def push(self, rows: list[dict[str, Any]], op_id: uuid.UUID | None = None) -> dict[str, Any]:
        return self.call("SELECT the5hc.push(%s, %s)", op_id or uuid.uuid4(), Jsonb(rows))  # type: ignore[no-any-return]

    def pull(self, cursor: int = 0, limit: int = 1000) -> dict[str, Any]:
        return self.call("SELECT the5hc.pull(%s, %s)", cursor, limit)  # type: ignore[no-any-return]

    def pull_all(self, cursor: int = 0, limit: int = 1000) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        while True:
            page = self.pull(cursor, limit)
            rows += page["rows"]
            cursor = page["last_seq"]
            if not page["more"]:
                return rows

    def current(self) -> dict[tuple[str, str], dict[str, Any]]:
        """The newest version of every row this device can pull, by (entity, id)."""
        return {(r["entity"], r["id"]): r for r in self.pull_all()}

    def verify(self) -> dict[str, Any]:
        return self.call("SELECT the5hc.verify()")  # type: ignore[no-any-return]

    def close(self) -> None:
        self.conn.close()


@dataclass
class ServerHarness:
    database: str
    clients: list[DeviceClient] = field(default_factory=list)

    @property
    def admin_dsn(self) -> str:
        return f"host={PG['host']} port={PG['port']} user={PG['user']} dbname={self.database}"

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(self.admin_dsn, autocommit=True)

    def new_gym(self, name: str | None = None) -> server_admin.GymAdded:
        return server_admin.add_gym(self.admin_dsn, name or f"gym {uuid.uuid4().hex[:8]}")

    def new_device(self, gym: server_admin.GymAdded,
                   name: str | None = None) -> server_admin.DeviceAdded:
        return server_admin.add_device(self.admin_dsn, str(gym.gym),
                                       name or f"desk {uuid.uuid4().hex[:8]}")

    def connect(self, added: server_admin.DeviceAdded) -> DeviceClient:
        where = enrolment.decode(added.code)
        conn = psycopg.connect(host=where.host, port=where.port, dbname=where.database,
                               user=where.role, password=added.secret, autocommit=True)
        client = DeviceClient(conn=conn, device_id=added.device, role=where.role)
        self.clients.append(client)
        return client

    def close_clients(self) -> None:
        while self.clients:
            self.clients.pop().close()

    def gym_device(self) -> tuple[server_admin.GymAdded, DeviceClient]:
        """A new gym with one connected device."""
        gym = self.new_gym()
        return gym, self.connect(self.new_device(gym))
