"""오늘의 세션: today's sessions with one-click 완료 / 취소 / 노쇼, and 되돌리기 for each.

A table over `SessionView` rows; the last column paints the buttons that fit the session's
state (docs/rules.md §5: only a scheduled session can be completed, cancelled or marked
no-show; every one of those can be undone). 노쇼 sits apart from 완료 so a hurried click
does not hit the wrong one. The buttons are painted by a delegate, not
widgets, so a day of any size fills at once; a click on one emits `action_requested`.
Keyboard users select a row (its session shows in the detail box, with real buttons).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QHelpEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.services.sessions import SessionStatus, SessionView
from the5hc_desktop.ui import i18n
from the5hc_desktop.ui.panes.columns import CELL_AIR, fit_columns, sample_width
from the5hc_desktop.ui.panes.sessions import formatting as fmt
from the5hc_desktop.ui.rows_model import CENTRE, RIGHT, Column, RowsModel, read_only_table

COMPLETE = "complete"
NO_SHOW = "no_show"
CANCEL = "cancel"
UNDO = "undo"
ACTIONS = (COMPLETE, CANCEL, NO_SHOW, UNDO)
_PAD, _GAP, _MARGIN = 10, 4, 3
NAME_SAMPLE = "홍길동길"  # a long Korean name: four syllables
Index = QModelIndex | QPersistentModelIndex


def actions_for(status: SessionStatus) -> tuple[str, ...]:
    """What can be done with a session in `status` (docs/rules.md §5)."""
    if status is SessionStatus.SCHEDULED:
        return (COMPLETE, CANCEL, NO_SHOW)
    return (UNDO,)  # completed, no-show or cancelled: back to booked


class ActionButtons(QStyledItemDelegate):
    """Paints a row's action buttons in one cell and reports which one was clicked."""

    clicked = Signal(int, str)  # row, action

    def __init__(self, kinds: Callable[[int], tuple[str, ...]], labels: dict[str, str],
                 tips: dict[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kinds = kinds
        self._labels = labels
        self._tips = tips

    def rects(self, cell: QRect, row: int, metrics: QFontMetrics) -> list[tuple[str, QRect]]:
        placed: list[tuple[str, QRect]] = []
        x = cell.x() + _MARGIN
        for kind in self._kinds(row):
            width = metrics.horizontalAdvance(self._labels[kind]) + 2 * _PAD
            placed.append((kind, QRect(x, cell.y() + _MARGIN, width,
                                       cell.height() - 2 * _MARGIN)))
            x += width + _GAP
        return placed

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                            widget)
        metrics = option.fontMetrics
        for kind, rect in self.rects(option.rect, index.row(), metrics):
            button = QStyleOptionButton()
            button.rect = rect
            button.text = self._labels[kind]
            button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
            button.fontMetrics = metrics
            style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, widget)

    def width(self, metrics: QFontMetrics) -> int:
        """Room for the widest set of buttons (a scheduled session's three)."""
        return sum(metrics.horizontalAdvance(self._labels[k]) + 2 * _PAD + _GAP
                   for k in ACTIONS[:3]) + 2 * _MARGIN

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = option.fontMetrics
        return QSize(self.width(metrics), metrics.height() + 14)

    def editorEvent(self, event: QEvent, model: QAbstractItemModel,
                    option: QStyleOptionViewItem, index: Index) -> bool:
        if (event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent)
                and event.button() == Qt.MouseButton.LeftButton):
            kind = self._hit(option, index, event.position().toPoint())
            if kind is not None:
                self.clicked.emit(index.row(), kind)
                return True
        return super().editorEvent(event, model, option, index)

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView,
                  option: QStyleOptionViewItem, index: Index) -> bool:
        kind = self._hit(option, index, event.pos())
        if kind is None:
            return super().helpEvent(event, view, option, index)
        QToolTip.showText(event.globalPos(), self._tips[kind], view)
        return True

    def _hit(self, option: QStyleOptionViewItem, index: Index, point: QPoint) -> str | None:
        metrics = option.fontMetrics
        for kind, rect in self.rects(option.rect, index.row(), metrics):
            if rect.contains(point):
                return kind
        return None


