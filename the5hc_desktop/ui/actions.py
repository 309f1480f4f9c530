"""Every user action in one place: id, text, shortcut, menu and the name of its handler.

`CORE_ACTIONS` lists the application's actions. Who handles one depends on its scope:

- `Scope.WINDOW`: a method of the main window named `slot` (lock, quit, refresh, ...), or a
  handler the composition root binds (`registry.bind("sync.now", ...)`).
- `Scope.PANE`: the pane that claims the id in its `actions()` handles it with its method
  named `slot`; triggering it first brings that pane to the front (Ctrl+N → clients pane).
- `Scope.CURRENT`: handled by whichever pane is showing, if it claims the id (Ctrl+P);
  disabled while the showing pane does not.

An action nobody handles stays disabled. Panes add their own actions by returning new
`ActionSpec`s from `actions()`; the text is an English source string translated with
`tr_context`, so mark it with `QT_TRANSLATE_NOOP(context, text)` where you define it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate under `context`; it is translated when the QAction is built.

    Typed stand-in for PySide's function of the same name (lupdate looks for the name).
    """
    del context
    return text


class Scope(StrEnum):
    WINDOW = "window"
    PANE = "pane"
    CURRENT = "current"


MENUS = ("file", "view", "help")


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str  # English source text; translated with `tr_context` when the QAction is built
    slot: str  # name of the handler method on the window or the pane
    shortcut: str | None = None  # portable text: "Ctrl+N" is Cmd+N on macOS
    menu: str | None = "file"  # one of MENUS; None: shortcut only
    scope: Scope = Scope.WINDOW
    tr_context: str = "Actions"

    def __post_init__(self) -> None:
        if self.menu is not None and self.menu not in MENUS:
            raise ValueError(f"action {self.id}: unknown menu {self.menu!r}")


CORE_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "client.new",
        QT_TRANSLATE_NOOP("Actions", "&New client…"),
        "new_client",
        "Ctrl+N",
        scope=Scope.PANE,
    ),
    ActionSpec(
        "assessment.new",
        QT_TRANSLATE_NOOP("Actions", "New &assessment…"),
        "new_assessment",
        "Ctrl+Shift+A",
        scope=Scope.PANE,
    ),
    ActionSpec(
        "session.new",
        QT_TRANSLATE_NOOP("Actions", "&Book session…"),
        "new_session",
        "Ctrl+B",
        scope=Scope.PANE,
    ),
    ActionSpec(
        "file.print",
        QT_TRANSLATE_NOOP("Actions", "&Print…"),
        "print_current",
        "Ctrl+P",
        scope=Scope.CURRENT,
    ),
    ActionSpec(
        "file.export",
        QT_TRANSLATE_NOOP("Actions", "&Export…"),
        "export_current",
        "Ctrl+E",
        scope=Scope.CURRENT,
    ),
    ActionSpec("sync.now", QT_TRANSLATE_NOOP("Actions", "&Sync now"), "sync_now", "Ctrl+Shift+S"),
    ActionSpec("app.lock", QT_TRANSLATE_NOOP("Actions", "&Lock"), "lock", "Ctrl+L"),
    ActionSpec("app.sign_out", QT_TRANSLATE_NOOP("Actions", "Sign &out"), "sign_out"),
    ActionSpec("app.quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), "close", "Ctrl+Q"),
    ActionSpec(
        "client.search",
        QT_TRANSLATE_NOOP("Actions", "&Find client"),
        "focus_search",
        "Ctrl+F",
        menu="view",
        scope=Scope.PANE,
    ),
    ActionSpec(
        "view.refresh",
        QT_TRANSLATE_NOOP("Actions", "&Refresh"),
        "refresh_current",
        "F5",
        menu="view",
    ),
    ActionSpec(
        "help.shortcuts",
        QT_TRANSLATE_NOOP("Actions", "&Keyboard shortcuts"),
        "show_shortcuts",
        "F1",
        menu="help",
    ),
    ActionSpec(
        "help.first_day",
        QT_TRANSLATE_NOOP("Actions", "&First-day checklist"),
        "show_first_day",  # bound by the composition root (ui/first_day.py): needs data
        menu="help",
    ),
    ActionSpec(
        "help.log_folder",
        QT_TRANSLATE_NOOP("Actions", "Open &log folder"),
        "open_log_folder",
        menu="help",
    ),
    ActionSpec(
        "help.about",
        QT_TRANSLATE_NOOP("Actions", "&About The5HC Desktop"),
        "show_about",
        menu="help",
    ),
)


class ActionRegistry(QObject):
    """Builds one QAction per spec and wires it to at most one handler."""

    def __init__(
        self, specs: Iterable[ActionSpec] = CORE_ACTIONS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._specs: dict[str, ActionSpec] = {}
        self._actions: dict[str, QAction] = {}
        self._handlers: dict[str, Callable[[], object]] = {}
        for spec in specs:
            self.register(spec)

    def register(self, spec: ActionSpec) -> QAction:
        """Add an action (disabled until bound). Duplicate ids or shortcuts are errors."""
        if spec.id in self._specs:
            raise ValueError(f"action {spec.id!r} is already registered")
        if spec.shortcut:
            wanted = QKeySequence(spec.shortcut)
            for other in self._specs.values():
                if other.shortcut and QKeySequence(other.shortcut) == wanted:
                    raise ValueError(f"{spec.id}: shortcut {spec.shortcut} taken by {other.id}")
        action = QAction(QCoreApplication.translate(spec.tr_context, spec.text), self)
        action.setObjectName(f"action:{spec.id}")
        if spec.shortcut:
            action.setShortcut(QKeySequence(spec.shortcut))
        action.setEnabled(False)
        action.triggered.connect(lambda _checked=False, action_id=spec.id: self.trigger(action_id))
        self._specs[spec.id] = spec
        self._actions[spec.id] = action
        return action

    def bind(self, action_id: str, handler: Callable[[], object]) -> None:
        """Make `handler` run when the action triggers, and enable it."""
        self._handlers[action_id] = handler
        self._actions[action_id].setEnabled(True)

    def unbind(self, action_id: str) -> None:
        self._handlers.pop(action_id, None)
        self._actions[action_id].setEnabled(False)

    def set_enabled(self, action_id: str, enabled: bool) -> None:
        """Enable or disable a bound action (an unbound one stays disabled)."""
        self._actions[action_id].setEnabled(enabled and action_id in self._handlers)

    def is_bound(self, action_id: str) -> bool:
        return action_id in self._handlers

    def trigger(self, action_id: str) -> None:
        handler = self._handlers.get(action_id)
        if handler is not None and self._actions[action_id].isEnabled():
            handler()

    def spec(self, action_id: str) -> ActionSpec:
        return self._specs[action_id]

    def action(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def specs(self, menu: str | None = None) -> list[ActionSpec]:
        """Specs in registration order; with `menu`, only that menu's."""
        return [s for s in self._specs.values() if menu is None or s.menu == menu]

    def __contains__(self, action_id: object) -> bool:
        return action_id in self._specs
