"""`the5hc init`: the gym and its owner from flags or stdin; sign-in works afterwards."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import PASSWORD, Result, assert_one_error_line

from the5hc_desktop.services import open_services
from the5hc_desktop.services.context import Role


def test_init_by_flags_then_sign_in(run: Callable[..., Result], tmp_path: Path) -> None:
    db = tmp_path / "gym.sqlite3"
    result = run("init", "--gym", "더파이브 헬스케어", "--owner-name", "김대표",
                 "--username", "owner", "--password", PASSWORD, "--email", "Owner@Gym.kr",
                 "--db", str(db))
    assert result.code == 0, result.err
    assert "owner" in result.out
    services = open_services(db)
    try:
        actor = services.accounts.sign_in("owner", PASSWORD)
        assert actor.role is Role.OWNER
        assert actor.display_name == "김대표"
        assert services.accounts.sign_in("owner@gym.kr", PASSWORD).staff_id == actor.staff_id
        assert services.settings.get().gym_name == "더파이브 헬스케어"
        assert not services.accounts.needs_first_run()
    finally:
        services.close()


def test_password_from_stdin_and_db_before_command(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "gym.sqlite3"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    result = run("--db", str(db), "init", "--gym", "센터", "--owner-name", "이관장",
                 "--username", "boss", "--password-stdin")
    assert result.code == 0, result.err
    services = open_services(db)
    try:
        assert services.accounts.sign_in("boss", PASSWORD).role is Role.OWNER
    finally:
        services.close()


def test_default_database_comes_from_the5hc_db(
    run: Callable[..., Result], user_folders: Path
) -> None:
    result = run("init", "--gym", "센터", "--owner-name", "박관장", "--username", "boss",
                 "--password", PASSWORD)
    assert result.code == 0, result.err
    assert (user_folders / "default" / "the5hc.sqlite3").is_file()


def test_second_init_is_refused(run: Callable[..., Result], tmp_path: Path) -> None:
    db = str(tmp_path / "gym.sqlite3")
    args = ("init", "--gym", "센터", "--owner-name", "김대표", "--username", "owner",
            "--password", PASSWORD, "--db", db)
    assert run(*args).code == 0
    assert_one_error_line(run(*args))


@pytest.mark.parametrize(
    ("password", "needle"),
    [("short", "8자"), ("12345678901", "숫자")],
)
def test_weak_password_is_one_clear_line(
    run: Callable[..., Result], tmp_path: Path, password: str, needle: str
) -> None:
    result = run("init", "--gym", "센터", "--owner-name", "김대표", "--username", "owner",
                 "--password", password, "--db", str(tmp_path / "gym.sqlite3"))
    assert_one_error_line(result)
    assert needle in result.err


def test_missing_values_without_a_terminal_are_a_usage_error(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = run("init", "--gym", "센터", "--db", str(tmp_path / "gym.sqlite3"))
    assert result.code == 2
    assert_one_error_line(result)
    assert not (tmp_path / "gym.sqlite3").exists()
