"""Fixtures for data in and out: a small demo gym (built once, copied per test), actors of
every role, fast password hashes and a private user folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from import_support import actor_of

from the5hc_desktop import paths
from the5hc_desktop.services import Services, open_services, passwords
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.demo import generate_demo
from the5hc_desktop.store.database import Database

DEMO_TODAY = date(2025, 6, 15)


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture(autouse=True)
def user_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("THE5HC_DB", str(tmp_path / "default" / "the5hc.sqlite3"))
    monkeypatch.setattr(paths, "log_dir", lambda: tmp_path / "logs")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite3"
    with Database.open(path, device_name="template") as database:
        generate_demo(database, 40, 3, today=DEMO_TODAY)
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "gym" / "the5hc.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture
def gym(demo_path: Path) -> Iterator[Services]:
    opened = open_services(demo_path)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def owner(gym: Services) -> Actor:
    return actor_of(gym, Role.OWNER)
