"""`the5hc import-legacy` from the command line: summary, dry run, re-run, errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from legacy_fixture_db import PASSWORDS, file_digest

from the5hc_desktop import cli
from the5hc_desktop.services import open_services


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_prints_a_summary_and_is_idempotent(
    capsys: pytest.CaptureFixture[str], legacy_db: Path, target: Path
) -> None:
    digest = file_digest(legacy_db)
    code, out, err = _run(capsys, "import-legacy", str(legacy_db), "--db", str(target),
                          "--dry-run")
    assert code == 0, err
    assert "dry run" in out
    assert "clients +4" in out
    assert not target.exists()

    code, out, err = _run(capsys, "import-legacy", str(legacy_db), "--db", str(target))
    assert code == 0, err
    assert "clients +4" in out
    assert "sessions +5" in out
    assert "payments +4" in out
    assert "training_sessions 1, payment_records 1" in out
    assert "jaesun9090@gmail.com -> jaesun9090+minji@gmail.com" in out
    assert "소유자 (owner): admin" in out

    code, out, err = _run(capsys, "import-legacy", str(legacy_db), "--db", str(target))
    assert code == 0, err
    assert "nothing new to import" in out
    assert file_digest(legacy_db) == digest

    services = open_services(target)
    try:
        assert services.accounts.sign_in("admin", PASSWORDS["admin"]).role.value == "owner"
    finally:
        services.close()


def test_owner_can_be_chosen(
    capsys: pytest.CaptureFixture[str], legacy_db: Path, target: Path
) -> None:
    code, _out, err = _run(capsys, "import-legacy", str(legacy_db), "--owner", "minji",
                          "--gym", "더파이브 헬스케어", "--db", str(target))
    assert code == 0, err
    services = open_services(target)
    try:
        assert services.accounts.sign_in("minji", PASSWORDS["minji"]).role.value == "owner"
        assert services.settings.get().gym_name == "더파이브 헬스케어"
    finally:
        services.close()


def test_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], legacy_db: Path, target: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE something (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    junk = tmp_path / "junk.db"
    junk.write_text("not a database at all " * 100)
    for args in (
        ("import-legacy", str(tmp_path / "missing.db")),
        ("import-legacy", str(other)),
        ("import-legacy", str(junk)),
        ("import-legacy", str(legacy_db), "--owner", "nobody"),
    ):
        code, _out, err = _run(capsys, *args, "--db", str(target))
        assert code == 1, args
        lines = err.strip().splitlines()
        assert len(lines) == 1, err
        assert lines[0].startswith("오류: "), err
        assert "Traceback" not in err


@pytest.mark.parametrize("kind", ["missing", "not-sqlite", "other-database"])
def test_a_bad_source_never_creates_the_new_target(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, target: Path, kind: str
) -> None:
    source = tmp_path / "old.db"
    if kind == "not-sqlite":
        source.write_bytes(b"not a database at all" * 100)
    elif kind == "other-database":
        with sqlite3.connect(source) as conn:
            conn.execute("CREATE TABLE notes (id INTEGER)")
    code, _out, err = _run(capsys, "import-legacy", str(source), "--db", str(target))
    assert code == 1, err
    assert not target.exists()
