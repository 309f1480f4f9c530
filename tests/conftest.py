"""Suite-wide set-up: Qt runs offscreen and user data goes to a temporary folder."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# Before any Qt import: no screen on CI, and the Korean UI must not depend on system fonts.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

# Drafts, logs and the default database go to a throwaway folder, never the tester's own.
_DATA_DIR = tempfile.mkdtemp(prefix="the5hc-test-data-")
atexit.register(shutil.rmtree, _DATA_DIR, ignore_errors=True)
os.environ["THE5HC_DATA_DIR"] = _DATA_DIR
os.environ.pop("THE5HC_DB", None)
