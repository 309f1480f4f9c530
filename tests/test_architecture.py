"""The layer rules of ARCHITECTURE.md, checked by import-linter and the linters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; "
         "sys.exit(lint_imports())"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "the5hc_desktop", "tests", "bench", "migrations"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_start_path_leaves_heavy_modules_unloaded() -> None:
    """ReportLab, Alembic and psycopg load only when a PDF, a migration or a server needs
    them, so the window paints quickly."""
    probe = (
        "import sys, the5hc_desktop.services, the5hc_desktop.ui.app, the5hc_desktop.cli;"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules}"
        " & {'reportlab', 'alembic', 'psycopg'})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
    )
    assert result.stdout.strip() == ""
