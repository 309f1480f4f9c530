"""설정: gym settings, staff accounts (owners and senior trainers) and one's own password."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.services import changes
from the5hc_desktop.services.accounts import AccountService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, can
from the5hc_desktop.services.settings import GymSettings, SettingsService
from the5hc_desktop.ui import i18n
from the5hc_desktop.ui.list_print import ListPrinter
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.settings.backup_page import BackupPage, RestoreHandler
from the5hc_desktop.ui.panes.settings.form import GymSettingsForm
from the5hc_desktop.ui.panes.settings.language import LanguageChoice
from the5hc_desktop.ui.panes.settings.staff import StaffSection
from the5hc_desktop.ui.panes.settings.staff_dialogs import ChangePasswordDialog
from the5hc_desktop.ui.panes.settings.sync_page import SyncPage

if TYPE_CHECKING:
    from the5hc_desktop.services.maintenance import MaintenanceService
    from the5hc_desktop.services.sync_service import SyncService
    from the5hc_desktop.ui.sync_controller import SyncController

SettingsSaved = Callable[[GymSettings], object]


class SettingsPane(QWidget):
    """The 설정 pane. `on_saved` lets the composition root apply what changed (idle lock)."""

    printing: ListPrinter | None = None  # set by the composition root (Ctrl+P: the staff)

    watches = frozenset({changes.SETTINGS, changes.STAFF, changes.ORGANIZATIONS})

    def __init__(
        self,
        settings: SettingsService,
        accounts: AccountService,
        actor: Actor,
        messages: MessageBridge,
        *,
        on_saved: SettingsSaved | None = None,
        sync: SyncService | None = None,
        sync_controller: SyncController | None = None,
        maintenance: MaintenanceService | None = None,
        restore: RestoreHandler | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPane")
        self._accounts = accounts
        self._actor = actor
        self._messages = messages
        language = i18n.current_language()

        self.form = GymSettingsForm(settings, actor, messages)
        if on_saved is not None:
            self.form.saved.connect(on_saved)
        scroll = QScrollArea()
        scroll.setObjectName("settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(8, 8, 8, 8)
        self.form.setMaximumWidth(760)
        holder_layout.addWidget(self.form, 0, Qt.AlignmentFlag.AlignLeft)
        scroll.setWidget(holder)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(scroll, self.tr("Gym settings"))
        self.staff: StaffSection | None = None
        if can(actor, Capability.MANAGE_STAFF):
            self.staff = StaffSection(accounts, actor, messages, language)
            self.tabs.addTab(self.staff, self.tr("Staff accounts"))
        self.sync_page: SyncPage | None = None
        if sync is not None and can(actor, Capability.EDIT_SETTINGS):
            self.sync_page = SyncPage(sync, actor, messages, sync_controller)
            self.tabs.addTab(self.sync_page, self.tr("Sync"))
        self.backup_page: BackupPage | None = None
        if maintenance is not None and can(actor, Capability.EDIT_SETTINGS):
            self.backup_page = BackupPage(maintenance, actor, messages, restore)
            self.tabs.addTab(self.backup_page, self.tr("Backup"))
        self.tabs.addTab(self._build_account(language), self.tr("My account"))

        heading = QLabel(self.tr("Settings"))
        heading.setObjectName("settingsHeading")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold; color: #1a2733;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)

    def _build_account(self, language: str) -> QWidget:
        box = QGroupBox(self.tr("Signed in as"))
        box.setObjectName("settingsAccountGroup")
        who = QLabel(self.tr("{name} ({username}) · {role}").format(
            name=self._actor.display_name, username=self._actor.username,
            role=self._actor.role.label(language)))
        who.setObjectName("settingsAccountName")
        self.change_password_button = QPushButton(self.tr("Change password…"))
        self.change_password_button.setObjectName("settingsChangePassword")
        self.change_password_button.clicked.connect(self.change_password)
        inner = QVBoxLayout(box)
        inner.addWidget(who)
        inner.addWidget(self.change_password_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.language_choice = LanguageChoice(self._messages)
        self.language_choice.setMaximumWidth(760)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(box)
        layout.addWidget(self.language_choice)
        layout.addStretch(1)
        box.setMaximumWidth(760)
        return page

    # --- the Pane protocol -----------------------------------------------------------------
    @property
    def object_name(self) -> str:
        return "settingsPane"

    @property
    def title(self) -> str:
        return self.tr("Settings")

    @property
    def widget(self) -> QWidget:
        return self

    def pane_actions(self) -> tuple[str, ...]:
        return ("file.print",) if self.staff is not None else ()

    def print_current(self) -> None:
        """Ctrl+P: the staff list (owner and senior, who see it)."""
        if self.printing is not None and self.staff is not None:
            self.printing.open(self, self.staff.table, self.tr("Staff accounts"),
                               file_stem="staff")

    def refresh(self) -> None:
        """Reload settings and staff (on show and F5); a form with unsaved edits is kept."""
        if not self.form.has_unsaved_changes():
            self.form.load()
        if self.staff is not None:
            self.staff.reload()
        if self.sync_page is not None:
            self.sync_page.reload()
        if self.backup_page is not None:
            self.backup_page.reload()

    def show_sync(self, conflicts: bool = False) -> None:
        """Bring 설정 → 동기화 (or its 충돌 기록) to the front."""
        if self.sync_page is not None:
            self.tabs.setCurrentWidget(self.sync_page)
            self.sync_page.tabs.setCurrentIndex(1 if conflicts else 0)

    def show_backup(self) -> bool:
        """Bring 설정 → 백업 to the front; False when this account does not see it."""
        if self.backup_page is None:
            return False
        self.tabs.setCurrentWidget(self.backup_page)
        return True

    # --- own password --------------------------------------------------------------------
    def change_password(self) -> ChangePasswordDialog:
        accounts, actor = self._accounts, self._actor
        dialog = ChangePasswordDialog(
            lambda old, new: accounts.change_password(actor, old, new), parent=self)
        dialog.accepted.connect(
            lambda: self._messages.success(self.tr("Your password was changed.")))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
