"""A second start on the same database brings the first window forward (issue 13)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from the5hc_desktop.ui import single_instance


def test_a_second_start_on_the_same_file_asks_the_first_to_come_forward(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first = single_instance.claim(tmp_path / "gym.sqlite3")
    assert first is not None
    try:
        with qtbot.waitSignal(first.activate_requested, timeout=3000):
            assert single_instance.claim(tmp_path / "gym.sqlite3") is None
        other = single_instance.claim(tmp_path / "other.sqlite3")
        assert other is not None  # another file is another instance
        other.close()
    finally:
        first.close()


def test_a_closed_instance_frees_the_file(qtbot: QtBot, tmp_path: Path) -> None:
    first = single_instance.claim(tmp_path / "gym.sqlite3")
    assert first is not None
    first.close()
    again = single_instance.claim(tmp_path / "gym.sqlite3")
    assert again is not None
    again.close()
