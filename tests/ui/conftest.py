"""Fixtures for every GUI test under tests/ui, the pane folders below it included.

Pane folders (tests/ui/clients, tests/ui/sessions, ...) inherit everything here and keep
only their own fixtures (seeded databases, pane factories) in their conftest.py; they must
not load or copy this file. Their helper modules need names unique across tests/ (e.g.
`sessions_ui_support.py`): test folders are not packages, so `from conftest import ...`
is not reliable.

- The QApplication gets the bundled font and the Korean catalogues once per session, as in
  the app, so tests see the same texts users do (find widgets by objectName, not text).
  This is the only place that installs them; a test switching language goes through
  `ui_session.use(...)` and puts Korean back.
- QSettings go to a fresh temporary folder per test (never the developer's own settings).
- Password hashing uses cheap argon2id parameters (the panes' seeded gyms make accounts).
- Each test gets a fresh worker lane (`task_worker`) whose crashes are collected in
  `crashes`; a test that expects one clears the list after checking it.
- `no_leaks` fails a test that leaves a worker task pending, an unexpected crash, an
  active QTimer owned by a widget (close widgets through qtbot.addWidget), or the UI in a
  language other than Korean.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from the5hc_desktop.services import passwords
from the5hc_desktop.ui import fonts, i18n, worker
from the5hc_desktop.ui.application import set_identity
from the5hc_desktop.ui.messages import MessageBridge, MessageRecorder

# The offscreen platform reports window operations it cannot do (resize hints, raise()).
# Harmless, so the tests here ignore exactly these.
_OFFSCREEN_NOISE = r"This plugin does not support \w+\(\)"
_HERE = Path(__file__).resolve().parent
# A text every Korean catalogue translates: shows the session's translators are installed.
_PROBE_CONTEXT, _PROBE_SOURCE = "MainWindow", "Offline"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.gui)
            item.add_marker(pytest.mark.qt_log_ignore(_OFFSCREEN_NOISE))


class _Session:
    """The session's installed translations; tests switching language put Korean back."""

    def __init__(self) -> None:
        self.translations = i18n.install_translations("ko")

    def use(self, language: str) -> None:
        self.translations.remove()
        self.translations = i18n.install_translations(language)

    def language_problem(self) -> str | None:
        """What is wrong with the UI language, or None when it is the session's Korean."""
        installed = i18n.current_language()
        translated = QCoreApplication.translate(_PROBE_CONTEXT, _PROBE_SOURCE) != _PROBE_SOURCE
        korean_locale = QLocale().language() == QLocale.Language.Korean
        if installed == "ko" and translated and korean_locale:
            return None
        return (f"UI language left at {installed!r} (catalogue installed: {translated}, "
                f"locale {QLocale().name()}); switch with ui_session.use() and put 'ko' back")


@pytest.fixture(scope="session", autouse=True)
def ui_session(qapp: QApplication) -> Iterator[_Session]:
    set_identity()
    fonts.install_fonts(qapp)
    session = _Session()
    yield session
    session.translations.remove()


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "qsettings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for settings_format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(folder / "user"))
        QSettings.setPath(settings_format, QSettings.Scope.SystemScope, str(folder / "system"))
    set_identity()
    return folder


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    # Cheap argon2id parameters keep the suite fast; the format and algorithm are unchanged.
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
    qapp: QApplication,
    ui_session: _Session,
    task_worker: worker.Worker,
    crashes: list[BaseException],
) -> Iterator[None]:
    yield
    # pytest-qt has closed and deleteLater()ed the qtbot widgets; let the deletions happen.
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
                owner_name = owner.objectName() if owner is not None else ""
                problems.append(
                    f"active QTimer {timer.objectName()!r} owned by "
                    f"{type(owner).__name__} {owner_name!r}"
                )
                timer.stop()  # keep the next test clean
    language = ui_session.language_problem()
    if language is not None:
        problems.append(language)
        ui_session.use("ko")  # keep the next test in Korean
    if problems:
        for top in QApplication.topLevelWidgets():
            top.close()
            top.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        pytest.fail("GUI test left things running:\n" + "\n".join(problems))
