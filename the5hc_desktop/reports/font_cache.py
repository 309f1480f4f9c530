"""TrueType faces parsed once per font file, not once per process.

ReportLab parses a whole TTF (its character map, metrics and glyph offsets) whenever a
`TTFont` is made: ~35 ms of CPU per NanumGothic face at the start of every process that
writes a PDF, which is most of a one-report command's font time. The parsed tables are plain
numbers and names, so they are kept with `marshal` (reading it back runs no code, unlike
pickle) in the user cache folder, one file per face. A file is used only when its key
matches: this module's format, the ReportLab and Python versions, and the font file's size
and modification time. Anything else (stale, unreadable, foreign) is parsed afresh and the
file written again, atomically; failing to write costs only the next start its parse.

The face keeps what ReportLab keeps: the font file's bytes (read again here: subsetting
copies glyphs out of them) and every table it parsed; a test compares a restored face with a
fresh parse and the PDFs they make.
"""

from __future__ import annotations

import logging
import marshal
import os
import sys
import tempfile
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

log = logging.getLogger("the5hc.reports")

FORMAT = 1
# Set per process, not kept: the file's bytes, its name, a function.
_NOT_KEPT = frozenset({"_ttf_data", "_pdfScale", "filename"})
_NAME_TAG = "TTFNameBytes"


def cached_font(name: str, path: Path, folder: Path | None) -> TTFont:
    """`TTFont(name, str(path))`, its face restored from `folder` when kept there (and kept
    there after a parse); `folder` None: always parse."""
    face = None
    store = None if folder is None else folder / f"{path.stem}.face"
    key = _key(path)
    if store is not None:
        face = _restored(store, key, path)
    if face is None:
        font = TTFont(name, str(path))
        if store is not None:
            _keep(store, key, font.face)
        return font
    return _font_of(name, face)


def _key(path: Path) -> list[Any]:
    stat = path.stat()
    return [FORMAT, reportlab.Version, list(sys.version_info[:2]), stat.st_size,
            stat.st_mtime_ns]


def _restored(store: Path, key: list[Any], path: Path) -> TTFontFace | None:
    try:
        kept = marshal.loads(store.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, EOFError, ValueError, TypeError) as exc:
        log.info("font cache %s unreadable (%s): parsing the font", store.name, exc)
        return None
    if not isinstance(kept, dict) or kept.get("key") != key:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update({name: _value(value) for name, value in kept["state"].items()})
    face.filename = str(path)
    face._ttf_data = data
    face._pdfScale = _scale(face.unitsPerEm)
    return face


def _font_of(name: str, face: TTFontFace) -> TTFont:
    """`TTFont.__init__` with `face` instead of a parse (a test keeps the two equal)."""
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
    return font


def _scale(units_per_em: int) -> Any:
    """ReportLab's own scale from font units to 1/1000 em (`TTFontFile.extractInfo`)."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _keep(store: Path, key: list[Any], face: TTFontFace) -> None:
    state = {name: _kept(value) for name, value in vars(face).items() if name not in _NOT_KEPT}
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=store.parent, prefix=store.name, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                marshal.dump({"key": key, "state": state}, out)
            os.replace(temporary, store)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, ValueError) as exc:  # ValueError: a value marshal cannot keep
        log.info("font cache %s not written: %s", store.name, exc)


def _kept(value: Any) -> Any:
    # Names are bytes with their text alongside; kept tagged so they come back as such.
    if isinstance(value, TTFNameBytes):
        return (_NAME_TAG, bytes(value))
    return value


def _value(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 2 and value[0] == _NAME_TAG:
        return TTFNameBytes(value[1])  # kept as UTF-8, which reads back as the same text
    return value
