"""Dialogs of the staff section: add an account, pick a role, show a temporary password,
change one's own password.

Services run on the worker lane; a `ValidationError` lands under the field it names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.services.accounts import AccountService, StaffView
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.dialogs import ERROR_COLOUR, FieldErrors
from the5hc_desktop.ui.messages import error_text


def _line(name: str, password: bool = False) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _general_error(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.setWordWrap(True)
    label.hide()
    return label


def role_combo(roles: Sequence[Role], language: str, current: Role | None = None) -> QComboBox:
    combo = QComboBox()
    for role in roles:
        combo.addItem(role.label(language), role.value)
    if current is not None and current in roles:
        combo.setCurrentIndex(list(roles).index(current))
    return combo


class AddStaffDialog(QDialog):
    """A new account with a first password the person must change at first sign-in."""

    def __init__(
        self,
        accounts: AccountService,
        actor: Actor,
        roles: Sequence[Role],
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addStaffDialog")
        self.setWindowTitle(self.tr("Add staff account"))
        self._accounts = accounts
        self._actor = actor
        self.created: StaffView | None = None

        self.display_name = _line("addStaffName")
        self.username = _line("addStaffUsername")
        self.email = _line("addStaffEmail")
        self.email.setPlaceholderText(self.tr("Optional"))
        self.role = role_combo(roles, language, Role.TRAINER)
        self.role.setObjectName("addStaffRole")
        self.password = _line("addStaffPassword", password=True)
        self.password_again = _line("addStaffPasswordConfirm", password=True)
        note = QLabel(self.tr("At least 8 characters, not only digits. The new colleague must "
                              "choose their own password at the first sign-in."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #607d8b;")

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.display_name)
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("First password"), self.password)
        form.addRow(self.tr("Password again"), self.password_again)
        form.addRow("", note)
        self.general_error = _general_error("addStaffError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

        self.errors = FieldErrors(self)
        self.errors.register(self.display_name, "display_name")
        self.errors.register(self.username, "username")
        self.errors.register(self.email, "email")
        self.errors.register(self.role, "role")
        self.errors.register(self.password, "password")
        self.errors.register(self.password_again, "password_confirm")

    def submit(self) -> None:
        self.errors.clear()
        self.general_error.hide()
        name, login = self.display_name.text().strip(), self.username.text().strip()
        email, password = self.email.text().strip() or None, self.password.text()
        role = Role(self.role.currentData())
        required = self.tr("This field is required.")
        problems = [(f, required) for f, text in (("display_name", name), ("username", login))
                    if not text]
        if password != self.password_again.text():
            problems.append(("password_confirm", self.tr("The passwords do not match.")))
        for field, text in problems:
            self.errors.show(field, text)
        if problems:
            return
        accounts, actor = self._accounts, self._actor
        self.buttons.setEnabled(False)
        worker.run(
            lambda _ctx: accounts.add_staff(actor, login, name, role, password, email),
            self._created,
            on_failure=self._failed,
            cancellable=False,
            parent=self,
            on_done=lambda: self.buttons.setEnabled(True),
        )

    def _created(self, view: StaffView) -> None:
        self.created = view
        self.accept()

    def _failed(self, error: The5HCError) -> None:
        if not self.errors.show_error(error):
            self.general_error.setText(error_text(error))
            self.general_error.show()


class RoleDialog(QDialog):
    """Choose a new role for one staff member."""

    def __init__(
        self, staff: StaffView, roles: Sequence[Role], language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("roleDialog")
        self.setWindowTitle(self.tr("Change role"))
        question = QLabel(self.tr("New role for {name}:").format(name=staff.display_name))
        self.role = role_combo(roles, language, staff.role)
        self.role.setObjectName("roleDialogRole")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.role)
        layout.addWidget(buttons)
        self.setMinimumWidth(320)

    def chosen(self) -> Role:
        return Role(self.role.currentData())

    @classmethod
    def ask_role(
        cls, parent: QWidget | None, staff: StaffView, roles: Sequence[Role], language: str
    ) -> Role | None:
        """Modal; None when cancelled. A classmethod so tests can patch it."""
        dialog = cls(staff, roles, language, parent)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class TemporaryPasswordDialog(QDialog):
    """Shows a reset password once, with a Copy button; it is never shown again."""

    def __init__(self, staff_name: str, password: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("temporaryPasswordDialog")
        self.setWindowTitle(self.tr("Temporary password"))
        text = QLabel(self.tr(
            "The temporary password of {name} is below. Give it to them in person: they must "
            "choose a new password when they next sign in. It is shown only now."
        ).format(name=staff_name))
        text.setWordWrap(True)
        self.password = QLineEdit(password)
        self.password.setObjectName("temporaryPassword")
        self.password.setReadOnly(True)
        self.password.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        copy = QPushButton(self.tr("Copy"))
        copy.setObjectName("temporaryPasswordCopy")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(password))
        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    @classmethod
    def show_password(cls, parent: QWidget | None, staff_name: str, password: str) -> None:
        """Modal; a classmethod so tests can patch it and read the password."""
        dialog = cls(staff_name, password, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


class ChangePasswordDialog(QDialog):
    """The signed-in person's own password: current, new, new again."""

    def __init__(
        self,
        change: Callable[[str, str], object],
        *,
        required: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Change password"))
        self._change = change
        intro = QLabel(
            self.tr("Your password was reset. Choose a new password to continue.") if required
            else self.tr("Choose a new password.")
        )
        intro.setWordWrap(True)
        self.old = _line("changePasswordOld", password=True)
        self.new = _line("changePasswordNew", password=True)
        self.again = _line("changePasswordConfirm", password=True)
        form = QFormLayout()
        form.addRow(self.tr("Current password"), self.old)
        form.addRow(self.tr("New password"), self.new)
        form.addRow(self.tr("New password again"), self.again)
        self.general_error = _general_error("changePasswordError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(400)
        self.errors = FieldErrors(self)
        self.errors.register(self.old, "old_password")
        self.errors.register(self.new, "new_password")
        self.errors.register(self.again, "new_password_confirm")

    def submit(self) -> None:
        self.errors.clear()
        self.general_error.hide()
        old, new = self.old.text(), self.new.text()
        if new != self.again.text():
            self.errors.show("new_password_confirm", self.tr("The passwords do not match."))
            return
        self.buttons.setEnabled(False)
        worker.run(
            lambda _ctx: self._change(old, new),
            lambda _result: self.accept(),
            on_failure=self._failed,
            cancellable=False,
            parent=self,
            on_done=lambda: self.buttons.setEnabled(True),
        )

    def _failed(self, error: The5HCError) -> None:
        if not self.errors.show_error(error):
            self.general_error.setText(error_text(error))
            self.general_error.show()
