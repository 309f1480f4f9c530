"""기존 센터에 연결: the first start of a new desk of a gym that already exists.

The code and secret set sync up; the first round downloads the whole gym, with the
worker's progress bar and Cancel (a cancelled download is safe: the pages already applied
stay, and the next round goes on from there). Then the sign-in dialog shows the gym's staff.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from the5hc_desktop.services.sync_service import SyncService
from the5hc_desktop.sync.engine import RoundResult
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.messages import error_text
from the5hc_desktop.ui.panes.settings.sync_page import ServerForm


class JoinGymDialog(QDialog):
    def __init__(self, service: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinGymDialog")
        self.setWindowTitle(self.tr("Join an existing gym"))
        self._service = service
        self.secret_for_run: str | None = None  # no keyring: kept for this run only
        self.result_round: RoundResult | None = None
        intro = QLabel(self.tr(
            "Enter the enrolment code and the device secret that the server administrator "
            "gave you for this computer. The gym's data is then downloaded; it can take a "
            "few minutes for a large gym."))
        intro.setWordWrap(True)
        self.server = ServerForm()
        self.error = QLabel()
        self.error.setObjectName("joinGymError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        buttons = QDialogButtonBox()
        self.connect_button = QPushButton(self.tr("Connect and download"))
        self.connect_button.setObjectName("joinGymConnect")
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self.submit)
        buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        back = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        back.setObjectName("joinGymBack")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.server)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def submit(self) -> None:
        code, secret, sslmode, ca_file = self.server.values()
        if not code or not secret:
            self._show(self.tr("Enter the enrolment code and the device secret."))
            return
        self.error.hide()
        self.connect_button.setEnabled(False)
        worker.run(
            lambda ctx: self._download(ctx, code, secret, sslmode, ca_file),
            self._done,
            on_failure=lambda error: self._show(error_text(error)),
            progress_label=self.tr("Downloading the gym's data…"),
            cancellable=True,
            parent=self,
            on_done=lambda: self.connect_button.setEnabled(True),
            lane=worker.Lane.NETWORK,
        )

    def _download(self, ctx: worker.TaskContext, code: str, secret: str, sslmode: str,
                  ca_file: str | None) -> tuple[RoundResult, bool, str]:
        setup = self._service.setup(code, secret, sslmode=sslmode, ca_file=ca_file)

        def progress(stage: str, rows: int) -> None:
            text = (self.tr("Downloading: {rows} records") if stage == "pull"
                    else self.tr("Checking: {rows} records")).format(rows=rows)
            ctx.report(0, 0, text)

        result = self._service.run_round(secret, progress, ctx.cancelled)
        return result, setup.secret_stored, secret

    def _done(self, outcome: tuple[RoundResult, bool, str]) -> None:
        result, stored, secret = outcome
        self.result_round = result
        if not stored:
            self.secret_for_run = secret
        self.accept()

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
