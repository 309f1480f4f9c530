"""Pre-exercise readiness screening (건강 사전 확인): seven yes/no questions, PAR-Q+ style.

Any "yes" means the member should see a doctor before hard testing (의사 확인 권장). The
trainer may still proceed, but only by confirming it with a reason, which is audited. A
screening is dated and kept per member; one taken less than 12 months ago is reused.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from .errors import ValidationError
from .labels import Label

VALID_MONTHS = 12
"""A screening counts for this many months after the day it was taken."""

REASON_MAX = 500


@dataclass(frozen=True, slots=True)
class ScreeningQuestion:
    key: str
    text: Label


SCREENING_QUESTIONS: tuple[ScreeningQuestion, ...] = (
    ScreeningQuestion("heart_condition", Label(
        "의사에게 심장 질환이나 고혈압 진단을 받은 적이 있습니까?",
        "Have you been diagnosed by a doctor with a heart condition or high blood pressure?",
    )),
    ScreeningQuestion("chest_pain", Label(
        "가만히 있을 때, 일상생활 중에, 또는 운동할 때 가슴에 통증을 느낍니까?",
        "Do you feel pain in your chest at rest, in everyday activities or when you exercise?",
    )),
    ScreeningQuestion("dizziness_or_fainting", Label(
        "최근 12개월 사이에 어지러워서 균형을 잃거나 정신을 잃은 적이 있습니까?",
        "In the last 12 months, have you lost your balance through dizziness, or passed out?",
    )),
    ScreeningQuestion("other_chronic_condition", Label(
        "심장 질환·고혈압 말고 다른 만성 질환(당뇨, 천식, 관절염 등)을 진단받았습니까?",
        "Apart from heart disease or high blood pressure, has a doctor diagnosed another "
        "long-term condition (diabetes, asthma, arthritis, …)?",
    )),
    ScreeningQuestion("chronic_medication", Label(
        "만성 질환 때문에 처방받은 약을 먹고 있습니까?",
        "Do you take prescribed medicine for a long-term condition?",
    )),
    ScreeningQuestion("bone_joint_problem", Label(
        "몸을 더 많이 움직이면 나빠질 수 있는 뼈, 관절, 근육·힘줄·인대 문제가 지금 있거나 "
        "최근 12개월 안에 있었습니까?",
        "Do you have, or have you had in the last 12 months, a bone, joint, muscle, tendon or "
        "ligament problem that more activity could make worse?",
    )),
    ScreeningQuestion("supervised_only", Label(
        "의사에게 의료진의 감독 아래에서만 운동하라는 말을 들은 적이 있습니까?",
        "Has a doctor told you to exercise only under medical supervision?",
    )),
)
SCREENING_KEYS: tuple[str, ...] = tuple(q.key for q in SCREENING_QUESTIONS)


class ScreeningOutcome(StrEnum):
    CLEAR = "clear"
    CLEARANCE_ADVISED = "clearance_advised"

    @property
    def label(self) -> Label:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS: dict[ScreeningOutcome, Label] = {
    ScreeningOutcome.CLEAR: Label("이상 없음", "No concerns"),
    ScreeningOutcome.CLEARANCE_ADVISED: Label("의사 확인 권장", "Medical clearance advised"),
}

ADVICE = Label(
    "'예'라고 답한 항목이 있습니다. 강도 높은 측정이나 운동 전에 의사와 상의하도록 "
    "안내하세요.",
    "At least one answer is \"yes\". Advise the member to check with a doctor before "
    "strenuous testing or training.",
)


def _error(ko: str, en: str, field: str = "screening") -> ValidationError:
    return ValidationError(ko, en, field=field)


def check_answers(answers: Mapping[str, object]) -> dict[str, bool]:
    """All seven questions answered with yes (True) or no (False); nothing else."""
    unknown = sorted(set(answers) - set(SCREENING_KEYS))
    if unknown:
        raise _error(f"알 수 없는 사전 확인 문항입니다 ({', '.join(unknown)}).",
                     f"Unknown screening question ({', '.join(unknown)}).")
    missing = [n for n, key in enumerate(SCREENING_KEYS, start=1)
               if not isinstance(answers.get(key), bool)]
    if missing:
        listed = ", ".join(str(n) for n in missing)
        raise _error(f"사전 확인 문항에 모두 답하세요 (미응답: {listed}번).",
                     f"Answer every screening question (unanswered: {listed}).")
    return {key: bool(answers[key]) for key in SCREENING_KEYS}


def screening_outcome(answers: Mapping[str, object]) -> ScreeningOutcome:
    """Any "yes" → 의사 확인 권장; seven "no" → 이상 없음."""
    checked = check_answers(answers)
    if any(checked.values()):
        return ScreeningOutcome.CLEARANCE_ADVISED
    return ScreeningOutcome.CLEAR


def yes_questions(answers: Mapping[str, object]) -> tuple[ScreeningQuestion, ...]:
    """The questions answered "yes", in screen order."""
    return tuple(q for q in SCREENING_QUESTIONS if answers.get(q.key) is True)


def valid_until(screened_on: date) -> date:
    """The last day the screening counts: the day before the same date 12 months later
    (29 February, which has no twin, ends on 27 February the next year)."""
    year = screened_on.year + VALID_MONTHS // 12
    month = screened_on.month + VALID_MONTHS % 12
    if month > 12:
        year, month = year + 1, month - 12
    day = min(screened_on.day, calendar.monthrange(year, month)[1])
    return date.fromordinal(date(year, month, day).toordinal() - 1)


def is_current(screened_on: date, today: date) -> bool:
    """Taken on or before `today` and less than 12 months ago."""
    return screened_on <= today <= valid_until(screened_on)


def check_screened_on(screened_on: object, today: date) -> date:
    if isinstance(screened_on, date) and not isinstance(screened_on, datetime):
        if screened_on > today:
            raise _error("사전 확인 날짜는 미래일 수 없습니다.",
                         "The screening date cannot be in the future.", "screened_on")
        return screened_on
    raise _error("사전 확인 날짜가 올바르지 않습니다.", "Not a valid screening date.",
                 "screened_on")


def check_proceed_reason(outcome: ScreeningOutcome, reason: object) -> str | None:
    """The trainer's reason for testing despite 의사 확인 권장 (required then, else unused)."""
    if outcome is ScreeningOutcome.CLEAR:
        return None
    text = reason.strip() if isinstance(reason, str) else ""
    if not text:
        raise _error("의사 확인 권장 상태입니다. 측정을 진행하는 이유를 적어 주세요.",
                     "Medical clearance is advised: give the reason for proceeding.",
                     "proceed_reason")
    if len(text) > REASON_MAX:
        raise _error(f"진행 이유는 {REASON_MAX}자 이내로 적어 주세요.",
                     f"Keep the reason within {REASON_MAX} characters.", "proceed_reason")
    return text
