"""사업자등록번호: format and check digit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from the5hc_desktop.domain.business import business_number_valid, normalize_business_number
from the5hc_desktop.domain.errors import ValidationError


@pytest.mark.parametrize(("typed", "stored"), [
    ("124-81-00998", "124-81-00998"),
    ("1248100998", "124-81-00998"),
    (" 124 81 00998 ", "124-81-00998"),
    ("220-81-62517", "220-81-62517"),
    ("", ""),
    ("  ", ""),
])
def test_valid_numbers_are_stored_with_dashes(typed: str, stored: str) -> None:
    assert normalize_business_number(typed) == stored


@pytest.mark.parametrize("typed", ["124-81-00997", "124-81-0099", "12481009981", "ABC-81-00998",
                                   "124/81/00998"])
def test_wrong_numbers_name_the_field(typed: str) -> None:
    with pytest.raises(ValidationError) as error:
        normalize_business_number(typed)
    assert error.value.field == "business_number"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_exactly_one_check_digit_fits_any_nine_digits(head: str) -> None:
    assert sum(business_number_valid(head + str(d)) for d in range(10)) == 1
