"""When a start checks the database file's integrity: the policy, and the window app's check.

`PRAGMA quick_check` (store/integrity.py) reads every page of the file: about a second of
CPU for a 100,000-member gym, too much to spend at every start. So:

1. After an unclean exit — the last program to use the file ended without closing it
   (killed, crashed, the power cut; `store/open_marker.py`) — or when the last check
   found it damaged, the file is checked before anyone works in it, and a damaged file is
   refused. The window app starts this check
   with the process and signing in waits for its verdict; `Database.open` does it itself
   for every other opener (the command line).
2. Otherwise, when the file has not passed a check on this computer for 24 hours
   (`store/check_record.py`, kept in the user's data folder, not in the database), the
   window app checks it in the background once the user has signed in and every screen
   is built. Nothing waits for it; a damaged file is reported in a dialog that leads to
   설정 → 백업 to restore the last good backup.
3. Otherwise nothing is checked. The command line's reading commands (report, stats,
   export) never run the background check: they check only after an unclean exit.
   `the5hc check` always checks, fully (`integrity_check`).

A file that needs an upgrade is always checked first, by `Database.open`, before its
backup and upgrade; a new or empty file needs no check. Every backup copy is checked too.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from the5hc_desktop.domain.errors import DatabaseDamaged
from the5hc_desktop.store import check_record, integrity, migrate, open_marker
from the5hc_desktop.store.database import file_revision

log = logging.getLogger("the5hc.services")


class Due(Enum):
    """Which check a start owes the file (see the module docstring)."""

    NOW = "now"  # left open by a program that ended: check before sign-in
    BACKGROUND = "background"  # not checked here for a day: check after sign-in
    NONE = "none"


def check_due(path: Path, now: float | None = None) -> Due:
    """The check a window start owes the file at `path`; call before opening it."""
    try:
        if file_revision(path) != migrate.head_revision():
            return Due.NONE  # new, empty or to be upgraded: `Database.open` sees to it
    except (OSError, sqlite3.Error):
        return Due.NONE  # opening reports what is wrong with the file, in its own words
    if open_marker.left_open(path) or check_record.found_damaged(path):
        return Due.NOW
    return Due.BACKGROUND if check_record.is_due(path, now) else Due.NONE


class SoundnessCheck:
    """The window app's check of the file at `path`, as the policy says.

    `start()` decides on its own thread (it reads the file: never on the GUI thread) and,
    after an unclean exit, goes on to check: SQLite releases the interpreter lock while it
    reads, so the check runs while the window toolkit loads and the person types the
    password. Whoever opens the database waits for the decision first (`due`: it looks
    for the open marker that opening writes); signing in waits for the verdict
    (`require_sound()`). A check due in the background waits for `start_background()`.
    """

    def __init__(self, path: Path) -> None:
        self._path = path.expanduser()
        self._problem: str | None = None
        self._done = threading.Event()
        self._done.set()
        self._decided = threading.Event()
        self._decided.set()
        self._due = Due.NONE

    @property
    def due(self) -> Due:
        """The check this start owes the file; waits for `start()` to have decided."""
        self.wait_for_decision()
        return self._due

    def wait_for_decision(self) -> None:
        """Call before opening the database: opening writes the marker the decision reads."""
        self._decided.wait()

    def start(self, now: float | None = None) -> SoundnessCheck:
        self._decided.clear()
        self._done.clear()

        def decide_and_check() -> None:
            try:
                self._due = check_due(self._path, now)
            finally:
                self._decided.set()
            if self._due is Due.NOW:
                log.info("the database was not closed cleanly: checking it before sign-in")
                self.run()
            else:
                self._done.set()

        threading.Thread(target=decide_and_check, name="quick-check", daemon=True).start()
        return self

    def run(self) -> None:
        try:
            started = time.perf_counter()
            self._problem = integrity.quick_check(self._path)
            log.info("quick check: %s in %.1f s", self._problem or "ok",
                     time.perf_counter() - started)
            if self._problem is None:
                check_record.note_passed(self._path)
            else:
                check_record.note_damaged(self._path)
        except (OSError, sqlite3.Error):
            pass  # opening reports what is wrong with the file, in its own words
        finally:
            self._done.set()

    def require_sound(self) -> None:
        """Wait for the verdict; raise DatabaseDamaged when the file is damaged."""
        self._done.wait()
        if self._problem is not None:
            raise integrity.damaged(self._path, self._problem)

    def start_background(self, on_damaged: Callable[[DatabaseDamaged], object]) -> bool:
        """Run a check due in the background on its own thread; False when none is due.

        `on_damaged` is called on that thread, with the report, only when the file is
        damaged.
        """
        if self.due is not Due.BACKGROUND:
            return False
        self._due = Due.NONE

        def run() -> None:
            self.run()
            if self._problem is not None:
                on_damaged(integrity.damaged_in_use(self._path, self._problem))

        self._done.clear()
        threading.Thread(target=run, name="quick-check-background", daemon=True).start()
        return True
