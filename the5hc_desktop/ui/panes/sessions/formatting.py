"""Display text and colours shared by the 세션 관리 widgets.

Pure functions of the value and the UI language, so tests compare strings directly.
"""

from __future__ import annotations

from datetime import date, datetime

from the5hc_desktop.domain.fees import PaymentMethod
from the5hc_desktop.services.sessions import SessionStatus

# Calendar and list colours per status: scheduled blue, completed green, cancelled grey,
# no-show red (docs/domain.md 6.1 with the desktop's no-show and a grey cancel that recedes).
STATUS_COLOURS: dict[SessionStatus, str] = {
    SessionStatus.SCHEDULED: "#1e6fd9",
    SessionStatus.COMPLETED: "#2e9d4f",
    SessionStatus.CANCELLED: "#9e9e9e",
    SessionStatus.NO_SHOW: "#d93025",
}
OVERDRAWN_COLOUR = "#c62828"
MUTED_COLOUR = "#607d8b"
METHODS: tuple[PaymentMethod, ...] = (
    PaymentMethod.CARD,
    PaymentMethod.CASH,
    PaymentMethod.TRANSFER,
    PaymentMethod.OTHER,
)


def grouped(value: int) -> str:
    return f"{value:,}"


def status_text(status: SessionStatus, language: str = "ko") -> str:
    return status.label.text(language)


def method_text(method: PaymentMethod, language: str = "ko") -> str:
    return method.label.text(language)


def hhmm(value: datetime) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"  # strftime is slow in a busy week's paint


def time_span(start: datetime, end: datetime) -> str:
    return f"{hhmm(start)}–{hhmm(end)}"


def day_text(value: date, language: str = "ko") -> str:
    """"2025-03-14 (금)" / "2025-03-14 (Fri)"."""
    names = _WEEKDAYS_EN if language == "en" else _WEEKDAYS_KO
    return f"{value.isoformat()} ({names[value.weekday()]})"


def weekday_short(value: date, language: str = "ko") -> str:
    return (_WEEKDAYS_EN if language == "en" else _WEEKDAYS_KO)[value.weekday()]


def month_title(value: date, language: str = "ko") -> str:
    return f"{value:%B %Y}" if language == "en" else f"{value.year}년 {value.month}월"


_WEEKDAYS_KO = ("월", "화", "수", "목", "금", "토", "일")
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
