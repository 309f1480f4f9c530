"""The dashboard's 다가오는 예약 (next 7 days) and 최근 등록 회원 lists.

`attach_upcoming(pane, service)` adds a row of the two lists under the dashboard's own and
reloads them whenever the dashboard reloads. Double-clicking (or Enter on) a booking asks to
open it in the calendar, a member to open their page: the composition root connects
`session_requested` / `client_requested` (ui/app_links.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QTableView, QVBoxLayout, QWidget

from the5hc_desktop.domain.labels import Label
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.dashboard_lists import (
    UPCOMING_DAYS,
    DashboardLists,
    DashboardListsService,
    RecentMember,
)
from the5hc_desktop.services.sessions import SessionView
from the5hc_desktop.ui import i18n, worker
from the5hc_desktop.ui.panes.columns import fit_columns
from the5hc_desktop.ui.panes.dashboard.cards import Panel, empty_label
from the5hc_desktop.ui.rows_model import Column, RowsModel, read_only_table

if TYPE_CHECKING:
    from the5hc_desktop.ui.panes.dashboard.pane import DashboardPane

_WEEKDAYS_KO = "월화수목금토일"
T = {
    "upcoming": Label(f"다가오는 예약 ({UPCOMING_DAYS}일)",
                      f"Upcoming bookings ({UPCOMING_DAYS} days)"),
    "recent": Label("최근 등록 회원", "Recently registered members"),
    "no_upcoming": Label("앞으로 7일 동안 예약이 없습니다.", "No bookings in the next 7 days."),
    "no_members": Label("등록된 회원이 없습니다.", "No members yet."),
    "when": Label("일시", "When"),
    "client": Label("회원", "Client"),
    "trainer": Label("트레이너", "Trainer"),
    "phone": Label("연락처", "Phone"),
    "registered": Label("등록일", "Registered"),
    "loading": Label("불러오는 중…", "Loading…"),
}


def _t(key: str) -> str:
    return T[key].text(i18n.current_language())


def booking_when(view: SessionView) -> str:
    if i18n.current_language() == "en":
        return f"{view.starts_at:%a %m/%d %H:%M}"
    return f"{view.starts_at:%m/%d} ({_WEEKDAYS_KO[view.starts_at.weekday()]}) " \
           f"{view.starts_at:%H:%M}"


def phone_text(digits: str) -> str:
    if len(digits) == 11:
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    return digits


class UpcomingLists(QWidget):
    session_requested = Signal(object)  # SessionView
    client_requested = Signal(object, str)  # client id, name

    def __init__(self, service: DashboardListsService, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardUpcoming")
        self._service = service
        self._actor = actor
        self._loading: worker.TaskHandle | None = None
        self.lists: DashboardLists | None = None
        self.upcoming_model: RowsModel[SessionView] = RowsModel([
            Column(_t("when"), booking_when),
            Column(_t("client"), lambda s: s.client_name),
            Column(_t("trainer"), lambda s: s.trainer_name),
        ], self)
        self.members_model: RowsModel[RecentMember] = RowsModel([
            Column(_t("registered"), lambda m: f"{m.registered_at:%Y-%m-%d}"),
            Column(_t("client"), lambda m: m.name),
            Column(_t("phone"), lambda m: phone_text(m.phone)),
            Column(_t("trainer"), lambda m: m.trainer_name),
        ], self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.upcoming_panel, self.upcoming_table, self._upcoming_stack = self._panel(
            "upcomingPanel", _t("upcoming"), self.upcoming_model, _t("no_upcoming"),
            {0: "00/00 (월) 00:00"})
        self.members_panel, self.members_table, self._members_stack = self._panel(
            "recentMembersPanel", _t("recent"), self.members_model, _t("no_members"),
            {0: "0000-00-00", 2: "000-0000-0000"})
        row.addWidget(self.upcoming_panel, 1)
        row.addWidget(self.members_panel, 1)
        self.upcoming_table.activated.connect(self._open_session)
        self.members_table.activated.connect(self._open_member)

    def _panel(self, name: str, title: str, model: RowsModel[Any], empty: str,
               samples: dict[int, str]) -> tuple[Panel, QTableView, QStackedWidget]:
        panel = Panel(name, title)
        table = read_only_table(f"{name}Table", model)
        table.setAlternatingRowColors(True)
        fit_columns(table, 1, samples)
        stack = QStackedWidget()
        stack.addWidget(empty_label(_t("loading")))
        stack.addWidget(empty_label(empty))
        stack.addWidget(table)
        stack.setMinimumHeight(220)
        panel.body.addWidget(stack, 1)
        return panel, table, stack

    def refresh(self) -> None:
        if self._loading is not None and not self._loading.is_done():
            return
        service, actor = self._service, self._actor
        self._loading = worker.run(lambda _ctx: service.lists(actor),
                                   self.show_lists, parent=self, lane=worker.Lane.SLOW_READ)

    def is_loading(self) -> bool:
        return self._loading is not None and not self._loading.is_done()

    def show_lists(self, lists: DashboardLists) -> None:
        self.lists = lists
        self.upcoming_model.set_rows(lists.upcoming)
        self._upcoming_stack.setCurrentIndex(2 if lists.upcoming else 1)
        self.members_model.set_rows(lists.recent_members)
        self._members_stack.setCurrentIndex(2 if lists.recent_members else 1)

    def _open_session(self, index: QModelIndex) -> None:
        self.session_requested.emit(self.upcoming_model.rows()[index.row()])

    def _open_member(self, index: QModelIndex) -> None:
        member = self.members_model.rows()[index.row()]
        self.client_requested.emit(member.id, member.name)


def attach_upcoming(pane: DashboardPane, service: DashboardListsService | None) -> None:
    """The two lists under the dashboard's own, reloaded with it (no service: none)."""
    if service is None:
        return
    lists = UpcomingLists(service, pane._actor, pane)
    content = pane.findChild(QWidget, "dashboardContent")
    column = content.layout() if content is not None else None
    if isinstance(column, QVBoxLayout):
        column.addWidget(lists)
    pane.upcoming = lists
