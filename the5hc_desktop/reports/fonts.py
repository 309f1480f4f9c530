"""NanumGothic for every PDF, registered once per process.

Parsing the two 4.6 MB TTF files was the most expensive step of a cold report (~70 ms of
CPU), so it happens once per process, from the parsed tables kept in the user cache folder
when they are there (reports/font_cache.py); later calls return at once. ReportLab embeds
only the glyphs a document uses (subsetting), which keeps each PDF small and its text
selectable.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from the5hc_desktop.paths import cache_dir, fonts_dir
from the5hc_desktop.reports.font_cache import cached_font

REGULAR = "NanumGothic"
BOLD = "NanumGothic-Bold"
FAMILY = REGULAR

_FILES = {REGULAR: "NanumGothic.ttf", BOLD: "NanumGothicBold.ttf"}
_lock = threading.Lock()
_registered = False


def register_fonts(directory: Path | None = None) -> str:
    """Register regular and bold as one family (so `<b>` works) and return the family name.

    Safe to call from any thread and as often as wanted.
    """
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if _registered:
            return FAMILY
        folder = directory or fonts_dir()
        for name, filename in _FILES.items():
            path = folder / filename
            if not path.is_file():
                raise FileNotFoundError(f"bundled font missing: {path}")
            pdfmetrics.registerFont(cached_font(name, path, cache_dir() / "fonts"))
        # No italic cut exists; italic maps to the upright faces rather than failing.
        pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=REGULAR,
                                      boldItalic=BOLD)
        _registered = True
    return FAMILY
