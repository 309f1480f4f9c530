"""The start-up flow of the window app: open the database, first run or sign-in, main window.

Every step that touches the database runs on the worker lane; dialogs are shown
non-modally and the next step follows their `accepted` signal, so no nested event loop
holds the worker's busy cursor. Sign-out closes the window and shows the sign-in dialog
again; the flow ends (emits `finished`) when a dialog is cancelled or the window closes.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from the5hc_desktop import startup_gc
from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.services import Services, maintenance, open_services
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.settings import DEMO_SIGN_IN, GymSettings
from the5hc_desktop.services.soundness import SoundnessCheck
from the5hc_desktop.ui import i18n, worker
from the5hc_desktop.ui.app import demo_db_path, show_fatal
from the5hc_desktop.ui.app_links import link_panes
from the5hc_desktop.ui.app_panes import (
    PANES,
    PaneDeps,
    PaneSet,
    build_panes,
    panes_before_first_paint,
)
from the5hc_desktop.ui.change_bus import ChangeBus, follow_changes
from the5hc_desktop.ui.crash import PreviousCrash
from the5hc_desktop.ui.dialogs import Dialogs
from the5hc_desktop.ui.first_day import bind_first_day
from the5hc_desktop.ui.main_window import MainWindow, StaffStatus
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.settings.staff_dialogs import ChangePasswordDialog
from the5hc_desktop.ui.signin import FirstRunDialog, NewGym, SignInDialog, SignInResult
from the5hc_desktop.ui.source_lines import forget_source_lines
from the5hc_desktop.ui.sync_controller import SyncController
from the5hc_desktop.ui.sync_status import SyncStatusButton, ask_secret

log = logging.getLogger("the5hc.ui.app")

DEMO_CLIENTS = 300  # a small gym: quick to generate, enough to look around
# The collector paused from 로그인 to the complete window resumes after this regardless.
GC_PAUSE_LIMIT_MS = 10_000
_DEMO_CHOSEN = "demo"
_JOIN_CHOSEN = "join"


@dataclass(frozen=True)
class Opened:
    """What the worker learnt while opening the database."""

    services: Services
    first_run: bool
    demo: bool
    settings: GymSettings
    soundness: SoundnessCheck  # the quick integrity check, running beside sign-in


@dataclass(frozen=True)
class SignedIn:
    actor: Actor
    must_change_password: bool


def open_database(path: Path, soundness: SoundnessCheck | None = None) -> Opened:
    """Open (migrating if needed) and read what the start needs. Runs on the worker.

    The integrity check runs on its own thread (`soundness`, started now unless the
    process started it already); signing in waits for it (`Opened.soundness`).
    """
    if soundness is None:
        soundness = SoundnessCheck(path).start()
    soundness.wait_for_decision()
    services = open_services(path, quick_check=False)
    try:
        return Opened(services, services.accounts.needs_first_run(),
                      services.accounts.is_demo(), services.settings.get(), soundness)
    except BaseException:
        services.close()
        raise


def open_demo_database(progress: Callable[[float], None] = lambda _f: None) -> Opened:
    """The demo database in the data folder, generated on first use. Runs on the worker.

    It is generated under a temporary name and renamed when complete, so an interrupted
    run never leaves a half-made demo behind.
    """
    from the5hc_desktop.services import demo

    path = demo_db_path()
    if not path.exists():
        part = path.with_name(path.name + ".part")
        for leftover in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
            leftover.unlink(missing_ok=True)
        demo.create_demo_file(part, DEMO_CLIENTS, progress=progress)
        part.replace(path)
    return open_database(path)


@dataclass(frozen=True)
class Restored:
    opened: Opened  # the file, reopened (restored, or as it was when refused)
    refused: The5HCError | None
    signed_in: bool  # the user is still an active account with the same role in it


def restore_and_reopen(services: Services, path: Path, source: Path, actor: Actor) -> Restored:
    """Worker: close, restore (refused while another program has the file), reopen."""
    services.close()
    refused: The5HCError | None = None
    try:
        saved = maintenance.restore(path, source)
    except The5HCError as error:
        refused, saved = error, None
    opened = open_database(path)
    if refused is None:
        opened.services.maintenance.note_restored(source, saved)
    try:
        opened.services.accounts.me(actor)
        still = True
    except The5HCError:
        still = False
    return Restored(opened, refused, still)


def must_change_password(services: Services, actor: Actor) -> bool:
    """Whether the account carries a temporary password that must be replaced now."""
    return services.accounts.me(actor).must_change_password


class _FirstPaint(QObject):
    """Calls back once, just after the watched widget first painted."""

    def __init__(self, widget: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback = callback
        self._done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            QTimer.singleShot(0, self, self.fire)  # after the paint has been delivered
        return False

    def fire(self) -> None:
        if not self._done:
            self._done = True
            self._widget.removeEventFilter(self)
            self._callback()


def after_first_paint(widget: QWidget, callback: Callable[[], object]) -> None:
    """Call `callback` once, just after `widget` first painted (or after 1 s regardless)."""
    watcher = _FirstPaint(widget, callback)
    QTimer.singleShot(1000, watcher, watcher.fire)  # a window that never paints still fills


class _Settled(QObject):
    """Calls back once the first pane has its figures and the worker lanes are idle."""

    def __init__(self, owner: QObject, callback: Callable[[], object], limit_ms: int,
                 first_loaded: Callable[[], bool]) -> None:
        super().__init__(owner)
        self._callback = callback
        self._first_loaded = first_loaded
        self._timer = QTimer(self)
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._check)
        self._turns = 0
        self._limit_turns = max(1, limit_ms // 10)

    def start(self) -> None:
        self._timer.start()

    def _check(self) -> None:
        self._turns += 1
        # Two turns first: the shown pane starts its load just after its own first paint;
        # a pane that says when its first load is over is waited for (a busy machine may
        # leave the lanes idle for a moment before that load is even asked for).
        settled = self._turns > 2 and self._first_loaded() and worker.current().is_idle()
        if settled or self._turns >= self._limit_turns:
            self._timer.stop()
            self.deleteLater()
            self._callback()


def when_settled(owner: QObject, callback: Callable[[], object], limit_ms: int = 2000,
                 first_loaded: Callable[[], bool] = lambda: True) -> None:
    """Call `callback` once `first_loaded()` and no worker task is pending, or after
    `limit_ms` regardless.

    The panes not shown yet are built then: building them earlier would compete with the
    shown pane's first load for the interpreter, and the figures are what the user waits
    for.
    """
    _Settled(owner, callback, limit_ms, first_loaded).start()


def _first_load_done(pane: object) -> bool:
    """The pane's own word on its first load (`first_load_done()`), True when it has none."""
    done = getattr(pane, "first_load_done", None)
    return bool(done()) if callable(done) else True


