"""Reading produced PDFs back (pypdf) for the report tests."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader

# A number with one decimal that is not part of a date such as 2024.05.10.
DECIMAL = re.compile(r"(?<![\d.])-?\d+\.\d+(?![\d.])")


def read_pdf(source: Path | bytes) -> list[str]:
    """Text of every page."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    return [page.extract_text() for page in PdfReader(stream).pages]


def embedded_fonts(source: Path) -> set[str]:
    """Base names of the fonts whose program is embedded (FontFile2 = TrueType)."""
    names: set[str] = set()
    for page in PdfReader(source).pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    names.add(str(font["/BaseFont"]))
    return names
