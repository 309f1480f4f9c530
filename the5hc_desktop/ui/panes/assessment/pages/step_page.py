"""Step 9: Harvard step test — metronome-paced stepping, then three pulse counts.

The timer (metronome.StepTestTimer) runs 3 minutes of stepping to the metronome, then a
recovery clock that prompts each 30-second pulse count at 1:00, 2:00 and 3:00. If the
client stops early, the time actually stepped is recorded (docs/rules.md §2, PFI uses it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.scoring import fmt1

from ..draft import WizardDraft
from ..evaluation import score_values
from ..metronome import (
    DEFAULT_BPM,
    MAX_BPM,
    MIN_BPM,
    PULSE_WINDOWS,
    RECOVERY_S,
    STEPPING_S,
    Metronome,
    StepPhase,
    StepTestTimer,
)
from ..stopwatch import Clock
from .common import NumberEdit, TestPage, WizardContext, field_row, form_layout, hint_label

PULSES = ("step_test_pulse_1", "step_test_pulse_2", "step_test_pulse_3")
ACTIVE_FIELD_STYLE = "background: #fff59d;"


class BeatLight(QWidget):
    """Four dots for the up-up-down-down cadence; the current beat's dot is lit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("beatLight")
        self.beat: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(4 * 40, 40)

    def set_beat(self, beat: int | None) -> None:
        self.beat = beat
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        lit = None if self.beat is None else self.beat % 4
        for index in range(4):
            colour = QColor("#2e7d32" if index < 2 else "#1565c0")
            if index != lit:
                colour = QColor("#cfd8dc")
            painter.setBrush(colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QRectF(index * 40 + 6, 6, 28, 28))
        painter.end()


