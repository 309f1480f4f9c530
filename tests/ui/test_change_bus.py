"""The change bus: services' changes reach the panes on screen once, after the writer's own
callbacks, and a pane whose task made the change is not refreshed a second time."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from the5hc_desktop.services import changes
from the5hc_desktop.services.changes import ChangePublisher, Changes
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.change_bus import ChangeBus, DataChanged, follow_changes
from the5hc_desktop.ui.worker import TaskContext, Worker


class FakePane(QWidget):
    """A pane showing `watches`; counts its refreshes."""

    def __init__(self, name: str, watches: frozenset[str]) -> None:
        super().__init__()
        self.setObjectName(name)
        self.watches = watches
        self.refreshes = 0

    @property
    def object_name(self) -> str:
        return self.objectName()

    @property
    def title(self) -> str:
        return self.objectName()

    @property
    def widget(self) -> QWidget:
        return self

    def refresh(self) -> None:
        self.refreshes += 1


@pytest.fixture
def publisher() -> ChangePublisher:
    return ChangePublisher()


@pytest.fixture
def bus(publisher: ChangePublisher, task_worker: Worker) -> Iterator[ChangeBus]:
    bus = ChangeBus(publisher, task_worker)
    yield bus
    bus.close()
    bus.deleteLater()


def _pane(qtbot: QtBot, name: str, *kinds: str, shown: bool = True) -> FakePane:
    pane = FakePane(name, frozenset(kinds))
    qtbot.addWidget(pane)
    if shown:
        pane.show()
    return pane


def test_writes_of_one_action_reach_a_pane_once_after_the_writers_callback(
    qtbot: QtBot, publisher: ChangePublisher, bus: ChangeBus, task_worker: Worker
) -> None:
    notices: list[DataChanged] = []
    events: list[str] = []
    bus.changed.connect(notices.append)
    bus.changed.connect(lambda _n: events.append("bus"))

    def sell(_ctx: TaskContext) -> None:  # one use case, three transactions
        publisher.publish(Changes.of(changes.PACKAGES, changes.CREDIT_LEDGER))
        publisher.publish(Changes.of(changes.PAYMENTS))
        publisher.publish(Changes.of(changes.PAYMENTS))

    worker.run(sell, lambda _r: events.append("writer's callback"))
    worker.run(lambda _ctx: publisher.publish(Changes.of(changes.SESSIONS)),
               lambda _r: events.append("second callback"))
    assert task_worker.wait_idle()
    qtbot.waitUntil(lambda: bool(notices))
    qtbot.wait(20)  # let any stray second notice arrive: there must be none
    assert len(notices) == 1
    assert notices[0].changes.entities == {changes.PACKAGES, changes.CREDIT_LEDGER,
                                           changes.PAYMENTS, changes.SESSIONS}
    assert events == ["writer's callback", "second callback", "bus"]


def test_a_change_from_outside_any_task_arrives_on_the_gui_thread(
    qtbot: QtBot, publisher: ChangePublisher, bus: ChangeBus
) -> None:
    threads: list[threading.Thread] = []
    bus.changed.connect(lambda _n: threads.append(threading.current_thread()))
    with qtbot.waitSignal(bus.changed) as blocker:
        # as sync will publish after a pull, on its own thread
        puller = threading.Thread(
            target=publisher.publish, args=(Changes.of(changes.SESSIONS),))
        puller.start()
        puller.join()
    notice = blocker.args[0]
    assert isinstance(notice, DataChanged)
    assert notice.changes.touches(changes.SESSIONS)
    assert notice.origins == (None,)
    assert threads == [threading.main_thread()]


def test_panes_on_screen_that_show_a_changed_kind_refresh_once(
    qtbot: QtBot, publisher: ChangePublisher, bus: ChangeBus, task_worker: Worker
) -> None:
    dashboard = _pane(qtbot, "dashboardPane", changes.PAYMENTS, changes.SESSIONS)
    clients = _pane(qtbot, "clientsPane", changes.CLIENTS, changes.CREDIT_LEDGER)
    settings = _pane(qtbot, "settingsPane", changes.SETTINGS)
    hidden = _pane(qtbot, "reportsPane", changes.PAYMENTS, shown=False)
    writer = _pane(qtbot, "sessionsPane", changes.PAYMENTS, changes.SESSIONS)
    panes = [dashboard, clients, settings, hidden, writer]
    follow_changes(bus, lambda: panes)

    def sell(_ctx: TaskContext) -> None:
        publisher.publish(Changes.of(changes.PAYMENTS, changes.CREDIT_LEDGER))
        publisher.publish(Changes.of(changes.SESSIONS))

    with qtbot.waitSignal(bus.changed):
        worker.run(sell, lambda _r: None, parent=writer)
    assert task_worker.wait_idle()
    assert dashboard.refreshes == 1
    assert clients.refreshes == 1
    assert settings.refreshes == 0  # shows nothing that changed
    assert hidden.refreshes == 0  # refreshed when it is shown
    assert writer.refreshes == 0  # reloaded itself after its own write

    with qtbot.waitSignal(bus.changed):  # the same kinds from elsewhere (a sync pull)
        publisher.publish(Changes.of(changes.PAYMENTS))
    assert writer.refreshes == 1
    assert dashboard.refreshes == 2


def test_a_closed_bus_hears_nothing(
    qtbot: QtBot, publisher: ChangePublisher, task_worker: Worker
) -> None:
    bus = ChangeBus(publisher, task_worker)
    heard: list[DataChanged] = []
    bus.changed.connect(heard.append)
    bus.close()
    publisher.publish(Changes.of(changes.CLIENTS))
    qtbot.wait(20)
    assert heard == []
    bus.deleteLater()
