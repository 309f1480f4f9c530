"""The booking dialog's availability parts: "다음 빈 시간" and booking outside the hours.

`attach_to_booking(dialog, service)`:
- adds a 다음 빈 시간 button beside the start; it lists the next free starts (inside the
  trainer's availability, free for the trainer and the member) for the chosen duration, and
  one click on a start books it;
- when the service refuses a start as outside availability, the reason is already shown under
  the start (like an overlap); if the gym's policy lets it through, the user is asked and,
  on yes, the booking is sent again as confirmed.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QPoint, QTime, QTimer
from PySide6.QtWidgets import QMenu, QPushButton

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.services.availability import AvailabilityService, OutsideAvailability
from the5hc_desktop.ui import dialogs, i18n, worker

if TYPE_CHECKING:
    from the5hc_desktop.ui.panes.sessions.book_dialog import BookSessionDialog

SLOT_COUNT = 6
T = {
    "button": Label("다음 빈 시간", "Next free time"),
    "none": Label("60일 안에 빈 시간이 없습니다.", "No free time in the next 60 days."),
    "choose": Label("트레이너를 선택하세요.", "Choose the trainer."),
    "ask_title": Label("근무 시간 밖 예약", "Outside working hours"),
    "ask": Label("{reason}\n그래도 예약할까요?", "{reason}\nBook it anyway?"),
}
_WEEKDAYS_KO = "월화수목금토일"


def _t(key: str) -> str:
    return T[key].text(i18n.current_language())


def slot_text(start: datetime) -> str:
    if i18n.current_language() == "en":
        return f"{start:%a %m-%d %H:%M}"
    return f"{start:%m-%d} ({_WEEKDAYS_KO[start.weekday()]}) {start:%H:%M}"


class FreeSlots:
    def __init__(self, dialog: BookSessionDialog, service: AvailabilityService) -> None:
        self._dialog = dialog
        self._service = service
        self.slots: list[datetime] = []
        self.menu = QMenu(dialog)
        self.menu.setObjectName("freeSlotsMenu")
        self.button = QPushButton(_t("button"))
        self.button.setObjectName("bookNextFreeButton")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.find)
        start_row = dialog.date_edit.parentWidget()
        layout = start_row.layout() if start_row is not None else None
        if layout is not None:
            layout.addWidget(self.button)

    def find(self) -> None:
        trainer = self._dialog.trainer_combo.currentData()
        if not isinstance(trainer, uuid.UUID):
            self._dialog.errors.show("trainer_id", _t("choose"))
            return
        client = self._dialog.picker.client_id()
        duration = self._dialog.duration_spin.value()
        service, actor = self._service, self._dialog._actor
        worker.run(lambda _ctx: service.next_free(actor, trainer, duration, client,
                                                  SLOT_COUNT),
                   self._found, parent=self._dialog)

    def _found(self, slots: list[datetime]) -> None:
        self.slots = slots
        self.menu.clear()
        if not slots:
            self.menu.addAction(_t("none")).setEnabled(False)
        for start in slots:
            action = self.menu.addAction(slot_text(start))
            action.triggered.connect(lambda _c=False, s=start: self.book(s))
        self.menu.popup(self.button.mapToGlobal(QPoint(0, self.button.height())))

    def book(self, start: datetime) -> None:
        """Put the slot in the start fields and book it (one click)."""
        self._dialog.date_edit.setDate(QDate(start.year, start.month, start.day))
        self._dialog.time_edit.setTime(QTime(start.hour, start.minute))
        self._dialog.submit()


def _offer_outside(dialog: BookSessionDialog, error: The5HCError) -> None:
    if not isinstance(error, OutsideAvailability) or not error.confirmable:
        return
    reason = error.message(i18n.current_language())
    if dialogs.ask(dialog, _t("ask_title"), _t("ask").format(reason=reason)):
        # Sent again once this refusal has finished (the dialog is busy until then); the
        # dialog reads and clears the flag when it submits.
        dialog.outside_confirmed = True
        QTimer.singleShot(0, dialog, dialog.submit)


def attach_to_booking(dialog: BookSessionDialog,
                      service: AvailabilityService | None) -> FreeSlots | None:
    """The availability parts of a booking dialog (no service: none)."""
    if service is None:
        return None
    dialog._submission.after_refusal = lambda error: _offer_outside(dialog, error)
    dialog.free_slots = FreeSlots(dialog, service)
    return dialog.free_slots
