"""Where reports go: the file and folder choosers (patched in tests) and the last folder used.

The folder a manager last saved to is offered again next time (QSettings), falling back to
the Documents folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER_KEY = "reports/last_folder"


class FileDialogs:
    """Modal file choices and opening a folder in the system file manager."""

    @classmethod
    def save_pdf(cls, parent: QWidget | None, title: str, suggested: Path) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            parent, title, str(suggested), "PDF (*.pdf)")
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".pdf" else path.with_name(f"{path.name}.pdf")

    @classmethod
    def choose_folder(cls, parent: QWidget | None, title: str, start: Path) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(parent, title, str(start))
        return Path(chosen) if chosen else None

    @classmethod
    def open_folder(cls, folder: Path) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def last_folder(settings: QSettings | None = None) -> Path:
    settings = settings if settings is not None else QSettings()
    stored = str(settings.value(LAST_FOLDER_KEY, "") or "")
    if stored and Path(stored).is_dir():
        return Path(stored)
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def remember_folder(folder: Path, settings: QSettings | None = None) -> None:
    settings = settings if settings is not None else QSettings()
    settings.setValue(LAST_FOLDER_KEY, str(folder))
