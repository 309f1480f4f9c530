"""Member search helpers: 초성 (initial consonant) matching and phone digits.

초성 come from plain Unicode arithmetic: every precomposed syllable U+AC00…U+D7A3 is
0xAC00 + (initial × 21 + medial) × 28 + final, so (code − 0xAC00) // 588 is the index of its
initial consonant. It is a few lines and exact, so no library is needed for it.
"""

from __future__ import annotations

import re

from .particles import josa

_SYLLABLE_FIRST = 0xAC00
_SYLLABLE_LAST = 0xD7A3
_PER_INITIAL = 21 * 28  # medials × (finals + none) = 588

# The 19 initial consonants in Unicode order, as compatibility jamo (what keyboards type).
CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"


def initial_of(char: str) -> str:
    """The 초성 of one Hangul syllable; any other character is returned unchanged."""
    code = ord(char)
    if _SYLLABLE_FIRST <= code <= _SYLLABLE_LAST:
        return CHOSEONG[(code - _SYLLABLE_FIRST) // _PER_INITIAL]
    return char


def initials(name: str) -> str:
    """김민수 → ㄱㅁㅅ. Non-syllable characters are kept as they are."""
    return "".join(initial_of(char) for char in name)


def is_initials_query(query: str) -> bool:
    """True when the query (spaces ignored) is made only of 초성, e.g. "ㄱㅁㅅ"."""
    stripped = re.sub(r"\s", "", query)
    return bool(stripped) and all(char in CHOSEONG for char in stripped)


def phone_last4(phone_digits: str) -> str:
    """The last four digits of a phone number ("" when there are fewer than four)."""
    digits = re.sub(r"\D", "", phone_digits)
    return digits[-4:] if len(digits) >= 4 else ""


def _char_matches(query_char: str, name_char: str) -> bool:
    # A typed 초성 stands for any syllable starting with it, so "김ㅁ" finds 김민수.
    if query_char in CHOSEONG:
        return initial_of(name_char) == query_char
    return query_char == name_char


def _name_matches(query: str, name: str) -> bool:
    q = query.casefold()
    n = name.casefold()
    if len(q) > len(n):
        return False
    return any(
        all(_char_matches(qc, nc) for qc, nc in zip(q, n[start:], strict=False))
        for start in range(len(n) - len(q) + 1)
    )


# How typed digits find a phone number. Up to four digits are the start of the last four
# (what front desks type, narrowing as they go); ten or more are the whole number; in
# between, anywhere in the number.
LAST_FOUR_DIGITS = 4
WHOLE_NUMBER_DIGITS = 10


def phone_matches(digits_query: str, phone_digits: str) -> bool:
    """The one rule for digits typed in a search box against a member's phone digits."""
    if len(digits_query) <= LAST_FOUR_DIGITS:
        return phone_digits[-LAST_FOUR_DIGITS:].startswith(digits_query)
    if len(digits_query) >= WHOLE_NUMBER_DIGITS:
        return phone_digits == digits_query
    return digits_query in phone_digits


def matches(query: str, name: str, phone_digits: str | None = None) -> bool:
    """Does a search box entry find this member?

    - part of the name (case-insensitive), where any typed 초성 matches a syllable with that
      initial (so "ㄱㅁㅅ", "민수" and "김ㅁ" all find 김민수);
    - digits (hyphens and spaces ignored) by `phone_matches`: the start of the last four
      digits, the whole number, or (five to nine digits) anywhere in it.
    An empty query matches everyone.
    """
    q = re.sub(r"\s", "", query)
    if not q:
        return True
    if _name_matches(q, re.sub(r"\s", "", name)):
        return True
    digits_query = q.replace("-", "")
    if digits_query.isdigit() and digits_query.isascii() and phone_digits:
        return phone_matches(digits_query, re.sub(r"\D", "", phone_digits))
    return False


def object_particle(word: str) -> str:
    """을 after a final consonant (평가를 vs 회원을), 를 after a vowel; 을(를) when unknown."""
    return josa(word, "을")
