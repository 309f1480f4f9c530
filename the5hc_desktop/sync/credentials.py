"""Where a device's sync secret lives: the OS keyring, never a plain-text file.

Without a keyring backend (a bare Linux server, a CI box) the secret comes from
`THE5HC_SYNC_SECRET` or is asked for once per run by the caller.
"""

from __future__ import annotations

import contextlib
import logging
import os

log = logging.getLogger("the5hc.sync")

SERVICE = "The5HC sync"
ENV_SECRET = "THE5HC_SYNC_SECRET"


def _keyring_usable() -> bool:
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    return not isinstance(backend, fail.Keyring) and backend.priority > 0


def keyring_available() -> bool:
    try:
        return _keyring_usable()
    except Exception:
        log.warning("keyring backend unusable", exc_info=True)
        return False


def load_secret(device: str) -> str | None:
    """The stored secret of `device`, the environment's, or None (the caller asks)."""
    env = os.environ.get(ENV_SECRET)
    if env:
        return env
    if not keyring_available():
        return None
    import keyring

    try:
        return keyring.get_password(SERVICE, device)
    except Exception:
        log.warning("keyring read failed", exc_info=True)
        return None


def store_secret(device: str, secret: str) -> bool:
    """Keep the secret in the keyring; False when there is none (ask again next run)."""
    if not keyring_available():
        return False
    import keyring

    try:
        keyring.set_password(SERVICE, device, secret)
    except Exception:
        log.warning("keyring write failed", exc_info=True)
        return False
    return True


def forget_secret(device: str) -> None:
    if not keyring_available():
        return
    import keyring
    from keyring.errors import PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError):
        keyring.delete_password(SERVICE, device)
