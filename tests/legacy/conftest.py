"""Legacy import fixtures: the fixture database (docs/domain.md 10.1), a target, fast hashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from legacy_fixture_db import build_legacy_db

from the5hc_desktop import paths
from the5hc_desktop.services import passwords


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture(autouse=True)
def user_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("THE5HC_DB", str(tmp_path / "default" / "the5hc.sqlite3"))
    monkeypatch.setattr(paths, "log_dir", lambda: tmp_path / "logs")


@pytest.fixture
def legacy_db(tmp_path: Path) -> Path:
    return build_legacy_db(tmp_path / "legacy" / "fitness_assessment.db")


@pytest.fixture
def target(tmp_path: Path) -> Path:
    return tmp_path / "data" / "the5hc.sqlite3"
