"""The quick integrity check run when a database opens and on every copy (backups).

`PRAGMA quick_check` reads every page and checks the b-tree structure (not index contents,
which the full `integrity_check` of `the5hc check` adds); it finds damaged pages in a
fraction of the time, so it can run on every start and every backup.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from the5hc_desktop.domain.errors import DatabaseDamaged


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


def require_sound(path: Path) -> None:
    """Raise DatabaseDamaged unless `path` passes the quick check."""
    problem = quick_check(path)
    if problem is not None:
        raise damaged(path, problem)
