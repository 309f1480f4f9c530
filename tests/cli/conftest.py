"""CLI fixtures: fast password hashes, user folders in tmp, `run` capturing one invocation,
and a small seeded demo database built once per run and copied for each test."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from cli_support import DEMO_CLIENTS, DEMO_SEED, Result

from the5hc_desktop import cli, paths
from the5hc_desktop.services import passwords

FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    # Cheap argon2id parameters keep the suite fast; the format and algorithm are unchanged.
    monkeypatch.setattr(passwords, "_HASHER", FAST_HASHER)


@pytest.fixture(autouse=True)
def user_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No test touches the real user data or log folders."""
    monkeypatch.setenv("THE5HC_DB", str(tmp_path / "default" / "the5hc.sqlite3"))
    monkeypatch.setattr(paths, "log_dir", lambda: tmp_path / "logs")
    return tmp_path


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def invoke(*args: str) -> Result:
        code = cli.main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_HASHER", FAST_HASHER)
        code = cli.main(["demo", "--clients", str(DEMO_CLIENTS), "--seed", str(DEMO_SEED),
                         "--profile", "light", "--db", str(path)])
    assert code == 0
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "data" / "demo.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(demo_template, target)
    return target
