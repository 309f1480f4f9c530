"""Display text shared by the member list, the detail panel and the dialog."""

from __future__ import annotations

import math
import re
from datetime import date

from the5hc_desktop.domain.scoring import band_for, fmt1

# Band colours (key of domain.words.BANDS) for scores written in text.
BAND_COLOURS = {
    "outstanding": "#1b5e20",
    "excellent": "#2e7d32",
    "good": "#827717",
    "average": "#e65100",
    "needs_improvement": "#c62828",
}
MISSING = "-"


def date_text(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def score_text(value: float | None, empty: str = MISSING) -> str:
    """One decimal, half up; `empty` when not measured."""
    return fmt1(value) if value is not None else empty


def band_colour(value: float | None) -> str | None:
    band = band_for(value)
    return BAND_COLOURS.get(band.key) if band is not None else None


def grouped(value: int) -> str:
    return f"{value:,}"


def parse_birth_date(text: str) -> date | None:
    """"1990-03-15", "1990.3.15", "1990/03/15" or "19900315"; None when blank.

    ValueError when the text is not a real date (the dialog shows it under the field).
    """
    stripped = text.strip()
    if not stripped:
        return None
    if re.fullmatch(r"\d{8}", stripped):
        return date(int(stripped[:4]), int(stripped[4:6]), int(stripped[6:]))
    parts = re.split(r"\s*[-./]\s*", stripped.rstrip("."))
    if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    raise ValueError(stripped)


def parse_number(text: str) -> float | None:
    """A decimal number ("172.5", "172,5"); None when blank; ValueError otherwise."""
    stripped = text.strip().replace(",", ".")
    if not stripped:
        return None
    value = float(stripped)
    if not math.isfinite(value):
        raise ValueError(stripped)
    return value
