"""What the main window needs from a pane (clients, dashboard, sessions, ...).

A pane is any object with:

    object_name: str      stable id, e.g. "clientsPane" (settings keys, tests, navigation)
    title: str            navigation text, already translated (self.tr("Clients"))
    widget: QWidget       what the stack shows (a QWidget pane may return itself)

and optionally:

    icon: QIcon                           navigation icon (default: a letter badge)
    watches: frozenset[str]               entity kinds the pane shows (services.changes
                                          names); while it is on screen, a change to one
                                          of them calls refresh() (ui/change_bus.py)
    refresh() -> None                     reload data; called when the pane is shown and
                                          on F5. Must not block: load through worker.run.
    pane_actions() -> Sequence[ActionSpec | str]
                                          ids of registry actions this pane handles (its
                                          method named by the spec's `slot` is called) and
                                          new ActionSpecs it adds to the menus. (Not
                                          `actions`: that is QWidget.actions() on a pane
                                          that is itself a widget.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget

from the5hc_desktop.ui.actions import ActionSpec

PaneAction = ActionSpec | str


@runtime_checkable
class Pane(Protocol):
    @property
    def object_name(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def widget(self) -> QWidget: ...


def actions_of(pane: Pane) -> Sequence[PaneAction]:
    """The pane's optional `pane_actions()` (a method or a plain sequence attribute)."""
    value = getattr(pane, "pane_actions", ())
    return tuple(value() if callable(value) else value)
