"""Legacy value parsing: the fast clock path agrees with the plain strptime reading."""

from __future__ import annotations

from datetime import datetime, time

from hypothesis import given
from hypothesis import strategies as st

from the5hc_desktop.services.legacy_source import parse_clock


def _plain(text: str) -> time | None:
    text = text.strip().split(".")[0]
    for pattern in ("%H:%M:%S", "%H:%M"):
        try:
            return datetime.strptime(text, pattern).time()
        except ValueError:
            continue
    return None


_two = st.integers(0, 99).map(lambda n: f"{n:02d}")
_clock_like = st.one_of(
    st.builds(lambda h, m: f"{h}:{m}", _two, _two),
    st.builds(lambda h, m, s: f"{h}:{m}:{s}", _two, _two, _two),
    st.builds(lambda h, m, s, f: f"{h}:{m}:{s}.{f}", _two, _two, _two,
              st.integers(0, 999_999)),
    st.text(alphabet="0123456789: .", max_size=12),
)


@given(_clock_like)
def test_parse_clock_matches_strptime(text: str) -> None:
    assert parse_clock(text) == _plain(text)


def test_parse_clock_table() -> None:
    assert parse_clock("10:00:44.064956") == time(10, 0, 44)
    assert parse_clock("7:05") == time(7, 5)
    assert parse_clock(" 19:30 ") == time(19, 30)
    assert parse_clock("24:00") is None
    assert parse_clock(None) is None
