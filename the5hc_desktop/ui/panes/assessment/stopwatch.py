"""A stopwatch for the timed tests (single-leg balance, farmer's carry).

Time is read from an injected clock, never accumulated from timer ticks, so a busy GUI thread
cannot make a trial longer or shorter; the QTimer only refreshes the display. Results are in
tenths of a second, truncated like a hand stopwatch (gotcha G36: tenths, not whole seconds).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

Clock = Callable[[], float]

REFRESH_MS = 50


def tenths(seconds: float) -> float:
    """Seconds cut down to a tenth (32.47 -> 32.4); the small epsilon keeps 0.3 from 0.2999."""
    return math.floor(seconds * 10 + 1e-6) / 10


class Stopwatch(QObject):
    """Start/stop timing against `clock`; stops by itself at `limit_s` when one is given."""

    tick = Signal(float)  # elapsed seconds while running (display refresh)
    started = Signal()
    stopped = Signal(float)  # the trial's result, in tenths

    def __init__(
        self,
        clock: Clock = time.monotonic,
        *,
        limit_s: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._limit = limit_s
        self._started_at: float | None = None
        self._result = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.poll)

    @property
    def running(self) -> bool:
        return self._started_at is not None

    @property
    def timer(self) -> QTimer:
        return self._timer

    def elapsed(self) -> float:
        if self._started_at is None:
            return self._result
        value = self._clock() - self._started_at
        return min(value, self._limit) if self._limit is not None else value

    def start(self) -> None:
        if self.running:
            return
        self._started_at = self._clock()
        self._result = 0.0
        self._timer.start()
        self.started.emit()
        self.tick.emit(0.0)

    def stop(self) -> float:
        """Stop and return the result in tenths; stopping a stopped watch changes nothing."""
        if self._started_at is None:
            return self._result
        self._result = tenths(self.elapsed())
        self._started_at = None
        self._timer.stop()
        self.stopped.emit(self._result)
        return self._result

    def toggle(self) -> None:
        if self.running:
            self.stop()
        else:
            self.start()

    def reset(self) -> None:
        """Abandon a running trial without producing a result."""
        self._timer.stop()
        self._started_at = None
        self._result = 0.0
        self.tick.emit(0.0)

    def poll(self) -> None:
        """Timer slot (tests call it after moving their clock)."""
        if self._started_at is None:
            return
        elapsed = self.elapsed()
        self.tick.emit(elapsed)
        if self._limit is not None and elapsed >= self._limit:
            self.stop()


class StopwatchWidget(QWidget):
    """Big time read-out plus one Start/Stop button; `stopped` carries the result."""

    stopped = Signal(float)
    started = Signal()

    def __init__(
        self,
        clock: Clock = time.monotonic,
        *,
        limit_s: float | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.watch = Stopwatch(clock, limit_s=limit_s, parent=self)
        self._display = QLabel("0.0", self)
        self._display.setObjectName("stopwatch_display")
        font = QFont(self._display.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self._display.setFont(font)
        self._display.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._display.setMinimumWidth(self._display.fontMetrics().horizontalAdvance("000.0 "))
        self._button = QPushButton(self)
        self._button.setObjectName("stopwatch_button")
        self._button.clicked.connect(self.watch.toggle)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._display)
        layout.addWidget(self._button)
        self.watch.tick.connect(self._show)
        self.watch.started.connect(self._on_started)
        self.watch.stopped.connect(self._on_stopped)
        self._update_button()

    @property
    def button(self) -> QPushButton:
        return self._button

    def display_text(self) -> str:
        return self._display.text()

    def _show(self, seconds: float) -> None:
        self._display.setText(f"{tenths(seconds):.1f}")

    def _on_started(self) -> None:
        self._update_button()
        self.started.emit()

    def _on_stopped(self, seconds: float) -> None:
        self._show(seconds)
        self._update_button()
        self.stopped.emit(seconds)

    def _update_button(self) -> None:
        self._button.setText(self.tr("Stop") if self.watch.running else self.tr("Start"))
