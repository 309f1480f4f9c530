"""The connection to the gym's PostgreSQL server: the four sync functions, typed errors.

psycopg is imported here only, when a round runs, never at app start. Every call is its
own server transaction (autocommit): a push either committed whole or not at all.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from the5hc_desktop.sync import errors

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger("the5hc.sync")

CONNECT_TIMEOUT_S = 5
# A call with no answer for this long is given up (the link is cut, the round fails as
# offline and the next one retries; a push the server did commit is recognised by its op
# id). Keepalives cannot see a path that still acknowledges packets but forwards nothing.
CALL_TIMEOUT_S = 10.0
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
SSL_MODES = ("verify-full", "verify-ca", "require", "prefer", "disable")


class ServerLink(Protocol):
    """What a round needs from the server (tests wrap it to inject faults)."""

    def hello(self, protocol: int, device_ms: int) -> dict[str, Any]: ...
    def push(self, op_id: uuid.UUID, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]: ...
    def pull(self, cursor: int, limit: int) -> dict[str, Any]: ...
    def verify(self) -> dict[str, Any]: ...
    def close(self) -> None: ...


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int
    database: str
    device: str  # the device id on the server
    role: str  # its LOGIN role
    sslmode: str
    ca_file: str | None = None

    def as_state(self) -> dict[str, Any]:
        return {"host": self.host, "port": self.port, "database": self.database,
                "device": self.device, "role": self.role, "sslmode": self.sslmode,
                "ca_file": self.ca_file}

    @classmethod
    def from_state(cls, value: Mapping[str, Any]) -> ServerAddress:
        return cls(str(value["host"]), int(value["port"]), str(value["database"]),
                   str(value["device"]), str(value["role"]), str(value["sslmode"]),
                   value.get("ca_file"))


def default_sslmode(host: str) -> str:
    """Encrypted and verified unless the server is this very machine."""
    return "disable" if host in LOOPBACK else "verify-full"


def check_sslmode(host: str, sslmode: str) -> None:
    from the5hc_desktop.domain.errors import ValidationError

    if sslmode not in SSL_MODES:
        raise ValidationError(
            f"SSL 모드는 {', '.join(SSL_MODES)} 중 하나여야 합니다.",
            f"The SSL mode must be one of {', '.join(SSL_MODES)}.", field="sslmode")
    if sslmode == "disable" and host not in LOOPBACK:
        raise ValidationError(
            "암호화 없는 연결(disable)은 이 컴퓨터의 서버(127.0.0.1)에만 쓸 수 있습니다.",
            "An unencrypted connection (disable) is only allowed to a server on 127.0.0.1.",
            field="sslmode")


def connect(address: ServerAddress, secret: str) -> PgLink:
    """Open a link, or raise SyncError (offline, bad secret, revoked)."""
    import psycopg

    params: dict[str, Any] = {
        "host": address.host, "port": address.port, "dbname": address.database,
        "user": address.role, "password": secret, "connect_timeout": CONNECT_TIMEOUT_S,
        "keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10,
        "keepalives_count": 3, "sslmode": address.sslmode,
        "application_name": "the5hc-sync",
    }
    if address.ca_file:
        params["sslrootcert"] = address.ca_file
    try:
        conn = psycopg.connect(autocommit=True, **params)
    except psycopg.Error as exc:
        raise map_error(exc) from exc
    return PgLink(conn)


class PgLink:
    def __init__(self, conn: psycopg.Connection[Any], call_timeout: float = CALL_TIMEOUT_S) -> None:
        self.conn = conn
        self.call_timeout = call_timeout
        self._timed_out = False

    def _call(self, sql: str, params: Sequence[Any]) -> dict[str, Any]:
        import psycopg

        watchdog = threading.Timer(self.call_timeout, self._cut)
        watchdog.daemon = True
        watchdog.start()
        try:
            with self.conn.cursor() as cur:
                cur.execute(sql, params)
                row = cur.fetchone()
        except psycopg.Error as exc:
            if self._timed_out:
                raise errors.offline(f"no answer in {self.call_timeout:.0f} s") from exc
            raise map_error(exc) from exc
        finally:
            watchdog.cancel()
        if row is None or not isinstance(row[0], dict):
            raise errors.server_fault("unexpected answer")
        return row[0]

    def hello(self, protocol: int, device_ms: int) -> dict[str, Any]:
        return self._call("SELECT the5hc.hello(%s, %s)", (protocol, device_ms))

    def push(self, op_id: uuid.UUID, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        payload = json.dumps(list(rows), ensure_ascii=False, separators=(",", ":"))
        return self._call("SELECT the5hc.push(%s, %s::jsonb)", (op_id, payload))

    def pull(self, cursor: int, limit: int) -> dict[str, Any]:
        return self._call("SELECT the5hc.pull(%s, %s)", (cursor, limit))

    def verify(self) -> dict[str, Any]:
        return self._call("SELECT the5hc.verify()", ())

    def close(self) -> None:
        self.conn.close()

    def _cut(self) -> None:
        """Shut the socket under the waiting call, which then fails at once."""
        import psycopg

        self._timed_out = True
        try:
            sock = socket.socket(fileno=self.conn.fileno())
        except (OSError, ValueError, psycopg.Error):  # closed meanwhile: nothing to cut
            return
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        finally:
            sock.detach()  # the descriptor stays libpq's


def map_error(exc: Exception) -> errors.SyncError:
    """A psycopg error as the SyncError a person can act on."""
    import psycopg

    state = getattr(exc, "sqlstate", None) or ""
    text = _first_line(exc)
    if state in ("28P01", "28000"):
        return errors.bad_secret()
    if not state:  # a refused sign-in reaches libpq as text only, without a SQLSTATE
        for words, refusal in SIGN_IN_REFUSALS:
            if words in str(exc):
                return refusal()
    if state in SERVER_STATES:
        return SERVER_STATES[state](text)
    if isinstance(exc, psycopg.OperationalError) or state.startswith("08") or state == "57P01":
        return errors.offline(text)
    return errors.server_fault(text)  # timeouts, cancels and anything else: retry next round


def _first_line(exc: Exception) -> str:
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    return (primary or str(exc) or type(exc).__name__).strip().splitlines()[0]


# The server's words for a refused sign-in (a revoked device's role is NOLOGIN). Servers
# that answer in another language fall through to "offline", which is retried.
SIGN_IN_REFUSALS: tuple[tuple[str, Callable[[], errors.SyncError]], ...] = (
    ("is not permitted to log in", errors.revoked),
    ("password authentication failed", errors.bad_secret),
)


# SQLSTATEs raised by the server's sync functions (sync/server_sql/errors.py).
SERVER_STATES: dict[str, Callable[[str], errors.SyncError]] = {
    "T5001": lambda _text: errors.revoked(),
    "T5002": lambda _text: errors.revoked(),
    "T5003": errors.update_required,
    "T5004": lambda _text: errors.clock_ahead(10),
    "T5005": errors.refused,
    "T5006": errors.refused,
    "T5007": errors.refused,
}
