"""Shared by the packaging tests: the repository root and a clean environment for a run."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_0001 = Path(__file__).with_name("gym_rev0001.db")


def isolated_env(tmp: Path) -> dict[str, str]:
    """The user's folders stay untouched; no screen needed."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp / name.lower())
    env["THE5HC_DATA_DIR"] = str(tmp / "data")
    env.pop("THE5HC_DB", None)
    env.pop("PYTHONPATH", None)
    return env


def run(command: list[str], tmp: Path, env: dict[str, str] | None = None,
        timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=tmp, env=env or isolated_env(tmp), capture_output=True,
                          text=True, timeout=timeout, check=False)


def one_report(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, done.stdout + done.stderr
    report: dict[str, Any] = json.loads(lines[0])
    return report
