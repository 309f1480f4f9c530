"""Outside-availability shading on the calendar, and the 근무 시간 button.

`attach_availability(page, service, actor, messages)` gives a schedule page a shading loader
(the page calls `page.shading.reload()` after each range change) and a toolbar button that
opens the hours editor. The calendar calls `paint_shading(view, painter)` before its grid
lines: grey where the trainer of a column is not available — every column of the by-trainer
day view, or every day when the calendar is filtered to one trainer. With all trainers in
one week grid no column belongs to one trainer, so nothing is shaded.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import QBoxLayout, QLayout, QPushButton, QWidget

from the5hc_desktop.domain.availability import Span
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.services.availability import AvailabilityService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui import i18n, worker
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.sessions.availability_dialog import AvailabilityDialog
from the5hc_desktop.ui.panes.sessions.calendar_layout import Mode

if TYPE_CHECKING:
    from the5hc_desktop.ui.panes.sessions.calendar_view import CalendarView
    from the5hc_desktop.ui.panes.sessions.schedule_page import SchedulePage

SHADE = QColor(96, 110, 125, 46)
HOURS_BUTTON = Label("근무 시간…", "Working hours…")

Shading = dict[tuple[uuid.UUID, date], list[Span]]


def column_trainer(view: CalendarView, column: int) -> uuid.UUID | None:
    """The trainer whose availability a column shows, or None."""
    if view.trainers is not None:
        return view.columns[column][0] if column < len(view.columns) else None
    return getattr(view, "shade_trainer", None)


def shaded_rects(view: CalendarView) -> list[QRectF]:
    """Rectangles (widget coordinates) outside availability, column by column."""
    from the5hc_desktop.ui.panes.sessions.calendar_view import GUTTER, HEADER

    spans_of: Shading = getattr(view, "shading", {})
    if view.mode is Mode.MONTH or not spans_of:
        return []
    hour_px, col_w = view._hour_px(), view._column_width()
    top, bottom = view.first_hour * 60, view.last_hour * 60
    rects = []
    for column in range(view.column_count()):
        trainer = column_trainer(view, column)
        if trainer is None:
            continue
        for lo, hi in spans_of.get((trainer, view._column_day(column)), []):
            lo, hi = max(lo, top), min(hi, bottom)
            if lo < hi:
                y = HEADER + (lo - top) / 60 * hour_px
                rects.append(QRectF(GUTTER + column * col_w, y, col_w, (hi - lo) / 60 * hour_px))
    return rects


def paint_shading(view: CalendarView, painter: QPainter) -> None:
    brush = QBrush(SHADE)
    for rect in shaded_rects(view):
        painter.fillRect(rect, brush)


class ShadingLoader:
    """Loads the spans of the calendar's range for the trainers it shows."""

    def __init__(self, page: SchedulePage, service: AvailabilityService) -> None:
        self._page = page
        self._service = service
        self._generation = 0

    def reload(self) -> None:
        view = self._page.calendar
        trainer = self._page.trainer_filter()
        view.shade_trainer = trainer  # type: ignore[attr-defined]
        if view.mode is Mode.MONTH:
            ids: list[uuid.UUID] = []
        elif view.trainers is not None:
            ids = [t for t, _name in view.columns]
        else:
            ids = [trainer] if trainer is not None else []
        self._generation += 1
        generation = self._generation
        if not ids:
            self._arrived(generation, {})
            return
        first, last = view.first_day, view.first_day + timedelta(days=max(view.days, 1) - 1)
        service = self._service
        worker.run(lambda _ctx: service.shading(ids, first, last),
                   lambda found: self._arrived(generation, found), parent=self._page)

    def _arrived(self, generation: int,
                 found: dict[uuid.UUID, dict[date, list[Span]]]) -> None:
        if generation != self._generation:
            return
        view = self._page.calendar
        view.shading = {(t, d): spans for t, days in found.items()  # type: ignore[attr-defined]
                        for d, spans in days.items()}
        view.update()


def _layout_holding(layout: QLayout, widget: QWidget) -> QBoxLayout | None:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is widget and isinstance(layout, QBoxLayout):
            return layout
        child = item.layout()
        if child is not None and (found := _layout_holding(child, widget)) is not None:
            return found
    return None


def attach_availability(page: SchedulePage, service: AvailabilityService | None, actor: Actor,
                        messages: MessageBridge) -> None:
    """Shading and the 근무 시간 button on a schedule page (no service: neither)."""
    if service is None:
        return
    page.shading = ShadingLoader(page, service)
    button = QPushButton(HOURS_BUTTON.text(i18n.current_language()))
    button.setObjectName("sessionsHoursButton")
    button.setAutoDefault(False)

    def open_editor() -> None:
        trainers = [(t.id, t.display_name) for t in page.trainers]
        dialog = AvailabilityDialog(service, actor, messages, trainers, page)
        dialog.finished.connect(lambda _r: page.reload())
        dialog.open()

    button.clicked.connect(open_editor)
    root = page.layout()
    row = _layout_holding(root, page.book_button) if root is not None else None
    if row is not None:
        row.insertWidget(row.indexOf(page.sell_button), button)
    page.hours_button = button
