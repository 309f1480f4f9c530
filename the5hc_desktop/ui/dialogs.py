"""Modal helpers tests can patch, and inline field errors for forms.

Every confirmation goes through `Dialogs.ask(...)` so a test replaces one classmethod
instead of fighting a modal event loop:

    monkeypatch.setattr(Dialogs, "ask", lambda *args, **kwargs: True)

`FieldErrors` puts a red message under the widget a `The5HCError.field` names and removes
it as soon as the user edits that widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.ui.messages import error_text

ERROR_COLOUR = "#c62828"


class Dialogs:
    """Modal message boxes; each is a classmethod so tests can patch it."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, destructive: bool = False) -> bool:
        """Yes/No confirmation. Destructive questions default to No and show a warning."""
        box = QMessageBox(parent)
        box.setObjectName("askDialog")
        box.setIcon(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(text)
        yes = box.addButton(QMessageBox.StandardButton.Yes)
        no = box.addButton(QMessageBox.StandardButton.No)
        box.setDefaultButton(no if destructive else yes)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    @classmethod
    def inform(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    @classmethod
    def error(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)


def ask(parent: QWidget | None, title: str, text: str, destructive: bool = False) -> bool:
    """Shorthand for `Dialogs.ask` (resolved at call time, so patching the class works)."""
    return Dialogs.ask(parent, title, text, destructive)


@dataclass
class _Slot:
    widget: QWidget
    label: QLabel


class FieldErrors(QObject):
    """Inline validation messages, one red label under each registered widget.

    Each label keeps one line of room while empty: a message that appears moves no field
    or button under the cursor, and a dialog sized for its form never clips the message.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._slots: dict[str, _Slot] = {}

    def register(self, widget: QWidget, *fields: str) -> QLabel:
        """Reserve a hidden message label under `widget` for errors about `fields`.

        The widget must already sit in a box, form or grid layout. Several field names may
        point at one widget (e.g. "display_name" and "owner_name").
        """
        if not fields:
            raise ValueError("name at least one field")
        label = QLabel()
        label.setObjectName(f"{widget.objectName() or fields[0]}Error")
        label.setStyleSheet(f"color: {ERROR_COLOUR};")
        label.setWordWrap(True)
        _place_below(widget, _room_for(label))
        slot = _Slot(widget, label)
        self._set_visible(slot, False)
        for name in fields:
            self._slots[name] = slot
        for signal in _edit_signals(widget):
            signal.connect(lambda *_args, s=slot: self._clear_slot(s))
        return label

    def show(self, field: str, text: str) -> None:
        slot = self._slots[field]
        slot.label.setText(text)
        slot.widget.setProperty("fieldError", True)
        slot.widget.setAccessibleDescription(text)
        self._set_visible(slot, True)

    def show_error(self, error: The5HCError, *, focus: bool = True) -> bool:
        """Show a typed error under its field; False when no widget is registered for it."""
        if error.field is None or error.field not in self._slots:
            return False
        self.show(error.field, error_text(error))
        if focus:
            self._slots[error.field].widget.setFocus()
        return True

    def clear(self, field: str | None = None) -> None:
        slots = self._slots.values() if field is None else [self._slots[field]]
        for slot in slots:
            self._clear_slot(slot)

    def text(self, field: str) -> str:
        """The message shown for `field`, or "" when none is."""
        slot = self._slots[field]
        return slot.label.text() if slot.widget.property("fieldError") else ""

    def has_errors(self) -> bool:
        return any(slot.widget.property("fieldError") for slot in self._slots.values())

    def label(self, field: str) -> QLabel:
        return self._slots[field].label

    def _clear_slot(self, slot: _Slot) -> None:
        if slot.widget.property("fieldError"):
            slot.widget.setProperty("fieldError", False)
            slot.widget.setAccessibleDescription("")
            slot.label.clear()
            self._set_visible(slot, False)

    @staticmethod
    def _set_visible(slot: _Slot, visible: bool) -> None:
        slot.label.setVisible(visible)  # its holder keeps the line (see `_room_for`)


def _room_for(label: QLabel) -> QWidget:
    """A holder one line high that stays in the layout while the label inside is hidden
    (a form layout drops a hidden widget's row whatever its size policy says)."""
    holder = QWidget()
    holder.setObjectName(f"{label.objectName()}Room")
    holder.setMinimumHeight(label.fontMetrics().lineSpacing())
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(label)
    return holder


def _containing_layout(layout: QLayout, widget: QWidget) -> tuple[QLayout, int] | None:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is widget:
            return layout, index
        inner = item.layout()
        if inner is not None and (found := _containing_layout(inner, widget)) is not None:
            return found
    return None


def _form_row(layout: QFormLayout, widget: QWidget) -> int:
    position = cast(tuple[int, QFormLayout.ItemRole], layout.getWidgetPosition(widget))
    return position[0]


def _place_below(widget: QWidget, label: QWidget) -> None:
    parent = widget.parentWidget()
    top = parent.layout() if parent is not None else None
    found = _containing_layout(top, widget) if top is not None else None
    if found is None:
        raise ValueError(f"{widget.objectName() or widget!r} is not in a layout yet")
    layout, index = found
    if isinstance(layout, QFormLayout):
        layout.insertRow(_form_row(layout, widget) + 1, "", label)
        return
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(index + 1, label)
        return
    if isinstance(layout, QGridLayout):
        position = cast(tuple[int, int, int, int], layout.getItemPosition(index))
        row, column, row_span, column_span = position
        if layout.itemAtPosition(row + row_span, column) is not None:
            raise ValueError("the grid cell under the widget is taken; leave it free")
        layout.addWidget(label, row + row_span, column, 1, column_span)
        return
    raise ValueError(f"unsupported layout {type(layout).__name__}")


def _edit_signals(widget: QWidget) -> list[SignalInstance]:
    """The signals meaning "the user changed this"; containers use their children's."""
    if isinstance(widget, QLineEdit):
        return [widget.textEdited]
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return [widget.textChanged]
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return [widget.valueChanged]
    if isinstance(widget, QDateTimeEdit):
        return [widget.dateTimeChanged]
    if isinstance(widget, QComboBox):
        return [widget.currentIndexChanged, widget.editTextChanged]
    if isinstance(widget, QAbstractButton):
        return [widget.toggled]
    if isinstance(widget, QAbstractSpinBox):
        return [widget.editingFinished]
    signals: list[SignalInstance] = []
    for child in widget.findChildren(QWidget):
        if child.parentWidget() is widget:
            signals.extend(_edit_signals(child))
    return signals
