"""stats, check, backup/restore, export csv and report — in-process, plus one subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from cli_support import DEMO_CLIENTS, PASSWORD, Result, assert_one_error_line
from sqlalchemy import select

from the5hc_desktop.services import open_services
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from the5hc_desktop.services.export import HEADER
from the5hc_desktop.store.models import Assessment

EXPECTED_KEYS = {"organizations", "staff", "clients", "assessments", "packages", "sessions",
                 "credit_ledger", "payments", "fee_audit", "audit_log", "settings",
                 "health_screenings", "assessment_health", "trainer_hours",
                 "availability_exceptions"}


def _init(run: Callable[..., Result], db: Path) -> None:
    result = run("init", "--gym", "센터", "--owner-name", "김대표", "--username", "owner",
                 "--password", PASSWORD, "--db", str(db))
    assert result.code == 0, result.err


def test_stats_json_is_one_object(run: Callable[..., Result], demo_db: Path) -> None:
    result = run("stats", "--json", "--db", str(demo_db))
    assert result.code == 0
    numbers = result.json()
    assert set(numbers) == EXPECTED_KEYS
    assert numbers["clients"] == DEMO_CLIENTS
    assert all(isinstance(v, int) for v in numbers.values())
    plain = run("stats", "--db", str(demo_db))
    assert f"clients: {DEMO_CLIENTS}" in plain.out.splitlines()


def test_stats_json_in_a_subprocess(demo_db: Path, tmp_path: Path) -> None:
    env = dict(os.environ, THE5HC_DB=str(tmp_path / "unused.sqlite3"))
    done = subprocess.run(
        [sys.executable, "-m", "the5hc_desktop", "stats", "--json", "--db", str(demo_db)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["clients"] == DEMO_CLIENTS
    assert done.stderr == ""


def test_check_passes_on_a_fresh_database(run: Callable[..., Result], tmp_path: Path) -> None:
    db = tmp_path / "fresh.sqlite3"
    _init(run, db)
    result = run("check", "--db", str(db))
    assert result.code == 0, result.err
    assert "integrity_check: ok" in result.out
    assert result.err == ""


def test_check_fails_on_a_corrupted_database(run: Callable[..., Result], demo_db: Path) -> None:
    data = bytearray(demo_db.read_bytes())
    page = 4096
    for offset in range(3 * page, min(len(data), 40 * page), page):
        data[offset + 8 : offset + 300] = b"\xa5" * 292  # scribble over b-tree pages
    demo_db.write_bytes(bytes(data))
    result = run("check", "--db", str(demo_db))
    assert result.code == 1
    assert "Traceback" not in result.err
    assert result.err.startswith("오류: ")


def test_check_fails_on_a_file_that_is_not_a_database(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("hello, this is not SQLite\n" * 200)
    result = run("check", "--db", str(junk))
    assert result.code == 1
    assert "Traceback" not in result.err


def test_check_reports_an_older_migration(run: Callable[..., Result], demo_db: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(demo_db)
    conn.execute("UPDATE alembic_version SET version_num = '0000'")
    conn.commit()
    conn.close()
    result = run("check", "--db", str(demo_db))
    assert result.code == 1
    assert "migration" in result.err


def test_backup_then_restore_round_trip(
    run: Callable[..., Result], demo_db: Path, tmp_path: Path
) -> None:
    before = run("stats", "--json", "--db", str(demo_db)).json()
    result = run("backup", "-o", str(tmp_path / "backups"), "--db", str(demo_db))
    assert result.code == 0, result.err
    backups = list((tmp_path / "backups").glob("the5hc-*.sqlite3"))
    assert len(backups) == 1

    services = open_services(demo_db)  # change the live database after the backup
    try:
        actor = services.accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        services.clients.create(actor, ClientDraft(name="복원테스트", gender="여성"))
    finally:
        services.close()
    changed = run("stats", "--json", "--db", str(demo_db)).json()
    assert changed["clients"] == before["clients"] + 1

    restored = run("restore", str(backups[0]), "--db", str(demo_db))
    assert restored.code == 0, restored.err
    after = run("stats", "--json", "--db", str(demo_db)).json()
    assert after["clients"] == before["clients"]
    assert after["assessments"] == before["assessments"]
    saved = [p for p in (demo_db.parent / "backups").iterdir() if p.suffix == ".sqlite3"]
    assert saved, "the database replaced by the restore was not backed up"
    assert run("check", "--db", str(demo_db)).code == 0
    # The copy taken before the restore still holds the new member.
    services = open_services(saved[-1])
    try:
        actor = services.accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        assert services.clients.search(actor, "복원테스트").total == 1
    finally:
        services.close()


def test_restore_refuses_a_file_that_is_not_the5hc(
    run: Callable[..., Result], demo_db: Path, tmp_path: Path
) -> None:
    import sqlite3

    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.commit()
    conn.close()
    original = demo_db.read_bytes()
    assert_one_error_line(run("restore", str(other), "--db", str(demo_db)))
    assert_one_error_line(run("restore", str(tmp_path / "missing.sqlite3"), "--db",
                              str(demo_db)))
    assert demo_db.read_bytes() == original


def test_export_csv_has_bom_header_and_every_member(
    run: Callable[..., Result], demo_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "members.csv"
    result = run("export", "csv", "-o", str(target), "--db", str(demo_db))
    assert result.code == 0, result.err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == HEADER
    body = rows[1:]
    assert len(body) == DEMO_CLIENTS
    names = [r[0] for r in body]
    assert names == sorted(names)
    assert {r[2] for r in body} <= {"남성", "여성"}
    assert {r[6] for r in body} <= {"활동중", "비활동"}
    assert all(r[7] == "평가없음" or float(r[7]) >= 0 for r in body)
    assert all(r[11].startswith("010-") for r in body)


def test_report_single_and_batch(run: Callable[..., Result], demo_db: Path, tmp_path: Path) -> None:
    services = open_services(demo_db)
    try:
        with services.database.read() as s:
            first = s.scalars(select(Assessment).order_by(Assessment.assessed_on)).first()
            assert first is not None
            first_id, first_on = first.id, first.assessed_on
            last_on = max(s.scalars(select(Assessment.assessed_on)))
    finally:
        services.close()
    pdf = tmp_path / "one.pdf"
    result = run("report", str(first_id), "-o", str(pdf), "--db", str(demo_db))
    assert result.code == 0, result.err
    assert pdf.read_bytes().startswith(b"%PDF")

    folder = tmp_path / "batch"
    result = run("report", "--from", first_on.isoformat(), "--to", last_on.isoformat(),
                 "-d", str(folder), "--db", str(demo_db), "--progress")
    assert result.code == 0, result.err
    pdfs = list(folder.glob("*.pdf"))
    assert pdfs
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    assert "100%" in result.err


def test_commands_on_a_missing_database_are_one_line(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.sqlite3"
    for args in (("stats", "--json"), ("export", "csv"), ("backup",), ("check",)):
        result = run(*args, "--db", str(missing))
        assert result.code == 1, args
        assert "Traceback" not in result.err
    assert not missing.exists()


def test_uninitialised_database_needs_init_first(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.sqlite3"
    assert run("stats", "--json", "--db", str(empty)).code == 1  # not created by stats
    from the5hc_desktop.store.database import Database

    Database.open(empty).close()
    result = run("backup", "--db", str(empty))
    assert_one_error_line(result)
    assert "init" in result.err
    shutil.rmtree(tmp_path / "backups", ignore_errors=True)


def test_restore_over_a_damaged_database(
    run: Callable[..., Result], demo_db: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.sqlite3"
    shutil.copyfile(demo_db, good)
    demo_db.write_bytes(b"this database was damaged " * 500)
    assert run("check", "--db", str(demo_db)).code == 1
    result = run("restore", str(good), "--db", str(demo_db))
    assert result.code == 0, result.err
    assert run("check", "--db", str(demo_db)).code == 0
    saved = list((demo_db.parent / "backups").glob("*damaged*"))
    assert len(saved) == 1
    assert saved[0].read_bytes().startswith(b"this database was damaged")
