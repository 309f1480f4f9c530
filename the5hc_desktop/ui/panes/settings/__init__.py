"""설정 pane: gym settings, staff accounts and one's own password."""

from the5hc_desktop.ui.panes.settings.pane import SettingsPane

__all__ = ["SettingsPane"]
