"""Suite-wide set-up: Qt runs offscreen and user data goes to a temporary folder."""

from __future__ import annotations

import os

# Before any Qt import: no screen on CI, and the Korean UI must not depend on system fonts.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
