"""평가 실시: the assessment wizard and its pane.

The main window gets the pane through `create_pane(services, actor, messages)`
(ui/app_panes.py builds panes by that convention).
"""

from __future__ import annotations

from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui.messages import MessageBridge

from .pane import AssessmentPane
from .pane_services import AssessmentPaneServices
from .wizard import AssessmentWizard

__all__ = ["AssessmentPane", "AssessmentWizard", "create_pane"]


def create_pane(
    services: AssessmentPaneServices, actor: Actor, messages: MessageBridge
) -> AssessmentPane:
    return AssessmentPane(services, actor, messages)
