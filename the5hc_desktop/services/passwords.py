"""Password hashing: argon2id for new hashes; legacy bcrypt and Django PBKDF2 verified.

The format is recognised by its prefix (DOMAIN.md 9.1). Anything that is not argon2id is
re-hashed after the first successful sign-in (`needs_rehash`). Plain passwords are never
stored or logged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import bcrypt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
_BCRYPT_PREFIXES = ("$2a$", "$2b$", "$2y$")
_DJANGO_PBKDF2 = "pbkdf2_sha256$"
_ARGON2ID = "$argon2id$"


# Inside `shared_hashes()`: password digest -> the one hash made for it.
_SHARED: ContextVar[dict[bytes, str] | None] = ContextVar("the5hc_shared_hashes", default=None)


def hash_password(password: str) -> str:
    """A new argon2id hash (inside `shared_hashes()`, the block's one hash of `password`)."""
    shared = _SHARED.get()
    if shared is None:
        return _HASHER.hash(password)
    key = hashlib.sha256(password.encode()).digest()
    if key not in shared:
        shared[key] = _HASHER.hash(password)
    return shared[key]


@contextmanager
def shared_hashes() -> Iterator[None]:
    """Within the block, accounts given the same password share one hash (one salt).

    Only for generated accounts that all get a published password (the demo gym's staff):
    there a fresh argon2 hash each costs seconds and protects nothing."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


_DUMMY: dict[int, str] = {}  # id(_HASHER) -> a hash of a random secret, made on first use


def spend_verify_time(password: str) -> None:
    """Verify `password` against a throw-away hash: an unknown username then costs the same
    time as a wrong password, so timing does not tell which usernames exist."""
    dummy = _DUMMY.get(id(_HASHER))
    if dummy is None:
        import secrets

        dummy = _DUMMY[id(_HASHER)] = _HASHER.hash(secrets.token_hex(16))
    verify_password(dummy, password)


def is_usable(stored: str | None) -> bool:
    """False for an empty value or Django's `!…` marker for an unusable password."""
    return bool(stored) and not str(stored).startswith("!")


def verify_password(stored: str | None, password: str) -> bool:
    """Does `password` match the stored hash (argon2id, bcrypt or Django pbkdf2_sha256)?"""
    if not stored or not is_usable(stored):
        return False
    if stored.startswith("$argon2"):
        try:
            return _HASHER.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
    if stored.startswith(_BCRYPT_PREFIXES):
        return _verify_bcrypt(stored, password)
    if stored.startswith(_DJANGO_PBKDF2):
        return _verify_django_pbkdf2(stored, password)
    return False  # md5$, scrypt$, ...: unknown formats never sign in


def needs_rehash(stored: str) -> bool:
    """True for every legacy format, and for argon2id made with weaker parameters."""
    if not stored.startswith(_ARGON2ID):
        return True
    try:
        return _HASHER.check_needs_rehash(stored)
    except InvalidHashError:
        return True


def _verify_bcrypt(stored: str, password: str) -> bool:
    # The `bcrypt` package only knows $2a$/$2b$; $2y$ (PHP) is the same algorithm.
    normalised = "$2b$" + stored[4:] if stored.startswith("$2y$") else stored
    try:
        return bcrypt.checkpw(password.encode("utf-8"), normalised.encode("ascii"))
    except ValueError:  # malformed hash, or a password over bcrypt 5's 72-byte limit
        return False


def _verify_django_pbkdf2(stored: str, password: str) -> bool:
    parts = stored.split("$", 3)
    if len(parts) != 4:
        return False
    _, iterations_text, salt, expected_b64 = parts
    try:
        iterations = int(iterations_text)
        expected = base64.b64decode(expected_b64.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        return False
    if iterations < 1 or not expected:
        return False
    derived = hashlib.pbkdf2_hmac(
        "sha256", password.encode("utf-8"), salt.encode("utf-8"), iterations, len(expected)
    )
    return hmac.compare_digest(derived, expected)
