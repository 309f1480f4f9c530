"""Confirmation helper, inline field errors and the action registry."""

from __future__ import annotations

from typing import cast

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.ui import dialogs
from the5hc_desktop.ui.actions import CORE_ACTIONS, ActionRegistry, ActionSpec, Scope
from the5hc_desktop.ui.dialogs import Dialogs, FieldErrors


def _answer_next_box(click: QMessageBox.StandardButton, seen: dict[str, object]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["default"] = box.defaultButton() is box.button(QMessageBox.StandardButton.No)
        seen["icon"] = box.icon()
        seen["yes"] = box.button(QMessageBox.StandardButton.Yes).text()
        box.button(click).click()

    QTimer.singleShot(0, answer)


def test_ask_returns_the_answer_and_destructive_defaults_to_no(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, object] = {}
    _answer_next_box(QMessageBox.StandardButton.Yes, seen)
    assert Dialogs.ask(parent, "회원 삭제", "김민수 회원을 삭제할까요?", destructive=True)
    assert seen["default"] is True
    assert seen["icon"] == QMessageBox.Icon.Warning
    assert seen["yes"] == "예(&Y)"  # Qt's own Korean catalogue is loaded
    _answer_next_box(QMessageBox.StandardButton.No, seen)
    assert not dialogs.ask(parent, "저장", "변경 내용을 저장할까요?")
    assert seen["default"] is False


def test_ask_is_patchable_for_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def fake(_parent: QWidget | None, _title: str, text: str, destructive: bool = False) -> bool:
        asked.append(text)
        return destructive

    monkeypatch.setattr(Dialogs, "ask", fake)
    assert dialogs.ask(None, "t", "지울까요?", destructive=True)
    assert asked == ["지울까요?"]


def _form(qtbot: QtBot) -> tuple[QWidget, FieldErrors, QLineEdit, QSpinBox, QComboBox]:
    form = QWidget()
    qtbot.addWidget(form)
    layout = QFormLayout(form)
    name, age, gender = QLineEdit(), QSpinBox(), QComboBox()
    name.setObjectName("clientName")
    gender.addItems(["남성", "여성"])
    layout.addRow("이름", name)
    layout.addRow("나이", age)
    layout.addRow("성별", gender)
    errors = FieldErrors(form)
    errors.register(name, "name")
    errors.register(age, "age", "birth_date")
    errors.register(gender, "gender")
    form.show()
    return form, errors, name, age, gender


def _row(layout: QFormLayout, widget: QWidget) -> int:
    return cast(tuple[int, QFormLayout.ItemRole], layout.getWidgetPosition(widget))[0]


def test_field_errors_appear_under_the_field_and_clear_on_edit(qtbot: QtBot) -> None:
    form, errors, name, age, gender = _form(qtbot)
    label = errors.label("name")
    assert label.objectName() == "clientNameError"
    assert not label.isVisible()
    layout = form.layout()
    assert isinstance(layout, QFormLayout)
    assert _row(layout, label.parentWidget()) == _row(layout, name) + 1  # in its room

    shown = errors.show_error(
        ValidationError("이름을 입력하세요.", "Enter the name.", field="name")
    )
    assert shown
    assert label.isVisible()
    assert errors.text("name") == "이름을 입력하세요."
    assert name.property("fieldError") is True
    assert errors.has_errors()
    qtbot.keyClicks(name, "Kim")  # QTest types ASCII only
    assert not label.isVisible()
    assert errors.text("name") == ""

    errors.show("birth_date", "생년월일이 미래입니다.")
    assert errors.label("age").isVisible()
    age.setValue(30)
    assert not errors.has_errors()

    errors.show("gender", "성별을 선택하세요.")
    gender.setCurrentIndex(1)
    assert errors.text("gender") == ""


def test_an_error_for_an_unknown_field_is_left_to_the_caller(qtbot: QtBot) -> None:
    _form_widget, errors, *_ = _form(qtbot)
    assert not errors.show_error(ValidationError("x", "x", field="phone"))
    assert not errors.show_error(ValidationError("x", "x"))


def test_field_errors_in_box_and_grid_layouts(qtbot: QtBot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    column = QVBoxLayout(box)
    first, second = QLineEdit(), QLineEdit()
    column.addWidget(first)
    column.addWidget(second)
    grid_host = QWidget()
    column.addWidget(grid_host)
    grid = QGridLayout(grid_host)
    cell = QLineEdit()
    grid.addWidget(cell, 0, 1)
    errors = FieldErrors(box)
    errors.register(first, "first")
    errors.register(cell, "cell")
    assert column.indexOf(errors.label("first").parentWidget()) == column.indexOf(first) + 1
    room = grid.indexOf(errors.label("cell").parentWidget())
    assert cast(tuple[int, ...], grid.getItemPosition(room))[:2] == (
        1,
        1,
    )
    grid.addWidget(QLineEdit(), 1, 2)
    taken = QLineEdit()
    grid.addWidget(taken, 0, 2)
    with pytest.raises(ValueError, match="taken"):
        errors.register(taken, "taken")
    with pytest.raises(ValueError, match="not in a layout"):
        errors.register(QLineEdit(), "loose")


# --- action registry --------------------------------------------------------------------
def test_core_actions_have_the_documented_shortcuts() -> None:
    shortcuts = {spec.id: spec.shortcut for spec in CORE_ACTIONS}
    assert shortcuts["client.search"] == "Ctrl+F"
    assert shortcuts["client.new"] == "Ctrl+N"
    assert shortcuts["view.refresh"] == "F5"
    assert shortcuts["app.quit"] == "Ctrl+Q"
    assert shortcuts["app.lock"] == "Ctrl+L"
    assert shortcuts["file.print"] == "Ctrl+P"
    assert {"sync.now", "assessment.new", "session.new"} <= set(shortcuts)


def test_registry_binds_triggers_and_rejects_clashes(qtbot: QtBot) -> None:
    registry = ActionRegistry()
    fired: list[str] = []
    action = registry.action("client.new")
    assert action.text() == "새 회원 등록(&N)…"
    assert not action.isEnabled()  # nobody handles it yet
    registry.bind("client.new", lambda: fired.append("new"))
    action.trigger()
    assert fired == ["new"]
    registry.set_enabled("client.new", False)
    action.trigger()
    assert fired == ["new"]
    registry.unbind("client.new")
    assert not registry.is_bound("client.new")

    with pytest.raises(ValueError, match="already registered"):
        registry.register(ActionSpec("client.new", "dup", "x"))
    with pytest.raises(ValueError, match=r"taken by client\.search"):
        registry.register(ActionSpec("clients.filter", "Filter", "x", "Ctrl+F"))
    with pytest.raises(ValueError, match="unknown menu"):
        ActionSpec("x.y", "X", "x", menu="tools")
    registry.register(
        ActionSpec("clients.export_csv", "Export CSV", "export_csv", scope=Scope.CURRENT)
    )
    assert "clients.export_csv" in registry
    assert registry.specs("file")[-1].id == "clients.export_csv"


def test_an_inline_error_moves_nothing_and_is_not_clipped(qtbot: QtBot) -> None:
    """The room for each message is kept while it is empty (issue 16, defect 14)."""
    form, errors, name, age, gender = _form(qtbot)
    qtbot.waitExposed(form)
    form.adjustSize()
    size = form.size()
    places = [w.mapTo(form, w.rect().topLeft()) for w in (name, age, gender)]
    errors.show("name", "이름을 입력하세요.")
    errors.show("age", "나이를 확인하세요.")
    qtbot.wait(1)  # layouts settle on the next turn
    assert form.sizeHint().height() <= size.height()
    assert [w.mapTo(form, w.rect().topLeft()) for w in (name, age, gender)] == places
    label = errors.label("name")
    assert label.height() >= label.fontMetrics().lineSpacing()  # one full line, not clipped
    assert label.visibleRegion().boundingRect().height() >= label.fontMetrics().height()
