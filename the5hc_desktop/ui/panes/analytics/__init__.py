"""분석 pane: per-trainer figures over a period, monthly revenue, sessions by weekday × hour."""

from __future__ import annotations

from the5hc_desktop.services import Services
from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.analytics.pane import AnalyticsPane


def create_pane(services: Services, actor: Actor, messages: MessageBridge) -> AnalyticsPane:
    return AnalyticsPane(services.analytics, actor, messages)


__all__ = ["AnalyticsPane", "create_pane"]