class TodayList(QWidget):
    """`action_requested(kind, SessionView)` and `session_selected(SessionView)`."""

    action_requested = Signal(str, object)
    session_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayList")
        self._language = lang = i18n.current_language()
        self.model: RowsModel[SessionView] = RowsModel([
            Column(self.tr("Time"), lambda v: fmt.hhmm(v.starts_at), CENTRE, key="time"),
            Column(self.tr("Client"), lambda v: v.client_name, key="client"),
            Column(self.tr("Trainer"), lambda v: v.trainer_name, key="trainer"),
            Column(self.tr("Status"), lambda v: fmt.status_text(v.status, lang),
                   colour=lambda v: fmt.STATUS_COLOURS[v.status], key="status"),
            Column(self.tr("Left"), lambda v: str(v.remaining_sessions), RIGHT,
                   colour=lambda v: fmt.OVERDRAWN_COLOUR if v.remaining_sessions < 0 else None,
                   tooltip=lambda v: self.tr("Sessions left in {package}").format(
                       package=v.package_name), key="remaining"),
            Column("", lambda _v: "", key="actions"),
        ], self)
        labels = {COMPLETE: self.tr("Done"), NO_SHOW: self.tr("No-show"),
                  CANCEL: self.tr("Cancel"), UNDO: self.tr("Undo")}
        tips = {
            COMPLETE: self.tr("Mark the session as completed (uses one session)"),
            NO_SHOW: self.tr("The client did not come"),
            CANCEL: self.tr("Cancel the booking (no session is used)"),
            UNDO: self.tr("Undo: the session is booked again (a used session comes back)"),
        }
        self.buttons = ActionButtons(self._kinds, labels, tips, self)
        self.buttons.clicked.connect(self._clicked_button)
        self.table = read_only_table("todayTable", self.model)
        self.table.setItemDelegateForColumn(self.model.column_of("actions"), self.buttons)
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        # The client's name is what the front desk looks for: it takes the room left by
        # the measured short columns (ResizeToContents would measure every row on each
        # layout) and never shrinks below a long name (see minimumSizeHint).
        column = self.model.column_of
        self.columns = fit_columns(self.table, column("client"), {
            column("time"): "00:00",
            column("trainer"): NAME_SAMPLE,
            column("status"): "\n".join(fmt.status_text(s, lang) for s in SessionStatus),
            column("remaining"): "-00",
            column("actions"): self.buttons.width(QFontMetrics(self.table.font())),
        })
        self.client_width = sample_width(self.table, NAME_SAMPLE) + 3 * CELL_AIR // 2
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def minimumSizeHint(self) -> QSize:
        """Wide enough for every column with a whole client name: no sideways scrolling
        (a long day's scroll bar takes its width from the name's spare room)."""
        hint = super().minimumSizeHint()
        width = self.columns.fixed_width() + self.client_width + 2 * self.table.frameWidth()
        return QSize(max(hint.width(), width), hint.height())

    def set_sessions(self, sessions: Sequence[SessionView]) -> None:
        selected = self.model.row_at(self.table.currentIndex().row())
        self.model.set_rows(sessions)
        row = self.row_of(selected.id) if selected is not None else -1
        if row >= 0:
            self.table.selectionModel().blockSignals(True)
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.selectionModel().blockSignals(False)

    def select(self, session_id: uuid.UUID) -> None:
        """Highlight the session's row (chosen elsewhere) without re-announcing it."""
        row = self.row_of(session_id)
        self.table.selectionModel().blockSignals(True)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        else:
            self.table.clearSelection()
        self.table.selectionModel().blockSignals(False)
        self.table.viewport().update()

    def row_of(self, session_id: uuid.UUID) -> int:
        return next((n for n, v in enumerate(self.model.rows()) if v.id == session_id), -1)

    def actions_of(self, session_id: uuid.UUID) -> tuple[str, ...]:
        row = self.row_of(session_id)
        return self._kinds(row) if row >= 0 else ()

    def action_rect(self, session_id: uuid.UUID, kind: str) -> QRect | None:
        """Where the button for `kind` is painted in the viewport (None when not offered)."""
        row = self.row_of(session_id)
        if row < 0:
            return None
        cell = self.table.visualRect(self.model.index(row, self.model.column_of("actions")))
        metrics = QFontMetrics(self.table.font())
        return next((rect for k, rect in self.buttons.rects(cell, row, metrics) if k == kind),
                    None)

    def _kinds(self, row: int) -> tuple[str, ...]:
        view = self.model.row_at(row)
        return actions_for(view.status) if view is not None else ()

    def _clicked_button(self, row: int, kind: str) -> None:
        view = self.model.row_at(row)
        if view is not None:
            self.action_requested.emit(kind, view)

    def _current_changed(self, current: QModelIndex) -> None:
        view = self.model.row_at(current.row())
        if view is not None:
            self.session_selected.emit(view)
