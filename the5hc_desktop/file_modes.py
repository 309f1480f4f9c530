"""Files with member data are readable by the user only: 0600 files, 0700 folders (POSIX).

`private_umask()` at start-up makes every file the app creates user-only (database, WAL,
backups, exports, reports, logs); `private_file` tightens a file that existed before. On
Windows the files live in the user's profile, whose ACL already keeps other users out.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
_UMASK = 0o077


def private_umask() -> None:
    if sys.platform != "win32":
        os.umask(_UMASK)


def private_file(path: Path) -> None:
    """chmod 0600 when `path` exists and is ours; never fails the caller."""
    if sys.platform == "win32":
        return
    try:
        if path.is_file() and (path.stat().st_mode & 0o077):
            path.chmod(FILE_MODE)
    except OSError:
        pass
