"""One sync round: hello → push until empty → pull until empty → verify.

Nothing here overwrites one side with the other. The push in flight is written down
before it is sent, so a crash after the server committed but before the ack resends the
same operation id and the server answers from its record instead of applying it twice.
"""

from __future__ import annotations

import gc
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from the5hc_desktop.store.database import Database
from the5hc_desktop.store.types import utcnow
from the5hc_desktop.sync import errors
from the5hc_desktop.sync.ahead import PagesAhead
from the5hc_desktop.sync.link import ServerLink
from the5hc_desktop.sync.local import (
    CURSOR,
    GYM,
    IN_FLIGHT,
    LAST_ROUND,
    LocalReplica,
    OutRow,
    PreparedPage,
)

log = logging.getLogger("the5hc.sync")

PROTOCOL = 1
PUSH_BATCH = 500
PULL_PAGE = 1000
# Pulled pages share a local transaction up to these bounds (local.PageWriter): far fewer
# commits on a long pull, and a save at this desk waits at most about this long.
PULL_TRANSACTION_ROWS = 20_000
PULL_TRANSACTION_S = 1.0
CLOCK_BOUND_MS = 10 * 60 * 1000

Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class RoundResult:
    pushed: int
    pulled: int
    conflicts: int
    verified: bool
    entities: frozenset[str] = frozenset()  # what the pull changed here (for the screens)
    state: str = "synced"

    def as_json(self) -> dict[str, Any]:
        return {"state": self.state, "pushed": self.pushed, "pulled": self.pulled,
                "conflicts": self.conflicts}


def _only_ours(answer: dict[str, Any], before: int | None) -> int | None:
    """The server's sequence after a push that took numbers only for our rows, else None."""
    if before is None or answer.get("replayed") or answer.get("conflicts"):
        return None
    after = int(answer.get("last_seq", -1))
    return after if after - before == int(answer.get("applied", -1)) else None


@dataclass(frozen=True)
class _Batch:
    op: uuid.UUID
    upto: int  # the highest change stamp in it
    rows: list[OutRow]

    def in_flight(self) -> dict[str, Any]:
        return {"op": str(self.op), "upto": self.upto}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while pages are pulled.

    A download makes millions of short-lived dicts and tuples, none of them in a cycle:
    reference counting frees them, but their number alone sets the collector off again and
    again over them and the whole application heap (a third of the parsing time). Cycles
    made meanwhile anywhere in the app are collected once it resumes."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


