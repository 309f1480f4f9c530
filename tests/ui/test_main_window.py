"""Main window: panes and navigation, actions and menus, status bar, remembered layout."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QSettings, QSize, QStringListModel, Qt
from PySide6.QtGui import QIcon, QImage, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMenu, QSplitter, QTableView, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from the5hc_desktop.ui.dialogs import Dialogs
from the5hc_desktop.ui.main_window import MainWindow, StaffStatus
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.pane import Pane

STAFF = StaffStatus("김코치", "소유자", "/data/the5hc/gym.sqlite3")


class DummyPane:
    """A pane as the protocol describes it: a plain object holding a widget."""

    def __init__(self, object_name: str, title: str, actions: tuple[str, ...] = ()) -> None:
        self.object_name = object_name
        self.title = title
        self.widget = QWidget()
        self.refreshed = 0
        self.calls: list[str] = []
        self._actions = actions
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("split")
        self.table = QTableView()
        self.table.setObjectName("table")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(QLabel(title))
        QVBoxLayout(self.widget).addWidget(self.splitter)

    def refresh(self) -> None:
        self.refreshed += 1

    def pane_actions(self) -> tuple[str, ...]:
        return self._actions

    def new_client(self) -> None:
        self.calls.append("new_client")

    def print_current(self) -> None:
        self.calls.append("print_current")


@pytest.fixture
def make_window(qtbot: QtBot, messages: MessageBridge) -> Callable[..., MainWindow]:
    def make(*panes: Pane, **options: object) -> MainWindow:
        options.setdefault("verify_password", lambda password: password == "correct horse")
        window = MainWindow(staff=STAFF, messages=messages, panes=panes, **options)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        return window

    return make


def two_panes() -> tuple[DummyPane, DummyPane]:
    return (
        DummyPane("dashboardPane", "대시보드"),
        DummyPane("clientsPane", "회원 관리", ("client.new", "file.print")),
    )


def test_panes_are_registered_in_navigation_and_stack(
    make_window: Callable[..., MainWindow],
) -> None:
    dashboard, clients = two_panes()
    window = make_window(dashboard, clients)
    assert isinstance(dashboard, Pane)
    assert [window.navigation.item(i).text() for i in range(2)] == ["대시보드", "회원 관리"]
    assert window.stack.count() == 2
    assert window.stack.widget(1) is clients.widget
    assert clients.widget.objectName() == "clientsPane"
    assert window.current_pane() is dashboard
    assert dashboard.refreshed == 0  # nothing loads before the window is shown
    window.show()
    assert dashboard.refreshed == 1
    with pytest.raises(ValueError, match="already registered"):
        window.add_pane(DummyPane("clientsPane", "again"))


def test_navigation_switches_panes_and_refreshes_them(
    make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    dashboard, clients = two_panes()
    window = make_window(dashboard, clients)
    window.show()
    with qtbot.waitSignal(window.pane_changed) as changed:
        window.navigation.setCurrentRow(1)
    assert changed.args == ["clientsPane"]
    assert window.stack.currentWidget() is clients.widget
    assert clients.refreshed == 1
    window.registry.action("nav.dashboardPane").trigger()
    assert window.current_pane() is dashboard
    window.registry.action("view.refresh").trigger()
    assert dashboard.refreshed == 3  # shown, shown again, F5


def test_pane_actions_bring_their_pane_forward(make_window: Callable[..., MainWindow]) -> None:
    dashboard, clients = two_panes()
    window = make_window(dashboard, clients)
    window.show()
    new_client = window.registry.action("client.new")
    printing = window.registry.action("file.print")
    assert new_client.shortcut().toString() == "Ctrl+N"
    assert not printing.isEnabled()  # the dashboard does not print
    new_client.trigger()
    assert window.current_pane() is clients
    assert clients.calls == ["new_client"]
    assert printing.isEnabled()
    printing.trigger()
    assert clients.calls == ["new_client", "print_current"]
    refreshed = clients.refreshed
    new_client.trigger()  # already showing: no reload behind the user's back
    assert clients.refreshed == refreshed
    assert not window.registry.action("sync.now").isEnabled()  # nobody handles it yet


def test_menus_are_built_from_the_registry(make_window: Callable[..., MainWindow]) -> None:
    window = make_window(*two_panes())
    window.show()
    menus = {m.objectName(): m for m in window.menuBar().findChildren(QMenu) if m.objectName()}
    assert list(menus) == ["menuFile", "menuView", "menuHelp"]
    assert [m.title() for m in menus.values()] == ["파일(&F)", "보기(&V)", "도움말(&H)"]
    file_ids = [a.objectName() for a in menus["menuFile"].actions() if a.objectName()]
    assert file_ids[0] == "action:client.new"
    assert file_ids[-1] == "action:app.quit"
    view_ids = [a.objectName() for a in menus["menuView"].actions() if a.objectName()]
    assert "action:nav.clientsPane" in view_ids
    assert window.registry.action("nav.clientsPane").shortcut().toString() == "Ctrl+2"
    assert window.registry.action("app.quit").text() == "종료(&Q)"


def test_quit_closes_the_window(make_window: Callable[..., MainWindow]) -> None:
    window = make_window(*two_panes())
    window.show()
    window.registry.action("app.quit").trigger()
    assert not window.isVisible()


def test_status_bar_shows_staff_database_sync_and_messages(
    make_window: Callable[..., MainWindow],
    messages: MessageBridge,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(*two_panes())
    status = window.statusBar()
    staff = status.findChild(QLabel, "statusStaff")
    database = status.findChild(QLabel, "statusDatabase")
    sync = status.findChild(QLabel, "statusSync")
    message = status.findChild(QLabel, "statusMessage")
    assert staff is not None
    assert database is not None
    assert sync is not None
    assert message is not None
    assert staff.text() == "김코치 (소유자)"
    assert database.text() == "데이터베이스: gym.sqlite3"
    assert database.toolTip() == STAFF.database
    assert sync.text() == "오프라인"
    window.set_sync_state("동기화됨 14:05")
    assert sync.text() == "동기화됨 14:05"

    shown: list[str] = []
    monkeypatch.setattr(Dialogs, "error", lambda _parent, _title, text: shown.append(text))
    messages.success("회원이 등록되었습니다.")
    assert message.text() == "회원이 등록되었습니다."
    assert shown == []
    messages.error("저장하지 못했습니다.", dialog=True)
    assert message.text() == "저장하지 못했습니다."
    assert shown == ["저장하지 못했습니다."]


def test_visit_all_panes_shows_each_and_returns(make_window: Callable[..., MainWindow]) -> None:
    dashboard, clients = two_panes()
    window = make_window(dashboard, clients)
    window.show()
    assert window.visit_all_panes() == ["dashboardPane", "clientsPane"]
    assert window.current_pane() is dashboard
    assert clients.refreshed == 1


def _model(columns: int) -> QStandardItemModel:
    model = QStandardItemModel(3, columns)
    model.setHorizontalHeaderLabels([f"열 {i}" for i in range(columns)])
    return model


def test_geometry_splitters_and_column_widths_are_restored(
    make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    dashboard, clients = two_panes()
    first = make_window(dashboard, clients)
    clients.table.setModel(_model(3))
    first.resize(700, 560)  # the offscreen screen is 800 x 800
    first.show()
    first.show_pane("clientsPane")
    first.splitter.setSizes([230, 470])
    clients.splitter.setSizes([500, 300])
    header = clients.table.horizontalHeader()
    edge = QPoint(header.sectionViewportPosition(1) + header.sectionSize(1) - 1,
                  header.height() // 2)
    target = edge + QPoint(211 - header.sectionSize(1), 0)
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, edge)
    QTest.mouseMove(header.viewport(), target)
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier, target)
    assert header.sectionSize(1) == 211  # sized by hand: remembered
    remembered_split = clients.splitter.sizes()
    remembered_main = first.splitter.sizes()
    first.close()

    dashboard2, clients2 = two_panes()
    second = make_window(dashboard2, clients2)
    second.show()
    assert second.size() == QSize(700, 560)
    assert second.current_pane() is clients2  # the last pane comes back too
    assert second.splitter.sizes() == remembered_main
    assert clients2.splitter.sizes() == remembered_split
    clients2.table.setModel(_model(3))  # data arrives after the window is built
    assert clients2.table.horizontalHeader().sectionSize(1) == 211


def test_table_layouts_are_kept_per_user(qtbot: QtBot, messages: MessageBridge) -> None:
    """Two staff on one PC: each finds the widths they chose, not the other's."""
    def window_for(user: str) -> tuple[MainWindow, DummyPane]:
        dashboard, clients = two_panes()
        staff = StaffStatus("김코치", "트레이너", "gym.sqlite3", user_key=user)
        window = MainWindow(staff=staff, messages=messages, panes=(dashboard, clients),
                            verify_password=lambda _password: True)
        qtbot.addWidget(window)
        clients.table.setModel(_model(3))
        return window, clients

    kim, kim_clients = window_for("kim")
    kim.show()
    kim.show_pane("clientsPane")
    header = kim_clients.table.horizontalHeader()
    edge = QPoint(header.sectionViewportPosition(1) + header.sectionSize(1) - 1,
                  header.height() // 2)
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, edge)
    QTest.mouseMove(header.viewport(), edge + QPoint(90, 0))
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier, edge + QPoint(90, 0))
    chosen = header.sectionSize(1)
    kim.close()
    assert QSettings().value("users/kim/panes/clientsPane/columns/split/table") == f"1:{chosen}"

    lee, lee_clients = window_for("lee")
    assert lee_clients.table.horizontalHeader().sectionSize(1) != chosen
    lee.close()
    kim_again, kim_clients_again = window_for("kim")
    assert kim_clients_again.table.horizontalHeader().sectionSize(1) == chosen
    kim_again.close()


