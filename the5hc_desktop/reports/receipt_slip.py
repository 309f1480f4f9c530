"""영수증 on 80 mm thermal paper: the same facts as the A4 receipt, one narrow column.

The page is exactly as long as its content (thermal printers cut after the last line), so
the story is measured first and the page size follows from it.
"""

from __future__ import annotations

import io
from datetime import datetime

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from the5hc_desktop.domain.money import MoneyStyle, format_won
from the5hc_desktop.reports.data import ReceiptData
from the5hc_desktop.reports.fonts import BOLD, REGULAR, register_fonts
from the5hc_desktop.reports.page import Output, write_bytes
from the5hc_desktop.reports.receipt import COPY_WORDS, Copy, business_lines, check_copy
from the5hc_desktop.reports.style import INK, MUTED, date_ko, local_stamp, text

PAPER_WIDTH = 80 * mm
MARGIN = 4 * mm  # what thermal printers cannot print at the paper's edges
WIDTH = PAPER_WIDTH - 2 * MARGIN
MONEY = MoneyStyle.WON_SUFFIX


def _style(name: str, size: float, *, bold: bool = False, centre: bool = False,
           colour: object = INK) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=BOLD if bold else REGULAR, fontSize=size,
                          leading=size * 1.35, textColor=colour,
                          alignment=TA_CENTER if centre else 0)


def render_receipt_slip(data: ReceiptData, out: Output, copy: Copy = "client") -> None:
    """Write the 80 mm receipt of `copy` ("client" or "gym") to `out`."""
    check_copy(copy)
    register_fonts()
    rl_config.useA85 = 0
    story = _story(data, copy)
    height = sum(f.wrap(WIDTH, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                 for f in story) + 2 * MARGIN + 6  # a little slack against rounding
    title = "환불 영수증" if data.is_reversal else "영수증"
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=(PAPER_WIDTH, height), leftMargin=MARGIN,
                          rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
                          title=f"{title} - {data.client_name}", author=data.gym_name,
                          creator="The5HC Desktop")
    frame = Frame(MARGIN, MARGIN, WIDTH, height - 2 * MARGIN, id="slip",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="slip", frames=[frame])])
    doc.build(_story(data, copy))  # flowables are single-use: a fresh story for the build
    write_bytes(buffer.getvalue(), out)


def _story(data: ReceiptData, copy: Copy) -> list[Flowable]:
    small = _style("slip_small", 7, centre=True, colour=MUTED)
    title = "환불 영수증" if data.is_reversal else "영수증"
    story: list[Flowable] = [
        Paragraph(text(data.gym_name), _style("slip_gym", 11, bold=True, centre=True)),
        *[Paragraph(text(line), small) for line in business_lines(data)],
        _rule(),
        Paragraph(f"{title} ({COPY_WORDS[copy]})", _style("slip_title", 10, bold=True,
                                                          centre=True)),
        Spacer(1, 3),
        _pairs([
            ("영수증 번호", data.payment_number),
            ("환불일" if data.is_reversal else "결제일", date_ko(data.paid_on)),
            ("회원", data.client_name),
            ("항목", data.item),
            ("결제 수단", data.method),
        ]),
        _rule(),
        _pairs([("환불 금액" if data.is_reversal else "결제 금액",
                 format_won(data.gross, MONEY))], bold=True),
        _pairs([("공급가액", format_won(data.supply, MONEY)),
                ("부가세", format_won(data.vat, MONEY)),
                *([("카드 수수료", format_won(data.card_fee, MONEY)),
                   ("실 수령액", format_won(data.net, MONEY))] if copy == "gym" else [])]),
        _rule(),
        Paragraph("위 금액을 환불하였음을 확인합니다." if data.is_reversal
                  else "위 금액을 정히 영수합니다.", _style("slip_body", 8, centre=True)),
        Spacer(1, 2),
        Paragraph(f"발행 {local_stamp(data.issued_at or datetime.now().astimezone())}", small),
    ]
    if copy == "gym":
        story.append(Paragraph("내부 보관용 — 회원에게 교부하지 않습니다.", small))
    return story


def _rule() -> HRFlowable:
    return HRFlowable(width="100%", thickness=0.6, color=MUTED, dash=(2, 2),
                      spaceBefore=4, spaceAfter=4)


def _pairs(rows: list[tuple[str, str]], *, bold: bool = False) -> Table:
    """Label on the left, value on the right (wrapping when a name is long)."""
    size = 9.5 if bold else 8
    label = _style("slip_label", size, bold=bold, colour=INK if bold else MUTED)
    value = _style("slip_value", size, bold=bold)
    value.alignment = 2  # right
    table = Table([[Paragraph(text(a), label), Paragraph(text(b), value)] for a, b in rows],
                  colWidths=[22 * mm, WIDTH - 22 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table
