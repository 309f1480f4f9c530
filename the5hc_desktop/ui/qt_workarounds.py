"""Work-arounds for defects of the installed PySide6, applied when `the5hc_desktop.ui` loads.

PySide6 6.12.0: `SignalInstance.emit()` returns `True` without taking a reference, so every
emit from Python leaves `True` one reference short. After a few hundred emits the
interpreter aborts with "Fatal Python error: bool_dealloc". 6.11.x is not affected. The
defect is detected by behaviour, not by version number, so the patch switches itself off
on a release that fixes it; pinning `PySide6 != 6.12.0` avoids it altogether.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 8


class _Probe(QObject):
    ping = Signal()


def emit_drops_a_reference() -> bool:
    """True when emitting from Python steals a reference to the returned bool."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    ctypes.pythonapi.Py_IncRef.argtypes = [ctypes.py_object]
    for _ in range(max(lost, 0)):  # give back what the probe itself cost
        ctypes.pythonapi.Py_IncRef(True)
    return lost >= _PROBES


_applied = False


def apply() -> bool:
    """Patch `SignalInstance.emit` if needed (idempotent); returns whether it is patched."""
    global _applied
    if _applied or not emit_drops_a_reference():
        return _applied
    original: Callable[..., Any] = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        incref(result)  # the reference PySide forgot to take
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]  # deliberate runtime patch
    _applied = True
    return True
