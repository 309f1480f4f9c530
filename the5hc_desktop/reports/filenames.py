"""File names for generated PDFs that are valid on Windows as well as macOS and Linux.

Member names are typed by staff and may contain anything; the saved file must still open
from Explorer, so forbidden characters, reserved device names and over-long names are
neutralised here, in one place used by single and batch export.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

# Characters Windows refuses in a file name, plus every control character.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")
# Device names are reserved with or without an extension ("CON.txt" is also refused);
# COM¹²³ / LPT¹²³ are reserved too.
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|(COM|LPT)[0-9¹²³])(\..*)?$",
                       re.IGNORECASE)

MAX_NAME_CHARS = 40
"""Longest member-name part; keeps whole paths well inside Windows' 260-character limit."""

FALLBACK_NAME = "회원"
REPORT_SUFFIX = "평가보고서"


def safe_component(text: str, *, max_chars: int = MAX_NAME_CHARS, fallback: str = "_") -> str:
    """`text` made usable as (part of) one path component on every platform.

    NFC first so a name typed on macOS (decomposed Hangul) gives the same file name.
    """
    cleaned = unicodedata.normalize("NFC", text)
    cleaned = _FORBIDDEN.sub("", cleaned)
    cleaned = _SPACES.sub(" ", cleaned).strip()
    cleaned = cleaned[:max_chars].rstrip(" .")
    if _RESERVED.match(cleaned):
        cleaned = f"_{cleaned}"
    return cleaned or fallback


def report_filename(assessed_on: date, client_name: str) -> str:
    """`YYYY-MM-DD_이름_평가보고서.pdf`, safe for Windows."""
    name = safe_component(client_name, fallback=FALLBACK_NAME)
    return f"{assessed_on.isoformat()}_{name}_{REPORT_SUFFIX}.pdf"


def comparison_filename(before: date, after: date, client_name: str) -> str:
    """`YYYY-MM-DD_YYYY-MM-DD_이름_비교보고서.pdf`, safe for Windows."""
    name = safe_component(client_name, fallback=FALLBACK_NAME)
    return f"{before.isoformat()}_{after.isoformat()}_{name}_비교보고서.pdf"


def receipt_filename(paid_on: date, client_name: str, copy: str = "client") -> str:
    """`YYYY-MM-DD_이름_영수증(회원용|보관용).pdf`, safe for Windows."""
    name = safe_component(client_name, fallback=FALLBACK_NAME)
    which = "보관용" if copy == "gym" else "회원용"
    return f"{paid_on.isoformat()}_{name}_영수증({which}).pdf"


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `stem (2).ext`, `stem (3).ext`... — the first not in `taken`.

    `taken` holds case-folded names because Windows and macOS folders ignore case;
    the chosen name is added to it.
    """
    path = Path(name)
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{path.stem} ({n}){path.suffix}"
    taken.add(candidate.casefold())
    return candidate
