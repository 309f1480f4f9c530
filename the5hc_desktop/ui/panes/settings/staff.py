"""직원 계정: the staff table with add, role, (de)activate, password reset and unlock.

Shown to owners and senior trainers. Seniors manage everyone but owners; nobody
deactivates themselves; the service refuses what the buttons do not already prevent
(the last active owner), and its message goes to the status bar.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.particles import resolve
from the5hc_desktop.services.accounts import AccountService, StaffView
from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.dialogs import ask
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.columns import fit_columns
from the5hc_desktop.ui.panes.settings.staff_dialogs import (
    AddStaffDialog,
    RoleDialog,
    TemporaryPasswordDialog,
)
from the5hc_desktop.ui.panes.settings.staff_model import NAME, StaffModel
from the5hc_desktop.ui.rows_model import read_only_table


class StaffSection(QWidget):
    def __init__(
        self,
        accounts: AccountService,
        actor: Actor,
        messages: MessageBridge,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("staffSection")
        self._accounts = accounts
        self._actor = actor
        self._messages = messages
        self._language = language
        self._busy = False
        self.add_dialog: AddStaffDialog | None = None

        self.model = StaffModel(language, self)
        self.table = read_only_table("staffTable", self.model)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        fit_columns(self.table, NAME, self.model.samples())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.change_role())

        self.add_button = self._button("staffAddButton", self.tr("Add…"), self.open_add_dialog)
        self.role_button = self._button("staffRoleButton", self.tr("Change role…"),
                                        self.change_role)
        self.active_button = self._button("staffActiveButton", self.tr("Deactivate"),
                                          self.toggle_active)
        self.reset_button = self._button("staffResetButton", self.tr("Reset password…"),
                                         self.reset_password)
        self.unlock_button = self._button("staffUnlockButton", self.tr("Unlock"), self.unlock)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.role_button, self.active_button,
                       self.reset_button, self.unlock_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        note = QLabel(self.tr(
            "Senior trainers manage trainers and front-desk staff; only an owner manages "
            "owners. Nobody can deactivate their own account or the last active owner."
        ))
        note.setWordWrap(True)
        note.setStyleSheet("color: #607d8b;")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        self._update_buttons()

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- loading and selection -------------------------------------------------------------
    def reload(self, select: uuid.UUID | None = None) -> None:
        current = self.selected()
        keep = select or (current.id if current is not None else None)
        accounts, actor = self._accounts, self._actor
        worker.run(lambda _ctx: accounts.list_staff(actor),
                   lambda rows: self._show_rows(rows, keep), parent=self)

    def _show_rows(self, rows: tuple[StaffView, ...], select: uuid.UUID | None) -> None:
        self.model.set_rows(rows)
        row = self.model.row_of(select) if select is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> StaffView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.staff(rows[0].row()) if rows else None

    def select(self, staff_id: uuid.UUID) -> None:
        row = self.model.row_of(staff_id)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self, *_args: Any) -> None:
        staff = self.selected()
        manageable = (staff is not None and not self._busy
                      and self._accounts.may_manage(self._actor, staff))
        is_self = staff is not None and staff.id == self._actor.staff_id
        self.add_button.setEnabled(not self._busy)
        self.role_button.setEnabled(manageable and not is_self)
        self.active_button.setEnabled(manageable and not is_self)
        self.active_button.setText(
            self.tr("Reactivate") if staff is not None and not staff.active
            else self.tr("Deactivate")
        )
        self.reset_button.setEnabled(manageable and not is_self)
        self.unlock_button.setEnabled(manageable and staff is not None
                                      and staff.locked_until is not None)

    # --- actions ---------------------------------------------------------------------------
    def open_add_dialog(self) -> AddStaffDialog:
        """Non-modal: the table reloads when the dialog saved an account."""
        roles = self._accounts.grantable_roles(self._actor)
        dialog = AddStaffDialog(self._accounts, self._actor, roles, self._language, self)
        dialog.accepted.connect(lambda: self._added(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.add_dialog = dialog
        dialog.open()
        return dialog

    def _added(self, dialog: AddStaffDialog) -> None:
        self.add_dialog = None
        if dialog.created is not None:
            self._messages.success(self.tr("The account {name} was added.").format(
                name=dialog.created.display_name))
            self.reload(select=dialog.created.id)

    def change_role(self) -> None:
        staff = self.selected()
        if staff is None or not self.role_button.isEnabled():
            return
        role = RoleDialog.ask_role(self, staff, self._accounts.grantable_roles(self._actor),
                                   self._language)
        if role is None or role is staff.role:
            return
        accounts, actor = self._accounts, self._actor
        self._run(lambda: accounts.set_role(actor, staff.id, role),
                  resolve(self.tr("{name} is now {role}.").format(
                      name=staff.display_name, role=role.label(self._language))), staff.id)

    def toggle_active(self) -> None:
        staff = self.selected()
        if staff is None or not self.active_button.isEnabled():
            return
        activate = not staff.active
        if not activate and not ask(
            self, self.tr("Deactivate account"),
            self.tr("Deactivate the account of {name}? They will no longer be able to sign "
                    "in. Their clients, sessions and assessments stay.").format(
                name=staff.display_name),
            destructive=True,
        ):
            return
        accounts, actor = self._accounts, self._actor
        done = (self.tr("{name} was reactivated.") if activate
                else self.tr("{name} was deactivated.")).format(name=staff.display_name)
        self._run(lambda: accounts.set_active(actor, staff.id, activate), done, staff.id)

    def reset_password(self) -> None:
        staff = self.selected()
        if staff is None or not self.reset_button.isEnabled():
            return
        if not ask(
            self, self.tr("Reset password"),
            self.tr("Give {name} a new temporary password? Their current password stops "
                    "working at once.").format(name=staff.display_name),
            destructive=True,
        ):
            return
        accounts, actor = self._accounts, self._actor

        def show(temporary: str) -> None:
            TemporaryPasswordDialog.show_password(self, staff.display_name, temporary)
            self.reload(select=staff.id)

        def shown(temporary: str) -> None:
            # After the worker callback returns: a modal loop inside it would keep the
            # worker's busy cursor up while the password is on screen.
            QTimer.singleShot(0, self, lambda: show(temporary))

        self._run(lambda: accounts.reset_password(actor, staff.id), None, staff.id,
                  on_success=shown)

    def unlock(self) -> None:
        staff = self.selected()
        if staff is None or not self.unlock_button.isEnabled():
            return
        accounts, actor = self._accounts, self._actor
        self._run(lambda: accounts.unlock(actor, staff.id),
                  self.tr("{name} can sign in again.").format(name=staff.display_name),
                  staff.id)

    def _run(
        self,
        call: Callable[[], object],
        done_text: str | None,
        staff_id: uuid.UUID,
        on_success: Callable[[Any], object] | None = None,
    ) -> None:
        def succeeded(result: Any) -> None:
            if done_text:
                self._messages.success(done_text)
            if on_success is not None:
                on_success(result)
            else:
                self.reload(select=staff_id)

        self._set_busy(True)
        worker.run(lambda _ctx: call(), succeeded, parent=self, cancellable=False,
                   on_done=lambda: self._set_busy(False))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()
