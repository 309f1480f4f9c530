"""세션 관리: calendar, booking, today's sessions, packages, payments and receipts.

The main window gets the pane through `create_pane(services, actor, messages)`
(ui/app_panes.py builds panes by that convention). The composition root connects:

- `ClientsPane.sell_package_requested(client_id)` → `SessionsPane.sell_package`
- `ClientsPane.book_session_requested(client_id)` → `SessionsPane.book_session`
- its writes reach the panes that show balances or revenue through the change bus
"""

from __future__ import annotations

from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui.messages import MessageBridge

from .book_dialog import BookSessionDialog
from .pane import SessionsPane
from .pane_services import SessionsPaneServices
from .receipt import ReceiptDialog
from .sell_dialog import SellPackageDialog

__all__ = [
    "BookSessionDialog",
    "ReceiptDialog",
    "SellPackageDialog",
    "SessionsPane",
    "create_pane",
]


def create_pane(
    services: SessionsPaneServices, actor: Actor, messages: MessageBridge
) -> SessionsPane:
    return SessionsPane(services, actor, messages)
