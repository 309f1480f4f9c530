"""NanumGothic registration: once, as a family, so <b> picks the bold face."""

from __future__ import annotations

from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics

from the5hc_desktop.reports.fonts import BOLD, FAMILY, REGULAR, register_fonts


def test_registration_is_idempotent() -> None:
    assert register_fonts() == FAMILY
    first = pdfmetrics.getFont(REGULAR)
    assert register_fonts() == FAMILY
    assert pdfmetrics.getFont(REGULAR) is first
    assert pdfmetrics.getFont(BOLD).face.name  # parsed TrueType, not a fallback


def test_family_maps_bold() -> None:
    register_fonts()
    assert tt2ps(FAMILY, 1, 0) == BOLD
    assert tt2ps(FAMILY, 0, 0) == REGULAR
    # Hangul glyphs exist, so nothing prints as boxes.
    face = pdfmetrics.getFont(REGULAR).face
    assert all(ord(ch) in face.charToGlyph for ch in "김민수체력평가미측정▲▼")
