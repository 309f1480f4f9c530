"""보너스 세션 and 환불 on one package (owner and senior trainer only).

Bonus sessions are a ledger adjustment that needs a reason. A refund gives back the unused
sessions (remaining × session price, at most what was paid) as reversal rows; it asks for a
reason and a confirmation because it cannot be undone, and it deactivates the package.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.credits import refund_amount
from the5hc_desktop.domain.money import won_text
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.packages import MAX_BONUS, PackageService, PackageView, PaymentView
from the5hc_desktop.ui import dialogs, i18n, worker
from the5hc_desktop.ui.dialogs import FieldErrors
from the5hc_desktop.ui.messages import error_text
from the5hc_desktop.ui.panes.sessions.widgets import FormSubmission, error_label, show_error

T = TypeVar("T")


def refund_estimate(package: PackageView) -> int:
    """What the refund pays back (the service's rule: unused × price, capped at paid)."""
    return refund_amount(package.remaining, package.session_price, package.gross)


def refund_blocked_text(package: PackageView) -> str:
    """Why a refund cannot go ahead yet ("" when it can): booked sessions come first."""
    if package.scheduled_ahead < 1:
        return ""
    return QCoreApplication.translate(
        "RefundDialog", "Cancel the {count} booked session(s) first."
    ).format(count=package.scheduled_ahead)


class _PackageDialog(QDialog):
    """Shared frame: the package summary, a form, a red line, OK/Cancel."""

    def __init__(self, packages: PackageService, actor: Actor, package: PackageView,
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self._packages = packages
        self._actor = actor
        self.package = package
        self._language = i18n.current_language()
        self.summary = QLabel()
        self.summary.setObjectName("packageSummary")
        self.summary.setWordWrap(True)
        self.form = QFormLayout()
        self.general = error_label("packageDialogError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = QPushButton()
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.errors = FieldErrors(self)
        self._submission = FormSubmission(
            self, self.errors, lambda error: show_error(self.general, error_text(error)),
            lambda busy: self.ok_button.setEnabled(not busy))

    def submit(self) -> None:
        raise NotImplementedError

    def _run(self, op: Callable[[worker.TaskContext], T], done: Callable[[T], object],
             label: str) -> None:
        show_error(self.general, "")
        self._submission.submit(op, done, label)


class BonusDialog(_PackageDialog):
    """Free sessions with a reason; `added(PackageView)` afterwards."""

    added = Signal(object)

    def __init__(self, packages: PackageService, actor: Actor, package: PackageView,
                 parent: QWidget | None = None) -> None:
        super().__init__(packages, actor, package, parent)
        self.setObjectName("bonusDialog")
        self.setWindowTitle(self.tr("Bonus sessions"))
        self.summary.setText(self.tr("{client} · {package}: {remaining} sessions left.").format(
            client=package.client_name, package=package.name, remaining=package.remaining))
        self.sessions_spin = QSpinBox()
        self.sessions_spin.setObjectName("bonusSessions")
        self.sessions_spin.setRange(1, MAX_BONUS)
        self.sessions_spin.setSuffix(self.tr(" sessions"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("bonusReason")
        self.reason_edit.setPlaceholderText(self.tr("Required, e.g. promotion, make-up session"))
        self.form.addRow(self.tr("Sessions to add"), self.sessions_spin)
        self.form.addRow(self.tr("Reason"), self.reason_edit)
        self.errors.register(self.sessions_spin, "sessions")
        self.errors.register(self.reason_edit, "reason")
        self.ok_button.setText(self.tr("Add sessions"))
        self.ok_button.setObjectName("bonusConfirmButton")

    def submit(self) -> None:
        if self._submission.busy:
            return
        if not self.reason_edit.text().strip():
            self.errors.show("reason", self.tr("Enter a reason."))
            self.reason_edit.setFocus()
            return
        packages, actor, package_id = self._packages, self._actor, self.package.id
        count, reason = self.sessions_spin.value(), self.reason_edit.text()
        self._run(lambda _ctx: packages.add_bonus(actor, package_id, count, reason),
                  self._added, self.tr("Adding sessions…"))

    def _added(self, view: PackageView) -> None:
        self.added.emit(view)
        self.accept()


class RefundDialog(_PackageDialog):
    """Refund the unused sessions after a reason and a confirmation; `refunded(PaymentView)`."""

    refunded = Signal(object)

    def __init__(self, packages: PackageService, actor: Actor, package: PackageView,
                 parent: QWidget | None = None) -> None:
        super().__init__(packages, actor, package, parent)
        self.setObjectName("refundDialog")
        self.setWindowTitle(self.tr("Refund unused sessions"))
        amount = won_text(refund_estimate(package), self._language)
        self.summary.setText(self.tr(
            "{client} · {package}\nUnused sessions: {unused} × {price} → refund about {amount}. "
            "The package becomes inactive."
        ).format(client=package.client_name, package=package.name, unused=package.remaining,
                 price=won_text(package.session_price, self._language), amount=amount))
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("refundReason")
        self.reason_edit.setPlaceholderText(self.tr("Required, e.g. moved away, injury"))
        self.form.addRow(self.tr("Reason"), self.reason_edit)
        self.errors.register(self.reason_edit, "reason")
        self.ok_button.setText(self.tr("Refund"))
        self.ok_button.setObjectName("refundConfirmButton")
        self.blocked = refund_blocked_text(package)
        if package.remaining < 1:
            self.blocked = self.tr("There are no unused sessions to refund.")
        if self.blocked:
            show_error(self.general, self.blocked)
            self.ok_button.setEnabled(False)

    def submit(self) -> None:
        if self._submission.busy or self.blocked:
            return
        if not self.reason_edit.text().strip():
            self.errors.show("reason", self.tr("Enter a reason."))
            self.reason_edit.setFocus()
            return
        package = self.package
        if not dialogs.ask(
            self,
            self.tr("Refund"),
            self.tr("Refund {unused} unused sessions of {client} ({amount})? A refund cannot "
                    "be undone.").format(
                unused=package.remaining, client=package.client_name,
                amount=won_text(refund_estimate(package), self._language)),
            destructive=True,
        ):
            return
        packages, actor, reason = self._packages, self._actor, self.reason_edit.text()
        self._run(lambda _ctx: packages.refund(actor, package.id, reason), self._refunded,
                  self.tr("Refunding…"))

    def _refunded(self, payment: PaymentView) -> None:
        self.refunded.emit(payment)
        self.accept()
