"""대시보드 pane: this month's figures, charts and short lists (docs/domain.md 8.1, 8.5)."""

from the5hc_desktop.ui.panes.dashboard.pane import DashboardPane

__all__ = ["DashboardPane"]
