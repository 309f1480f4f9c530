"""Report sections: 건강 사전 확인 (after the member's details) and 생활습관 설문 (after the
injury risk), with the comprehensive score, the questionnaire-blended risk and the tips.

An assessment without a health record (older or imported) prints neither section.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from the5hc_desktop.domain.risk import risk_level_for
from the5hc_desktop.domain.screening import ADVICE, ScreeningOutcome
from the5hc_desktop.domain.words import band_for, fmt1
from the5hc_desktop.reports.blocks import WIDTH, Command, cell, grid, heading
from the5hc_desktop.reports.data import AssessmentReportData
from the5hc_desktop.reports.fonts import BOLD
from the5hc_desktop.reports.style import MUTED, band_colour, hex_of, styles, text

ADVISED = "#C62828"
CLEAR = "#2E7D32"
DASH = "-"


def screening(data: AssessmentReportData) -> list[Flowable]:
    health = data.health
    if health is None:
        return []
    st = styles()
    flow: list[Flowable] = [heading("건강 사전 확인")]
    outcome = health.screening_outcome
    if outcome is None or health.screened_on is None:
        flow.append(cell(f"<font color='{hex_of(MUTED)}'>이 평가에는 사전 확인 기록이 "
                         "없습니다.</font>"))
        return [KeepTogether(flow)]
    colour = ADVISED if outcome is ScreeningOutcome.CLEARANCE_ADVISED else CLEAR
    day = health.screened_on.strftime("%Y.%m.%d")
    flow.append(Paragraph(f"<font color='{colour}'><b>{outcome.label.ko}</b></font>"
                          f"  <font size=8 color='{hex_of(MUTED)}'>({day} 확인, 7개 문항)"
                          "</font>", st["cell"]))
    if outcome is ScreeningOutcome.CLEARANCE_ADVISED:
        flow.append(Paragraph(text(ADVICE.ko), st["cell"]))
        flow += [Paragraph(text(q.text.ko), st["bullet"], bulletText="•")
                 for q in health.yes_questions]
        if health.proceed_reason:
            flow.append(Paragraph(f"<b>측정 진행 사유</b>: {text(health.proceed_reason)}",
                                  st["cell"]))
    return [KeepTogether(flow)]


def questionnaire(data: AssessmentReportData) -> list[Flowable]:
    health = data.health
    if health is None:
        return []
    title = heading("생활습관 설문")
    result = health.result
    if result is None:
        return [KeepTogether([title, cell(f"<font color='{hex_of(MUTED)}'>설문을 건너뛰어 "
                                          "설문 점수가 없습니다.</font>")])]
    st = styles()
    rows: list[list[object]] = [["항목", "점수", "등급"]]
    extra: list[Command] = []
    for category in health.questionnaire.categories:
        value = result.categories.get(category.key)
        band = band_for(value)
        if value is None or band is None:
            rows.append([category.name.ko, DASH, "미응답"])
            continue
        r = len(rows)
        rows.append([category.name.ko, fmt1(value), band.ko])
        extra += [("TEXTCOLOR", (2, r), (2, r), band_colour(band))]
    r = len(rows)
    total = DASH if result.comprehensive is None else fmt1(result.comprehensive)
    total_band = band_for(result.comprehensive)
    rows.append(["종합 점수 (체력 60% + 설문 40%)", total, total_band.ko if total_band else DASH])
    extra += [("FONTNAME", (0, r), (-1, r), BOLD)]
    if result.blended_risk is not None and result.physical_risk is not None:
        r = len(rows)
        level = risk_level_for(result.blended_risk).label.ko
        rows.append([f"부상 위험 (설문 반영: 체력 {fmt1(result.physical_risk)} × 0.8 + "
                     f"설문 {fmt1(result.questionnaire_risk)} × 0.2)",
                     fmt1(result.blended_risk), level])
    table = grid(rows, [WIDTH * 0.6, WIDTH * 0.2, WIDTH * 0.2], ["LEFT", "CENTER", "CENTER"],
                 extra=extra)
    flow: list[Flowable] = [title, table]
    if result.risk_answers:
        labels = ", ".join(health.questionnaire.risk_labels[r.code].ko
                           for r in result.risk_answers)
        flow += [Spacer(1, 4), Paragraph(f"<b>생활습관 위험 요인</b>: {text(labels)}",
                                         st["cell"])]
    tips: list[Flowable] = [Spacer(1, 4), Paragraph("설문 결과에 따른 조언", st["h3"])]
    for insight in result.insights():
        name = health.questionnaire.category(insight.category).name.ko
        tips.append(Paragraph(f"{name} <font size=8 color='{hex_of(MUTED)}'>"
                              f"{fmt1(insight.score)}점 · {insight.band.ko}</font>", st["cell"]))
        tips += [Paragraph(text(tip.ko), st["bullet"], bulletText="•") for tip in insight.tips]
    return [KeepTogether(flow), KeepTogether(tips), Spacer(1, 2 * mm)]
