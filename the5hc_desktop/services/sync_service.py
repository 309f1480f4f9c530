"""Sync as use cases: set a device up, run a round, show the state, disconnect.

The engine lives in `sync/`; this module adds what a person deals with: the enrolment
code, the secret in the keyring, the status line and the change bus after a pull.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.services.changes import DataAccess
from the5hc_desktop.store.database import Database
from the5hc_desktop.sync import credentials, errors
from the5hc_desktop.sync.credentials import ENV_SECRET, load_secret
from the5hc_desktop.sync.engine import RoundResult, SyncEngine
from the5hc_desktop.sync.errors import SyncError, not_configured
from the5hc_desktop.sync.link import ServerAddress, check_sslmode, connect, default_sslmode
from the5hc_desktop.sync.local import GYM, LAST_ROUND, SERVER, LocalReplica

__all__ = ["ENV_SECRET", "SyncError", "SyncService", "SyncStatus", "load_secret",
           "not_configured"]

log = logging.getLogger("the5hc.sync")


@dataclass(frozen=True)
class SetupResult:
    device: str
    host: str
    secret_stored: bool  # False: no keyring here; the secret is asked for each run


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    host: str | None
    device: str | None
    gym: str | None
    last_round: dict[str, Any] | None
    pending: int


class SyncService:
    def __init__(self, access: DataAccess) -> None:
        self._access = access
        self._db: Database = access.database

    def _replica(self) -> LocalReplica:
        return LocalReplica(self._db)

    def setup(
        self,
        code: str,
        secret: str,
        *,
        sslmode: str | None = None,
        ca_file: str | None = None,
    ) -> SetupResult:
        """Remember the server of an enrolment code and keep the secret in the keyring."""
        from the5hc_desktop.sync.enrolment import decode

        enrolment = decode(code)
        if not secret:
            raise ValidationError("기기 비밀번호를 입력하세요.", "Enter the device secret.",
                                  field="secret")
        mode = sslmode or default_sslmode(enrolment.host)
        check_sslmode(enrolment.host, mode)
        address = ServerAddress(enrolment.host, enrolment.port, enrolment.database,
                                str(enrolment.device_id), enrolment.role, mode, ca_file)
        replica = self._replica()
        try:
            bound = replica.state(SERVER)
            if bound is not None and bound.get("device") != address.device:
                replica.set_state({GYM: None})
            replica.set_state({SERVER: address.as_state()})
            self._db.sync_mark = replica.pushed_mark()  # edits from now on keep their base
        finally:
            replica.close()
        stored = credentials.store_secret(address.device, secret)
        return SetupResult(address.device, address.host, stored)

    def address(self) -> ServerAddress:
        replica = self._replica()
        try:
            value = replica.state(SERVER)
        finally:
            replica.close()
        if value is None:
            raise errors.not_configured()
        return ServerAddress.from_state(value)

    def stored_secret(self) -> str | None:
        return credentials.load_secret(self.address().device)

    def run_round(
        self,
        secret: str | None = None,
        progress: Callable[[str, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> RoundResult:
        """One round (hello, push, pull, verify); raises SyncError with the reason."""
        address = self.address()
        secret = secret or credentials.load_secret(address.device)
        if not secret:
            raise errors.SyncError(
                "secret", "기기 비밀번호가 필요합니다.", "The device secret is needed.",
                retry=False)
        engine = SyncEngine(self._db, lambda: connect(address, secret))
        try:
            result = engine.run_round(progress, cancelled)
        finally:
            engine.close()
        if result.entities:
            self._access.announce(*sorted(result.entities))
        return result

    def status(self) -> SyncStatus:
        replica = self._replica()
        try:
            server = replica.state(SERVER)
            gym = replica.state(GYM)
            return SyncStatus(
                configured=server is not None,
                host=None if server is None else str(server["host"]),
                device=None if server is None else str(server["device"]),
                gym=None if gym is None else str(gym.get("name")),
                last_round=replica.state(LAST_ROUND),
                pending=replica.pending_count() if server is not None else 0,
            )
        finally:
            replica.close()

    def disconnect(self) -> None:
        """Stop syncing; local data stays. The secret leaves the keyring."""
        replica = self._replica()
        try:
            server = replica.state(SERVER)
            replica.set_state({SERVER: None})
            self._db.sync_mark = None
        finally:
            replica.close()
        if server is not None:
            credentials.forget_secret(str(server["device"]))
