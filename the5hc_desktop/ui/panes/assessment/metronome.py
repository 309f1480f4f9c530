"""Metronome and Harvard step-test timer (docs/domain.md 2.10 protocol, docs/rules.md §2 inputs).

Beats and phases are derived from an injected clock, so timer jitter never shifts the cadence
and tests move time by hand instead of sleeping. The click is a short WAV generated once into
a temporary folder and played with QSoundEffect; without QtMultimedia (a missing audio
library) the metronome stays visible only.
"""

from __future__ import annotations

import logging
import math
import struct
import tempfile
import time
import wave
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from .stopwatch import Clock, tenths

log = logging.getLogger("the5hc.ui.metronome")

DEFAULT_BPM = 96
MIN_BPM = 40
MAX_BPM = 200
STEPPING_S = 180.0
# Pulse windows: 30 s counts starting 60, 120 and 180 s into recovery (docs/rules.md §2).
PULSE_WINDOWS: tuple[tuple[float, float], ...] = ((60.0, 90.0), (120.0, 150.0), (180.0, 210.0))
RECOVERY_S = PULSE_WINDOWS[-1][1]
POLL_MS = 10


class Metronome(QObject):
    """Emits `beat(n)` on every beat (n from 0); `click` is called on each one."""

    beat = Signal(int)

    def __init__(
        self,
        clock: Clock = time.monotonic,
        *,
        bpm: int = DEFAULT_BPM,
        click: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._bpm = _checked_bpm(bpm)
        self._click = click
        # Beat n falls at anchor_time + (n - anchor_beat) * period; re-anchored on a tempo
        # change so the cadence continues from the last beat instead of jumping.
        self._anchor_time = 0.0
        self._anchor_beat = 0
        self._next_beat = 0
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)

    @property
    def bpm(self) -> int:
        return self._bpm

    def set_click(self, click: Callable[[], None] | None) -> None:
        self._click = click

    @property
    def running(self) -> bool:
        return self._running

    @property
    def timer(self) -> QTimer:
        return self._timer

    def period(self) -> float:
        return 60.0 / self._bpm

    def set_bpm(self, bpm: int) -> None:
        bpm = _checked_bpm(bpm)
        if self._running and self._next_beat > 0:
            last = self._next_beat - 1
            self._anchor_time = self._time_of(last)
            self._anchor_beat = last
        self._bpm = bpm

    def start(self) -> None:
        if self._running:
            return
        self._running = True
        self._anchor_time = self._clock()
        self._anchor_beat = 0
        self._next_beat = 0
        self._timer.start()
        self.poll()  # the first beat sounds at once

    def stop(self) -> None:
        self._running = False
        self._timer.stop()

    def poll(self) -> None:
        """Timer slot: emit the newest due beat once. Beats missed while the GUI thread was
        busy are skipped, not replayed as a burst of clicks."""
        if not self._running:
            return
        elapsed = self._clock() - self._anchor_time
        due = self._anchor_beat + math.floor(elapsed / self.period() + 1e-9)
        if due < self._next_beat:
            return
        self._next_beat = due + 1
        if self._click is not None:
            self._click()
        self.beat.emit(due)

    def _time_of(self, n: int) -> float:
        return self._anchor_time + (n - self._anchor_beat) * self.period()


def _checked_bpm(bpm: int) -> int:
    return max(MIN_BPM, min(MAX_BPM, int(bpm)))


class StepPhase(StrEnum):
    READY = "ready"
    STEPPING = "stepping"
    RECOVERY = "recovery"
    DONE = "done"


