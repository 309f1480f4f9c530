"""The 회원 관리 pane driven as the front desk does: search, open, add, edit, deactivate."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from clients_ui_support import Seeded
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from the5hc_desktop.domain.people import Gender
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui import dialogs, worker
from the5hc_desktop.ui.messages import MessageBridge, MessageRecorder
from the5hc_desktop.ui.panes.clients import ClientsPane
from the5hc_desktop.ui.panes.clients.client_dialog import ClientDialog
from the5hc_desktop.ui.panes.clients.table_model import COL_NAME
from the5hc_desktop.ui.view_state import restore_view_state, save_view_state

MakePane = Callable[..., ClientsPane]


@pytest.fixture
def make_pane(qtbot: QtBot, seeded: Seeded, messages: MessageBridge) -> MakePane:
    def make(actor: Actor | None = None) -> ClientsPane:
        pane = ClientsPane(seeded.services.clients, seeded.services.accounts,
                           actor or seeded.owner, messages)
        qtbot.addWidget(pane)
        pane.resize(1200, 800)
        pane.show()
        pane.refresh()
        settle(qtbot, pane)
        return pane

    return make


def settle(qtbot: QtBot, pane: ClientsPane) -> None:
    """Until the debounce fired and every worker task delivered."""
    qtbot.waitUntil(lambda: not pane.list_page.search_timer.isActive(), timeout=2000)
    assert worker.wait_idle()


def listed(pane: ClientsPane) -> list[str]:
    model = pane.list_page.model
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type as a user does: ASCII as key presses, Hangul committed by the input method
    (QTest.keyClicks cannot send non-Latin characters)."""
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def search(qtbot: QtBot, pane: ClientsPane, text: str) -> None:
    pane.list_page.search_edit.clear()
    type_text(qtbot, pane.list_page.search_edit, text)
    settle(qtbot, pane)


def open_dialog(qtbot: QtBot, pane: ClientsPane) -> ClientDialog:
    assert worker.wait_idle()
    dialog = pane.dialog
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def db_client(seeded: Seeded, client_id: uuid.UUID) -> Any:
    return seeded.services.clients.view(seeded.owner, client_id)


# --- search ---------------------------------------------------------------------------------


def test_list_loads_active_members_with_counts(make_pane: MakePane) -> None:
    pane = make_pane()
    assert listed(pane) == ["김민수", "김민지", "이영희"]
    assert "3" in pane.list_page.count_label.text()
    assert pane.list_page.table.currentIndex().row() == 0  # Enter opens the top match


