"""Typed errors shared by every layer.

Each error carries a Korean and an English message and, where it concerns one input,
the name of that field, so a screen can show it next to the right widget.
"""

from __future__ import annotations


class The5HCError(Exception):
    """Base of every expected failure."""

    def __init__(self, message_ko: str, message_en: str, *, field: str | None = None) -> None:
        super().__init__(message_en if field is None else f"{field}: {message_en}")
        self.message_ko = message_ko
        self.message_en = message_en
        self.field = field

    def message(self, language: str = "ko") -> str:
        """The message in the user's language ("ko" or "en")."""
        return self.message_en if language == "en" else self.message_ko


class ValidationError(The5HCError, ValueError):
    """Bad input; `field` names the offending input."""


class PermissionDenied(The5HCError):
    """The signed-in role may not do this."""


class NotFound(The5HCError):
    """The referenced row does not exist (or is deleted)."""


class ConflictError(The5HCError):
    """The action clashes with the current state (overlap, already completed, ...)."""


class AuthenticationError(The5HCError):
    """Sign-in refused: wrong credentials, locked or deactivated account."""


class StorageUnavailable(The5HCError):
    """The database file cannot be opened, migrated or written."""


class DatabaseDamaged(StorageUnavailable):
    """The database file has damaged pages: it is not used, copied or backed up as good."""
