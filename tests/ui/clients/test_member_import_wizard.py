"""The 회원 가져오기 wizard, driven as a user would: file → columns → preview → import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from clients_ui_support import Seeded
from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from the5hc_desktop.ui import export_action, worker
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.clients import ClientsPane
from the5hc_desktop.ui.panes.clients.import_wizard import MemberImportWizard


def _sheet(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["성명", "연락처", "성별", "생년월일", "메모"])
    sheet.append(["김하나", "010-1111-2222", "여", date(1990, 3, 15), "오전반"])
    sheet.append(["이두리", "010-12", "남", None, None])
    sheet.append(["박세찌", "010-3333-4444", "모름", None, None])
    book.save(path)
    return path


def test_wizard_imports_the_valid_rows(qtbot: QtBot, seeded: Seeded, messages: MessageBridge,
                                       tmp_path: Path) -> None:
    pane = ClientsPane(seeded.services.clients, seeded.services.accounts, seeded.owner,
                       messages)
    qtbot.addWidget(pane)
    pane.show()
    before = seeded.services.clients.search(seeded.owner, "", active=None).total
    button = pane.findChild(QPushButton, "clientImportButton")
    assert button is not None
    button.click()
    wizard = pane.findChild(MemberImportWizard)
    assert wizard is not None
    wizard.file_page.path_edit.setText(str(_sheet(tmp_path / "명단.xlsx")))
    wizard.next()  # reads the file on the worker lane, then moves on by itself
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.map_page, timeout=5000)
    assert wizard.map_page.mapping() == {"name": 0, "phone": 1, "gender": 2,
                                         "birth_date": 3, "notes": 4}
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.isComplete(), timeout=5000)
    model = wizard.preview_page.model
    assert model.rowCount() == 3
    phone_of_second = model.item(1, 2)  # columns: row, name, phone, ...
    assert phone_of_second.background().color().name() == "#fde2e1"
    assert "10" in phone_of_second.toolTip()
    assert "3" in wizard.preview_page.summary.text()
    wizard.next()  # the commit page: 가져오기
    qtbot.waitUntil(lambda: wizard.result_page.isComplete(), timeout=5000)
    assert "1" in wizard.result_page.result.text()
    assert (tmp_path / "명단-건너뛴행.csv").exists()
    assert seeded.services.clients.search(seeded.owner, "", active=None).total == before + 1
    wizard.accept()
    assert worker.wait_idle()


def test_a_bad_file_is_explained_on_the_first_page(qtbot: QtBot, seeded: Seeded,
                                                   messages: MessageBridge,
                                                   tmp_path: Path) -> None:
    fake = tmp_path / "명단.xlsx"
    fake.write_text("성명,성별\n", encoding="utf-8")
    wizard = MemberImportWizard(seeded.services.clients, seeded.owner)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(fake))
    wizard.next()
    qtbot.waitUntil(lambda: bool(wizard.file_page.status.text())
                    and "엑셀 파일이 아닙니다" in wizard.file_page.status.text(), timeout=5000)
    assert wizard.currentPage() is wizard.file_page
    assert worker.wait_idle()


def test_ctrl_e_exports_the_member_list(qtbot: QtBot, seeded: Seeded, messages: MessageBridge,
                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "회원.xlsx"
    monkeypatch.setattr(export_action, "choose_target", lambda _parent, what: target)
    pane = ClientsPane(seeded.services.clients, seeded.services.accounts, seeded.owner,
                       messages)
    qtbot.addWidget(pane)
    assert "file.export" in pane.pane_actions()
    pane.export_current()
    assert worker.wait_idle()
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][0] == "이름"
    assert len(rows) - 1 == seeded.services.clients.search(seeded.owner, "", active=None).total
