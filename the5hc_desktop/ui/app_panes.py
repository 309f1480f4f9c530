"""Which panes the main window gets, in navigation order, and how each one is built.

The list is explicit: 대시보드 · 회원 관리 · 평가 실시 · 세션 관리 · 리포트 · 분석 · 설정.
A pane whose package is not there (yet) is left out; a package that is there but fails to
import is a bug, logged and reported (the self-test fails on it). Each factory passes the pane
exactly the services it uses, the signed-in actor and the message bridge: no global app
object.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from the5hc_desktop.services import Services
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.settings import GymSettings
from the5hc_desktop.ui import i18n
from the5hc_desktop.ui.list_print import ListPrinter
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.pane import Pane
from the5hc_desktop.ui.panes.dashboard.upcoming import attach_upcoming

log = logging.getLogger("the5hc.ui.app")


@dataclass(frozen=True)
class PaneDeps:
    """What the composition root hands to the pane factories."""

    services: Services
    actor: Actor
    messages: MessageBridge
    on_settings_saved: Callable[[GymSettings], object]
    sync_controller: Any = None  # ui.sync_controller.SyncController, for 설정 → 동기화
    restore: Any = None  # Callable[[Path], object]: 설정 → 백업 → 복원 (the flow's)


def _dashboard(module: ModuleType, deps: PaneDeps) -> Pane:
    pane: Pane = module.DashboardPane(deps.services.dashboard, deps.actor, deps.messages)
    attach_upcoming(pane, deps.services.dashboard_lists)  # type: ignore[arg-type]
    pane.printing = _printer(deps)  # type: ignore[attr-defined]  # Ctrl+P: today's schedule
    return pane


def _printer(deps: PaneDeps) -> ListPrinter:
    return ListPrinter(deps.services.settings, deps.actor, deps.messages,
                       i18n.current_language())


def _clients(module: ModuleType, deps: PaneDeps) -> Pane:
    pane: Pane = module.ClientsPane(
        deps.services.clients, deps.services.accounts, deps.actor, deps.messages,
        merge=deps.services.merge)
    # The member page's sessions and payments, and its printouts (the clients package is
    # imported by now: this import costs nothing at start-up).
    from the5hc_desktop.ui.panes.clients.history import MemberRecords

    pane.records = MemberRecords(deps.services.sessions,  # type: ignore[attr-defined]
                                 deps.services.packages)
    pane.printing = _printer(deps)  # type: ignore[attr-defined]
    return pane


def _settings(module: ModuleType, deps: PaneDeps) -> Pane:
    pane: Pane = module.SettingsPane(
        deps.services.settings, deps.services.accounts, deps.actor, deps.messages,
        on_saved=deps.on_settings_saved, sync=deps.services.sync,
        sync_controller=deps.sync_controller, maintenance=deps.services.maintenance,
        restore=deps.restore,
    )
    pane.printing = _printer(deps)  # type: ignore[attr-defined]  # Ctrl+P: the staff list
    return pane


def _by_convention(module: ModuleType, deps: PaneDeps) -> Pane:
    """A pane package exposing `create_pane(services, actor, messages)`."""
    pane: Pane = module.create_pane(deps.services, deps.actor, deps.messages)
    if hasattr(pane, "printing"):  # a pane that prints its lists (Ctrl+P)
        pane.printing = _printer(deps)
    return pane


Factory = Callable[[ModuleType, PaneDeps], Pane]
PaneEntry = tuple[str, str, Factory]  # short name, package, factory

# Navigation order: 대시보드 · 회원 관리 · 평가 실시 · 세션 관리 · 리포트 · 분석 · 설정.
PANES: tuple[PaneEntry, ...] = (
    ("dashboard", "the5hc_desktop.ui.panes.dashboard", _dashboard),
    ("clients", "the5hc_desktop.ui.panes.clients", _clients),
    ("assessment", "the5hc_desktop.ui.panes.assessment", _by_convention),
    ("sessions", "the5hc_desktop.ui.panes.sessions", _by_convention),
    ("reports", "the5hc_desktop.ui.panes.reports", _by_convention),
    ("analytics", "the5hc_desktop.ui.panes.analytics", _by_convention),
    ("settings", "the5hc_desktop.ui.panes.settings", _settings),
)


@dataclass
class PaneSet:
    panes: list[Pane] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # packages not installed (yet)
    problems: list[str] = field(default_factory=list)  # packages present but broken


def _import(package: str) -> ModuleType | None:
    """The pane package, or None when it does not exist; other import errors propagate."""
    try:
        module = importlib.import_module(package)
    except ModuleNotFoundError as error:
        if error.name is not None and package.startswith(error.name):
            return None  # the package itself (or its parent) is absent
        raise
    # A folder without __init__.py imports as a namespace package: not a finished pane.
    return module if getattr(module, "__file__", None) else None


def panes_before_first_paint(last_pane: str) -> int:
    """How many of PANES to build before the window shows.

    Through the pane the user left last (named "<entry>Pane"), so it is there at the first
    paint: switching to it once the others are built would move the window under the
    cursor seconds after sign-in. An unknown name restores nothing: only the first pane.
    """
    names = [f"{name}Pane" for name, _package, _factory in PANES]
    return names.index(last_pane) + 1 if last_pane in names else 1


def build_panes(deps: PaneDeps, entries: Sequence[PaneEntry] = PANES) -> PaneSet:
    """Import and build the panes of `entries` (in order) that are installed."""
    result = PaneSet()
    for name, package, factory in entries:
        try:
            module = _import(package)
            if module is None:
                result.missing.append(name)
                log.info("pane %s not installed; left out", name)
                continue
            result.panes.append(factory(module, deps))
        except Exception as error:  # one broken pane must not stop the others
            log.exception("pane %s could not be built", name)
            result.problems.append(f"{name}: {type(error).__name__}: {error}")
    return result
