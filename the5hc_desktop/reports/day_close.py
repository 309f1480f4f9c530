"""일마감 보고서: one A4 page (or a few) with sales by method, refunds and sessions by trainer.

Korean, like every printed document of the gym; amounts in won with the 원 suffix.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from the5hc_desktop.domain.day_close import Amounts, DayClose, SessionCounts
from the5hc_desktop.domain.fees import PaymentMethod
from the5hc_desktop.domain.money import MoneyStyle, format_won
from the5hc_desktop.reports.blocks import WIDTH, grid, heading, title_block
from the5hc_desktop.reports.fonts import BOLD
from the5hc_desktop.reports.page import Output, PageInfo, build_pdf
from the5hc_desktop.reports.style import HEADER_BG, date_ko, local_stamp, styles, text

MONEY = MoneyStyle.WON_SUFFIX
_AMOUNT_HEAD: list[object] = ["결제 수단", "건수", "결제 금액", "부가세", "카드 수수료", "실수령액"]
_AMOUNT_WIDTHS = [34 * mm, 16 * mm, *([(WIDTH - 50 * mm) / 4] * 4)]
_RIGHT = ["LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"]


def day_close_period(first: date, last: date) -> str:
    return date_ko(first) if first == last else f"{date_ko(first)} ~ {date_ko(last)}"


def render_day_close(
    close: DayClose, out: Output, *, first: date, last: date, gym_name: str, closed_by: str,
    printed_at: datetime, whole_gym: bool,
) -> None:
    """Write the day close of first..last to `out` (path or binary file)."""
    period = day_close_period(first, last)
    scope = "센터 전체" if whole_gym else f"{closed_by} 담당분"
    info = PageInfo(
        title=f"일마감 {period}", author=gym_name,
        footer_left=f"{gym_name} · 일마감 · {period}",
        footer_right=f"출력 {local_stamp(printed_at)} · {closed_by}",
        running_header=f"일마감 {period}",
    )
    story: list[Flowable] = [
        *title_block(gym_name, "일마감", f"{period} · {text(scope)}"),
        heading("매출 (결제 수단별)"),
        _amounts_table(close.sales, close.sales_total, "매출 합계"),
        Spacer(1, 8),
        heading("환불"),
    ]
    if close.refunds:
        story.append(_amounts_table(close.refunds, close.refunds_total, "환불 합계"))
    else:
        story.append(Paragraph("이 기간에 환불이 없습니다.", styles()["body"]))
    story += [
        Spacer(1, 8),
        heading("순매출 (매출 + 환불)"),
        _amounts_table({}, close.total, "순매출"),
        Spacer(1, 8),
        heading("세션 (트레이너별)"),
        _sessions_table(close.sessions, close.sessions_total),
    ]
    build_pdf(story, info, out)


def _amounts_row(label: str, a: Amounts) -> list[object]:
    return [label, f"{a.count:,}", format_won(a.gross, MONEY), format_won(a.vat, MONEY),
            format_won(a.card_fee, MONEY), format_won(a.net, MONEY)]


def _amounts_table(book: dict[str, Amounts], total: Amounts, total_label: str) -> Flowable:
    rows: list[list[object]] = [list(_AMOUNT_HEAD)]
    rows += [_amounts_row(_method_word(method), amounts) for method, amounts in book.items()]
    rows.append(_amounts_row(total_label, total))
    return grid(rows, _AMOUNT_WIDTHS, _RIGHT, zebra=False, extra=[
        ("FONTNAME", (0, -1), (-1, -1), BOLD),
        ("BACKGROUND", (0, -1), (-1, -1), HEADER_BG),
    ])


def _sessions_table(sessions: dict[Hashable, SessionCounts], total: SessionCounts) -> Flowable:
    head: list[object] = ["트레이너", "완료", "노쇼", "취소", "예약", "노쇼율"]
    widths = [WIDTH - 5 * 26 * mm, *([26 * mm] * 5)]

    def row(name: str, c: SessionCounts) -> list[object]:
        rate = "-" if c.no_show_rate is None else f"{c.no_show_rate * 100:.1f}%"
        return [name, f"{c.completed:,}", f"{c.no_show:,}", f"{c.cancelled:,}",
                f"{c.scheduled:,}", rate]

    rows: list[list[object]] = [head]
    rows += [row(str(name) or "미지정", counts)
             for name, counts in sorted(sessions.items(), key=lambda item: str(item[0]))]
    rows.append(row("합계", total))
    return grid(rows, widths, _RIGHT, zebra=False, extra=[
        ("FONTNAME", (0, -1), (-1, -1), BOLD),
        ("BACKGROUND", (0, -1), (-1, -1), HEADER_BG),
    ])


def _method_word(method: str) -> str:
    try:
        return PaymentMethod(method).label.ko
    except ValueError:
        return method