class StepTestTimer(QObject):
    """The 3-minute stepping phase, then recovery with three 30-second pulse windows.

    `duration_s` is the time actually stepped (tenths), also when the client stops early.
    """

    phase_changed = Signal(str)
    tick = Signal(float)  # seconds into the current phase
    window_opened = Signal(int)  # pulse window index 0..2: start counting now
    window_closed = Signal(int)  # stop counting; enter the count

    def __init__(
        self,
        clock: Clock = time.monotonic,
        *,
        metronome: Metronome | None = None,
        stepping_s: float = STEPPING_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.metronome = metronome or Metronome(clock, parent=self)
        self._stepping_s = stepping_s
        self._phase = StepPhase.READY
        self._phase_started = 0.0
        self._duration: float | None = None
        self._window_state = [0, 0, 0]  # 0 not yet, 1 open, 2 closed
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self.poll)

    @property
    def phase(self) -> StepPhase:
        return self._phase

    @property
    def duration_s(self) -> float | None:
        return self._duration

    @property
    def timer(self) -> QTimer:
        return self._timer

    def elapsed(self) -> float:
        if self._phase in (StepPhase.READY, StepPhase.DONE):
            return 0.0
        return self._clock() - self._phase_started

    def open_window(self) -> int | None:
        """Index of the pulse window being counted now, if any."""
        return self._window_state.index(1) if 1 in self._window_state else None

    def start_stepping(self) -> None:
        if self._phase is not StepPhase.READY:
            return
        self._duration = None
        self._enter(StepPhase.STEPPING)
        self.metronome.start()
        self._timer.start()

    def stop_stepping(self) -> None:
        """The client stops (early or on time): record the stepped time, start recovery."""
        if self._phase is not StepPhase.STEPPING:
            return
        self._duration = tenths(min(self.elapsed(), self._stepping_s))
        self.metronome.stop()
        self._window_state = [0, 0, 0]
        self._enter(StepPhase.RECOVERY)

    def reset(self) -> None:
        self.metronome.stop()
        self._timer.stop()
        self._duration = None
        self._window_state = [0, 0, 0]
        self._enter(StepPhase.READY)

    def poll(self) -> None:
        """Timer slot (tests call it after moving their clock)."""
        if self._phase is StepPhase.STEPPING:
            if self.elapsed() >= self._stepping_s:
                self.stop_stepping()
            else:
                self.tick.emit(self.elapsed())
            return
        if self._phase is not StepPhase.RECOVERY:
            return
        elapsed = self.elapsed()
        for index, (opens, closes) in enumerate(PULSE_WINDOWS):
            if self._window_state[index] == 0 and elapsed >= opens:
                self._window_state[index] = 1
                self.window_opened.emit(index)
            if self._window_state[index] == 1 and elapsed >= closes:
                self._window_state[index] = 2
                self.window_closed.emit(index)
        if elapsed >= RECOVERY_S:
            self._timer.stop()
            self._enter(StepPhase.DONE)
        else:
            self.tick.emit(elapsed)

    def _enter(self, phase: StepPhase) -> None:
        self._phase = phase
        self._phase_started = self._clock()
        self.phase_changed.emit(phase.value)
        self.tick.emit(0.0)


# --- the click sound -------------------------------------------------------------------

_RATE = 22_050


def write_click_wav(path: Path) -> Path:
    """A 25 ms 1.6 kHz tone with a fast decay: short enough to mark the beat crisply."""
    frames = int(_RATE * 0.025)
    samples = bytearray()
    for i in range(frames):
        envelope = math.exp(-i / (frames / 5))
        value = int(26_000 * envelope * math.sin(2 * math.pi * 1600 * i / _RATE))
        samples += struct.pack("<h", value)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with wave.open(str(tmp), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(_RATE)
        out.writeframes(bytes(samples))
    tmp.replace(path)
    return path


def click_wav_path() -> Path:
    path = Path(tempfile.gettempdir()) / "the5hc-metronome-click.wav"
    if not path.exists():
        write_click_wav(path)
    return path


class ClickSound(QObject):
    """Plays the click through QSoundEffect; silent when QtMultimedia cannot load, the PC has
    no audio output, or the effect fails to play (`available` then turns False and
    `failed` is emitted, so the screen can say the metronome is silent)."""

    failed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effect: QObject | None = None
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError as error:  # e.g. no libpulse on a bare Linux box
            log.warning("metronome sound unavailable: %s", error)
            return
        if not QMediaDevices.audioOutputs():
            log.warning("metronome sound unavailable: no audio output device")
            return
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(click_wav_path())))
        effect.setVolume(0.8)
        effect.statusChanged.connect(self._status_changed)
        self._effect = effect

    def _status_changed(self) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        effect = self._effect
        if isinstance(effect, QSoundEffect) and effect.status() is QSoundEffect.Status.Error:
            log.warning("metronome sound failed to load")
            self._effect = None
            self.failed.emit()

    @property
    def available(self) -> bool:
        return self._effect is not None

    def __call__(self) -> None:
        if self._effect is not None:
            self._effect.play()  # type: ignore[attr-defined]  # QSoundEffect, imported lazily
