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
    link_dashboard_lists(window, panes.get("dashboardPane"), clients, sessions)
    if clients is not None and sessions is not None:
        clients.sell_package_requested.connect(sessions.sell_package)
        clients.book_session_requested.connect(sessions.book_session)


def link_dashboard_lists(window: MainWindow, dashboard: Any, clients: Any, sessions: Any) -> None:
    """The dashboard's upcoming bookings open in the calendar, its new members on their page."""
    lists = getattr(dashboard, "upcoming", None)
    if lists is None:
        return
    if clients is not None:
        def open_client(client_id: uuid.UUID, name: str) -> None:
            window.show_pane(clients.object_name)
            clients.open_client(client_id, name)

        lists.client_requested.connect(open_client)
    if sessions is not None:
        def open_session(view: Any) -> None:
            window.show_pane(sessions.object_name)
            sessions.schedule.show_day(view.starts_at.date())
            sessions.schedule.show_session(view)

        lists.session_requested.connect(open_session)
