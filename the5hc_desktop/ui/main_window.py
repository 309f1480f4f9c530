"""The main window: navigation, the pane stack, status bar, menus and the idle lock.

It assembles; it decides nothing about members, money or sessions. Panes arrive through
`add_pane` (see `ui/pane.py`), actions come from the registry (`ui/actions.py`), messages
from the bridge, and the password check for unlocking from the composition root.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QSettings,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop import __version__, paths
from the5hc_desktop.ui.actions import ActionRegistry, ActionSpec, Scope
from the5hc_desktop.ui.dialogs import ERROR_COLOUR, Dialogs
from the5hc_desktop.ui.icons import badge_icon, pane_icon
from the5hc_desktop.ui.lock import DEFAULT_IDLE_MINUTES, IdleMonitor, LockScreen
from the5hc_desktop.ui.messages import Level, MessageBridge
from the5hc_desktop.ui.pane import Pane, actions_of
from the5hc_desktop.ui.view_state import restore_view_state, save_view_state

__all__ = ["MainWindow", "Pane", "StaffStatus"]

_MESSAGE_SECONDS = {Level.INFO: 10, Level.SUCCESS: 10, Level.WARNING: 20, Level.ERROR: 0}
_MESSAGE_COLOURS = {Level.SUCCESS: "#2e7d32", Level.WARNING: "#e65100", Level.ERROR: ERROR_COLOUR}
_GROUP_STARTS = {"sync.now", "app.lock", "app.quit"}  # a separator goes before these


@dataclass(frozen=True)
class StaffStatus:
    """Who is signed in and which database is open, for the status bar."""

    display_name: str
    role_label: str  # already in the UI language, e.g. Role.label("ko") -> "소유자"
    database: str  # path of the database file in use
    user_key: str = ""  # the username: table layouts are kept per user


class MainWindow(QMainWindow):
    sign_out_requested = Signal()
    locked = Signal()
    unlocked = Signal()
    pane_changed = Signal(str)  # object_name

    def __init__(
        self,
        *,
        staff: StaffStatus,
        messages: MessageBridge,
        verify_password: Callable[[str], bool],
        panes: Iterable[Pane] = (),
        settings: QSettings | None = None,
        idle_minutes: float = DEFAULT_IDLE_MINUTES,
        clock: Callable[[], float] = time.monotonic,
        idle_check_ms: int = 10_000,
        registry: ActionRegistry | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("The5HC Desktop"))
        self._staff = staff
        self._messages = messages
        self._verify_password = verify_password
        self._settings = settings if settings is not None else QSettings()
        self.registry = registry if registry is not None else ActionRegistry(parent=self)
        self._panes: list[Pane] = []
        self._current_handlers: dict[tuple[str, str], Callable[[], object]] = {}
        self._lock_screen: LockScreen | None = None
        self._shown_once = False

        self._build_central()
        self._build_status_bar()
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.clear_message)
        messages.message.connect(self.show_status_message)
        messages.dialog_requested.connect(self._show_message_dialog)

        self.idle_monitor = IdleMonitor(
            idle_minutes * 60, clock=clock, check_interval_ms=idle_check_ms, parent=self
        )
        self.idle_monitor.timed_out.connect(self.lock)

        self._build_menus()
        self._bind_window_actions()
        for pane in panes:
            self.add_pane(pane)
        self._rebuild_menus()
        self._restore_window_state()

    # --- construction ------------------------------------------------------------------
    def _build_central(self) -> None:
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(24, 24))
        self.navigation.setMinimumWidth(150)
        self.navigation.setSpacing(2)
        self.navigation.currentRowChanged.connect(self._on_navigation)
        self.stack = QStackedWidget()
        self.stack.setObjectName("paneStack")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([190, 1090])

        self.locked_page = QWidget()
        self.locked_page.setObjectName("lockedPage")
        locked_label = QLabel(self.tr("Locked"))
        locked_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        locked_label.setStyleSheet("font-size: 20pt; color: #607d8b;")
        reopen = QPushButton(self.tr("Unlock…"))
        reopen.setObjectName("lockedPageUnlockButton")
        reopen.clicked.connect(self.lock)
        layout = QVBoxLayout(self.locked_page)
        layout.addStretch(1)
        layout.addWidget(locked_label)
        layout.addWidget(reopen, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

        self.root = QStackedWidget()
        self.root.setObjectName("rootStack")
        self.root.addWidget(self.splitter)
        self.root.addWidget(self.locked_page)
        self.setCentralWidget(self.root)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.message_label = QLabel()
        self.message_label.setObjectName("statusMessage")
        self.staff_label = QLabel()
        self.staff_label.setObjectName("statusStaff")
        self.database_label = QLabel()
        self.database_label.setObjectName("statusDatabase")
        self.sync_label = QLabel(self.tr("Offline"))
        self.sync_label.setObjectName("statusSync")
        bar.addWidget(self.message_label, 1)
        for label in (self.staff_label, self.database_label, self.sync_label):
            label.setContentsMargins(10, 0, 10, 0)
            bar.addPermanentWidget(label)
        self.set_staff(self._staff)

    def _bind_window_actions(self) -> None:
        for spec in self.registry.specs():
            if spec.scope is Scope.WINDOW:
                handler = getattr(self, spec.slot, None)
                if callable(handler) and not self.registry.is_bound(spec.id):
                    self.registry.bind(spec.id, handler)
            self.addAction(self.registry.action(spec.id))  # shortcuts work without a menu

    def _build_menus(self) -> None:
        titles = {"file": self.tr("&File"), "view": self.tr("&View"), "help": self.tr("&Help")}
        self.menus: dict[str, QMenu] = {}
        for menu_id, title in titles.items():
            menu = self.menuBar().addMenu(title)
            menu.setObjectName(f"menu{menu_id.capitalize()}")
            self.menus[menu_id] = menu

    def _rebuild_menus(self) -> None:
        """Refill the menus from the registry (panes may have added actions)."""
        for menu_id, menu in self.menus.items():
            menu.clear()
            previous: ActionSpec | None = None
            for spec in self.registry.specs(menu_id):
                starts_group = spec.id in _GROUP_STARTS or (
                    previous is not None
                    and not previous.id.startswith("nav.")
                    and spec.id.startswith("nav.")
                )
                if previous is not None and starts_group:
                    menu.addSeparator()
                menu.addAction(self.registry.action(spec.id))
                previous = spec

    # --- panes -------------------------------------------------------------------------
    def add_pane(self, pane: Pane) -> None:
        if any(p.object_name == pane.object_name for p in self._panes):
            raise ValueError(f"a pane named {pane.object_name!r} is already registered")
        widget = pane.widget
        if not widget.objectName():
            widget.setObjectName(pane.object_name)
        index = len(self._panes)
        self._panes.append(pane)
        self.stack.addWidget(widget)
        icon = (getattr(pane, "icon", None) or pane_icon(pane.object_name)
                or badge_icon(pane.title, index))
        item = QListWidgetItem(icon, pane.title)
        item.setData(Qt.ItemDataRole.UserRole, pane.object_name)
        item.setToolTip(pane.title)
        self.navigation.addItem(item)
        self._register_pane_actions(pane)
        self._register_navigation_action(pane, index)
        restore_view_state(self._settings, widget, self._layout_group(pane))
        if index == 0:  # shown without refresh; the first showEvent refreshes it
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(0)
            self.navigation.blockSignals(False)
            self.stack.setCurrentIndex(0)
        self._rebuild_menus()

    def _register_pane_actions(self, pane: Pane) -> None:
        for entry in actions_of(pane):
            spec = entry if isinstance(entry, ActionSpec) else self.registry.spec(entry)
            if spec.id not in self.registry:
                self.addAction(self.registry.register(spec))
            handler = getattr(pane, spec.slot)
            if spec.scope is Scope.PANE:
                if self.registry.is_bound(spec.id):
                    raise ValueError(f"action {spec.id} is already handled by another pane")
                self.registry.bind(spec.id, self._pane_dispatcher(pane.object_name, handler))
            elif spec.scope is Scope.CURRENT:
                self._current_handlers[(pane.object_name, spec.id)] = handler
                if not self.registry.is_bound(spec.id):
                    self.registry.bind(spec.id, self._current_dispatcher(spec.id))
                self._update_current_actions()
            else:
                raise ValueError(f"{spec.id}: window-scope actions belong to the window")

    def _register_navigation_action(self, pane: Pane, index: int) -> None:
        shortcut = f"Ctrl+{index + 1}" if index < 9 else None
        spec = ActionSpec(f"nav.{pane.object_name}", pane.title, "show_pane", shortcut, "view")
        self.addAction(self.registry.register(spec))
        self.registry.bind(spec.id, lambda: self.show_pane(pane.object_name))

    def _pane_dispatcher(self, name: str, handler: Callable[[], object]) -> Callable[[], None]:
        def dispatch() -> None:
            current = self.current_pane()
            if current is None or current.object_name != name:
                self.show_pane(name)  # switching refreshes; Ctrl+F on the pane itself must not
            handler()

        return dispatch

    def _current_dispatcher(self, action_id: str) -> Callable[[], None]:
        def dispatch() -> None:
            pane = self.current_pane()
            handler = self._current_handlers.get((pane.object_name, action_id)) if pane else None
            if handler is not None:
                handler()

        return dispatch

    def _update_current_actions(self) -> None:
        pane = self.current_pane()
        for _name, action_id in self._current_handlers:
            claimed = pane is not None and (pane.object_name, action_id) in self._current_handlers
            self.registry.set_enabled(action_id, claimed)

    def panes(self) -> list[Pane]:
        return list(self._panes)

    def pane(self, object_name: str) -> Pane:
        for pane in self._panes:
            if pane.object_name == object_name:
                return pane
        raise KeyError(object_name)

    def current_pane(self) -> Pane | None:
        row = self.navigation.currentRow()
        return self._panes[row] if 0 <= row < len(self._panes) else None

    def show_pane(self, object_name: str) -> None:
        row = self._panes.index(self.pane(object_name))
        if row == self.navigation.currentRow():
            self._on_navigation(row)  # already showing: still refresh, as the user asked
        else:
            self.navigation.setCurrentRow(row)

    def _on_navigation(self, row: int) -> None:
        if not 0 <= row < len(self._panes):
            return
        self.stack.setCurrentIndex(row)
        pane = self._panes[row]
        self._update_current_actions()
        _refresh(pane)
        self.pane_changed.emit(pane.object_name)

    def visit_all_panes(self) -> list[str]:
        """Show every pane in turn (self-test); returns to the pane shown before."""
        before = self.current_pane()
        visited: list[str] = []
        for pane in self._panes:
            self.show_pane(pane.object_name)
            QCoreApplication.processEvents()
            pane.widget.grab()  # paints it: a broken paintEvent surfaces here
            visited.append(pane.object_name)
        if before is not None:
            self.show_pane(before.object_name)
        return visited

    # --- window-scope action handlers (names match ActionSpec.slot) ---------------------
    def refresh_current(self) -> None:
        pane = self.current_pane()
        if pane is not None:
            _refresh(pane)

    def sign_out(self) -> None:
        self.sign_out_requested.emit()

    def show_about(self) -> None:
        Dialogs.inform(
            self,
            self.tr("About The5HC Desktop"),
            self.tr(
                "The5HC Desktop {version}\nFitness assessment and training management "
                "for personal-training gyms."
            ).format(version=__version__),
        )

    def show_shortcuts(self) -> None:
        """도움말 → 단축키 (F1): every shortcut, from the registry."""
        from the5hc_desktop.ui.help import ShortcutsDialog

        dialog = ShortcutsDialog(self.registry, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_log_folder(self) -> None:
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # --- status bar --------------------------------------------------------------------
    def set_staff(self, staff: StaffStatus) -> None:
        self._staff = staff
        self.staff_label.setText(
            self.tr("{name} ({role})").format(name=staff.display_name, role=staff.role_label)
        )
        self.database_label.setText(
            self.tr("Database: {name}").format(name=Path(staff.database).name)
        )
        self.database_label.setToolTip(staff.database)

    def install_sync_status(self, widget: QWidget) -> None:
        """Sync is set up: `widget` (ui/sync_status.py) takes the place of the plain label."""
        bar = self.statusBar()
        bar.removeWidget(self.sync_label)
        self.sync_label.hide()
        widget.setContentsMargins(10, 0, 10, 0)
        bar.addPermanentWidget(widget)

    def set_sync_state(self, text: str) -> None:
        """The sync engine's state in words ("오프라인", "동기화 중…", "동기화됨 14:05")."""
        self.sync_label.setText(text)

    def show_status_message(self, level: str, text: str) -> None:
        colour = _MESSAGE_COLOURS.get(Level(level))
        self.message_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.message_label.setText(text)
        seconds = _MESSAGE_SECONDS[Level(level)]
        if seconds:
            self._message_timer.start(seconds * 1000)
        else:
            self._message_timer.stop()

    def clear_message(self) -> None:
        self._message_timer.stop()
        self.message_label.clear()

    def _show_message_dialog(self, level: str, text: str) -> None:
        if level == Level.ERROR:
            Dialogs.error(self, self.tr("The5HC"), text)
        else:
            Dialogs.inform(self, self.tr("The5HC"), text)

    # --- idle lock ---------------------------------------------------------------------
    def set_idle_minutes(self, minutes: float) -> None:
        """From the settings pane; 0 turns the idle lock off."""
        self.idle_monitor.set_timeout(minutes * 60)

    def is_locked(self) -> bool:
        return self.root.currentWidget() is self.locked_page

    @property
    def lock_screen(self) -> LockScreen | None:
        return self._lock_screen

    def lock(self) -> None:
        """Hide everything behind the lock screen; Ctrl+L, idle timeout or the locked page."""
        if self._lock_screen is not None:
            return
        was_locked = self.is_locked()
        self.idle_monitor.stop()
        self.clear_message()  # it may name a member ("김민수 회원이 등록되었습니다")
        self.root.setCurrentWidget(self.locked_page)
        self.menuBar().setEnabled(False)
        screen = LockScreen(self._verify_password, self._staff.display_name, self)
        screen.unlocked.connect(self._on_unlocked)
        screen.sign_out_requested.connect(self._sign_out_from_lock)
        self._lock_screen = screen
        screen.open()
        if not was_locked:
            self.locked.emit()

    def _on_unlocked(self) -> None:
        self._drop_lock_screen()
        self.root.setCurrentWidget(self.splitter)
        self.menuBar().setEnabled(True)
        self.idle_monitor.start()
        self.unlocked.emit()

    def _sign_out_from_lock(self) -> None:
        self._drop_lock_screen()  # the locked page stays: the root closes or re-signs in
        self.sign_out_requested.emit()

    def _drop_lock_screen(self) -> None:
        screen, self._lock_screen = self._lock_screen, None
        if screen is not None:
            screen.release()
            screen.deleteLater()

    # --- persistence and lifecycle -----------------------------------------------------
    def _restore_window_state(self) -> None:
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self._settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self._settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def _layout_group(self, pane: Pane) -> str:
        """Where a pane's table layout is kept: per signed-in user (one PC, many staff)."""
        user = self._staff.user_key
        base = f"panes/{pane.object_name}"
        return f"users/{user.replace('/', '_')}/{base}" if user else base

    def save_window_state(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self._settings.setValue("window/splitter", self.splitter.saveState())
        pane = self.current_pane()
        if pane is not None:
            self._settings.setValue("window/last_pane", pane.object_name)
        for each in self._panes:
            save_view_state(self._settings, each.widget, self._layout_group(each))
        self._settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._shown_once:
            return
        self._shown_once = True
        last = str(self._settings.value("window/last_pane", ""))
        names = [p.object_name for p in self._panes]
        if names:
            self.show_pane(last if last in names else names[0])
        if not self.is_locked():
            self.idle_monitor.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        self.idle_monitor.stop()
        self._message_timer.stop()
        self._drop_lock_screen()
        super().closeEvent(event)


def _refresh(pane: Pane) -> None:
    refresh = getattr(pane, "refresh", None)
    if callable(refresh):
        refresh()
