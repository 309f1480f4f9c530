"""Every failure is one line on stderr (Korean, then English) and a non-zero exit code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import Result, assert_one_error_line

from the5hc_desktop import cli


@pytest.mark.parametrize(
    "args",
    [
        ("stats", "--bogus"),
        ("demo", "--clients", "many"),
        ("report", "--from", "yesterday", "--to", "2025-01-01", "-d", "out"),
        ("report",),
        ("report", "123", "--from", "2025-01-01"),
        ("export", "pdf"),
        ("restore",),
        ("--db",),
        ("import-legacy",),
    ],
)
def test_usage_errors(run: Callable[..., Result], args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.code == 2
    assert_one_error_line(result)


def test_bad_assessment_id(run: Callable[..., Result], demo_db: Path, tmp_path: Path) -> None:
    result = run("report", "not-a-uuid", "-o", str(tmp_path / "x.pdf"), "--db", str(demo_db))
    assert_one_error_line(result)
    result = run("report", "0190c1d4-5a7e-7c2f-8e3b-6d3f2a1b0c9d", "-o",
                 str(tmp_path / "x.pdf"), "--db", str(demo_db))
    assert_one_error_line(result)


def test_unexpected_error_is_one_line_and_logged(
    run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, user_folders: Path
) -> None:
    def broken(options: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setitem(cli._HANDLERS, "init", broken)
    result = run("init", "--username", "owner", "--password", "secret-word")
    assert result.code == 70
    assert_one_error_line(result)
    log = user_folders / "logs" / "the5hc-cli.log"
    assert str(log) in result.err
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError: boom" in text
    assert "Traceback" in text
    assert "secret-word" not in text


def test_help_and_version_exit_zero(run: Callable[..., Result]) -> None:
    assert run("--help").code == 0
    assert run("demo", "--help").code == 0
    version = run("--version")
    assert version.code == 0
    assert "the5hc" in version.out


def test_no_command_is_a_usage_error(run: Callable[..., Result]) -> None:
    result = run("--db", "x.sqlite3")
    assert result.code == 2
    assert_one_error_line(result)


def test_wants_cli() -> None:
    assert cli.wants_cli(["stats", "--json"])
    assert cli.wants_cli(["--db", "x", "check"])
    assert cli.wants_cli(["--help"])
    assert not cli.wants_cli([])
    assert not cli.wants_cli(["--db", "x"])