class SyncEngine:
    """Runs rounds for one local database against one server link factory."""

    def __init__(
        self,
        database: Database,
        connect: Callable[[], ServerLink],
        *,
        push_batch: int = PUSH_BATCH,
        pull_page: int = PULL_PAGE,
        wall_ms: Callable[[], int] | None = None,
        pull_ahead: bool = True,
        pull_transaction_rows: int = PULL_TRANSACTION_ROWS,
        pull_transaction_s: float = PULL_TRANSACTION_S,
        bulk_first_download: bool = True,
    ) -> None:
        self.replica = LocalReplica(database)
        self._connect = connect
        self.push_batch = push_batch
        self.pull_page = pull_page
        self.pull_ahead = pull_ahead  # fetch the next page while applying this one
        self.pull_transaction_rows = pull_transaction_rows
        self.pull_transaction_s = pull_transaction_s
        # A download into an empty file rebuilds summaries and indexes once, at its end.
        self.bulk_first_download = bulk_first_download
        self._wall_ms = wall_ms or (lambda: time.time_ns() // 1_000_000)
        self._touched: set[str] = set()  # entities the current round pulled

    def close(self) -> None:
        self.replica.close()

    def run_round(
        self, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None
    ) -> RoundResult:
        report = progress or (lambda _stage, _n: None)
        stop = cancelled or (lambda: False)
        if self.replica.finish_interrupted_load():
            log.warning("finished the rebuild of an interrupted first download")
        self.replica.track_bases()
        link = self._connect()
        try:
            hello = link.hello(PROTOCOL, self._wall_ms())
            self._check_clock(int(hello["server_ms"]))
            self._bind_gym(link, hello)
            pushed = self._push(link, report, stop, int(hello.get("last_seq", -1)))
            self._touched.clear()
            pulled, conflicts = self._pull(link, report, stop)
            verified = self._verify(link, report, stop)
        finally:
            link.close()
        result = RoundResult(pushed, pulled, conflicts, verified, frozenset(self._touched))
        self.replica.set_state({LAST_ROUND: {"at": utcnow().isoformat(), **result.as_json()}})
        return result

    # --- steps -----------------------------------------------------------------------

    def _check_clock(self, server_ms: int) -> None:
        ahead = self._wall_ms() - server_ms
        if ahead > CLOCK_BOUND_MS:
            raise errors.clock_ahead(ahead / 60_000)

    def _bind_gym(self, link: ServerLink, hello: dict[str, Any]) -> None:
        """First round: this file must hold nothing, or this gym's own data."""
        bound = self.replica.state(GYM)
        gym = {"id": str(hello["gym_id"]), "name": str(hello.get("gym_name", "")),
               "channel": hello.get("channel")}
        if bound is not None:
            if bound["id"] != gym["id"]:
                raise errors.wrong_gym(str(bound.get("name")), str(gym["name"]))
            if bound != gym:
                self.replica.set_state({GYM: gym})
            return
        local_orgs = self.replica.organization_ids()
        if local_orgs and int(hello.get("last_seq", 0)) > 0:
            server_orgs = self._server_organizations(link)
            if server_orgs and not set(server_orgs) & set(local_orgs):
                raise errors.wrong_gym(", ".join(local_orgs), str(gym["name"]))
        self.replica.set_state({GYM: gym})

    def _server_organizations(self, link: ServerLink) -> list[str]:
        """Organization ids on the server (its first rows, in practice the first page)."""
        cursor = 0
        while True:
            page = link.pull(cursor, self.pull_page)
            found = [r["id"] for r in page["rows"] if r["entity"] == "organizations"]
            if found or not page.get("more"):
                return found
            cursor = int(page["last_seq"])

    def _push(
        self, link: ServerLink, report: Progress, stop: Callable[[], bool], server_seq: int
    ) -> int:
        """Push until the outbox is empty.

        While this desk is caught up and every sequence number a push takes is one of its
        own rows stored as sent (no conflict, no one else pushing in between), the pull
        cursor follows the push: those rows are already here and need not come back.

        The next batch is read while the server works on this one, and is written down as
        in flight in the same local transaction that records this one's ack.
        """
        replica = self.replica
        pushed = 0
        mark = replica.pushed_mark()
        in_flight = replica.state(IN_FLIGHT)
        caught_up: int | None = server_seq if server_seq == replica.state(CURSOR, 0) else None
        batch: _Batch | None
        if in_flight is not None:  # sent before, perhaps applied: resent under its own id
            upto = int(in_flight["upto"])
            batch = _Batch(uuid.UUID(in_flight["op"]), upto,
                           replica.outbox(mark, limit=upto - mark, upto=upto))
        else:
            batch = self._next_batch(mark)
            if batch is None:
                return 0
            replica.set_state({IN_FLIGHT: batch.in_flight()})
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as pool:
            while batch is not None:
                if stop():
                    raise errors.cancelled()
                sending = pool.submit(link.push, batch.op, [r.wire() for r in batch.rows])
                following = self._next_batch(batch.upto)  # leaving `with` waits for the push
                answer = sending.result()
                caught_up = _only_ours(answer, caught_up)
                replica.acknowledge(batch.upto, batch.rows, cursor=caught_up,
                                    in_flight=following.in_flight() if following else None)
                pushed += len(batch.rows)
                report("push", pushed)
                batch = following
        return pushed

    def _next_batch(self, after: int) -> _Batch | None:
        rows = self.replica.outbox(after, limit=self.push_batch)
        return _Batch(uuid.uuid4(), rows[-1].stamp, rows) if rows else None

    def _pull(
        self, link: ServerLink, report: Progress, stop: Callable[[], bool]
    ) -> tuple[int, int]:
        replica = self.replica
        cursor = int(replica.state(CURSOR, 0))
        pulled = conflicts = 0
        def prepare(page: dict[str, Any]) -> PreparedPage:
            return replica.prepare_page(page["rows"])

        with (_collector_paused(),
              PagesAhead(link, self.pull_page, prepare, ahead=self.pull_ahead) as pages,
              replica.page_writer(rows=self.pull_transaction_rows,
                                  seconds=self.pull_transaction_s,
                                  bulk=cursor == 0 and self.bulk_first_download) as writer):
            pages.request(cursor)
            while True:
                if stop():
                    raise errors.cancelled()  # the writer keeps the pages applied
                page, prepared = pages.take()
                rows = page["rows"]
                if not rows:
                    return pulled, conflicts
                cursor = int(page["last_seq"])
                more = bool(page.get("more"))
                if more:
                    pages.request(cursor)  # comes over the network while this page is applied
                applied = writer.apply(prepared, cursor)
                self._touched.update(r["entity"] for r in rows)
                pulled += len(rows)
                conflicts += applied.conflicts
                report("pull", pulled)
                if not more:
                    return pulled, conflicts

    def _verify(self, link: ServerLink, report: Progress, stop: Callable[[], bool]) -> bool:
        """Compare counts and Σ ledger; on a mismatch re-pull from 0 once (idempotent)."""
        for attempt in range(2):
            if self.replica.pending_count():
                return True  # written here during the round; the next round compares
            server = link.verify()
            if int(server.get("last_seq", 0)) != int(self.replica.state(CURSOR, 0)):
                # Another desk pushed since our pull: fetch that first, then compare.
                self._pull(link, report, stop)
                server = link.verify()
            mismatched = self._mismatches(server)
            if not mismatched:
                return True
            log.warning("verify mismatch in %s (attempt %d)", sorted(mismatched), attempt + 1)
            if attempt == 0:
                self.replica.set_state({CURSOR: 0})
                self._pull(link, report, stop)
        return False

    def _mismatches(self, server: dict[str, Any]) -> set[str]:
        local = self.replica.counts()
        wrong = {
            name for name, count in local.items()
            if int(server.get(name, {}).get("rows", -1)) != count
        }
        if int(server.get("ledger_sum", 0)) != self.replica.ledger_sum():
            wrong.add("ledger_sum")
        return wrong
