"""Korean particles chosen by the word they follow: 을/를, 이/가, 은/는, 과/와, (으)로.

The choice depends on whether the last syllable ends in a consonant (받침): 회원을 but 패키지를.
(으)로 is the exception: after ㄹ it is 로 (서울로), like after a vowel. A trailing digit is
read as Korean reads it (1 일, 3 삼, 6 육, 7 칠, 8 팔, 0 영 end in a consonant); brackets,
quotes and spaces after the word are looked through. Latin letters and other endings
cannot be judged reliably, so they keep the double form ("을(를)"), which reads correctly.
"""

from __future__ import annotations

import re

_FIRST, _LAST = 0xAC00, 0xD7A3
_RIEUL_FINAL = 8  # index of ㄹ among the 28 final-consonant slots (0 = none)
# Final consonant of each digit's Korean reading: 0 = none, else any non-zero slot.
_DIGIT_FINAL = {"0": 21, "1": _RIEUL_FINAL, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1,
                "7": _RIEUL_FINAL, "8": _RIEUL_FINAL, "9": 0}
_TRAILING = " \t'\"’”)]}」』>》"

# particle -> (after a consonant, after a vowel, undecided)
PAIRS: dict[str, tuple[str, str, str]] = {
    "을": ("을", "를", "을(를)"), "를": ("을", "를", "을(를)"),
    "이": ("이", "가", "이(가)"), "가": ("이", "가", "이(가)"),
    "은": ("은", "는", "은(는)"), "는": ("은", "는", "은(는)"),
    "과": ("과", "와", "과(와)"), "와": ("과", "와", "과(와)"),
    "으로": ("으로", "로", "(으)로"), "로": ("으로", "로", "(으)로"),
}


def final_of(word: str) -> int | None:
    """The final-consonant slot (0 = none) of the word's last readable character, or None
    when it cannot be judged (Latin letters, symbols, empty)."""
    stripped = word.rstrip(_TRAILING)
    if not stripped:
        return None
    last = stripped[-1]
    if _FIRST <= ord(last) <= _LAST:
        return (ord(last) - _FIRST) % 28
    return _DIGIT_FINAL.get(last)


def josa(word: str, particle: str) -> str:
    """The form of `particle` (either spelling, e.g. "을" or "를") that follows `word`."""
    with_consonant, with_vowel, undecided = PAIRS[particle]
    final = final_of(word)
    if final is None:
        return undecided
    if with_consonant == "으로" and final == _RIEUL_FINAL:
        return with_vowel
    return with_consonant if final else with_vowel


def attach(word: str, particle: str) -> str:
    """`word` followed by the right form of `particle`: attach("10회 패키지", "을") → …를."""
    return word + josa(word, particle)


_MARKER = re.compile(
    r"을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)|과\(와\)|와\(과\)|\(으\)로")


def resolve(text: str) -> str:
    """Every double form in `text` ("을(를)", "(으)로", …) replaced by the one that fits the
    word before it: for translated templates whose placeholder is filled at run time."""

    def choose(match: re.Match[str]) -> str:
        marker = match.group(0)
        particle = "으로" if marker == "(으)로" else marker[0]
        return josa(text[:match.start()], particle)

    return _MARKER.sub(choose, text)
