"""설정 → 백업 (owner and senior): the last backup, 지금 백업, where backups go, the list of
backups and the owner's 복원.

Backups beside the database die with the PC, so when they still go there and a cloud-synced
folder or a USB drive is found, the page suggests it. The folder is a choice of this PC
(QSettings), not of the gym. Every file operation runs on the data lane. A restore is
checked here first (a sound The5HC file whose schema objects match the app's migrations,
else refused with the reason); then `restore(path)` hands it to the composition root,
which closes this app's connection, restores, reopens and signs the user in again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.maintenance import BackupOverview, MaintenanceService
from the5hc_desktop.store.backup import BackupFile, Suggestion
from the5hc_desktop.ui import dialogs, worker
from the5hc_desktop.ui.messages import MessageBridge, error_text

FOLDER_KEY = "backup/folder"
STALE_DAYS = 7  # an older last backup is shown as a warning

RestoreHandler = Callable[[Path], object]


def chosen_folder() -> Path | None:
    value = str(QSettings().value(FOLDER_KEY, "") or "")
    return Path(value) if value else None


def choose_folder(parent: QWidget, start: Path) -> Path | None:
    """The folder dialog (tests replace this function)."""
    picked = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("BackupPage", "Choose the backup folder"), str(start))
    return Path(picked) if picked else None


def choose_file(parent: QWidget, start: Path) -> Path | None:
    """The open dialog for a backup kept elsewhere (tests replace this function)."""
    picked, _filter = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("BackupPage", "Backup file to restore"), str(start),
        QCoreApplication.translate("BackupPage", "The5HC database (*.sqlite3 *.db);;All files (*)"))
    return Path(picked) if picked else None


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def size_text(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(1, size // 1024)} KB"


class BackupPage(QWidget):
    """See the module docstring."""

    def __init__(
        self,
        maintenance: MaintenanceService,
        actor: Actor,
        messages: MessageBridge,
        restore: RestoreHandler | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backupPage")
        self._maintenance = maintenance
        self._actor = actor
        self._messages = messages
        self._restore = restore
        self.overview: BackupOverview | None = None
        self.suggestion: Suggestion | None = None
        self._build()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        last_box = QGroupBox(self.tr("Last backup"))
        self.last_label = QLabel(self.tr("Loading…"))
        self.last_label.setObjectName("backupLast")
        self.last_label.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.back_up_now)
        last_row = QHBoxLayout(last_box)
        last_row.addWidget(self.last_label, 1)
        last_row.addWidget(self.backup_button)

        folder_box = QGroupBox(self.tr("Backup folder"))
        self.folder_label = QLabel()
        self.folder_label.setObjectName("backupFolder")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        change = QPushButton(self.tr("Change folder…"))
        change.setObjectName("backupChangeFolder")
        change.clicked.connect(self.change_folder)
        self.default_button = QPushButton(self.tr("Use the default folder"))
        self.default_button.setObjectName("backupDefaultFolder")
        self.default_button.clicked.connect(lambda: self.use_folder(None))
        self.suggestion_label = QLabel()
        self.suggestion_label.setObjectName("backupSuggestion")
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setStyleSheet("color: #8a5a00;")
        self.suggestion_button = QPushButton(self.tr("Use this folder"))
        self.suggestion_button.setObjectName("backupUseSuggestion")
        self.suggestion_button.clicked.connect(self._use_suggestion)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(change)
        folder_row.addWidget(self.default_button)
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.suggestion_label, 1)
        suggestion_row.addWidget(self.suggestion_button)
        folder_layout = QVBoxLayout(folder_box)
        folder_layout.addLayout(folder_row)
        folder_layout.addLayout(suggestion_row)

        list_box = QGroupBox(self.tr("Backups"))
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("backupTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Taken"), self.tr("File"), self.tr("Size"),
            self.tr("Folder")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.restore_button = QPushButton(self.tr("Restore selected…"))
        self.restore_button.setObjectName("backupRestore")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(self.tr("Restore from a file…"))
        self.restore_file_button.setObjectName("backupRestoreFile")
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.restore_note = QLabel()
        self.restore_note.setObjectName("backupRestoreNote")
        self.restore_note.setWordWrap(True)
        self.restore_note.setStyleSheet("color: #607d8b;")
        if not self.may_restore():
            reason = self.tr("Only the owner can restore a backup.")
            for button in (self.restore_button, self.restore_file_button):
                button.setEnabled(False)
                button.setToolTip(reason)
            self.restore_note.setText(reason)
        else:
            self.restore_note.setText(self.tr(
                "A restore closes the database, replaces it with the backup and opens it "
                "again; the current file is backed up first. It is refused while another "
                "window or program has the file open."))
        actions = QHBoxLayout()
        actions.addWidget(self.restore_note, 1)
        actions.addWidget(self.restore_file_button)
        actions.addWidget(self.restore_button)
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.table, 1)
        list_layout.addLayout(actions)

        layout = QVBoxLayout(self)
        layout.addWidget(last_box)
        layout.addWidget(folder_box)
        layout.addWidget(list_box, 1)
        for box in (last_box, folder_box, list_box):
            box.setMaximumWidth(900)
        self._update_buttons()

    def may_restore(self) -> bool:
        return self._actor.role is Role.OWNER and self._restore is not None

    # --- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        maintenance, actor, folder = self._maintenance, self._actor, chosen_folder()

        def read(_ctx: object) -> tuple[BackupOverview, tuple[Suggestion, ...]]:
            return maintenance.backups(actor, folder), maintenance.suggested_folders(actor)

        worker.run(read, self._loaded, on_failure=self._load_failed, parent=self)

    def _loaded(self, result: tuple[BackupOverview, tuple[Suggestion, ...]]) -> None:
        overview, suggestions = result
        self.overview = overview
        self._show_last(overview.last, overview)
        where = (self.tr("external folder") if overview.external
                 else self.tr("beside the data file on this PC"))
        self.folder_label.setText(f"{overview.folder}\n({where})")
        self.default_button.setEnabled(overview.external)
        self.suggestion = None if overview.external else next(iter(suggestions), None)
        if self.suggestion is not None:
            kind = (self.tr("cloud-synced folder")
                    if self.suggestion.kind == "cloud"
                    else self.tr("removable drive"))
            self.suggestion_label.setText(self.tr(
                "Backups are only on this PC. Backing up to the {kind} {place} keeps them "
                "if the PC breaks or is lost.").format(kind=kind, place=self.suggestion.place))
        elif not overview.external:
            self.suggestion_label.setText(self.tr(
                "Backups are only on this PC. Choose a USB drive or a OneDrive, Dropbox or "
                "Google Drive folder so they survive the PC."))
        self.suggestion_label.setVisible(not overview.external)
        self.suggestion_button.setVisible(self.suggestion is not None)
        self._fill_table(overview.files)
        self._update_buttons()

    def _show_last(self, last: BackupFile | None, overview: BackupOverview) -> None:
        if last is None:
            self.last_label.setText(self.tr("No backup yet."))
            self.last_label.setStyleSheet("color: #b23b00;")
            return
        age = datetime.now(last.taken_at.tzinfo) - last.taken_at
        shown = f"{local_time(last.taken_at)} · {last.path.parent}"
        if age.days >= STALE_DAYS:
            shown += "\n" + self.tr("That was {days} days ago: back up now.").format(
                days=age.days)
        self.last_label.setText(shown)
        self.last_label.setStyleSheet("color: #b23b00;" if age.days >= STALE_DAYS else "")

    def _fill_table(self, files: tuple[BackupFile, ...]) -> None:
        self.table.setRowCount(len(files))
        for row, file in enumerate(files):
            cells = (local_time(file.taken_at), file.path.name, size_text(file.size),
                     str(file.path.parent))
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, str(file.path))
                self.table.setItem(row, column, item)

    def _load_failed(self, error: The5HCError) -> None:
        self.last_label.setText(error_text(error))
        self.last_label.setStyleSheet("color: #b00020;")

    def _update_buttons(self) -> None:
        if self.may_restore():
            self.restore_button.setEnabled(self.selected_backup() is not None)

    def selected_backup(self) -> Path | None:
        items = self.table.selectedItems()
        return Path(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    # --- folder ---------------------------------------------------------------------------
    def change_folder(self) -> None:
        start = self.overview.folder if self.overview is not None else Path.home()
        picked = choose_folder(self, start)
        if picked is not None:
            self.use_folder(picked)

    def _use_suggestion(self) -> None:
        if self.suggestion is not None:
            self.use_folder(self.suggestion.folder)

    def use_folder(self, folder: Path | None) -> None:
        """Remember the folder for this PC (None: back to `backups/` beside the file)."""
        if folder is None:
            QSettings().remove(FOLDER_KEY)
        else:
            QSettings().setValue(FOLDER_KEY, str(folder))
        self.reload()

    # --- back up --------------------------------------------------------------------------
    def back_up_now(self) -> None:
        maintenance, actor, folder = self._maintenance, self._actor, chosen_folder()
        self.backup_button.setEnabled(False)
        worker.run(
            lambda ctx: maintenance.backup_now(
                actor, folder, lambda done, total: ctx.report(done, total)),
            self._backed_up,
            on_failure=self._messages.show_error,
            on_done=lambda: self.backup_button.setEnabled(True),
            progress_label=self.tr("Backing up…"),
            cancellable=False,
            parent=self,
        )

    def _backed_up(self, made: BackupFile) -> None:
        self._messages.success(self.tr("Backed up: {path}").format(path=made.path))
        self.reload()

    # --- restore --------------------------------------------------------------------------
    def restore_selected(self) -> None:
        chosen = self.selected_backup()
        if chosen is not None:
            self.restore(chosen)

    def restore_from_file(self) -> None:
        start = self.overview.folder if self.overview is not None else Path.home()
        chosen = choose_file(self, start)
        if chosen is not None:
            self.restore(chosen)

    def restore(self, source: Path) -> None:
        """Confirm, check the file on the data lane, then hand it to the composition root."""
        if not self.may_restore():
            return
        question = self.tr(
            "The current data is replaced by this backup:\n{path}\n\nAnything entered "
            "since is gone (the current file is backed up first). The app closes the "
            "database, restores and opens it again. Continue?").format(path=source)
        if not dialogs.ask(self, self.tr("Restore backup"), question, destructive=True):
            return
        maintenance, actor = self._maintenance, self._actor
        worker.run(lambda _ctx: maintenance.check_restore_source(actor, source),
                   lambda _report: self._checked(source),
                   on_failure=self._refused,
                   progress_label=self.tr("Checking the backup file…"),
                   cancellable=False, parent=self)

    def _checked(self, source: Path) -> None:
        if self._restore is not None:
            self._restore(source)

    def _refused(self, error: The5HCError) -> None:
        self.restore_note.setText(error_text(error))
        self.restore_note.setStyleSheet("color: #b00020;")
        self._messages.show_error(error, dialog=True)
