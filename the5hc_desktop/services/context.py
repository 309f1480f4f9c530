"""Who is acting, and the small value types every service returns."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar
from uuid import UUID

T = TypeVar("T")


class Role(StrEnum):
    OWNER = "owner"
    SENIOR = "senior"
    TRAINER = "trainer"
    ASSISTANT = "assistant"

    @property
    def label_ko(self) -> str:
        return _ROLE_KO[self]

    @property
    def label_en(self) -> str:
        return _ROLE_EN[self]

    def label(self, language: str = "ko") -> str:
        return self.label_en if language == "en" else self.label_ko


_ROLE_KO = {
    Role.OWNER: "소유자",
    Role.SENIOR: "시니어 트레이너",
    Role.TRAINER: "트레이너",
    Role.ASSISTANT: "프런트/어시스턴트",
}
_ROLE_EN = {
    Role.OWNER: "Owner",
    Role.SENIOR: "Senior trainer",
    Role.TRAINER: "Trainer",
    Role.ASSISTANT: "Front desk / assistant",
}


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
