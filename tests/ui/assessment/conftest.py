"""Fixtures of the assessment-wizard tests: a real temporary database reached through the
services, a worker lane per test, the Korean UI as users see it, and a leak check.

Mirrors tests/ui/conftest.py (a sibling folder's conftest is not inherited).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from the5hc_desktop.services import Services, open_services, passwords
from the5hc_desktop.services.clients import ClientDraft, ClientView
from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui import fonts, i18n, worker
from the5hc_desktop.ui.application import set_identity
from the5hc_desktop.ui.messages import MessageBridge, MessageRecorder
from the5hc_desktop.ui.panes.assessment.draft import DraftStore

_OFFSCREEN_NOISE = r"This plugin does not support \w+\(\)"
_HERE = Path(__file__).resolve().parent
OWNER_PASSWORD = "owner-pass-1"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.gui)
            item.add_marker(pytest.mark.qt_log_ignore(_OFFSCREEN_NOISE))


@pytest.fixture(scope="session", autouse=True)
def ui_session(qapp: QApplication) -> Iterator[i18n.InstalledTranslations]:
    set_identity()
    fonts.install_fonts(qapp)
    translations = i18n.install_translations("ko")
    yield translations
    translations.remove()


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "qsettings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for settings_format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(folder / "user"))
        QSettings.setPath(settings_format, QSettings.Scope.SystemScope, str(folder / "system"))
    return folder


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    # Cheap argon2id parameters keep the suite fast; the format is unchanged.
    monkeypatch.setattr(
        passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture
def messages() -> MessageBridge:
    return MessageBridge()


@pytest.fixture
def recorder(messages: MessageBridge) -> MessageRecorder:
    return MessageRecorder(messages)


@pytest.fixture
def crashes() -> list[BaseException]:
    return []


@pytest.fixture(autouse=True)
def task_worker(
    qapp: QApplication, messages: MessageBridge, crashes: list[BaseException]
) -> Iterator[worker.Worker]:
    lane = worker.Worker(messages, on_crash=crashes.append)
    previous = worker.install(lane)
    yield lane
    lane.shutdown()
    worker.install(previous)
    lane.deleteLater()


@pytest.fixture(autouse=True)
def no_leaks(
    qapp: QApplication, task_worker: worker.Worker, crashes: list[BaseException]
) -> Iterator[None]:
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    problems: list[str] = []
    if not task_worker.is_idle():
        problems.append(f"{task_worker.pending_count()} worker task(s) still pending")
        task_worker.shutdown()
    if crashes:
        problems.append(f"unexpected exception(s) in tasks or callbacks: {crashes!r}")
    for top in QApplication.topLevelWidgets():
        for timer in top.findChildren(QTimer):
            if timer.isActive():
                owner = timer.parent()
                name = owner.objectName() if owner is not None else ""
                problems.append(f"active QTimer owned by {type(owner).__name__} {name!r}")
                timer.stop()
    if problems:
        pytest.fail("GUI test left things running:\n" + "\n".join(problems))


@dataclass
class Gym:
    services: Services
    owner: Actor
    client: ClientView
    drafts: DraftStore


@pytest.fixture
def gym(tmp_path: Path) -> Iterator[Gym]:
    """A real database file: a gym, its owner (signed in) and one client with a birth date."""
    services = open_services(tmp_path / "gym.sqlite3")
    services.accounts.create_gym_and_owner("The5HC 피트니스", "김대표", "owner", OWNER_PASSWORD)
    owner = services.accounts.sign_in("owner", OWNER_PASSWORD)
    client = services.clients.create(owner, ClientDraft(
        name="김민수", gender="male", phone="010-1234-5678", birth_date=date(1990, 5, 1),
        height_cm=175.0, weight_kg=72.0,
    )).client
    try:
        yield Gym(services, owner, client, DraftStore(tmp_path / "drafts"))
    finally:
        services.close()


@pytest.fixture
def assessed_on() -> date:
    """A few days back: in the past in every time zone the suite may run in."""
    return date.today() - timedelta(days=3)
