"""화면 언어 under 설정 → 내 계정: a preference of this Windows user, not of the gym.

The language is read before anyone signs in (the sign-in dialog is already translated), so
it belongs to the computer's user, kept in QSettings (HKCU on Windows), not to a staff
account in the database. Two people sharing one Windows account share it; a gym database
opened on another PC never changes that PC's language. Reports (PDF, receipts) are always
Korean: they are handed to Korean members whatever the desk reads.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from the5hc_desktop.ui import i18n
from the5hc_desktop.ui.messages import MessageBridge

# Each language is named in itself, so neither is translated.
LANGUAGE_NAMES = (("ko", "한국어"), ("en", "English"))


class LanguageChoice(QGroupBox):
    """The combo that writes the user's language; it applies at the next start."""

    def __init__(self, messages: MessageBridge, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Screen language"), parent)
        self.setObjectName("settingsLanguageGroup")
        self._messages = messages
        self._settings = settings
        self.combo = QComboBox()
        self.combo.setObjectName("settingsLanguage")
        for code, name in LANGUAGE_NAMES:
            self.combo.addItem(name, code)
        self.combo.setMaximumWidth(220)
        codes = [code for code, _name in LANGUAGE_NAMES]
        self.combo.setCurrentIndex(codes.index(i18n.language_from_settings(self._qsettings())))
        self.combo.currentIndexChanged.connect(self._chosen)
        note = QLabel(self.tr(
            "Your own choice on this computer (this Windows user); other staff and other "
            "PCs keep theirs. It applies when the program restarts. Reports and receipts "
            "are always printed in Korean."))
        note.setObjectName("settingsLanguageNote")
        note.setWordWrap(True)
        note.setStyleSheet("color: #607d8b;")
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.combo)
        form.addRow("", note)

    def _qsettings(self) -> QSettings:
        return self._settings if self._settings is not None else QSettings()

    def _chosen(self) -> None:
        language = str(self.combo.currentData())
        i18n.save_language(language, self._qsettings())
        self._messages.success(self.tr("The new language applies when the program restarts."))
