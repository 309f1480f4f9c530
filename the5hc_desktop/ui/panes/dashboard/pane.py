"""대시보드: this month's figures, two charts and three short lists (docs/domain.md 8.1 with 8.5).

Everything comes from one `DashboardService.metrics` call on the worker lane; the pane
only formats. Showing the pane or F5 reloads; a reload asked while one runs is queued.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.domain.money import MoneyStyle, format_won, won_text
from the5hc_desktop.services import changes
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.dashboard import LOW_BALANCE_LIMIT
from the5hc_desktop.services.sessions import SessionStatus
from the5hc_desktop.ui import gym_clock, i18n, worker
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.columns import fit_columns
from the5hc_desktop.ui.panes.dashboard import formatting as fmt
from the5hc_desktop.ui.panes.dashboard.cards import CARD_STYLE, MetricCard, Panel, empty_label
from the5hc_desktop.ui.panes.dashboard.charts import BarChart
from the5hc_desktop.ui.panes.dashboard.models import Column, RowsModel
from the5hc_desktop.ui.rows_model import read_only_table

if TYPE_CHECKING:
    from the5hc_desktop.services.dashboard import (
        Activity,
        DashboardMetrics,
        DashboardService,
        LowBalance,
    )
    from the5hc_desktop.services.sessions import SessionView
    from the5hc_desktop.ui.list_print import ListPrinter
    from the5hc_desktop.ui.panes.dashboard.upcoming import UpcomingLists

SESSION_COLOUR = "#1565c0"
REVENUE_COLOUR = "#2e7d32"


TODAY_TRAINER_COLUMN = 2  # today's sessions: the trainer's column heads each printed section


class DashboardPane(QWidget):
    """The 대시보드 pane (see the module docstring)."""

    watches = frozenset({changes.CLIENTS, changes.ASSESSMENTS, changes.PACKAGES,
                         changes.SESSIONS, changes.CREDIT_LEDGER, changes.PAYMENTS,
                         changes.STAFF, changes.SETTINGS})
    upcoming: UpcomingLists | None = None  # set by upcoming.attach_upcoming
    printing: ListPrinter | None = None  # set by the composition root (Ctrl+P)

    def __init__(
        self,
        dashboard: DashboardService,
        actor: Actor,
        messages: MessageBridge,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPane")
        self._service = dashboard
        self._actor = actor
        self._messages = messages
        self._language = i18n.current_language()
        self._metrics: DashboardMetrics | None = None
        self._loading: worker.TaskHandle | None = None
        self._reload_pending = False
        self.weekly_chart: BarChart | None = None
        self.monthly_chart: BarChart | None = None
        self._painted = False
        self._first_load_done = False
        self._load_after_paint = False
        self.setStyleSheet(CARD_STYLE)
        self._build()
        self.status_label.installEventFilter(self)

    # --- the Pane protocol -----------------------------------------------------------------
    @property
    def object_name(self) -> str:
        return "dashboardPane"

    @property
    def title(self) -> str:
        return self.tr("Dashboard")

    @property
    def widget(self) -> QWidget:
        return self

    def pane_actions(self) -> tuple[str, ...]:
        return ("file.print",)

    def print_current(self) -> None:
        """Ctrl+P: today's schedule, one section per trainer."""
        if self.printing is None:
            return
        day = gym_clock.today().isoformat()
        self.printing.open(self, self.today_table, self.tr("Today's schedule"), subtitle=day,
                           section_column=TODAY_TRAINER_COLUMN, file_stem=f"schedule_{day}")

    # --- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        content = QWidget()
        content.setObjectName("dashboardContent")
        content.setStyleSheet("QWidget#dashboardContent { background: #f4f6f8; }")
        column = QVBoxLayout(content)
        column.setContentsMargins(20, 16, 20, 20)
        column.setSpacing(14)
        column.addLayout(self._build_header())
        column.addLayout(self._build_cards())
        column.addLayout(self._build_charts())
        column.addLayout(self._build_lists(), 1)

        scroll = QScrollArea()
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _build_header(self) -> QHBoxLayout:
        heading = QLabel(self.tr("Dashboard"))
        heading.setObjectName("dashboardHeading")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold; color: #1a2733;")
        self.status_label = QLabel(self.tr("Loading…"))
        self.status_label.setObjectName("dashboardStatus")
        self.status_label.setStyleSheet("color: #607d8b;")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("dashboardRefreshButton")
        self.refresh_button.setToolTip(self.tr("Reload the figures (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        row = QHBoxLayout()
        row.addWidget(heading)
        row.addSpacing(12)
        row.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        return row

    def _build_cards(self) -> QGridLayout:
        self.clients_card = MetricCard("cardActiveClients", self.tr("Active clients"), "#1565c0")
        self.packages_card = MetricCard("cardActivePackages", self.tr("Active packages"),
                                        "#6a1b9a")
        self.sessions_card = MetricCard("cardSessions", self.tr("Sessions this month"),
                                        "#ef6c00")
        self.revenue_card = MetricCard("cardRevenue", self.tr("Revenue this month"), "#2e7d32")
        self.assessments_card = MetricCard("cardAssessments", self.tr("Assessments this month"),
                                           "#00838f")
        grid = QGridLayout()
        grid.setSpacing(12)
        cards = (self.clients_card, self.packages_card, self.sessions_card, self.revenue_card,
                 self.assessments_card)
        for index, card in enumerate(cards):
            grid.addWidget(card, 0, index)
            grid.setColumnStretch(index, 1)
        return grid

    def _build_charts(self) -> QHBoxLayout:
        self.weekly_panel = Panel("weeklySessionsPanel", self.tr("Sessions per week (7 weeks)"))
        self.monthly_panel = Panel("monthlyRevenuePanel",
                                   self.tr("Revenue per month (6 months, KRW)"))
        self._weekly_stack = self._chart_placeholder(self.weekly_panel)
        self._monthly_stack = self._chart_placeholder(
            self.monthly_panel, self.tr("Revenue is not shown to front-desk staff."))
        for panel in (self.weekly_panel, self.monthly_panel):
            panel.setFixedHeight(300)  # the lists below stay on screen at 1366×768
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.weekly_panel, 1)
        row.addWidget(self.monthly_panel, 1)
        return row

    def _chart_placeholder(self, panel: Panel, hidden_text: str = "") -> QStackedWidget:
        stack = QStackedWidget()
        stack.addWidget(empty_label(self.tr("Loading…")))
        stack.addWidget(empty_label(hidden_text))
        panel.body.addWidget(stack, 1)
        return stack

    def _build_lists(self) -> QHBoxLayout:
        self.today_model: RowsModel[SessionView] = RowsModel(
            [
                Column(self.tr("Time"), _session_time),
                Column(self.tr("Client"), lambda s: s.client_name),
                Column(self.tr("Trainer"), lambda s: s.trainer_name),
                Column(self.tr("Status"), lambda s: s.status.label.text(self._language)),
            ],
            self,
        )
        self.activity_model: RowsModel[Activity] = RowsModel(
            [
                Column(self.tr("When"), lambda a: _when(a.at)),
                Column(self.tr("Activity"),
                       lambda a: a.text_en if self._language == "en" else a.text_ko),
            ],
            self,
        )
        self.low_balance_model: RowsModel[LowBalance] = RowsModel(
            [
                Column(self.tr("Client"), lambda r: r.client_name),
                Column(self.tr("Sessions left"), lambda r: fmt.grouped(r.remaining)
                       if r.remaining >= 0 else self.tr("{count} (overdrawn)").format(
                           count=r.remaining),  # 초과 사용: two desks used the last credit
                       Qt.AlignmentFlag.AlignRight,
                       colour=lambda r: "#c62828" if r.remaining < 0 else None),
            ],
            self,
        )
        name = "홍길동길"  # a long Korean name
        statuses = "\n".join(status.label.text(self._language) for status in SessionStatus)
        self.today_panel, self.today_table, self._today_stack = self._list_panel(
            "todaySessionsPanel", self.tr("Today's sessions"), self.today_model,
            self.tr("No sessions booked for today."),
            stretch=1, samples={0: "00:00–00:00", 2: name, 3: statuses})
        self.activity_panel, self.activity_table, self._activity_stack = self._list_panel(
            "recentActivityPanel", self.tr("Recent activity"), self.activity_model,
            self.tr("Nothing has happened yet."),
            stretch=1, samples={0: "00/00 00:00\n0000-00-00"})
        self.low_panel, self.low_balance_table, self._low_stack = self._list_panel(
            "lowBalancePanel", self.tr("Two or fewer sessions left"), self.low_balance_model,
            self.tr("Every active client has three or more sessions left."),
            stretch=0, samples={1: "-00"})
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.today_panel, 4)
        row.addWidget(self.activity_panel, 5)
        row.addWidget(self.low_panel, 3)
        return row

    def _list_panel(
        self, name: str, title: str, model: RowsModel[Any], empty_text: str, *,
        stretch: int, samples: Mapping[int, str],
    ) -> tuple[Panel, QTableView, QStackedWidget]:
        panel = Panel(name, title)
        # Extended selection: Qt's default, which this table has always kept.
        table = read_only_table(f"{name}Table", model, multi=True)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setFrameShape(QFrame.Shape.NoFrame)
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        fit_columns(table, stretch, samples)  # after the alignment: it changes the header
        stack = QStackedWidget()
        stack.addWidget(empty_label(self.tr("Loading…")))
        stack.addWidget(empty_label(empty_text))
        stack.addWidget(table)
        stack.setMinimumHeight(200)
        panel.body.addWidget(stack, 1)
        return panel, table, stack

    # --- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the figures off the GUI thread (called when shown and on F5)."""
        if self.isVisible() and not self._painted:
            # The first showing: let the frame paint first. The query would otherwise
            # compete with the window's first paint for the interpreter.
            if not self._load_after_paint:
                self._load_after_paint = True
                QTimer.singleShot(500, self, self._painted_now)  # if no paint ever comes
            return
        if self._loading is not None and not self._loading.is_done():
            self._reload_pending = True
            return
        self._reload_pending = False
        if self.upcoming is not None:
            self.upcoming.refresh()
        self.refresh_button.setEnabled(False)
        self.status_label.setText(self.tr("Loading…"))
        service, actor = self._service, self._actor
        self._loading = worker.run(
            lambda _ctx: (service.metrics(actor), service.gym_now()),
            lambda loaded: self.show_metrics(*loaded),
            on_failure=self._failed,
            parent=self,
            on_done=self._load_finished,
            lane=worker.Lane.SLOW_READ,  # quiet: the status label says "Loading…"
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.status_label and event.type() == QEvent.Type.Paint:
            self.status_label.removeEventFilter(self)
            QTimer.singleShot(0, self, self._painted_now)
        elif watched is self.clients_card and event.type() == QEvent.Type.Paint:
            self.clients_card.removeEventFilter(self)
            self._first_load_done = True
        return False

    def _painted_now(self) -> None:
        if self._painted:
            return
        self._painted = True
        self.status_label.removeEventFilter(self)
        if self._load_after_paint:
            self._load_after_paint = False
            self.refresh()

    def is_loading(self) -> bool:
        return self._loading is not None and not self._loading.is_done()

    def first_load_done(self) -> bool:
        """Whether the first figures (or the reason they failed) are on screen: the other
        panes are built after that (app_flow.when_settled), not before."""
        return self._first_load_done

    def _load_finished(self) -> None:
        if not self._first_load_done:
            if self._metrics is not None and self.isVisible():
                # Done once they painted: a pane built first would hold the paint back.
                self.clients_card.installEventFilter(self)
            else:
                self._first_load_done = True
        self.refresh_button.setEnabled(True)
        if self._reload_pending:
            self.refresh()

    def _failed(self, error: The5HCError) -> None:
        self.status_label.setText(self.tr("The figures could not be loaded."))
        self._messages.show_error(error)

    # --- showing -----------------------------------------------------------------------
    def metrics(self) -> DashboardMetrics | None:
        """The figures shown now (None before the first load)."""
        return self._metrics

    def show_metrics(self, metrics: DashboardMetrics, as_of: datetime | None = None) -> None:
        """Show `metrics`, read at `as_of` on the gym's clock (the services' own "now")."""
        self._metrics = metrics
        self._fill_cards(metrics)
        self._fill_charts(metrics)
        _fill(self._today_stack, self.today_model, metrics.today_sessions)
        _fill(self._activity_stack, self.activity_model, metrics.recent_activity)
        _fill(self._low_stack, self.low_balance_model, metrics.low_balance)
        stamp = gym_clock.follow(as_of) if as_of is not None else gym_clock.now()
        self.status_label.setText(self.tr("Updated at {time}").format(
            time=stamp.strftime("%H:%M")))

    def _fill_cards(self, m: DashboardMetrics) -> None:
        lang = self._language
        self.clients_card.set_figures(
            fmt.grouped(m.active_clients),
            self.tr("New this month: +{count}").format(count=fmt.grouped(m.new_clients_this_month)),
        )
        low = fmt.grouped(len(m.low_balance))
        if len(m.low_balance) >= LOW_BALANCE_LIMIT:
            low += "+"  # the service lists at most this many
        self.packages_card.set_figures(
            fmt.grouped(m.active_packages),
            self.tr("{count} clients with two or fewer sessions left").format(count=low),
        )
        s = m.sessions_this_month
        total = s.scheduled + s.completed + s.cancelled + s.no_show
        self.sessions_card.set_figures(
            fmt.grouped(total),
            self.tr("Scheduled {scheduled} · Completed {completed} · Cancelled {cancelled} · "
                    "No-show {no_show}").format(
                scheduled=fmt.grouped(s.scheduled), completed=fmt.grouped(s.completed),
                cancelled=fmt.grouped(s.cancelled), no_show=fmt.grouped(s.no_show)),
        )
        if m.revenue_visible:
            self.revenue_card.set_figures(
                format_won(m.revenue_gross, MoneyStyle.WON_SIGN),
                self.tr("Net {amount} after VAT and card fees").format(
                    amount=won_text(m.revenue_net, lang)),
                self.tr("Sum of payments received this month (VAT included)"),
            )
        else:
            self.revenue_card.set_figures("–", self.tr("Revenue is not shown to front-desk staff."))
        if m.average_overall is None:
            detail = self.tr("No scored assessment yet")
        else:
            detail = self.tr("Average overall score {score}").format(
                score=fmt.score(m.average_overall))
        self.assessments_card.set_figures(fmt.grouped(m.assessments_this_month), detail)

    def _fill_charts(self, m: DashboardMetrics) -> None:
        weekly, monthly = self._charts()
        weekly.set_data([_week_label(b.label) for b in m.weekly_sessions],
                        [b.value for b in m.weekly_sessions])
        self._monthly_stack.setCurrentIndex(2 if m.revenue_visible else 1)
        monthly.set_data([_month_label(b.label, self._language) for b in m.monthly_revenue],
                         [b.value for b in m.monthly_revenue])

    def _charts(self) -> tuple[BarChart, BarChart]:
        if self.weekly_chart is not None and self.monthly_chart is not None:
            return self.weekly_chart, self.monthly_chart
        lang = self._language
        weekly = BarChart("weeklySessionsChart", SESSION_COLOUR,
                          fmt.axis_number, lambda v: fmt.grouped(round(v)))
        monthly = BarChart("monthlyRevenueChart", REVENUE_COLOUR,
                           fmt.axis_number, lambda v: fmt.compact_won(round(v), lang))
        for stack, chart in ((self._weekly_stack, weekly), (self._monthly_stack, monthly)):
            stack.addWidget(chart)
            stack.setCurrentWidget(chart)
        self.weekly_chart, self.monthly_chart = weekly, monthly
        return weekly, monthly


def _fill(stack: QStackedWidget, model: RowsModel[Any], rows: Sequence[Any]) -> None:
    model.set_rows(rows)
    stack.setCurrentIndex(2 if rows else 1)


def _session_time(session: SessionView) -> str:
    return f"{session.starts_at:%H:%M}–{session.ends_at:%H:%M}"


def _when(at: datetime) -> str:
    """"11/21 17:03" this year; older entries carry their year ("2025-02-17")."""
    if at.year != datetime.now(at.tzinfo).year:
        return f"{at:%Y-%m-%d}"
    return f"{at:%m/%d %H:%M}"


def _week_label(label: str) -> str:
    """"06/09 - 06/15" on two lines, so seven weeks fit under the bars."""
    start, _sep, end = label.partition(" - ")
    return f"{start}\n~{end}" if end else label


def _month_label(label: str, language: str) -> str:
    """"2025년 06월" -> "6월" (or "Jun 2025"): the year is in the panel title's range."""
    digits = [int(part.rstrip("년월")) for part in label.split() if part.rstrip("년월").isdigit()]
    if len(digits) != 2:
        return label
    year, month = digits
    if language == "en":
        return QLocale(QLocale.Language.English).toString(QDate(year, month, 1), "MMM yyyy")
    return f"{year % 100:02d}년 {month}월"
