"""Sign-in and first-run dialogs: inline errors, remembered username, callbacks."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from the5hc_desktop.domain.errors import AuthenticationError, ValidationError
from the5hc_desktop.ui.signin import FirstRunDialog, NewGym, SignInDialog, SignInResult
from the5hc_desktop.ui.worker import Worker

LOCKED_KO = "너무 많은 로그인 시도로 계정이 잠겼습니다. 14:35까지 기다려주세요."


class Accounts:
    """Stands in for the composition root's callbacks; records the thread they ran on."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.threads: list[threading.Thread] = []

    def verify(self, login: str, password: str) -> SignInResult:
        self.calls.append((login, password))
        self.threads.append(threading.current_thread())
        if login == "locked":
            raise AuthenticationError(LOCKED_KO, "Locked until 14:35.")
        if password != "pass-word-1":
            return SignInResult(False, "잘못된 이메일 또는 사용자명, 비밀번호입니다.")
        return SignInResult(True, actor=("actor", login))


def _sign_in(qtbot: QtBot, accounts: Accounts, **options: object) -> SignInDialog:
    dialog = SignInDialog(accounts.verify, **options)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _submit(dialog: SignInDialog, login: str, password: str, lane: Worker) -> None:
    login_edit = dialog.findChild(QLineEdit, "signInLogin")
    password_edit = dialog.findChild(QLineEdit, "signInPassword")
    button = dialog.findChild(QPushButton, "signInButton")
    assert login_edit is not None
    assert password_edit is not None
    assert button is not None
    login_edit.setText(login)
    password_edit.setText(password)
    button.click()
    assert lane.wait_idle()


def _error(dialog: QDialog, name: str) -> QLabel:
    label = dialog.findChild(QLabel, name)
    assert label is not None
    return label


def test_a_refusal_is_shown_inline_and_the_dialog_stays(qtbot: QtBot, task_worker: Worker) -> None:
    accounts = Accounts()
    dialog = _sign_in(qtbot, accounts)
    _submit(dialog, "owner", "nope-nope", task_worker)
    error = _error(dialog, "signInError")
    assert error.isVisible()
    assert error.text() == "잘못된 이메일 또는 사용자명, 비밀번호입니다."
    assert dialog.password.text() == ""
    assert dialog.isVisible()
    assert dialog.result_value is None
    assert accounts.threads[0] is not threading.main_thread()  # hashing stays off the GUI


def test_the_lock_and_its_unlock_time_are_shown(qtbot: QtBot, task_worker: Worker) -> None:
    dialog = _sign_in(qtbot, Accounts())
    _submit(dialog, "locked", "pass-word-1", task_worker)
    assert _error(dialog, "signInError").text() == LOCKED_KO


def test_empty_fields_are_caught_before_calling_back(qtbot: QtBot, task_worker: Worker) -> None:
    accounts = Accounts()
    dialog = _sign_in(qtbot, accounts)
    _submit(dialog, "owner", "", task_worker)
    assert accounts.calls == []
    assert _error(dialog, "signInError").text() == ("이메일 또는 사용자명과 비밀번호를 입력하세요.")


def test_success_accepts_and_remembers_only_the_username(
    qtbot: QtBot, task_worker: Worker, settings_dir: Path
) -> None:
    accounts = Accounts()
    dialog = _sign_in(qtbot, accounts)
    dialog.remember.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        _submit(dialog, "owner", "pass-word-1", task_worker)
    assert dialog.result_value == SignInResult(True, actor=("actor", "owner"))
    QSettings().sync()
    stored = "".join(p.read_text("utf-8") for p in settings_dir.rglob("*") if p.is_file())
    assert "owner" in stored
    assert "pass-word-1" not in stored

    again = _sign_in(qtbot, accounts)
    assert again.login.text() == "owner"
    assert again.remember.isChecked()


