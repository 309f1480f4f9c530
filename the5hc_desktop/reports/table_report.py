"""A printed list: what a pane shows (today's schedule, payments, members) as an A4 table.

The pane hands over its visible columns and rows as text, so the page shows what the screen
shows; sections (one per trainer, say) get their own heading. Wide lists print landscape.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from the5hc_desktop.reports.blocks import fit, grid, heading, title_block
from the5hc_desktop.reports.data import LANDSCAPE_FROM, ListColumn, ListSection
from the5hc_desktop.reports.page import Output, PageInfo, build_pdf
from the5hc_desktop.reports.style import MARGIN, local_stamp, styles

PORTRAIT_WIDTH = 180 * mm
LANDSCAPE_WIDTH = 297 * mm - 2 * MARGIN
# The list's own words, in the language of the screen it was printed from.
_WORDS = {
    "ko": {"none": "항목이 없습니다.", "nothing": "인쇄할 항목이 없습니다.", "items": "건",
           "printed": "출력"},
    "en": {"none": "No entries.", "nothing": "Nothing to print.", "items": " item(s)",
           "printed": "Printed"},
}


def render_list(
    out: Output, *, gym_name: str, title: str, subtitle: str, columns: Sequence[ListColumn],
    sections: Sequence[ListSection], printed_at: datetime, printed_by: str,
    language: str = "ko",
) -> None:
    """Write the list to `out` (path or binary file); `language` of the list's own words."""
    words = _WORDS.get(language, _WORDS["ko"])
    if not columns:
        raise ValueError("a printed list needs at least one column")
    landscape = len(columns) >= LANDSCAPE_FROM
    width = LANDSCAPE_WIDTH if landscape else PORTRAIT_WIDTH
    total = sum(c.weight for c in columns)
    widths = [width * c.weight / total for c in columns]
    story: list[Flowable] = [*title_block(gym_name, title, subtitle)]
    count = 0
    for section in sections:
        if section.heading:
            story.append(heading(section.heading))
        if not section.rows:
            story.append(Paragraph(words["none"], styles()["body"]))
            continue
        rows: list[list[object]] = [[c.title for c in columns]]
        rows += [[fit(str(value), w) for value, w in zip(row, widths, strict=False)]
                 for row in section.rows]
        story.append(grid(rows, widths, [c.align for c in columns], repeat=True))
        story.append(Spacer(1, 8))
        count += len(section.rows)
    if not any(section.rows for section in sections):
        story.append(Paragraph(words["nothing"], styles()["body"]))
    info = PageInfo(title=title, author=gym_name,
                    footer_left=f"{gym_name} · {title} · {count:,}{words['items']}",
                    footer_right=f"{words['printed']} {local_stamp(printed_at)} · {printed_by}",
                    running_header=f"{title} · {subtitle}")
    build_pdf(story, info, out, landscape=landscape)
