"""체력 평가 보고서: the assessment PDF (docs/domain.md 7.1 sections in order, plus 7.3 additions).

Every figure comes unrounded from the domain and is printed with one decimal, half up
(fmt1). A test not measured reads 미측정; a category missing a component reads 일부 측정.
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import _listWrapOn

from the5hc_desktop.domain.people import bmi, bmi_band
from the5hc_desktop.domain.scoring import (
    TEST_LABELS,
    band_for,
    fmt1,
    partial_categories,
)
from the5hc_desktop.domain.series import category_series
from the5hc_desktop.domain.vocabulary import CATEGORY_LABELS, CATEGORY_TESTS
from the5hc_desktop.reports import assessment_sections as sections
from the5hc_desktop.reports import health_section
from the5hc_desktop.reports.blocks import (
    WIDTH,
    Command,
    cell,
    fit,
    grid,
    heading,
    info_grid,
    korean,
    title_block,
)
from the5hc_desktop.reports.charts import category_drawing
from the5hc_desktop.reports.data import AssessmentReportData
from the5hc_desktop.reports.fonts import BOLD, register_fonts
from the5hc_desktop.reports.page import BODY_HEIGHT, Output, PageInfo, build_pdf
from the5hc_desktop.reports.style import (
    MISSING,
    MUTED,
    NAVY,
    RULE,
    band_colour,
    date_dot,
    date_ko,
    hex_of,
    local_stamp,
    number_style,
    text,
)
from the5hc_desktop.reports.test_rows import (
    NOT_MEASURED,
    measured_text,
    score_text,
    score_word,
)

TITLE = "체력 평가 보고서"
DEFAULT_TRAINER = "트레이너"
PARTIAL = "일부 측정"
DASH = "-"


def render_assessment_report(data: AssessmentReportData, out: Output) -> None:
    """Write the assessment report for `data` to `out` (a path or a binary file)."""
    info = PageInfo(
        title=f"{TITLE} - {data.client_name}",
        author=data.gym_name,
        footer_left=f"{data.gym_name} · {TITLE}",
        # The scoring version is for us, not the member: document properties, not the footer.
        footer_right=f"생성 {local_stamp(data.generated_at)}",
        running_header=f"{data.client_name} · {date_dot(data.assessed_on)} {TITLE}",
        keywords=f"scoring {data.scoring_version}",
    )
    build_pdf(story(data), info, out)


def story(data: AssessmentReportData) -> list[Flowable]:
    trainer = data.trainer_name.strip() or DEFAULT_TRAINER
    flow: list[Flowable] = title_block(
        data.gym_name, TITLE, f"{date_ko(data.assessed_on)} | 담당: {text(trainer)}")
    flow += _client(data)
    flow += health_section.screening(data)
    flow += _categories(data)
    flow += _tests(data)
    flow += sections.risk(data)
    flow += health_section.questionnaire(data)
    flow += sections.recommendations(data)
    tail = sections.programme(data)
    # Notes and dates travel together so the closing dates never sit alone on a page.
    tail.append(KeepTogether(sections.notes(data) + sections.follow_up(data)))
    height = _height(tail)
    if height <= BODY_HEIGHT:
        # Programme, notes and dates fit one page: when the rest of this page cannot hold
        # them, they start the next one together, so the last page never holds two lines.
        flow.append(CondPageBreak(height))
    return flow + tail


def _height(flowables: list[Flowable]) -> float:
    """Laid-out height of `flowables` at the text width (measured once, not rendered)."""

    def flat(items: list[Flowable]) -> list[Flowable]:
        out: list[Flowable] = []
        for item in items:
            out += flat(item._content) if isinstance(item, KeepTogether) else [item]
        return out

    register_fonts()
    items = flat(flowables)
    if not items:
        return 0.0
    _width, height = _listWrapOn(items, WIDTH, Canvas(io.BytesIO()))
    # The list measure skips the first item's space above, which the page does not.
    return float(height + items[0].getSpaceBefore())


def _client(data: AssessmentReportData) -> list[Flowable]:
    body_mass = bmi(data.height_cm, data.weight_kg)
    bmi_text = DASH if body_mass is None else f"{fmt1(body_mass)} ({bmi_band(body_mass).ko})"
    temperature = DASH if data.temperature_c is None else f"{fmt1(data.temperature_c)}°C"
    pairs = [
        ("이름", data.client_name),
        ("나이", f"{data.age}세"),
        ("성별", korean(data.gender)),
        ("BMI", bmi_text),
        ("신장", DASH if data.height_cm is None else f"{fmt1(data.height_cm)}cm"),
        ("체중", DASH if data.weight_kg is None else f"{fmt1(data.weight_kg)}kg"),
        ("환경", korean(data.environment)),
        ("온도", temperature),
    ]
    return [heading("회원 정보"), info_grid(pairs)]


def _overall_box(data: AssessmentReportData, height: float) -> Table:
    """종합 점수 box, as tall as the category table beside it."""
    overall = data.scores.overall
    band = band_for(overall)
    number = NOT_MEASURED if overall is None else fmt1(overall)
    partial = overall is not None and not data.scores.complete
    note = "미측정 항목은 제외하고 계산" if partial else ""
    rows = [
        [cell("<b>종합 점수</b>", "cell_c")],
        [Paragraph(number, number_style(30 if overall is not None else 16))],
        [cell(f"<font color='{hex_of(MUTED)}'>/ 100</font>" if band else "", "cell_c")],
        [cell(f"<font color='white'><b>{band.ko}</b></font>" if band else "", "cell_c")],
        [cell(f"<font size=7 color='{hex_of(MISSING)}'>{note}</font>", "cell_c")],
    ]
    fixed = [40, 14, 22]
    spare = max(30.0, height - sum(fixed)) / 2  # centre the figure in the box
    box = Table(rows, colWidths=[50 * mm], rowHeights=[spare, *fixed, spare])
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1, NAVY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (0, 0), (0, 0), "BOTTOM"),
        ("BACKGROUND", (0, 3), (0, 3), band_colour(band) if band else colors.white),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return box


def _category_table(data: AssessmentReportData) -> Table:
    partial = partial_categories(data.scores)
    rows: list[list[object]] = [["카테고리", "점수", "등급", "측정 상태"]]
    extra: list[Command] = []
    for r, point in enumerate(category_series(data.scores), start=1):
        tests = ", ".join(TEST_LABELS[key].ko for key in CATEGORY_TESTS[point.key])
        name = cell(f"<b>{point.label.ko}</b><br/><font size=7 color='{hex_of(MUTED)}'>"
                    f"{tests}</font>")
        if point.value is None:
            rows.append([name, DASH, DASH, NOT_MEASURED])
            extra.append(("TEXTCOLOR", (3, r), (3, r), MISSING))
            continue
        band = band_for(point.value)
        rows.append([name, fmt1(point.value), band.ko if band else DASH,
                     PARTIAL if point.key in partial else "측정 완료"])
        extra += [("FONTNAME", (1, r), (2, r), BOLD),
                  ("TEXTCOLOR", (2, r), (2, r), band_colour(band))]
    width = WIDTH - 56 * mm
    return grid(rows, [width * 0.43, width * 0.17, width * 0.2, width * 0.2],
                ["LEFT", "CENTER", "CENTER", "CENTER"], extra=extra)


def _categories(data: AssessmentReportData) -> list[Flowable]:
    categories = _category_table(data)
    _, height = categories.wrap(WIDTH - 56 * mm, 1000)
    summary = Table([[_overall_box(data, height), categories]],
                    colWidths=[56 * mm, WIDTH - 56 * mm])
    summary.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    points = category_series(data.scores)
    partial = partial_categories(data.scores)
    chart = category_drawing(
        labels=[p.label.ko for p in points],
        values=[p.value for p in points],
        overall=data.scores.overall,
        notes=[PARTIAL if p.key in partial else "" for p in points],
        width=WIDTH, height=54 * mm,
    )
    chart_frame = Table([[chart]], colWidths=[WIDTH])
    chart_frame.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [KeepTogether([heading("카테고리별 점수"), summary, Spacer(1, 6), chart_frame])]


def _tests(data: AssessmentReportData) -> list[Flowable]:
    widths = [20 * mm, 32 * mm, 88 * mm, 20 * mm, 20 * mm]
    rows: list[list[object]] = [["카테고리", "측정 항목", "측정값", "점수", "등급"]]
    extra: list[Command] = [("FONTNAME", (1, 1), (1, -1), BOLD)]
    for category, keys in CATEGORY_TESTS.items():
        first = len(rows)
        for key in keys:
            r = len(rows)
            score = data.scores.test(key)
            measured = measured_text(key, data.inputs, data.scores)
            shown: object = score_text(key, score) or DASH
            if score is not None and key in data.inputs.overrides:
                shown = cell(f"{shown}<br/><font size=7 color='{hex_of(MUTED)}'>수동 입력</font>",
                             "cell_c")
            if measured is None:
                measured = "트레이너 입력 점수" if score is not None else NOT_MEASURED
                extra.append(("TEXTCOLOR", (2, r), (2, r), MISSING))
            rows.append([CATEGORY_LABELS[category].ko if key == keys[0] else "",
                         TEST_LABELS[key].ko, fit(measured, widths[2]), shown,
                         score_word(score) or DASH])
        last = len(rows) - 1
        # Category cells span their tests so the grouping reads at a glance.
        extra += [("SPAN", (0, first), (0, last)), ("LINEBELOW", (0, last), (-1, last), 0.6, RULE)]
    table = grid(rows, widths, ["CENTER", "LEFT", "LEFT", "CENTER", "CENTER"], zebra=False,
                 extra=extra, repeat=True)
    note = cell(f"<font size=7.5 color='{hex_of(MUTED)}'>점수: 푸시업·파머스 캐리·발끝 닿기·"
                "한발 균형·하버드 스텝 테스트는 4점 만점, 어깨 가동성·오버헤드 스쿼트는 3점 "
                "만점입니다.</font>")
    return [heading("세부 측정 결과"), table, Spacer(1, 3), note]