def _clock_text(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


class StepTestPage(TestPage):
    TEST_KEY = "step_test"
    VALUE_FIELDS = ("step_test_duration_s", *PULSES)
    FIELDS = VALUE_FIELDS

    def __init__(
        self,
        context: WizardContext,
        clock: Clock,
        click_factory: Callable[[], Callable[[], None] | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Harvard step test"))
        self.setSubTitle(self.tr(
            "Step up and down with the metronome for 3 minutes (up, up, down, down), then "
            "sit; count the pulse for 30 seconds at 1:00, 2:00 and 3:00 of recovery."
        ))
        # The sound is made when the page is first shown: loading the audio back end is
        # slow, and most of the wizard never needs it.
        self._click_factory = click_factory
        self.metronome = Metronome(clock, bpm=DEFAULT_BPM, parent=self)
        self.timer = StepTestTimer(clock, metronome=self.metronome, parent=self)
        self.phase_label = QLabel()
        self.phase_label.setObjectName("stepPhase")
        self.clock_label = QLabel("0:00")
        self.clock_label.setObjectName("stepClock")
        big = self.clock_label.font()
        big.setPointSizeF(big.pointSizeF() * 2.2)
        big.setBold(True)
        self.clock_label.setFont(big)
        self.phase_label.setFont(big)
        self.progress = QProgressBar()
        self.progress.setObjectName("stepProgress")
        self.progress.setTextVisible(False)
        self.beat_light = BeatLight()
        self.cue = QLabel()
        self.cue.setObjectName("stepCue")
        cue_font = self.cue.font()
        cue_font.setPointSizeF(cue_font.pointSizeF() * 1.6)
        cue_font.setBold(True)
        self.cue.setFont(cue_font)
        self.bpm = QSpinBox()
        self.bpm.setObjectName("stepBpm")
        self.bpm.setRange(MIN_BPM, MAX_BPM)
        self.bpm.setValue(DEFAULT_BPM)
        self.bpm.setSuffix(" bpm")
        self.start_button = QPushButton(self.tr("Start stepping"))
        self.start_button.setObjectName("stepStart")
        self.stop_button = QPushButton(self.tr("Client stopped"))
        self.stop_button.setObjectName("stepStop")
        self.reset_button = QPushButton(self.tr("Reset timer"))
        self.reset_button.setObjectName("stepReset")
        self.sound_note = QLabel(self.tr(
            "No sound on this PC: the metronome is silent. Follow the light and the Up / "
            "Down cue, or count the beat aloud."))
        self.sound_note.setObjectName("stepSoundNote")
        self.sound_note.setWordWrap(True)
        self.sound_note.setStyleSheet("color: #bf360c;")
        self.sound_note.hide()
        self._click: Callable[[], None] | None = None
        self.prompt = QLabel()
        self.prompt.setObjectName("stepPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet("font-weight: bold; color: #bf360c;")

        self.duration = NumberEdit("step_test_duration_s")
        self.duration.setPlaceholderText(self.tr("180 if completed"))
        self.pulses = [NumberEdit(name, whole=True) for name in PULSES]
        self.pfi = QLabel()
        self.pfi.setObjectName("stepPfi")

        top = QGridLayout()
        top.addWidget(self.phase_label, 0, 0)
        top.addWidget(self.clock_label, 0, 1, Qt.AlignmentFlag.AlignRight)
        top.addWidget(self.progress, 1, 0, 1, 2)
        beat_row = QHBoxLayout()
        beat_row.addWidget(self.beat_light)
        beat_row.addWidget(self.cue, 1)
        beat_row.addWidget(QLabel(self.tr("Metronome")))
        beat_row.addWidget(self.bpm)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.stop_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        form = form_layout()
        duration_row = field_row(self.duration, self.tr("s"))
        form.addRow(self.tr("Time stepped"), duration_row)
        pulse_rows = []
        for index, edit in enumerate(self.pulses):
            opens, closes = PULSE_WINDOWS[index]
            row = field_row(edit, self.tr("beats in 30 s"))
            pulse_rows.append(row)
            form.addRow(self.tr("Pulse {start}–{end}").format(
                start=_clock_text(opens), end=_clock_text(closes)), row)
        form.addRow(self.tr("PFI"), self.pfi)
        self.add_common_rows(form)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(beat_row)
        layout.addWidget(self.sound_note)
        layout.addLayout(buttons)
        layout.addWidget(self.prompt)
        layout.addLayout(form)
        layout.addWidget(hint_label(self.tr(
            "Enter the beats counted in each 30-second window (not beats per minute)."
        )))
        layout.addStretch(1)
        layout.addWidget(self.page_error_label())
        self.errors.register(duration_row, "step_test_duration_s")
        for name, row in zip(PULSES, pulse_rows, strict=True):
            self.errors.register(row, name)

        self.start_button.clicked.connect(self.timer.start_stepping)
        self.stop_button.clicked.connect(self.timer.stop_stepping)
        self.reset_button.clicked.connect(self.timer.reset)
        self.bpm.valueChanged.connect(self.metronome.set_bpm)
        self.metronome.beat.connect(self._on_beat)
        self.timer.phase_changed.connect(self._on_phase)
        self.timer.tick.connect(self._on_tick)
        self.timer.window_opened.connect(self._on_window_opened)
        self.timer.window_closed.connect(self._on_window_closed)
        for edit in (self.duration, *self.pulses):
            edit.textChanged.connect(self.notify_changed)
        self._on_phase(StepPhase.READY.value)

    # --- protocol ------------------------------------------------------------------------
    def _on_phase(self, phase: str) -> None:
        names = {
            StepPhase.READY: self.tr("Ready"),
            StepPhase.STEPPING: self.tr("Stepping"),
            StepPhase.RECOVERY: self.tr("Recovery"),
            StepPhase.DONE: self.tr("Done"),
        }
        current = StepPhase(phase)
        self.phase_label.setText(names[current])
        self.start_button.setEnabled(current is StepPhase.READY)
        self.stop_button.setEnabled(current is StepPhase.STEPPING)
        self.bpm.setEnabled(current in (StepPhase.READY, StepPhase.STEPPING))
        self.progress.setRange(0, int(RECOVERY_S if current is StepPhase.RECOVERY else STEPPING_S))
        self.progress.setValue(0)
        if current is StepPhase.READY:
            self.beat_light.set_beat(None)
            self.cue.setText("")
            self.prompt.setText(self.tr("Press Start when the client begins stepping."))
        elif current is StepPhase.STEPPING:
            self.prompt.setText(self.tr("Keep the client on the beat."))
        elif current is StepPhase.RECOVERY:
            self.beat_light.set_beat(None)
            self.cue.setText("")
            if self.timer.duration_s is not None:
                self.duration.set_value(self.timer.duration_s)
            self.prompt.setText(self.tr("Client sits down. First count starts at 1:00."))
        else:
            self.prompt.setText(self.tr("Recovery finished. Check the three counts."))
            self._highlight(None)

    def _on_tick(self, seconds: float) -> None:
        self.clock_label.setText(_clock_text(seconds))
        self.progress.setValue(int(seconds))

    def _on_beat(self, beat: int) -> None:
        self.beat_light.set_beat(beat)
        cues = (self.tr("Up"), self.tr("Up"), self.tr("Down"), self.tr("Down"))
        self.cue.setText(cues[beat % 4])

    def _on_window_opened(self, index: int) -> None:
        self.prompt.setText(self.tr("Count the pulse now for 30 seconds (count {n} of 3).")
                            .format(n=index + 1))
        self._highlight(index)

    def _on_window_closed(self, index: int) -> None:
        self.prompt.setText(self.tr("Stop counting. Enter count {n}.").format(n=index + 1))
        self.pulses[index].setFocus()

    def has_sound(self) -> bool:
        """Whether the metronome clicks audibly (a click that plays, on an audio output)."""
        return self._click is not None and bool(getattr(self._click, "available", True))

    def _show_sound_note(self) -> None:
        self.sound_note.setVisible(not self.has_sound())

    def _highlight(self, index: int | None) -> None:
        for position, edit in enumerate(self.pulses):
            edit.setStyleSheet(ACTIVE_FIELD_STYLE if position == index else "")

    def set_active(self, active: bool) -> None:
        """Leaving the page stops the metronome and the clock; entered values stay."""
        if active and self._click_factory is not None:
            factory, self._click_factory = self._click_factory, None
            self._click = factory()
            self.metronome.set_click(self._click)
            failed = getattr(self._click, "failed", None)
            if failed is not None:
                failed.connect(self._show_sound_note)
        if active:
            self._show_sound_note()
        if not active and self.timer.phase is not StepPhase.READY:
            self.timer.reset()

    # --- draft ---------------------------------------------------------------------------
    def load(self, draft: WizardDraft) -> None:
        self.duration.set_value(draft.value("step_test_duration_s"))
        for name, edit in zip(PULSES, self.pulses, strict=True):
            edit.set_value(draft.value(name))

    def store(self, draft: WizardDraft) -> WizardDraft:
        values = {name: edit.value() for name, edit in zip(PULSES, self.pulses, strict=True)}
        return draft.with_values(step_test_duration_s=self.duration.value(), **values)

    def refresh_live(self) -> None:
        super().refresh_live()
        client = self.context.client
        pfi = None
        if client is not None:
            try:
                pfi = score_values(client, self.context.current_draft(), self.VALUE_FIELDS).pfi
            except ValueError:
                pfi = None
        self.pfi.setText(fmt1(pfi) if pfi is not None else self.tr("Needs all three counts"))
