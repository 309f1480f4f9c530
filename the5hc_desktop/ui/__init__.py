"""Qt user interface: main window, panes, dialogs. Reaches data only through services."""

from the5hc_desktop.ui import qt_workarounds

qt_workarounds.apply()  # before any signal is emitted from Python
