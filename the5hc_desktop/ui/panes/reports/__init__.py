"""리포트: preview, print and save assessment and comparison reports; export many at once.

The main window gets the pane through `create_pane(services, actor, messages)`
(ui/app_panes.py builds panes by that convention).
"""

from __future__ import annotations

from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui.messages import MessageBridge

from .pane import ReportsPane
from .pane_services import ReportsPaneServices

__all__ = ["ReportsPane", "ReportsPaneServices", "create_pane"]


def create_pane(
    services: ReportsPaneServices, actor: Actor, messages: MessageBridge
) -> ReportsPane:
    return ReportsPane(services, actor, messages)
