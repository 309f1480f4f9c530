"""Vector charts of the four categories on their true 0–100 scale (ReportLab graphics).

Values and band lines come from `domain.series`, the same series the on-screen pyqtgraph
chart draws, so paper and screen never disagree. A category not measured gets no point and
no bar (never a 0), only the word 미측정.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors

from the5hc_desktop.domain.scoring import band_for, fmt1
from the5hc_desktop.domain.series import BAND_LINES
from the5hc_desktop.reports.fonts import BOLD, REGULAR
from the5hc_desktop.reports.style import (
    ACCENT,
    INK,
    MISSING,
    MUTED,
    NAVY,
    RULE,
    TRACK,
    band_colour,
)

NOT_MEASURED = "미측정"
_RINGS = (20, 40, 60, 80, 100)


@dataclass(frozen=True)
class Bar:
    """One row of the bar chart."""

    label: str
    value: float | None
    emphasis: bool = False
    note: str = ""


def radar(labels: Sequence[str], values: Sequence[float | None], width: float,
          height: float) -> Group:
    """Spider chart, first axis at the top, clockwise, centred in `width` × `height`."""
    group = Group()
    cx, cy = width / 2, height / 2
    radius = height / 2 - 16  # room for the one-line labels above and below
    count = len(labels)

    def at(index: int, value: float) -> tuple[float, float]:
        angle = math.pi / 2 - 2 * math.pi * index / count
        r = radius * value / 100
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    for ring in _RINGS:
        points = [coord for i in range(count) for coord in at(i, ring)]
        group.add(Polygon(points, strokeColor=RULE, strokeWidth=0.5 if ring < 100 else 0.9,
                          fillColor=None))
    for i in range(count):
        x, y = at(i, 100)
        group.add(Line(cx, cy, x, y, strokeColor=RULE, strokeWidth=0.5))
    # Ring values on the diagonal between the first two axes, clear of the axis labels.
    for ring in _RINGS[1::2]:
        (x0, y0), (x1, y1) = at(0, ring), at(1, ring)
        group.add(String((x0 + x1) / 2 + 2, (y0 + y1) / 2 + 1, str(ring), fontName=REGULAR,
                         fontSize=5.5, fillColor=MUTED))

    present = [(i, v) for i, v in enumerate(values) if v is not None]
    coords = [at(i, max(0.0, min(100.0, v))) for i, v in present]
    if len(present) == count:
        group.add(Polygon([c for xy in coords for c in xy], fillColor=ACCENT, fillOpacity=0.22,
                          strokeColor=ACCENT, strokeWidth=1.4))
    elif len(present) > 1:
        # Join only neighbouring measured axes; a gap stays a gap.
        for (i, _), (j, _), a, b in zip(present, present[1:] + present[:1], coords,
                                        coords[1:] + coords[:1], strict=True):
            if (j - i) % count == 1:
                group.add(PolyLine([*a, *b], strokeColor=ACCENT, strokeWidth=1.4))
    for x, y in coords:
        group.add(Rect(x - 2.2, y - 2.2, 4.4, 4.4, fillColor=ACCENT, strokeColor=colors.white,
                       strokeWidth=0.5))

    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x, y = at(i, 100)
        shown = NOT_MEASURED if value is None else fmt1(value)
        colour = MISSING if value is None else INK
        if abs(x - cx) < 1:  # top or bottom axis: name and value on one line
            ly = y + 6 if y > cy else y - 12
            group.add(String(x - 2, ly, label, fontName=BOLD, fontSize=8, fillColor=NAVY,
                             textAnchor="end"))
            group.add(String(x + 2, ly, shown, fontName=REGULAR, fontSize=8, fillColor=colour))
        else:  # side axis: two lines, pointing away from the chart
            anchor, lx = ("start", x + 6) if x > cx else ("end", x - 6)
            group.add(String(lx, y + 1, label, fontName=BOLD, fontSize=8, fillColor=NAVY,
                             textAnchor=anchor))
            group.add(String(lx, y - 9, shown, fontName=REGULAR, fontSize=8, fillColor=colour,
                             textAnchor=anchor))
    return group


def bars(rows: Sequence[Bar], width: float, height: float) -> Group:
    """Horizontal bars 0–100 with the band lines dashed across; value and band word at the end."""
    group = Group()
    label_w, value_w = 62.0, 78.0
    x0, x1 = label_w, width - value_w
    scale = (x1 - x0) / 100
    axis_h = 14.0
    gap = 6.0 if any(r.emphasis for r in rows) else 0.0
    pitch = (height - axis_h - gap) / len(rows)
    bar_h = min(13.0, pitch * 0.58)

    top = height
    lines_bottom = axis_h - 2
    for line in BAND_LINES:
        x = x0 + line * scale
        group.add(Line(x, lines_bottom, x, top, strokeColor=RULE, strokeWidth=0.6,
                       strokeDashArray=[2, 2]))
    for tick in (0, *BAND_LINES, 100):
        group.add(String(x0 + tick * scale, 2, str(tick), fontName=REGULAR, fontSize=6,
                         fillColor=MUTED, textAnchor="middle"))

    y = top
    for row in rows:
        if row.emphasis:
            y -= gap
        y -= pitch
        mid = y + pitch / 2
        by = mid - bar_h / 2
        font = BOLD if row.emphasis else REGULAR
        group.add(String(x0 - 6, mid - 3, row.label, fontName=font, fontSize=8.5,
                         fillColor=NAVY if row.emphasis else INK, textAnchor="end"))
        group.add(Rect(x0, by, 100 * scale, bar_h, fillColor=TRACK, strokeColor=None))
        if row.value is None:
            group.add(String(x1 + 6, mid - 3, NOT_MEASURED, fontName=REGULAR, fontSize=8,
                             fillColor=MISSING))
            continue
        band = band_for(row.value)
        clamped = max(0.0, min(100.0, row.value))
        group.add(Rect(x0, by, clamped * scale, bar_h, fillColor=band_colour(band),
                       strokeColor=None))
        word = "" if band is None else band.ko
        shown = f"{fmt1(row.value)}  {word}"
        group.add(String(x1 + 6, mid - 3, shown, fontName=font, fontSize=8, fillColor=INK))
        if row.note:
            group.add(String(x1 + 6, mid - 11, row.note, fontName=REGULAR, fontSize=6,
                             fillColor=MUTED))
    return group


def category_drawing(labels: Sequence[str], values: Sequence[float | None],
                     overall: float | None, notes: Sequence[str],
                     width: float, height: float) -> Drawing:
    """The report's chart block: radar on the left, bars (four categories + overall) right."""
    drawing = Drawing(width, height)
    side = height + 70  # the side labels need room left and right of the circle
    drawing.add(radar(labels, values, side, height))
    rows = [Bar(label, value, note=note)
            for label, value, note in zip(labels, values, notes, strict=True)]
    rows.append(Bar("종합", overall, emphasis=True))
    chart = bars(rows, width - side - 12, height - 4)
    chart.translate(side + 12, 0)
    drawing.add(chart)
    return drawing


