"""Sign-in and first-run dialogs. The checks themselves are callbacks from the composition root.

Both dialogs run their callback on the worker lane (password hashing is slow on purpose)
and show what went wrong inline: a `The5HCError` raised by the callback (wrong password,
"locked until 14:35", username taken) is shown in the dialog, under its field when it
names one. Only the username is ever remembered, never the password.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.dialogs import ERROR_COLOUR, FieldErrors
from the5hc_desktop.ui.messages import error_text

REMEMBER_KEY = "signin/remember_username"
USERNAME_KEY = "signin/username"
MIN_PASSWORD_LENGTH = 8


@dataclass(frozen=True)
class SignInResult:
    """What `verify(login, password)` returns. A refusal may also be raised as The5HCError."""

    ok: bool
    message: str = ""  # shown inline when not ok; already in the UI language
    actor: object = None  # opaque to the UI: handed back to the composition root


@dataclass(frozen=True)
class NewGym:
    """The first-run form, for the composition root's `create_gym` callback."""

    gym_name: str
    owner_name: str
    username: str
    email: str | None
    password: str = field(repr=False)


def _heading(text: str, object_name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setStyleSheet("font-size: 16pt; font-weight: bold;")
    return label


def _error_label(object_name: str) -> QLabel:
    """Room for two lines is kept while hidden: a refusal moves no field under the cursor."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.setWordWrap(True)
    label.setMinimumHeight(2 * label.fontMetrics().lineSpacing())
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
    label.hide()
    return label


def _password_edit(object_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(object_name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class SignInDialog(QDialog):
    """E-mail or username and password; accepted once `verify` says yes."""

    submitted = Signal()  # `verify` has been asked (on the worker lane)
    refused = Signal()  # `verify` said no (or failed): the message is shown

    def __init__(
        self,
        verify: Callable[[str, str], SignInResult],
        *,
        demo_hint: str | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in to The5HC"))
        self._verify = verify
        self._settings = settings if settings is not None else QSettings()
        self.result_value: SignInResult | None = None

        self.login = QLineEdit()
        self.login.setObjectName("signInLogin")
        self.password = _password_edit("signInPassword")
        self.remember = QCheckBox(self.tr("Remember username"))
        self.remember.setObjectName("signInRemember")
        self.error = _error_label("signInError")
        self.demo_hint = QLabel(demo_hint or "")
        self.demo_hint.setObjectName("signInDemoHint")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_hint.setStyleSheet(
            "background: #e3f2fd; border: 1px solid #90caf9; border-radius: 4px; padding: 6px;"
        )
        self.demo_hint.setVisible(bool(demo_hint))
        for edit in (self.login, self.password):
            edit.textEdited.connect(self.error.hide)

        buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.submit)
        buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("signInCancel")
        # Enter means 로그인 even when focus passed through 취소 while the check ran.
        cancel.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        self._busy = False

        form = QFormLayout()
        form.addRow(self.tr("Email or username"), self.login)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading("The5HC", "signInHeading"))
        layout.addWidget(self.demo_hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(400)
        self._load_remembered()

    def _load_remembered(self) -> None:
        remember = self._settings.value(REMEMBER_KEY, False, type=bool)
        self.remember.setChecked(bool(remember))
        if remember:
            self.login.setText(str(self._settings.value(USERNAME_KEY, "")))
        (self.password if self.login.text() else self.login).setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.submit()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        if self._busy:
            return
        login, password = self.login.text().strip(), self.password.text()
        if not login or not password:
            self.show_error(self.tr("Enter your e-mail or username and your password."))
            return
        self._set_busy(True)
        worker.run(
            lambda _ctx: self._verify(login, password),
            self._finished,
            on_failure=self._failed,
            cancellable=False,
            parent=self,
            on_done=lambda: self._set_busy(False),
        )
        self.submitted.emit()

    def _failed(self, error: The5HCError) -> None:
        self.show_error(error_text(error))
        self.refused.emit()

    def _finished(self, result: SignInResult) -> None:
        if not result.ok:
            self.show_error(result.message or self.tr("Sign-in failed."))
            self.refused.emit()
            return
        self.result_value = result
        self._remember(self.login.text().strip())
        self.accept()

    def _remember(self, login: str) -> None:
        keep = self.remember.isChecked()
        self._settings.setValue(REMEMBER_KEY, keep)
        if keep:
            self._settings.setValue(USERNAME_KEY, login)
        else:
            self._settings.remove(USERNAME_KEY)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.password.clear()
        self.password.setFocus()

    def _set_busy(self, busy: bool) -> None:
        # Fields turn read-only rather than disabled, so the focus stays in the password.
        self._busy = busy
        for edit in (self.login, self.password):
            edit.setReadOnly(busy)
        self.remember.setEnabled(not busy)
        self.sign_in_button.setEnabled(not busy)
        if not busy and self.isVisible():
            self.password.setFocus()


class FirstRunDialog(QDialog):
    """Create the gym and its owner, or open the demo database.

    Emits `chosen("create")` or `chosen("demo")` after the callback succeeded, then accepts;
    `outcome` holds what the callback returned.
    """

    chosen = Signal(str)

    def __init__(
        self,
        create_gym: Callable[[NewGym], object],
        open_demo: Callable[[], object],
        parent: QWidget | None = None,
        *,
        join_gym: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self._join_gym = join_gym
        self.setWindowTitle(self.tr("Welcome to The5HC"))
        self._create_gym = create_gym
        self._open_demo = open_demo
        self.choice: str | None = None
        self.outcome: object = None

        intro = QLabel(
            self.tr(
                "Create your gym and its owner account to start. To look around first, open "
                "the demo database with sample members."
            )
        )
        intro.setObjectName("firstRunIntro")
        intro.setWordWrap(True)
        self.gym_name = self._line("firstRunGymName")
        self.owner_name = self._line("firstRunOwnerName")
        self.username = self._line("firstRunUsername")
        self.email = self._line("firstRunEmail")
        self.email.setPlaceholderText(self.tr("Optional"))
        self.password = _password_edit("firstRunPassword")
        self.password_again = _password_edit("firstRunPasswordConfirm")
        rules = QLabel(self.tr("At least 8 characters, not only digits."))
        rules.setObjectName("firstRunPasswordRules")
        rules.setStyleSheet("color: #607d8b;")

        form = QFormLayout()
        form.addRow(self.tr("Gym name"), self.gym_name)
        form.addRow(self.tr("Owner name"), self.owner_name)
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", rules)
        form.addRow(self.tr("Password again"), self.password_again)
        self.general_error = _error_label("firstRunError")

        buttons = QDialogButtonBox()
        self.create_button = QPushButton(self.tr("Create gym"))
        self.create_button.setObjectName("firstRunCreateButton")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.submit_create)
        self.demo_button = QPushButton(self.tr("Open demo database"))
        self.demo_button.setObjectName("firstRunDemoButton")
        self.demo_button.clicked.connect(self.submit_demo)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.join_button = QPushButton(self.tr("Join an existing gym"))
        self.join_button.setObjectName("firstRunJoinButton")
        self.join_button.setToolTip(self.tr(
            "Connect this computer to your gym's server with the enrolment code; the gym's "
            "data is downloaded and its staff can sign in."))
        self.join_button.clicked.connect(self.submit_join)
        self.join_button.setVisible(join_gym is not None)
        buttons.addButton(self.join_button, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("firstRunCancel")
        for button in (self.demo_button, cancel):
            button.setAutoDefault(False)  # Enter creates the gym, never quits
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.tr("Welcome to The5HC"), "firstRunHeading"))
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

        self.errors = FieldErrors(self)
        self.errors.register(self.gym_name, "gym_name", "organization_name")
        self.errors.register(self.owner_name, "owner_name", "display_name")
        self.errors.register(self.username, "username")
        self.errors.register(self.email, "email")
        self.errors.register(self.password, "password")
        self.errors.register(self.password_again, "password_confirm")

    @staticmethod
    def _line(object_name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(object_name)
        return edit

    def form_value(self) -> NewGym:
        return NewGym(
            gym_name=self.gym_name.text().strip(),
            owner_name=self.owner_name.text().strip(),
            username=self.username.text().strip(),
            email=self.email.text().strip() or None,
            password=self.password.text(),
        )

    def _check(self, value: NewGym) -> bool:
        """Instant feedback; the service checks again and has the last word."""
        self.errors.clear()
        required = self.tr("This field is required.")
        problems: list[tuple[str, str]] = [
            (name, required)
            for name, text in (
                ("gym_name", value.gym_name),
                ("owner_name", value.owner_name),
                ("username", value.username),
            )
            if not text
        ]
        if value.email is not None and not _looks_like_email(value.email):
            problems.append(("email", self.tr("Not a valid e-mail address.")))
        if len(value.password) < MIN_PASSWORD_LENGTH:
            problems.append(("password", self.tr("The password must have at least 8 characters.")))
        elif value.password.isdigit():
            problems.append(("password", self.tr("The password cannot be only digits.")))
        if value.password != self.password_again.text():
            problems.append(("password_confirm", self.tr("The passwords do not match.")))
        for name, text in problems:
            self.errors.show(name, text)
        return not problems

    def submit_create(self) -> None:
        value = self.form_value()
        if not self._check(value):
            return
        self._start("create", lambda: self._create_gym(value))

    def submit_demo(self) -> None:
        self.errors.clear()
        self._start("demo", self._open_demo)

    def submit_join(self) -> None:
        """기존 센터에 연결: the flow shows the connect dialog next."""
        if self._join_gym is not None:
            self.errors.clear()
            self._succeeded("join", self._join_gym())

    def _start(self, choice: str, call: Callable[[], object]) -> None:
        self.general_error.hide()
        self._set_busy(True)
        worker.run(
            lambda _ctx: call(),
            lambda outcome: self._succeeded(choice, outcome),
            on_failure=self._failed,
            progress_label=self.tr("Preparing the database…"),
            cancellable=False,
            parent=self,
            on_done=lambda: self._set_busy(False),
        )

    def _succeeded(self, choice: str, outcome: object) -> None:
        self.choice, self.outcome = choice, outcome
        self.chosen.emit(choice)
        self.accept()

    def _failed(self, error: The5HCError) -> None:
        if not self.errors.show_error(error):
            self.general_error.setText(error_text(error))
            self.general_error.show()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.create_button, self.demo_button, self.join_button):
            widget.setEnabled(not busy)


def _looks_like_email(text: str) -> bool:
    local, at, domain = text.partition("@")
    return bool(local and at and "." in domain.strip(".")) and " " not in text
