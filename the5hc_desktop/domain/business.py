"""The gym's business details printed on receipts: 사업자등록번호 and its check digit.

A Korean business registration number has ten digits, shown 123-45-67890; the last digit is a
check digit over the first nine (weights 1 3 7 1 3 7 1 3 5, plus the carry of the ninth digit
times five), so a mistyped number is caught before it is printed on every receipt.
"""

from __future__ import annotations

import re

from .errors import ValidationError

_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def business_number_valid(digits: str) -> bool:
    """True when `digits` (ten digits) carries a correct check digit."""
    if not re.fullmatch(r"[0-9]{10}", digits):
        return False
    d = [int(c) for c in digits]
    total = sum(x * w for x, w in zip(d, _WEIGHTS, strict=False)) + d[8] * 5 // 10
    return (10 - total % 10) % 10 == d[9]


def normalize_business_number(text: str) -> str:
    """`123-45-67890` from what was typed (spaces and dashes ignored); "" stays "" (not set)."""
    digits = re.sub(r"[\s\-]", "", text or "")
    if not digits:
        return ""
    if not re.fullmatch(r"[0-9]{10}", digits):
        raise ValidationError("사업자등록번호는 숫자 10자리입니다 (예: 123-45-67890).",
                              "A business registration number has 10 digits "
                              "(e.g. 123-45-67890).", field="business_number")
    if not business_number_valid(digits):
        raise ValidationError("사업자등록번호가 올바르지 않습니다. 번호를 다시 확인하세요.",
                              "This business registration number is not valid; check it "
                              "again.", field="business_number")
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
