"""When each database file last passed the quick integrity check on this computer.

Kept in the user's data folder (`integrity-checks.json`: absolute file path → Unix time),
not in the database: a synced row would tell another computer about a file it does not
have, and a record inside the file could not vouch for the file. Losing the record costs
one extra check, never a missed one, so it is written without ceremony and read
forgivingly (anything unreadable counts as "never checked").
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
FRESH_FOR_S = 24 * 60 * 60  # a check older than a day is due again
KEPT = 50  # files remembered; the oldest entries go first


def record_file() -> Path:
    return paths.data_dir() / RECORD_FILE


def _key(db_path: Path) -> str:
    return str(db_path.expanduser().absolute())


def _load() -> dict[str, float]:
    try:
        data = json.loads(record_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: float(v) for k, v in data.items() if isinstance(v, int | float)}


def last_passed(db_path: Path) -> float | None:
    """Unix time of the last passed check of `db_path` here, None when never."""
    return _load().get(_key(db_path))


def is_due(db_path: Path, now: float | None = None) -> bool:
    """True when the file has not passed a check here within the last day.

    A record from the future (the clock was set back) is not trusted.
    """
    passed = last_passed(db_path)
    now = time.time() if now is None else now
    return passed is None or not (0 <= now - passed < FRESH_FOR_S)


def note_passed(db_path: Path, when: float | None = None) -> None:
    """Remember that `db_path` passed the check (now, unless `when` is given)."""
    records = _load()
    records[_key(db_path)] = time.time() if when is None else when
    newest = dict(sorted(records.items(), key=lambda item: item[1])[-KEPT:])
    target = record_file()
    part = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part.write_text(json.dumps(newest, ensure_ascii=False), encoding="utf-8")
        os.replace(part, target)
    except OSError as exc:  # a full disk or a read-only profile: the next start checks again
        log.warning("cannot note the integrity check in %s: %s", target, exc)

