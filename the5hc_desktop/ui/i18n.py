"""UI language: English source strings in `tr()`, Korean catalogues installed at start.

Korean ("ko") is the default. It loads our own `the5hc_ko.qm` and Qt's `qtbase_ko.qm`
(shipped with PySide6) so standard buttons such as OK/Cancel are Korean too. English ("en")
installs no catalogue: the source strings are English.

Changing the language takes effect at the next start; widgets are built translated once.
The catalogues are refreshed with `packaging/update_translations.py`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from the5hc_desktop import paths

log = logging.getLogger("the5hc.ui.i18n")

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"
SETTINGS_KEY = "ui/language"
APP_CATALOGUE = "the5hc"
QT_CATALOGUES = ("qtbase",)

_LOCALES = {
    "ko": (QLocale.Language.Korean, QLocale.Country.SouthKorea),
    "en": (QLocale.Language.English, QLocale.Country.UnitedStates),
}

_current = DEFAULT_LANGUAGE


def normalise_language(value: object) -> str:
    """ "ko" or "en"; anything else (unset, garbled setting) falls back to Korean."""
    text = str(value or "").strip().lower()[:2]
    return text if text in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    """The language installed by the last `install_translations` call."""
    return _current


def language_from_settings(settings: QSettings | None = None) -> str:
    settings = settings if settings is not None else QSettings()
    return normalise_language(settings.value(SETTINGS_KEY, DEFAULT_LANGUAGE))


def save_language(language: str, settings: QSettings | None = None) -> None:
    settings = settings if settings is not None else QSettings()
    settings.setValue(SETTINGS_KEY, normalise_language(language))


def qt_translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def app_catalogue_path(language: str, translations_dir: Path | None = None) -> Path:
    folder = translations_dir if translations_dir is not None else paths.translations_dir()
    return folder / f"{APP_CATALOGUE}_{language}.qm"


@dataclass
class InstalledTranslations:
    """The translators installed on the application; keep it alive while they are in use."""

    language: str
    translators: list[QTranslator] = field(default_factory=list)

    def remove(self) -> None:
        for translator in self.translators:
            QCoreApplication.removeTranslator(translator)
        self.translators.clear()


def install_translations(
    language: str = DEFAULT_LANGUAGE, translations_dir: Path | None = None
) -> InstalledTranslations:
    """Install the catalogues for `language` on the running application.

    A missing app catalogue is a broken build and raises FileNotFoundError; a missing Qt
    catalogue only costs English standard buttons, so it is logged and skipped.
    """
    global _current
    language = normalise_language(language)
    if QCoreApplication.instance() is None:
        raise RuntimeError("create the QApplication before installing translations")
    installed = InstalledTranslations(language)
    QLocale.setDefault(QLocale(*_LOCALES[language]))
    if language != "en":
        own = app_catalogue_path(language, translations_dir)
        installed.translators.append(_load(own, required=True))
        for name in QT_CATALOGUES:
            qt_file = qt_translations_dir() / f"{name}_{language}.qm"
            if qt_file.is_file():
                installed.translators.append(_load(qt_file, required=True))
            else:
                log.warning("Qt catalogue %s not found; standard buttons stay English", qt_file)
    for translator in installed.translators:
        QCoreApplication.installTranslator(translator)
    _current = language
    return installed


def _load(path: Path, *, required: bool) -> QTranslator:
    translator = QTranslator()
    if not translator.load(str(path)) and required:
        raise FileNotFoundError(f"translation catalogue missing or unreadable: {path}")
    return translator
