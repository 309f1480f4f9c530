"""체력 평가 비교 보고서: two assessments of one member side by side.

Changes are shown with ▲ / ▼ and the band movement (보통 → 우수); a side not measured reads
미측정 and no change is claimed for it.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from the5hc_desktop.domain.compare import (
    Comparison,
    ComparisonRow,
    compare_assessments,
)
from the5hc_desktop.domain.labels import Band
from the5hc_desktop.domain.scoring import fmt1
from the5hc_desktop.reports.blocks import (
    WIDTH,
    Command,
    cell,
    grid,
    heading,
    info_grid,
    korean,
    title_block,
)
from the5hc_desktop.reports.charts import paired_bars
from the5hc_desktop.reports.data import ComparisonReportData
from the5hc_desktop.reports.fonts import BOLD
from the5hc_desktop.reports.page import Output, PageInfo, build_pdf
from the5hc_desktop.reports.style import (
    DOWN,
    MISSING,
    MUTED,
    UP,
    band_colour,
    date_dot,
    date_ko,
    hex_of,
    local_stamp,
    text,
)
from the5hc_desktop.reports.test_rows import NOT_MEASURED, score_text

TITLE = "체력 평가 비교 보고서"
DASH = "-"
_WHOLE = frozenset({"push_up", "overhead_squat"})  # counts and FMS levels stay whole


def render_comparison_report(data: ComparisonReportData, out: Output) -> None:
    """Write the comparison of `data.before` and `data.after` to `out` (path or binary file)."""
    before, after = sorted((data.before, data.after), key=lambda snap: snap.assessed_on)
    comparison = compare_assessments(
        (before.assessed_on, before.inputs, before.scores),
        (after.assessed_on, after.inputs, after.scores),
    )
    dates = (date_dot(before.assessed_on), date_dot(after.assessed_on))
    info = PageInfo(
        title=f"{TITLE} - {data.client_name}", author=data.gym_name,
        footer_left=f"{data.gym_name} · {TITLE}",
        footer_right=f"생성 {local_stamp(data.generated_at)}",
        running_header=f"{data.client_name} · {dates[0]} → {dates[1]} {TITLE}",
    )
    trainer = data.trainer_name.strip() or "트레이너"
    subtitle = (f"{date_ko(before.assessed_on)} → {date_ko(after.assessed_on)} "
                f"({comparison.days_between}일) | 담당: {text(trainer)}")
    story: list[Flowable] = title_block(data.gym_name, TITLE, subtitle)
    story += [heading("회원 정보"), info_grid([
        ("이름", data.client_name), ("나이", f"{data.age}세"),
        ("성별", korean(data.gender)), ("평가 간격", f"{comparison.days_between}일"),
    ])]
    story += _categories(comparison, dates)
    story += _tests(comparison, dates)
    build_pdf(story, info, out)


def _band(band: Band | None) -> str:
    if band is None:
        return f"<font color='{hex_of(MISSING)}'>{NOT_MEASURED}</font>"
    return f"<font color='{hex_of(band_colour(band))}'><b>{band.ko}</b></font>"


def change_text(change: float | None) -> str:
    """▲ 12.5 / ▼ 3.0 / ― 0.0 at one decimal; `-` when one side was not measured."""
    if change is None:
        return DASH
    shown = fmt1(abs(change))
    if shown == "0.0":
        return "― 0.0"
    return f"{'▲' if change > 0 else '▼'} {shown}"


def _change_cell(change: float | None, col: int, r: int) -> tuple[str, list[Command]]:
    """The change text and its colour as cell commands (plain text draws much faster)."""
    shown = change_text(change)
    if change is None:
        return shown, []
    if shown.startswith("―"):
        return shown, [("TEXTCOLOR", (col, r), (col, r), MUTED)]
    return shown, [("TEXTCOLOR", (col, r), (col, r), UP if change > 0 else DOWN),
                   ("FONTNAME", (col, r), (col, r), BOLD)]


def _value(value: float | None, col: int, r: int, extra: list[Command]) -> str:
    if value is None:
        extra.append(("TEXTCOLOR", (col, r), (col, r), MISSING))
        return NOT_MEASURED
    return fmt1(value)


def _categories(comparison: Comparison, dates: tuple[str, str]) -> list[Flowable]:
    rows: list[list[object]] = [["카테고리", f"이전 ({dates[0]})", f"최근 ({dates[1]})", "변화",
                                 "등급 변화"]]
    extra: list[Command] = [("FONTNAME", (0, 1), (0, -1), BOLD),
                            ("LINEABOVE", (0, -1), (-1, -1), 0.8, MUTED)]
    for r, row in enumerate(comparison.categories, start=1):
        change, commands = _change_cell(row.change, 3, r)
        extra += commands
        rows.append([row.label.ko, _value(row.a, 1, r, extra), _value(row.b, 2, r, extra),
                     change, cell(f"{_band(row.band_a)} → {_band(row.band_b)}", "cell_c")])
    table = grid(rows, [34 * mm, 32 * mm, 32 * mm, 28 * mm, 54 * mm],
                 ["LEFT", "CENTER", "CENTER", "CENTER", "CENTER"], extra=extra)
    chart = paired_bars(
        [row.label.ko for row in comparison.categories],
        [row.a for row in comparison.categories],
        [row.b for row in comparison.categories],
        (f"이전 {dates[0]}", f"최근 {dates[1]}"), WIDTH, 62 * mm,
    )
    return [KeepTogether([heading("카테고리 및 종합 점수 변화"), table, Spacer(1, 10), chart])]


def _raw(row: ComparisonRow, value: float | None, col: int, r: int,
         extra: list[Command]) -> str:
    if value is None:
        extra.append(("TEXTCOLOR", (col, r), (col, r), MISSING))
        return NOT_MEASURED
    number = str(round(value)) if row.key in _WHOLE else fmt1(value)
    if row.key == "toe_touch" and value > 0 and number != "0.0":
        number = f"+{number}"
    unit = row.unit.ko
    return f"PFI {number}" if unit == "PFI" else f"{number}{unit}"


def _tests(comparison: Comparison, dates: tuple[str, str]) -> list[Flowable]:
    rows: list[list[object]] = [["측정 항목", "이전 측정값", "이전 점수", "최근 측정값",
                                 "최근 점수", "점수 변화"]]
    extra: list[Command] = [("FONTNAME", (0, 1), (0, -1), BOLD)]
    for r, row in enumerate(comparison.rows, start=1):
        change, commands = _change_cell(row.score_change, 5, r)
        extra += commands
        rows.append([
            row.label.ko,
            _raw(row, row.raw_a, 1, r, extra),
            score_text(row.key, row.score_a) or DASH,
            _raw(row, row.raw_b, 3, r, extra),
            score_text(row.key, row.score_b) or DASH,
            change,
        ])
    table = grid(rows, [36 * mm, 34 * mm, 22 * mm, 34 * mm, 22 * mm, 32 * mm],
                 ["LEFT", "CENTER", "CENTER", "CENTER", "CENTER", "CENTER"], extra=extra,
                 repeat=True)
    note = cell(f"<font size=7.5 color='{hex_of(MUTED)}'>이전 {dates[0]} · 최근 {dates[1]}. "
                "어깨 가동성은 좌우 중 큰 쪽 거리, 한발 균형은 측정된 시간의 평균입니다.</font>")
    return [heading("세부 측정 비교"), table, Spacer(1, 3), note]
