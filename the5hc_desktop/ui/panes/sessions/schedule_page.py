"""일정: the calendar with its toolbar, today's sessions and the selected session.

Day / week / month (painted, filterable by trainer), 이전/오늘/다음, a click on a free
slot asks to book it, a click on a session shows it, a right-click offers its actions.
Today's list on the right checks sessions off in one click (docs/rules.md §5); only the actions
that use a credit — complete, and no-show when the gym's setting says it consumes — ask
first. Every check-off can be undone: from its row, its right-click menu, and with Ctrl+Z
right after it (the last check-off made on this page). The page loads through
`worker.run` and tells the pane by signal what the user wants next (book, sell, a
member's packages) or that credits moved (`changed`).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.services.accounts import StaffView
from the5hc_desktop.services.availability import OutsideAvailability
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.sessions import (
    SessionService,
    SessionStatus,
    SessionView,
)
from the5hc_desktop.services.settings import GymSettings
from the5hc_desktop.ui import dialogs, i18n, worker
from the5hc_desktop.ui.messages import MessageBridge, error_text
from the5hc_desktop.ui.panes.sessions import formatting as fmt
from the5hc_desktop.ui.panes.sessions.calendar_layout import (
    CalendarItem,
    Entry,
    Mode,
    layout_time_grid,
    step,
    trainer_colour,
    trainer_columns,
    visible_range,
)
from the5hc_desktop.ui.panes.sessions.calendar_view import CalendarView, max_lanes_for
from the5hc_desktop.ui.panes.sessions.session_detail import SessionDetail
from the5hc_desktop.ui.panes.sessions.today_list import (
    CANCEL,
    COMPLETE,
    NO_SHOW,
    UNDO,
    TodayList,
    actions_for,
)
from the5hc_desktop.ui.panes.sessions.widgets import find_data

CROWD_MENU_ROWS = 25

if TYPE_CHECKING:
    from the5hc_desktop.ui.panes.sessions.calendar_shading import ShadingLoader


@dataclass(frozen=True)
class Schedule:
    shown: tuple[Entry, ...]
    items: tuple[CalendarItem, ...] | None = None  # the time grid, laid out on the worker
    max_lanes: int | None = None


@dataclass(frozen=True)
class GridRequest:
    """What the worker needs to lay a time grid out as the calendar will show it."""

    first: date
    days: int
    columns: tuple[tuple[uuid.UUID, str], ...] | None  # the day view by trainer
    max_lanes: int


def load_schedule(sessions: SessionService, actor: Actor, first: date, end: date,
                  trainer: uuid.UUID | None, grid: GridRequest | None = None) -> Schedule:
    """Worker: the calendar's entries, laid out when `grid` says how. Today's list (full
    views, with balances) comes in a task of its own, so the calendar paints first."""
    shown = sessions.calendar_range(actor, first, end, trainer)
    items = None
    if grid is not None:
        ids = ([t for t, _name in trainer_columns(grid.columns, shown)]
               if grid.columns is not None else None)
        items = layout_time_grid(shown, grid.first, grid.days, ids, grid.max_lanes)
    return Schedule(shown, items, grid.max_lanes if grid is not None else None)


class SchedulePage(QWidget):
    """The 일정 tab of the 세션 관리 pane (see the module docstring)."""

    book_requested = Signal(object, object)  # start (naive gym time) or None, trainer or None
    recurring_requested = Signal()  # 반복 예약…
    sell_requested = Signal()
    packages_requested = Signal(object, str)  # client id, name
    changed = Signal()  # a session changed state: credits moved
    calendar_loaded = Signal()  # the range on screen has its sessions
    shading: ShadingLoader | None = None  # set by calendar_shading.attach_availability
    hours_button: QPushButton | None = None

    def __init__(
        self,
        sessions: SessionService,
        actor: Actor,
        messages: MessageBridge,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("schedulePage")
        self._sessions = sessions
        self._actor = actor
        self._messages = messages
        self._now = now
        self._language = i18n.current_language()
        self._generation = 0
        self.no_show_consumes = True
        self.trainers: tuple[StaffView, ...] = ()
        self.schedule: Schedule | None = None
        self.today_views: tuple[SessionView, ...] = ()
        self.mode = Mode.WEEK
        self.anchor = self.today()
        self.last_check_off: SessionView | None = None  # what Ctrl+Z takes back
        self.last_move: SessionView | None = None  # or the move just made (as it was before)
        self._build()
        self.undo_action = QAction(self.tr("Undo the last check-off or move"), self)
        self.undo_action.setObjectName("sessionsUndoAction")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo_last)
        self.addAction(self.undo_action)
        self._show_range()

    def today(self) -> date:
        return self._now().date()

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.calendar = CalendarView()
        self.calendar.session_clicked.connect(self.show_session)
        self.calendar.session_menu_requested.connect(self._session_menu)
        self.calendar.crowd_clicked.connect(self._crowd_menu)
        self.calendar.session_moved.connect(self.move_session)
        self.calendar.slot_clicked.connect(self.book_requested)
        self.calendar.day_clicked.connect(self._day_clicked)
        self.calendar.day_activated.connect(lambda day: self.show_day(day, Mode.DAY))
        self.calendar_scroll = scroll = QScrollArea()
        scroll.setObjectName("calendarScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.calendar)
        self.legend = QLabel(self._legend_html())
        self.legend.setObjectName("calendarLegend")
        self.legend.setWordWrap(True)  # a narrow calendar wraps the hint, never widens
        # A refused move is said here, beside the calendar it was tried on (no dialog).
        self.move_notice = QLabel()
        self.move_notice.setObjectName("calendarMoveNotice")
        self.move_notice.setWordWrap(True)
        self.move_notice.setStyleSheet("color: #c62828; font-weight: bold;")
        self.move_notice.hide()
        calendar_box = QWidget()
        calendar_column = QVBoxLayout(calendar_box)
        calendar_column.setContentsMargins(0, 0, 0, 0)
        calendar_column.addWidget(self.move_notice)
        calendar_column.addWidget(scroll, 1)
        calendar_column.addWidget(self.legend)

        side = QWidget()
        side.setObjectName("scheduleSide")
        self.today_label = QLabel()
        self.today_label.setObjectName("todayTitle")
        self.today_label.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.today_list = TodayList()
        self.today_list.action_requested.connect(self.act)
        self.today_list.session_selected.connect(self.show_session)
        self.detail = SessionDetail()
        self.detail.action_requested.connect(self.act)
        self.detail.packages_requested.connect(
            lambda view: self.packages_requested.emit(view.client_id, view.client_name))
        column = QVBoxLayout(side)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(self.today_label)
        column.addWidget(self.today_list, 3)
        column.addWidget(self.detail, 2)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("sessionsSplitter")
        self.splitter.addWidget(calendar_box)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([820, 400])  # today's list: never below its minimum width
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(self._build_toolbar())
        layout.addWidget(self.splitter, 1)

    def _legend_html(self) -> str:
        """Status colours (the fill), then — with every trainer in one grid — each trainer's
        colour (the block's edge), then the hint."""
        parts = [f"<span style='color:{colour}'>■</span> {fmt.status_text(status, self._language)}"
                 for status, colour in fmt.STATUS_COLOURS.items()]
        hint = self.tr("Click a free time to book; right-click a session for its actions.")
        gap = "&nbsp;&nbsp;&nbsp;"
        legend = gap.join(parts)
        if self.calendar.show_trainers and self.trainers:
            shown = {entry.trainer_id for entry in self.calendar.sessions}
            names = [f"<span style='color:{trainer_colour(t.id)}'>▌</span>{t.display_name}"
                     for t in self.trainers if t.id in shown or not shown]
            legend += "<br>" + "&nbsp; ".join(names)  # wraps between trainers
        return f"{legend}{gap}<span style='color:{fmt.MUTED_COLOUR}'>{hint}</span>"

    def _build_toolbar(self) -> QHBoxLayout:
        """One row that fits a 1366-pixel screen even at 125 % scaling: the navigation
        buttons are as wide as their text (a QPushButton is at least 80 px), and every
        button keeps its whole text."""
        def button(name: str, text: str, tip: str = "") -> QPushButton:
            made = QPushButton(text)
            made.setObjectName(name)
            made.setToolTip(tip)
            made.setAutoDefault(False)
            made.setMinimumWidth(made.sizeHint().width())
            return made

        def step_button(name: str, text: str, tip: str = "") -> QToolButton:
            made = QToolButton()
            made.setObjectName(name)
            made.setText(text)
            made.setToolTip(tip)
            made.setMinimumWidth(max(48, made.sizeHint().width() + 12))
            return made

        self.prev_button = step_button("calendarPrev", self.tr("◀ Previous"))
        self.prev_button.clicked.connect(lambda: self.go(-1))
        self.today_button = step_button("calendarToday", self.tr("Today"))
        self.today_button.clicked.connect(self.go_today)
        self.next_button = step_button("calendarNext", self.tr("Next ▶"))
        self.next_button.clicked.connect(lambda: self.go(1))
        self.range_label = QLabel()
        self.range_label.setObjectName("calendarTitle")
        self.range_label.setStyleSheet("font-size: 13pt; font-weight: bold; padding: 0 10px;")
        title_font = QFont(self.range_label.font())
        title_font.setPointSizeF(13)
        title_font.setBold(True)
        widest = max(QFontMetrics(title_font).horizontalAdvance(text) for text in (
            "0000-00-00 – 00-00", fmt.day_text(date(2000, 12, 27), self._language),
            fmt.month_title(date(2000, 9, 1), self._language)))  # Wed, September
        self.range_label.setMinimumWidth(widest + 24)  # the title never jiggles the row
        row = QHBoxLayout()
        for widget in (self.prev_button, self.today_button, self.next_button, self.range_label):
            row.addWidget(widget)
        row.addStretch(1)
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[Mode, QToolButton] = {}
        for mode, text in ((Mode.DAY, self.tr("Day")), (Mode.WEEK, self.tr("Week")),
                           (Mode.MONTH, self.tr("Month"))):
            mode_button = QToolButton()
            mode_button.setObjectName(f"calendar{mode.value.capitalize()}")
            mode_button.setText(text)
            mode_button.setCheckable(True)
            mode_button.setChecked(mode is self.mode)
            mode_button.setMinimumWidth(48)
            mode_button.clicked.connect(lambda _c=False, m=mode: self.set_mode(m))
            self.mode_group.addButton(mode_button)
            self.mode_buttons[mode] = mode_button
            row.addWidget(mode_button)
        self.trainer_combo = QComboBox()
        self.trainer_combo.setObjectName("calendarTrainer")
        self.trainer_combo.addItem(self.tr("All trainers"), None)
        self.trainer_combo.setMinimumWidth(140)
        self.trainer_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.sell_button = button("sessionsSellButton", self.tr("Sell package…"))
        self.sell_button.clicked.connect(self.sell_requested)
        self.book_button = button("sessionsBookButton", self.tr("Book session…"),
                                  self.tr("Book a session (Ctrl+B)"))
        self.book_button.clicked.connect(lambda: self.book_requested.emit(None, None))
        self.recurring_button = button("sessionsRecurringButton", self.tr("Recurring…"),
                                       self.tr("Book a weekly series (e.g. Mon·Wed 19:00, "
                                               "10 times)"))
        self.recurring_button.clicked.connect(self.recurring_requested)
        row.addSpacing(8)
        row.addWidget(self.trainer_combo)
        row.addSpacing(8)
        row.addWidget(self.sell_button)
        row.addWidget(self.book_button)
        row.addWidget(self.recurring_button)
        return row

    # --- loading ----------------------------------------------------------------------------
    def set_basics(self, settings: GymSettings, trainers: Sequence[StaffView]) -> None:
        """The gym's no-show rule and the trainers for the filter and the day columns."""
        self.no_show_consumes = settings.no_show_consumes_credit
        self.trainers = tuple(trainers)
        self.trainer_combo.blockSignals(True)
        while self.trainer_combo.count() > 1:
            self.trainer_combo.removeItem(1)
        for trainer in self.trainers:
            self.trainer_combo.addItem(trainer.display_name, trainer.id)
        if self._actor.role is Role.TRAINER:  # a trainer starts with their own diary
            self.trainer_combo.setCurrentIndex(
                max(find_data(self.trainer_combo, self._actor.staff_id), 0))
        self.trainer_combo.blockSignals(False)
        self.anchor = self.today()
        self._show_range()

    def trainer_filter(self) -> uuid.UUID | None:
        value = self.trainer_combo.currentData()
        return value if isinstance(value, uuid.UUID) else None

    def reload(self) -> None:
        self._show_range()
        self._generation += 1
        generation = self._generation
        first, end = visible_range(self.mode, self.anchor)
        today, trainer = self.today(), self.trainer_filter()
        sessions, actor = self._sessions, self._actor
        grid = None
        if self.mode is not Mode.MONTH:
            columns = self.calendar.trainers
            count = self.calendar.days if columns is None else max(len(columns), 1)
            grid = GridRequest(first, self.calendar.days, columns,
                               max_lanes_for(self.calendar.width(), count))
        # The week first, then today's list (full views) and the shading: the lane runs
        # them in order, so the calendar paints before the rest is loaded.
        worker.run(
            lambda _ctx: load_schedule(sessions, actor, first, end, trainer, grid),
            lambda schedule: self._arrived(generation, schedule),
            progress_label=self.tr("Loading the calendar…"),
            parent=self,
        )
        worker.run(lambda _ctx: sessions.day(actor, today, trainer),
                   lambda views: self._today_arrived(generation, views), parent=self)
        if self.shading is not None:
            self.shading.reload()

    def _arrived(self, generation: int, schedule: Schedule) -> None:
        if generation != self._generation:
            return
        self.schedule = schedule
        scrolled = self.calendar_scroll.verticalScrollBar().value()
        self.calendar.set_sessions(schedule.shown, self._now(), schedule.items,
                                   schedule.max_lanes)
        self.calendar_scroll.verticalScrollBar().setValue(scrolled)  # a refresh never jumps
        self.legend.setText(self._legend_html())
        self.calendar_loaded.emit()

    def _today_arrived(self, generation: int, views: tuple[SessionView, ...]) -> None:
        if generation != self._generation:
            return
        self.today_views = views
        self.today_list.set_sessions(views)
        self.today_label.setText(self.tr("Today · {day} · {count} sessions").format(
            day=fmt.day_text(self.today(), self._language), count=len(views)))
        shown = self.detail.view
        if shown is not None:
            fresh = next((v for v in views if v.id == shown.id), None)
            if fresh is not None:
                self.detail.show_session(fresh)
            else:
                self._load_full(shown.id, self.detail.show_session)

    # --- navigation ---------------------------------------------------------------------------
    def _show_range(self) -> None:
        first, end = visible_range(self.mode, self.anchor)
        by_trainer = self.mode is Mode.DAY and self.trainer_filter() is None
        columns = [(t.id, t.display_name) for t in self.trainers] if by_trainer else None
        self.calendar.set_range(self.mode, first, (end - first).days, self.today(),
                                month=self.anchor.month, trainers=columns,
                                show_trainers=self.trainer_filter() is None)
        self.range_label.setText(self._range_title(first, end))
        self.mode_buttons[self.mode].setChecked(True)

    def _range_title(self, first: date, end: date) -> str:
        if self.mode is Mode.DAY:
            return fmt.day_text(first, self._language)
        if self.mode is Mode.MONTH:
            return fmt.month_title(self.anchor, self._language)
        return f"{first.isoformat()} – {end - timedelta(days=1):%m-%d}"

    def set_mode(self, mode: Mode) -> None:
        self.mode = mode
        self.reload()

    def go(self, direction: int) -> None:
        self.anchor = step(self.mode, self.anchor, direction)
        self.reload()

    def go_today(self) -> None:
        self.anchor = self.today()
        self.reload()

    def show_day(self, day: date, mode: Mode | None = None) -> None:
        self.anchor = day
        if mode is not None:
            self.mode = mode
        self.reload()

    def _day_clicked(self, day: date) -> None:
        self.anchor = day  # month view: "Day" or "Week" then opens around it

    # --- a session ----------------------------------------------------------------------------
    def show_session(self, view: Entry) -> None:
        """Select a session everywhere; the calendar's entries carry no balance, so the
        detail gets the full view (from today's list, or loaded on the worker)."""
        self.calendar.select(view.id)
        self.today_list.select(view.id)
        if isinstance(view, SessionView):
            self.detail.show_session(view)
        else:
            self._load_full(view.id, self._show_full)

    def _show_full(self, view: SessionView) -> None:
        if self.calendar.selected_id == view.id:
            self.detail.show_session(view)

    def _load_full(self, session_id: uuid.UUID, then: Callable[[SessionView], object]) -> None:
        known = next((v for v in self.today_views if v.id == session_id), None)
        if known is not None:
            then(known)
            return
        sessions, actor = self._sessions, self._actor
        worker.run(lambda _ctx: sessions.get(actor, session_id), then,
                   on_failure=self._messages.show_error, parent=self)

    def _session_menu(self, view: Entry, where: QPoint) -> None:
        self.show_session(view)

        def open_menu(full: SessionView) -> None:
            menu = self.session_menu(full)
            menu.exec(where)
            menu.deleteLater()

        if isinstance(view, SessionView):
            open_menu(view)
        else:
            self._load_full(view.id, open_menu)

    def crowd_menu(self, crowd: Sequence[Entry]) -> QMenu:
        """A crowded block's sessions, one line each; choosing one selects it."""
        menu = QMenu(self)
        menu.setObjectName("crowdMenu")
        for entry in crowd[:CROWD_MENU_ROWS]:
            text = (f"{fmt.hhmm(entry.starts_at)}  {entry.client_name} · {entry.trainer_name}"
                    f" · {fmt.status_text(entry.status, self._language)}")
            action = menu.addAction(text, functools.partial(self.show_session, entry))
            action.setObjectName("crowdMenuEntry")
        if len(crowd) > CROWD_MENU_ROWS:
            first = crowd[0].starts_at.date()
            menu.addSeparator()
            menu.addAction(self.tr("+{count} more — open the day by trainer").format(
                count=len(crowd) - CROWD_MENU_ROWS), lambda: self.show_day(first, Mode.DAY))
        return menu

    def _crowd_menu(self, crowd: Sequence[Entry], where: QPoint) -> None:
        menu = self.crowd_menu(crowd)
        menu.exec(where)
        menu.deleteLater()

    def session_menu(self, view: SessionView) -> QMenu:
        """A session's right-click menu: what its state allows, 되돌리기 included."""
        menu = QMenu(self)
        menu.setObjectName("sessionMenu")
        labels = {COMPLETE: self.tr("Complete"), NO_SHOW: self.tr("No-show"),
                  CANCEL: self.tr("Cancel booking"), UNDO: self.detail.undo_text(view.status)}
        for kind in actions_for(view.status):
            action = menu.addAction(labels[kind], functools.partial(self.act, kind, view))
            action.setObjectName(f"sessionMenu_{kind}")
        menu.addSeparator()
        menu.addAction(self.tr("Client's packages"),
                       lambda: self.packages_requested.emit(view.client_id, view.client_name))
        return menu

    def act(self, kind: str, view: SessionView) -> None:
        """완료 / 노쇼 / 취소 / 되돌리기; asks first only when a credit is used."""
        if kind not in actions_for(view.status):
            return
        if self._uses_credit(kind) and not self._confirm(kind, view):
            return
        sessions, actor = self._sessions, self._actor
        operation = {COMPLETE: sessions.complete, NO_SHOW: sessions.no_show,
                     CANCEL: sessions.cancel, UNDO: sessions.undo}[kind]
        worker.run(
            lambda _ctx: operation(actor, view.id),
            lambda updated: self._acted(kind, updated, view.status),
            on_failure=self._failed,
            parent=self,
        )

    def undo_last(self) -> None:
        """Ctrl+Z: take back the check-off or the move just made here (else nothing)."""
        if self.last_move is not None:
            before, self.last_move = self.last_move, None
            self._move(before, before.starts_at.replace(tzinfo=None), before.trainer_id,
                       undoing=True)
            return
        view = self.last_check_off
        if view is not None:
            self.act(UNDO, view)

    # --- drag to reschedule -----------------------------------------------------------------
    def move_session(self, entry: Entry, when: datetime, trainer: uuid.UUID | None) -> None:
        """A block dropped on `when` (and maybe another trainer's column): move it."""
        def with_full(before: SessionView) -> None:
            self._move(before, when, trainer)

        if isinstance(entry, SessionView):
            with_full(entry)
        else:
            self._load_full(entry.id, with_full)

    def _move(self, before: SessionView, when: datetime, trainer: uuid.UUID | None,
              *, confirmed: bool = False, undoing: bool = False) -> None:
        sessions, actor = self._sessions, self._actor
        self.move_notice.hide()

        def refused(error: The5HCError) -> None:
            if (isinstance(error, OutsideAvailability) and error.confirmable
                    and not confirmed and dialogs.ask(
                        self, self.tr("Outside working hours"),
                        self.tr("{reason}\nMove the session anyway?").format(
                            reason=error_text(error)))):
                self._move(before, when, trainer, confirmed=True, undoing=undoing)
                return
            self.move_notice.setText(self.tr("Not moved: {reason}").format(
                reason=error_text(error)))
            self.move_notice.show()
            self.reload()

        worker.run(
            lambda _ctx: sessions.reschedule(actor, before.id, when, trainer,
                                             outside_confirmed=confirmed),
            lambda moved: self._moved(before, moved, undoing),
            on_failure=refused,
            parent=self,
        )

    def _moved(self, before: SessionView, moved: SessionView, undoing: bool) -> None:
        when = f"{fmt.day_text(moved.starts_at.date(), self._language)} {fmt.hhmm(moved.starts_at)}"
        if undoing:
            text = self.tr("{client}: moved back to {when}.")
        else:
            self.last_move, self.last_check_off = before, None
            text = self.tr("{client}: moved to {when} with {trainer}.") + " " + self.tr(
                "Ctrl+Z undoes it.")
        self.undo_action.setEnabled(self.last_move is not None
                                    or self.last_check_off is not None)
        self._messages.success(text.format(client=moved.client_name, when=when,
                                           trainer=moved.trainer_name))
        self.calendar.select(moved.id)
        self.detail.show_session(moved)
        self.changed.emit()

    def _uses_credit(self, kind: str) -> bool:
        return kind == COMPLETE or (kind == NO_SHOW and self.no_show_consumes)

    def _confirm(self, kind: str, view: SessionView) -> bool:
        before = view.remaining_sessions
        when = f"{fmt.day_text(view.starts_at.date(), self._language)} {fmt.hhmm(view.starts_at)}"
        if kind == COMPLETE:
            title = self.tr("Complete session")
            text = self.tr("Mark {client}'s session ({when}) as completed?\nOne session is "
                           "used: {before} → {after} left.")
        else:
            title = self.tr("No-show")
            text = self.tr("Mark {client}'s session ({when}) as a no-show?\nA no-show uses "
                           "one session: {before} → {after} left.")
        return dialogs.ask(self, title, text.format(client=view.client_name, when=when,
                                                     before=before, after=before - 1))

    def _acted(self, kind: str, view: SessionView, before: SessionStatus) -> None:
        texts = {
            COMPLETE: self.tr("{client}: session completed. {count} sessions left."),
            NO_SHOW: self.tr("{client}: marked as a no-show. {count} sessions left."),
            CANCEL: self.tr("{client}: booking cancelled. {count} sessions left."),
        }
        undone = {
            SessionStatus.COMPLETED: self.tr("{client}: completion undone. {count} sessions "
                                             "left."),
            SessionStatus.NO_SHOW: self.tr("{client}: no-show undone. {count} sessions left."),
            SessionStatus.CANCELLED: self.tr("{client}: cancellation undone, booked again. "
                                             "{count} sessions left."),
        }
        text = undone[before] if kind == UNDO else texts[kind]
        if kind == UNDO:
            self.last_check_off = None
        else:
            self.last_check_off, self.last_move = view, None
            hint = self.tr("Ctrl+Z undoes it.")
            text = f"{text} {hint}"
        self.undo_action.setEnabled(self.last_check_off is not None)
        self._messages.success(text.format(client=view.client_name,
                                           count=view.remaining_sessions))
        if self.detail.view is not None and self.detail.view.id == view.id:
            self.detail.show_session(view)
        self.changed.emit()

    def _failed(self, error: The5HCError) -> None:
        self._messages.show_error(error)
        self.reload()  # a conflict means what is shown is stale
