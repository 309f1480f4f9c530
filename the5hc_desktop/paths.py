"""Where the app finds its bundled resources and keeps its user data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "The5HC"
APP_AUTHOR = "The5HC"


def bundle_root() -> Path:
    """Folder holding `resources/` and `migrations/`.

    Frozen: the PyInstaller bundle. Installed from a wheel: the package itself (the build
    maps both folders into it). A checkout or editable install: the repository root.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    package = Path(__file__).resolve().parent
    if (package / "resources").is_dir():
        return package
    return package.parent


def resources_dir() -> Path:
    return bundle_root() / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def migrations_dir() -> Path:
    return bundle_root() / "migrations"


def data_dir() -> Path:
    """The user's data folder; `THE5HC_DATA_DIR` moves it (tests, portable installs)."""
    env = os.environ.get("THE5HC_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    env = os.environ.get("THE5HC_DATA_DIR")
    if env:
        return Path(env).expanduser() / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def cache_dir() -> Path:
    """Files the app can rebuild at any time (parsed fonts); under `THE5HC_DATA_DIR` when set."""
    env = os.environ.get("THE5HC_DATA_DIR")
    if env:
        return Path(env).expanduser() / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))


def default_db_path() -> Path:
    """`THE5HC_DB` if set, else `the5hc.sqlite3` in the user's data folder."""
    env = os.environ.get("THE5HC_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "the5hc.sqlite3"
