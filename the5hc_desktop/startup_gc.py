"""The cyclic garbage collector, paused while the window app starts.

Importing SQLAlchemy, the models and Qt creates some 160,000 long-lived objects, and the
collector walks them again and again while they are made; after sign-in each full
collection would walk them all once more (measured: ~0.1 s of CPU by the time the
dashboard shows). A start makes almost no cyclic garbage (~700 objects by the time every
pane is built), so the window app pauses the collector twice:

- from process start (`__main__`, before the heavy imports) until a first dialog waits for
  the person. That `resume()` freezes what exists (`gc.freeze`): modules, classes,
  the application and the open database live as long as the process, and the collector
  never walks them again;
- from 로그인 until the window has every pane (or the password is refused). This `resume()`
  does not freeze: a window is closed again at sign-out and its objects must stay
  collectable; the next collections walk only what the window made.

`resume()` undoes only a pause of this module: a collector switched off elsewhere stays off.
Only the process-start pause (`pause(process_start=True)`) freezes when it ends: a process
that did not start through `__main__` (the tests) never freezes its objects.
"""

from __future__ import annotations

import gc

_paused = False
_freeze_on_resume = False


def pause(*, process_start: bool = False) -> None:
    """Stop automatic collection until `resume()` (no effect if it is off already)."""
    global _paused, _freeze_on_resume
    if gc.isenabled():
        gc.disable()
        _paused = True
        _freeze_on_resume = process_start


def resume() -> None:
    """Collect automatically again, first freezing what exists when the pause began at
    process start (idempotent)."""
    global _paused, _freeze_on_resume
    if not _paused:
        return
    _paused = False
    if _freeze_on_resume:
        _freeze_on_resume = False
        gc.freeze()
    gc.enable()


def is_paused() -> bool:
    return _paused
