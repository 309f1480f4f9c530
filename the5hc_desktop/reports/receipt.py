"""영수증: one A4 page for the member, or the gym's copy with the card fee and net amount.

The card fee is the gym's business, so it never appears on the member's copy.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table, TableStyle

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.money import MoneyStyle, format_won
from the5hc_desktop.reports.blocks import WIDTH, Command, fit, grid
from the5hc_desktop.reports.data import ReceiptData
from the5hc_desktop.reports.fonts import BOLD
from the5hc_desktop.reports.page import Output, PageInfo, build_pdf
from the5hc_desktop.reports.style import (
    HEADER_BG,
    INK,
    MUTED,
    NAVY,
    RULE,
    date_ko,
    local_stamp,
    styles,
    text,
)

Copy = Literal["client", "gym"]
MONEY = MoneyStyle.WON_SUFFIX  # a Korean receipt: 1,234,000원
COPY_WORDS = {"client": "회원용", "gym": "보관용"}


def check_copy(copy: str) -> None:
    if copy not in COPY_WORDS:
        raise ValidationError("영수증 종류는 회원용 또는 보관용이어야 합니다.",
                              "copy must be 'client' or 'gym'.", field="copy")


def business_lines(data: ReceiptData) -> list[str]:
    """The business details a Korean receipt names, one line each (missing ones left out)."""
    first = " · ".join(part for part in (
        f"사업자등록번호 {data.business_number}" if data.business_number else "",
        f"대표 {data.representative}" if data.representative else "") if part)
    lines = [first, data.gym_address or "",
             f"전화 {data.gym_phone}" if data.gym_phone else ""]
    return [line for line in lines if line]


def render_receipt(data: ReceiptData, out: Output, copy: Copy = "client") -> None:
    """Write the A4 receipt PDF for `copy` ("client" or "gym") to `out` (path or file)."""
    check_copy(copy)
    title = "환불 영수증" if data.is_reversal else "영수증"
    issued = local_stamp(data.issued_at or datetime.now().astimezone())
    info = PageInfo(
        title=f"{title} - {data.client_name}", author=data.gym_name,
        footer_left=f"{data.gym_name} · {title} · {COPY_WORDS[copy]}",
        footer_right=f"발행 {issued}",
    )
    build_pdf(_story(data, copy, title), info, out)


def _story(data: ReceiptData, copy: Copy, title: str) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [
        Paragraph(text(data.gym_name), st["gym"]),
        Table([[Paragraph(title, st["title"]), _badge(COPY_WORDS[copy])]],
              colWidths=[WIDTH - 40 * mm, 40 * mm],
              style=TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0)])),
        HRFlowable(width="100%", thickness=1.6, color=NAVY, spaceBefore=4, spaceAfter=12),
        _details(data),
        Spacer(1, 10),
        _amounts(data, copy),
        Spacer(1, 14),
    ]
    closing = ("위 금액을 환불하였음을 확인합니다." if data.is_reversal
               else "위 금액을 정히 영수합니다.")
    story.append(Paragraph(closing, st["centre"]))
    story.append(Spacer(1, 18))
    story.append(Paragraph(text(data.gym_name), st["small"]))
    story += [Paragraph(text(line), st["small"]) for line in business_lines(data)]
    if copy == "gym":
        story.append(Paragraph("이 사본은 내부 보관용이며 회원에게 교부하지 않습니다.",
                               st["small"]))
    return story


def _badge(word: str) -> Table:
    """The copy's name in a small frame, so a member never mistakes the gym's copy."""
    return Table([[Paragraph(f"<b>{word}</b>", styles()["cell_c"])]], colWidths=[32 * mm],
                 style=TableStyle([("BOX", (0, 0), (-1, -1), 0.9, NAVY),
                                   ("TOPPADDING", (0, 0), (-1, -1), 3),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))


def _details(data: ReceiptData) -> Table:
    rows: list[list[object]] = [
        ["영수증 번호", data.payment_number],
        ["환불일" if data.is_reversal else "결제일", date_ko(data.paid_on)],
        ["회원", data.client_name],
        ["항목", data.item],
        ["결제 수단", data.method],
    ]
    value_w = WIDTH - 38 * mm
    rows = [[label, fit(str(value), value_w)] for label, value in rows]
    return _boxed(rows, [38 * mm, value_w])


def _amounts(data: ReceiptData, copy: Copy) -> Table:
    total_label = "환불 금액 (VAT 포함)" if data.is_reversal else "결제 금액 (VAT 포함)"
    rows: list[list[object]] = [
        [total_label, format_won(data.gross, MONEY)],
        ["공급가액", format_won(data.supply, MONEY)],
        [f"부가세 VAT{_rate(data.vat_rate)}", format_won(data.vat, MONEY)],
    ]
    if copy == "gym":
        rows.append([f"카드 수수료{_rate(data.card_fee_rate)}", format_won(data.card_fee, MONEY)])
        rows.append(["실 수령액", format_won(data.net, MONEY)])
    # The total is what the member checks first: bold on a tinted row.
    return _boxed(rows, [WIDTH - 60 * mm, 60 * mm], [
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("TEXTCOLOR", (0, 0), (0, 0), INK),
        ("BACKGROUND", (1, 0), (1, 0), HEADER_BG),
    ])


def _rate(rate: Decimal | None) -> str:
    if rate is None:
        return ""
    percent = (rate * 100).normalize()
    return f" ({percent:f}%)"


def _boxed(rows: list[list[object]], widths: list[float],
           extra: list[Command] | None = None) -> Table:
    """Framed two-column table: tinted labels on the left, values on the right."""
    return grid(rows, widths, ["LEFT", "LEFT"], header=False, zebra=False, extra=[
        ("BOX", (0, 0), (-1, -1), 0.8, NAVY),
        ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (0, -1), HEADER_BG),
        ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
        ("FONTNAME", (0, 0), (0, -1), BOLD),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        *(extra or []),
    ])
