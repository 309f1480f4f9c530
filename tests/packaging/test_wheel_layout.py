"""The wheel's package list (pyproject.toml) covers every package folder of the source tree,
and the Windows version resource is derived from the package version."""

from __future__ import annotations

import sys
import tomllib

from packaging_support import ROOT
from setuptools import find_namespace_packages

sys.path.insert(0, str(ROOT / "packaging"))
from windows_version import version_tuple


def _config() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        setuptools: dict[str, object] = tomllib.load(handle)["tool"]["setuptools"]
    return setuptools


def test_every_package_folder_is_listed_for_the_wheel() -> None:
    listed = set(_config()["packages"])  # type: ignore[arg-type]
    on_disk = set(find_namespace_packages(str(ROOT), include=["the5hc_desktop*"],
                                          exclude=["*__pycache__*"]))
    mapped = {"the5hc_desktop.resources", "the5hc_desktop.migrations"}
    assert listed == on_disk | mapped


def test_resources_and_migrations_are_mapped_from_the_top_level_folders() -> None:
    package_dir = _config()["package-dir"]
    assert package_dir == {"the5hc_desktop.resources": "resources",
                           "the5hc_desktop.migrations": "migrations"}
    assert (ROOT / "resources" / "fonts" / "NanumGothic.ttf").is_file()
    assert (ROOT / "migrations" / "env.py").is_file()


def test_windows_version_numbers_come_from_the_package_version() -> None:
    assert version_tuple("0.1.0") == (0, 1, 0, 0)
    assert version_tuple("1.12.3rc1") == (1, 12, 3, 0)  # pre-release tails dropped
    assert version_tuple("2.0") == (2, 0, 0, 0)
