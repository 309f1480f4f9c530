"""Later sections of the assessment report: risk, suggestions, programme, notes, dates."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from the5hc_desktop.domain.follow_up import FollowUp, reassess_advice
from the5hc_desktop.domain.follow_up import follow_up as plan_follow_up
from the5hc_desktop.domain.recommendations import (
    PROGRAMME,
    RECOMMENDATION_LABELS,
    intensity_for_age,
    weekly_schedule,
)
from the5hc_desktop.domain.risk import RISK_ADVICE
from the5hc_desktop.domain.scoring import band_for, fmt1
from the5hc_desktop.domain.tips import Tip
from the5hc_desktop.reports.blocks import WIDTH, cell, fit, grid, heading
from the5hc_desktop.reports.data import AssessmentReportData
from the5hc_desktop.reports.style import (
    ACCENT,
    HEADER_BG,
    MUTED,
    NAVY,
    RISK_COLOURS,
    RULE,
    band_colour,
    date_dot,
    hex_of,
    number_style,
    styles,
    text,
)

_PHYSICAL = ("strength", "mobility", "balance", "cardio")


def risk(data: AssessmentReportData) -> list[Flowable]:
    title = heading("부상 위험도 평가")
    assessment = data.risk
    if assessment is None or data.scores.overall is None:
        message = cell("측정된 항목이 부족해 부상 위험도를 계산하지 않았습니다.")
        return [KeepTogether([title, message])]
    colour = RISK_COLOURS.get(str(assessment.level), MUTED)
    chip = Table(
        [[cell("<b>위험 점수</b>", "cell_c")],
         [Paragraph(fmt1(assessment.score), number_style(22))],
         [cell(f"<font color='{hex_of(MUTED)}'>/ 100</font>", "cell_c")],
         [cell(f"<font color='white'><b>{assessment.level.label.ko}</b></font>", "cell_c")]],
        colWidths=[40 * mm], rowHeights=[16, 30, 14, 20],
        style=TableStyle([("BOX", (0, 0), (-1, -1), 1, colour),
                          ("BACKGROUND", (0, 3), (0, 3), colour),
                          ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("TOPPADDING", (0, 0), (-1, -1), 1),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]),
    )
    st = styles()
    body: list[Flowable] = [Paragraph("주요 우려사항", st["h3"])]
    if assessment.primary_concerns:
        body += [Paragraph(text(c.text_ko), st["bullet"], bulletText="•")
                 for c in assessment.primary_concerns]
    else:
        body.append(Paragraph("특별한 우려사항이 없습니다.", st["bullet"], bulletText="•"))
    advice = RISK_ADVICE[assessment.level]
    body += [Spacer(1, 4), Paragraph("권장 사항", st["h3"]),
             Paragraph(text(advice.text_ko), st["cell"]),
             Paragraph(f"<font color='{hex_of(ACCENT)}'><b>{_reassess_sentence(data)}</b></font>",
                       st["cell"])]
    layout = Table([[chip, body]], colWidths=[46 * mm, WIDTH - 46 * mm],
                   style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                     ("LEFTPADDING", (0, 0), (0, 0), 0),
                                     ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    return [KeepTogether([title, layout])]


def _follow_up(data: AssessmentReportData) -> FollowUp:
    return plan_follow_up(data.assessed_on, data.risk.level if data.risk else None)


def _reassess_sentence(data: AssessmentReportData) -> str:
    """"6주 후 재평가 (2024.06.21)": the same rule and date as the band at the end."""
    level = data.risk.level if data.risk else None
    return f"{reassess_advice(level).ko} ({date_dot(_follow_up(data).reassess)})"


def _tip_box(key: str, tips: tuple[Tip, ...], data: AssessmentReportData) -> list[Flowable]:
    st = styles()
    value = data.scores.category(key)
    band = band_for(value)
    score = ""
    if value is not None and band is not None:
        score = f"  <font size=8 color='{hex_of(MUTED)}'>{fmt1(value)}점 · {band.ko}</font>"
    flow: list[Flowable] = [Paragraph(f"{RECOMMENDATION_LABELS[key].ko}{score}", st["h3"])]
    flow += [Paragraph(text(tip.text_ko), st["bullet"], bulletText="•") for tip in tips]
    return flow


def recommendations(data: AssessmentReportData) -> list[Flowable]:
    by_category = data.recommendations.by_category
    boxes = [(key, by_category[key]) for key in _PHYSICAL if by_category.get(key)]
    title = heading("개선 제안사항")
    if not boxes:
        return [title, cell("측정된 항목이 없어 제안사항이 없습니다.")]
    gap = 4 * mm
    half = (WIDTH - gap) / 2
    flow: list[Flowable] = [title]
    for index in range(0, len(boxes), 2):
        pair = boxes[index:index + 2]
        row: list[object] = [_tip_box(key, tips, data) for key, tips in pair]
        commands: list[tuple[object, ...]] = []
        for col, (key, _) in enumerate(pair):
            colour = band_colour(band_for(data.scores.category(key)))
            commands += [("BOX", (col * 2, 0), (col * 2, 0), 0.4, RULE),
                         ("LINEBEFORE", (col * 2, 0), (col * 2, 0), 3, colour)]
        row = [row[0], "", row[1] if len(row) > 1 else ""]
        flow.append(Table([row], colWidths=[half, gap, half], style=TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            *commands,
        ])))
        flow.append(Spacer(1, gap))
    return flow[:-1]


def programme(data: AssessmentReportData) -> list[Flowable]:
    st = styles()
    third = WIDTH / len(PROGRAMME)
    phases = grid([[phase.weeks_ko for phase in PROGRAMME],
                   [fit(phase.text_ko, third, style="cell_c") for phase in PROGRAMME]],
                  [third] * len(PROGRAMME), ["CENTER"] * len(PROGRAMME), zebra=False)
    half = (WIDTH - 6 * mm) / 2
    week_rows: list[list[object]] = [["요일", "운동 내용"]]
    week_rows += [[day.day.ko, fit(day.text.ko, half - 20 * mm)]
                  for day in weekly_schedule(data.age, data.scores)]
    week = grid(week_rows, [20 * mm, half - 20 * mm], ["CENTER", "LEFT"])
    guide = intensity_for_age(data.age)
    aspects = (("근력", guide.strength), ("유연성", guide.flexibility), ("균형", guide.balance),
               ("심폐지구력", guide.cardio))
    intensity_rows: list[list[object]] = [["항목", f"운동 강도 · {guide.group.ko}"]]
    intensity_rows += [[name, fit(label.ko, half - 22 * mm)] for name, label in aspects]
    intensity = grid(intensity_rows, [22 * mm, half - 22 * mm], ["CENTER", "LEFT"])
    side = Table([[[Paragraph("주간 운동 계획", st["h3"]), week], "",
                   [Paragraph("연령별 운동 강도", st["h3"]), intensity]]],
                 colWidths=[half, 6 * mm, half],
                 style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [KeepTogether([heading("맞춤형 운동 프로그램"), Paragraph("12주 단계별 계획", st["h3"]),
                          phases]),
            Spacer(1, 8), KeepTogether([side])]


def notes(data: AssessmentReportData) -> list[Flowable]:
    """The trainer's notes, one table row per line so a long note can run over pages."""
    lines = data.notes.strip().splitlines()
    if lines:
        rows = [[cell(text(line) or "&nbsp;")] for line in lines]
    else:
        rows = [[cell(f"<font color='{hex_of(MUTED)}'>작성된 메모가 없습니다.</font>")]]
    box = Table(rows, colWidths=[WIDTH],
                style=TableStyle([("BOX", (0, 0), (-1, -1), 0.5, RULE),
                                  ("TOPPADDING", (0, 0), (-1, -1), 1),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                                  ("TOPPADDING", (0, 0), (-1, 0), 8),
                                  ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 10),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 10)]))
    return [heading("트레이너 메모"), box]


