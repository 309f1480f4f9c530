"""What every wizard page shares: optional number fields, the page base, the wizard context.

Pages read and write a `WizardDraft` and check their own fields with the domain's typed
errors, shown inline by `FieldErrors`. The base class uses `QCoreApplication.translate` with
a fixed context instead of `self.tr` (whose context would become each subclass's name).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
    QWizardPage,
)

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.scoring import TEST_MAX, level_word
from the5hc_desktop.services.clients import ClientView
from the5hc_desktop.ui.dialogs import ERROR_COLOUR, FieldErrors
from the5hc_desktop.ui.messages import error_text

from ..draft import WizardDraft
from ..evaluation import fmt_score, score_values

# Digits with an optional sign and decimal point (either "." or ","). A sign is allowed
# everywhere so that "-3" reaches the domain check and gets its message, instead of the
# keyboard silently swallowing the minus.
_NUMBER = QRegularExpression(r"^[-−]?\d{0,6}([.,]\d{0,3})?$")
_PARSE = re.compile(r"^[-−]?(\d+([.,]\d*)?|[.,]\d+)$")
HINT_STYLE = "color: #546e7a;"


def translate(text: str) -> str:
    return QCoreApplication.translate("AssessmentPages", text)


class WizardContext(Protocol):
    """What a page may ask of the wizard."""

    @property
    def client(self) -> ClientView | None: ...

    def current_draft(self) -> WizardDraft: ...

    def today(self) -> date: ...

    def language(self) -> str: ...


class NumberEdit(QLineEdit):
    """An optional number: empty means not measured (no invented default, gotcha G23)."""

    def __init__(self, name: str, *, whole: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._whole = whole
        self.setValidator(QRegularExpressionValidator(_NUMBER, self))
        self.setPlaceholderText(QCoreApplication.translate("AssessmentPages", "Not measured"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setFixedWidth(110)

    def value(self) -> int | float | str | None:
        """None when empty, a number when it parses, else the raw text (the domain check
        then answers "enter a number")."""
        text = self.text().strip()
        if not text:
            return None
        if not _PARSE.match(text):
            return text
        number = float(text.replace(",", ".").replace("−", "-"))
        if self._whole and number.is_integer():
            return int(number)
        return number

    def set_value(self, value: object) -> None:
        if value is None:
            self.setText("")
        elif isinstance(value, float):
            self.setText(f"{value:g}")
        else:
            self.setText(str(value))


def field_row(edit: QWidget, unit: str = "", *extra: QWidget) -> QWidget:
    """The edit, its unit and any extra widgets on one line; errors register on the row."""
    row = QWidget()
    row.setObjectName(f"{edit.objectName()}Row")
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit)
    if unit:
        layout.addWidget(QLabel(unit))
    for widget in extra:
        layout.addWidget(widget)
    layout.addStretch(1)
    row.setFocusProxy(edit)
    return row


def hint_label(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    if name:
        label.setObjectName(name)
    return label


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setHorizontalSpacing(14)
    form.setVerticalSpacing(8)
    return form


class DraftPage(QWizardPage):
    """Base of every page: load/store the draft, check, show errors inline."""

    changed = Signal()
    # Field names (error `field` values) this page answers for, in screen order.
    FIELDS: tuple[str, ...] = ()

    def __init__(self, context: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.errors = FieldErrors(self)
        self._loading = False
        self._page_error = QLabel()
        self._page_error.setObjectName("pageError")
        self._page_error.setWordWrap(True)
        self._page_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self._page_error.hide()

    # --- subclasses fill these in ---------------------------------------------------------
    def load(self, draft: WizardDraft) -> None:
        """Put the draft's values into the widgets (no `changed` is emitted)."""

    def store(self, draft: WizardDraft) -> WizardDraft:
        """The draft with this page's widget values written in."""
        return draft

    def check(self, draft: WizardDraft) -> None:
        """Raise the domain's ValidationError for the first bad field of this page."""

    def refresh_live(self) -> None:
        """Update live read-outs (BMI, score preview, % of body weight)."""

    # --- shared behaviour -----------------------------------------------------------------
    def load_draft(self, draft: WizardDraft) -> None:
        """Fill the widgets; the wizard refreshes the live read-outs once all pages are
        loaded (a read-out reads the whole draft)."""
        self._loading = True
        try:
            self.load(draft)
        finally:
            self._loading = False

    def store_draft(self, draft: WizardDraft) -> WizardDraft:
        return self.store(draft)

    def notify_changed(self, *_args: object) -> None:
        """Connected to every edit signal: autosave and live read-outs follow."""
        if self._loading:
            return
        self._page_error.hide()
        self.changed.emit()
        self.refresh_live()

    def watch(self, signals: Iterable[Any]) -> None:
        for signal in signals:
            signal.connect(self.notify_changed)

    def page_error_label(self) -> QLabel:
        return self._page_error

    def answers_for(self, field: str | None) -> bool:
        return field is not None and field in self.FIELDS

    def show_error(self, error: ValidationError) -> None:
        if not self.errors.show_error(error):
            self._page_error.setText(error_text(error))
            self._page_error.show()

    def error_text(self, field: str) -> str:
        return self.errors.text(field)

    def validatePage(self) -> bool:
        self.errors.clear()
        self._page_error.hide()
        draft = self.context.current_draft()
        try:
            self.check(draft)
        except ValidationError as error:
            self.show_error(error)
            return False
        return True


