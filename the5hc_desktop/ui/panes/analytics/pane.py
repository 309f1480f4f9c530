"""분석: per-trainer figures over a period and the gym total; under them the charts —
revenue per month by trainer, sessions by weekday × hour, the retention curve — each with
its table behind a "차트 / 표" switch; print (Ctrl+P) and export to Excel (Ctrl+E).

One `AnalyticsService.report` call on the slow-read lane per load (filters and the change
bus both reload); the pane only formats and draws. pyqtgraph is imported with the first
report, after the window has painted. Owner and senior pick any trainer (or all); a
trainer's filter holds only themself.
"""

from __future__ import annotations

import tempfile
import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.availability import WEEKDAY_LABELS
from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.money import MoneyStyle, format_won
from the5hc_desktop.domain.roles import Role
from the5hc_desktop.services import changes
from the5hc_desktop.services.analytics import (
    FIGURE_HEADERS,
    PERIOD_LABELS,
    RETENTION_HEADERS,
    UNASSIGNED,
    AnalyticsReport,
    AnalyticsService,
    Period,
    TrainerFigures,
    export_report,
    period_range,
    revenue_series,
)
from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui import i18n, worker
from the5hc_desktop.ui.documents.printing import PrintFailed, Printing, print_document
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.analytics.panel import ChartPanel
from the5hc_desktop.ui.panes.analytics.series import axis_won, heat_is_empty, month_labels
from the5hc_desktop.ui.rows_model import RIGHT, Column, RowsModel, read_only_table

if TYPE_CHECKING:
    from the5hc_desktop.ui.panes.analytics.charts import HeatChart, RetentionChart, RevenueChart

T = {
    "title": Label("분석", "Analytics"),
    "all": Label("전체 트레이너", "All trainers"),
    "period": Label("기간", "Period"),
    "trainer": Label("트레이너", "Trainer"),
    "refresh": Label("새로고침", "Refresh"),
    "export": Label("엑셀로 내보내기", "Export to Excel"),
    "loading": Label("불러오는 중…", "Loading…"),
    "updated": Label("{first} ~ {last}", "{first} to {last}"),
    "failed": Label("분석 자료를 불러오지 못했습니다.", "The figures could not be loaded."),
    "figures": Label("트레이너별", "By trainer"),
    "monthly": Label("월별 매출", "Monthly revenue"),
    "heat": Label("요일 × 시간 세션", "Sessions by weekday × hour"),
    "saved": Label("저장했습니다: {path}", "Saved: {path}"),
    "retention": Label("유지율", "Retention"),
    "chart": Label("차트", "Chart"),
    "table": Label("표", "Table"),
    "no_data": Label("데이터 없음", "No data"),
    "print": Label("인쇄…", "Print…"),
    "printing": Label("인쇄할 문서를 만드는 중…", "Preparing the print-out…"),
    "printed": Label("인쇄를 보냈습니다.", "Sent to the printer."),
    "print_failed": Label("인쇄하지 못했습니다. 프린터를 확인하고 다시 시도하세요.",
                          "Could not print. Check the printer and try again."),
    "month": Label("월", "Month"),
    "gross": Label("매출(총액)", "Revenue (gross)"),
    "hour": Label("시각 (시)", "Hour of day"),
    "weekday": Label("요일", "Weekday"),
    "sessions": Label("세션 수", "Sessions"),
    "after": Label("첫 수업 후 개월 (30일 단위)", "Months after the first session (30 days)"),
    "kept": Label("유지율", "Still training"),
    "others": Label("기타", "Others"),
    "revenue_note": Label("결제일 기준 총액, 매출 상위 트레이너와 나머지(기타)",
                          "Gross by payment date: the top trainers, the rest as Others"),
    "heat_note": Label("취소되지 않은 세션의 시작 시각 (센터 시간대)",
                       "Start times of sessions not cancelled (the gym's time zone)"),
    "retention_note": Label(
        "기간 안에 첫 수업을 받은 회원 중, n개월 뒤에도 수업을 받은 회원의 비율",
        "Of the members whose first session was in the period, the share still training "
        "n months later"),
}


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def _won(value: int | None) -> str:
    return "–" if value is None else format_won(value, MoneyStyle.WON_SUFFIX)


