"""When opening checks the database file (services/soundness.py): after an unclean exit
before anyone works in it, after a day without a check in the background, else never."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import the5hc_desktop
from the5hc_desktop.domain.errors import DatabaseDamaged
from the5hc_desktop.services.soundness import Due, SoundnessCheck, check_due
from the5hc_desktop.store import check_record, integrity, open_marker
from the5hc_desktop.store.database import Database

DAY = 24 * 60 * 60
PACKAGE_ROOT = str(Path(the5hc_desktop.__file__).parent.parent)


@pytest.fixture
def gym_file(services_template: Path, tmp_path: Path) -> Path:
    """A small file at head, closed cleanly once (as after a normal day)."""
    path = tmp_path / "gym.sqlite3"
    shutil.copyfile(services_template, path)
    Database.open(path).close()
    return path


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the quick check ran on (it still runs)."""
    ran: list[Path] = []
    real = integrity.quick_check

    def spy(path: Path) -> str | None:
        ran.append(path)
        return real(path)

    monkeypatch.setattr(integrity, "quick_check", spy)
    return ran


def _damage(path: Path) -> None:
    """Overwrite the root page of `sessions`: opening never reads it, the check does."""
    conn = sqlite3.connect(path)
    try:
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'sessions'"
        ).fetchone()
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    data[(root - 1) * page:root * page] = b"\xa5" * page
    path.write_bytes(bytes(data))


def _end_without_closing(path: Path) -> None:
    """A program that opens the file and ends without closing it (as a crash does)."""
    code = ("import os, sys\nfrom the5hc_desktop.store.database import Database\n"
            "Database.open(sys.argv[1])\nos._exit(0)\n")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=120,
                   env={**os.environ, "PYTHONPATH": PACKAGE_ROOT})


# --- telling an unclean exit ---------------------------------------------------------------


def test_a_clean_close_leaves_no_marker_and_an_unclean_exit_does(gym_file: Path) -> None:
    assert not open_marker.is_marked(gym_file)
    with Database.open(gym_file):
        assert open_marker.is_marked(gym_file)
        assert not open_marker.left_open(gym_file)  # open here: not left by anyone
    assert not open_marker.left_open(gym_file)
    _end_without_closing(gym_file)
    assert open_marker.left_open(gym_file)
    assert check_due(gym_file) is Due.NOW


def test_the_last_program_to_close_the_file_removes_the_marker(gym_file: Path) -> None:
    first = Database.open(gym_file)
    second = Database.open(gym_file)
    second.close()
    assert open_marker.is_marked(gym_file)  # the first still has it open
    first.close()
    assert not open_marker.is_marked(gym_file)


# --- after an unclean exit: checked before use -----------------------------------------------


def test_after_an_unclean_exit_a_damaged_file_is_refused(gym_file: Path) -> None:
    _damage(gym_file)
    open_marker.mark_open(gym_file)  # left by a program that ended without closing
    check = SoundnessCheck(gym_file).start()
    assert check.due is Due.NOW
    with pytest.raises(DatabaseDamaged) as refused:
        check.require_sound()
    assert "손상" in refused.value.message_ko
    with pytest.raises(DatabaseDamaged):
        Database.open(gym_file)  # the command line's way in refuses it too
    open_marker.marker_file(gym_file).unlink()  # the refused app then closed cleanly
    assert check_due(gym_file) is Due.NOW  # still: it was found damaged
    with pytest.raises(DatabaseDamaged):
        Database.open(gym_file)


def test_after_an_unclean_exit_a_sound_file_is_checked_once(
    gym_file: Path, checks: list[Path]
) -> None:
    open_marker.mark_open(gym_file)
    Database.open(gym_file).close()
    assert len(checks) == 1
    assert not check_record.is_due(gym_file)  # the pass is noted
    Database.open(gym_file).close()
    assert len(checks) == 1


# --- clean and fresh: not checked ------------------------------------------------------------


def test_a_file_closed_cleanly_and_checked_today_is_not_checked(
    gym_file: Path, checks: list[Path]
) -> None:
    check_record.note_passed(gym_file, time.time() - DAY + 60)
    _damage(gym_file)  # unnoticed: nothing reads those pages
    assert check_due(gym_file) is Due.NONE
    check = SoundnessCheck(gym_file).start()
    check.require_sound()
    assert check.start_background(lambda _error: None) is False
    Database.open(gym_file).close()
    assert checks == []


# --- stale: checked in the background, damage reported --------------------------------------


def _background(path: Path) -> list[DatabaseDamaged]:
    check = SoundnessCheck(path).start()
    assert check.due is Due.BACKGROUND
    check.require_sound()  # sign-in does not wait for it
    found: list[DatabaseDamaged] = []
    assert check.start_background(found.append)
    assert check._done.wait(60)
    return found


def test_a_file_not_checked_for_a_day_is_checked_in_the_background(gym_file: Path) -> None:
    check_record.note_passed(gym_file, time.time() - DAY - 60)
    assert check_record.is_due(gym_file)
    assert _background(gym_file) == []
    assert not check_record.is_due(gym_file)


def test_damage_found_in_the_background_is_reported_with_the_way_out(gym_file: Path) -> None:
    _damage(gym_file)  # never checked on this computer: due
    found = _background(gym_file)
    assert len(found) == 1
    assert found[0].message_ko.startswith("데이터베이스 파일 점검에서 손상이 발견되었습니다")
    assert "설정 → 백업" in found[0].message_ko
    assert "Settings → Backup" in found[0].message_en
    assert check_due(gym_file) is Due.NOW  # the next start checks it before sign-in
    with pytest.raises(DatabaseDamaged):
        Database.open(gym_file)  # and so does the command line


def test_a_file_found_damaged_is_trusted_again_once_a_check_passes(gym_file: Path) -> None:
    check_record.note_damaged(gym_file)  # e.g. before the owner restored a backup here
    assert check_due(gym_file) is Due.NOW
    Database.open(gym_file).close()  # checked: sound
    assert check_due(gym_file) is Due.NONE


@pytest.mark.parametrize(("age_s", "due"), [
    (None, True), (0, False), (DAY - 1, False), (DAY + 1, True), (-3600, True),
])
def test_a_check_is_due_after_a_day_and_a_record_from_the_future_is_not_trusted(
    gym_file: Path, age_s: int | None, due: bool
) -> None:
    now = time.time()
    if age_s is not None:
        check_record.note_passed(gym_file, now - age_s)
    assert check_record.is_due(gym_file, now) is due


def test_an_unreadable_record_counts_as_never_checked(gym_file: Path) -> None:
    check_record.note_passed(gym_file)
    check_record.record_file().write_text("{not json", encoding="utf-8")
    assert check_record.is_due(gym_file)
    check_record.note_passed(gym_file)
    assert not check_record.is_due(gym_file)
