"""The bundled Korean font, registered before any window is built.

Front-desk PCs may lack a Hangul font Qt would pick for its default UI font, and the
offscreen platform used by tests has none at all. Registering NanumGothic from
`resources/fonts` and making it the application font means Hangul never renders as boxes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from the5hc_desktop import paths

log = logging.getLogger("the5hc.ui.fonts")

FONT_FAMILY = "NanumGothic"
FONT_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf")
DEFAULT_POINT_SIZE = 10.0

_registered: dict[Path, tuple[str, ...]] = {}


def register_fonts(fonts_dir: Path | None = None) -> tuple[str, ...]:
    """Add the bundled font files to Qt's font database; returns the families they hold.

    Idempotent. Raises FileNotFoundError when a file is missing and RuntimeError when Qt
    rejects one: a build without its font is broken, not something to limp along with.
    """
    if QGuiApplication.instance() is None:
        raise RuntimeError("create the QApplication before registering fonts")
    folder = fonts_dir if fonts_dir is not None else paths.fonts_dir()
    families: list[str] = []
    for name in FONT_FILES:
        path = (folder / name).resolve()
        if path not in _registered:
            if not path.is_file():
                raise FileNotFoundError(f"bundled font missing: {path}")
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                raise RuntimeError(f"Qt could not load the font {path}")
            _registered[path] = tuple(QFontDatabase.applicationFontFamilies(font_id))
            log.debug("registered font %s", path.name)
        families.extend(f for f in _registered[path] if f not in families)
    return tuple(families)


def application_font(point_size: float = DEFAULT_POINT_SIZE) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(point_size)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font


def install_fonts(
    app: QGuiApplication, fonts_dir: Path | None = None, point_size: float = DEFAULT_POINT_SIZE
) -> QFont:
    """Register the bundled fonts and make NanumGothic the application font."""
    families = register_fonts(fonts_dir)
    if FONT_FAMILY not in families:
        raise RuntimeError(f"{FONT_FAMILY} not among the registered families {families}")
    font = application_font(point_size)
    app.setFont(font)
    return font