def _change(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


class AnalyticsPane(QWidget):
    """The 분석 pane (see the module docstring)."""

    watches = frozenset({changes.SESSIONS, changes.PAYMENTS, changes.PACKAGES, changes.CLIENTS,
                         changes.ASSESSMENTS, changes.CREDIT_LEDGER, changes.STAFF})

    def __init__(self, service: AnalyticsService, actor: Actor, messages: MessageBridge,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analyticsPane")
        self._service = service
        self._actor = actor
        self._messages = messages
        self._lang = i18n.current_language()
        self._report: AnalyticsReport | None = None
        self._loading: worker.TaskHandle | None = None
        self._pending = False
        self._build()

    # --- the Pane protocol -----------------------------------------------------------------
    @property
    def object_name(self) -> str:
        return "analyticsPane"

    @property
    def title(self) -> str:
        return self._t("title")

    @property
    def widget(self) -> QWidget:
        return self

    def pane_actions(self) -> tuple[str, ...]:
        return ("file.print", "file.export")

    def _t(self, key: str) -> str:
        return T[key].text(self._lang)

    # --- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        heading = QLabel(self._t("title"))
        heading.setStyleSheet("font-size: 16pt; font-weight: bold; color: #1a2733;")
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("analyticsPeriod")
        for period in Period:
            self.period_combo.addItem(PERIOD_LABELS[period].text(self._lang), period.value)
        self.first_edit = QDateEdit()
        self.last_edit = QDateEdit()
        for edit, name in ((self.first_edit, "analyticsFirst"), (self.last_edit, "analyticsLast")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._custom_changed)
        self.trainer_combo = QComboBox()
        self.trainer_combo.setObjectName("analyticsTrainer")
        self.refresh_button = QPushButton(self._t("refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self._t("export"))
        self.export_button.setObjectName("analyticsExport")
        self.export_button.clicked.connect(self.export)
        self.export_button.setEnabled(False)
        self.print_button = QPushButton(self._t("print"))
        self.print_button.setObjectName("analyticsPrint")
        self.print_button.setToolTip("Ctrl+P")
        self.print_button.clicked.connect(self.print_current)
        self.print_button.setEnabled(False)
        self.status_label = QLabel(self._t("loading"))
        self.status_label.setStyleSheet("color: #607d8b;")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(QLabel(self._t("period")))
        top.addWidget(self.period_combo)
        top.addWidget(self.first_edit)
        top.addWidget(QLabel("~"))
        top.addWidget(self.last_edit)
        top.addSpacing(12)
        top.addWidget(QLabel(self._t("trainer")))
        top.addWidget(self.trainer_combo)
        top.addStretch(1)
        top.addWidget(self.status_label)
        top.addWidget(self.refresh_button)
        top.addWidget(self.print_button)
        top.addWidget(self.export_button)

        self.model: RowsModel[TrainerFigures] = RowsModel(self._columns(), self)
        self.table = read_only_table("analyticsTable", self.model)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.monthly_table = QTableWidget()
        self.monthly_table.setObjectName("analyticsMonthly")
        self.heat_table = QTableWidget(7, 24)
        self.heat_table.setObjectName("analyticsHeat")
        self.heat_table.setHorizontalHeaderLabels([f"{h:02d}" for h in range(24)])
        self.heat_table.setVerticalHeaderLabels([d.text(self._lang) for d in WEEKDAY_LABELS])
        self.heat_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.heat_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.retention_table = QTableWidget(0, len(RETENTION_HEADERS))
        self.retention_table.setObjectName("analyticsRetention")
        self.retention_table.setHorizontalHeaderLabels(
            [h.text(self._lang) for h, _f, _w in RETENTION_HEADERS])
        self.retention_table.verticalHeader().hide()
        self.retention_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        for table in (self.monthly_table, self.heat_table, self.retention_table):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        chart_text, table_text = self._t("chart"), self._t("table")
        self.revenue_panel = ChartPanel("analyticsRevenuePanel", self.monthly_table,
                                        chart_text, table_text, self._t("revenue_note"))
        self.heat_panel = ChartPanel("analyticsHeatPanel", self.heat_table, chart_text,
                                     table_text, self._t("heat_note"))
        self.retention_panel = ChartPanel("analyticsRetentionPanel", self.retention_table,
                                          chart_text, table_text, self._t("retention_note"))
        self.chart_tabs = QTabWidget()
        self.chart_tabs.setObjectName("analyticsCharts")
        for panel, key in ((self.revenue_panel, "monthly"), (self.heat_panel, "heat"),
                           (self.retention_panel, "retention")):
            panel.set_empty(True, self._t("loading"))
            self.chart_tabs.addTab(panel, self._t(key))
        self.revenue_chart: RevenueChart | None = None
        self.heat_chart: HeatChart | None = None
        self.retention_chart: RetentionChart | None = None

        caption = QLabel(self._t("figures"))
        caption.setStyleSheet("font-weight: bold; color: #1a2733;")
        figures = QWidget()
        figures_layout = QVBoxLayout(figures)
        figures_layout.setContentsMargins(0, 0, 0, 0)
        figures_layout.addWidget(caption)
        figures_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("analyticsSplitter")
        self.splitter.addWidget(figures)
        self.splitter.addWidget(self.chart_tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 20)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.trainer_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self._trainers_loaded = False
        self._set_dates(Period.THIS_MONTH)

    def _columns(self) -> list[Column[TrainerFigures]]:
        texts: list[Any] = [
            lambda r: r.name, lambda r: f"{r.completed:,}", lambda r: f"{r.no_show:,}",
            lambda r: f"{r.cancelled:,}", lambda r: _pct(r.no_show_rate),
            lambda r: _won(r.revenue_gross), lambda r: _won(r.revenue_net),
            lambda r: f"{r.packages_sold:,}", lambda r: _won(r.average_price),
            lambda r: f"{r.active_members:,}", lambda r: f"{r.new_members:,}",
            lambda r: f"{r.lapsed_members:,}", lambda r: f"{r.assessments:,}",
            lambda r: _change(r.average_change),
        ]
        return [
            Column(header.text(self._lang), text, RIGHT if i else Qt.AlignmentFlag.AlignLeft,
                   bold=(lambda r: r.trainer_id is None and r.name != UNASSIGNED.ko),
                   key=header.en)
            for i, ((header, _fmt, _w), text) in enumerate(zip(FIGURE_HEADERS, texts,
                                                              strict=True))
        ]

    # --- filters -----------------------------------------------------------------------
    def period(self) -> Period:
        return Period(self.period_combo.currentData())

    def _set_dates(self, period: Period) -> None:
        custom = period is Period.CUSTOM
        self.first_edit.setEnabled(custom)
        self.last_edit.setEnabled(custom)
        if custom:
            return
        first, last = period_range(period, self._service.today())
        for edit, day in ((self.first_edit, first), (self.last_edit, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _period_changed(self, _index: int) -> None:
        self._set_dates(self.period())
        self.refresh()

    def _custom_changed(self, _value: QDate) -> None:
        if self.period() is Period.CUSTOM:
            self.refresh()

    def dates(self) -> tuple[date, date]:
        return (self.first_edit.date().toPython(),  # type: ignore[return-value]
                self.last_edit.date().toPython())

    def selected_trainer(self) -> uuid.UUID | None:
        value = self.trainer_combo.currentData()
        return None if value is None else uuid.UUID(value)

    def _load_trainers(self) -> None:
        self.trainer_combo.blockSignals(True)
        self.trainer_combo.clear()
        choices = self._service.trainers(self._actor)
        # Owner and senior always have "all" (it holds the unassigned rows and the total);
        # a trainer's list is only themself.
        if self._actor.role in (Role.OWNER, Role.SENIOR):
            self.trainer_combo.addItem(self._t("all"), None)
        for trainer_id, name in choices:
            self.trainer_combo.addItem(name, str(trainer_id))
        self.trainer_combo.blockSignals(False)
        self._trainers_loaded = True

    # --- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        if not self._trainers_loaded:
            try:
                self._load_trainers()
            except The5HCError as error:
                self.status_label.setText(error.message(self._lang))
                return
        if self._loading is not None and not self._loading.is_done():
            self._pending = True
            return
        self._pending = False
        self.status_label.setText(self._t("loading"))
        service, actor = self._service, self._actor
        first, last = self.dates()
        trainer = self.selected_trainer()
        self._loading = worker.run(
            lambda _ctx: service.report(actor, first, last, trainer),
            self.show_report,
            on_failure=self._failed,
            parent=self,
            on_done=self._done,
            lane=worker.Lane.SLOW_READ,
        )

    def is_loading(self) -> bool:
        return self._loading is not None and not self._loading.is_done()

    def _done(self) -> None:
        if self._pending:
            self.refresh()

    def _failed(self, error: The5HCError) -> None:
        self.status_label.setText(self._t("failed"))
        if self._report is None:  # keep the last figures drawn; else say why none show
            for panel in (self.revenue_panel, self.heat_panel, self.retention_panel):
                panel.set_empty(True, self._t("failed"))
        self._messages.show_error(error)

    # --- showing -----------------------------------------------------------------------
    def report(self) -> AnalyticsReport | None:
        return self._report

    def show_report(self, report: AnalyticsReport) -> None:
        self._report = report
        rows = list(report.trainers)
        if self.selected_trainer() is None:
            rows.append(report.total)
        self.model.set_rows(tuple(rows))
        self._fill_monthly(report)
        self._fill_heat(report)
        self._fill_retention(report)
        self._draw(report)
        self.export_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.status_label.setText(self._t("updated").format(first=report.first,
                                                             last=report.last))

    def _fill_monthly(self, report: AnalyticsReport) -> None:
        names = {r.trainer_id: r.name for r in report.trainers}
        months = sorted({m for m, _ in report.monthly_revenue})
        trainers = sorted({t for _, t in report.monthly_revenue},
                          key=lambda t: (t is None, names.get(t, "")))
        table = self.monthly_table
        table.clear()
        table.setRowCount(len(months))
        table.setColumnCount(len(trainers) + 1)
        table.setHorizontalHeaderLabels(
            [names.get(t, UNASSIGNED.text(self._lang)) for t in trainers]
            + [T["all"].text(self._lang)])
        table.setVerticalHeaderLabels([f"{m:%Y-%m}" for m in months])
        for row, month in enumerate(months):
            values = [report.monthly_revenue.get((month, t), 0) for t in trainers]
            for col, value in enumerate([*values, sum(values)]):
                item = QTableWidgetItem(_won(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, col, item)
        table.resizeColumnsToContents()

    def _fill_heat(self, report: AnalyticsReport) -> None:
        peak = max((n for day in report.heat for n in day), default=0) or 1
        for d, day in enumerate(report.heat):
            for h, n in enumerate(day):
                item = QTableWidgetItem(str(n) if n else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                # Darker blue for busier hours: the table is its own heat map.
                strength = n / peak
                item.setBackground(QBrush(QColor(21, 101, 192, int(30 + 200 * strength) if n
                                                 else 0)))
                if strength > 0.6:
                    item.setForeground(QBrush(QColor("white")))
                self.heat_table.setItem(d, h, item)

    def _fill_retention(self, report: AnalyticsReport) -> None:
        table = self.retention_table
        table.setRowCount(len(report.retention))
        for row, point in enumerate(report.retention):
            texts = (str(point.month), f"{point.observed:,}", f"{point.kept:,}",
                     _pct(point.rate))
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, col, item)

    # --- charts ------------------------------------------------------------------------
    def _draw(self, report: AnalyticsReport) -> None:
        no_data = self._t("no_data")
        series = revenue_series(report, UNASSIGNED.text(self._lang))
        self.revenue_panel.set_empty(series.is_empty(), no_data)
        self.heat_panel.set_empty(heat_is_empty(report), no_data)
        self.retention_panel.set_empty(not report.retention, no_data)
        if series.is_empty() and heat_is_empty(report) and not report.retention:
            return  # nothing to draw: no reason to pay pyqtgraph's import yet
        revenue, heat, retention = self._charts()
        others = self._t("others")
        if not series.is_empty():
            revenue.set_data(month_labels(series.months, self._lang),
                             [(name or others, values) for name, values in series.series],
                             others)
        if not heat_is_empty(report):
            heat.set_data(report.heat)
        if report.retention:
            retention.set_data([p.month for p in report.retention],
                               [p.rate * 100 for p in report.retention])

    def _charts(self) -> tuple[RevenueChart, HeatChart, RetentionChart]:
        if (self.revenue_chart is not None and self.heat_chart is not None
                and self.retention_chart is not None):
            return self.revenue_chart, self.heat_chart, self.retention_chart
        # Imported here: pyqtgraph is slow to import and the window paints first.
        from the5hc_desktop.ui.panes.analytics.charts import (
            HeatChart,
            RetentionChart,
            RevenueChart,
        )
        from the5hc_desktop.ui.source_lines import forget_source_lines

        forget_source_lines()  # pyqtgraph's and numpy's, cached by PySide6's hook

        lang = self._lang
        self.revenue_chart = RevenueChart(lambda v: axis_won(v, lang),
                                          self._t("month"), self._t("gross"))
        self.heat_chart = HeatChart([d.text(lang) for d in WEEKDAY_LABELS], self._t("hour"),
                                    self._t("weekday"), self._t("sessions"))
        self.retention_chart = RetentionChart(self._t("after"), self._t("kept"))
        self.revenue_panel.set_chart(self.revenue_chart)
        self.heat_panel.set_chart(self.heat_chart)
        self.retention_panel.set_chart(self.retention_chart)
        return self.revenue_chart, self.heat_chart, self.retention_chart

    # --- print -------------------------------------------------------------------------
    def print_current(self) -> None:
        """Ctrl+P: the tables as an A4 PDF (made on the worker), then the print dialog."""
        report = self._report
        if report is None:
            return
        service, actor, lang = self._service, self._actor, self._lang
        folder = Path(tempfile.mkdtemp(prefix="the5hc-analytics-"))
        target = folder / f"analytics_{report.first}_{report.last}.pdf"
        worker.run(
            lambda _ctx: service.write_pdf(actor, report, target, lang),
            self._print_pdf,
            on_failure=self._messages.show_error,
            progress_label=self._t("printing"),
            parent=self,
            lane=worker.Lane.SLOW_READ,
        )

    def _print_pdf(self, pdf: Path) -> None:
        document = QPdfDocument(self)
        try:
            document.load(str(pdf))
            printer = Printing.choose_printer(self, document.pageCount(), pdf.stem)
            if printer is None:
                return
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                print_document(document, printer)
            except PrintFailed:
                self._messages.error(self._t("print_failed"), dialog=True)
            else:
                self._messages.success(self._t("printed"))
            finally:
                QApplication.restoreOverrideCursor()
        finally:
            document.close()
            document.deleteLater()
            pdf.unlink(missing_ok=True)
            pdf.parent.rmdir()

    def export_current(self) -> None:
        """Ctrl+E: the tables to Excel."""
        self.export()

    # --- export ------------------------------------------------------------------------
    def export(self) -> None:
        report = self._report
        if report is None:
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / f"분석_{report.first}_{report.last}.xlsx")
        target, _ = QFileDialog.getSaveFileName(self, self._t("export"), suggested,
                                                "Excel (*.xlsx)")
        if target:
            self.export_to(Path(target))

    def export_to(self, target: Path) -> None:
        report, lang = self._report, self._lang
        if report is None:
            return
        worker.run(
            lambda _ctx: export_report(report, target, lang),
            lambda path: self._messages.success(self._t("saved").format(path=path)),
            parent=self, lane=worker.Lane.SLOW_READ)
