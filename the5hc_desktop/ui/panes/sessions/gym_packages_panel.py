"""세션 관리 → 전체 패키지: every package of the gym, filtered and sortable, with the member
page's actions (다시 판매, 보너스, 환불) and the exportable 연락할 회원 list.

`attach_gym_packages(pane, service)` adds the tab; it loads when shown (and on F5 through the
pane's own refresh of the current tab is not needed: the tab reloads on every show).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.money import MoneyStyle, format_won
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.package_list import GymPackage, PackageFilter, PackageListService
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.services.permissions import Capability, can
from the5hc_desktop.ui import i18n, worker
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.sessions.package_actions import BonusDialog, RefundDialog
from the5hc_desktop.ui.rows_model import RIGHT, ROW_ROLE, Column, RowsModel, read_only_table

if TYPE_CHECKING:
    from the5hc_desktop.ui.panes.sessions.pane import SessionsPane

T = {
    "tab": Label("전체 패키지", "All packages"),
    "active": Label("활성만", "Active only"),
    "expiring": Label("만료 임박(일)", "Expiring within (days)"),
    "low": Label("잔여 2회 이하", "2 or fewer left"),
    "over": Label("초과 사용", "Overdrawn"),
    "all": Label("모든 트레이너", "All trainers"),
    "sell": Label("다시 판매…", "Sell again…"),
    "bonus": Label("보너스…", "Bonus…"),
    "refund": Label("환불…", "Refund…"),
    "contacts": Label("연락할 회원 내보내기…", "Export members to contact…"),
    "saved": Label("저장했습니다: {path}", "Saved: {path}"),
    "count": Label("{n}개 패키지", "{n} packages"),
    "client": Label("회원", "Client"),
    "package": Label("패키지", "Package"),
    "trainer": Label("트레이너", "Trainer"),
    "left": Label("잔여", "Left"),
    "bought": Label("구매", "Bought"),
    "gross": Label("금액", "Gross"),
    "expires": Label("만료일", "Expires"),
    "sold": Label("판매일", "Sold"),
    "state": Label("상태", "State"),
    "inactive": Label("비활성", "Inactive"),
    "expired": Label("만료", "Expired"),
    "overdrawn": Label("초과 사용", "Overdrawn"),
    "ok": Label("사용 중", "In use"),
}


def _t(key: str) -> str:
    return T[key].text(i18n.current_language())


def _state(row: GymPackage) -> str:
    p = row.package
    if p.overdrawn:
        return _t("overdrawn")
    if not p.active:
        return _t("inactive")
    return _t("expired") if p.expired else _t("ok")


class _SortProxy(QSortFilterProxyModel):
    """Sorts by the row's value (numbers as numbers), not by the shown text."""

    KEYS: tuple[Any, ...] = (
        lambda r: r.package.client_name, lambda r: r.package.name, lambda r: r.trainer_name,
        lambda r: r.package.remaining, lambda r: r.package.sessions_bought,
        lambda r: r.package.gross, lambda r: (r.package.expires_on is None,
                                              r.package.expires_on),
        lambda r: r.package.sold_on, lambda r: _state(r))

    def lessThan(self, left: Any, right: Any) -> bool:
        key = self.KEYS[left.column()]
        a, b = left.data(ROW_ROLE), right.data(ROW_ROLE)
        if a is None or b is None:
            return False
        return bool(key(a) < key(b))