def test_typing_searches_once_after_the_debounce(
    qtbot: QtBot, make_pane: MakePane, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    pane = make_pane()
    queries: list[str] = []
    original = seeded.services.clients.search

    def counting(*args: Any, **kwargs: Any) -> Any:
        queries.append(args[1])
        return original(*args, **kwargs)

    monkeypatch.setattr(seeded.services.clients, "search", counting)
    QTest.keyClicks(pane.list_page.search_edit, "1234")  # four keystrokes in a burst
    assert pane.list_page.search_timer.isActive()
    settle(qtbot, pane)
    assert queries == ["1234"]
    assert listed(pane) == []  # last four digits 1234 belong to the inactive 박지성
    pane.list_page.status_filter.setCurrentIndex(2)  # 전체
    settle(qtbot, pane)
    assert listed(pane) == ["박지성"]


def test_enter_in_the_search_box_opens_the_top_match(
    qtbot: QtBot, make_pane: MakePane
) -> None:
    pane = make_pane()
    type_text(qtbot, pane.list_page.search_edit, "ㅇㅇㅎ")
    QTest.keyClick(pane.list_page.search_edit, Qt.Key.Key_Return)  # before the debounce fired
    settle(qtbot, pane)
    assert pane.is_showing_detail()
    assert pane.detail.name_label.text() == "이영희"
    QTest.keyClick(pane.detail, Qt.Key.Key_Escape)
    assert not pane.is_showing_detail()


def test_my_clients_filter_and_no_filter_for_front_desk(
    qtbot: QtBot, make_pane: MakePane, seeded: Seeded
) -> None:
    pane = make_pane(seeded.trainer)
    pane.list_page.mine_filter.setChecked(True)
    settle(qtbot, pane)
    assert listed(pane) == ["이영희"]
    desk = make_pane(seeded.assistant)
    assert desk.list_page.mine_filter.isHidden()


# --- create, find, open ---------------------------------------------------------------------


def test_create_through_the_dialog_then_find_by_initials_and_last_four_and_open(
    qtbot: QtBot, make_pane: MakePane, seeded: Seeded, recorder: MessageRecorder
) -> None:
    pane = make_pane()
    pane.new_client()
    dialog = open_dialog(qtbot, pane)
    assert dialog.trainer.currentText() == "김대표"  # the signed-in trainer by default
    type_text(qtbot, dialog.name, "홍길동")
    dialog.male.setChecked(True)
    QTest.keyClicks(dialog.phone, "01044447777")
    QTest.keyClicks(dialog.birth_date, "19920505")
    QTest.keyClicks(dialog.height_edit, "180")
    QTest.keyClicks(dialog.weight_edit, "81")
    assert "25.0" in dialog.bmi_label.text()
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        dialog.submit()
    settle(qtbot, pane)
    assert recorder.texts("success")
    assert pane.is_showing_detail()  # a new member's page opens: package or assessment next
    pane.show_list()

    search(qtbot, pane, "ㅎㄱㄷ")
    assert listed(pane) == ["홍길동"]
    search(qtbot, pane, "7777")
    assert listed(pane) == ["홍길동"]
    QTest.keyClick(pane.list_page.table, Qt.Key.Key_Return)
    settle(qtbot, pane)
    detail = pane.detail
    assert pane.is_showing_detail()
    assert detail.name_label.text() == "홍길동"
    assert detail.phone_value.text() == "010-4444-7777"
    assert detail.bmi_value.text().startswith("25.0")
    assert detail.packages_model.rowCount() == 0


def test_detail_shows_bmi_packages_assessments_and_the_chart(
    qtbot: QtBot, make_pane: MakePane, seeded: Seeded
) -> None:
    pane = make_pane()
    search(qtbot, pane, "김민수")
    table = pane.list_page.table
    cell = table.visualRect(pane.list_page.model.index(0, 0)).center()
    no_keys = Qt.KeyboardModifier.NoModifier
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, no_keys, cell)
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, no_keys, cell)
    settle(qtbot, pane)
    detail = pane.detail
    assert detail.name_label.text() == "김민수"
    assert detail.bmi_value.text().startswith("22.9")
    assert "정상" in detail.bmi_value.text()
    assert detail.packages_model.rowCount() == 1
    assert detail.packages_model.index(0, 1).data() == "10"
    assert detail.assessments_model.rowCount() == 3
    shown = detail.detail
    assert shown is not None
    assert detail.chart is not None
    xs, ys = detail.chart.points("overall")
    assert ys == pytest.approx([v for v in shown.progress.overall if v is not None])
    assert xs == sorted(xs)
    assert len(xs) == 3
    curve = detail.chart.curves["cardio"]
    pane.refresh()  # F5 on the member page reloads it; the plot items are re-used
    settle(qtbot, pane)
    assert detail.chart.curves["cardio"] is curve


def test_action_buttons_follow_listeners_and_roles(
    qtbot: QtBot, make_pane: MakePane, seeded: Seeded
) -> None:
    pane = make_pane()
    requested: list[uuid.UUID] = []
    opened: list[uuid.UUID] = []
    pane.open_client(seeded.ids["김민수"])
    settle(qtbot, pane)
    detail = pane.detail
    assert detail.assessment_button.isHidden()  # nobody listens yet
    pane.new_assessment_requested.connect(requested.append)
    pane.open_assessment_requested.connect(opened.append)
    pane.open_client(seeded.ids["김민수"])
    settle(qtbot, pane)
    assert not detail.assessment_button.isHidden()
    assert detail.package_button.isHidden()
    QTest.mouseClick(detail.assessment_button, Qt.MouseButton.LeftButton)
    assert requested == [seeded.ids["김민수"]]
    detail.assessments_table.setCurrentIndex(detail.assessments_model.index(0, 0))
    QTest.keyClick(detail.assessments_table, Qt.Key.Key_Return)
    shown = detail.detail
    assert shown is not None
    assert opened == [shown.assessments[0].id]
    assert not detail.delete_button.isHidden()  # owner

    desk = make_pane(seeded.assistant)
    desk.new_assessment_requested.connect(requested.append)
    desk.open_client(seeded.ids["김민수"])
    settle(qtbot, desk)
    assert desk.detail.delete_button.isHidden()  # front desk deletes nothing
    assert desk.detail.assessment_button.isHidden()  # nor runs assessments
    assert not desk.detail.active_button.isHidden()


