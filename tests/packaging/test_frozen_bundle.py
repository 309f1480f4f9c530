"""The PyInstaller bundle built from build.spec (the Linux build of the Windows spec): within
its size budget, and `the5hc-cli --self-test` from it creates and migrates databases, paints
the window, renders a Hangul PDF, finds its catalogues and a keyring backend. Bad input ends
with a clear message. Built once per run into a temporary folder: nothing is cached."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging_support import FIXTURE_0001, ROOT, isolated_env, one_report, run

from the5hc_desktop.store.migrate import HEAD_REVISION

SIZE_BUDGET = 200 * 1024 * 1024  # bytes: the whole folder, 200 MiB

pytestmark = pytest.mark.slow


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    work = tmp_path_factory.mktemp("pyinstaller")
    started = time.monotonic()
    built = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    folder = work / "dist" / "the5hc"
    print(f"\nbundle built in {time.monotonic() - started:.0f} s; "  # noqa: T201
          f"size {folder_size(folder) / 1024 / 1024:.1f} MiB")
    yield folder
    shutil.rmtree(work, ignore_errors=True)


def _cli(bundle: Path) -> str:
    return str(bundle / ("the5hc-cli.exe" if sys.platform == "win32" else "the5hc-cli"))


def test_two_programs_share_one_folder_within_the_size_budget(bundle: Path) -> None:
    names = {p.name for p in bundle.iterdir()}
    suffix = ".exe" if sys.platform == "win32" else ""
    assert {f"the5hc{suffix}", f"the5hc-cli{suffix}", "_internal"} <= names
    assert folder_size(bundle) <= SIZE_BUDGET
    internal = bundle / "_internal"
    assert (internal / "resources" / "fonts" / "NanumGothic.ttf").is_file()
    assert (internal / "migrations" / "versions").is_dir()
    unwanted = [p for p in internal.rglob("*")
                if any(word in p.name for word in ("WebEngine", "Qt6Quick", "Qt6Qml",
                                                   "VirtualKeyboard", "virtualkeyboard"))]
    assert unwanted == []
    assert list(internal.rglob("*QtPdfWidgets*")), "the PDF preview needs QtPdfWidgets"
    assert list(internal.rglob("*QtSvg*")), "the sidebar icons (nav-*.svg) need QtSvg"


def test_self_test_on_a_new_database(bundle: Path, tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite3"
    done = run([_cli(bundle), "--self-test", "--db", str(db)], tmp_path, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    report = one_report(done)
    assert report["ok"] is True, report["errors"]
    assert report["schema_before"] is None
    assert report["schema_after"] == HEAD_REVISION
    assert isinstance(report["first_paint_ms"], int)
    assert len(report["panes"]) == 7
    assert report["translations"] is True
    assert report["pdf_hangul"] is True
    assert report["chart"] is True
    assert report["keyring"]  # a backend class, or "none" on a machine without one
    print(f"\nfrozen self-test: ready in {report['ready_ms']} ms, "  # noqa: T201
          f"keyring {report['keyring']}")


def test_self_test_migrates_a_0001_era_database(bundle: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE_0001, db)
    done = run([_cli(bundle), "--self-test", "--db", str(db)], tmp_path, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    report = one_report(done)
    assert report["ok"] is True, report["errors"]
    assert (report["schema_before"], report["schema_after"]) == ("0001", HEAD_REVISION)
    assert report["pdf_hangul"] is True  # the fixture member's assessment


def test_headless_commands_run_from_the_bundle(bundle: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "gym.sqlite3")
    version = run([_cli(bundle), "--version"], tmp_path)
    assert version.returncode == 0
    assert version.stdout.startswith("the5hc ")
    made = run([_cli(bundle), "init", "--db", db, "--gym", "센터", "--owner-name", "대표",
                "--username", "owner", "--password", "correct-horse-9"], tmp_path)
    assert made.returncode == 0, made.stderr
    checked = run([_cli(bundle), "check", "--db", db], tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_damaged_database_fails_with_a_message(bundle: Path, tmp_path: Path) -> None:
    db = tmp_path / "damaged.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    done = run([_cli(bundle), "--self-test", "--db", str(db)], tmp_path, timeout=120)
    assert done.returncode == 1
    assert one_report(done)["errors"]


def test_a_newer_schema_fails_with_a_message(bundle: Path, tmp_path: Path) -> None:
    db = tmp_path / "newer.sqlite3"
    shutil.copyfile(FIXTURE_0001, db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    done = run([_cli(bundle), "--self-test", "--db", str(db)], tmp_path, timeout=120)
    assert done.returncode == 1
    assert one_report(done)["errors"]


def test_an_unwritable_data_folder_is_reported(bundle: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the data folder should be")
    env = isolated_env(tmp_path)
    env["THE5HC_DATA_DIR"] = str(blocker / "data")
    done = run([_cli(bundle), "--self-test", "--db", str(tmp_path / "x.sqlite3")], tmp_path,
               env=env, timeout=120)
    assert done.returncode == 1
    assert "data folder" in done.stderr
