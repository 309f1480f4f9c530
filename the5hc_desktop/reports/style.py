"""Colours, paragraph styles and text formats shared by every PDF."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from the5hc_desktop.domain.labels import Band
from the5hc_desktop.reports.fonts import BOLD, REGULAR, register_fonts

MARGIN = 15 * mm
LOCAL_ZONE = ZoneInfo("Asia/Seoul")

# One restrained palette: navy for structure, band colours only where a score is judged.
NAVY = colors.HexColor("#1F3A5F")
ACCENT = colors.HexColor("#2A7F9E")
INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#6B7280")
RULE = colors.HexColor("#D5DCE4")
HEADER_BG = colors.HexColor("#E8EEF5")
ZEBRA_BG = colors.HexColor("#F6F8FB")
MISSING = colors.HexColor("#9CA3AF")
TRACK = colors.HexColor("#EEF1F5")

# Keyed by the domain's stable Band.key.
BAND_COLOURS = {
    "outstanding": colors.HexColor("#1B7F4B"),
    "excellent": colors.HexColor("#3FA34D"),
    "good": colors.HexColor("#2F7FC1"),
    "average": colors.HexColor("#E0A021"),
    "needs_improvement": colors.HexColor("#D64545"),
}
RISK_COLOURS = {
    "low": colors.HexColor("#3FA34D"),
    "low-moderate": colors.HexColor("#2F7FC1"),
    "moderate": colors.HexColor("#E0A021"),
    "high": colors.HexColor("#D64545"),
}
UP = colors.HexColor("#1B7F4B")
DOWN = colors.HexColor("#D64545")


def band_colour(band: Band | None) -> colors.Color:
    """Colour of a score band; grey when not measured."""
    return MISSING if band is None else BAND_COLOURS.get(band.key, MISSING)


def hex_of(colour: colors.Color) -> str:
    """`#rrggbb` for use inside Paragraph markup."""
    return "#" + str(colour.hexval())[2:]


@cache
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles, built once after the fonts exist."""
    register_fonts()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=14, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=11, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
        "cell_c": ParagraphStyle("cell_c", parent=base, fontSize=9, leading=12,
                                 alignment=TA_CENTER),
        "gym": ParagraphStyle("gym", parent=base, fontName=BOLD, fontSize=10.5, leading=14,
                              textColor=ACCENT),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=20, leading=26,
                                textColor=NAVY),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10, leading=14,
                                   textColor=MUTED),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=12.5, leading=17,
                             textColor=NAVY, spaceBefore=10, spaceAfter=5,
                             keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=base, fontName=BOLD, fontSize=10, leading=14,
                             textColor=NAVY, spaceAfter=2),
        "bullet": ParagraphStyle("bullet", parent=base, fontSize=9, leading=13, leftIndent=10,
                                 bulletIndent=2),
        "big": ParagraphStyle("big", parent=base, fontName=BOLD, fontSize=30, leading=34,
                              alignment=TA_CENTER, textColor=NAVY),
        "centre": ParagraphStyle("centre", parent=base, alignment=TA_CENTER),
    }


@cache
def number_style(size: float) -> ParagraphStyle:
    """Centred bold figure with a leading that fits its size (score boxes)."""
    return ParagraphStyle(f"number{size}", parent=styles()["big"], fontSize=size,
                          leading=size * 1.15)


def text(value: object) -> str:
    """Plain text made safe for Paragraph markup (names and notes may hold `<` or `&`)."""
    return escape(str(value))


def date_ko(day: date) -> str:
    return f"{day.year}년 {day.month:02d}월 {day.day:02d}일"


def date_dot(day: date) -> str:
    return f"{day.year}.{day.month:02d}.{day.day:02d}"


def local_stamp(moment: datetime) -> str:
    """`YYYY.MM.DD HH:MM` in the gym's zone; naive times are taken as already local."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(LOCAL_ZONE)
    return f"{date_dot(moment.date())} {moment.hour:02d}:{moment.minute:02d}"


