"""Server administration use cases for the command line (`the5hc server ...`).

A thin door to `sync.server_admin`: the CLI reaches sync through services, like everything
else. Results are plain dataclasses; failures are The5HCError with Korean and English text.
"""

from __future__ import annotations

from the5hc_desktop.sync import server_admin
from the5hc_desktop.sync.server_admin import DeviceAdded, DeviceRevoked, GymAdded

__all__ = ["DeviceAdded", "DeviceRevoked", "GymAdded", "add_device", "add_gym", "init",
           "revoke_device", "upgrade"]


def init(admin_dsn: str) -> tuple[int, bool]:
    """Install the server schema; (revision, created now)."""
    return server_admin.init(admin_dsn)


def upgrade(admin_dsn: str) -> tuple[int, int]:
    """Upgrade the server schema; (revision before, revision after)."""
    return server_admin.upgrade(admin_dsn)


def add_gym(admin_dsn: str, name: str) -> GymAdded:
    return server_admin.add_gym(admin_dsn, name)


def add_device(admin_dsn: str, gym: str, name: str, *, host: str | None = None,
               port: int | None = None) -> DeviceAdded:
    return server_admin.add_device(admin_dsn, gym, name, host=host, port=port)


def revoke_device(admin_dsn: str, device: str) -> DeviceRevoked:
    return server_admin.revoke_device(admin_dsn, device)
