"""The change bus: "data changed", with the kinds of entity that changed.

    publisher = ChangePublisher()
    unsubscribe = publisher.subscribe(lambda changes: print(changes.entities))
    publisher.publish(Changes.of("clients", "audit_log"))

An entity kind is the name of the table a row lives in (`clients`, `sessions`,
`credit_ledger`, `payments`, ...): the same names the sync protocol uses for its entity
tables, so a pull publishes exactly what it applied. Services publish after every committed
write (`DataAccess.write`); nothing is published for a rollback. Subscribers run on the
publishing thread (usually a worker lane): the UI bridges them into a Qt signal
(`ui/change_bus.py`). Qt-free on purpose: the CLI and sync use it as it is.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from the5hc_desktop.store.database import Database
from the5hc_desktop.store.stamping import WRITTEN_TABLES

log = logging.getLogger("the5hc.services.changes")

# Book-keeping tables that change with every write and mean nothing to a reader.
_UNANNOUNCED = frozenset({"devices"})

# The kinds the panes listen for, named once (they are table names, see the docstring).
CLIENTS = "clients"
ASSESSMENTS = "assessments"
PACKAGES = "session_packages"
SESSIONS = "sessions"
CREDIT_LEDGER = "credit_ledger"
PAYMENTS = "payments"
STAFF = "staff_accounts"
SETTINGS = "settings"
ORGANIZATIONS = "organizations"
EVERYTHING = "*"  # a whole-file change (restore, demo, legacy import): reload all


@dataclass(frozen=True)
class Changes:
    """One announcement: the entity kinds a committed write (or a sync pull) touched."""

    entities: frozenset[str]

    @classmethod
    def of(cls, *entities: str) -> Changes:
        return cls(frozenset(entities))

    def touches(self, *entities: str) -> bool:
        """Whether any of `entities` changed (a whole-file change touches everything)."""
        return EVERYTHING in self.entities or not self.entities.isdisjoint(entities)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.entities | other.entities)

    def __bool__(self) -> bool:
        return bool(self.entities)


Subscriber = Callable[[Changes], object]


class ChangePublisher:
    """Hands each `Changes` to every subscriber, on the publisher's thread. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Add `subscriber`; returns the function that removes it again."""
        with self._lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self._lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)

        return unsubscribe

    def publish(self, changes: Changes) -> None:
        """Tell every subscriber; an empty `changes` is not announced.

        A failing subscriber is logged and does not stop the others: the write it reports
        on has been committed already.
        """
        if not changes:
            return
        with self._lock:
            subscribers = tuple(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(changes)
            except Exception:  # the data is committed; a listener bug is only logged
                log.exception("a change subscriber failed")


class DataAccess:
    """The database as services use it: `read()`, and `write()` that announces what it wrote.

    Every service of one `Services` shares one instance, so one publisher hears every write.
    """

    def __init__(self, database: Database, changes: ChangePublisher | None = None) -> None:
        self.database = database
        self.changes = changes if changes is not None else ChangePublisher()

    @property
    def path(self) -> Path | None:
        return self.database.path

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.database.read() as session:
            yield session

    @contextmanager
    def write(self, *, stamp: bool = True) -> Iterator[Session]:
        """`Database.write()`, then one `Changes` for what was committed."""
        touched: set[str] = set()
        with self.database.write(stamp=stamp) as session:
            _track(session, touched)
            yield session
            touched.update(session.info.get(WRITTEN_TABLES, ()))  # rows written past the ORM
        self.changes.publish(Changes(frozenset(touched - _UNANNOUNCED)))

    def announce(self, *entities: str) -> None:
        """Publish a change made outside `write()` (bulk loads, a restored file)."""
        self.changes.publish(Changes.of(*entities))


# Session.info key: the set a `DataAccess.write` session collects its written tables in.
_TOUCHED = "the5hc.touched_tables"


def _track(session: Session, touched: set[str]) -> None:
    """Collect the tables a session writes: flushed objects and ORM-level DML statements
    (by the listeners below, registered once for every session: listening on each write's
    own session cost more than the rest of an empty write)."""
    session.info[_TOUCHED] = touched


@event.listens_for(Session, "after_flush")
def _after_flush(flushed: Session, _context: UOWTransaction) -> None:
    touched = flushed.info.get(_TOUCHED)
    if touched is not None:
        touched.update(_tables(flushed.new))
        touched.update(_tables(flushed.deleted))
        touched.update(_tables(o for o in flushed.dirty if flushed.is_modified(o)))


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    touched = state.session.info.get(_TOUCHED)
    if touched is not None and (state.is_insert or state.is_update or state.is_delete):
        table = getattr(state.statement, "table", None)
        name = getattr(table, "name", None)
        if isinstance(name, str):
            touched.add(name)


def _tables(objects: Iterable[Any]) -> Iterator[str]:
    for obj in objects:
        name = getattr(obj, "__tablename__", None)
        if isinstance(name, str):
            yield name
