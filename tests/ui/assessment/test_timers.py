"""Stopwatch, metronome and step-test timer driven by a hand-moved clock (no sleeping)."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from the5hc_desktop.ui.panes.assessment.metronome import (
    Metronome,
    StepPhase,
    StepTestTimer,
    write_click_wav,
)
from the5hc_desktop.ui.panes.assessment.stopwatch import Stopwatch, StopwatchWidget, tenths

pytestmark = pytest.mark.gui


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_tenths_truncates_like_a_hand_stopwatch() -> None:
    assert tenths(32.47) == 32.4
    assert tenths(0.3) == 0.3
    assert tenths(59.99) == 59.9


def test_stopwatch_measures_clock_time_in_tenths() -> None:
    clock = FakeClock()
    watch = Stopwatch(clock)
    ticks: list[float] = []
    watch.tick.connect(ticks.append)
    watch.start()
    assert watch.running
    assert watch.timer.isActive()
    clock.advance(12.34)
    watch.poll()
    assert ticks[-1] == pytest.approx(12.34)
    assert watch.stop() == 12.3
    assert not watch.running
    assert not watch.timer.isActive()
    assert watch.stop() == 12.3  # a second stop changes nothing


def test_stopwatch_stops_itself_at_the_limit() -> None:
    clock = FakeClock()
    watch = Stopwatch(clock, limit_s=60)
    results: list[float] = []
    watch.stopped.connect(results.append)
    watch.start()
    clock.advance(75)
    watch.poll()
    assert results == [60.0]
    assert not watch.running


def test_stopwatch_widget_button_toggles(qtbot: QtBot) -> None:
    clock = FakeClock()
    widget = StopwatchWidget(clock)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.started):
        widget.button.click()
    clock.advance(8.06)
    widget.watch.poll()
    assert widget.display_text() == "8.0"
    with qtbot.waitSignal(widget.stopped) as blocker:
        widget.button.click()
    assert blocker.args == [8.0]


def test_metronome_beats_follow_the_clock() -> None:
    clock = FakeClock()
    clicks: list[int] = []
    metronome = Metronome(clock, bpm=96, click=lambda: clicks.append(1))
    beats: list[int] = []
    metronome.beat.connect(beats.append)
    metronome.start()
    assert beats == [0]  # first beat at once
    period = 60 / 96
    clock.advance(period * 0.5)
    metronome.poll()
    assert beats == [0]
    clock.advance(period * 0.5)
    metronome.poll()
    assert beats == [0, 1]
    clock.advance(period * 10)  # GUI thread was busy: the newest beat only, no burst
    metronome.poll()
    assert beats == [0, 1, 11]
    assert len(clicks) == 3
    metronome.stop()
    assert not metronome.timer.isActive()


def test_metronome_tempo_change_continues_from_the_last_beat() -> None:
    clock = FakeClock()
    metronome = Metronome(clock, bpm=60)
    beats: list[int] = []
    metronome.beat.connect(beats.append)
    metronome.start()
    clock.advance(1.0)
    metronome.poll()
    metronome.set_bpm(120)  # beat 1 was at t=1; next at t=1.5
    clock.advance(0.49)
    metronome.poll()
    assert beats == [0, 1]
    clock.advance(0.02)
    metronome.poll()
    assert beats == [0, 1, 2]
    metronome.stop()


def test_bpm_is_kept_in_a_sane_range() -> None:
    metronome = Metronome(FakeClock(), bpm=5)
    assert metronome.bpm == 40
    metronome.set_bpm(500)
    assert metronome.bpm == 200


def test_step_test_full_protocol() -> None:
    clock = FakeClock()
    timer = StepTestTimer(clock)
    phases: list[str] = []
    opened: list[int] = []
    closed: list[int] = []
    timer.phase_changed.connect(phases.append)
    timer.window_opened.connect(opened.append)
    timer.window_closed.connect(closed.append)
    timer.start_stepping()
    assert timer.metronome.running
    clock.advance(180.2)
    timer.poll()
    assert timer.phase is StepPhase.RECOVERY
    assert timer.duration_s == 180.0
    assert not timer.metronome.running
    for second, expect_open in ((59.9, None), (60.0, 0), (90.0, None), (120.0, 1), (180.0, 2)):
        clock.now = timer._phase_started + second
        timer.poll()
        assert timer.open_window() == expect_open, second
    clock.advance(30)
    timer.poll()
    assert opened == [0, 1, 2]
    assert closed == [0, 1, 2]
    assert timer.phase is StepPhase.DONE
    assert not timer.timer.isActive()
    assert phases == ["stepping", "recovery", "done"]


def test_step_test_records_an_early_stop() -> None:
    clock = FakeClock()
    timer = StepTestTimer(clock)
    timer.start_stepping()
    clock.advance(95.47)
    timer.poll()
    timer.stop_stepping()
    assert timer.duration_s == 95.4
    assert timer.phase is StepPhase.RECOVERY
    timer.reset()
    assert timer.phase.value == "ready"
    assert timer.duration_s is None
    assert not timer.timer.isActive()


def test_click_wav_is_a_short_mono_wave(tmp_path: Path) -> None:
    path = write_click_wav(tmp_path / "click.wav")
    with wave.open(str(path)) as sound:
        assert sound.getnchannels() == 1
        assert 0.01 < sound.getnframes() / sound.getframerate() < 0.1
