"""Push-up thresholds (repetitions for 우수 / 양호 / 평균), DOMAIN 2.3 seed rows.

desktop-1 applies every row at every age (gotcha G12): the youngest band starts at age 1,
so under-18s use the 18–29 row of their push-up type instead of a scaled score.
"""

from __future__ import annotations

from .people import Gender
from .vocabulary import PushUpType

PUSH_UP_AGE_BANDS: tuple[str, ...] = ("-29", "30-39", "40-49", "50-59", "60-")
# The oldest age of each band but the open-ended last one.
_BAND_LAST_AGE: tuple[tuple[int, str], ...] = (
    (29, "-29"),
    (39, "30-39"),
    (49, "40-49"),
    (59, "50-59"),
)

_M, _F = Gender.MALE, Gender.FEMALE
_S, _K, _W = PushUpType.STANDARD, PushUpType.MODIFIED, PushUpType.WALL

# Rows in the order of PUSH_UP_AGE_BANDS; each cell is (excellent, good, average).
_ROWS: dict[tuple[Gender, PushUpType], tuple[tuple[int, int, int], ...]] = {
    (_M, _S): ((36, 29, 22), (30, 24, 17), (25, 20, 13), (21, 16, 10), (18, 12, 8)),
    (_F, _S): ((30, 21, 15), (27, 20, 13), (24, 15, 11), (21, 13, 9), (17, 12, 8)),
    (_M, _K): ((25, 20, 15), (21, 17, 12), (18, 14, 9), (15, 11, 7), (13, 8, 6)),
    (_F, _K): ((21, 15, 10), (19, 14, 9), (17, 10, 8), (15, 9, 6), (12, 8, 6)),
    (_M, _W): ((14, 12, 9), (12, 10, 7), (10, 8, 5), (8, 6, 4), (7, 5, 3)),
    (_F, _W): ((12, 8, 6), (11, 8, 5), (10, 6, 4), (8, 5, 4), (7, 5, 3)),
}

PUSH_UP_THRESHOLDS: dict[tuple[Gender, str, PushUpType], tuple[int, int, int]] = {
    (gender, band, kind): cells[index]
    for (gender, kind), cells in _ROWS.items()
    for index, band in enumerate(PUSH_UP_AGE_BANDS)
}


def push_up_age_band(age: int) -> str:
    """The band key for an age: -29 (including under 18), 30-39, 40-49, 50-59, 60-."""
    for last_age, band in _BAND_LAST_AGE:
        if age <= last_age:
            return band
    return PUSH_UP_AGE_BANDS[-1]
