"""Drop the source lines PySide6's import hook cached for the modules just imported.

The hook reads the source of every module imported after PySide6 (looking for
`__feature__`) and `linecache` keeps it: megabytes for pyqtgraph, numpy and ReportLab.
Called after each lazy import of a heavy library, that memory is reused by the next instead
of adding up. Tracebacks read the lines again when they need them.
"""

from __future__ import annotations

import linecache


def forget_source_lines() -> None:
    linecache.clearcache()
