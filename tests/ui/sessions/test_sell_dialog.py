"""패키지 판매 through the dialog: the live breakdown is the stored one; refusals stay inline."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sessions_ui_support import TODAY, Gym, MakePane, settle

from the5hc_desktop.domain.fees import PaymentMethod
from the5hc_desktop.ui.main_window import MainWindow, StaffStatus
from the5hc_desktop.ui.messages import MessageBridge, MessageRecorder
from the5hc_desktop.ui.panes.clients import ClientsPane
from the5hc_desktop.ui.panes.sessions import BookSessionDialog, SellPackageDialog, SessionsPane


def open_sale(qtbot: QtBot, pane: SessionsPane, gym: Gym) -> SellPackageDialog:
    """As the clients pane's 패키지 판매 button does: only the member's id."""
    pane.sell_package(gym.clients["김민수"])
    settle(qtbot)
    dialog = pane.dialog
    assert isinstance(dialog, SellPackageDialog)
    assert dialog.picker.client_name() == "김민수"  # the name was looked up
    return dialog


def fill(dialog: SellPackageDialog, gross: int, price: int, method: PaymentMethod) -> None:
    dialog.gross_spin.setValue(gross)
    dialog.price_spin.setValue(price)
    dialog.method_combo.setCurrentIndex(dialog.method_combo.findData(method.value))  # a str


def test_card_sale_shows_and_stores_the_same_split(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, recorder: MessageRecorder
) -> None:
    pane = make_pane()
    changed: list[object] = []
    pane.data_changed.connect(lambda: changed.append(True))
    dialog = open_sale(qtbot, pane, gym)
    fill(dialog, 1_000_000, 50_000, PaymentMethod.CARD)

    shown = {label.objectName(): label.text() for label in (
        dialog.supply_value, dialog.vat_value, dialog.card_fee_value, dialog.net_value,
        dialog.sessions_value)}
    assert shown == {"sellSupply": "909,091원", "sellVat": "90,909원",
                     "sellCardFee": "31,818원", "sellNet": "877,273원",
                     "sellSessions": "20회"}
    assert dialog.breakdown.isRowVisible(dialog.card_fee_value)
    assert dialog.sell_button.isEnabled()

    qtbot.mouseClick(dialog.sell_button, Qt.MouseButton.LeftButton)
    settle(qtbot)

    assert dialog.package is not None
    assert dialog.package.sessions_bought == 20
    assert dialog.package.remaining == 20
    assert dialog.stack.currentIndex() == 1  # the receipt offer
    payment = dialog.payment
    assert payment is not None
    assert (payment.gross, payment.vat, payment.card_fee, payment.net) == (
        1_000_000, 90_909, 31_818, 877_273)
    stored = gym.services.packages.list_payments(gym.owner, TODAY, TODAY)
    assert [(p.gross, p.vat, p.card_fee, p.net, p.method) for p in stored.rows] == [
        (1_000_000, 90_909, 31_818, 877_273, PaymentMethod.CARD)]
    assert dialog.receipt.print_button.isEnabled()
    assert changed  # the root refreshes balances elsewhere
    assert any("20" in text for text in recorder.texts("success"))


def test_cash_sale_has_no_card_fee(qtbot: QtBot, make_pane: MakePane, gym: Gym) -> None:
    pane = make_pane()
    dialog = open_sale(qtbot, pane, gym)
    fill(dialog, 1_000_000, 50_000, PaymentMethod.CASH)

    assert not dialog.breakdown.isRowVisible(dialog.card_fee_value)
    assert dialog.fees is not None
    assert dialog.fees.card_fee == 0
    assert dialog.net_value.text() == "909,091원"

    dialog.submit()
    settle(qtbot)
    stored = gym.services.packages.list_payments(gym.owner, TODAY, TODAY).rows
    assert [(p.card_fee, p.net, p.method) for p in stored] == [
        (0, 909_091, PaymentMethod.CASH)]


def test_amount_below_one_session_is_refused_inline_and_nothing_is_written(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    pane = make_pane()
    dialog = open_sale(qtbot, pane, gym)
    fill(dialog, 40_000, 50_000, PaymentMethod.CARD)

    assert dialog.errors.text("gross") == "금액이 세션 단가보다 작습니다"
    assert dialog.errors.label("gross").isVisibleTo(dialog)
    assert not dialog.sell_button.isEnabled()
    assert dialog.sessions_value.text() == "–"

    dialog.submit()  # Enter in the form: still refused
    settle(qtbot)
    assert gym.services.packages.list_for_client(gym.owner, gym.clients["김민수"]) == ()
    assert gym.services.packages.list_payments(gym.owner, TODAY, TODAY).rows == ()
    assert dialog.isVisible()

    dialog.gross_spin.setValue(100_000)  # the message goes as soon as the amount is enough
    assert dialog.errors.text("gross") == ""
    assert dialog.sessions_value.text() == "2회"


def test_sale_with_name_and_expiry(qtbot: QtBot, make_pane: MakePane, gym: Gym) -> None:
    pane = make_pane()
    dialog = open_sale(qtbot, pane, gym)
    fill(dialog, 600_000, 60_000, PaymentMethod.TRANSFER)
    assert dialog.name_edit.placeholderText() == "10회 패키지"
    dialog.name_edit.setText("PT 10회 봄 이벤트")
    dialog.expiry_check.setChecked(True)
    dialog.submit()
    settle(qtbot)
    sold = gym.services.packages.list_for_client(gym.owner, gym.clients["김민수"])
    assert [(p.name, p.sessions_bought, p.expires_on is not None) for p in sold] == [
        ("PT 10회 봄 이벤트", 10, True)]


def test_sale_needs_a_client(qtbot: QtBot, make_pane: MakePane, gym: Gym) -> None:
    pane = make_pane()
    pane.sell_package()
    settle(qtbot)
    dialog = pane.dialog
    assert isinstance(dialog, SellPackageDialog)
    fill(dialog, 100_000, 50_000, PaymentMethod.CARD)
    assert not dialog.sell_button.isEnabled()
    dialog.picker.search("ㄱㅁㅅ")  # 초성 of 김민수
    settle(qtbot)
    assert dialog.picker.client_id() == gym.clients["김민수"]
    assert dialog.sell_button.isEnabled()


def test_front_desk_sells_and_prints_the_receipt(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    """The front desk sells, takes the payment and hands over the receipt (docs/domain.md 9.5)."""
    pane = make_pane(gym.assistant)
    dialog = open_sale(qtbot, pane, gym)
    fill(dialog, 500_000, 50_000, PaymentMethod.CARD)
    dialog.submit()
    settle(qtbot)
    assert dialog.package is not None
    assert dialog.package.sessions_bought == 10
    assert dialog.payment is not None
    assert dialog.payment.gross == 500_000
    assert dialog.receipt.print_button.isEnabled()
    assert "보관용" in dialog.receipt_note.text()


def test_opened_from_the_clients_pane(
    qtbot: QtBot, make_pane: MakePane, gym: Gym, messages: MessageBridge
) -> None:
    """The wiring the composition root does: 회원 관리's buttons open these dialogs."""
    sessions = make_pane()
    clients = ClientsPane(gym.services.clients, gym.services.accounts, gym.owner, messages)
    window = MainWindow(staff=StaffStatus("김대표", "소유자", "test.sqlite3"), messages=messages,
                        verify_password=lambda _p: True, panes=[clients, sessions])
    qtbot.addWidget(window)
    clients.sell_package_requested.connect(sessions.sell_package)
    clients.book_session_requested.connect(sessions.book_session)
    refreshed: list[bool] = []
    sessions.data_changed.connect(clients.refresh)
    sessions.data_changed.connect(lambda: refreshed.append(True))
    window.show()
    settle(qtbot)

    clients.sell_package_requested.emit(gym.clients["이영희"])
    settle(qtbot)
    dialog = sessions.dialog
    assert isinstance(dialog, SellPackageDialog)
    assert dialog.isVisible()
    assert dialog.picker.client_name() == "이영희"
    fill(dialog, 300_000, 60_000, PaymentMethod.CASH)
    dialog.submit()
    settle(qtbot)
    assert refreshed  # the member list reloads the balance it shows
    listed = gym.services.clients.search(gym.owner, "이영희").rows
    assert [row.remaining_sessions for row in listed] == [5]

    clients.book_session_requested.emit(gym.clients["이영희"])
    settle(qtbot)
    assert isinstance(sessions.dialog, BookSessionDialog)
    assert sessions.dialog.picker.client_name() == "이영희"
    assert sessions.dialog.chosen_package() is not None


