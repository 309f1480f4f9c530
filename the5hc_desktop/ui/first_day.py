"""도움말 → 첫날 체크리스트: three steps of a new gym, ticked from its data (services/first_day).

Each step names where it is done and goes there; the list reloads whenever it is opened,
so it never has to be ticked by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.first_day import FirstDayProgress, FirstDayService
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.main_window import MainWindow

DONE, OPEN = "✓", "○"
_DONE_COLOUR, _OPEN_COLOUR = "#2e7d32", "#90a4ae"


class FirstDayDialog(QDialog):
    def __init__(self, service: FirstDayService, actor: Actor, go: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstDayDialog")
        self.setWindowTitle(self.tr("First-day checklist"))
        self._go = go
        self.progress: FirstDayProgress | None = None
        steps = (
            ("staff", self.tr("Add your staff accounts"),
             self.tr("Settings → Staff accounts"), "settingsPane"),
            ("rates", self.tr("Check and save the VAT and card fee rates"),
             self.tr("Settings → Gym settings"), "settingsPane"),
            ("package", self.tr("Sell the first package"),
             self.tr("Sessions → Sell package"), "sessionsPane"),
        )
        grid = QGridLayout()
        self.marks: dict[str, QLabel] = {}
        for row, (key, text, where, pane) in enumerate(steps):
            mark = QLabel(OPEN)
            mark.setObjectName(f"firstDay_{key}")
            self.marks[key] = mark
            label = QLabel(f"<b>{text}</b><br><span style='color:#607d8b'>{where}</span>")
            button = QPushButton(self.tr("Go there"))
            button.clicked.connect(lambda _checked=False, p=pane: self._go_to(p))
            grid.addWidget(mark, row, 0)
            grid.addWidget(label, row, 1)
            grid.addWidget(button, row, 2)
        grid.setColumnStretch(1, 1)
        self.summary = QLabel(self.tr("Checking…"))
        self.summary.setObjectName("firstDaySummary")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Each step ticks itself once it is done.")))
        layout.addLayout(grid)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(520, 260)
        worker.run(lambda _ctx: service.progress(actor), self.show_progress, parent=self)

    def show_progress(self, progress: FirstDayProgress) -> None:
        self.progress = progress
        for key, done in (("staff", progress.staff_added), ("rates", progress.rates_set),
                          ("package", progress.package_sold)):
            mark = self.marks[key]
            mark.setText(DONE if done else OPEN)
            mark.setStyleSheet(
                f"color: {_DONE_COLOUR if done else _OPEN_COLOUR}; font-size: 16pt;")
        self.summary.setText(self.tr("All set: the desk is ready.") if progress.done
                             else self.tr("Open steps are marked ○."))

    def _go_to(self, pane: str) -> None:
        self.accept()
        self._go(pane)


def bind_first_day(window: MainWindow, service: FirstDayService, actor: Actor) -> None:
    """Let 도움말 → 첫날 체크리스트 open the checklist over the main window."""

    def open_checklist() -> None:
        dialog = FirstDayDialog(service, actor, window.show_pane, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    window.registry.bind("help.first_day", open_checklist)
