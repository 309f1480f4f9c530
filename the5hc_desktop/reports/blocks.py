"""Building blocks shared by the reports: title block, section headings, table styles."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Table, TableStyle

from the5hc_desktop.domain.labels import Label
from the5hc_desktop.reports.fonts import BOLD, REGULAR
from the5hc_desktop.reports.style import (
    HEADER_BG,
    INK,
    MUTED,
    NAVY,
    RULE,
    ZEBRA_BG,
    styles,
    text,
)

WIDTH = 180 * mm
"""Usable width of an A4 page with 15 mm margins."""
FONT_SIZE = 9
PAD = 5

_ENVIRONMENTS = {"indoor": "실내", "outdoor": "실외"}


def korean(value: Label | str | None, default: str = "-") -> str:
    """Korean text of a Label, a known code (male, indoor...) or plain text."""
    if value is None:
        return default
    if isinstance(value, Label):
        return value.ko
    word = str(value).strip()
    lowered = word.casefold()
    if lowered in ("male", "m"):
        return "남성"
    if lowered in ("female", "f"):
        return "여성"
    return _ENVIRONMENTS.get(lowered, word) or default


def title_block(gym_name: str, title: str, subtitle: str) -> list[Flowable]:
    st = styles()
    return [
        Paragraph(text(gym_name), st["gym"]),
        Paragraph(title, st["title"]),
        Paragraph(subtitle, st["subtitle"]),
        HRFlowable(width="100%", thickness=1.6, color=NAVY, spaceBefore=6, spaceAfter=4),
    ]


def heading(title: str) -> Paragraph:
    """Section heading; it stays on the page of the block that follows it."""
    return Paragraph(title, styles()["h2"])


def cell(value: str, style: str = "cell") -> Paragraph:
    """A rich table cell (markup, wrapping); escape user text with `text`.

    Paragraphs cost far more than plain strings, so tables use plain text wherever one
    font and colour per cell will do (see `fit`).
    """
    return Paragraph(value, styles()[style])


def fit(value: str, width: float, *, bold: bool = False, style: str = "cell") -> str | Paragraph:
    """Plain `value` when it fits one line of a cell `width` wide, else a wrapping Paragraph."""
    font = BOLD if bold else REGULAR
    if "\n" not in value and stringWidth(value, font, FONT_SIZE) <= width - 2 * PAD:
        return value
    markup = text(value)
    return cell(f"<b>{markup}</b>" if bold else markup, style)


Command = tuple[object, ...]


def grid_style(rows: int, align: Sequence[str] = (), *, header: bool = True,
               zebra: bool = True) -> TableStyle:
    """Light grid: tinted header, hairlines, alternate row shading; `align` per column."""
    commands: list[Command] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), FONT_SIZE),
        ("LEADING", (0, 0), (-1, -1), 12),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("LINEABOVE", (0, 0), (-1, 0), 0.9, NAVY),
        ("LINEBELOW", (0, -1), (-1, -1), 0.9, NAVY),
        ("LINEBELOW", (0, 0), (-1, -2), 0.35, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]
    commands += [("ALIGN", (col, 0), (col, -1), value) for col, value in enumerate(align)]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                     ("FONTNAME", (0, 0), (-1, 0), BOLD),
                     ("TEXTCOLOR", (0, 0), (-1, 0), NAVY),
                     ("ALIGN", (0, 0), (-1, 0), "CENTER")]
    if zebra:
        first = 1 if header else 0
        commands += [("BACKGROUND", (0, row), (-1, row), ZEBRA_BG)
                     for row in range(first + 1, rows, 2)]
    return TableStyle(commands)


def grid(rows: Sequence[Sequence[object]], widths: Sequence[float], align: Sequence[str],
         *, header: bool = True, zebra: bool = True, extra: Sequence[Command] = (),
         repeat: bool = False) -> Table:
    """A styled table; `extra` adds per-cell commands (colours, bold, spans)."""
    table = Table([list(row) for row in rows], colWidths=list(widths),
                  repeatRows=1 if repeat and header else 0)
    table.setStyle(grid_style(len(rows), align, header=header, zebra=zebra))
    if extra:
        table.setStyle(TableStyle(list(extra)))
    return table


def info_grid(pairs: Sequence[tuple[str, str]], columns: int = 4) -> Table:
    """Label/value pairs, `columns` pairs per row (회원 정보); plain text values.

    With four pairs per row the first value column (the member's name) is the widest and
    the last one fits "23.3 (과체중)".
    """
    label_w = 18 * mm
    spare = WIDTH - columns * label_w
    shares = (0.33, 0.19, 0.2, 0.28) if columns == 4 else (1 / columns,) * columns
    value_ws = [spare * share for share in shares]
    rows: list[list[object]] = []
    for start in range(0, len(pairs), columns):
        row: list[object] = []
        chunk = list(pairs[start:start + columns])
        chunk += [("", "")] * (columns - len(chunk))
        for (label, value), value_w in zip(chunk, value_ws, strict=True):
            row += [label, fit(value, value_w, bold=True)]
        rows.append(row)
    label_cols = range(0, 2 * columns, 2)
    style = [
        *[("BACKGROUND", (col, 0), (col, -1), HEADER_BG) for col in label_cols],
        *[("TEXTCOLOR", (col, 0), (col, -1), MUTED) for col in label_cols],
        *[("FONTNAME", (col + 1, 0), (col + 1, -1), BOLD) for col in label_cols],
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]
    widths = [w for value_w in value_ws for w in (label_w, value_w)]
    return grid(rows, widths, [], header=False, zebra=False, extra=style)
