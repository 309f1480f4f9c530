"""Step 8: single-leg balance, four timed trials, each with its own stopwatch.

The space bar starts and stops the stopwatch of the current trial (the ticked one), also
while the cursor is in a time field, so the trainer can keep their eyes on the client. A
stopped trial writes its time (tenths, G36) and the next empty trial becomes current.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QRadioButton, QVBoxLayout, QWidget

from the5hc_desktop.ui.help import stopwatch_tip

from ..draft import WizardDraft
from ..stopwatch import Clock, StopwatchWidget
from .common import NumberEdit, TestPage, WizardContext, field_row, form_layout, hint_label

TRIALS = ("balance_right_open_s", "balance_left_open_s", "balance_right_closed_s",
          "balance_left_closed_s")
STOPWATCH_LIMIT_S = 60.0  # the score is full at 45 s (open) / 30 s (closed)


class BalancePage(TestPage):
    TEST_KEY = "balance"
    VALUE_FIELDS = TRIALS
    FIELDS = TRIALS

    def __init__(
        self, context: WizardContext, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent)
        self.setTitle(self.tr("Single-leg balance"))
        self.setSubTitle(self.tr(
            "Hands on the hips; time until the lifted foot touches down or the standing foot "
            "moves. Space bar: start/stop the current trial."
        ))
        names = {
            "balance_right_open_s": self.tr("Right foot, eyes open"),
            "balance_left_open_s": self.tr("Left foot, eyes open"),
            "balance_right_closed_s": self.tr("Right foot, eyes closed"),
            "balance_left_closed_s": self.tr("Left foot, eyes closed"),
        }
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        self.edits: dict[str, NumberEdit] = {}
        self.watches: dict[str, StopwatchWidget] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        rows: dict[str, QWidget] = {}
        for index, name in enumerate(TRIALS):
            radio = QRadioButton(names[name])
            radio.setObjectName(f"{name}Current")
            radio.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # space belongs to the stopwatch
            self.group.addButton(radio, index)
            edit = NumberEdit(name)
            edit.installEventFilter(self)
            watch = StopwatchWidget(clock, limit_s=STOPWATCH_LIMIT_S)
            watch.setObjectName(f"{name}Stopwatch")
            watch.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            watch.button.setToolTip(stopwatch_tip())
            watch.started.connect(lambda n=name: self._started(n))
            watch.stopped.connect(lambda seconds, n=name: self._stopped(n, seconds))
            row = field_row(edit, self.tr("s"))
            grid.addWidget(radio, index * 2, 0)
            grid.addWidget(row, index * 2, 1)
            grid.addWidget(watch, index * 2, 2)
            self.radios[name], self.edits[name], self.watches[name] = radio, edit, watch
            rows[name] = row
            edit.textChanged.connect(self.notify_changed)
        self.radios[TRIALS[0]].setChecked(True)
        grid.setColumnStretch(3, 1)
        form = form_layout()
        self.add_common_rows(form)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(hint_label(self.tr(
            "The stopwatch stops by itself at 60 s. Type a time instead if you timed it "
            "another way; leave a trial empty if it was not done."
        )))
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.page_error_label())
        for name, row in rows.items():
            self.errors.register(row, name)
        self.space = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        self.space.setContext(Qt.ShortcutContext.WindowShortcut)
        self.space.setAutoRepeat(False)
        self.space.setEnabled(False)  # only while this page is showing
        self.space.activated.connect(self.toggle_current)

    # --- stopwatches ---------------------------------------------------------------------
    def current_trial(self) -> str:
        return TRIALS[max(self.group.checkedId(), 0)]

    def set_current(self, name: str) -> None:
        self.radios[name].setChecked(True)

    def toggle_current(self) -> None:
        running = [n for n, w in self.watches.items() if w.watch.running]
        if running:
            self.watches[running[0]].watch.stop()
        else:
            self.watches[self.current_trial()].watch.start()

    def _started(self, name: str) -> None:
        for other, widget in self.watches.items():
            if other != name and widget.watch.running:
                widget.watch.reset()  # one trial at a time
        self.set_current(name)

    def _stopped(self, name: str, seconds: float) -> None:
        self.edits[name].set_value(seconds)
        following = TRIALS[TRIALS.index(name) + 1:] + TRIALS[:TRIALS.index(name)]
        for other in following:
            if not self.edits[other].text().strip():
                self.set_current(other)
                break

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
        ):
            if not event.isAutoRepeat():
                self.toggle_current()
            return True
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Space):
            event.accept()  # deliver space to the edit as a key press: we handle it there
            return True
        return super().eventFilter(watched, event)

    def set_active(self, active: bool) -> None:
        """The wizard calls this as pages change: space works only here, and leaving the
        page abandons a running trial rather than recording it."""
        self.space.setEnabled(active)
        if not active:
            for widget in self.watches.values():
                if widget.watch.running:
                    widget.watch.reset()

    # --- draft ---------------------------------------------------------------------------
    def load(self, draft: WizardDraft) -> None:
        for name in TRIALS:
            self.edits[name].set_value(draft.value(name))

    def store(self, draft: WizardDraft) -> WizardDraft:
        return draft.with_values(**{name: self.edits[name].value() for name in TRIALS})