def test_unchecking_remember_forgets_the_username(qtbot: QtBot, task_worker: Worker) -> None:
    accounts = Accounts()
    first = _sign_in(qtbot, accounts)
    first.remember.setChecked(True)
    _submit(first, "owner", "pass-word-1", task_worker)
    second = _sign_in(qtbot, accounts)
    second.remember.setChecked(False)
    _submit(second, "owner", "pass-word-1", task_worker)
    assert _sign_in(qtbot, accounts).login.text() == ""


def test_demo_hint_is_shown_only_in_demo_mode(qtbot: QtBot) -> None:
    demo = _sign_in(qtbot, Accounts(), demo_hint="데모: owner / demo1234")
    assert _error(demo, "signInDemoHint").isVisible()
    assert "demo1234" in _error(demo, "signInDemoHint").text()
    plain = _sign_in(qtbot, Accounts())
    assert not _error(plain, "signInDemoHint").isVisible()


# --- first run ------------------------------------------------------------------------
class Setup:
    def __init__(self, error: ValidationError | None = None) -> None:
        self.created: list[NewGym] = []
        self.demo = 0
        self.error = error

    def create(self, gym: NewGym) -> str:
        if self.error is not None:
            raise self.error
        self.created.append(gym)
        return "owner-id"

    def open_demo(self) -> str:
        self.demo += 1
        return "demo.sqlite3"


def _first_run(qtbot: QtBot, setup: Setup) -> FirstRunDialog:
    dialog = FirstRunDialog(setup.create, setup.open_demo)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill(dialog: FirstRunDialog, **values: str) -> None:
    fields = {
        "firstRunGymName": "더파이브 강남점",
        "firstRunOwnerName": "김대표",
        "firstRunUsername": "owner",
        "firstRunEmail": "",
        "firstRunPassword": "strong-pass1",
        "firstRunPasswordConfirm": "strong-pass1",
    }
    fields.update(values)
    for name, text in fields.items():
        edit = dialog.findChild(QLineEdit, name)
        assert edit is not None
        edit.setText(text)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"firstRunGymName": ""}, "gym_name", "필수 항목입니다."),
        (
            {"firstRunPassword": "short1", "firstRunPasswordConfirm": "short1"},
            "password",
            "비밀번호는 최소 8자 이상이어야 합니다.",
        ),
        (
            {"firstRunPassword": "12345678", "firstRunPasswordConfirm": "12345678"},
            "password",
            "비밀번호는 숫자로만 이루어질 수 없습니다.",
        ),
        (
            {"firstRunPasswordConfirm": "strong-pass2"},
            "password_confirm",
            "비밀번호가 일치하지 않습니다.",
        ),
        ({"firstRunEmail": "owner@"}, "email", "올바른 이메일 형식이 아닙니다."),
    ],
)
def test_first_run_checks_the_form_inline(
    qtbot: QtBot, task_worker: Worker, values: dict[str, str], field: str, message: str
) -> None:
    setup = Setup()
    dialog = _first_run(qtbot, setup)
    _fill(dialog, **values)
    dialog.create_button.click()
    assert task_worker.wait_idle()
    assert setup.created == []
    assert dialog.errors.text(field) == message
    assert dialog.errors.label(field).isVisible()


def test_first_run_creates_the_gym(qtbot: QtBot, task_worker: Worker) -> None:
    setup = Setup()
    dialog = _first_run(qtbot, setup)
    _fill(dialog, firstRunEmail="owner@the5hc.kr")
    with qtbot.waitSignal(dialog.chosen) as chosen:
        dialog.create_button.click()
        assert task_worker.wait_idle()
    assert chosen.args == ["create"]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.outcome == "owner-id"
    [gym] = setup.created
    assert gym == NewGym("더파이브 강남점", "김대표", "owner", "owner@the5hc.kr", "strong-pass1")
    assert "strong-pass1" not in repr(gym)


