"""회원 병합 from the member list: who is offered it, the comparison, the confirmation that
names what moves, the merge on the data lane and the moved counts."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

import pytest
from clients_ui_support import Seeded
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from the5hc_desktop.domain.fees import PaymentMethod
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui import dialogs, worker
from the5hc_desktop.ui.messages import MessageBridge, MessageRecorder
from the5hc_desktop.ui.panes.clients import ClientsPane
from the5hc_desktop.ui.panes.clients.merge_dialog import MergeMembersDialog, add_menu_entry

MakePane = Callable[..., ClientsPane]


@pytest.fixture
def make_pane(qtbot: QtBot, seeded: Seeded, messages: MessageBridge) -> MakePane:
    def make(actor: Actor | None = None) -> ClientsPane:
        pane = ClientsPane(seeded.services.clients, seeded.services.accounts,
                           actor or seeded.owner, messages, merge=seeded.services.merge)
        qtbot.addWidget(pane)
        pane.resize(1100, 700)
        pane.show()
        pane.refresh()
        assert worker.wait_idle()
        return pane

    return make


@pytest.fixture
def twin(seeded: Seeded) -> uuid.UUID:
    """김민수 registered again at another desk, with a package of its own."""
    services, owner = seeded.services, seeded.owner
    twin = services.clients.create(owner, ClientDraft(
        "김민수", "male", "010-1234-5670", date(1990, 3, 15))).client.id
    services.packages.sell(owner, twin, 300_000, 60_000, PaymentMethod.CASH, name="PT 5회")
    return twin


def open_merge(qtbot: QtBot, pane: ClientsPane, first: uuid.UUID) -> MergeMembersDialog:
    pane.merge_members(first)
    assert worker.wait_idle()
    dialog = pane.merger
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.left.record is not None, timeout=3000)
    return dialog


def pick_other(qtbot: QtBot, dialog: MergeMembersDialog, digits: str) -> None:
    QTest.keyClicks(dialog.search_edit, digits)
    qtbot.waitUntil(lambda: dialog.matches.count() > 0, timeout=3000)
    dialog.matches.setCurrentRow(0)
    qtbot.waitUntil(lambda: dialog.right.record is not None, timeout=3000)


def test_the_merge_is_offered_to_owner_and_senior_only(
    qtbot: QtBot, make_pane: MakePane, seeded: Seeded, recorder: MessageRecorder
) -> None:
    def offered(pane: ClientsPane) -> bool:
        return any(getattr(a, "id", None) == "client.merge" for a in pane.pane_actions())

    assert offered(make_pane(seeded.owner))
    assert offered(make_pane(seeded.senior))
    trainer_pane = make_pane(seeded.trainer)
    assert not offered(trainer_pane)
    menu = QMenu()
    entry = add_menu_entry(menu, seeded.trainer, lambda: None)
    assert not entry.isEnabled()
    assert "대표와 선임" in entry.toolTip()
    assert add_menu_entry(QMenu(), seeded.senior, lambda: None).isEnabled()
    trainer_pane.merge_members(seeded.ids["김민수"])
    assert trainer_pane.merger is None
    assert any("대표와 선임" in text for _kind, text in recorder.records)


def test_side_by_side_confirmation_and_the_moved_counts(
    qtbot: QtBot, make_pane: MakePane, seeded: Seeded, twin: uuid.UUID,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kept = seeded.ids["김민수"]
    pane = make_pane()
    dialog = open_merge(qtbot, pane, kept)
    assert "되돌릴 수 없습니다" in dialog.findChild(object, "mergeWarning").text()
    assert not dialog.merge_button.isEnabled()  # no other member yet
    pick_other(qtbot, dialog, "5670")
    assert dialog.right.values["phone"].text() == "010-1234-5670"
    assert dialog.right.values["packages"].text() == "1"
    assert dialog.right.values["payments"].text() == "1"
    assert dialog.left.keep.isChecked()

    asked: list[str] = []
    monkeypatch.setattr(dialogs.Dialogs, "ask", lambda _p, _t, text, *_a: asked.append(text)
                        or False)
    dialog.merge_button.click()
    assert worker.wait_idle()
    assert "패키지 1개" in asked[0]
    assert "결제 1건" in asked[0]
    assert "되돌릴 수 없습니다" in asked[0]
    assert seeded.services.clients.view(seeded.owner, twin).name == "김민수"  # declined

    monkeypatch.setattr(dialogs.Dialogs, "ask", lambda *_a: True)
    with qtbot.waitSignal(dialog.merged, timeout=5000) as merged:
        dialog.merge_button.click()
    assert worker.wait_idle()
    result = merged.args[0]
    assert (result.survivor_id, result.merged_id) == (kept, twin)
    assert "패키지 1" in dialog.result_label.text()
    assert "결제 1" in dialog.result_label.text()
    assert dialog.merge_button.isHidden()
    paid = seeded.services.packages.list_payments(
        seeded.owner, date(2000, 1, 1), date(2100, 1, 1), client_id=kept)
    assert len(paid.rows) == 2
    assert {row.client_id for row in paid.rows} == {kept}


def test_the_member_not_kept_can_be_the_first_one(
    qtbot: QtBot, make_pane: MakePane, seeded: Seeded, twin: uuid.UUID,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pane = make_pane(seeded.senior)
    dialog = open_merge(qtbot, pane, seeded.ids["김민수"])
    pick_other(qtbot, dialog, "5670")
    dialog.right.keep.setChecked(True)
    monkeypatch.setattr(dialogs.Dialogs, "ask", lambda *_a: True)
    with qtbot.waitSignal(dialog.merged, timeout=5000) as merged:
        dialog.merge_button.click()
    assert worker.wait_idle()
    assert merged.args[0].survivor_id == twin
