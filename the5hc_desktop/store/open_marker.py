"""Whether the last program to use a database file closed it cleanly: `<db>.open`.

`Database.open` writes the marker beside the file; `Database.close` removes it when no
other program still has the file open (it takes the exclusive `file_lock` for that). So a
marker found while nobody has the file open was left by a program that ended without
closing it: killed, crashed, the power cut. That is when a file is most likely damaged,
and when the start-up integrity check must run before anyone works in it
(services/soundness.py has the whole policy).
"""

from __future__ import annotations

import logging
from pathlib import Path

from the5hc_desktop.store.file_lock import try_exclusive

log = logging.getLogger("the5hc.store")


def marker_file(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".open")


def mark_open(db_path: Path) -> None:
    """Note that a program has the file open (before it first writes to it)."""
    marker = marker_file(db_path)
    try:
        marker.touch()
    except OSError as exc:  # a read-only folder: then an unclean exit cannot be told
        log.warning("cannot write %s: %s", marker.name, exc)


def is_marked(db_path: Path) -> bool:
    return marker_file(db_path).exists()


def mark_closed_if_last(db_path: Path) -> None:
    """Remove the marker unless another program still has the file open.

    Called after this program let go of its own lock: the exclusive lock is free only
    when nobody else holds the file.
    """
    lock = try_exclusive(db_path)
    if lock is None:
        return  # still open elsewhere: the last one to close removes the marker
    with lock:
        marker_file(db_path).unlink(missing_ok=True)


def left_open(db_path: Path) -> bool:
    """True when a program ended without closing the file (nobody has it open now).

    Takes and drops the exclusive lock for a moment: call it before this program opens
    the file. A file some other program has open counts as closed cleanly: the marker is
    that program's.
    """
    if not is_marked(db_path):
        return False
    lock = try_exclusive(db_path)
    if lock is None:
        return False
    lock.release()
    return True
