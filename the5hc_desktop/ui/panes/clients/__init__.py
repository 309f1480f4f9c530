"""회원 관리 (clients) pane: the member list, search, one member's page and the form."""

from the5hc_desktop.ui.panes.clients.pane import ClientsPane

__all__ = ["ClientsPane"]