# --- edit -----------------------------------------------------------------------------------


def test_edit_with_a_bad_phone_shows_it_under_the_field_and_writes_nothing(
    qtbot: QtBot, make_pane: MakePane, seeded: Seeded
) -> None:
    pane = make_pane()
    minsu = seeded.ids["김민수"]
    before = db_client(seeded, minsu)
    pane.open_client(minsu)
    settle(qtbot, pane)
    QTest.mouseClick(pane.detail.edit_button, Qt.MouseButton.LeftButton)
    dialog = open_dialog(qtbot, pane)
    assert dialog.name.text() == "김민수"
    dialog.phone.clear()
    QTest.keyClicks(dialog.phone, "010-12")
    dialog.notes.setPlainText("바뀌면 안 됨")
    dialog.submit()
    assert worker.wait_idle()
    assert dialog.isVisible()  # nothing lost: still open, as typed
    assert dialog.errors.text("phone").startswith("전화번호는")
    error_label = dialog.errors.label("phone")
    assert error_label.isVisible()
    below = error_label.mapTo(dialog, error_label.rect().topLeft()).y()
    assert below >= dialog.phone.mapTo(dialog, dialog.phone.rect().bottomLeft()).y()
    assert dialog.phone.text() == "010-12"
    assert dialog.notes.toPlainText() == "바뀌면 안 됨"
    assert db_client(seeded, minsu) == before
    QTest.keyClicks(dialog.phone, "34-5678")  # editing clears the message
    assert dialog.errors.text("phone") == ""
    dialog.reject()


def test_one_save_shows_every_error_and_the_phone_takes_digits_as_typed(
    qtbot: QtBot, make_pane: MakePane
) -> None:
    pane = make_pane()
    pane.new_client()
    dialog = open_dialog(qtbot, pane)
    type_text(qtbot, dialog.name, "김")
    dialog.phone.setFocus()
    QTest.keyClicks(dialog.phone, "010abc12")  # letters never get in
    assert dialog.phone.text() == "010-12"
    QTest.keyClicks(dialog.birth_date, "1990-13-40")
    dialog.height_edit.setText("175")
    dialog.weight_edit.setText("300")
    dialog.submit()  # one Save: every problem under its field
    assert worker.wait_idle()
    for field in ("name", "gender", "phone", "birth_date", "weight_kg"):
        assert dialog.errors.text(field), f"no message for {field}"
    assert "20~250" in dialog.errors.text("weight_kg")
    assert dialog.isVisible()
    dialog.phone.clear()
    dialog.phone.setFocus()
    QTest.keyClicks(dialog.phone, "01012345678")
    assert dialog.phone.text() == "010-1234-5678"
    dialog.reject()


def test_local_checks_gender_required_and_birth_date(
    qtbot: QtBot, make_pane: MakePane
) -> None:
    pane = make_pane()
    pane.new_client()
    dialog = open_dialog(qtbot, pane)
    type_text(qtbot, dialog.name, "새회원")
    QTest.keyClicks(dialog.birth_date, "1990-13-40")
    dialog.submit()
    assert dialog.errors.text("gender")
    assert dialog.errors.text("birth_date")
    dialog.female.setChecked(True)
    dialog.birth_date.setText("2999-01-01")
    dialog.submit()
    assert worker.wait_idle()
    assert "미래" in dialog.errors.text("birth_date")  # the service's rule, in Korean
    dialog.birth_date.setText("")
    dialog.height_edit.setText("20")
    dialog.submit()
    assert worker.wait_idle()
    assert dialog.errors.text("height_cm")
    dialog.reject()


