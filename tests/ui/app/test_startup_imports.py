"""What a real start imports before the main window first paints: none of the heavy
libraries (PDF, charts, migrations, the server driver). A fresh process signs in through
the real dialog (bench/startup_probe.py) and reports `sys.modules` at that paint."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ui_app_seed import OWNER_PASSWORD, Gym

from the5hc_desktop.services import Services

ROOT = Path(__file__).resolve().parents[3]
PROBE = ROOT / "bench" / "startup_probe.py"
NOT_BEFORE_FIRST_PAINT = ("reportlab", "pyqtgraph", "alembic", "psycopg")


def _start(db_path: Path, tmp_path: Path, until: str) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / name.lower())
    done = subprocess.run(
        [sys.executable, str(PROBE), "--db", str(db_path), "--login", "owner",
         "--password", OWNER_PASSWORD, "--until", until],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(lines) == 1, done.stdout
    report: dict[str, object] = json.loads(lines[0])
    return report


def test_no_heavy_library_before_the_first_paint(
    services: Services, gym: Gym, db_path: Path, tmp_path: Path
) -> None:
    services.close()
    report = _start(db_path, tmp_path, "filled")
    assert report["errors"] == []
    assert "first_paint_ms" in report
    assert "filled_ms" in report
    watched = report["watched_modules"]
    assert isinstance(watched, list)
    assert set(NOT_BEFORE_FIRST_PAINT) <= set(watched)
    heavy = report["heavy_at_first_paint"]
    assert isinstance(heavy, list)
    assert not set(NOT_BEFORE_FIRST_PAINT) & set(heavy)


def test_the_collector_is_paused_while_starting_and_runs_once_the_window_is_complete(
    services: Services, gym: Gym, db_path: Path, tmp_path: Path
) -> None:
    """startup_gc.py: paused from process start to the sign-in dialog (then what exists is
    frozen), and again from 로그인 until every pane is built; collecting once they are."""
    services.close()
    report = _start(db_path, tmp_path, "visited")
    assert report["errors"] == []
    at_paint, at_end = report["gc_at_first_paint"], report["gc_at_end"]
    assert isinstance(at_paint, dict)
    assert isinstance(at_end, dict)
    assert at_paint["enabled"] is False  # the window is still being built
    assert at_paint["frozen"] > 10_000  # modules, classes, the application
    assert at_end["enabled"] is True
    assert at_end["frozen"] <= at_paint["frozen"]  # not the window: it stays collectable
