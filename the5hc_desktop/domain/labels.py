"""Bilingual words shown on screens and in reports (Korean first, English alongside)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Label:
    """One piece of UI text in Korean and English."""

    ko: str
    en: str

    def text(self, language: str = "ko") -> str:
        """The text in the user's language ("ko" or "en")."""
        return self.en if language == "en" else self.ko


@dataclass(frozen=True, slots=True)
class Band(Label):
    """A score band word (매우 우수 … 개선 필요); `key` is stable for styling and filters."""

    key: str = ""