def test_unnamed_views_and_foreign_values_are_ignored(
    make_window: Callable[..., MainWindow],
) -> None:
    QSettings().setValue("panes/clientsPane/columns/split/table", "wide,narrow")
    dashboard, clients = two_panes()
    make_window(dashboard, clients)
    clients.table.setModel(QStringListModel(["a"]))
    assert clients.table.horizontalHeader().sectionSize(0) > 0


def _image_of(icon: QIcon) -> QImage:
    return icon.pixmap(QSize(32, 32)).toImage()


def test_the_sidebar_shows_drawn_icons_not_letters(
    make_window: Callable[..., MainWindow],
) -> None:
    """Every pane of the app has its own drawing from resources/icons (issue 16)."""
    from the5hc_desktop.ui.app_panes import PANES
    from the5hc_desktop.ui.icons import PANE_ICONS, badge_icon, icon_path, pane_icon

    assert set(PANE_ICONS) == {f"{name}Pane" for name, _package, _factory in PANES}
    drawings = []
    for object_name, name in PANE_ICONS.items():
        assert icon_path(name).is_file()
        icon = pane_icon(object_name)
        assert icon is not None
        assert not icon.isNull()
        drawings.append(_image_of(icon))
    assert len({image.cacheKey() for image in drawings}) == len(drawings)
    assert len({bytes(image.constBits()) for image in drawings}) == len(drawings)  # all differ

    window = make_window(*two_panes())
    item = window.navigation.item(1)
    shown = _image_of(item.icon())
    assert bytes(shown.constBits()) == bytes(drawings[1].constBits())  # clientsPane
    assert bytes(shown.constBits()) != bytes(_image_of(badge_icon("회원 관리", 1)).constBits())
    assert pane_icon("somethingNewPane") is None  # a later pane still gets its letter badge


def test_help_lists_every_shortcut_from_the_registry(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    """도움말 → 단축키 (F1) reads the registry: a new shortcut shows up without editing it."""
    from the5hc_desktop.ui.actions import ActionSpec
    from the5hc_desktop.ui.help import ShortcutsDialog, search_tip, stopwatch_tip

    window = make_window(*two_panes())
    window.registry.register(ActionSpec("test.later", "Later action", "x", "Ctrl+Alt+J"))
    assert "help.shortcuts" in [spec.id for spec in window.registry.specs("help")]
    window.registry.trigger("help.shortcuts")
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None
    rows = dict(dialog.rows())
    assert rows["Ctrl+N"] == "새 회원 등록…"
    assert rows["F1"] == "단축키"
    assert rows["Ctrl+2"] == "회원 관리"  # the navigation, one per pane
    assert rows["Ctrl+Alt+J"] == "Later action"
    assert "스톱워치" in rows["Space"]
    with_keys = {spec.shortcut for spec in window.registry.specs() if spec.shortcut}
    assert with_keys <= set(rows)
    assert "초성" in search_tip()
    assert "스페이스바" in stopwatch_tip()
    dialog.close()