class TestPage(DraftPage):
    """A page for one test: its inputs live in `draft.values` under VALUE_FIELDS."""

    TEST_KEY = ""
    VALUE_FIELDS: tuple[str, ...] = ()

    def __init__(self, context: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.preview = QLabel()
        self.preview.setObjectName(f"{self.TEST_KEY}Preview")
        font = self.preview.font()
        font.setBold(True)
        self.preview.setFont(font)
        self.note = QLineEdit()
        self.note.setObjectName(f"{self.TEST_KEY}Note")
        self.note.setPlaceholderText(
            QCoreApplication.translate("AssessmentPages", "Optional note for this test")
        )
        self.note.textChanged.connect(self.notify_changed)

    def add_common_rows(self, form: QFormLayout) -> None:
        """The live score and the note, at the foot of every test form."""
        form.addRow(QCoreApplication.translate("AssessmentPages", "Score"), self.preview)
        form.addRow(QCoreApplication.translate("AssessmentPages", "Note"), self.note)

    def load_draft(self, draft: WizardDraft) -> None:
        self._loading = True
        try:
            self.note.setText(draft.test_notes.get(self.TEST_KEY, ""))
        finally:
            self._loading = False
        super().load_draft(draft)

    def store_draft(self, draft: WizardDraft) -> WizardDraft:
        draft = self.store(draft)
        notes = {k: v for k, v in draft.test_notes.items() if k != self.TEST_KEY}
        if self.note.text().strip():
            notes[self.TEST_KEY] = self.note.text()
        return replace(draft, test_notes=notes)

    def check(self, draft: WizardDraft) -> None:
        client = self.context.client
        if client is not None:
            score_values(client, draft, self.VALUE_FIELDS)

    def page_values(self, draft: WizardDraft) -> Mapping[str, Any]:
        return {k: draft.values[k] for k in self.VALUE_FIELDS if k in draft.values}

    def refresh_live(self) -> None:
        self.preview.setText(self.preview_text())

    def preview_text(self) -> str:
        """"Score 3.0 /4 · 양호" from the same scoring the service stores; 미측정 if none."""
        client = self.context.client
        if client is None:
            return ""
        try:
            score = score_values(client, self.context.current_draft(), self.VALUE_FIELDS)
        except ValidationError:
            return ""
        value = score.test(self.TEST_KEY)
        if value is None:
            return QCoreApplication.translate("AssessmentPages", "Score: not measured")
        word = level_word(value).text(self.context.language())
        text = QCoreApplication.translate("AssessmentPages", "Score: {score}/{max} · {word}")
        return text.format(
            score=fmt_score(value, self.TEST_KEY), max=TEST_MAX[self.TEST_KEY], word=word
        )


def connect_all(widgets: Iterable[QWidget], slot: Callable[..., None]) -> None:
    """Connect the "user changed it" signal of each widget to `slot`."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QPlainTextEdit

    for widget in widgets:
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(slot)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(slot)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(slot)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(slot)
        else:
            raise TypeError(f"no change signal known for {type(widget).__name__}")
