"""Pulling the next page while this one is applied gives what pulling one by one gives."""

from __future__ import annotations

import random
import threading
import time
from typing import Any

import pytest
from sync_cluster import Desk, enrol, open_desk

from the5hc_desktop.services.demo import generate_demo
from the5hc_desktop.sync.ahead import PagesAhead
from the5hc_desktop.sync.local import CURSOR, LocalReplica


class PagedLink:
    """A link serving `total` numbered rows, that notices two calls at once."""

    def __init__(self, total: int, delay: float = 0.0) -> None:
        self.total = total
        self.delay = delay
        self.busy = threading.Lock()
        self.overlapped = False
        self.calls: list[int] = []

    def pull(self, cursor: int, limit: int) -> dict[str, Any]:
        if not self.busy.acquire(blocking=False):
            self.overlapped = True
            raise AssertionError("two calls on one link")
        try:
            self.calls.append(cursor)
            time.sleep(self.delay)
            last = min(cursor + limit, self.total)
            return {"rows": list(range(cursor + 1, last + 1)), "last_seq": last,
                    "more": last < self.total}
        finally:
            self.busy.release()


def _drain(link: PagedLink, limit: int, ahead: bool, fail_at: int | None = None) -> list[int]:
    seen: list[int] = []
    with PagesAhead(link, limit, lambda page: sum(page["rows"]), ahead=ahead) as pages:
        pages.request(0)
        while True:
            page, prepared = pages.take()
            assert prepared == sum(page["rows"])
            if page["more"]:
                pages.request(page["last_seq"])
            if fail_at is not None and page["last_seq"] >= fail_at:
                raise RuntimeError("apply failed")
            seen += page["rows"]
            if not page["more"]:
                return seen


@pytest.mark.parametrize("limit", [1, 7, 100, 1000])
def test_pages_ahead_yield_the_pages_one_by_one_yields(limit: int) -> None:
    total = random.Random(limit).randrange(1, 900)
    ahead, plain = PagedLink(total), PagedLink(total)
    assert _drain(ahead, limit, True) == _drain(plain, limit, False) == list(range(1, total + 1))
    assert ahead.calls == plain.calls
    assert not ahead.overlapped


def test_a_failed_apply_waits_for_the_page_in_flight() -> None:
    link = PagedLink(50, delay=0.05)
    with pytest.raises(RuntimeError, match="apply failed"):
        _drain(link, 10, True, fail_at=10)
    # The page asked for before the failure was waited for: the link is free now.
    assert link.busy.acquire(blocking=False)
    assert link.calls == [0, 10]


def test_a_failed_fetch_reaches_the_caller() -> None:
    class Broken(PagedLink):
        def pull(self, cursor: int, limit: int) -> dict[str, Any]:
            if cursor:
                raise ConnectionError("cut")
            return super().pull(cursor, limit)

    with pytest.raises(ConnectionError, match="cut"):
        _drain(Broken(30), 10, True)


@pytest.mark.postgres
def test_a_download_ahead_equals_a_download_page_by_page(
    server: Any, sync_template: Any, tmp_path: Any
) -> None:
    gym = server.new_gym()
    desks: list[Desk] = []
    try:
        front = open_desk("front", sync_template, tmp_path, enrol(server, gym, "front"))
        desks.append(front)
        generate_demo(front.db, 30, seed=random.randrange(1000))
        front.sync()
        results = {}
        for ahead in (True, False):
            desk = open_desk(f"laptop{int(ahead)}", sync_template, tmp_path,
                             enrol(server, gym, f"laptop{int(ahead)}"))
            desks.append(desk)
            engine = desk.engine(pull_page=37)
            engine.pull_ahead = ahead
            try:
                result = engine.run_round()
            finally:
                engine.close()
            replica = LocalReplica(desk.db)
            try:
                cursor = replica.state(CURSOR)
            finally:
                replica.close()
            results[ahead] = (result.pulled, result.verified, cursor, desk.digest())
        assert results[True] == results[False]
        assert results[True][1]  # verified
        assert results[True][3] == front.digest()
    finally:
        for desk in desks:
            desk.close()
