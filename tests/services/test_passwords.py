"""Password formats: argon2id for new hashes, legacy bcrypt and Django PBKDF2 verified."""

from __future__ import annotations

import base64
import hashlib

import bcrypt
import pytest

from the5hc_desktop.services import passwords


def django_hash(password: str, salt: str = "saltsalt", iterations: int = 1000) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations, 32)
    return f"pbkdf2_sha256${iterations}${salt}${base64.b64encode(digest).decode()}"


def test_new_hashes_are_argon2id_and_verify() -> None:
    stored = passwords.hash_password("비밀번호-123")
    assert stored.startswith("$argon2id$")
    assert passwords.verify_password(stored, "비밀번호-123")
    assert not passwords.verify_password(stored, "비밀번호-124")
    assert not passwords.needs_rehash(stored)



def test_shared_hashes_give_one_hash_per_password_only_inside_the_block() -> None:
    with passwords.shared_hashes():
        first = passwords.hash_password("demo1234")
        assert passwords.hash_password("demo1234") == first
        other = passwords.hash_password("demo12345")
        assert other != first
        assert passwords.verify_password(other, "demo12345")
    assert passwords.verify_password(first, "demo1234")
    assert passwords.hash_password("demo1234") != first  # a fresh salt again


@pytest.mark.parametrize("prefix", ["$2a$", "$2b$", "$2y$"])
def test_bcrypt_variants_verify_and_need_rehash(prefix: str) -> None:
    stored = prefix + bcrypt.hashpw(b"legacy-pass", bcrypt.gensalt(rounds=4)).decode()[4:]
    assert passwords.verify_password(stored, "legacy-pass")
    assert not passwords.verify_password(stored, "legacy-pasS")
    assert passwords.needs_rehash(stored)


def test_django_pbkdf2_verifies_and_needs_rehash() -> None:
    stored = django_hash("django-pass")
    assert passwords.verify_password(stored, "django-pass")
    assert not passwords.verify_password(stored, "django-pas")
    assert passwords.needs_rehash(stored)


@pytest.mark.parametrize(
    "stored",
    ["", None, "!", "!unusable-random", "md5$abc$def", "pbkdf2_sha256$x$salt$aGFzaA==",
     "pbkdf2_sha256$1000$salt$not base64!", "$2b$12$short", "$argon2id$garbage"],
)
def test_unusable_or_malformed_hashes_never_verify(stored: str | None) -> None:
    assert not passwords.verify_password(stored, "anything")


def test_usable_marker() -> None:
    assert not passwords.is_usable("!abc")
    assert not passwords.is_usable("")
    assert passwords.is_usable(django_hash("x"))