class GymPackagesPanel(QWidget):
    sell_requested = Signal(object, str)  # client id, name
    changed = Signal()

    def __init__(self, service: PackageListService, packages: PackageService, actor: Actor,
                 messages: MessageBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gymPackagesPanel")
        self._service = service
        self._packages = packages
        self._actor = actor
        self._messages = messages
        self._loading: worker.TaskHandle | None = None
        self.trainers: list[tuple[uuid.UUID, str]] = []
        self._build()

    def _build(self) -> None:
        self.active_box = QCheckBox(_t("active"))
        self.active_box.setChecked(True)
        self.expiring_box = QCheckBox(_t("expiring"))
        self.expiring_days = QSpinBox()
        self.expiring_days.setRange(1, 365)
        self.expiring_days.setValue(14)
        self.low_box = QCheckBox(_t("low"))
        self.over_box = QCheckBox(_t("over"))
        self.trainer_combo = QComboBox()
        self.trainer_combo.addItem(_t("all"), None)
        for box in (self.active_box, self.expiring_box, self.low_box, self.over_box):
            box.toggled.connect(lambda _c: self.refresh())
        self.expiring_days.valueChanged.connect(lambda _v: self.refresh())
        self.trainer_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        filters = QHBoxLayout()
        for widget in (self.active_box, self.expiring_box, self.expiring_days, self.low_box,
                       self.over_box, self.trainer_combo):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.count_label = QLabel()
        filters.addWidget(self.count_label)

        self.model: RowsModel[GymPackage] = RowsModel([
            Column(_t("client"), lambda r: r.package.client_name),
            Column(_t("package"), lambda r: r.package.name),
            Column(_t("trainer"), lambda r: r.trainer_name),
            Column(_t("left"), lambda r: str(r.package.remaining), RIGHT,
                   colour=lambda r: "#c62828" if r.package.remaining <= 2 else None),
            Column(_t("bought"), lambda r: str(r.package.sessions_bought), RIGHT),
            Column(_t("gross"), lambda r: format_won(r.package.gross, MoneyStyle.WON_SUFFIX),
                   RIGHT),
            Column(_t("expires"), lambda r: f"{r.package.expires_on or '–'}"),
            Column(_t("sold"), lambda r: f"{r.package.sold_on}"),
            Column(_t("state"), _state),
        ], self)
        self.proxy = _SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = read_only_table("gymPackagesTable", self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        self.sell_button = QPushButton(_t("sell"))
        self.sell_button.clicked.connect(self._sell)
        self.bonus_button = QPushButton(_t("bonus"))
        self.bonus_button.clicked.connect(self._bonus)
        self.refund_button = QPushButton(_t("refund"))
        self.refund_button.clicked.connect(self._refund)
        self.contacts_button = QPushButton(_t("contacts"))
        self.contacts_button.setObjectName("contactsExportButton")
        self.contacts_button.clicked.connect(self.export_contacts)
        managers = can(self._actor, Capability.BONUS_AND_REFUND)
        self.bonus_button.setVisible(managers)
        self.refund_button.setVisible(managers)
        actions = QHBoxLayout()
        for button in (self.sell_button, self.bonus_button, self.refund_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.contacts_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._update_buttons()

    def set_trainers(self, trainers: list[tuple[uuid.UUID, str]]) -> None:
        self.trainer_combo.blockSignals(True)
        while self.trainer_combo.count() > 1:
            self.trainer_combo.removeItem(1)
        for trainer_id, name in trainers:
            self.trainer_combo.addItem(name, str(trainer_id))
        self.trainer_combo.blockSignals(False)

    def rule(self) -> PackageFilter:
        trainer = self.trainer_combo.currentData()
        return PackageFilter(
            active_only=self.active_box.isChecked(),
            expiring_within=self.expiring_days.value() if self.expiring_box.isChecked() else None,
            low_balance=self.low_box.isChecked(), overdrawn=self.over_box.isChecked(),
            trainer_id=uuid.UUID(trainer) if trainer else None)

    def refresh(self) -> None:
        service, actor, rule = self._service, self._actor, self.rule()
        self._loading = worker.run(lambda _ctx: service.packages(actor, rule), self._show,
                                   parent=self)

    def is_loading(self) -> bool:
        return self._loading is not None and not self._loading.is_done()

    def _show(self, rows: list[GymPackage]) -> None:
        self.model.set_rows(tuple(rows))
        self.count_label.setText(_t("count").format(n=len(rows)))
        self._update_buttons()

    def selected(self) -> GymPackage | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.sell_button, self.bonus_button):
            button.setEnabled(row is not None)
        self.refund_button.setEnabled(row is not None and row.package.active
                                      and row.package.remaining > 0)

    def _sell(self) -> None:
        row = self.selected()
        if row is not None:
            self.sell_requested.emit(row.package.client_id, row.package.client_name)

    def _bonus(self) -> None:
        row = self.selected()
        if row is not None:
            dialog = BonusDialog(self._packages, self._actor, row.package, self)
            dialog.added.connect(lambda _v: self._acted())
            dialog.open()

    def _refund(self) -> None:
        row = self.selected()
        if row is not None:
            dialog = RefundDialog(self._packages, self._actor, row.package, self)
            dialog.refunded.connect(lambda _v: self._acted())
            dialog.open()

    def _acted(self) -> None:
        self.changed.emit()
        self.refresh()

    def export_contacts(self) -> None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        target, _ = QFileDialog.getSaveFileName(self, _t("contacts"),
                                                str(Path(folder) / "연락할_회원.xlsx"),
                                                "Excel (*.xlsx)")
        if target:
            self.export_contacts_to(Path(target))

    def export_contacts_to(self, target: Path) -> None:
        service, actor, lang = self._service, self._actor, i18n.current_language()
        worker.run(lambda _ctx: service.export_contacts(actor, target, lang),
                   lambda path: self._messages.success(_t("saved").format(path=path)),
                   parent=self)


def attach_gym_packages(pane: SessionsPane, service: PackageListService | None) -> None:
    """The 전체 패키지 tab (no service: none)."""
    if service is None:
        return
    panel = GymPackagesPanel(service, pane._services.packages, pane._actor, pane._messages)
    panel.sell_requested.connect(pane.sell_package)
    panel.changed.connect(pane._credits_changed)
    pane.tabs.insertTab(2, panel, _t("tab"))

    def shown(_index: int) -> None:
        if pane.tabs.currentWidget() is panel:
            panel.set_trainers([(t.id, t.display_name) for t in pane.trainers])
            panel.refresh()

    pane.tabs.currentChanged.connect(shown)
    pane.gym_packages = panel
