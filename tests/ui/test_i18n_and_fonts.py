"""Korean catalogue complete and current, language switching, bundled font, snapshots."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal
from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from the5hc_desktop import paths
from the5hc_desktop.ui import fonts, i18n
from the5hc_desktop.ui.application import create_application
from the5hc_desktop.ui.snapshots import save_widget_png

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "packaging" / "update_translations.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_string_has_a_finished_korean_translation(tool: ModuleType) -> None:
    rows = tool.messages()
    assert rows, "the catalogue is empty"
    missing = [f"[{ctx}] {src!r}" for ctx, src, text, kind in rows if kind or not text.strip()]
    assert not missing, "English would leak into the Korean UI:\n" + "\n".join(missing)


def test_placeholders_survive_translation(tool: ModuleType) -> None:
    import re

    for context, source, text, kind in tool.messages():
        if kind or not text:
            continue  # reported by the test above
        wanted = sorted(re.findall(r"\{\w+\}", source))
        assert sorted(re.findall(r"\{\w+\}", text)) == wanted, (context, source)


def test_a_sale_is_called_a_sale_everywhere(tool: ModuleType) -> None:
    """One word for selling a package (판매), never 패키지 등록 / 등록된 패키지 (issue 16)."""
    mixed = [f"[{ctx}] {text}" for ctx, _src, text, _kind in tool.messages()
             if "패키지" in text and "등록" in text]
    assert mixed == []


def test_the_catalogue_matches_the_sources_and_the_qm_is_built(
    tool: ModuleType, tmp_path: Path
) -> None:
    """Fails when someone added a tr() string without running update_translations.py."""
    fresh = tmp_path / "the5hc_ko.ts"
    shutil.copy(tool.TS_FILE, fresh)
    tool.update_ts(fresh)
    as_committed = {(ctx, src) for ctx, src, _t, _k in tool.messages(tool.TS_FILE)}
    from_sources = {(ctx, src) for ctx, src, _t, _k in tool.messages(fresh)}
    assert from_sources == as_committed, "run: python packaging/update_translations.py"
    built = tmp_path / "the5hc_ko.qm"
    tool.release_qm(tool.TS_FILE, built)
    assert built.read_bytes() == tool.QM_FILE.read_bytes(), "the .qm is older than the .ts"


def test_korean_is_installed_with_qt_own_catalogue() -> None:
    assert i18n.current_language() == "ko"
    assert QCoreApplication.translate("MainWindow", "Offline") == "오프라인"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"
    assert (i18n.qt_translations_dir() / "qtbase_ko.qm").is_file()
    assert QLocale().language() == QLocale.Language.Korean


def test_english_installs_no_catalogue(ui_session: object) -> None:
    session = ui_session
    session.use("en")  # type: ignore[attr-defined]
    try:
        assert i18n.current_language() == "en"
        assert QCoreApplication.translate("MainWindow", "Offline") == "Offline"
    finally:
        session.use("ko")  # type: ignore[attr-defined]
    assert QCoreApplication.translate("MainWindow", "Offline") == "오프라인"


def test_language_setting_is_normalised() -> None:
    assert i18n.normalise_language("EN") == "en"
    assert i18n.normalise_language("ko_KR") == "ko"
    assert i18n.normalise_language(None) == "ko"
    assert i18n.normalise_language("fr") == "ko"
    i18n.save_language("en")
    assert i18n.language_from_settings() == "en"


def test_a_missing_catalogue_is_a_broken_build(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"the5hc_ko\.qm"):
        i18n.install_translations("ko", translations_dir=tmp_path)


def test_bundled_font_is_the_application_font_and_covers_hangul() -> None:
    families = fonts.register_fonts()
    assert fonts.FONT_FAMILY in families
    assert fonts.FONT_FAMILY in QFontDatabase.families()
    font = QGuiApplication.font()
    assert QFontInfo(font).family() == fonts.FONT_FAMILY
    metrics = QFontMetrics(font)
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "회원 관리 평가 실시")


def test_missing_font_files_fail_loudly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"NanumGothic\.ttf"):
        fonts.register_fonts(tmp_path)


def test_create_application_reuses_the_running_app() -> None:
    app, translations = create_application(language="ko")
    try:
        assert app is QApplication.instance()
        assert QCoreApplication.organizationName() == "The5HC"
        assert translations.language == "ko"
    finally:
        translations.remove()


def test_snapshot_renders_hangul_to_png(qtbot: QtBot, tmp_path: Path) -> None:
    label = QLabel("회원 관리")
    qtbot.addWidget(label)
    path = save_widget_png(label, tmp_path / "shots" / "label.png")
    image = QImage(str(path))
    assert not image.isNull()
    assert image.size() == label.grab().size()
    assert paths.fonts_dir().is_dir()


def test_the_installed_pyside_keeps_its_references() -> None:
    """PySide6 6.12.0 drained True on emit() and None on void calls until CPython aborted;
    pyproject excludes it, and this guards the pin."""

    class Pinger(QObject):
        ping = Signal(object)

    pinger = Pinger()
    pinger.ping.connect(lambda _value: None)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(2000):
        pinger.ping.emit(True)
        pinger.setObjectName("pinger")
        QCoreApplication.processEvents()
    assert sys.getrefcount(True) >= true_before - 5
    assert sys.getrefcount(None) >= none_before - 5
