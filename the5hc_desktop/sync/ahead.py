"""Pull pages one ahead: the next page comes over the network while this one is applied.

The server's answer for page n + 1 depends only on page n's cursor, known as soon as page n
arrives; applying page n only touches the local file. So one worker thread fetches the next
page while the caller applies the current one, and the link is never used by two threads
at once: a request is made only when no other is pending, and leaving the block waits for
the pending one (its answer or failure is dropped: the cursor on disk is where the next
round starts). Each page is still applied alone, with its cursor, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any

from the5hc_desktop.sync.link import ServerLink

Page = dict[str, Any]
Prepare = Callable[[Page], Any]


class PagesAhead:
    """`with PagesAhead(link, limit, prepare) as pages:` then `request(cursor)` / `take()`.

    `take()` answers the page and what `prepare` made of it; `prepare` runs on the fetching
    thread and must not touch the database (binding values, grouping rows).
    """

    def __init__(
        self, link: ServerLink, limit: int, prepare: Prepare, *, ahead: bool = True
    ) -> None:
        self._link = link
        self._limit = limit
        self._prepare = prepare
        self._ahead = ahead
        self._pool: ThreadPoolExecutor | None = None
        self._pending: Future[tuple[Page, Any]] | None = None
        self._cursor: int | None = None

    def __enter__(self) -> PagesAhead:
        if self._ahead:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull")
        return self

    def request(self, cursor: int) -> None:
        """Ask for the page after `cursor` (fetched now in the background when ahead)."""
        if self._pending is not None or self._cursor is not None:
            raise RuntimeError("one page at a time")
        if self._pool is None:
            self._cursor = cursor
        else:
            self._pending = self._pool.submit(self._fetch, cursor)

    def take(self) -> tuple[Page, Any]:
        """The page asked for last and its prepared form (or the error of either)."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            return pending.result()
        if self._cursor is None:
            raise RuntimeError("no page was asked for")
        cursor, self._cursor = self._cursor, None
        return self._fetch(cursor)

    def _fetch(self, cursor: int) -> tuple[Page, Any]:
        page = self._link.pull(cursor, self._limit)
        return page, self._prepare(page)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pending is not None:
            self._pending.exception()  # wait: the link is free again when we return
            self._pending = None
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
