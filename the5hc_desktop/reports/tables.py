"""Plain tables on A4 (the 분석 pane's print-out): a title, then each table under its caption.

Cells arrive as finished text; the first column is left-aligned, the rest are numbers on
the right. Wide tables shrink their type so every column fits the 180 mm text width, and
long tables repeat their header row on each page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

from the5hc_desktop.reports.blocks import PAD, WIDTH, grid, title_block
from the5hc_desktop.reports.fonts import BOLD, REGULAR
from the5hc_desktop.reports.page import Output, PageInfo, build_pdf
from the5hc_desktop.reports.style import styles

LARGEST, SMALLEST = 9.0, 5.5  # type sizes tried for a wide table, in points


@dataclass(frozen=True)
class PrintTable:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def render_tables(title: str, subtitle: str, gym_name: str, tables: Sequence[PrintTable],
                  out: Output) -> None:
    """Write the PDF of `tables` to `out` (path or binary file)."""
    story: list[Flowable] = [*title_block(gym_name, title, subtitle)]
    for table in tables:
        story += [_caption(table.caption), _table(table), Spacer(1, 6)]
    info = PageInfo(title=f"{title} {subtitle}", author=gym_name,
                    footer_left=f"{gym_name} · {title}", footer_right=subtitle,
                    running_header=f"{title} {subtitle}")
    build_pdf(story, info, out)


def _caption(text: str) -> Paragraph:
    # Not kept with the table: a table longer than a page would first leave a blank one.
    return Paragraph(text, ParagraphStyle("caption", parent=styles()["h2"], keepWithNext=0))


def _table(table: PrintTable) -> Flowable:
    rows = [table.headers, *table.rows]
    size = LARGEST
    while size > SMALLEST and sum(_widths(rows, size)) > WIDTH:
        size -= 0.5
    natural = _widths(rows, size)
    # Spread the spare width over the columns so every table spans the text width.
    spare = max(WIDTH - sum(natural), 0) / len(natural)
    widths = [w + spare for w in natural]
    align = ["LEFT", *["RIGHT"] * (len(table.headers) - 1)]
    styled = grid(rows, widths, align, repeat=True)
    styled.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), size),
                                ("LEADING", (0, 0), (-1, -1), size + 3),
                                ("LEFTPADDING", (0, 0), (-1, -1), 2 if size < LARGEST else PAD),
                                ("RIGHTPADDING", (0, 0), (-1, -1),
                                 2 if size < LARGEST else PAD)]))
    return styled


def _widths(rows: Sequence[Sequence[str]], size: float) -> list[float]:
    padding = 2 * (2 if size < LARGEST else PAD) + 2
    return [max(stringWidth(str(row[col]), BOLD if index == 0 else REGULAR, size)
                for index, row in enumerate(rows)) + padding
            for col in range(len(rows[0]))]
