"""What the last quick integrity check of each database file found, on this computer.

Kept in the user's data folder (`integrity-checks.json`: absolute file path → the outcome,
"passed" or "damaged", and its Unix time), not in the database: a synced row would tell
another computer about a file it does not have, and a record inside the file could not
vouch for the file. A file last found damaged is checked again before every use until a
check passes (a restored backup): closing the app cleanly does not make it sound. Losing
the record costs one extra check, never a missed one, so it is written without ceremony
and read forgivingly (anything unreadable counts as "never checked").
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

from the5hc_desktop import paths

log = logging.getLogger("the5hc.store")

RECORD_FILE = "integrity-checks.json"
FRESH_FOR_S = 24 * 60 * 60  # a passed check older than a day is due again
KEPT = 50  # files remembered; the oldest entries go first
PASSED, DAMAGED = "passed", "damaged"

Outcome = tuple[str, float]  # (PASSED or DAMAGED, Unix time)


def record_file() -> Path:
    return paths.data_dir() / RECORD_FILE


def _key(db_path: Path) -> str:
    return str(db_path.expanduser().absolute())


def _load() -> dict[str, Outcome]:
    try:
        data = json.loads(record_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    records: dict[str, Outcome] = {}
    for key, value in data.items():
        if (isinstance(value, list) and len(value) == 2 and value[0] in (PASSED, DAMAGED)
                and isinstance(value[1], int | float)):
            records[key] = (value[0], float(value[1]))
    return records


def last_outcome(db_path: Path) -> Outcome | None:
    return _load().get(_key(db_path))


def found_damaged(db_path: Path) -> bool:
    """True when the last check of `db_path` here found it damaged."""
    outcome = last_outcome(db_path)
    return outcome is not None and outcome[0] == DAMAGED


def is_due(db_path: Path, now: float | None = None) -> bool:
    """True unless the file passed a check here within the last day.

    A record from the future (the clock was set back) is not trusted.
    """
    outcome = last_outcome(db_path)
    now = time.time() if now is None else now
    return outcome is None or outcome[0] != PASSED or not 0 <= now - outcome[1] < FRESH_FOR_S


def note_passed(db_path: Path, when: float | None = None) -> None:
    """Remember that `db_path` passed the check (now, unless `when` is given)."""
    _note(db_path, PASSED, when)


def note_damaged(db_path: Path, when: float | None = None) -> None:
    """Remember that the check found `db_path` damaged: it is checked before every use."""
    _note(db_path, DAMAGED, when)


def _note(db_path: Path, outcome: str, when: float | None) -> None:
    records = _load()
    records[_key(db_path)] = (outcome, time.time() if when is None else when)
    newest = dict(sorted(records.items(), key=lambda item: item[1][1])[-KEPT:])
    target = record_file()
    part = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part.write_text(json.dumps(newest, ensure_ascii=False), encoding="utf-8")
        os.replace(part, target)
    except OSError as exc:  # a full disk or a read-only profile: the next start checks again
        log.warning("cannot note the integrity check in %s: %s", target, exc)
