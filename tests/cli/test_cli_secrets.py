"""Crash logs keep no secrets or member data; busy databases read as busy (issue 13)."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import Result, assert_one_error_line
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from the5hc_desktop import cli
from the5hc_desktop.domain.errors import StorageUnavailable
from the5hc_desktop.store import engine as engine_module
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import Client

BUSY_KO = "다른 작업이 데이터베이스를 사용 중입니다. 잠시 후 다시 시도하세요."


def _crash_log(run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch,
               user_folders: Path, error: BaseException, *args: str) -> str:
    def broken(options: object) -> int:
        raise error

    monkeypatch.setitem(cli._HANDLERS, "init", broken)
    result = run("init", *args)
    assert result.code == 70
    assert_one_error_line(result)
    return (user_folders / "logs" / "the5hc-cli.log").read_text(encoding="utf-8")


def test_password_given_with_equals_is_masked(
    run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, user_folders: Path
) -> None:
    text = _crash_log(run, monkeypatch, user_folders, RuntimeError("boom"),
                      "--username", "owner", "--password=hunter2-secret")
    assert "hunter2-secret" not in text
    assert "--password=***" in text


def test_a_non_utf8_argument_still_gets_its_crash_entry(
    run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, user_folders: Path
) -> None:
    odd = b"\xff\xfegym".decode("utf-8", "surrogateescape")  # what the OS hands over
    text = _crash_log(run, monkeypatch, user_folders, RuntimeError("boom"), "--gym", odd)
    assert "RuntimeError: boom" in text
    assert "gym" in text


def test_sql_parameters_stay_out_of_crash_logs(
    run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, user_folders: Path,
    tmp_path: Path,
) -> None:
    db = Database.open(tmp_path / "gym.sqlite3")
    try:
        with pytest.raises(IntegrityError) as caught, db.write() as session:
            session.execute(text("INSERT INTO clients (id, name) VALUES (:v, NULL)"),
                            {"v": "010-1234-5678 홍길동"})
    finally:
        db.close()
    log = _crash_log(run, monkeypatch, user_folders, caught.value)
    assert "010-1234-5678" not in log


def test_a_long_write_lock_reads_as_busy(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "gym.sqlite3"
    db = Database.open(path)
    holder = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(StorageUnavailable) as busy, db.write() as session:
            session.add(Client(name="홍길동", phone="010-1234-5678", gender="female"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        db.close()
    assert busy.value.message_ko == BUSY_KO
    assert "INSERT" not in busy.value.message_en
    assert "010-1234-5678" not in str(busy.value)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_database_backups_and_logs_are_the_users_only(tmp_path: Path) -> None:
    db = tmp_path / "data" / "gym.sqlite3"
    env = {**os.environ, "THE5HC_DATA_DIR": str(tmp_path / "home")}
    for args in (["init", "--gym", "G", "--owner-name", "O", "--username", "owner",
                  "--password", "pass-word-1"], ["backup"]):
        done = subprocess.run([sys.executable, "-m", "the5hc_desktop", *args, "--db", str(db)],
                              env=env, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
    made = [p for p in (tmp_path / "data").rglob("*") if p.is_file()]
    assert db in made
    assert any(p.parent.name == "backups" for p in made)
    for path in made:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    for folder in (db.parent, db.parent / "backups"):
        assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0, folder
