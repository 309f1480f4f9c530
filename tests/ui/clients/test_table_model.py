"""The paged member model on a real database: Qt's model checks, search, sort, paging."""

from __future__ import annotations

import threading
from dataclasses import replace

from clients_ui_support import Seeded
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from the5hc_desktop.services.clients import ClientDraft, ClientRow
from the5hc_desktop.services.context import Actor, Page
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.panes.clients.table_model import (
    COL_NAME,
    COL_REMAINING,
    COL_STATUS,
    ID_ROLE,
    ClientQuery,
    ClientTableModel,
    Fetch,
)


def fetcher(seeded: Seeded, actor: Actor | None = None) -> Fetch:
    clients, who = seeded.services.clients, actor or seeded.owner

    def fetch(query: ClientQuery, offset: int, limit: int) -> Page[ClientRow]:
        return clients.search(who, query.text, active=query.active, trainer_id=query.trainer_id,
                              sort=query.sort, descending=query.descending, offset=offset,
                              limit=limit)

    return fetch


def names(model: ClientTableModel) -> list[str]:
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def show(model: ClientTableModel, query: ClientQuery) -> None:
    model.set_query(query)
    assert worker.wait_idle()


def test_qt_model_checks_with_a_real_database(
    qtmodeltester: ModelTester, seeded: Seeded
) -> None:
    model = ClientTableModel(fetcher(seeded))
    show(model, ClientQuery(active=None))
    assert model.rowCount() == 4
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]  # pytest-qt has no hints
    assert worker.wait_idle()


def test_pages_arrive_as_the_view_asks_and_pass_the_model_checks(
    qtmodeltester: ModelTester, seeded: Seeded
) -> None:
    for number in range(5):
        seeded.services.clients.create(seeded.owner, ClientDraft(f"회원{number:02}", "female"))
    model = ClientTableModel(fetcher(seeded), first_page=3, page=2)
    show(model, ClientQuery())
    assert model.rowCount() == 3  # never everything at once
    assert model.total == 8  # 3 active seeded members + 5
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # a second ask while one is on its way is ignored
    assert worker.wait_idle()
    assert model.rowCount() == 5
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]  # fetchMore: worker lane
    assert worker.wait_idle()
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        assert worker.wait_idle()
    assert model.rowCount() == 8
    assert len(set(names(model))) == 8
    assert not model.canFetchMore(QModelIndex())


def test_search_by_initials_phone_digits_and_name(seeded: Seeded) -> None:
    model = ClientTableModel(fetcher(seeded))
    show(model, ClientQuery(text="ㄱㅁㅅ"))
    assert names(model) == ["김민수"]
    show(model, ClientQuery(text="ㄱㅁ"))
    assert names(model) == ["김민수", "김민지"]
    show(model, ClientQuery(text="5678"))
    assert names(model) == ["김민수"]
    show(model, ClientQuery(text="010-9876"))
    assert names(model) == ["이영희"]
    show(model, ClientQuery(text="민"))
    assert names(model) == ["김민수", "김민지"]
    show(model, ClientQuery(text="없는회원"))
    assert model.rowCount() == 0
    assert model.total == 0


def test_filters_active_inactive_all_and_my_clients(seeded: Seeded) -> None:
    model = ClientTableModel(fetcher(seeded))
    show(model, ClientQuery(active=False))
    assert names(model) == ["박지성"]
    assert model.index(0, COL_STATUS).data() == "비활성"
    show(model, ClientQuery(active=None))
    assert len(names(model)) == 4
    show(model, ClientQuery(trainer_id=seeded.trainer.staff_id))
    assert names(model) == ["이영희"]


def test_sorting_is_done_by_the_service(seeded: Seeded) -> None:
    calls: list[ClientQuery] = []
    fetch = fetcher(seeded)

    def counting(query: ClientQuery, offset: int, limit: int) -> Page[ClientRow]:
        calls.append(query)
        return fetch(query, offset, limit)

    model = ClientTableModel(counting)
    show(model, ClientQuery())
    assert names(model) == ["김민수", "김민지", "이영희"]
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert worker.wait_idle()
    assert names(model) == ["이영희", "김민지", "김민수"]
    assert calls[-1].sort == "name"
    assert calls[-1].descending
    model.sort(COL_REMAINING, Qt.SortOrder.DescendingOrder)
    assert worker.wait_idle()
    assert calls[-1].sort == "remaining"
    assert names(model)[0] == "김민수"  # the only one with a package
    before = len(calls)
    model.sort(COL_REMAINING, Qt.SortOrder.DescendingOrder)  # unchanged: no new query
    assert len(calls) == before


def test_a_slow_older_result_never_replaces_a_newer_one(seeded: Seeded, qtbot: QtBot) -> None:
    fetch = fetcher(seeded)
    release = threading.Event()

    def slow_first(query: ClientQuery, offset: int, limit: int) -> Page[ClientRow]:
        if query.text == "김":
            release.wait(5)  # still running when the newer query is asked
        return fetch(query, offset, limit)

    model = ClientTableModel(slow_first)
    shown: list[list[str]] = []
    model.modelReset.connect(lambda: shown.append(names(model)))
    model.set_query(ClientQuery(text="김"))
    qtbot.waitUntil(lambda: worker.current().pending_count() == 1 and not release.is_set())
    model.set_query(ClientQuery(text="이"))
    release.set()
    assert worker.wait_idle()
    assert shown == [["이영희"]]
    assert names(model) == ["이영희"]


def test_rows_carry_ids_and_stay_until_the_new_page_arrives(seeded: Seeded) -> None:
    model = ClientTableModel(fetcher(seeded))
    show(model, ClientQuery(text="김민수"))
    assert model.index(0, 0).data(ID_ROLE) == seeded.ids["김민수"]
    assert model.row_of(seeded.ids["김민수"]) == 0
    model.set_query(replace(model.query, text="이영희"))
    assert names(model) == ["김민수"]  # no empty flash while the search runs
    assert model.is_busy()
    assert worker.wait_idle()
    assert names(model) == ["이영희"]
    assert not model.is_busy()
