"""Where reports go: the file and folder choosers (patched in tests) and the last folder used.

The folder a manager last saved to is offered again next time (QSettings), falling back to
the Documents folder.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from the5hc_desktop.domain.errors import StorageUnavailable

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


def write_pdf(path: Path, pdf: bytes) -> Path:
    """Write `pdf` to `path` whole: a half-written file never replaces an existing one."""
    partial = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pdf)
        os.replace(partial, path)
    except OSError as error:
        with contextlib.suppress(OSError):  # nothing to tidy when the folder is unusable
            partial.unlink(missing_ok=True)
        raise storage_error(path, error) from error
    return path


def storage_error(path: Path, error: OSError) -> StorageUnavailable:
    reason = error.strerror or type(error).__name__
    return StorageUnavailable(
        f"파일을 저장할 수 없습니다: {path} ({reason})",
        f"The file could not be saved: {path} ({reason})",
    )
