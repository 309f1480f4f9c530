"""The member page as a view: estimated age, overdrawn packages, partial assessments, chart."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from clients_ui_support import Seeded
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from the5hc_desktop.domain.series import ProgressSeries
from the5hc_desktop.ui.panes.clients.detail import ClientDetailView
from the5hc_desktop.ui.panes.clients.progress_chart import day_seconds


def test_estimated_age_overdrawn_package_and_partial_assessment(
    qtbot: QtBot, seeded: Seeded
) -> None:
    detail = seeded.services.clients.get(seeded.owner, seeded.ids["김민수"])
    legacy = dataclasses.replace(detail.client, birth_date=None, age=41, age_is_estimate=True)
    overdrawn = dataclasses.replace(detail.packages[0], remaining=-2, overdrawn=True)
    partial = dataclasses.replace(detail.assessments[0], cardio=None, complete=False)
    shown = dataclasses.replace(detail, client=legacy, packages=(overdrawn,),
                                assessments=(partial, *detail.assessments[1:]))
    view = ClientDetailView()
    qtbot.addWidget(view)
    view.show_detail(shown)
    assert view.age_value.text() == "41세 (추정)"
    assert view.packages_model.index(0, 1).data() == "-2 (초과 사용)"
    assert view.packages_model.index(0, 4).data() == "초과 사용"
    assert view.assessments_model.index(0, 5).data() == "-"  # cardio not measured
    assert view.assessments_model.index(0, 6).data() == "일부 측정"
    assert view.assessments_model.index(1, 6).data() == ""
    assert "정상" in view.bmi_value.text()
    assert view.medical_value.text() == "왼쪽 무릎 수술 이력"


def test_chart_is_built_once_and_fed_with_set_data(qtbot: QtBot, seeded: Seeded) -> None:
    detail = seeded.services.clients.get(seeded.owner, seeded.ids["김민수"])
    view = ClientDetailView()
    qtbot.addWidget(view)
    empty = dataclasses.replace(detail, assessments=(),
                                progress=ProgressSeries([], [], [], [], [], []))
    view.show_detail(empty)
    assert view.chart is None  # no pyqtgraph until there is something to draw
    assert view.chart_stack.currentWidget() is view.chart_empty

    view.show_detail(detail)
    chart = view.chart
    assert chart is not None
    items = dict(chart.curves)
    xs, ys = chart.points("strength")
    assert xs == [day_seconds(d) for d in detail.progress.dates]
    assert ys == detail.progress.strength

    one = ProgressSeries([date(2025, 6, 1)], [70.0], [None], [60.0], [80.0], [None])
    view.show_detail(dataclasses.replace(detail, progress=one))
    assert view.chart is chart  # the same plot items, new data
    assert chart.curves == items
    assert chart.points("overall") == ([day_seconds(date(2025, 6, 1))], [70.0])
    assert chart.points("strength") == ([], [])  # not measured: no point drawn
    left, right = chart.plot.getPlotItem().viewRange()[0]
    assert left < day_seconds(date(2025, 6, 1)) < right
    assert chart.legend is not None
    assert [chart.band_axis._tickLevels[0][i][1] for i in range(5)] == [
        "매우 우수", "우수", "양호", "보통", "개선 필요"]


def test_the_member_page_calls_a_sale_what_the_sale_dialog_calls_it(qtbot: QtBot) -> None:
    view = ClientDetailView()
    qtbot.addWidget(view)
    title = QCoreApplication.translate("SellPackageDialog", "Sell package")
    assert title == "패키지 판매"
    assert view.package_button.text() == title


def test_a_few_assessments_are_labelled_with_their_own_dates(qtbot: QtBot) -> None:
    """One assessment read as a row of empty days (02.11 … 03.18) around a single point."""
    from the5hc_desktop.ui.panes.clients.progress_chart import ProgressChart

    chart = ProgressChart("ko")
    qtbot.addWidget(chart)
    chart.resize(700, 300)
    chart.show()
    one = ProgressSeries([date(2025, 3, 1)], [60.0], [70.0], [None], [50.0], [None])
    chart.set_series(one)
    assert chart.date_labels() == ["03.01"]
    two_years = ProgressSeries([date(2024, 12, 20), date(2025, 3, 1)], *([[50.0, 60.0]] * 5))
    chart.set_series(two_years)
    assert chart.date_labels() == ["2024.12.20", "2025.03.01"]
    days = [date(2025, 1, 1) + timedelta(days=30 * n) for n in range(10)]
    chart.set_series(ProgressSeries(days, *([[50.0] * 10] * 5)))
    chart.grab()  # the axis measures its font when it paints
    labels = chart.date_labels()
    assert labels
    assert len(labels) == len(set(labels))


@pytest.mark.parametrize("language", ["ko", "en"])
def test_every_band_word_fits_beside_the_chart(qtbot: QtBot, language: str) -> None:
    """pyqtgraph drops a label wider than its axis: 매우 우수 and 개선 필요 were missing."""
    from PySide6.QtGui import QFontMetrics

    from the5hc_desktop.domain.scoring import BANDS
    from the5hc_desktop.ui.panes.clients.progress_chart import ProgressChart

    chart = ProgressChart(language)
    qtbot.addWidget(chart)
    chart.resize(700, 300)
    chart.show()
    qtbot.waitExposed(chart)
    metrics = QFontMetrics(chart.band_axis.style["tickFont"])
    widest = max(metrics.horizontalAdvance(band.text(language)) for band in BANDS)
    assert chart.band_axis.width() >= widest + chart.band_axis.style["tickTextOffset"][0]