def paired_bars(labels: Sequence[str], before: Sequence[float | None],
                after: Sequence[float | None], legend: tuple[str, str],
                width: float, height: float) -> Drawing:
    """Before/after bars per category on 0–100 with the band lines (comparison report)."""
    drawing = Drawing(width, height)
    label_w, value_w, legend_h, axis_h = 62.0, 44.0, 14.0, 12.0
    x0, x1 = label_w, width - value_w
    scale = (x1 - x0) / 100
    top = height - legend_h
    pitch = (top - axis_h) / len(labels)
    bar_h = min(8.0, pitch * 0.3)
    old_colour = colors.HexColor("#AFC3D6")

    for line in BAND_LINES:
        x = x0 + line * scale
        drawing.add(Line(x, axis_h - 2, x, top, strokeColor=RULE, strokeWidth=0.6,
                         strokeDashArray=[2, 2]))
    for tick in (0, *BAND_LINES, 100):
        drawing.add(String(x0 + tick * scale, 2, str(tick), fontName=REGULAR, fontSize=6,
                           fillColor=MUTED, textAnchor="middle"))
    for i, (name, colour) in enumerate(zip(legend, (old_colour, NAVY), strict=True)):
        lx = x0 + i * 110
        drawing.add(Rect(lx, height - 9, 9, 7, fillColor=colour, strokeColor=None))
        drawing.add(String(lx + 13, height - 8.5, name, fontName=REGULAR, fontSize=7.5,
                           fillColor=INK))

    y = top
    for label, a, b in zip(labels, before, after, strict=True):
        y -= pitch
        mid = y + pitch / 2
        drawing.add(String(x0 - 6, mid - 3, label, fontName=BOLD if label == labels[-1]
                           else REGULAR, fontSize=8.5, fillColor=INK, textAnchor="end"))
        for value, colour, by in ((a, old_colour, mid + 1), (b, NAVY, mid - 1 - bar_h)):
            drawing.add(Rect(x0, by, 100 * scale, bar_h, fillColor=TRACK, strokeColor=None))
            shown = NOT_MEASURED if value is None else fmt1(value)
            if value is not None:
                drawing.add(Rect(x0, by, max(0.0, min(100.0, value)) * scale, bar_h,
                                 fillColor=colour, strokeColor=None))
            drawing.add(String(x1 + 5, by + 1, shown, fontName=REGULAR, fontSize=7,
                               fillColor=MISSING if value is None else INK))
    return drawing