def test_an_amount_that_does_not_divide_shows_the_remainder_and_asks(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    """100,000원 at 70,000원 is not silently one session: the desk chooses."""
    pane = make_pane()
    dialog = open_sale(qtbot, pane, gym)
    fill(dialog, 100_000, 70_000, PaymentMethod.CASH)

    assert dialog.remainder == 30_000
    assert dialog.breakdown.isRowVisible(dialog.remainder_value)
    assert dialog.remainder_value.text() == "30,000원"
    assert dialog.remainder_box.isVisibleTo(dialog)
    assert not dialog.sell_button.isEnabled()  # no choice made yet
    dialog.submit()
    settle(qtbot)
    assert gym.services.packages.list_for_client(gym.owner, gym.clients["김민수"]) == ()

    # Adjusting the price: 100,000원 buys exactly one session (or two at 50,000원).
    assert [b.text() for b in dialog.adjust_buttons] == [
        "단가 100,000원으로 조정 (1회)", "단가 50,000원으로 조정 (2회)"]
    dialog.adjust_buttons[1].click()
    assert dialog.price_spin.value() == 50_000
    assert dialog.remainder == 0
    assert not dialog.remainder_box.isVisibleTo(dialog)
    assert dialog.sessions_value.text() == "2회"
    assert dialog.sell_button.isEnabled()

    # Back to 70,000원: the choice is asked again; rounding down notes the remainder.
    dialog.price_spin.setValue(70_000)
    assert not dialog.sell_button.isEnabled()
    dialog.round_down_button.click()
    assert dialog.sell_button.isEnabled()
    dialog.submit()
    settle(qtbot)
    sold = gym.services.packages.list_for_client(gym.owner, gym.clients["김민수"])
    assert [(p.sessions_bought, p.gross) for p in sold] == [(1, 100_000)]
    stored = gym.services.packages.list_payments(gym.owner, TODAY, TODAY).rows
    assert [p.gross for p in stored] == [100_000]
    assert "30,000원" in stored[0].description  # the remainder is on the payment


def test_a_changed_amount_asks_about_the_remainder_again(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    pane = make_pane()
    dialog = open_sale(qtbot, pane, gym)
    fill(dialog, 1_000_000, 70_000, PaymentMethod.CARD)
    assert dialog.remainder == 20_000  # 14 sessions
    assert dialog.adjust_buttons == []  # 1,000,000 splits into neither 14 nor 15 whole prices
    dialog.round_down_button.click()
    assert dialog.sell_button.isEnabled()
    dialog.gross_spin.setValue(1_010_000)
    assert dialog.remainder == 30_000
    assert not dialog.sell_button.isEnabled()


def test_the_sale_sentence_needs_no_particle_guess(
    qtbot: QtBot, make_pane: MakePane, gym: Gym
) -> None:
    """Not "10회 패키지을(를)": the sentence reads right whatever the package is called."""
    pane = make_pane()
    dialog = open_sale(qtbot, pane, gym)
    fill(dialog, 600_000, 60_000, PaymentMethod.CASH)
    dialog.submit()
    settle(qtbot)
    assert dialog.done_label.text() == "김민수 회원에게 10회 패키지 판매 완료: 10회, 600,000원."
