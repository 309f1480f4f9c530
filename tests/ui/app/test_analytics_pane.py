"""The 분석 pane shows AnalyticsService.report for the chosen period and trainer."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from ui_app_seed import Gym

from the5hc_desktop.services import Services
from the5hc_desktop.services.analytics import Period, revenue_series
from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui.documents.printing import Printing, new_printer
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.analytics import AnalyticsPane
from the5hc_desktop.ui.panes.analytics.series import axis_won, month_labels


def _pane(qtbot: QtBot, services: Services, actor: Actor,
          messages: MessageBridge) -> AnalyticsPane:
    pane = AnalyticsPane(services.analytics, actor, messages)
    qtbot.addWidget(pane)
    pane.resize(1280, 720)
    pane.show()
    pane.refresh()
    qtbot.waitUntil(lambda: pane.report() is not None and not pane.is_loading(), timeout=10_000)
    return pane


def test_this_month_and_the_filters(qtbot: QtBot, services: Services, gym: Gym,
                                    messages: MessageBridge, tmp_path: Path) -> None:
    pane = _pane(qtbot, services, gym.owner, messages)
    expected = services.analytics.report(gym.owner, date(2025, 6, 1), date(2025, 6, 30))
    assert pane.report() == expected
    # Trainers first, the gym total last.
    assert pane.model.rows() == (*expected.trainers, expected.total)
    assert expected.total.revenue_gross == 910_000  # the dashboard's June revenue
    pane.grab().save(str(tmp_path / "analytics.png"))

    # One trainer: that trainer's row only.
    index = pane.trainer_combo.findData(str(gym.trainer.staff_id))
    pane.trainer_combo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: pane.report() != expected and not pane.is_loading(), timeout=10_000)
    report = pane.report()
    assert report is not None
    assert [r.trainer_id for r in pane.model.rows()] == [gym.trainer.staff_id]

    # Last month: May.
    pane.period_combo.setCurrentIndex(pane.period_combo.findData(Period.LAST_MONTH.value))
    qtbot.waitUntil(lambda: pane.report() is not None and pane.report().first == date(2025, 5, 1)
                    and not pane.is_loading(), timeout=10_000)
    assert not pane.first_edit.isEnabled()

    target = tmp_path / "analytics.xlsx"
    pane.export_to(target)
    qtbot.waitUntil(target.exists, timeout=10_000)
    book = load_workbook(target)
    assert book.sheetnames == ["트레이너별", "월별 매출", "요일×시간", "유지율"]


def test_a_trainer_has_only_themself_to_pick(qtbot: QtBot, services: Services, gym: Gym,
                                             messages: MessageBridge) -> None:
    pane = _pane(qtbot, services, gym.trainer, messages)
    assert pane.trainer_combo.count() == 1
    assert pane.selected_trainer() == gym.trainer.staff_id
    assert [r.trainer_id for r in pane.model.rows()] == [gym.trainer.staff_id]


def test_the_charts_draw_the_report_and_redraw_on_a_filter_change(
        qtbot: QtBot, services: Services, gym: Gym, messages: MessageBridge) -> None:
    pane = _pane(qtbot, services, gym.owner, messages)
    report = pane.report()
    assert report is not None
    assert pane.revenue_chart is not None
    assert pane.heat_chart is not None
    assert pane.retention_chart is not None
    series = revenue_series(report, "미지정")
    assert pane.revenue_chart.legend_names() == [name or "기타" for name, _v in series.series]
    assert pane.revenue_chart.totals() == [
        float(sum(values[i] for _n, values in series.series)) for i in range(len(series.months))]
    assert pane.heat_chart.peak() == max(max(day) for day in report.heat)
    assert pane.retention_chart.points() == [(p.month, p.rate * 100) for p in report.retention]
    assert pane.revenue_panel.shown() is pane.revenue_chart

    # The trainer filter: the heat map now counts that trainer's sessions only.
    pane.trainer_combo.setCurrentIndex(pane.trainer_combo.findData(str(gym.trainer.staff_id)))
    qtbot.waitUntil(lambda: pane.report() != report and not pane.is_loading(), timeout=10_000)
    narrowed = pane.report()
    assert narrowed is not None
    assert pane.heat_chart.peak() == max(max(day) for day in narrowed.heat)
    assert sum(map(sum, narrowed.heat)) < sum(map(sum, report.heat))

    # The table behind the chart.
    pane.heat_panel.table_button.click()
    assert pane.heat_panel.shown() is pane.heat_table
    pane.heat_panel.chart_button.click()
    assert pane.heat_panel.shown() is pane.heat_chart


def test_an_empty_period_says_no_data_instead_of_drawing_axes(
        qtbot: QtBot, services: Services, gym: Gym, messages: MessageBridge) -> None:
    pane = AnalyticsPane(services.analytics, gym.owner, messages)
    qtbot.addWidget(pane)
    pane.show()
    pane.period_combo.setCurrentIndex(pane.period_combo.findData(Period.CUSTOM.value))
    pane.first_edit.setDate(QDate(2020, 1, 1))
    pane.last_edit.setDate(QDate(2020, 3, 31))
    qtbot.waitUntil(lambda: pane.report() is not None and pane.report().first == date(2020, 1, 1)
                    and not pane.is_loading(), timeout=10_000)
    for panel in (pane.revenue_panel, pane.heat_panel, pane.retention_panel):
        assert panel.shown() is panel.empty_label
        assert panel.empty_label.text() == "데이터 없음"


def test_the_pane_imports_without_pyqtgraph() -> None:
    code = ("import sys, the5hc_desktop.ui.panes.analytics; "
            "sys.exit('pyqtgraph' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ},
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


def test_ctrl_p_prints_the_tables(qtbot: QtBot, services: Services, gym: Gym,
                                  messages: MessageBridge, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    pane = _pane(qtbot, services, gym.owner, messages)
    assert "file.print" in pane.pane_actions()
    output = tmp_path / "printed.pdf"
    asked: list[int] = []

    def choose_printer(_parent: QWidget | None, pages: int, name: str) -> QPrinter:
        asked.append(pages)
        printer = new_printer(name)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        printer.setResolution(96)
        return printer

    monkeypatch.setattr(Printing, "choose_printer", choose_printer)
    pane.print_current()
    qtbot.waitUntil(lambda: output.exists() and bool(asked), timeout=20_000)
    assert len(PdfReader(output).pages) == asked[0] >= 1


@pytest.mark.parametrize(("value", "language", "text"), [
    (0, "ko", "0"), (5_000, "ko", "5,000원"), (20_000_000, "ko", "2,000만"),
    (350_000_000, "ko", "3.5억"), (4_000_000_000, "ko", "40억"),
    (350_000_000, "en", "₩350M"), (1_500_000_000, "en", "₩1.5B"), (900, "en", "₩900"),
])
def test_money_ticks(value: float, language: str, text: str) -> None:
    assert axis_won(value, language) == text


def test_month_labels_carry_the_year_across_new_year() -> None:
    assert month_labels([date(2025, 11, 1), date(2025, 12, 1)], "ko") == ["11월", "12월"]
    assert month_labels([date(2025, 12, 1), date(2026, 1, 1)], "en") == ["25.12", "26.01"]
    assert month_labels([date(2025, 3, 1)], "en") == ["Mar"]
