"""The cyclic garbage collector, paused while the window app starts.

Importing SQLAlchemy, the models and Qt creates some 140,000 long-lived objects, and the
collector walks them again and again while they are made (measured: ~0.1 s of CPU by the
time the dashboard shows, more than half of it after sign-in, when each full collection
walks every one of them). A start makes almost no cyclic garbage, so:

- `pause()` at process start, before the heavy imports (window app only);
- `resume()` when the first dialog or the window shows: what exists then (modules,
  classes, the application, the open database) lives as long as the process, so it is
  frozen out of the collector's way (`gc.freeze`) and collection resumes for the rest.

`resume()` undoes only a pause of its own: a collector someone else disabled stays off.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop automatic collection until `resume()` (no effect if it is off already)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Freeze the objects made so far and collect automatically again (once; idempotent)."""
    global _paused
    if not _paused:
        return
    _paused = False
    gc.freeze()
    gc.enable()


def is_paused() -> bool:
    return _paused
