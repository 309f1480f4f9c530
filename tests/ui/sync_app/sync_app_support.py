"""Desks as the app runs them: services, the change bus, the sessions pane and the sync
controller, each on its own SQLite file, enrolled with the same gym on the test server."""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from the5hc_desktop.services import Services, open_services
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.services.context import Actor
from the5hc_desktop.store.models import Client
from the5hc_desktop.sync.link import ServerAddress
from the5hc_desktop.sync.local import SERVER, LocalReplica
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.change_bus import ChangeBus, follow_changes
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.sessions import SessionsPane
from the5hc_desktop.ui.sync_controller import SyncController, SyncPhase

SEOUL = ZoneInfo("Asia/Seoul")
NOW = datetime(2025, 3, 12, 9, 30, tzinfo=SEOUL)  # a Wednesday: the week view shows 10-16 March
PASSWORD = "owner-pass-1234"
MEMBER = "김민수"


class FixedClock:
    def __call__(self) -> datetime:
        return NOW


@dataclass
class AppDesk:
    name: str
    services: Services
    owner: Actor
    secret: str
    controller: SyncController
    bus: ChangeBus
    pane: SessionsPane | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def set_port(self, port: int) -> None:
        """Point this desk at another port of the server host (the fault proxy)."""
        replica = LocalReplica(self.services.database)
        try:
            address = ServerAddress.from_state(replica.state(SERVER))
            replica.set_state({SERVER: {**address.as_state(), "port": port}})
        finally:
            replica.close()

    def calendar_names(self) -> list[str]:
        assert self.pane is not None
        return [item.session.client_name for item in self.pane.schedule.calendar.items]

    def member_id(self) -> uuid.UUID:
        with self.services.database.read() as s:
            return s.scalars(select(Client.id).where(Client.name == MEMBER)).one()

    def close(self) -> None:
        self.controller.stop()
        self.bus.close()
        self.services.close()


def seed_first_desk(services: Services) -> Actor:
    services.accounts.create_gym_and_owner("동기화 센터", "김대표", "owner", PASSWORD)
    owner = services.accounts.sign_in("owner", PASSWORD)
    client = services.clients.create(
        owner, ClientDraft(MEMBER, "male", "010-1234-5678", date(1990, 3, 15))).client.id
    services.packages.sell(owner, client, 500_000, 50_000, "card")
    return owner


def open_app_desk(
    qtbot: QtBot,
    name: str,
    template: Path,
    folder: Path,
    enrolment: tuple[str, str],
    messages: MessageBridge,
    *,
    first: bool = False,
    port: int | None = None,
    with_pane: bool = True,
) -> AppDesk:
    """A desk whose first round ran (the first desk uploads, the others download)."""
    path = folder / f"{name}.sqlite3"
    shutil.copyfile(template, path)
    services = open_services(path, now=FixedClock())
    owner = seed_first_desk(services) if first else None
    code, secret = enrolment
    services.sync.setup(code, secret, sslmode="disable")
    controller = SyncController(services.sync, services.changes, interval_s=3600,
                                debounce_ms=200)
    controller.remember_secret(secret)
    bus = ChangeBus(services.changes, worker.current())
    desk = AppDesk(name, services, owner or Actor.__new__(Actor), secret, controller, bus)
    if port is not None:
        desk.set_port(port)
    services.sync.run_round(secret)
    if owner is None:
        desk.owner = services.accounts.sign_in("owner", PASSWORD)  # a synced staff account
    if with_pane:
        pane = SessionsPane(services, desk.owner, messages, clock=FixedClock())
        qtbot.addWidget(pane)
        pane.resize(1300, 850)
        pane.show()
        pane.refresh()
        desk.pane = pane
        follow_changes(bus, lambda: [pane])
    controller.start()
    qtbot.waitUntil(lambda: controller.display.phase is SyncPhase.SYNCED, timeout=15_000)
    return desk


def wait_listening(qtbot: QtBot, desk: AppDesk) -> None:
    qtbot.waitUntil(lambda: desk.controller.listener is not None
                    and desk.controller.listener.listening.is_set(), timeout=15_000)


def book(desk: AppDesk, day: int, hour: int) -> None:
    """What the booking dialog does: book on the data lane."""
    services, owner = desk.services, desk.owner
    member = desk.member_id()
    package = services.packages.list_for_client(owner, member)[0]
    worker.run(lambda _ctx: services.sessions.book(
        owner, member, package.id, owner.staff_id, datetime(2025, 3, day, hour, tzinfo=SEOUL)),
        lambda _view: None)
