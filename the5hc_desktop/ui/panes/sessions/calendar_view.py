"""The painted calendar: a day or week time grid, or a month grid.

One QWidget paints everything from the items of `calendar_layout` (no widget per session),
so a full week of a busy gym paints in a few milliseconds. Where more sessions overlap
than a column has room for, one block shows their count (its tooltip names them, a click
lists them). Clicking a session selects it, right-clicking asks for its actions, clicking
a free slot asks to book it (15-minute resolution), clicking a day of the month selects it
and double-clicking opens that day. With all trainers in one grid, each block carries its
trainer's colour and name. Arrow keys move between blocks, Enter opens the one selected.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from the5hc_desktop.services.sessions import SessionStatus, SessionView
from the5hc_desktop.ui import i18n
from the5hc_desktop.ui.panes.sessions import formatting as fmt
from the5hc_desktop.ui.panes.sessions.calendar_layout import (
    CalendarItem,
    Entry,
    Mode,
    hour_span,
    layout_time_grid,
    month_cells,
    trainer_colour,
    trainer_columns,
)
from the5hc_desktop.ui.panes.sessions.calendar_shading import paint_shading

GUTTER = 54  # hour labels
HEADER = 30  # day names
MIN_HOUR_PX = 44
MONTH_HEADER = 24
MIN_MONTH_ROW = 96
SLOT_MIN = 15
WIDE_TEXT_PX = 96
MIN_TRAINER_COLUMN_PX = 76
MIN_LANE_PX = 24  # narrower lanes are gathered into a crowded block
TOOLTIP_NAMES = 12
_GRID = QColor("#e3e8ee")
_HALF_GRID = QColor("#f1f4f7")
_TEXT = QColor("#1a2733")
_MUTED = QColor(fmt.MUTED_COLOUR)
_TODAY_BG = QColor("#fff8e1")
_OTHER_MONTH = QColor("#f7f8fa")
_NOW = QColor("#e53935")
_SELECTED = QColor("#0d2a4f")
_WHITE = QColor("white")


def max_lanes_for(width: int, columns: int) -> int:
    """How many side-by-side blocks a column of a `width`-pixel calendar has room for."""
    column_w = max((width - GUTTER) / max(columns, 1), 1.0)
    return max(int((column_w - 6) // MIN_LANE_PX), 1)


class CalendarView(QWidget):
    session_clicked = Signal(object)  # Entry (a SessionView or a CalendarEntry)
    session_menu_requested = Signal(object, QPoint)  # Entry, global position
    crowd_clicked = Signal(object, QPoint)  # tuple of Entry, global position
    session_moved = Signal(object, object, object)  # Entry, naive new start, trainer or None
    slot_clicked = Signal(object, object)  # naive gym-time datetime, trainer id or None
    day_clicked = Signal(object)  # date (month grid)
    day_activated = Signal(object)  # date (month grid, double click)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarView")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Enter on the blocks
        self._language = i18n.current_language()
        self.mode = Mode.WEEK
        self.first_day = date.today()
        self.days = 7
        self.today = date.today()
        self.now: datetime | None = None
        self.sessions: tuple[Entry, ...] = ()
        self.trainers: tuple[tuple[uuid.UUID, str], ...] | None = None
        self.columns: tuple[tuple[uuid.UUID, str], ...] = ()  # day view by trainer
        self.items: tuple[CalendarItem, ...] = ()
        self.cells: tuple[tuple[Entry, ...], ...] = ()
        self.show_trainers = True  # every trainer in one grid: blocks name their trainer
        self.max_lanes = max_lanes_for(900, 7)
        self.first_hour, self.last_hour = 6, 23
        self.selected_id: object = None
        self.month: int = self.today.month
        self._font = QFont(self.font())
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self._small = QFont(self.font())
        self._small.setPointSizeF(max(self.font().pointSizeF() - 1.0, 7.0))
        self._elided: dict[tuple[str, int], str] = {}
        self._blocks_key: tuple[int, int, int] | None = None
        self._layout_generation = 0  # bumped whenever the items change
        self._blocks_cache: list[_Block] = []
        # A drag in progress: the block, where it was grabbed, where it would land.
        self._drag: CalendarItem | None = None
        self._grab = QPointF()
        self.drop_target: tuple[datetime, uuid.UUID | None] | None = None

    # --- data ---------------------------------------------------------------------------
    def range_key(self) -> tuple[object, ...]:
        return (self.mode, self.first_day, self.days, self.month, self.trainers)

    def set_range(self, mode: Mode, first_day: date, days: int, today: date,
                  month: int | None = None,
                  trainers: Sequence[tuple[uuid.UUID, str]] | None = None,
                  show_trainers: bool = True) -> None:
        """What to show; `trainers` splits a day view into one column per trainer.

        Showing the range already on screen again keeps its sessions until new ones
        arrive: a refresh after a check-off neither empties nor shrinks the grid (the
        scroll position and the selection stay)."""
        before = self.range_key()
        self.mode, self.first_day, self.days, self.today = mode, first_day, days, today
        self.month = month if month is not None else first_day.month
        self.trainers = tuple(trainers) if trainers is not None and mode is Mode.DAY else None
        self.show_trainers = show_trainers and self.trainers is None
        if self.range_key() == before:
            self.update()
            return
        self.sessions, self.items, self.cells = (), (), ()
        self._relayout()

    def set_sessions(self, sessions: Sequence[Entry], now: datetime | None = None,
                     items: tuple[CalendarItem, ...] | None = None,
                     max_lanes: int | None = None) -> None:
        """The sessions of the range; `items` laid out elsewhere (the worker lane) for
        `max_lanes` are taken as they are when that still fits the width."""
        self.sessions = tuple(sessions)
        self.now = now
        self._relayout(items if max_lanes == self._fitting_lanes() else None)

    def _fitting_lanes(self) -> int:
        return max_lanes_for(self.width(), self.column_count_for(self.sessions))

    def column_count_for(self, sessions: Sequence[Entry]) -> int:
        if self.trainers is None:
            return self.days
        return max(len(trainer_columns(self.trainers, sessions)), 1)

    def _relayout(self, items: tuple[CalendarItem, ...] | None = None) -> None:
        self._layout_generation += 1
        if self.mode is Mode.MONTH:
            self.items = ()
            self.cells = month_cells(self.sessions, self.first_day, self.days)
            self.setMinimumWidth(0)
            self.setMinimumHeight(MONTH_HEADER + MIN_MONTH_ROW * max(self.days // 7, 1))
        else:
            self.cells = ()
            by_trainer = self.trainers is not None
            self.columns = (trainer_columns(self.trainers or (), self.sessions)
                            if by_trainer else ())
            ids = [trainer for trainer, _name in self.columns] if by_trainer else None
            self.max_lanes = self._fitting_lanes()
            self.items = items if items is not None else layout_time_grid(
                self.sessions, self.first_day, self.days, ids, self.max_lanes)
            self.first_hour, self.last_hour = hour_span(self.items)
            self.setMinimumHeight(HEADER + MIN_HOUR_PX * (self.last_hour - self.first_hour))
            # Forty trainers side by side: each keeps a readable column, the view scrolls.
            self.setMinimumWidth(GUTTER + MIN_TRAINER_COLUMN_PX * len(self.columns)
                                 if by_trainer else 0)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.mode is not Mode.MONTH and self.sessions and (
                self._fitting_lanes() != self.max_lanes):
            self._relayout()  # wider or narrower: more or fewer blocks side by side
        super().resizeEvent(event)

    def select(self, session_id: object) -> None:
        self.selected_id = session_id
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, 760)

    # --- geometry -----------------------------------------------------------------------
    def _hour_px(self) -> float:
        hours = max(self.last_hour - self.first_hour, 1)
        return max(MIN_HOUR_PX, (self.height() - HEADER) / hours)

    def column_count(self) -> int:
        return max(len(self.columns), 1) if self.trainers is not None else self.days

    def _column_width(self) -> float:
        return max((self.width() - GUTTER) / max(self.column_count(), 1), 1.0)

    def _column_day(self, column: int) -> date:
        return self.first_day if self.trainers is not None else (
            self.first_day + timedelta(days=column))

    def item_rect(self, item: CalendarItem) -> QRectF:
        return self._rect(item, self._hour_px(), self._column_width())

    def _rect(self, item: CalendarItem, hour_px: float, col_w: float) -> QRectF:
        """The block of `item`: its lane's share of the column, start to end, 14 px at least."""
        lane_w = (col_w - 6) / item.lanes
        x = GUTTER + item.column * col_w + 2 + item.lane * lane_w
        y = HEADER + (item.start_min / 60 - self.first_hour) * hour_px
        height = max((item.end_min - item.start_min) / 60 * hour_px, 14.0)
        return QRectF(x, y + 1, lane_w - 2, height - 2)

    def _month_cell(self, index: int) -> QRectF:
        rows = max(self.days // 7, 1)
        cell_w = self.width() / 7
        cell_h = (self.height() - MONTH_HEADER) / rows
        return QRectF((index % 7) * cell_w, MONTH_HEADER + (index // 7) * cell_h, cell_w, cell_h)

    def item_at(self, point: QPointF) -> CalendarItem | None:
        for item in reversed(self.items):
            if self.item_rect(item).contains(point):
                return item
        return None

    def slot_at(self, point: QPointF) -> tuple[datetime, uuid.UUID | None] | None:
        """The quarter hour (and trainer column) under `point` on a time grid."""
        if self.mode is Mode.MONTH or point.x() < GUTTER or point.y() < HEADER:
            return None
        column = int((point.x() - GUTTER) // self._column_width())
        if not 0 <= column < self.column_count():
            return None
        minutes = (self.first_hour + (point.y() - HEADER) / self._hour_px()) * 60
        minutes = int(minutes // SLOT_MIN * SLOT_MIN)
        if not 0 <= minutes < 24 * 60:
            return None
        trainer = self.columns[column][0] if self.trainers is not None and self.columns else None
        when = datetime.combine(self._column_day(column), time(minutes // 60, minutes % 60))
        return when, trainer

    def slot_point(self, when: datetime, column: int | None = None) -> QPointF:
        """Centre of the quarter hour starting at `when` (tests click free slots with it)."""
        if column is None:
            column = (when.date() - self.first_day).days
        hours = when.hour + (when.minute + SLOT_MIN / 2) / 60 - self.first_hour
        return QPointF(GUTTER + (column + 0.5) * self._column_width(),
                       HEADER + hours * self._hour_px())

    def day_at(self, point: QPointF) -> date | None:
        if self.mode is not Mode.MONTH or point.y() < MONTH_HEADER:
            return None
        for index in range(self.days):
            if self._month_cell(index).contains(point):
                return self.first_day + timedelta(days=index)
        return None

    def _month_session_at(self, point: QPointF) -> Entry | None:
        day = self.day_at(point)
        if day is None:
            return None
        index = (day - self.first_day).days
        cell = self._month_cell(index)
        line = QFontMetrics(self._small).height() + 2
        row = int((point.y() - cell.top() - 22) // line)
        shown = self._month_lines(cell, len(self.cells[index]))
        if 0 <= row < shown:
            return self.cells[index][row]
        return None

    def _month_lines(self, cell: QRectF, count: int) -> int:
        line = QFontMetrics(self._small).height() + 2
        room = max(int((cell.height() - 24) // line), 0)
        return count if count <= room else max(room - 1, 0)

    # --- mouse --------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        point = event.position()
        if self.mode is Mode.MONTH:
            view = self._month_session_at(point)
            if view is not None:
                self.select(view.id)
                self.session_clicked.emit(view)
                return
            day = self.day_at(point)
            if day is not None:
                self.day_clicked.emit(day)
            return
        item = self.item_at(point)
        if item is not None:
            if not item.crowd and item.status is SessionStatus.SCHEDULED:
                self._drag, self.drop_target = item, None
                self._grab = point - self.item_rect(item).topLeft()
            self._open(item, self.mapToGlobal(point.toPoint()))
            return
        slot = self.slot_at(point)
        if slot is not None:
            self.slot_clicked.emit(*slot)

    # --- drag to reschedule -----------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None or not event.buttons() & Qt.MouseButton.LeftButton:
            super().mouseMoveEvent(event)
            return
        point = event.position()
        moved = point - (self.item_rect(self._drag).topLeft() + self._grab)
        if self.drop_target is None and moved.manhattanLength() < (
                QApplication.startDragDistance()):
            return
        self.drop_target = self.drop_slot(self._drag, point - self._grab)
        self.update()

    def drop_slot(self, item: CalendarItem, top_left: QPointF
                  ) -> tuple[datetime, uuid.UUID | None] | None:
        """Where a block whose top-left corner is at `top_left` would start (and with whom)."""
        slot = self.slot_at(QPointF(max(top_left.x() + 8, GUTTER + 1), max(top_left.y(),
                                                                          HEADER + 1)))
        if slot is None:
            return None
        when, trainer = slot
        if trainer is None or trainer == item.session.trainer_id:
            trainer = None
        return when, trainer

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        item, target = self._drag, self.drop_target
        self._drag, self.drop_target = None, None
        if item is not None and target is not None:
            self.update()
            when, trainer = target
            start = item.session.starts_at.replace(tzinfo=None)
            if when != start or trainer is not None:
                self.session_moved.emit(item.session, when, trainer)
            return
        super().mouseReleaseEvent(event)

    def _paint_drop(self, painter: QPainter) -> None:
        """The outline of where the dragged block would land, with its new time."""
        if self._drag is None or self.drop_target is None:
            return
        when, trainer = self.drop_target
        column = ((when.date() - self.first_day).days if self.trainers is None else next(
            (n for n, (t, _name) in enumerate(self.columns)
             if t == (trainer or self._drag.session.trainer_id)), 0))
        start = when.hour * 60 + when.minute
        ghost = CalendarItem(self._drag.session, column, start,
                             start + self._drag.session.duration_min, 0, 1)
        rect = self.item_rect(ghost)
        painter.fillRect(rect, QColor(30, 111, 217, 60))
        painter.setPen(QPen(_SELECTED, 2, Qt.PenStyle.DashLine))
        painter.drawRect(rect)
        painter.setPen(_TEXT)
        painter.drawText(rect.adjusted(6, 2, -2, 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         f"{fmt.hhmm(when)} {self._drag.session.client_name}")

    def _open(self, item: CalendarItem, where: QPoint) -> None:
        """A session is selected and shown; a crowded block lists its sessions."""
        self.select(item.session.id)
        if item.crowd:
            self.crowd_clicked.emit(item.crowd, where)
        else:
            self.session_clicked.emit(item.session)

    def selected_item(self) -> CalendarItem | None:
        return next((i for i in self.items if any(e.id == self.selected_id
                                                  for e in i.entries())), None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """↑/↓ the previous/next block of the column, ←/→ the nearest block of the
        neighbouring column, Enter opens it, the menu key asks for its actions."""
        key = Qt.Key(event.key())
        current = self.selected_item()
        if key == Qt.Key.Key_Escape and self._drag is not None:
            self._drag, self.drop_target = None, None  # the drag is called off
            self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current is not None:
            self._open(current, self.mapToGlobal(self.item_rect(current).center().toPoint()))
            return
        if key == Qt.Key.Key_Menu and current is not None and not current.crowd:
            where = self.mapToGlobal(self.item_rect(current).center().toPoint())
            self.session_menu_requested.emit(current.session, where)
            return
        moves = {Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1),
                 Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0)}
        if key not in moves or self.mode is Mode.MONTH or not self.items:
            super().keyPressEvent(event)
            return
        target = self.neighbour(current, *moves[key])
        if target is not None:
            self.select(target.session.id)
            if not target.crowd:
                self.session_clicked.emit(target.session)
        event.accept()

    def neighbour(self, current: CalendarItem | None, columns: int, steps: int
                  ) -> CalendarItem | None:
        """The block an arrow key moves to from `current` (the first block when none)."""
        ordered = sorted(self.items, key=lambda i: (i.column, i.start_min, i.lane))
        if current is None:
            return ordered[0]
        if columns == 0:
            index = ordered.index(current) + steps
            return ordered[index] if 0 <= index < len(ordered) else None
        column = current.column + columns
        while 0 <= column < self.column_count():
            there = [i for i in ordered if i.column == column]
            if there:
                return min(there, key=lambda i: (abs(i.start_min - current.start_min), i.lane))
            column += columns
        return None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.mode is Mode.MONTH and event.button() == Qt.MouseButton.LeftButton:
            day = self.day_at(event.position())
            if day is not None:
                self.day_activated.emit(day)
                return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        point = QPointF(event.pos())
        crowded = self.item_at(point) if self.mode is not Mode.MONTH else None
        if crowded is not None and crowded.crowd:
            self._open(crowded, event.globalPos())
            return
        view = (self._month_session_at(point) if self.mode is Mode.MONTH
                else (item.session if (item := self.item_at(point)) else None))
        if view is not None:
            self.select(view.id)
            self.session_menu_requested.emit(view, event.globalPos())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            point = QPointF(event.pos())
            item = self.item_at(point) if self.mode is not Mode.MONTH else None
            view = self._month_session_at(point) if self.mode is Mode.MONTH else (
                item.session if item is not None else None)
            if item is not None and item.crowd:
                QToolTip.showText(event.globalPos(), self.describe_crowd(item.crowd), self)
            elif view is not None:
                QToolTip.showText(event.globalPos(), self.describe(view), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def describe(self, view: Entry) -> str:
        if not isinstance(view, SessionView):
            return self.tr("{client} · {time}\n{trainer} · {status}").format(
                client=view.client_name, time=fmt.time_span(view.starts_at, view.ends_at),
                trainer=view.trainer_name, status=fmt.status_text(view.status, self._language))
        return self.tr(
            "{client} · {time}\n{package} · {trainer}\n{status} · {remaining} sessions left"
        ).format(client=view.client_name, time=fmt.time_span(view.starts_at, view.ends_at),
                 package=view.package_name, trainer=view.trainer_name,
                 status=fmt.status_text(view.status, self._language),
                 remaining=view.remaining_sessions)

    def describe_crowd(self, crowd: Sequence[Entry]) -> str:
        """A crowded block's tooltip: how many, then who with whom (the first dozen)."""
        lines = [self.tr("{count} sessions").format(count=len(crowd))]
        for view in crowd[:TOOLTIP_NAMES]:
            lines.append(f"{fmt.hhmm(view.starts_at)} {view.client_name} · {view.trainer_name}"
                         f" · {fmt.status_text(view.status, self._language)}")
        if len(crowd) > TOOLTIP_NAMES:
            lines.append(self.tr("+{count} more").format(count=len(crowd) - TOOLTIP_NAMES))
        return "\n".join(lines)

    # --- painting -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor("white"))
            if self.mode is Mode.MONTH:
                self._paint_month(painter)
            else:
                self._paint_grid(painter)
                self._paint_items(painter)
                self._paint_drop(painter)
        finally:
            painter.end()

    def _paint_grid(self, painter: QPainter) -> None:
        hour_px, col_w = self._hour_px(), self._column_width()
        width, bottom = self.width(), HEADER + hour_px * (self.last_hour - self.first_hour)
        painter.setFont(self._bold)
        metrics = QFontMetrics(self._bold)
        count = self.column_count()
        room = int(col_w) - 6
        titles = self.header_titles()
        for column in range(count):
            day = self._column_day(column)
            x = GUTTER + column * col_w
            if day == self.today and self.mode is Mode.WEEK:
                painter.fillRect(QRectF(x, 0, col_w, bottom), _TODAY_BG)
            painter.setPen(_TEXT if self.trainers is not None else _weekday_colour(day))
            title = titles[column]
            painter.drawText(QRectF(x, 0, col_w, HEADER), Qt.AlignmentFlag.AlignCenter,
                             metrics.elidedText(title, Qt.TextElideMode.ElideRight, room))
        paint_shading(self, painter)  # outside the trainer's availability
        painter.setFont(self._small)
        for hour in range(self.first_hour, self.last_hour + 1):
            y = HEADER + (hour - self.first_hour) * hour_px
            painter.setPen(_GRID)
            painter.drawLine(QPointF(GUTTER, y), QPointF(width, y))
            if hour < self.last_hour:
                painter.setPen(_HALF_GRID)
                painter.drawLine(QPointF(GUTTER, y + hour_px / 2), QPointF(width, y + hour_px / 2))
                painter.setPen(_MUTED)
                painter.drawText(QRectF(0, y + 2, GUTTER - 8, 16),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                                 f"{hour:02d}:00")
        painter.setPen(_GRID)
        for column in range(count + 1):
            x = GUTTER + column * col_w
            painter.drawLine(QPointF(x, 0), QPointF(x, bottom))
        if self.now is not None and self.first_day <= self.now.date() < (
                self.first_day + timedelta(days=self.days)):
            hours = self.now.hour + self.now.minute / 60 - self.first_hour
            if 0 <= hours <= self.last_hour - self.first_hour:
                y = HEADER + hours * hour_px
                first = 0 if self.trainers is not None else (self.now.date() - self.first_day).days
                last = count if self.trainers is not None else first + 1
                painter.setPen(QPen(_NOW, 2))
                painter.drawLine(QPointF(GUTTER + first * col_w, y),
                                 QPointF(GUTTER + last * col_w, y))

    def header_titles(self) -> list[str]:
        """The column titles of a time grid: trainers, or days in the longest form that
        fits every column whole."""
        count = self.column_count()
        if self.trainers is not None:
            return [self.columns[c][1] if c < len(self.columns) else self.tr("No trainer")
                    for c in range(count)]
        metrics = QFontMetrics(self._bold)
        form = self._day_title_form(metrics, int(self._column_width()) - 6, count)
        return [self._day_titles(self._column_day(c))[form] for c in range(count)]

    def _day_titles(self, day: date) -> tuple[str, str, str]:
        """"11/16 (월)", then shorter: "16 (월)", "월" — the weekday always stays."""
        weekday = fmt.weekday_short(day, self._language)
        return (f"{day.month}/{day.day} ({weekday})", f"{day.day} ({weekday})", weekday)

    def _day_title_form(self, metrics: QFontMetrics, room: int, count: int) -> int:
        """The longest form every day header shows whole (never "11/16 (M…"); one form
        for all the columns, so the headers line up."""
        titles = [self._day_titles(self._column_day(column)) for column in range(count)]
        for form in (0, 1):
            if all(metrics.horizontalAdvance(title[form]) <= room - 2 for title in titles):
                return form
        return 2

    def _paint_items(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setFont(self._small)
        painter.setPen(_WHITE)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        selected: QRectF | None = None
        for block in self._blocks():
            painter.fillRect(block.rect, block.fill)
            painter.fillRect(block.edge_rect, block.edge)
            if block.crowded:
                painter.setPen(_WHITE)
                painter.drawRect(block.rect.adjusted(0, 0, -1, -1))
            for text_rect, text in block.lines:
                painter.drawText(text_rect, align, text)
            if block.session_id == self.selected_id:
                selected = block.rect
        if selected is not None:
            painter.setPen(QPen(_SELECTED, 2))
            painter.drawRect(selected.adjusted(1, 1, -1, -1))

    def _blocks(self) -> list[_Block]:
        """Rectangles, colours and elided text of every item, kept until size or data change.

        Repaints (scrolling, selection, tooltips) then only fill and draw; a new week pays
        the geometry once. Elided strings are cached by (text, width) — names repeat.
        """
        key = (self.width(), self.height(), self._layout_generation)
        if key == self._blocks_key:
            return self._blocks_cache
        metrics = QFontMetrics(self._small)
        line = metrics.height()
        hour_px, col_w = self._hour_px(), self._column_width()
        colours: dict[str, tuple[QColor, QColor]] = {}
        elided = self._elided
        with_trainer = self.show_trainers
        edge_w = 5 if with_trainer else 3
        blocks: list[_Block] = []
        for item in self.items:
            rect = self._rect(item, hour_px, col_w)
            x, y, height = rect.x(), rect.y(), rect.height()
            shades = colours.get(item.colour)
            if shades is None:
                shades = colours[item.colour] = _shades(item.colour)
            edge = shades[1]
            if with_trainer and not item.crowd:
                edge = colours.setdefault(trainer_colour(item.session.trainer_id).upper(),
                                          _shades(trainer_colour(item.session.trainer_id)))[0]
            lines: list[tuple[QRectF, str]] = []
            text_w = int(rect.width()) - edge_w - 2
            if text_w >= 12 and height >= line:
                view = item.session
                wide = text_w >= WIDE_TEXT_PX
                if item.crowd:
                    texts = self._crowd_lines(item, wide)
                else:
                    # Narrow blocks show the name first: the time is where the block sits.
                    texts = [f"{fmt.hhmm(view.starts_at)} {view.client_name}" if wide
                             else view.client_name]
                    if with_trainer:
                        texts.append(view.trainer_name)
                    second = self._second_line(view, wide)
                    if second:
                        texts.append(second)
                texts = texts[:max(int(height // line), 1)]
                for number, text in enumerate(texts):
                    short = elided.get((text, text_w))
                    if short is None:
                        short = elided[(text, text_w)] = metrics.elidedText(
                            text, Qt.TextElideMode.ElideRight, text_w)
                    if (number and not item.crowd and short != text
                            and not any(c.isdigit() for c in short)):
                        continue  # "잔…" says nothing: the tooltip has the details
                    lines.append((QRectF(x + edge_w + 1, y + 1 + number * line, text_w, line),
                                  short))
            blocks.append(_Block(item.session.id, rect, QRectF(x, y, edge_w, height), shades[0],
                                 edge, tuple(lines), bool(item.crowd)))
        if len(elided) > 20_000:  # a long day at the desk: keep memory flat
            elided.clear()
        self._blocks_key, self._blocks_cache = key, blocks
        return blocks

    def _second_line(self, view: Entry, wide: bool) -> str:
        status = fmt.status_text(view.status, self._language)
        if not isinstance(view, SessionView):  # the calendar's entries carry no balance
            return "" if view.status is SessionStatus.SCHEDULED else status
        left = self.tr("{count} left").format(count=view.remaining_sessions)
        if view.status is SessionStatus.SCHEDULED or not wide:
            return left
        return f"{status} · {left}"

    def _crowd_lines(self, item: CalendarItem, wide: bool) -> list[str]:
        """"10:00 · 27 sessions", then the first names (the tooltip lists them all)."""
        count = self.tr("{count} sessions").format(count=item.count)
        first = f"{fmt.hhmm(item.session.starts_at)} · {count}" if wide else count
        return [first, ", ".join(entry.client_name for entry in item.crowd[:6])]

    def _paint_month(self, painter: QPainter) -> None:
        cell_w = self.width() / 7
        painter.setFont(self._bold)
        for column in range(7):
            day = self.first_day + timedelta(days=column)
            painter.setPen(_weekday_colour(day))
            painter.drawText(QRectF(column * cell_w, 0, cell_w, MONTH_HEADER),
                             Qt.AlignmentFlag.AlignCenter, fmt.weekday_short(day, self._language))
        metrics = QFontMetrics(self._small)
        line = metrics.height() + 2
        for index in range(self.days):
            day = self.first_day + timedelta(days=index)
            cell = self._month_cell(index)
            if day == self.today:
                painter.fillRect(cell, _TODAY_BG)
            elif day.month != self.month:
                painter.fillRect(cell, _OTHER_MONTH)
            painter.setPen(_GRID)
            painter.drawRect(cell)
            painter.setFont(self._bold if day == self.today else self._font)
            painter.setPen(_weekday_colour(day) if day.month == self.month else _MUTED)
            painter.drawText(cell.adjusted(6, 3, -6, 0),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, str(day.day))
            views = self.cells[index] if index < len(self.cells) else ()
            if not views:
                continue
            painter.setFont(self._small)
            painter.setPen(_MUTED)
            painter.drawText(cell.adjusted(6, 3, -6, 0),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                             self.tr("{count} sessions").format(count=len(views)))
            shown = self._month_lines(cell, len(views))
            text_w = int(cell.width()) - 16
            for row, view in enumerate(views[:shown]):
                y = cell.top() + 22 + row * line
                colour = QColor(fmt.STATUS_COLOURS[view.status])
                marker = QColor(trainer_colour(view.trainer_id)) if self.show_trainers else colour
                painter.fillRect(QRectF(cell.left() + 5, y + 3, 4, line - 6), marker)
                if view.id == self.selected_id:
                    painter.fillRect(QRectF(cell.left() + 2, y, cell.width() - 4, line),
                                     QColor("#dbe7f7"))
                painter.setPen(colour if view.status is not SessionStatus.SCHEDULED else _TEXT)
                painter.drawText(QRectF(cell.left() + 12, y, text_w, line),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 month_line(view, metrics, text_w))
            hidden = len(views) - shown
            if hidden > 0:
                painter.setPen(_MUTED)
                painter.drawText(
                    QRectF(cell.left() + 12, cell.top() + 22 + shown * line, text_w, line),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    self.tr("+{count} more").format(count=hidden))


def month_line(view: Entry, metrics: QFontMetrics, width: int) -> str:
    """A month cell's line: "07:00 김민수" when it fits, else the name alone (elided) —
    never "07:00 …", which names nobody."""
    text = f"{fmt.hhmm(view.starts_at)} {view.client_name}"
    if metrics.horizontalAdvance(text) <= width:
        return text
    return metrics.elidedText(view.client_name, Qt.TextElideMode.ElideRight, width)


@dataclass(frozen=True, slots=True)
class _Block:
    """One session (or crowded slot) as painted: rectangle, colours, (elided) lines."""

    session_id: uuid.UUID
    rect: QRectF
    edge_rect: QRectF
    fill: QColor
    edge: QColor
    lines: tuple[tuple[QRectF, str], ...]
    crowded: bool = False


def _shades(colour: str) -> tuple[QColor, QColor]:
    """Fill and edge of a session block: the status colour and a darker edge."""
    base = QColor(colour)
    return base, base.darker(135)


def _weekday_colour(day: date) -> QColor:
    if day.weekday() == 6:
        return QColor("#c62828")
    if day.weekday() == 5:
        return QColor("#1565c0")
    return _TEXT
