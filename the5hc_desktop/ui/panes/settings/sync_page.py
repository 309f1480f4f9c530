"""설정 → 동기화 (owner and senior): connect this desk to the gym's server, see how it is
doing, stop syncing, and the 충돌 기록.

Every call that talks to the server (연결 테스트, 동기화 시작) runs on the network lane;
reading the local status runs on the data lane. The secret goes to the keyring; where there
is none, the controller keeps it for this run and says so.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.sync_service import (
    ConnectionCheck,
    SetupResult,
    SyncService,
    SyncStatus,
)
from the5hc_desktop.sync.enrolment import normalize_secret
from the5hc_desktop.ui import gym_clock, worker
from the5hc_desktop.ui.dialogs import ask
from the5hc_desktop.ui.messages import MessageBridge, error_text
from the5hc_desktop.ui.sync_conflicts import ConflictLog
from the5hc_desktop.ui.sync_controller import INTERVAL_KEY, SyncController, interval_setting

SSL_MODES = ("verify-full", "verify-ca", "require", "disable")


class ServerForm(QWidget):
    """Code, secret, SSL mode and CA file: shared by this page and 기존 센터에 연결."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = QLineEdit()
        self.code.setObjectName("syncCode")
        self.code.setPlaceholderText(self.tr("Enrolment code from the server administrator"))
        self.secret = QLineEdit()
        self.secret.setObjectName("syncSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.sslmode = QComboBox()
        self.sslmode.setObjectName("syncSslMode")
        for mode in SSL_MODES:
            self.sslmode.addItem(mode, mode)
        self.ca_file = QLineEdit()
        self.ca_file.setObjectName("syncCaFile")
        self.ca_file.setPlaceholderText(self.tr("The gym's CA certificate (.crt, .pem)"))
        browse = QPushButton(self.tr("Browse…"))
        browse.setObjectName("syncCaBrowse")
        browse.clicked.connect(self._browse)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(browse)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Enrolment code"), self.code)
        form.addRow(self.tr("Device secret"), self.secret)
        form.addRow(self.tr("SSL mode"), self.sslmode)
        form.addRow(self.tr("CA file"), ca_row)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("CA certificate"), "", self.tr("Certificates (*.crt *.pem *.cer)"))
        if path:
            self.ca_file.setText(path)

    def values(self) -> tuple[str, str, str, str | None]:
        """(code, secret, sslmode, ca file) as typed, the secret normalised."""
        secret = self.secret.text().strip()
        return (self.code.text().strip(), normalize_secret(secret) if secret else "",
                str(self.sslmode.currentData()), self.ca_file.text().strip() or None)