class _DamageReport(QObject):
    """Carries the background integrity check's finding from its thread to the GUI's."""

    found = Signal(object)

    def __init__(self, parent: QObject, handler: Callable[[The5HCError], object]) -> None:
        super().__init__(parent)
        self._handler = handler
        self.found.connect(self._deliver)  # queued: this object lives on the GUI thread

    def report(self, error: The5HCError) -> None:
        """Any thread."""
        with contextlib.suppress(RuntimeError):  # the app has ended meanwhile
            self.found.emit(error)

    def _deliver(self, error: The5HCError) -> None:
        self._handler(error)


class SignInFlow(QObject):
    finished = Signal(int)  # exit code
    panes_added = Signal()  # every pane is in the window
    ui_shown = Signal()  # a dialog or the window is up: the splash can go

    def __init__(
        self,
        messages: MessageBridge,
        db_path: Path,
        *,
        use_language: Callable[[str], object] = lambda _language: None,
        previous_crash: PreviousCrash | None = None,
        soundness: SoundnessCheck | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`soundness`: the integrity check of `db_path`, when the process started it."""
        super().__init__(parent)
        self._early_check = soundness
        self._messages = messages
        self._db_path = db_path
        self._use_language = use_language
        self._previous_crash = previous_crash
        self.services: Services | None = None
        self._soundness: SoundnessCheck | None = None
        self._demo = False
        self.window: MainWindow | None = None
        self.bus: ChangeBus | None = None
        self.sync: SyncController | None = None
        self._join_secret: str | None = None  # typed while joining, no keyring: this run only
        self.dialog: QWidget | None = None
        self.missing_panes: list[str] = []
        self.pane_problems: list[str] = []
        self.panes_complete = False
        self._damage_report = _DamageReport(self, self._damage_found)

    # --- opening -----------------------------------------------------------------------
    def start(self) -> None:
        log.info("opening the database")
        early, self._early_check = self._early_check, None
        worker.run(
            lambda _ctx: open_database(self._db_path, early),
            self._opened,
            on_failure=self._open_failed,
            progress_label=self.tr("Opening the database…"),
            cancellable=False,
        )

    def _open_failed(self, error: The5HCError) -> None:
        startup_gc.resume()
        self.ui_shown.emit()
        show_fatal(error)
        self.finished.emit(1)

    def _opened(self, opened: Opened) -> None:
        self.use(opened)
        if opened.first_run:
            self._show_first_run()
        else:
            self._show_sign_in()

    def use(self, opened: Opened) -> None:
        if self.services is not None and self.services is not opened.services:
            self._stop_sync()
            self.services.close()
        self.services = opened.services
        self._soundness = opened.soundness
        self._demo = opened.demo
        # The screen language is the Windows user's own (settings/language.py): a database
        # never switches it.

    # --- first run -----------------------------------------------------------------------
    def _show_first_run(self) -> None:
        dialog = FirstRunDialog(self._create_gym, lambda: _DEMO_CHOSEN,
                                join_gym=lambda: _JOIN_CHOSEN)
        dialog.accepted.connect(lambda: self._first_run_done(dialog))
        dialog.rejected.connect(lambda: self.finished.emit(0))
        self._show_dialog(dialog)

    def _create_gym(self, new: NewGym) -> SignedIn:
        """Worker: the gym, its owner, and the owner signed in (no second password prompt)."""
        services = self._require_services()
        self._require_sound()
        services.accounts.create_gym_and_owner(new.gym_name, new.owner_name, new.username,
                                               new.password, new.email)
        return SignedIn(services.accounts.sign_in(new.username, new.password), False)

    def _first_run_done(self, dialog: FirstRunDialog) -> None:
        outcome = dialog.outcome
        if isinstance(outcome, SignedIn):
            self._signed_in(outcome)
        elif outcome == _DEMO_CHOSEN:
            self.open_demo()
        elif outcome == _JOIN_CHOSEN:
            self._show_join()

    def _show_join(self) -> None:
        """기존 센터에 연결: set up sync, download the gym, then sign in as its staff."""
        from the5hc_desktop.ui.sync_join import JoinGymDialog

        services = self._require_services()
        dialog = JoinGymDialog(services.sync)
        dialog.accepted.connect(lambda: self._joined(dialog))
        dialog.rejected.connect(self._show_first_run)
        self._show_dialog(dialog)

    def _joined(self, dialog: QWidget) -> None:
        secret = getattr(dialog, "secret_for_run", None)
        if secret:
            self._join_secret = secret
        self._show_sign_in()

    def open_demo(self) -> None:
        """Generate (first time) and open the demo database, with a progress bar."""
        worker.run(
            lambda ctx: open_demo_database(lambda f: ctx.report(round(f * 100), 100)),
            self._demo_opened,
            on_failure=self._demo_failed,
            progress_label=self.tr("Creating the demo database with sample members…"),
            cancellable=False,
        )

    def _demo_opened(self, opened: Opened) -> None:
        self.use(opened)
        self._show_sign_in()

    def _demo_failed(self, error: The5HCError) -> None:
        self._messages.show_error(error, dialog=True)
        self._show_first_run()

    # --- sign-in -------------------------------------------------------------------------
    def demo_hint(self) -> str | None:
        if not self._demo:
            return None
        username, password = DEMO_SIGN_IN
        return self.tr(
            "Demo database with sample members. Sign in as {username} with the password "
            "{password}."
        ).format(username=username, password=password)

    def _show_sign_in(self) -> None:
        dialog = SignInDialog(self._verify, demo_hint=self.demo_hint())
        dialog.accepted.connect(lambda: self._sign_in_done(dialog))
        dialog.rejected.connect(lambda: self.finished.emit(0))
        dialog.submitted.connect(self._sign_in_submitted)
        dialog.refused.connect(self._sign_in_refused)
        self._show_dialog(dialog)

    def _sign_in_submitted(self) -> None:
        """The collector paused from 로그인 until the window is complete (startup_gc.py)."""
        startup_gc.pause()
        QTimer.singleShot(GC_PAUSE_LIMIT_MS, self, startup_gc.resume)

    def _sign_in_refused(self) -> None:
        startup_gc.resume()

    def _verify(self, login: str, password: str) -> SignInResult:
        """Worker: a refusal raises SignInError, whose message the dialog shows."""
        services = self._require_services()
        self._require_sound()
        actor = services.accounts.sign_in(login, password)
        return SignInResult(True, actor=SignedIn(actor, must_change_password(services, actor)))

    def _sign_in_done(self, dialog: SignInDialog) -> None:
        result = dialog.result_value
        if result is not None and isinstance(result.actor, SignedIn):
            self._signed_in(result.actor)

    def _signed_in(self, signed: SignedIn) -> None:
        if not signed.must_change_password:
            self._load_settings(signed.actor)
            return
        startup_gc.resume()  # a new password is typed first
        services = self._require_services()
        actor = signed.actor
        dialog = ChangePasswordDialog(
            lambda old, new: services.accounts.change_password(actor, old, new), required=True)
        dialog.accepted.connect(lambda: self._load_settings(actor))
        dialog.rejected.connect(self._show_sign_in)
        self._show_dialog(dialog)

    # --- the main window ---------------------------------------------------------------------
    def _load_settings(self, actor: Actor) -> None:
        services = self._require_services()
        worker.run(lambda _ctx: services.settings.get(),
                   lambda settings: self.show_main(actor, settings), cancellable=False)

    def show_main(self, actor: Actor, settings: GymSettings) -> MainWindow:
        """The main window with the first pane; the others join right after it painted.

        Importing and building every pane before the window shows would cost the user
        that time at every start; the navigation gains its entries a moment later.
        """
        services = self._require_services()
        messages = self._messages
        language = i18n.current_language()
        window_box: list[MainWindow] = []

        def settings_saved(saved: GymSettings) -> None:
            if window_box:
                window_box[0].set_idle_minutes(saved.idle_lock_minutes)
                window_box[0].setWindowTitle(self._title(saved))

        sync = self._sync_controller(services)
        deps = PaneDeps(services, actor, messages, settings_saved, sync,
                        restore=lambda source: self.restore_database(source, actor))
        ahead = panes_before_first_paint(str(QSettings().value("window/last_pane", "")))
        first = build_panes(deps, PANES[:ahead])
        self.panes_complete = False
        window = MainWindow(
            staff=StaffStatus(actor.display_name, actor.role.label(language),
                              services.maintenance.location(), user_key=actor.username),
            messages=messages,
            verify_password=lambda password: services.accounts.verify_password(actor, password),
            panes=first.panes,
            idle_minutes=settings.idle_lock_minutes,
        )
        window_box.append(window)
        bind_first_day(window, services.first_day, actor)
        window.setWindowTitle(self._title(settings))
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(self._window_closed)
        window.sign_out_requested.connect(self.sign_out)
        self.window = window
        self._close_bus()
        self.bus = ChangeBus(services.changes, worker.current())
        follow_changes(self.bus, window.panes)
        self._show_sync_in(window, sync)
        self._drop_dialog()
        after_first_paint(window, lambda: when_settled(
            window, lambda: self._add_other_panes(window, deps, first, ahead),
            first_loaded=lambda: _first_load_done(window.current_pane())))
        window.show()
        self.ui_shown.emit()
        messages.success(self.tr("Welcome, {name}!").format(name=actor.display_name))
        if self._previous_crash is not None:
            messages.warning(self._previous_crash.message())
            self._previous_crash = None
        log.info("signed in staff %s", actor.staff_id)
        return window

    def _add_other_panes(
        self, window: MainWindow, deps: PaneDeps, built: PaneSet, index: int = 1
    ) -> None:
        """One pane per turn of the event loop, so the window stays responsive meanwhile."""
        if self.window is not window:  # signed out meanwhile
            return
        if index < len(PANES):
            step = build_panes(deps, PANES[index:index + 1])
            forget_source_lines()
            for pane in step.panes:
                window.add_pane(pane)
            built.panes += step.panes
            built.missing += step.missing
            built.problems += step.problems
            QTimer.singleShot(0, window, lambda: self._add_other_panes(window, deps, built,
                                                                       index + 1))
            return
        self.missing_panes, self.pane_problems = built.missing, built.problems
        startup_gc.resume()
        link_panes(window)
        if self.pane_problems:
            self._messages.warning(
                self.tr("Some screens could not be loaded. Details are in the log."))
        self.panes_complete = True
        self.panes_added.emit()
        log.info("%d panes; missing %s", len(window.panes()), self.missing_panes)
        self._check_in_background()

    # --- the day's integrity check (services/soundness.py) ---------------------------------
    def _check_in_background(self) -> None:
        """Now that the user works, the check due after a day without one."""
        if self._soundness is not None:
            self._soundness.start_background(self._damage_report.report)

    def _damage_found(self, error: The5HCError) -> None:
        """Damage found while the user works: say so plainly and lead to 설정 → 백업."""
        window = self.window
        title = self.tr("The database file is damaged")
        text = f"{error.message_ko}\n\n{error.message_en}"  # Korean first, as the CLI says it
        log.error("background integrity check: %s", error.message_en)
        settings = next((p for p in window.panes() if p.object_name == "settingsPane"),
                        None) if window is not None else None
        show_backup = getattr(settings, "show_backup", None)
        if window is None or show_backup is None or settings.backup_page is None:  # type: ignore[union-attr]
            Dialogs.error(window, title, text)  # no 백업 page for this account: tell the owner
            return
        question = self.tr("Open Settings → Backup now to restore the last good backup?")
        if Dialogs.ask(window, title, f"{text}\n\n{question}"):
            window.show_pane("settingsPane")
            show_backup()

    # --- 설정 → 백업 → 복원 -------------------------------------------------------------------
    def restore_database(self, source: Path, actor: Actor) -> None:
        """Close the window and this app's connection, restore, reopen, sign in again.

        The other lanes are drained first (a sync round or a dashboard read may still hold
        a connection). Refused while another program has the file open: then the same
        file reopens and the user is back where they were, with the reason.
        """
        services = self._require_services()
        self._close_bus()
        self._stop_sync()
        window, self.window, self.services = self.window, None, None
        if window is not None:
            window.destroyed.disconnect(self._window_closed)
            window.close()
        path = self._db_path

        def restore_now() -> None:
            worker.run(lambda _ctx: restore_and_reopen(services, path, source, actor),
                       lambda restored: self._restored(restored, actor),
                       on_failure=self._open_failed,
                       progress_label=self.tr("Restoring the backup…"),
                       cancellable=False)

        worker.run(lambda _ctx: None, lambda _none: worker.run(
            lambda _ctx: None, lambda _n: restore_now(), lane=worker.Lane.NETWORK),
            lane=worker.Lane.SLOW_READ)

    def _restored(self, restored: Restored, actor: Actor) -> None:
        self.use(restored.opened)
        if restored.refused is not None:
            self._messages.show_error(restored.refused, dialog=True)
        else:
            self._messages.success(self.tr("The backup was restored."))
        if restored.signed_in:
            self._load_settings(actor)
        else:
            self._show_sign_in()

    # --- sync ----------------------------------------------------------------------------------
    def _sync_controller(self, services: Services) -> SyncController:
        """One controller per open database: rounds go on while signed out."""
        if self.sync is None:
            self.sync = SyncController(services.sync, services.changes,
                                       ask_secret=lambda: ask_secret(self.window),
                                       parent=self)
            if self._join_secret:
                self.sync.remember_secret(self._join_secret)
            self.sync.new_conflicts.connect(self._conflicts_arrived)
            if services.sync.is_configured():  # set up: sync from the start
                self.sync.start()
        return self.sync

    def _show_sync_in(self, window: MainWindow, sync: SyncController) -> None:
        button = SyncStatusButton()
        button.show_state(sync.display)
        sync.state_changed.connect(button.show_state)
        window.install_sync_status(button)
        window.registry.bind("sync.now", sync.sync_now)

    def _conflicts_arrived(self, count: int) -> None:
        self._messages.warning(self.tr(
            "Sync: {count} conflict(s) were settled. See Settings → Sync → Conflict log."
        ).format(count=count))

    def _stop_sync(self) -> None:
        sync, self.sync = self.sync, None
        if sync is not None:
            sync.stop()
            sync.deleteLater()

    def _title(self, settings: GymSettings) -> str:
        if not settings.gym_name:
            return self.tr("The5HC Desktop")
        return self.tr("{gym} — The5HC Desktop").format(gym=settings.gym_name)

    def sign_out(self) -> None:
        self._close_bus()
        window, self.window = self.window, None
        self._show_sign_in()  # first, so a window is always up
        if window is not None:
            window.destroyed.disconnect(self._window_closed)
            window.close()

    def _window_closed(self) -> None:
        self._close_bus()
        self._stop_sync()
        self.window = None
        self.finished.emit(0)

    # --- helpers -------------------------------------------------------------------------
    def _show_dialog(self, dialog: QWidget) -> None:
        startup_gc.resume()  # a dialog waits for a person: the start is over
        self._drop_dialog()
        self.dialog = dialog
        dialog.show()
        self.ui_shown.emit()

    def _drop_dialog(self) -> None:
        # deleteLater, not WA_DeleteOnClose: the worker may still call the dialog's
        # on_done right after the callback that moved the flow on.
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()

    def _close_bus(self) -> None:
        bus, self.bus = self.bus, None
        if bus is not None:
            bus.close()
            bus.deleteLater()

    def _require_sound(self) -> None:
        """Worker: wait for the start-up integrity check; a damaged file raises."""
        if self._soundness is not None:
            self._soundness.require_sound()

    def _require_services(self) -> Services:
        if self.services is None:
            raise RuntimeError("the database is not open yet")
        return self.services

    def close(self) -> None:
        """At exit: the window (saving its layout) and the database."""
        startup_gc.resume()
        self._drop_dialog()
        self._close_bus()
        self._stop_sync()
        if self.window is not None:
            self.window.destroyed.disconnect(self._window_closed)
            self.window.close()
            self.window = None
        if self.services is not None:
            self.services.close()
            self.services = None
