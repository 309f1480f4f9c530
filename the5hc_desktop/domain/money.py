"""Writing amounts of won: one formatter, with the style named by the caller.

Korean text writes money as "1,234,000원"; figures on cards and English text as
"₩1,234,000". Amounts are whole won; reversals are negative ("-5,000원", "-₩5,000").
"""

from __future__ import annotations

from enum import StrEnum


class MoneyStyle(StrEnum):
    WON_SIGN = "won_sign"  # ₩1,234,000
    WON_SUFFIX = "won_suffix"  # 1,234,000원

    @classmethod
    def for_language(cls, language: str) -> MoneyStyle:
        """The style money takes inside a sentence in `language` ("ko" or "en")."""
        return cls.WON_SIGN if language == "en" else cls.WON_SUFFIX


def format_won(amount: int, style: MoneyStyle) -> str:
    """`amount` with thousands separators in `style`; the minus sign leads."""
    if style is MoneyStyle.WON_SIGN:
        sign = "-" if amount < 0 else ""
        return f"{sign}₩{abs(amount):,}"
    return f"{amount:,}원"


def won_text(amount: int, language: str) -> str:
    """Money inside a sentence in the user's language: "1,234,000원" / "₩1,234,000"."""
    return format_won(amount, MoneyStyle.for_language(language))


__all__ = ["MoneyStyle", "format_won", "won_text"]
