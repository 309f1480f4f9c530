"""Sync as use cases: set a device up, run a round, show the state, disconnect.

The engine lives in `sync/`; this module adds what a person deals with: the enrolment
code, the secret in the keyring, the status line and the change bus after a pull.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from the5hc_desktop.domain.errors import NotFound, ValidationError
from the5hc_desktop.services.base import audit
from the5hc_desktop.services.changes import DataAccess
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import SYNCED_MODELS
from the5hc_desktop.store.models_sync import SyncConflict
from the5hc_desktop.store.types import utcnow
from the5hc_desktop.sync import credentials, errors
from the5hc_desktop.sync.credentials import ENV_SECRET, load_secret
from the5hc_desktop.sync.engine import RoundResult, SyncEngine
from the5hc_desktop.sync.errors import SyncError, not_configured
from the5hc_desktop.sync.link import ServerAddress, check_sslmode, connect, default_sslmode
from the5hc_desktop.sync.local import CODECS, GYM, LAST_ROUND, SERVER, LocalReplica

__all__ = ["ENV_SECRET", "SyncError", "SyncService", "SyncStatus", "load_secret",
           "not_configured"]

log = logging.getLogger("the5hc.sync")

_MODELS: dict[str, Any] = {m.__table__.name: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]
# Facts are never rewritten (the server refuses it); their conflicts are only shown.
_APPEND_ONLY = frozenset({"credit_ledger", "payments", "fee_audit_entries", "audit_log"})
# Set by the write seam on a restore, not copied from the old version.
_KEEP_ON_RESTORE = frozenset({"id", "hlc", "change_stamp", "deleted_at", "updated_at",
                              "updated_by_device", "status_seq"})


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
    channel: str | None = None  # the gym's NOTIFY channel, once the first round bound it
    sslmode: str | None = None
    ca_file: str | None = None
    conflicts: int = 0


@dataclass(frozen=True)
class ConnectionCheck:
    """What `test_connection` learnt from the server's hello."""

    gym: str
    device: str
    server_revision: int


@dataclass(frozen=True)
class ConflictView:
    """One entry of 충돌 기록: the version the server kept and the one it set aside."""

    id: uuid.UUID
    at: datetime
    entity: str
    row_id: uuid.UUID
    reason: str
    winner: dict[str, Any] | None  # {"hlc", "data", "deleted"}
    loser: dict[str, Any] | None


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

    def is_configured(self) -> bool:
        """Whether this desk syncs (cheap: no query, the open database knows)."""
        return self._db.sync_mark is not None

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
            with self._db.read() as s:
                conflicts = int(s.scalar(select(func.count()).select_from(SyncConflict)) or 0)
            return SyncStatus(
                configured=server is not None,
                host=None if server is None else str(server["host"]),
                device=None if server is None else str(server["device"]),
                gym=None if gym is None else str(gym.get("name")),
                last_round=replica.state(LAST_ROUND),
                pending=replica.pending_count() if server is not None else 0,
                channel=None if gym is None or not gym.get("channel") else str(gym["channel"]),
                sslmode=None if server is None else server.get("sslmode"),
                ca_file=None if server is None else server.get("ca_file"),
                conflicts=conflicts,
            )
        finally:
            replica.close()

    def test_connection(
        self,
        code: str,
        secret: str,
        *,
        sslmode: str | None = None,
        ca_file: str | None = None,
    ) -> ConnectionCheck:
        """Say hello with an enrolment code without remembering anything; raises SyncError."""
        from the5hc_desktop.sync.engine import PROTOCOL
        from the5hc_desktop.sync.enrolment import decode, normalize_secret

        enrolment = decode(code)
        mode = sslmode or default_sslmode(enrolment.host)
        check_sslmode(enrolment.host, mode)
        address = ServerAddress(enrolment.host, enrolment.port, enrolment.database,
                                str(enrolment.device_id), enrolment.role, mode, ca_file)
        link = connect(address, normalize_secret(secret))
        try:
            hello = link.hello(PROTOCOL, time.time_ns() // 1_000_000)
        finally:
            link.close()
        return ConnectionCheck(str(hello.get("gym_name", "")), str(hello.get("device_name", "")),
                               int(hello.get("server_revision", 0)))

    # --- 충돌 기록 ------------------------------------------------------------------------

    def conflicts(self, limit: int = 500) -> list[ConflictView]:
        """The conflict log, newest first."""
        with self._db.read() as s:
            rows = s.scalars(
                select(SyncConflict).order_by(SyncConflict.at.desc()).limit(limit)).all()
            return [ConflictView(r.id, r.at, r.entity, r.row_id, r.reason, r.winner, r.loser)
                    for r in rows]

    def restore_conflict(self, actor: Actor, conflict_id: uuid.UUID, side: str = "loser") -> None:
        """Write one side of a conflict as a new local change ("이 버전으로 복원").

        The restored version gets a new clock value here, so it is the latest edit of the
        row and the next round pushes it like any other change.
        """
        require(actor, Capability.EDIT_SETTINGS)
        if side not in ("winner", "loser"):
            raise ValueError(side)
        with self._access.write() as session:
            conflict = session.get(SyncConflict, conflict_id)
            if conflict is None:
                raise NotFound("충돌 기록을 찾을 수 없습니다.", "Conflict entry not found.")
            version = getattr(conflict, side)
            model = _MODELS.get(conflict.entity)
            if not version or model is None or conflict.entity in _APPEND_ONLY:
                raise ValidationError("이 버전은 복원할 수 없습니다.",
                                      "This version cannot be restored.")
            values = CODECS[conflict.entity].decode(dict(version["data"]))
            row = session.get(model, conflict.row_id)
            if row is None:
                row = model(id=conflict.row_id)
                session.add(row)
            for key, value in values.items():
                if key not in _KEEP_ON_RESTORE:
                    setattr(row, key, value)
            if version.get("deleted"):
                row.deleted_at = row.deleted_at or utcnow()
            else:
                row.deleted_at = None
            audit(session, actor, "sync_conflict_restored", conflict.entity, conflict.row_id,
                  {"conflict": str(conflict.id), "side": side, "hlc": version.get("hlc")})

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
