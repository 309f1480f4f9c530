"""근무 시간: a trainer's weekly hours and dated exceptions, and (owner/senior) the gym's
opening hours and what booking outside them does.

Hours are typed per weekday as "09:00-12:00, 13:00-18:00" (domain.availability parses and
checks them); every save goes through `AvailabilityService`, which enforces who may edit and
writes the audit row. Reads and writes run on the worker's data lane.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.availability import (
    EXCEPTION_LABELS,
    WEEKDAY_LABELS,
    BookingPolicy,
    ExceptionKind,
    parse_ranges_text,
    ranges_text,
)
from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.roles import Role
from the5hc_desktop.services.availability import AvailabilityService, AvailabilityView
from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui import i18n, worker
from the5hc_desktop.ui.messages import MessageBridge

T = {
    "title": Label("근무 시간", "Working hours"),
    "trainer": Label("트레이너", "Trainer"),
    "weekly": Label("주간 근무 시간 (예: 09:00-12:00, 13:00-18:00)",
                    "Weekly hours (e.g. 09:00-12:00, 13:00-18:00)"),
    "exceptions": Label("휴무 · 휴가 · 추가 근무", "Days off, vacation, extra hours"),
    "ranges_hint": Label("비우면 하루 종일", "Empty: the whole day"),
    "add": Label("추가", "Add"),
    "remove": Label("선택 삭제", "Remove selected"),
    "gym": Label("체육관 영업 시간 · 근무 시간 밖 예약", "Opening hours · booking outside hours"),
    "policy": Label("근무 시간 밖 예약", "Booking outside hours"),
    "confirm": Label("확인 후 예약", "Ask, then book"),
    "refuse": Label("예약 불가", "Refuse"),
    "save": Label("저장", "Save"),
    "saved": Label("근무 시간을 저장했습니다.", "Working hours saved."),
    "date": Label("날짜", "Date"),
    "kind": Label("구분", "Kind"),
    "hours": Label("시간", "Hours"),
    "note": Label("메모", "Note"),
}


class AvailabilityDialog(QDialog):
    def __init__(self, service: AvailabilityService, actor: Actor, messages: MessageBridge,
                 trainers: Sequence[tuple[uuid.UUID, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("availabilityDialog")
        self._service = service
        self._actor = actor
        self._messages = messages
        self._lang = i18n.current_language()
        self._manager = actor.role in (Role.OWNER, Role.SENIOR)
        self.view: AvailabilityView | None = None
        self.setWindowTitle(self._t("title"))
        self._build([t for t in trainers if self._manager or t[0] == actor.staff_id])
        self.trainer_combo.currentIndexChanged.connect(lambda _i: self.load())
        self.load()

    def _t(self, key: str) -> str:
        return T[key].text(self._lang)

    def _build(self, trainers: Sequence[tuple[uuid.UUID, str]]) -> None:
        layout = QVBoxLayout(self)
        self.trainer_combo = QComboBox()
        self.trainer_combo.setObjectName("availabilityTrainer")
        for trainer_id, name in trainers:
            self.trainer_combo.addItem(name, trainer_id)
        top = QHBoxLayout()
        top.addWidget(QLabel(self._t("trainer")))
        top.addWidget(self.trainer_combo, 1)
        layout.addLayout(top)

        weekly = QGroupBox(self._t("weekly"))
        form = QFormLayout(weekly)
        self.day_edits: list[QLineEdit] = []
        for day in range(7):
            edit = QLineEdit()
            edit.setObjectName(f"availabilityDay{day}")
            edit.setPlaceholderText("–")
            self.day_edits.append(edit)
            form.addRow(WEEKDAY_LABELS[day].text(self._lang), edit)
        layout.addWidget(weekly)

        box = QGroupBox(self._t("exceptions"))
        column = QVBoxLayout(box)
        self.exception_table = QTableWidget(0, 4)
        self.exception_table.setObjectName("availabilityExceptions")
        self.exception_table.setHorizontalHeaderLabels(
            [self._t(k) for k in ("date", "kind", "hours", "note")])
        self.exception_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.exception_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.exception_table.horizontalHeader().setStretchLastSection(True)
        self.exception_table.setMinimumHeight(120)
        column.addWidget(self.exception_table)
        add_row = QHBoxLayout()
        self.exception_date = QDateEdit(QDate.currentDate())
        self.exception_date.setCalendarPopup(True)
        self.exception_date.setDisplayFormat("yyyy-MM-dd")
        self.exception_kind = QComboBox()
        for kind in ExceptionKind:
            self.exception_kind.addItem(EXCEPTION_LABELS[kind].text(self._lang), kind.value)
        self.exception_ranges = QLineEdit()
        self.exception_ranges.setPlaceholderText(self._t("ranges_hint"))
        self.exception_note = QLineEdit()
        self.exception_note.setPlaceholderText(self._t("note"))
        add = QPushButton(self._t("add"))
        add.setObjectName("availabilityAddException")
        add.clicked.connect(self.add_exception)
        remove = QPushButton(self._t("remove"))
        remove.clicked.connect(self.remove_selected)
        for widget in (self.exception_date, self.exception_kind, self.exception_ranges,
                       self.exception_note, add, remove):
            add_row.addWidget(widget)
        column.addLayout(add_row)
        layout.addWidget(box)

        self.opening_edits: list[QLineEdit] = []
        if self._manager:
            gym = QGroupBox(self._t("gym"))
            gym_form = QFormLayout(gym)
            for day in range(7):
                edit = QLineEdit()
                edit.setPlaceholderText("–")
                self.opening_edits.append(edit)
                gym_form.addRow(WEEKDAY_LABELS[day].text(self._lang), edit)
            self.policy_combo = QComboBox()
            self.policy_combo.setObjectName("availabilityPolicy")
            self.policy_combo.addItem(self._t("confirm"), BookingPolicy.CONFIRM.value)
            self.policy_combo.addItem(self._t("refuse"), BookingPolicy.REFUSE.value)
            gym_form.addRow(self._t("policy"), self.policy_combo)
            layout.addWidget(gym)

        self.error_label = QLabel()
        self.error_label.setObjectName("availabilityError")
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(self._t("save"),
                                             QDialogButtonBox.ButtonRole.ApplyRole)
        self.save_button.setObjectName("availabilitySave")
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    # --- data -----------------------------------------------------------------------------
    def trainer_id(self) -> uuid.UUID | None:
        value = self.trainer_combo.currentData()
        return value if isinstance(value, uuid.UUID) else None

    def load(self) -> None:
        trainer_id = self.trainer_id()
        if trainer_id is None:
            return
        service, actor, manager = self._service, self._actor, self._manager
        worker.run(
            lambda _ctx: (service.get(actor, trainer_id),
                          service.opening_hours() if manager else {},
                          service.policy()),
            lambda loaded: self._show(*loaded), on_failure=self._failed, parent=self)

    def _show(self, view: AvailabilityView, opening: dict[str, list[list[str]]],
              policy: BookingPolicy) -> None:
        self.view = view
        for day, edit in enumerate(self.day_edits):
            edit.setText(ranges_text(view.weekly.get(str(day), [])))
        table = self.exception_table
        table.setRowCount(len(view.exceptions))
        for row, e in enumerate(view.exceptions):
            cells = (f"{e.on:%Y-%m-%d}", EXCEPTION_LABELS[e.kind].text(self._lang),
                     ranges_text(e.ranges) or self._t("ranges_hint"), e.note)
            for col, text in enumerate(cells):
                table.setItem(row, col, QTableWidgetItem(text))
        for day, edit in enumerate(self.opening_edits):
            edit.setText(ranges_text(opening.get(str(day), [])))
        if self.opening_edits:
            self.policy_combo.setCurrentIndex(self.policy_combo.findData(policy.value))

    def _failed(self, error: The5HCError) -> None:
        self.error_label.setText(error.message(self._lang))

    def save(self) -> None:
        trainer_id = self.trainer_id()
        if trainer_id is None:
            return
        self.error_label.clear()
        try:
            weekly = {str(d): parse_ranges_text(e.text()) for d, e in enumerate(self.day_edits)}
            opening = {str(d): parse_ranges_text(e.text())
                       for d, e in enumerate(self.opening_edits)}
        except The5HCError as error:
            self._failed(error)
            return
        policy = self.policy_combo.currentData() if self.opening_edits else None
        service, actor = self._service, self._actor

        def op(_ctx: worker.TaskContext) -> None:
            service.set_weekly(actor, trainer_id, weekly)
            if policy is not None:
                service.set_gym_rules(actor, {k: v for k, v in opening.items() if v}, policy)

        worker.run(op, lambda _r: self._messages.success(self._t("saved")),
                   on_failure=self._failed, parent=self)

    def add_exception(self) -> None:
        trainer_id = self.trainer_id()
        if trainer_id is None:
            return
        self.error_label.clear()
        try:
            ranges = parse_ranges_text(self.exception_ranges.text())
        except The5HCError as error:
            self._failed(error)
            return
        on: date = self.exception_date.date().toPython()  # type: ignore[assignment]
        kind, note = self.exception_kind.currentData(), self.exception_note.text()
        service, actor = self._service, self._actor
        worker.run(lambda _ctx: service.add_exception(actor, trainer_id, on, kind, ranges, note),
                   lambda _id: self._added(), on_failure=self._failed, parent=self)

    def _added(self) -> None:
        self.exception_ranges.clear()
        self.exception_note.clear()
        self.load()

    def remove_selected(self) -> None:
        view = self.view
        rows = sorted({i.row() for i in self.exception_table.selectedIndexes()})
        if view is None or not rows:
            return
        ids = [view.exceptions[r].id for r in rows]
        service, actor = self._service, self._actor

        def op(_ctx: worker.TaskContext) -> None:
            for exception_id in ids:
                service.remove_exception(actor, exception_id)

        worker.run(op, lambda _r: self.load(), on_failure=self._failed, parent=self)
