"""The change bus on the services side: every committed write is announced, with the kinds
of entity it touched; a failed or rolled-back write announces nothing."""

from __future__ import annotations

import pytest
from service_support import Clock
from sqlalchemy import update

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.services import build_services, changes
from the5hc_desktop.services.changes import ChangePublisher, Changes
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.services.context import Actor
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import Client


def test_a_committed_write_announces_the_kinds_it_wrote(
    db: Database, clock: Clock, owner: Actor
) -> None:
    services = build_services(db, now=clock)
    heard: list[Changes] = []
    services.changes.subscribe(heard.append)

    services.clients.create(owner, ClientDraft(name="김민수", gender="male"))

    assert len(heard) == 1
    assert heard[0].touches(changes.CLIENTS)
    assert "audit_log" in heard[0].entities
    assert "devices" not in heard[0].entities  # book-keeping is not news
    assert not heard[0].touches(changes.SESSIONS, changes.PAYMENTS)


def test_reads_and_refused_writes_announce_nothing(
    db: Database, clock: Clock, owner: Actor
) -> None:
    services = build_services(db, now=clock)
    heard: list[Changes] = []
    services.changes.subscribe(heard.append)

    services.clients.search(owner, "")
    with pytest.raises(ValidationError):
        services.clients.create(owner, ClientDraft(name="", gender="male"))

    assert heard == []


def test_a_rolled_back_transaction_announces_nothing(db: Database, clock: Clock) -> None:
    services = build_services(db, now=clock)
    heard: list[Changes] = []
    services.changes.subscribe(heard.append)
    access = services.clients._db

    class Boom(Exception):
        pass

    def failing_write() -> None:
        with access.write() as session:
            session.execute(update(Client).values(notes="x", **_stamps_kept()))
            raise Boom

    with pytest.raises(Boom):
        failing_write()

    with access.write() as session:  # a statement-level write counts as well
        session.execute(update(Client).values(notes="y", **_stamps_kept()))
    assert heard == [Changes.of(changes.CLIENTS)]


def test_a_failing_subscriber_does_not_stop_the_others() -> None:
    publisher = ChangePublisher()
    heard: list[Changes] = []

    def broken(_changes: Changes) -> None:
        raise RuntimeError("listener bug")

    publisher.subscribe(broken)
    unsubscribe = publisher.subscribe(heard.append)
    publisher.publish(Changes.of(changes.SESSIONS))
    unsubscribe()
    publisher.publish(Changes.of(changes.SESSIONS))
    publisher.publish(Changes(frozenset()))
    assert heard == [Changes.of(changes.SESSIONS)]


def test_a_whole_file_change_touches_every_kind() -> None:
    assert Changes.of(changes.EVERYTHING).touches(changes.PAYMENTS)
    assert (Changes.of(changes.CLIENTS) | Changes.of(changes.SESSIONS)).entities == {
        changes.CLIENTS, changes.SESSIONS}


def _stamps_kept() -> dict[str, object]:
    # The write guard lets a statement through only when it sets the sync columns itself.
    return {"change_stamp": Client.change_stamp, "hlc": Client.hlc}
