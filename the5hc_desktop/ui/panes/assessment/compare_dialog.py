"""Two assessments of one client side by side (domain.compare via AssessmentService.compare):
each test's raw value and score, the categories and overall with change and band movement,
and the days between."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.compare import CategoryComparison, Comparison, ComparisonRow
from the5hc_desktop.domain.labels import Band
from the5hc_desktop.domain.scoring import fmt1
from the5hc_desktop.ui.rows_model import RIGHT, Column, RowsModel

from .evaluation import fmt_score, score_out_of


@dataclass(frozen=True)
class CompareLine:
    name: str
    first: str
    first_score: str
    second: str
    second_score: str
    change: str
    movement: str = ""
    raw_change: str = ""  # tests only: the measured figure's change with its unit


def _signed(value: float | None, key: str | None = None) -> str:
    if value is None:
        return ""
    text = fmt_score(value, key)
    return text if text.startswith("-") or float(text) == 0 else f"+{text}"


class CompareModel(RowsModel[CompareLine]):
    def __init__(self, first: str, second: str, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        score_title = self.tr("Score") if kind == "tests" else self.tr("Band")
        value_title = self.tr("Measured") if kind == "tests" else self.tr("Score")
        columns: list[Column[CompareLine]] = [
            Column(self.tr("Item"), lambda r: r.name),
            Column(f"{first} {value_title}", lambda r: r.first, RIGHT),
            Column(f"{first} {score_title}", lambda r: r.first_score),
            Column(f"{second} {value_title}", lambda r: r.second, RIGHT),
            Column(f"{second} {score_title}", lambda r: r.second_score),
            Column(self.tr("Change"), lambda r: r.change, RIGHT),
        ]
        if kind == "tests":
            columns.append(Column(self.tr("Measured change"), lambda r: r.raw_change, RIGHT))
        if kind != "tests":
            columns.append(Column(self.tr("Band movement"), lambda r: r.movement))
        self.set_columns(columns)


def _table(name: str, model: CompareModel) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view


class CompareDialog(QDialog):
    def __init__(
        self,
        comparison: Comparison,
        client_name: str,
        dates: tuple[date, date],
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent=parent)
        self.setObjectName("compareDialog")
        self.comparison = comparison
        self._language = language
        self._not_measured = self.tr("Not measured")
        first, second = (d.isoformat() for d in dates)
        self.setWindowTitle(self.tr("Compare assessments of {name}").format(name=client_name))
        self.resize(900, 620)
        self.days = QLabel(self.tr("{first} → {second}: {days} days apart").format(
            first=first, second=second, days=comparison.days_between))
        self.days.setObjectName("compareDays")
        font = self.days.font()
        font.setBold(True)
        self.days.setFont(font)
        self.test_model = CompareModel(first, second, "tests", self)
        self.test_model.set_rows([self._test_line(row) for row in comparison.rows])
        self.category_model = CompareModel(first, second, "categories", self)
        self.category_model.set_rows([self._category_line(c) for c in comparison.categories])
        self.tests = _table("compareTests", self.test_model)
        self.categories = _table("compareCategories", self.category_model)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.days)
        layout.addWidget(QLabel(self.tr("Tests")))
        layout.addWidget(self.tests, 3)
        layout.addWidget(QLabel(self.tr("Categories and overall")))
        layout.addWidget(self.categories, 2)
        layout.addWidget(buttons)

    def _test_line(self, row: ComparisonRow) -> CompareLine:
        unit = row.unit.text(self._language)

        def raw(value: float | None) -> str:
            if value is None:
                return self._not_measured
            whole = row.key == "push_up" and float(value).is_integer()
            return f"{int(value) if whole else fmt1(value)} {unit}"

        def score(value: float | None) -> str:
            return score_out_of(value, row.key) if value is not None else ""

        def moved(value: float | None) -> str:
            if value is None:
                return ""
            text = fmt1(value) if not float(value).is_integer() else str(int(value))
            return f"{text if value <= 0 else '+' + text} {unit}"

        return CompareLine(row.label.text(self._language), raw(row.raw_a), score(row.score_a),
                           raw(row.raw_b), score(row.score_b), _signed(row.score_change, row.key),
                           raw_change=moved(row.raw_change))

    def _band(self, band: Band | None) -> str:
        return band.text(self._language) if band is not None else ""

    def _category_line(self, c: CategoryComparison) -> CompareLine:
        def value(v: float | None) -> str:
            return fmt1(v) if v is not None else self._not_measured

        movement = ""
        if c.band_a is not None and c.band_b is not None and c.band_a.key != c.band_b.key:
            movement = f"{self._band(c.band_a)} → {self._band(c.band_b)}"
        elif c.band_a is not None and c.band_b is not None:
            movement = self.tr("Same band")
        return CompareLine(c.label.text(self._language), value(c.a), self._band(c.band_a),
                           value(c.b), self._band(c.band_b), _signed(c.change), movement)
