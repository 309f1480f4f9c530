"""The review: every test score with its word and /4 or /3, categories and overall (partial
ones marked 일부 측정), PFI, injury risk with its concerns, recommendations and the chart.

Used by the wizard's last page (live numbers from `evaluation.evaluate`) and by the viewer
of a stored assessment (the stored snapshot, never recomputed).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.follow_up import reassess_advice
from the5hc_desktop.domain.recommendations import RECOMMENDATION_LABELS, Recommendations
from the5hc_desktop.domain.risk import RISK_ADVICE, RiskAssessment
from the5hc_desktop.domain.scoring import (
    CATEGORY_KEYS,
    CATEGORY_LABELS,
    TEST_KEYS,
    TEST_LABELS,
    AssessmentInputs,
    AssessmentScores,
    band_for,
    fmt1,
    level_word,
)
from the5hc_desktop.domain.series import category_series
from the5hc_desktop.ui.rows_model import RIGHT, Column, RowsModel

from .chart_slot import ChartSlot
from .evaluation import score_out_of


@dataclass(frozen=True)
class ScoreRow:
    key: str
    name: str
    measured: str  # the raw figures, in words
    score: str  # "3 /4", "2.4 /4" or 미측정
    word: str


class ScoreRowModel(RowsModel[ScoreRow]):
    def __init__(self, first: str, second: str, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns([
            Column(first, lambda r: r.name),
            Column(second, lambda r: r.measured),
            Column(self.tr("Score"), lambda r: r.score, RIGHT),
            Column(self.tr("Rating"), lambda r: r.word),
        ])


def _fit_height(view: QTableView) -> None:
    """Show every row without a scroll bar (the review scrolls as a whole)."""
    rows = view.model().rowCount()
    height = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
    height += sum(view.rowHeight(r) for r in range(rows)) if rows else 0
    view.setFixedHeight(height + 2)


def _table(name: str, model: RowsModel[ScoreRow]) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.verticalHeader().hide()
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return view


def _rich(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ReviewPanel(QWidget):
    """Shows one assessment's numbers; `show_results` replaces them all at once."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.setObjectName("reviewPanel")
        self._language = language
        self.overall = QLabel()
        self.overall.setObjectName("reviewOverall")
        font = self.overall.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.overall.setFont(font)
        self.completeness = QLabel()
        self.completeness.setObjectName("reviewCompleteness")
        self.risk = QLabel()
        self.risk.setObjectName("reviewRisk")
        self.risk.setFont(font)
        self.pfi = QLabel()
        self.pfi.setObjectName("reviewPfi")
        self.test_model = ScoreRowModel(self.tr("Test"), self.tr("Measured"), self)
        self.category_model = ScoreRowModel(self.tr("Category"), self.tr("Note"), self)
        self.tests = _table("reviewTests", self.test_model)
        self.categories = _table("reviewCategories", self.category_model)
        self.concerns = _rich(QLabel())
        self.concerns.setObjectName("reviewConcerns")
        self.recommendations = _rich(QLabel())
        self.recommendations.setObjectName("reviewRecommendations")
        self.chart = ChartSlot(self.tr("Not measured"))

        summary = QGridLayout()
        summary.addWidget(QLabel(self.tr("Overall")), 0, 0)
        summary.addWidget(self.overall, 1, 0)
        summary.addWidget(self.completeness, 2, 0)
        summary.addWidget(QLabel(self.tr("Injury risk")), 0, 1)
        summary.addWidget(self.risk, 1, 1)
        summary.addWidget(self.pfi, 2, 1)
        summary.setColumnStretch(0, 1)
        summary.setColumnStretch(1, 1)
        upper = QHBoxLayout()
        tables = QVBoxLayout()
        tables.addWidget(self.tests)
        tables.addWidget(self.categories)
        tables.addStretch(1)
        upper.addLayout(tables, 3)
        upper.addWidget(self.chart, 2)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(summary)
        layout.addLayout(upper)
        layout.addWidget(self.concerns)
        layout.addWidget(line)
        layout.addWidget(self.recommendations)

    # --- filling ---------------------------------------------------------------------------
    def show_results(
        self,
        inputs: AssessmentInputs,
        scores: AssessmentScores,
        risk: RiskAssessment | None,
        recommendations: Recommendations,
        partial: frozenset[str],
    ) -> None:
        lang = self._language
        self.test_model.set_rows([self._test_row(key, inputs, scores) for key in TEST_KEYS])
        self.category_model.set_rows([
            self._category_row(key, scores.category(key), key in partial)
            for key in CATEGORY_KEYS
        ])
        for view in (self.tests, self.categories):
            view.resizeRowsToContents()
            _fit_height(view)
        overall_band = band_for(scores.overall)
        if scores.overall is None or overall_band is None:
            self.overall.setText(self.tr("Not measured"))
        else:
            self.overall.setText(f"{fmt1(scores.overall)} · {overall_band.text(lang)}")
        measured = sum(scores.test(key) is not None for key in TEST_KEYS)
        self.completeness.setText(
            self.tr("All 7 tests measured") if scores.complete
            else self.tr("Partly measured: {n} of 7 tests").format(n=measured)
        )
        self.pfi.setText(self.tr("PFI: {pfi}").format(
            pfi=fmt1(scores.pfi) if scores.pfi is not None else self.tr("Not measured")))
        if risk is None:
            self.risk.setText(self.tr("Not calculated"))
            self.concerns.setText("")
        else:
            self.risk.setText(f"{fmt1(risk.score)} · {risk.level.label.text(lang)}")
            self.concerns.setText(self._concerns_html(risk))
        self.recommendations.setText(self._recommendations_html(recommendations))
        self.chart.set_series(category_series(scores), lang)

    def _test_row(self, key: str, inputs: AssessmentInputs, scores: AssessmentScores) -> ScoreRow:
        value = scores.test(key)
        name = TEST_LABELS[key].text(self._language)
        measured = self.measured_text(key, inputs, scores)
        if value is None:
            return ScoreRow(key, name, measured, self.tr("Not measured"), "")
        score = score_out_of(value, key)
        return ScoreRow(key, name, measured, score, level_word(value).text(self._language))

    def _category_row(self, key: str, value: float | None, partial: bool) -> ScoreRow:
        name = CATEGORY_LABELS[key].text(self._language)
        if value is None:
            return ScoreRow(key, name, "", self.tr("Not measured"), "")
        band = band_for(value)
        word = band.text(self._language) if band is not None else ""
        note = self.tr("Partly measured") if partial else ""
        return ScoreRow(key, name, note, f"{fmt1(value)} /100", word)

    def measured_text(self, key: str, i: AssessmentInputs, s: AssessmentScores) -> str:
        """The raw figures behind a test score, or "" when nothing was entered."""
        def num(value: float | None) -> str:
            return fmt1(value) if value is not None else "–"

        if key == "push_up" and i.push_up_reps is not None:
            return self.tr("{reps} reps ({kind})").format(
                reps=i.push_up_reps, kind=i.push_up_type.label.text(self._language))
        if key == "farmer_carry" and i.farmer_carry_time_s is not None:
            return self.tr("{time} s · {load} kg · {distance} m").format(
                time=num(i.farmer_carry_time_s), load=num(i.farmer_carry_weight_kg),
                distance=num(i.farmer_carry_distance_m))
        if key == "toe_touch" and i.toe_touch_cm is not None:
            return f"{i.toe_touch_cm:+.1f} cm"
        if key == "shoulder_mobility":
            text = self.tr("L {left} / R {right} cm").format(
                left=num(i.shoulder_left_cm), right=num(i.shoulder_right_cm))
            if i.shoulder_pain:
                return self.tr("{sides}, pain").format(sides=text)
            has_gap = i.shoulder_left_cm is not None or i.shoulder_right_cm is not None
            return text if has_gap else ""
        if key == "overhead_squat" and s.overhead_squat is not None:
            count = sum((i.knee_valgus, i.forward_lean, i.heel_lift, i.arm_drop))
            return self.tr("{n} compensations").format(n=count)
        if key == "balance":
            times = (i.balance_right_open_s, i.balance_left_open_s, i.balance_right_closed_s,
                     i.balance_left_closed_s)
            if any(t is not None for t in times):
                return self.tr("open R {a} / L {b} · closed R {c} / L {d} s").format(
                    a=num(times[0]), b=num(times[1]), c=num(times[2]), d=num(times[3]))
        if key == "step_test" and s.pfi is not None:
            return self.tr("PFI {pfi} · {time} s").format(
                pfi=fmt1(s.pfi), time=fmt1(i.step_test_duration_s))
        return ""

    def _concerns_html(self, risk: RiskAssessment) -> str:
        lang = self._language
        heading = self.tr("Primary concerns")
        parts = [f"<b>{html.escape(heading)}</b>"]
        if risk.primary_concerns:
            items = "".join(
                f"<li>{html.escape(c.text_en if lang == 'en' else c.text_ko)}</li>"
                for c in risk.primary_concerns
            )
            parts.append(f"<ul style='margin-top:2px'>{items}</ul>")
        else:
            none = self.tr("None")
            parts.append(f"<p>{html.escape(none)}</p>")
        advice = RISK_ADVICE[risk.level]
        text = advice.text_en if lang == "en" else advice.text_ko
        when = reassess_advice(risk.level).text(lang)
        parts.append(f"<p>{html.escape(text)} <i>({html.escape(when)})</i></p>")
        return "".join(parts)

    def _recommendations_html(self, recommendations: Recommendations) -> str:
        lang = self._language
        heading = self.tr("Recommendations")
        parts = [f"<b>{html.escape(heading)}</b>"]
        for category, tips in recommendations.by_category.items():
            if not tips:
                continue
            label = RECOMMENDATION_LABELS.get(category)
            title = label.text(lang) if label is not None else category
            items = "".join(
                f"<li>{html.escape(t.text_en if lang == 'en' else t.text_ko)}</li>" for t in tips
            )
            parts.append(f"<p style='margin-bottom:0'><u>{html.escape(title)}</u></p>"
                         f"<ul style='margin-top:2px'>{items}</ul>")
        if len(parts) == 1:
            none = self.tr("None")
            parts.append(f"<p>{html.escape(none)}</p>")
        return "".join(parts)
