"""설정: settings persist through SettingsService; staff accounts are managed with confirmation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from ui_app_seed import STAFF_PASSWORD, Gym

from the5hc_desktop.domain.errors import AuthenticationError
from the5hc_desktop.services import Services
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.settings import GymSettings
from the5hc_desktop.ui import i18n
from the5hc_desktop.ui.dialogs import Dialogs
from the5hc_desktop.ui.messages import MessageBridge, MessageRecorder
from the5hc_desktop.ui.panes.settings import SettingsPane
from the5hc_desktop.ui.panes.settings.form import percent_to_rate
from the5hc_desktop.ui.panes.settings.staff_dialogs import TemporaryPasswordDialog


def _pane(qtbot: QtBot, services: Services, actor: Actor, messages: MessageBridge,
          saved: list[GymSettings] | None = None) -> SettingsPane:
    pane = SettingsPane(services.settings, services.accounts, actor, messages,
                        on_saved=saved.append if saved is not None else None)
    qtbot.addWidget(pane)
    pane.refresh()
    qtbot.waitUntil(lambda: pane.form.loaded() is not None, timeout=10_000)
    if pane.staff is not None:
        qtbot.waitUntil(lambda: pane.staff is not None and pane.staff.model.rowCount() > 0,
                        timeout=10_000)
    return pane


def _select(qtbot: QtBot, pane: SettingsPane, username: str) -> None:
    assert pane.staff is not None
    rows = pane.staff.model.rows()
    pane.staff.select(next(r.id for r in rows if r.username == username))
    selected = pane.staff.selected()
    assert selected is not None
    assert selected.username == username


def test_settings_change_persists(qtbot: QtBot, services: Services, gym: Gym,
                                  messages: MessageBridge, recorder: MessageRecorder) -> None:
    saved: list[GymSettings] = []
    pane = _pane(qtbot, services, gym.owner, messages, saved)
    form = pane.form
    form.gym_name.setText("  더파이브 헬스케어 역삼점 ")
    form.vat_rate.setValue(9.5)
    form.card_fee_rate.setValue(2.75)
    form.no_show.setCurrentIndex(1)
    form.idle_minutes.setValue(15)
    assert form.has_unsaved_changes()
    form.save()
    qtbot.waitUntil(lambda: len(saved) == 1, timeout=10_000)

    stored = services.settings.get()
    assert stored.gym_name == "더파이브 헬스케어 역삼점"
    assert stored.vat_rate == Decimal("0.0950")
    assert stored.card_fee_rate == Decimal("0.0275")
    assert stored.no_show_consumes_credit is False
    assert stored.language == "ko"  # not a gym setting: 내 계정 → 화면 언어
    assert stored.idle_lock_minutes == 15
    assert saved[0] == stored
    assert not form.has_unsaved_changes()
    assert recorder.texts("success") == ["설정을 저장했습니다."]
    assert form.findChild(QComboBox, "settingsLanguage") is None


def test_the_language_is_the_users_own_and_reports_stay_korean(
    qtbot: QtBot, services: Services, gym: Gym, messages: MessageBridge,
    recorder: MessageRecorder,
) -> None:
    QSettings().setValue(i18n.SETTINGS_KEY, "ko")
    pane = _pane(qtbot, services, gym.owner, messages)
    choice = pane.language_choice
    assert choice.combo.currentData() == "ko"
    assert "보고서" in choice.findChild(QLabel, "settingsLanguageNote").text()
    choice.combo.setCurrentIndex(1)  # English
    assert QSettings().value(i18n.SETTINGS_KEY) == "en"  # this Windows user's choice
    assert services.settings.get().language == "ko"  # the database is untouched
    assert recorder.texts("success")[-1] == "새 언어는 프로그램을 다시 시작하면 적용됩니다."
    QSettings().setValue(i18n.SETTINGS_KEY, "ko")


def test_percent_rates_keep_four_decimals() -> None:
    assert percent_to_rate(10.0) == Decimal("0.1000")
    assert percent_to_rate(3.5) == Decimal("0.0350")
    assert str(percent_to_rate(2.75)) == "0.0275"


def test_invalid_name_is_shown_next_to_the_field(qtbot: QtBot, services: Services, gym: Gym,
                                                 messages: MessageBridge) -> None:
    pane = _pane(qtbot, services, gym.owner, messages)
    pane.form.gym_name.setText("   ")
    pane.form.save()
    assert pane.form.errors.text("gym_name") == "센터 이름을 입력하세요."
    pane.form.gym_name.setText("x" * 100 + "y")  # maxLength keeps 100: valid
    pane.form.errors.clear()
    assert not pane.form.errors.has_errors()


def test_service_rejection_lands_under_its_field(qtbot: QtBot, services: Services, gym: Gym,
                                                 messages: MessageBridge) -> None:
    pane = _pane(qtbot, services, gym.owner, messages)
    pane.form.vat_rate.setMaximum(90)  # beyond what the service accepts (50 %)
    pane.form.vat_rate.setValue(60)
    pane.form.save()
    qtbot.waitUntil(lambda: pane.form.errors.text("vat_rate") != "", timeout=10_000)
    assert "50%" in pane.form.errors.text("vat_rate")
    assert services.settings.get().vat_rate == Decimal("0.10")


def test_senior_cannot_touch_rates_or_owners(qtbot: QtBot, services: Services, gym: Gym,
                                             messages: MessageBridge) -> None:
    view = services.accounts.add_staff(gym.owner, "senior", "정시니어", Role.SENIOR,
                                       STAFF_PASSWORD)
    senior = Actor(view.id, view.role, view.display_name, view.username)
    pane = _pane(qtbot, services, senior, messages)
    assert not pane.form.vat_rate.isEnabled()
    assert pane.form.save_button.isEnabled()
    assert pane.staff is not None
    _select(qtbot, pane, "owner")
    assert not pane.staff.active_button.isEnabled()
    assert not pane.staff.reset_button.isEnabled()


def test_trainer_sees_settings_read_only_and_no_staff(qtbot: QtBot, services: Services,
                                                      gym: Gym,
                                                      messages: MessageBridge) -> None:
    pane = _pane(qtbot, services, gym.trainer, messages)
    assert pane.staff is None
    assert not pane.form.save_button.isEnabled()
    assert not pane.form.gym_name.isEnabled()


def test_add_staff_through_the_dialog(qtbot: QtBot, services: Services, gym: Gym,
                                      messages: MessageBridge) -> None:
    pane = _pane(qtbot, services, gym.owner, messages)
    assert pane.staff is not None
    dialog = pane.staff.open_add_dialog()
    dialog.display_name.setText("한신입")
    dialog.username.setText("trainer")  # taken: the service says so under the field
    dialog.password.setText("first-pass-1")
    dialog.password_again.setText("first-pass-1")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.errors.text("username") != "", timeout=10_000)
    assert dialog.errors.text("username") == "사용자명이 이미 존재합니다."

    dialog.username.setText("newbie")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.ASSISTANT.value))
    dialog.submit()
    qtbot.waitUntil(lambda: any(r.username == "newbie" for r in pane.staff.model.rows()),
                    timeout=10_000)
    added = next(s for s in services.accounts.list_staff(gym.owner) if s.username == "newbie")
    assert added.role is Role.ASSISTANT
    assert added.must_change_password


@pytest.mark.parametrize("confirm", [True, False])
def test_deactivate_asks_first(qtbot: QtBot, services: Services, gym: Gym,
                               messages: MessageBridge, monkeypatch: pytest.MonkeyPatch,
                               confirm: bool) -> None:
    questions: list[str] = []

    def ask(_cls: object, _parent: object, _title: str, text: str,
            destructive: bool = False) -> bool:
        questions.append(text)
        assert destructive
        return confirm

    monkeypatch.setattr(Dialogs, "ask", classmethod(ask))
    pane = _pane(qtbot, services, gym.owner, messages)
    assert pane.staff is not None
    _select(qtbot, pane, "trainer")
    pane.staff.toggle_active()
    assert questions
    assert "이트레이너" in questions[0]
    if confirm:
        qtbot.waitUntil(lambda: pane.staff is not None and pane.staff.selected() is not None
                        and not pane.staff.selected().active, timeout=10_000)
        assert pane.staff.active_button.text() == "다시 활성화"
    trainer = next(s for s in services.accounts.list_staff(gym.owner) if s.username == "trainer")
    assert trainer.active is not confirm


def test_own_account_cannot_be_deactivated(qtbot: QtBot, services: Services, gym: Gym,
                                           messages: MessageBridge) -> None:
    pane = _pane(qtbot, services, gym.owner, messages)
    assert pane.staff is not None
    _select(qtbot, pane, "owner")
    assert not pane.staff.active_button.isEnabled()
    assert not pane.staff.role_button.isEnabled()


def test_reset_password_shows_it_once_and_it_works(qtbot: QtBot, services: Services, gym: Gym,
                                                   messages: MessageBridge,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda *_a, **_k: True))
    monkeypatch.setattr(TemporaryPasswordDialog, "show_password",
                        classmethod(lambda _cls, _parent, name, pw: shown.append((name, pw))))
    pane = _pane(qtbot, services, gym.owner, messages)
    assert pane.staff is not None
    _select(qtbot, pane, "trainer")
    pane.staff.reset_password()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    name, temporary = shown[0]
    assert name == "이트레이너"
    assert services.accounts.sign_in("trainer", temporary).username == "trainer"
    view = next(s for s in services.accounts.list_staff(gym.owner) if s.username == "trainer")
    assert view.must_change_password
    qtbot.waitUntil(lambda: pane.staff is not None and
                    pane.staff.model.status_text(pane.staff.model.rows()[
                        pane.staff.model.row_of(view.id)]) == "활성 (비밀번호 변경 필요)",
                    timeout=10_000)


def test_locked_account_is_unlocked(qtbot: QtBot, services: Services, gym: Gym,
                                    messages: MessageBridge,
                                    qtmodeltester: ModelTester) -> None:
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            services.accounts.sign_in("trainer", "wrong-password")
    pane = _pane(qtbot, services, gym.owner, messages)
    assert pane.staff is not None
    qtmodeltester.check(pane.staff.model)
    _select(qtbot, pane, "trainer")
    selected = pane.staff.selected()
    assert selected is not None
    assert pane.staff.model.status_text(selected).startswith("잠김 (")
    assert pane.staff.unlock_button.isEnabled()
    pane.staff.unlock()
    qtbot.waitUntil(lambda: pane.staff is not None and pane.staff.selected() is not None
                    and pane.staff.selected().locked_until is None, timeout=10_000)
    assert services.accounts.sign_in("trainer", STAFF_PASSWORD).username == "trainer"


def test_backup_now(qtbot: QtBot, services: Services, gym: Gym, messages: MessageBridge,
                    tmp_path: object) -> None:
    from pathlib import Path

    pane = _pane(qtbot, services, gym.owner, messages)
    folder = Path(str(tmp_path)) / "my-backups"
    pane.form.backup_folder.setText(str(folder))
    pane.form.backup_now()
    qtbot.waitUntil(lambda: pane.form.last_backup is not None, timeout=10_000)
    assert pane.form.last_backup is not None
    assert pane.form.last_backup.parent == folder
    assert pane.form.last_backup.stat().st_size > 0
    assert pane.form.backup_result.isVisibleTo(pane.form)


def test_receipt_details_are_typed_checked_and_saved(
    qtbot: QtBot, services: Services, gym: Gym, messages: MessageBridge
) -> None:
    saved: list[GymSettings] = []
    pane = _pane(qtbot, services, gym.owner, messages, saved)
    form = pane.form
    qtbot.keyClicks(form.gym_phone, "02a5551b2345")  # letters never land in the field
    assert form.gym_phone.text() == "02-5551-2345"
    form.business_number.setText("124-81-00997")  # one digit off: the check digit fails
    form.representative.setText("김대표")
    form.gym_address.setText("서울 강남구 테헤란로 123")
    form.save()
    qtbot.waitUntil(lambda: form.errors.text("business_number") != "", timeout=10_000)
    assert "사업자등록번호" in form.errors.text("business_number")
    assert services.settings.get().business_number == ""

    form.business_number.setText("1248100998")
    form.save()
    qtbot.waitUntil(lambda: len(saved) == 1, timeout=10_000)
    stored = services.settings.get()
    assert (stored.business_number, stored.representative, stored.gym_phone,
            stored.gym_address) == ("124-81-00998", "김대표", "02-5551-2345",
                                    "서울 강남구 테헤란로 123")
    assert form.business_number.text() == "124-81-00998"  # shown as it prints
