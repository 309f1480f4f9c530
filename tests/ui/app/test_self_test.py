"""`python -m the5hc_desktop --self-test --db PATH` in a fresh process, as CI and the frozen
smoke test run it: exit 0 and one JSON line naming every pane. It runs from a folder outside
the checkout, so it exercises the installed package and its resources, not the source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ALL_PANES = ["dashboardPane", "clientsPane", "assessmentPane", "sessionsPane", "reportsPane",
             "analyticsPane", "settingsPane"]


def _run(db: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / name.lower())  # the user's folders stay untouched
    env["THE5HC_DATA_DIR"] = str(tmp_path / "data")
    env.pop("THE5HC_DB", None)
    # The package under test (this checkout), not whichever copy is installed.
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(Path(__file__).resolve().parents[3]), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "the5hc_desktop", "--self-test", "--db", str(db)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False,
    )


@pytest.mark.slow
def test_self_test_on_a_new_database(tmp_path: Path) -> None:
    db = tmp_path / "self-test.sqlite3"
    done = _run(db, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, done.stdout
    report = json.loads(lines[0])
    assert report["ok"] is True
    assert report["errors"] == []
    assert report["panes"] == ALL_PANES
    assert report["missing_panes"] == []
    assert report["db"] == str(db)
    assert report["throwaway_db"] is False
    assert isinstance(report["first_paint_ms"], int)
    assert report["first_paint_ms"] > 0

    again = _run(db, tmp_path)  # the gym exists now: the owner is looked up, not created
    assert again.returncode == 0, again.stdout + again.stderr
    assert json.loads(again.stdout)["ok"] is True