class SyncPage(QWidget):
    def __init__(
        self,
        service: SyncService,
        actor: Actor,
        messages: MessageBridge,
        controller: SyncController | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncPage")
        self._service = service
        self._actor = actor
        self._messages = messages
        self._controller = controller
        self.status: SyncStatus | None = None

        self.server = ServerForm()
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("syncTestButton")
        self.test_button.clicked.connect(self.test_connection)
        self.start_button = QPushButton(self.tr("Start syncing"))
        self.start_button.setObjectName("syncStartButton")
        self.start_button.clicked.connect(self.start_syncing)
        self.feedback = QLabel()
        self.feedback.setObjectName("syncFeedback")
        self.feedback.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        self.connect_box = QGroupBox(self.tr("Connect to the gym's server"))
        self.connect_box.setObjectName("syncConnectGroup")
        connect_layout = QVBoxLayout(self.connect_box)
        connect_layout.addWidget(self.server)
        connect_layout.addLayout(buttons)
        connect_layout.addWidget(self.feedback)

        self.device_label = _value("syncDevice")
        self.gym_label = _value("syncGym")
        self.host_label = _value("syncHost")
        self.last_round_label = _value("syncLastRound")
        self.pending_label = _value("syncPending")
        self.interval = QSpinBox()
        self.interval.setObjectName("syncInterval")
        self.interval.setRange(10, 3600)
        self.interval.setSuffix(self.tr(" s"))
        self.interval.setValue(interval_setting())
        self.interval.valueChanged.connect(self._interval_changed)
        self.sync_now_button = QPushButton(self.tr("Sync now"))
        self.sync_now_button.setObjectName("syncNowButton")
        self.sync_now_button.clicked.connect(self.sync_now)
        self.disconnect_button = QPushButton(self.tr("Disconnect…"))
        self.disconnect_button.setObjectName("syncDisconnectButton")
        self.disconnect_button.clicked.connect(self.stop_syncing)
        self.state_box = QGroupBox(self.tr("This desk"))
        self.state_box.setObjectName("syncStateGroup")
        state_form = QFormLayout(self.state_box)
        state_form.addRow(self.tr("Device"), self.device_label)
        state_form.addRow(self.tr("Gym"), self.gym_label)
        state_form.addRow(self.tr("Server"), self.host_label)
        state_form.addRow(self.tr("Last sync"), self.last_round_label)
        state_form.addRow(self.tr("Changes not yet on the server"), self.pending_label)
        state_form.addRow(self.tr("Sync every"), self.interval)
        row = QHBoxLayout()
        row.addWidget(self.sync_now_button)
        row.addWidget(self.disconnect_button)
        row.addStretch(1)
        state_form.addRow("", row)

        overview = QWidget()
        overview_layout = QVBoxLayout(overview)
        overview_layout.addWidget(self.state_box)
        overview_layout.addWidget(self.connect_box)
        overview_layout.addStretch(1)
        self.state_box.setMaximumWidth(760)
        self.connect_box.setMaximumWidth(760)

        self.conflicts = ConflictLog(service.conflicts, self._restore, messages)
        self.conflicts.restored.connect(self._restored)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("syncTabs")
        self.tabs.addTab(overview, self.tr("Connection"))
        self.tabs.addTab(self.conflicts, self.tr("Conflict log"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        if controller is not None:
            controller.round_finished.connect(lambda _result: self.reload())
        self._show_status(None)

    # --- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        worker.run(lambda _ctx: self._service.status(), self._show_status, parent=self)
        self.conflicts.reload()

    def _show_status(self, status: SyncStatus | None) -> None:
        self.status = status
        configured = status is not None and status.configured
        self.state_box.setVisible(configured)
        self.connect_box.setVisible(not configured)
        if status is None or not configured:
            return
        self.device_label.setText(status.device or "")
        self.gym_label.setText(status.gym or self.tr("(bound at the first sync)"))
        self.host_label.setText(f"{status.host} · {status.sslmode or ''}")
        last = status.last_round or {}
        self.last_round_label.setText(
            _local_time(str(last["at"])) if last.get("at") else self.tr("Not yet"))
        self.pending_label.setText(str(status.pending))

    # --- actions ------------------------------------------------------------------------------
    def _form(self) -> tuple[str, str, str, str | None] | None:
        code, secret, sslmode, ca_file = self.server.values()
        if not code or not secret:
            self._say(self.tr("Enter the enrolment code and the device secret."), error=True)
            return None
        return code, secret, sslmode, ca_file

    def test_connection(self) -> None:
        values = self._form()
        if values is None:
            return
        code, secret, sslmode, ca_file = values
        self._say(self.tr("Connecting…"))
        self._network(lambda: self._service.test_connection(
            code, secret, sslmode=sslmode, ca_file=ca_file), self._tested)

    def _tested(self, check: ConnectionCheck) -> None:
        self._say(self.tr("Connected: gym {gym}, device {device}.").format(
            gym=check.gym, device=check.device))

    def start_syncing(self) -> None:
        values = self._form()
        if values is None:
            return
        code, secret, sslmode, ca_file = values
        self._network(lambda: self._service.setup(code, secret, sslmode=sslmode,
                                                  ca_file=ca_file),
                      lambda result: self._set_up(result, secret))

    def _set_up(self, result: SetupResult, secret: str) -> None:
        self.server.secret.clear()
        if result.secret_stored:
            self._say(self.tr("Syncing is set up. The secret is kept in this computer's "
                              "keyring."))
        else:
            self._say(self.tr("Syncing is set up. This computer has no keyring, so the "
                              "secret is asked once each time the program starts."))
            if self._controller is not None:
                self._controller.remember_secret(secret)
        if self._controller is not None:
            self._controller.start()  # a round now, then every interval
        self.reload()

    def sync_now(self) -> None:
        if self._controller is not None:
            self._controller.sync_now()

    def stop_syncing(self) -> None:
        if not ask(self, self.tr("Disconnect"), self.tr(
                "Stop syncing this desk? The data on this computer stays; changes made "
                "here from now on are not sent to the server."), destructive=True):
            return
        worker.run(lambda _ctx: self._service.disconnect(), self._disconnected, parent=self)

    def _disconnected(self, _result: object) -> None:
        if self._controller is not None:
            self._controller.disconnected()
        self._messages.success(self.tr("This desk no longer syncs. Local data is kept."))
        self.reload()

    def _restore(self, conflict_id: uuid.UUID, side: str) -> None:
        self._service.restore_conflict(self._actor, conflict_id, side)

    def _restored(self) -> None:
        self.reload()

    def _interval_changed(self, seconds: int) -> None:
        QSettings().setValue(INTERVAL_KEY, seconds)
        if self._controller is not None:
            self._controller.set_interval(seconds)

    # --- helpers ----------------------------------------------------------------------------
    def _network(self, call: Callable[[], object], done: Callable[..., object]) -> None:
        for button in (self.test_button, self.start_button):
            button.setEnabled(False)
        worker.run(lambda _ctx: call(), done, on_failure=self._failed,
                   lane=worker.Lane.NETWORK, parent=self, on_done=self._idle)

    def _idle(self) -> None:
        for button in (self.test_button, self.start_button):
            button.setEnabled(True)

    def _failed(self, error: The5HCError) -> None:
        self._say(error_text(error), error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.feedback.setStyleSheet("color: #c62828;" if error else "color: #2e7d32;")
        self.feedback.setText(text)


def _value(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    return label


def _local_time(iso: str) -> str:
    from datetime import datetime

    try:
        return gym_clock.stamp(datetime.fromisoformat(iso))
    except ValueError:
        return iso
