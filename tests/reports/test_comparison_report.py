"""The comparison report read back: both dates, changes with arrows, band movement."""

from __future__ import annotations

from pathlib import Path

from report_pdf_support import DECIMAL, read_pdf

from the5hc_desktop.domain.compare import compare_assessments
from the5hc_desktop.domain.scoring import fmt1
from the5hc_desktop.reports.comparison_report import change_text, render_comparison_report
from the5hc_desktop.reports.data import ComparisonReportData


def test_comparison_shows_changes_and_bands(comparison_data: ComparisonReportData,
                                            tmp_path: Path) -> None:
    path = tmp_path / "compare.pdf"
    render_comparison_report(comparison_data, path)
    pages = read_pdf(path)
    text = "\n".join(pages)
    assert len(pages) == 1
    assert "1 / 1" in pages[0]
    assert "김민수" in text
    assert "체력 평가 비교 보고서" in text
    assert "(91일)" in text

    before, after = comparison_data.before, comparison_data.after
    result = compare_assessments((before.assessed_on, before.inputs, before.scores),
                                 (after.assessed_on, after.inputs, after.scores))
    overall = result.categories[-1]
    assert overall.change is not None
    assert overall.change > 0
    assert f"▲ {fmt1(overall.change)}" in text
    assert f"{overall.band_a.ko} → {overall.band_b.ko}" in text  # type: ignore[union-attr]
    cardio = next(row for row in result.categories if row.key == "cardio")
    assert cardio.a is None
    assert f"미측정 → {cardio.band_b.ko}" in text  # type: ignore[union-attr]
    for row in result.categories:
        for value in (row.a, row.b):
            if value is not None:
                assert fmt1(value) in text
    assert all(len(n.split(".")[1]) == 1 for n in DECIMAL.findall(text))
    # The earlier assessment skipped push-ups: no score invented, no change claimed.
    tests = text[text.index("세부 측정 비교"):]
    push_up = tests[tests.index("푸시업"):tests.index("파머스 캐리")]
    assert "미측정" in push_up
    assert "0.0/4" not in push_up
    assert "▲" not in push_up
    assert "▼" not in push_up


def test_change_text() -> None:
    assert "▲ 12.5" in change_text(12.45)
    assert "▼ 3.0" in change_text(-3.0)
    assert "― 0.0" in change_text(0.04)
    assert change_text(None) == "-"
