"""A 0–3 score select that follows the domain's suggestion until the trainer picks one."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from the5hc_desktop.domain.labels import Label


class ScoreChoice(QWidget):
    """Empty (not measured) or 0–3. `chosen` is True once the trainer picked a value by hand;
    from then on a new suggestion is shown next to it but never replaces it."""

    changed = Signal()

    def __init__(
        self, name: str, words: Mapping[int, Label], language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Choice")
        self._words = words
        self._language = language
        self._suggestion: int | None = None
        self.chosen = False
        self.combo = QComboBox()
        self.combo.setObjectName(name)
        self.combo.addItem(self.tr("Not measured"), None)
        for score in sorted(words):
            self.combo.addItem(f"{score} – {words[score].text(language)}", score)
        self.combo.setMinimumContentsLength(16)
        self.suggestion_label = QLabel()
        self.suggestion_label.setObjectName(f"{name}Suggestion")
        self.follow_button = QPushButton(self.tr("Use suggestion"))
        self.follow_button.setObjectName(f"{name}Follow")
        self.follow_button.clicked.connect(self.follow_suggestion)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.suggestion_label)
        layout.addWidget(self.follow_button)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)
        # `activated` is the user's pick (mouse or keyboard). It comes after
        # currentIndexChanged, so that signal is not used: a refresh in between would put
        # the suggestion back before the pick is known to be the trainer's.
        self.combo.activated.connect(self._picked)
        self._update_label()

    def value(self) -> int | None:
        data = self.combo.currentData()
        return None if data is None else int(data)

    def set_value(self, value: int | None, *, chosen: bool) -> None:
        self.chosen = chosen
        self.combo.setCurrentIndex(max(self.combo.findData(value), 0))
        self._update_label()

    def suggestion(self) -> int | None:
        return self._suggestion

    def set_suggestion(self, suggestion: int | None) -> None:
        """A new suggestion is preselected unless the trainer has chosen."""
        self._suggestion = suggestion
        moved = not self.chosen and suggestion is not None and self.value() != suggestion
        if moved:
            self.combo.setCurrentIndex(self.combo.findData(suggestion))
        self._update_label()
        if moved:
            self.changed.emit()

    def pick(self, value: int | None) -> None:
        """As if the trainer chose `value` in the list (tests, keyboard shortcuts)."""
        self.chosen = True
        self.combo.setCurrentIndex(max(self.combo.findData(value), 0))
        self._picked(self.combo.currentIndex())

    def follow_suggestion(self) -> None:
        self.chosen = False
        if self._suggestion is not None:
            self.combo.setCurrentIndex(self.combo.findData(self._suggestion))
        self._update_label()
        self.changed.emit()

    def _picked(self, _index: int) -> None:
        self.chosen = True
        self._update_label()
        self.changed.emit()

    def _update_label(self) -> None:
        if self._suggestion is None:
            self.suggestion_label.setText(self.tr("No suggestion yet"))
        else:
            word = self._words[self._suggestion].text(self._language)
            self.suggestion_label.setText(
                self.tr("Suggested: {score} – {word}").format(score=self._suggestion, word=word)
            )
        differs = self.chosen and self.value() != self._suggestion
        self.follow_button.setVisible(differs and self._suggestion is not None)
