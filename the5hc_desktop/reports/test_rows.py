"""What was measured, in words, per test: the 측정값 column of the report.

A missing measurement is None here and printed as 미측정 by the caller, never as 0.
Real measurements use one decimal half up (fmt1); counts (reps, pulse beats) stay whole.
"""

from __future__ import annotations

from collections.abc import Callable

from the5hc_desktop.domain.scoring import (
    TEST_MAX,
    AssessmentInputs,
    AssessmentScores,
    carry_percent,
    fmt1,
    level_word,
)
from the5hc_desktop.domain.vocabulary import INPUT_LABELS, OHS_SCORE_LABELS, SHOULDER_SCORE_LABELS

NOT_MEASURED = "미측정"
SEP = " · "


def _opt(value: float | None, unit: str) -> str:
    return NOT_MEASURED if value is None else f"{fmt1(value)}{unit}"


def _push_up(i: AssessmentInputs, s: AssessmentScores) -> str | None:
    if i.push_up_reps is None:
        return None
    return f"{i.push_up_reps}회 ({i.push_up_type.label.ko})"


def _farmer(i: AssessmentInputs, s: AssessmentScores) -> str | None:
    if i.farmer_carry_time_s is None:
        return None
    parts = [f"{fmt1(i.farmer_carry_time_s)}초"]
    if i.farmer_carry_weight_kg is not None:
        parts.append(f"{fmt1(i.farmer_carry_weight_kg)}kg")
    if i.farmer_carry_distance_m is not None:
        parts.append(f"{fmt1(i.farmer_carry_distance_m)}m")
    percent = carry_percent(i)
    if percent is not None:
        parts.append(f"체중의 {fmt1(percent)}%")
    return SEP.join(parts)


def _toe(i: AssessmentInputs, s: AssessmentScores) -> str | None:
    if i.toe_touch_cm is None:
        return None
    sign = "+" if i.toe_touch_cm > 0 and fmt1(i.toe_touch_cm) != "0.0" else ""
    return f"{sign}{fmt1(i.toe_touch_cm)}cm"


def _shoulder(i: AssessmentInputs, s: AssessmentScores) -> str | None:
    parts: list[str] = []
    if i.shoulder_pain:
        parts.append("클리어링 테스트 통증")
    elif i.shoulder_mobility_score is not None:
        parts.append(SHOULDER_SCORE_LABELS[i.shoulder_mobility_score].ko)
    if i.shoulder_left_cm is not None or i.shoulder_right_cm is not None:
        parts.append(f"좌 {_opt(i.shoulder_left_cm, 'cm')} / 우 {_opt(i.shoulder_right_cm, 'cm')}")
    return SEP.join(parts) or None


_COMPENSATIONS = ("knee_valgus", "forward_lean", "heel_lift", "arm_drop")


def _ohs(i: AssessmentInputs, s: AssessmentScores) -> str | None:
    if i.overhead_squat_score is None:
        return None
    seen = [INPUT_LABELS[name].ko for name in _COMPENSATIONS if getattr(i, name)]
    text = OHS_SCORE_LABELS[i.overhead_squat_score].ko
    return f"{text} ({', '.join(seen)})" if seen else text


def _balance(i: AssessmentInputs, s: AssessmentScores) -> str | None:
    times = {
        "눈 뜨고": (i.balance_right_open_s, i.balance_left_open_s),
        "눈 감고": (i.balance_right_closed_s, i.balance_left_closed_s),
    }
    if all(t is None for pair in times.values() for t in pair):
        return None
    return SEP.join(f"{word} 우 {_opt(right, '초')} / 좌 {_opt(left, '초')}"
                    for word, (right, left) in times.items())


def _step(i: AssessmentInputs, s: AssessmentScores) -> str | None:
    pulses = (i.step_test_pulse_1, i.step_test_pulse_2, i.step_test_pulse_3)
    if s.pfi is None or None in pulses:
        return None
    beats = "/".join(str(p) for p in pulses)
    return f"PFI {fmt1(s.pfi)}{SEP}맥박 {beats}회{SEP}{fmt1(i.step_test_duration_s)}초"


_DESCRIBE: dict[str, Callable[[AssessmentInputs, AssessmentScores], str | None]] = {
    "push_up": _push_up,
    "farmer_carry": _farmer,
    "toe_touch": _toe,
    "shoulder_mobility": _shoulder,
    "overhead_squat": _ohs,
    "balance": _balance,
    "step_test": _step,
}


def measured_text(key: str, inputs: AssessmentInputs, scores: AssessmentScores) -> str | None:
    """The raw values of one test in words; None when nothing was measured."""
    return _DESCRIBE[key](inputs, scores)


def score_text(key: str, score: float | None) -> str | None:
    """`3.0/4` (or `/3` for the FMS tests); None when not scored."""
    if score is None:
        return None
    return f"{fmt1(score)}/{TEST_MAX[key]}"


def score_word(score: float | None) -> str | None:
    return None if score is None else level_word(score).ko
