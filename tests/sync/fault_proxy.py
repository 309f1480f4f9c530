"""A TCP proxy on 127.0.0.1 that can delay, swallow or cut traffic to PostgreSQL.

    with FaultProxy(5432) as proxy:        # connect to 127.0.0.1:proxy.port
        proxy.latency = 0.2                # seconds added to every chunk
        proxy.black_hole = True            # accept and forward nothing
        proxy.reset_after = 4000           # cut each connection after N bytes to the server
        proxy.reset_after_reply = 90000    # ... or after N bytes back to the client
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from types import TracebackType


class FaultProxy:
    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.latency = 0.0
        self.black_hole = False
        self.reset_after: int | None = None
        self.reset_after_reply: int | None = None
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = self._listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._stopped.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        self._listener.close()
        self.cut_all()
        self._thread.join(timeout=5)

    def cut_all(self) -> None:
        """Reset every open connection (RST, as a dropped link looks to both ends)."""
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _reset(sock)

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                _reset(client)
                continue
            server.settimeout(None)
            with self._lock:
                self._sockets += [client, server]
            for source, sink, budget in ((client, server, [self.reset_after]),
                                         (server, client, [self.reset_after_reply])):
                threading.Thread(
                    target=self._pump, args=(source, sink, budget), daemon=True,
                ).start()

    def _pump(
        self, source: socket.socket, sink: socket.socket, budget: list[int | None] | None
    ) -> None:
        try:
            while True:
                chunk = source.recv(65536)
                if not chunk:
                    break
                while self.black_hole and not self._stopped.is_set():
                    time.sleep(0.05)
                if self.latency:
                    time.sleep(self.latency)
                if budget is not None and budget[0] is not None:
                    if len(chunk) >= budget[0]:
                        sink.sendall(chunk[: budget[0]])
                        raise ConnectionResetError("reset by the fault proxy")
                    budget[0] -= len(chunk)
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            _reset(source)
            _reset(sink)


def _reset(sock: socket.socket) -> None:
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    except OSError:
        pass
