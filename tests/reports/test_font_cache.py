"""Parsed faces kept between processes (reports/font_cache.py): a restored font is the fresh
parse's equal, table for table, in widths and in the PDF it makes; a stale, damaged or
unwritable cache only costs a parse."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from the5hc_desktop.paths import fonts_dir
from the5hc_desktop.reports import font_cache
from the5hc_desktop.reports.font_cache import cached_font

FONTS = [fonts_dir() / "NanumGothic.ttf", fonts_dir() / "NanumGothicBold.ttf"]


def _state(font: TTFont) -> dict[str, Any]:
    return {k: v for k, v in vars(font.face).items() if k != "_pdfScale"}


def _attributes(font: TTFont) -> dict[str, Any]:
    """The font's own attributes (its encoding object by type and contents)."""
    found = {k: v for k, v in vars(font).items() if k not in ("face", "state", "fontName")}
    found["encoding"] = (type(font.encoding), vars(font.encoding))
    return found


def _random_text(rng: random.Random) -> str:
    pieces = [chr(rng.randint(0xAC00, 0xD7A3)) for _ in range(rng.randint(1, 30))]
    pieces += rng.choices("abcXYZ 0123456789.,-()%·▲▼", k=rng.randint(0, 10))
    rng.shuffle(pieces)
    return "".join(pieces)


def _pdf(font: TTFont, lines: list[str]) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=True)
    canvas.setFont(font.fontName, 11)
    for n, line in enumerate(lines):
        canvas.drawString(40, 800 - 14 * n, line)
    canvas.save()
    return out.getvalue()


@pytest.mark.parametrize("path", FONTS, ids=lambda p: p.stem)
def test_a_restored_font_equals_a_fresh_parse(path: Path, tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics

    written = cached_font("CacheFresh", path, tmp_path)  # parsed, then kept
    assert (tmp_path / f"{path.stem}.face").is_file()
    restored = cached_font("CacheKept", path, tmp_path)
    fresh = TTFont("CacheFresh", str(path))
    assert _state(restored) == _state(fresh) == _state(written)
    for name in ("name", "familyName", "styleName", "fullName", "uniqueFontID"):
        assert type(getattr(restored.face, name)) is type(getattr(fresh.face, name))
        assert getattr(restored.face, name).ustr == getattr(fresh.face, name).ustr
    assert [restored.face._pdfScale(v) for v in (0, 1, 1000, -37)] == [
        fresh.face._pdfScale(v) for v in (0, 1, 1000, -37)]
    assert _attributes(restored) == _attributes(fresh)
    assert type(restored) is TTFont
    assert len(restored.state) == 0

    rng = random.Random(path.stem)
    lines = [_random_text(rng) for _ in range(40)]
    for line in lines:
        assert restored.stringWidth(line, 11) == fresh.stringWidth(line, 11)
    pdfmetrics.registerFont(fresh)
    fresh_pdf = _pdf(fresh, lines)
    pdfmetrics.registerFont(restored)
    restored.fontName = "CacheFresh"  # the same resource name, so the bytes can match
    pdfmetrics.registerFont(restored)
    assert _pdf(restored, lines) == fresh_pdf


def _restored(path: Path, folder: Path) -> bool:
    """Whether the font came from the cache (no parse)."""
    parsed = []
    real = font_cache.TTFont

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            parsed.append(args)
            super().__init__(*args, **kwargs)

    font_cache.TTFont = Counting  # type: ignore[misc]
    try:
        cached_font("CacheProbe", path, folder)
    finally:
        font_cache.TTFont = real  # type: ignore[misc]
    return not parsed


def test_stale_damaged_or_foreign_files_are_parsed_afresh(tmp_path: Path) -> None:
    font = tmp_path / "fonts" / "NanumGothic.ttf"
    font.parent.mkdir()
    font.write_bytes(FONTS[0].read_bytes())
    cache = tmp_path / "cache"
    assert not _restored(font, cache)
    assert _restored(font, cache)
    stat = font.stat()
    os.utime(font, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # replaced
    assert not _restored(font, cache)
    assert _restored(font, cache)
    kept = cache / "NanumGothic.face"
    kept.write_bytes(kept.read_bytes()[:1000])  # cut short
    assert not _restored(font, cache)
    assert _restored(font, cache)
    kept.write_bytes(b"\x00" * 64)  # not marshal data
    assert not _restored(font, cache)
    kept.write_bytes(__import__("marshal").dumps(["not", "a", "face"]))
    assert not _restored(font, cache)
    assert _restored(font, cache)


def test_a_cache_that_cannot_be_written_costs_only_the_parse(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_bytes(b"")
    font = cached_font("CacheBlocked", FONTS[0], blocked / "fonts")
    assert font.face.charToGlyph
    assert not _restored(FONTS[0], blocked / "fonts")
    assert cached_font("CacheNone", FONTS[0], None).face.charToGlyph