def test_a_service_error_lands_under_its_field(qtbot: QtBot, task_worker: Worker) -> None:
    taken = ValidationError(
        "사용자명이 이미 존재합니다.", "The username is already taken.", field="username"
    )
    dialog = _first_run(qtbot, Setup(taken))
    _fill(dialog)
    dialog.create_button.click()
    assert task_worker.wait_idle()
    assert dialog.errors.text("username") == "사용자명이 이미 존재합니다."
    assert dialog.isVisible()
    assert dialog.create_button.isEnabled()
    dialog.username.textEdited.emit("owner2")  # typing clears the message
    assert dialog.errors.text("username") == ""


def test_the_demo_database_can_be_chosen(qtbot: QtBot, task_worker: Worker) -> None:
    setup = Setup()
    dialog = _first_run(qtbot, setup)
    demo = dialog.findChild(QPushButton, "firstRunDemoButton")
    assert demo is not None
    assert demo.text() == "데모 데이터베이스 열기"
    with qtbot.waitSignal(dialog.chosen) as chosen:
        demo.click()
        assert task_worker.wait_idle()
    assert chosen.args == ["demo"]
    assert setup.demo == 1
    assert dialog.outcome == "demo.sqlite3"


def _type_and_press_enter(qtbot: QtBot, edit: QLineEdit, text: str, lane: Worker) -> None:
    edit.setFocus()
    edit.clear()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert lane.wait_idle()


def test_enter_signs_in_after_a_wrong_password(qtbot: QtBot, task_worker: Worker) -> None:
    """Enter always means 로그인, never 취소 (the default button must not move)."""
    accounts = Accounts()
    dialog = _sign_in(qtbot, accounts)
    dialog.activateWindow()
    dialog.login.setText("owner")
    _type_and_press_enter(qtbot, dialog.password, "nope-nope", task_worker)
    assert dialog.isVisible()
    _type_and_press_enter(qtbot, dialog.password, "nope-again", task_worker)
    assert dialog.isVisible()  # still asking, not quit
    _type_and_press_enter(qtbot, dialog.password, "pass-word-1", task_worker)
    assert accounts.calls == [
        ("owner", "nope-nope"), ("owner", "nope-again"), ("owner", "pass-word-1")]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value is not None
    assert dialog.result_value.ok


def test_a_refusal_moves_nothing_under_the_cursor(qtbot: QtBot, task_worker: Worker) -> None:
    """The message takes space reserved for it: the fields and buttons stay put."""
    dialog = _sign_in(qtbot, Accounts())
    qtbot.waitExposed(dialog)
    places = {w.objectName(): w.mapTo(dialog, w.rect().topLeft()) for w in (
        dialog.login, dialog.password, dialog.sign_in_button)}
    size = dialog.size()
    _submit(dialog, "owner", "nope-nope", task_worker)
    assert _error(dialog, "signInError").isVisible()
    qtbot.wait(1)  # the layout settles on the next turn
    assert dialog.size() == size
    assert {w.objectName(): w.mapTo(dialog, w.rect().topLeft()) for w in (
        dialog.login, dialog.password, dialog.sign_in_button)} == places


def test_submitted_and_refused_tell_the_flow_what_became_of_each_attempt(
        qtbot: QtBot, task_worker: Worker) -> None:
    """`submitted` once per check asked; `refused` for a "no" and for a raised refusal,
    never for a success or for empty fields (no check asked)."""
    accounts = Accounts()
    dialog = _sign_in(qtbot, accounts)
    seen: list[str] = []
    dialog.submitted.connect(lambda: seen.append("submitted"))
    dialog.refused.connect(lambda: seen.append("refused"))
    _submit(dialog, "", "", task_worker)
    assert seen == []
    _submit(dialog, "owner", "wrong-pass", task_worker)
    assert seen == ["submitted", "refused"]
    _submit(dialog, "locked", "pass-word-1", task_worker)
    assert seen == ["submitted", "refused"] * 2
    _submit(dialog, "owner", "pass-word-1", task_worker)
    assert seen == ["submitted", "refused"] * 2 + ["submitted"]
    assert dialog.result() == QDialog.DialogCode.Accepted
