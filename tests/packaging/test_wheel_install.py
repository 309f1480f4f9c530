"""`pip install .` (a real wheel, not editable) gives a working app: built from a copy of the
sources, installed into a fresh virtual environment, imported from there (not from the
checkout) and self-tested with its bundled fonts, catalogues and migrations."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from packaging_support import ROOT, isolated_env, one_report, run

SOURCES = ("pyproject.toml", "README.md", "the5hc_desktop", "resources", "migrations")


def _copy_sources(target: Path) -> None:
    """Only what a clone has: no build/ left-overs, no caches."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.ts")
    target.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)


@pytest.mark.slow
def test_installed_wheel_runs_the_self_test(tmp_path: Path) -> None:
    source = tmp_path / "src"
    _copy_sources(source)
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                 str(tmp_path / "dist"), str(source)], tmp_path, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tmp_path / "dist").glob("the5hc_desktop-*.whl")

    venv = tmp_path / "venv"
    # The outer site-packages provide the dependencies (no downloads); the app itself
    # must come from the wheel installed into the venv.
    made = run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], tmp_path)
    assert made.returncode == 0, made.stderr
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / "python"
    installed = run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                     str(wheel)], tmp_path)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    where = run([str(python), "-c", "import the5hc_desktop.paths as p; "
                 "print(p.__file__); print(p.bundle_root())"], tmp_path)
    module_file, bundle = (Path(line) for line in where.stdout.split())
    assert venv.resolve() in module_file.resolve().parents, where.stdout
    assert bundle == module_file.parent  # resources/ and migrations/ inside the package
    assert (bundle / "migrations" / "versions").is_dir()

    db = tmp_path / "gym.sqlite3"
    done = run([str(bin_dir / "the5hc"), "--self-test", "--db", str(db)], tmp_path,
               env=isolated_env(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    report = one_report(done)
    assert report["ok"] is True
    assert report["schema_before"] is None
    assert report["schema_after"]
    assert report["translations"] is True
    assert report["pdf_hangul"] is True
