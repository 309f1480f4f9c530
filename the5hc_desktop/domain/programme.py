"""The report's programme page: 12-week phases, intensity by age, weekly schedule.

Tables from DOMAIN 3.1 (phases) and 3.2 (Legacy schedule and intensity).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from .labels import Label
from .vocabulary import CATEGORY_KEYS

if TYPE_CHECKING:
    from .scoring import AssessmentScores


@dataclass(frozen=True, slots=True)
class ProgrammePhase:
    weeks_ko: str
    weeks_en: str
    text_ko: str
    text_en: str


PROGRAMME: tuple[ProgrammePhase, ...] = (
    ProgrammePhase(
        "1-4주차",
        "Weeks 1–4",
        "기초 체력을 다지고 운동에 적응하는 단계",
        "Build base fitness and get used to training",
    ),
    ProgrammePhase(
        "5-8주차",
        "Weeks 5–8",
        "강도를 높이고 근력 향상에 집중하는 단계",
        "Raise the intensity with a focus on strength",
    ),
    ProgrammePhase(
        "9-12주차",
        "Weeks 9–12",
        "전반적인 체력을 끌어올리고 목표를 완성하는 단계",
        "Improve all-round fitness and reach your goals",
    ),
)


class Experience(StrEnum):
    BEGINNER = "beginner"
    ADVANCED = "advanced"


@dataclass(frozen=True, slots=True)
class IntensityGuidance:
    group: Label
    strength: Label
    flexibility: Label
    balance: Label
    cardio: Label


_INTENSITY: dict[str, IntensityGuidance] = {
    "default": IntensityGuidance(
        Label("일반 (18~50세)", "General (18–50)"),
        Label("중간 무게, 8~12회 × 3세트", "Moderate load, 8–12 reps × 3 sets"),
        Label("20~30초 유지 × 2~3회", "Hold 20–30 s × 2–3"),
        Label("30~45초 × 3회", "30–45 s × 3"),
        Label("최대 심박수의 70~80%", "70–80% of maximum heart rate"),
    ),
    "over_60": IntensityGuidance(
        Label("60세 초과", "Over 60"),
        Label("가벼운~중간 무게, 10~15회 × 2~3세트", "Light to moderate load, 10–15 reps × 2–3"),
        Label("30~60초 유지 × 2회", "Hold 30–60 s × 2"),
        Label("지지물을 잡고 15~30초 × 4~5회", "15–30 s × 4–5 with support"),
        Label("최대 심박수의 60~70%", "60–70% of maximum heart rate"),
    ),
    "over_50": IntensityGuidance(
        Label("51~60세", "Age 51–60"),
        Label("중간 무게, 10~12회 × 2~3세트", "Moderate load, 10–12 reps × 2–3 sets"),
        Label("30~45초 유지 × 2회", "Hold 30–45 s × 2"),
        Label("20~40초 × 3회", "20–40 s × 3"),
        Label("최대 심박수의 65~75%", "65–75% of maximum heart rate"),
    ),
    "youth": IntensityGuidance(
        Label("18세 미만", "Under 18"),
        Label(
            "가벼운~중간 무게, 12~15회 × 3세트, 자세 우선",
            "Light to moderate load, 12–15 reps × 3 sets, form first",
        ),
        Label(
            "15~20초 유지 × 3회, 동적 스트레칭 먼저", "Hold 15–20 s × 3, dynamic stretching first"
        ),
        Label("기능적 동작, 다양한 지면에서", "Functional movements on varied surfaces"),
        Label("인터벌과 놀이형 운동", "Intervals and games"),
    ),
    "beginner": IntensityGuidance(
        Label("초보자 (18~50세)", "Beginner (18–50)"),
        Label("가벼운 무게, 12~15회 × 2세트", "Light load, 12–15 reps × 2 sets"),
        Label("15~20초 유지 × 2회", "Hold 15–20 s × 2"),
        Label("15~30초 × 2회", "15–30 s × 2"),
        Label("최대 심박수의 60~70%", "60–70% of maximum heart rate"),
    ),
    "advanced": IntensityGuidance(
        Label("숙련자 (18~50세)", "Advanced (18–50)"),
        Label("중간~높은 무게, 6~10회 × 4세트", "Moderate to heavy load, 6–10 reps × 4 sets"),
        Label("30~45초 유지 × 3회", "Hold 30–45 s × 3"),
        Label("어려운 변형 동작 30~60초 × 3회", "Hard variations, 30–60 s × 3"),
        Label("최대 심박수의 75~85%, 인터벌 포함", "75–85% of maximum heart rate incl. intervals"),
    ),
}


def intensity_for_age(age: int, experience: Experience | str | None = None) -> IntensityGuidance:
    """Intensity by age first (> 60, > 50, < 18), then, for 18–50, by experience."""
    if age > 60:
        return _INTENSITY["over_60"]
    if age > 50:
        return _INTENSITY["over_50"]
    if age < 18:
        return _INTENSITY["youth"]
    if experience:
        return _INTENSITY[Experience(experience).value]
    return _INTENSITY["default"]


@dataclass(frozen=True, slots=True)
class ScheduleDay:
    day: Label
    text: Label


_MON, _TUE, _WED = (
    Label("월요일", "Monday"),
    Label("화요일", "Tuesday"),
    Label("수요일", "Wednesday"),
)
_THU, _FRI, _SAT = (
    Label("목요일", "Thursday"),
    Label("금요일", "Friday"),
    Label("토요일", "Saturday"),
)

_DEFAULT_WEEK: tuple[ScheduleDay, ...] = (
    ScheduleDay(_MON, Label("상체 근력 + 코어", "Upper-body strength + core")),
    ScheduleDay(_TUE, Label("30분 중강도 인터벌 + 가동성", "30-min moderate intervals + mobility")),
    ScheduleDay(_THU, Label("하체 근력 + 균형", "Lower-body strength + balance")),
    ScheduleDay(_FRI, Label("전신 복합 운동 + 유연성", "Full-body compound lifts + flexibility")),
)
_EXTRA_SATURDAY: dict[str, Label] = {
    "strength": Label("근력 보강 세션", "Extra strength session"),
    "mobility": Label("유연성 집중 세션", "Mobility-focused session"),
    "balance": Label("균형 집중 세션", "Balance-focused session"),
    "cardio": Label("유산소 집중 세션", "Cardio-focused session"),
}
# Age over 50: Monday / Wednesday / Friday, by the weakest category.
_OLDER_WEEK: dict[str, tuple[Label, Label, Label]] = {
    "strength": (
        Label("밴드·보조 근력 운동 + 가벼운 유산소", "Band and supported strength + light cardio"),
        Label("보조 스쿼트, 브리지 + 균형", "Supported squats, bridges + balance"),
        Label("스트레칭 + 가벼운 전신 운동", "Stretching + light full-body work"),
    ),
    "mobility": (
        Label("어깨 가동성", "Shoulder mobility"),
        Label("하체 유연성", "Lower-body flexibility"),
        Label("전신 가동성 + 균형", "Full-body mobility + balance"),
    ),
    "balance": (
        Label("균형 + 고유수용감각 운동", "Balance + proprioception"),
        Label("기능적 움직임 패턴", "Functional movement patterns"),
        Label("한 다리 운동 + 유연성", "Single-leg work + flexibility"),
    ),
    "cardio": (
        Label("걷기", "Walking"),
        Label("인터벌 걷기", "Interval walking"),
        Label("가벼운 서킷 운동", "Light circuit training"),
    ),
}
_YOUTH_WEEK: tuple[ScheduleDay, ...] = (
    ScheduleDay(
        _MON, Label("기본 움직임 패턴 + 동적 유연성", "Movement patterns + dynamic flexibility")
    ),
    ScheduleDay(_TUE, Label("맨몸 근력 + 협응력", "Body-weight strength + coordination")),
    ScheduleDay(
        _THU, Label("스포츠형 유산소 + 플라이오메트릭", "Sport-style cardio + plyometrics")
    ),
    ScheduleDay(_SAT, Label("복합 게임·챌린지", "Mixed games and challenges")),
)


def weakest_category(scores: AssessmentScores | None) -> str | None:
    """The lowest measured category (ties: strength, mobility, balance, cardio order)."""
    if scores is None:
        return None
    measured = [
        (value, key) for key in CATEGORY_KEYS if (value := scores.category(key)) is not None
    ]
    if not measured:
        return None
    return min(measured, key=lambda item: item[0])[1]


def weekly_schedule(age: int, scores: AssessmentScores | None) -> tuple[ScheduleDay, ...]:
    """Legacy weekly plan: the default four days without scores; with scores 3 days for
    age > 50, a youth plan under 18, else the four days plus Saturday on the weakest area."""
    weakest = weakest_category(scores)
    if weakest is None:
        return _DEFAULT_WEEK
    if age > 50:
        monday, wednesday, friday = _OLDER_WEEK[weakest]
        return (
            ScheduleDay(_MON, monday),
            ScheduleDay(_WED, wednesday),
            ScheduleDay(_FRI, friday),
        )
    if age < 18:
        return _YOUTH_WEEK
    return (*_DEFAULT_WEEK, ScheduleDay(_SAT, _EXTRA_SATURDAY[weakest]))