def test_duplicate_phone_warns_in_yellow_but_saving_is_allowed(
    qtbot: QtBot, make_pane: MakePane, seeded: Seeded, recorder: MessageRecorder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def ask(_parent: Any, _title: str, text: str, destructive: bool = False) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(dialogs.Dialogs, "ask", ask)
    pane = make_pane()
    pane.new_client()
    dialog = open_dialog(qtbot, pane)
    type_text(qtbot, dialog.name, "김민수")
    dialog.male.setChecked(True)
    QTest.keyClicks(dialog.phone, "01012345678")
    dialog.phone.editingFinished.emit()
    assert worker.wait_idle()
    assert dialog.phone.text() == "010-1234-5678"
    note = dialog.duplicate_note
    assert note.isVisible()
    assert "같은 전화번호" in note.text()
    assert {n.code for n in dialog.notices} == {"duplicate_phone", "same_name"}
    with qtbot.waitSignal(dialog.finished, timeout=5000) as closed:
        dialog.submit()
    settle(qtbot, pane)
    assert closed.args == [ClientDialog.DialogCode.Accepted.value]
    assert len(asked) == 1  # asked before saving, naming the member who has the number
    assert "같은 전화번호로 등록된 회원이 있습니다: 김민수" in asked[0]
    assert recorder.texts("warning")  # the notices also reach the status bar
    twins = seeded.services.clients.search(seeded.owner, "5678").rows
    assert [row.name for row in twins] == ["김민수", "김민수"]
    assert {row.gender for row in twins} == {Gender.MALE}


def test_a_shared_phone_is_asked_about_and_no_keeps_the_form(
    qtbot: QtBot, make_pane: MakePane, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def ask(_parent: Any, _title: str, text: str, destructive: bool = False) -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(dialogs.Dialogs, "ask", ask)
    pane = make_pane()
    pane.new_client()
    dialog = open_dialog(qtbot, pane)
    type_text(qtbot, dialog.name, "김가족")
    dialog.female.setChecked(True)
    QTest.keyClicks(dialog.phone, "01012345678")  # 김민수's number
    dialog.submit()
    assert worker.wait_idle()
    assert len(asked) == 1
    assert "김민수" in asked[0]
    assert "가족" in asked[0]
    assert dialog.isVisible()  # nothing saved, everything typed kept
    assert dialog.name.text() == "김가족"
    assert dialog.buttons.isEnabled()
    assert [r.name for r in seeded.services.clients.search(seeded.owner, "김가족").rows] == []

    dialog.phone.setText("010-5555-0000")  # a number nobody has: no question
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        dialog.submit()
    settle(qtbot, pane)
    assert len(asked) == 1
    assert [r.name for r in seeded.services.clients.search(seeded.owner, "김가족").rows] == [
        "김가족"]


# --- deactivate and delete -------------------------------------------------------------------


def test_delete_key_deactivates_after_asking(
    qtbot: QtBot, make_pane: MakePane, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    pane = make_pane(seeded.assistant)  # front desk may deactivate
    asked: list[tuple[str, bool]] = []
    answer = False

    def ask(_parent: Any, _title: str, text: str, destructive: bool = False) -> bool:
        asked.append((text, destructive))
        return answer

    monkeypatch.setattr(dialogs.Dialogs, "ask", ask)
    search(qtbot, pane, "이영희")
    QTest.keyClick(pane.list_page.table, Qt.Key.Key_Delete)
    assert len(asked) == 1
    assert "이영희" in asked[0][0]
    assert worker.wait_idle()
    assert db_client(seeded, seeded.ids["이영희"]).active  # declined: nothing changed

    answer = True
    QTest.keyClick(pane.list_page.table, Qt.Key.Key_Delete)
    settle(qtbot, pane)
    assert not db_client(seeded, seeded.ids["이영희"]).active
    assert listed(pane) == []  # gone from the active list


def test_reactivate_from_the_detail_needs_no_question(
    qtbot: QtBot, make_pane: MakePane, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    pane = make_pane()
    monkeypatch.setattr(dialogs.Dialogs, "ask", lambda *a, **k: pytest.fail("asked"))
    pane.open_client(seeded.ids["박지성"])
    settle(qtbot, pane)
    assert pane.detail.state_label.text() == "비활성"
    QTest.mouseClick(pane.detail.active_button, Qt.MouseButton.LeftButton)
    settle(qtbot, pane)
    assert db_client(seeded, seeded.ids["박지성"]).active
    assert pane.detail.state_label.text() == ""


def test_delete_is_for_owner_and_senior_and_asks_as_destructive(
    qtbot: QtBot, make_pane: MakePane, seeded: Seeded, monkeypatch: pytest.MonkeyPatch,
    recorder: MessageRecorder,
) -> None:
    asked: list[bool] = []

    def ask(_parent: Any, _title: str, _text: str, destructive: bool = False) -> bool:
        asked.append(destructive)
        return True

    monkeypatch.setattr(dialogs.Dialogs, "ask", ask)
    trainer_pane = make_pane(seeded.trainer)
    trainer_pane.open_client(seeded.ids["김민지"])
    settle(qtbot, trainer_pane)
    assert trainer_pane.detail.delete_button.isHidden()
    trainer_pane.delete_client(seeded.ids["김민지"])  # even when called directly
    assert asked == []
    assert recorder.texts("error")

    pane = make_pane(seeded.senior)
    pane.open_client(seeded.ids["김민지"])
    settle(qtbot, pane)
    QTest.mouseClick(pane.detail.delete_button, Qt.MouseButton.LeftButton)
    settle(qtbot, pane)
    assert asked == [True]
    assert not pane.is_showing_detail()
    assert "김민지" not in listed(pane)
    assert seeded.services.clients.search(seeded.owner, "김민지", active=None).total == 0


# --- keyboard through the main window, remembered widths ----------------------------------


def test_window_shortcuts_reach_the_pane(
    qtbot: QtBot, seeded: Seeded, messages: MessageBridge
) -> None:
    from the5hc_desktop.ui.main_window import MainWindow, StaffStatus

    pane = ClientsPane(seeded.services.clients, seeded.services.accounts, seeded.owner,
                       messages)
    window = MainWindow(staff=StaffStatus("김대표", "소유자", "test.sqlite3"),
                        messages=messages, verify_password=lambda _p: True, panes=[pane],
                        idle_minutes=0)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    settle(qtbot, pane)  # shown: the window refreshed the pane
    assert listed(pane) == ["김민수", "김민지", "이영희"]
    page = pane.list_page
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_edit.hasFocus()
    QTest.keyClick(page.search_edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = open_dialog(qtbot, pane)
    dialog.reject()
    seeded.services.clients.create(seeded.owner, ClientDraft("가나다", "male"))
    with qtbot.waitActive(window):  # the offscreen platform does not hand activation back
        window.activateWindow()
    QTest.keyClick(page.table, Qt.Key.Key_F5)
    settle(qtbot, pane)
    assert listed(pane)[0] == "가나다"
    window.close()


def test_column_widths_are_remembered(
    qtbot: QtBot, make_pane: MakePane, settings_dir: object
) -> None:
    pane = make_pane()
    settings = QSettings()
    restore_view_state(settings, pane, "panes/clientsPane")
    header = pane.list_page.table.horizontalHeader()
    # A hand drag of the name column's right edge (only hand-made widths are kept).
    edge = QPoint(header.sectionViewportPosition(COL_NAME) + header.sectionSize(COL_NAME) - 1,
                  header.height() // 2)
    target = edge + QPoint(222 - header.sectionSize(COL_NAME), 0)
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, edge)
    QTest.mouseMove(header.viewport(), target)
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier, target)
    assert header.sectionSize(COL_NAME) == 222
    save_view_state(settings, pane, "panes/clientsPane")
    again = make_pane()
    assert again.list_page.table.horizontalHeader().sectionSize(COL_NAME) != 222
    restore_view_state(settings, again, "panes/clientsPane")
    assert again.list_page.table.horizontalHeader().sectionSize(COL_NAME) == 222
