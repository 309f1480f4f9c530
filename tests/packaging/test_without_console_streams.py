"""A windowed build has no console: sys.stdin, sys.stdout and sys.stderr are None. Every
command-line path and the self-test must still run and end with the right exit code."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from packaging_support import ROOT, isolated_env, run

# Runs the real entry point after taking the streams away, then exits with its code.
PROBE = (
    "import sys; args = sys.argv[1:]; "
    "sys.stdin = sys.stdout = sys.stderr = None; "
    "from the5hc_desktop.__main__ import main; "
    "sys.exit(main(args))"
)


def _main_without_streams(tmp: Path, *args: str) -> int:
    env = isolated_env(tmp)
    env["PYTHONPATH"] = str(ROOT)  # this checkout, whatever is installed
    done = run([sys.executable, "-c", PROBE, *args], tmp, env=env)
    assert (done.stdout, done.stderr) == ("", "")  # nothing escaped to the real streams
    return done.returncode


def test_cli_commands_and_errors_run_without_streams(tmp_path: Path) -> None:
    db = str(tmp_path / "gym.sqlite3")
    assert _main_without_streams(tmp_path, "--version") == 0
    assert _main_without_streams(tmp_path, "--help") == 0
    assert _main_without_streams(tmp_path, "stats", "--db", db) == 1  # no such database
    assert _main_without_streams(tmp_path, "no-such-option", "check", "--bogus") == 2
    # init would read its password from stdin, which is missing: refused, not a crash
    assert _main_without_streams(tmp_path, "init", "--db", db, "--gym", "G",
                                 "--owner-name", "O", "--username", "owner",
                                 "--password-stdin") == 2
    assert _main_without_streams(tmp_path, "init", "--db", db, "--gym", "센터",
                                 "--owner-name", "대표", "--username", "owner",
                                 "--password", "correct-horse-9") == 0
    assert _main_without_streams(tmp_path, "stats", "--progress", "--db", db) == 0
    assert _main_without_streams(tmp_path, "export", "csv", "-o", "-", "--db", db) == 2
    assert _main_without_streams(tmp_path, "check", "--db", db) == 0


@pytest.mark.slow
def test_self_test_without_streams_writes_its_report_to_the_log_folder(tmp_path: Path) -> None:
    db = tmp_path / "gym.sqlite3"
    assert _main_without_streams(tmp_path, "--self-test", "--db", str(db)) == 0
    saved = tmp_path / "data" / "logs" / "self-test" / "last-report.json"
    report = json.loads(saved.read_text(encoding="utf-8"))
    assert report["ok"] is True
    assert report["db"] == str(db)
