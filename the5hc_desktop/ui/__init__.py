"""Qt user interface: main window, panes, dialogs. Reaches data only through services."""
