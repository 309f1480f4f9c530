"""Pane registration: the explicit list, in navigation order; absent packages are left out,
broken ones reported."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from ui_app_seed import Gym

from the5hc_desktop.services import Services
from the5hc_desktop.ui import app_panes
from the5hc_desktop.ui.app_panes import PANES, PaneDeps, build_panes
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.pane import Pane


def test_the_list_is_in_navigation_order() -> None:
    assert [name for name, _package, _factory in PANES] == [
        "dashboard", "clients", "assessment", "sessions", "reports", "analytics",
        "settings"]


def _deps(services: Services, gym: Gym, messages: MessageBridge) -> PaneDeps:
    return PaneDeps(services, gym.owner, messages, lambda _settings: None)


def test_absent_and_broken_panes(services: Services, gym: Gym, messages: MessageBridge,
                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "half_made_pane").mkdir()  # a folder without __init__.py yet
    monkeypatch.syspath_prepend(str(tmp_path))

    def broken(_module: ModuleType, _deps: PaneDeps) -> Pane:
        raise ValueError("broken on purpose")

    entries = [
        ("ghost", "the5hc_desktop.ui.panes.no_such_pane", broken),
        ("namespace", "half_made_pane", broken),
        ("settings", "the5hc_desktop.ui.panes.settings", broken),
    ]
    result = build_panes(_deps(services, gym, messages), entries)
    assert result.panes == []
    assert result.missing == ["ghost", "namespace"]
    assert result.problems == ["settings: ValueError: broken on purpose"]


def test_a_missing_dependency_inside_a_pane_is_a_problem_not_an_absence(
        services: Services, gym: Gym, messages: MessageBridge,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(name: str) -> ModuleType:
        raise ModuleNotFoundError("No module named 'not_installed'", name="not_installed")

    monkeypatch.setattr(app_panes.importlib, "import_module", fail)
    result = build_panes(_deps(services, gym, messages), PANES[:1])
    assert result.missing == []
    assert result.problems == ["dashboard: ModuleNotFoundError: No module named 'not_installed'"]
