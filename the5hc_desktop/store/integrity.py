"""The quick integrity check: on every copy (backups), and at open when it is due.

`PRAGMA quick_check` reads every page and checks the b-tree structure (not index contents,
which the full `integrity_check` of `the5hc check` adds). It still reads the whole file,
about a second of CPU for a 100,000-member gym, so a start runs it only when it is due
(services/soundness.py has the policy); each pass is noted in `check_record`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from the5hc_desktop.domain.errors import DatabaseDamaged
from the5hc_desktop.store import check_record


def quick_check(path: Path) -> str | None:
    """None when the file is sound, else what SQLite found (a short text)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    return None if rows == ["ok"] else "; ".join(rows)[:300]


def damaged(path: Path, detail: str) -> DatabaseDamaged:
    """The plain-words report of a damaged file, with the way out."""
    return DatabaseDamaged(
        f"데이터베이스 파일이 손상되었습니다: {path}. 이 파일은 사용하거나 백업하지 않습니다. "
        "마지막 정상 백업을 복원하세요 (the5hc restore 백업파일). "
        f"(세부: {detail})",
        f"The database file is damaged: {path}. It is not used or backed up as it is. "
        f"Restore the last good backup (the5hc restore BACKUP). (detail: {detail})",
    )


def damaged_in_use(path: Path, detail: str) -> DatabaseDamaged:
    """The report of damage found by a check that ran while the file was in use."""
    return DatabaseDamaged(
        f"데이터베이스 파일 점검에서 손상이 발견되었습니다: {path}. 손상된 파일은 백업되지 "
        "않으며, 계속 사용하면 데이터를 잃을 수 있습니다. 설정 → 백업에서 마지막 정상 백업을 "
        f"복원하세요. (세부: {detail})",
        f"The check of the database file found damage: {path}. A damaged file is not "
        "backed up, and working on in it may lose data. Restore the last good backup in "
        f"Settings → Backup. (detail: {detail})",
    )


def require_sound(path: Path) -> None:
    """Raise DatabaseDamaged unless `path` passes the quick check (the outcome is noted)."""
    problem = quick_check(path)
    if problem is not None:
        check_record.note_damaged(path)
        raise damaged(path, problem)
    check_record.note_passed(path)
