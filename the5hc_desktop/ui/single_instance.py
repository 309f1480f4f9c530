"""One window per database file: a second start brings the first window forward.

The first app on a file listens on a local socket named after the file (QLocalServer); a
second start on the same file connects, asks it to come forward and ends, instead of
opening a second window on the same data. The file lock (`store.file_lock`) is what keeps
a restore away from an open file; this guard is only about the window.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication

_CONNECT_MS = 500
_RAISE = b"raise\n"


def server_name(db_path: Path) -> str:
    """A per-user, per-file name (the socket lives in a shared temp folder on POSIX)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    key = f"{user}\0{db_path.expanduser().resolve()}".encode("utf-8", "surrogatepass")
    return "the5hc-" + hashlib.sha256(key).hexdigest()[:24]


class SingleInstance(QObject):
    """The listening side; `activate_requested` fires when another start asks."""

    activate_requested = Signal()

    def __init__(self, server: QLocalServer) -> None:
        super().__init__()
        self._server = server
        server.setParent(self)
        server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            # The other start wrote its request before it disconnected: a short wait at most.
            if not socket.bytesAvailable():
                socket.waitForReadyRead(_CONNECT_MS)
            asked = bytes(socket.readAll().data()).startswith(_RAISE.strip())
            socket.abort()
            socket.deleteLater()
            if asked:
                self.activate_requested.emit()

    def close(self) -> None:
        self._server.close()


def claim(db_path: Path) -> SingleInstance | None:
    """Become the instance for `db_path`, or None after asking the running one to show."""
    name = server_name(db_path)
    probe = QLocalSocket()
    probe.connectToServer(name)
    if probe.waitForConnected(_CONNECT_MS):
        probe.write(_RAISE)
        probe.waitForBytesWritten(_CONNECT_MS)
        probe.abort()
        return None
    QLocalServer.removeServer(name)  # a socket file left by a killed app (POSIX)
    server = QLocalServer()
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    if not server.listen(name):
        return None if _someone_listens(name) else SingleInstance(server)
    return SingleInstance(server)


def _someone_listens(name: str) -> bool:
    probe = QLocalSocket()
    probe.connectToServer(name)
    return probe.waitForConnected(_CONNECT_MS)


def bring_forward() -> None:
    """Show, un-minimise and activate this app's visible top-level windows."""
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.isWindow():
            if widget.isMinimized():
                widget.showNormal()
            widget.raise_()
            widget.activateWindow()
