"""Requests one pane makes of another: a member's page starts an assessment, sells a package
or books a session in the pane that owns it.

Connected once, by the composition root, after every pane is in the window; a pane that is
missing simply has no link. Data changes do not travel here: every pane that shows an
entity hears of its changes on the change bus (ui/change_bus.py).
"""

from __future__ import annotations

import uuid
from typing import Any

from the5hc_desktop.ui.main_window import MainWindow


def link_panes(window: MainWindow) -> None:
    panes: dict[str, Any] = {pane.object_name: pane for pane in window.panes()}
    clients = panes.get("clientsPane")
    assessment = panes.get("assessmentPane")
    sessions = panes.get("sessionsPane")

    if clients is not None and assessment is not None:
        def new_assessment(client_id: uuid.UUID) -> None:
            window.show_pane(assessment.object_name)
            assessment.start_for_client(client_id)

        def open_assessment(assessment_id: uuid.UUID) -> None:
            window.show_pane(assessment.object_name)
            assessment.open_assessment(assessment_id)

        clients.new_assessment_requested.connect(new_assessment)
        clients.open_assessment_requested.connect(open_assessment)
    if clients is not None and sessions is not None:
        clients.sell_package_requested.connect(sessions.sell_package)
        clients.book_session_requested.connect(sessions.book_session)
