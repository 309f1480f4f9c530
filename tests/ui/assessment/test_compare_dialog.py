"""The comparison dialog shows how the measurements moved, not only the scores."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from the5hc_desktop.domain.compare import Comparison, ComparisonRow
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.ui.panes.assessment.compare_dialog import CompareDialog


def _row(key: str, unit: str, raw_a: float | None, raw_b: float | None,
         score_a: float | None, score_b: float | None) -> ComparisonRow:
    return ComparisonRow(key, Label(key, key), Label(unit, unit), raw_a, raw_b, score_a, score_b)


def test_doubled_push_ups_in_the_same_band_show_the_raw_change(qtbot: QtBot) -> None:
    comparison = Comparison(30, (
        _row("push_up", "회", 10, 20, 3, 3),
        _row("toe_touch", "cm", 5.0, 2.5, 3, 3),
        _row("balance", "초", None, 12.0, None, 2),
    ), ())
    dialog = CompareDialog(comparison, "김민수", (date(2025, 2, 1), date(2025, 3, 3)), "ko")
    qtbot.addWidget(dialog)
    lines = {line.name: line for line in dialog.test_model.rows()}
    assert lines["push_up"].change == "0"  # the score did not move...
    assert lines["push_up"].raw_change == "+10 회"  # ...but the reps doubled
    assert lines["toe_touch"].raw_change == "-2.5 cm"
    assert lines["balance"].raw_change == ""  # nothing to compare against
    headers = [dialog.test_model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(dialog.test_model.columnCount())]
    assert "측정 변화" in headers
