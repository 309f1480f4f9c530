"""The QApplication, set up the same way by the app, the self-test and the tests.

Order matters: the application object first, then fonts (before any window, so Hangul
never renders as boxes), then translations (before any widget is built, since widgets
translate their texts once, in their constructors).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from the5hc_desktop import __version__
from the5hc_desktop.ui import fonts, i18n

ORGANISATION = "The5HC"
APPLICATION = "The5HC Desktop"


def set_identity() -> None:
    """Names QSettings uses for the settings file/registry key."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)


def create_application(
    argv: Sequence[str] | None = None, language: str | None = None
) -> tuple[QApplication, i18n.InstalledTranslations]:
    """Create (or reuse) the QApplication with fonts and translations installed.

    `language` None reads the saved setting ("ko" unless changed). Keep the returned
    translations object alive for the life of the application.
    """
    set_identity()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(list(argv) if argv is not None else sys.argv)
    fonts.install_fonts(app)
    chosen = i18n.language_from_settings() if language is None else language
    return app, i18n.install_translations(chosen)
