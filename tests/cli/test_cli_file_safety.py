"""Restore under a running app, damaged files, and stray working copies (issue 13)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import Result, assert_one_error_line

from the5hc_desktop.domain.errors import DatabaseDamaged, StorageUnavailable
from the5hc_desktop.services import open_services
from the5hc_desktop.services.maintenance import restore
from the5hc_desktop.store import check_record, integrity, open_marker
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import AuditLogEntry


def _damage(path: Path) -> None:
    """Overwrite a page of member data in the middle of the file: the header and the
    schema stay valid (where a page lies depends on how compactly the rows are stored)."""
    conn = sqlite3.connect(path)
    try:
        pages = [n for (n,) in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'sessions' AND pagetype = 'leaf'"
            " ORDER BY pageno")]
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    middle = (pages[len(pages) // 2] - 1) * page
    data[middle:middle + page] = b"\xa5" * page
    path.write_bytes(bytes(data))


def test_restore_is_refused_while_the_database_is_open(
    run: Callable[..., Result], demo_db: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.sqlite3"
    shutil.copyfile(demo_db, good)
    services = open_services(demo_db)
    try:
        before = demo_db.read_bytes()
        result = run("restore", str(good), "--db", str(demo_db))
        assert_one_error_line(result)
        assert "사용 중" in result.err
        with pytest.raises(StorageUnavailable):
            restore(demo_db, good)
        assert demo_db.read_bytes() == before
        # The open app keeps writing to the very file it opened.
        actor = services.maintenance.system_actor()
        services.settings.backup_now(actor, tmp_path / "b")
    finally:
        services.close()
    assert run("restore", str(good), "--db", str(demo_db)).code == 0


def test_a_damaged_database_left_open_is_refused_on_open_and_never_backed_up(
    run: Callable[..., Result], demo_db: Path, tmp_path: Path
) -> None:
    _damage(demo_db)
    open_marker.mark_open(demo_db)  # the last program to use it ended without closing it
    with pytest.raises(DatabaseDamaged) as refused:
        Database.open(demo_db)
    assert "손상" in refused.value.message_ko
    assert "restore" in refused.value.message_en
    stats = run("stats", "--db", str(demo_db))
    assert_one_error_line(stats)
    assert "손상" in stats.err
    result = run("backup", "-o", str(tmp_path / "out"), "--db", str(demo_db))
    assert_one_error_line(result)
    assert "백업" in result.err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_file_damaged_while_open_is_not_backed_up(demo_db: Path, tmp_path: Path) -> None:
    services = open_services(demo_db)
    try:
        actor = services.maintenance.system_actor()
        services.database.engine.dispose()
        _damage(demo_db)
        with pytest.raises(DatabaseDamaged):
            services.settings.backup_now(actor, tmp_path / "out")
    finally:
        services.close()
    assert list((tmp_path / "out").glob("*")) == []


def test_working_copies_of_a_killed_upgrade_or_restore_are_removed_at_start(
    demo_db: Path,
) -> None:
    strays = [demo_db.with_name(demo_db.name + s) for s in
              (".upgrading", ".upgrading-wal", ".restoring", ".restoring-journal")]
    other = Database.open(demo_db)
    for stray in strays:
        stray.write_bytes(b"member data")
    try:
        # Someone else has it open: a restore might be running; leave its files alone.
        Database.open(demo_db).close()
        assert all(s.exists() for s in strays)
    finally:
        other.close()
    Database.open(demo_db).close()
    assert not any(s.exists() for s in strays)


def test_a_failed_export_leaves_no_part_file(
    run: Callable[..., Result], demo_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "members.csv"
    target.mkdir()  # the final rename cannot replace a folder
    assert_one_error_line(run("export", "csv", "-o", str(target), "--db", str(demo_db)))
    assert not target.with_name("members.csv.part").exists()


def test_rows_written_by_an_open_app_survive_a_refused_restore(demo_db: Path,
                                                                tmp_path: Path) -> None:
    good = tmp_path / "good.sqlite3"
    shutil.copyfile(demo_db, good)
    db = Database.open(demo_db)
    try:
        with pytest.raises(StorageUnavailable):
            restore(demo_db, good)
        with db.write() as s:
            s.add(AuditLogEntry(action="after_refused_restore", details={}))
    finally:
        db.close()
    again = Database.open(demo_db)
    try:
        with again.read() as s:
            assert s.query(AuditLogEntry).filter_by(action="after_refused_restore").count() == 1
    finally:
        again.close()


def test_a_backup_with_planted_schema_objects_is_refused_and_reported(
    run: Callable[..., Result], demo_db: Path, tmp_path: Path
) -> None:
    planted = tmp_path / "planted.sqlite3"
    shutil.copyfile(demo_db, planted)
    with sqlite3.connect(planted) as conn:
        conn.execute("CREATE TRIGGER leak AFTER INSERT ON clients "
                     "BEGIN UPDATE settings SET value = NEW.phone; END")
    conn.close()
    before = demo_db.read_bytes()
    result = run("restore", str(planted), "--db", str(demo_db))
    assert_one_error_line(result)
    assert "trigger leak" in result.err
    assert demo_db.read_bytes() == before
    checked = run("check", "--db", str(planted))
    assert checked.code == 1
    assert "trigger leak" in checked.err
    assert run("check", "--db", str(demo_db)).code == 0


def test_reading_commands_check_only_after_an_unclean_exit_and_check_always_does(
    run: Callable[..., Result], demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[Path] = []
    monkeypatch.setattr(integrity, "quick_check", lambda path: ran.append(path))
    assert check_record.is_due(demo_db)  # never checked here: still not by `stats`
    assert run("stats", "--db", str(demo_db)).code == 0
    assert ran == []
    open_marker.mark_open(demo_db)
    assert run("stats", "--db", str(demo_db)).code == 0
    assert len(ran) == 1
    assert run("check", "--db", str(demo_db)).code == 0
    assert not check_record.is_due(demo_db)  # a start need not check it today


def test_damage_found_by_check_makes_the_reading_commands_check_first(
    run: Callable[..., Result], demo_db: Path
) -> None:
    _damage(demo_db)
    checked = run("check", "--db", str(demo_db))
    assert checked.code == 1
    assert check_record.found_damaged(demo_db)
    stats = run("stats", "--db", str(demo_db))  # closed cleanly, but known to be damaged
    assert_one_error_line(stats)
    assert "손상" in stats.err
