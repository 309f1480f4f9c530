"""The window app's start-up integrity check, run beside sign-in instead of before it.

`PRAGMA quick_check` reads every page of the file: about a second of CPU on a
100,000-member gym. SQLite releases the interpreter lock while it reads, so on its own
thread, started with the process, it runs while the window toolkit loads and the person
types the password. Signing in waits for its verdict (`require_sound`), so a damaged file
is still refused before anyone works in it.

Only a file already at the head revision is checked here; the database is then opened
with `open_services(path, quick_check=False)`. A file that needs an upgrade is checked by
`Database.open` itself, before its backup and upgrade; a new or empty one needs no check.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from the5hc_desktop.store import integrity, migrate
from the5hc_desktop.store.database import file_revision


class SoundnessCheck:
    """The quick check of the file at `path`: `start()` it on a thread, or `run()` it."""

    def __init__(self, path: Path) -> None:
        self._path = path.expanduser()
        self._problem: str | None = None
        self._done = threading.Event()

    def start(self) -> SoundnessCheck:
        threading.Thread(target=self.run, name="quick-check", daemon=True).start()
        return self

    def run(self) -> None:
        try:
            current = file_revision(self._path) == migrate.head_revision()
            if current:
                self._problem = integrity.quick_check(self._path)
        except (OSError, sqlite3.Error):
            pass  # opening reports what is wrong with the file, in its own words
        finally:
            self._done.set()

    def require_sound(self) -> None:
        """Wait for the verdict; raise DatabaseDamaged when the file is damaged."""
        self._done.wait()
        if self._problem is not None:
            raise integrity.damaged(self._path, self._problem)