def follow_up(data: AssessmentReportData) -> list[Flowable]:
    """평가일 / 중간 점검 / 재평가 예정 band and the closing sentence (docs/domain.md 7.1 §9)."""
    dates = _follow_up(data)
    items = (("평가일", data.assessed_on), ("중간 점검", dates.interim),
             ("재평가 예정", dates.reassess))
    row = [cell(f"<font color='{hex_of(MUTED)}'>{label}</font>  "
                f"<font size=11 color='{hex_of(NAVY)}'><b>{date_dot(day)}</b></font>", "cell_c")
           for label, day in items]
    table = Table([row], colWidths=[WIDTH / 3] * 3,
                  style=TableStyle([("BACKGROUND", (0, 0), (-1, -1), HEADER_BG),
                                    ("LINEAFTER", (0, 0), (1, 0), 1.5, colors.white),
                                    ("LINEABOVE", (0, 0), (-1, 0), 0.9, NAVY),
                                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                    ("TOPPADDING", (0, 0), (-1, -1), 7),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    closing = (f"본 보고서는 {text(data.gym_name)}에서 실시한 체력 평가 결과를 바탕으로 "
               "작성되었습니다.")
    return [Spacer(1, 12), table, Spacer(1, 5), Paragraph(closing, styles()["small"])]
