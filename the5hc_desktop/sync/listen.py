"""Live updates: LISTEN on the gym's channel and say when another desk pushed.

Runs on its own connection and thread (never the GUI thread); `on_push` is called from that
thread with the server's last sequence number, and the caller schedules a round. A lost
connection is retried with a growing pause, so a server restart only delays updates.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from the5hc_desktop.sync import errors
from the5hc_desktop.sync.link import ServerAddress, connect

log = logging.getLogger("the5hc.sync")

RETRY_S = (1, 2, 5, 10, 30)


class PushListener:
    def __init__(
        self,
        address: ServerAddress,
        secret: str,
        channel: str,
        on_push: Callable[[int], None],
    ) -> None:
        self._address = address
        self._secret = secret
        self._channel = channel
        self._on_push = on_push
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="the5hc-listen", daemon=True)
        self.listening = threading.Event()

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                self._listen()
                failures = 0
            except errors.SyncError as exc:
                log.info("listener: %s", exc.message_en)
            except Exception:
                log.warning("listener failed", exc_info=True)
            self.listening.clear()
            pause = RETRY_S[min(failures, len(RETRY_S) - 1)]
            failures += 1
            self._stop.wait(pause)

    def _listen(self) -> None:
        from psycopg import sql

        link = connect(self._address, self._secret)
        conn = link.conn
        try:
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._channel)))
            self.listening.set()
            while not self._stop.is_set():
                for note in conn.notifies(timeout=0.5):
                    try:
                        seq = int(note.payload or 0)
                    except ValueError:
                        seq = 0
                    self._on_push(seq)
        finally:
            link.close()
