"""Who is acting, and the small value types every service returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar
from uuid import UUID

from the5hc_desktop.domain.roles import Role

T = TypeVar("T")


@dataclass(frozen=True)
class Actor:
    """The signed-in staff member on whose behalf a use case runs."""

    staff_id: UUID
    role: Role
    display_name: str
    username: str


@dataclass(frozen=True)
class Notice:
    """A warning that does not block the action (duplicate phone, same name, ...)."""

    code: str
    message_ko: str
    message_en: str

    def message(self, language: str = "ko") -> str:
        return self.message_en if language == "en" else self.message_ko


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: tuple[T, ...]
    total: int
    offset: int
    limit: int


__all__ = ["Actor", "Notice", "Page", "Role"]
