"""Personalised improvement tips per category (DOMAIN 3.3), plus the programme tables."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .follow_up import FollowUp, follow_up, reassess_advice
from .labels import Label
from .people import Gender, bmi
from .programme import (
    PROGRAMME,
    Experience,
    IntensityGuidance,
    ProgrammePhase,
    ScheduleDay,
    intensity_for_age,
    weakest_category,
    weekly_schedule,
)
from .risk import RISK_ADVICE, RiskLevel
from .scoring import AssessmentInputs, AssessmentScores
from .tips import TIPS, Tip

__all__ = [
    "MAX_TIPS_PER_CATEGORY",
    "PROGRAMME",
    "RECOMMENDATION_CATEGORIES",
    "RECOMMENDATION_LABELS",
    "Experience",
    "FollowUp",
    "IntensityGuidance",
    "ProgrammePhase",
    "Recommendations",
    "ScheduleDay",
    "Tip",
    "follow_up",
    "intensity_for_age",
    "recommend",
    "tip_for",
    "weakest_category",
    "weekly_schedule",
]

RECOMMENDATION_CATEGORIES: tuple[str, ...] = ("strength", "mobility", "balance", "cardio", "risk")
RECOMMENDATION_LABELS: dict[str, Label] = {
    "strength": Label("근력 개선", "Improve strength"),
    "mobility": Label("유연성 개선", "Improve mobility"),
    "balance": Label("균형 개선", "Improve balance"),
    "cardio": Label("심폐지구력 개선", "Improve cardio"),
    "risk": Label("부상 위험 관리", "Injury-risk advice"),
}
MAX_TIPS_PER_CATEGORY = 5
_CATEGORY_TIP_BELOW = 60.0  # the Original meant "< 3 of 5"; categories are 0–100


@dataclass(frozen=True, slots=True)
class Recommendations:
    by_category: dict[str, tuple[Tip, ...]]

    def to_dict(self) -> dict[str, object]:
        return {
            "by_category": {
                category: [
                    {"code": tip.code, "text_ko": tip.text_ko, "text_en": tip.text_en}
                    for tip in tips
                ]
                for category, tips in self.by_category.items()
            }
        }


def _strength(inputs: AssessmentInputs, scores: AssessmentScores, older: bool) -> list[str]:
    codes: list[str] = []
    if scores.push_up is not None and scores.push_up <= 2:
        if older:
            codes += ["strength.push_up.older.incline", "strength.push_up.older.band"]
        elif inputs.age < 18:
            codes += ["strength.push_up.youth.form", "strength.push_up.youth.knee"]
        else:
            codes += ["strength.push_up.progressive", "strength.push_up.accessory"]
    weight, distance = inputs.farmer_carry_weight_kg, inputs.farmer_carry_distance_m
    if (weight is not None and weight < 20) or (distance is not None and distance < 20):
        codes += (
            ["strength.grip.older", "strength.core.older"]
            if older
            else [
                "strength.grip",
                "strength.core",
            ]
        )
    return codes


def _mobility(inputs: AssessmentInputs, scores: AssessmentScores, older: bool) -> list[str]:
    codes: list[str] = []
    if scores.toe_touch is not None and scores.toe_touch <= 2:
        codes += (
            ["mobility.hamstring.older", "mobility.hip.older"]
            if older
            else ["mobility.hamstring", "mobility.hip_hinge"]
        )
    if scores.shoulder_mobility is not None and scores.shoulder_mobility <= 2:
        codes += (
            ["mobility.shoulder.foam_roll", "mobility.shoulder.rotation"]
            if inputs.gender is Gender.FEMALE
            else ["mobility.shoulder.rotation_daily", "mobility.thoracic"]
        )
    return codes


def _balance(inputs: AssessmentInputs, scores: AssessmentScores, older: bool) -> list[str]:
    codes: list[str] = []
    right, left = inputs.balance_right_open_s, inputs.balance_left_open_s
    if any(t is not None and t < 30 for t in (right, left)):
        if right is not None and left is not None and abs(right - left) > 10:
            codes.append("balance.symmetry.right" if right < left else "balance.symmetry.left")
        codes += (
            ["balance.older.safe", "balance.older.tai_chi"]
            if older
            else ["balance.single_leg", "balance.barefoot"]
        )
    if scores.overhead_squat is not None and scores.overhead_squat <= 2:
        # The compensation boxes replace the Legacy keyword search of free-text notes.
        boxes = (
            (inputs.knee_valgus, "balance.ohs.knee_valgus"),
            (inputs.forward_lean, "balance.ohs.forward_lean"),
            (inputs.heel_lift, "balance.ohs.heel_lift"),
        )
        matched = [code for ticked, code in boxes if ticked][:2]
        codes += matched or ["balance.ohs.mechanics", "balance.ohs.ankle_hip"]
    return codes


def _cardio(inputs: AssessmentInputs, scores: AssessmentScores, older: bool) -> list[str]:
    if scores.step_test is None or scores.step_test > 2:
        return []
    if older:
        return ["cardio.older.low_impact", "cardio.older.heart_rate"]
    if inputs.age < 30:
        return ["cardio.hiit", "cardio.sport"]
    return ["cardio.gradual", "cardio.intervals"]


_CATEGORY_TIPS: dict[str, tuple[str, ...]] = {
    "strength": (
        "strength.category.frequency",
        "strength.category.overload",
        "strength.category.compound",
    ),
    "mobility": ("mobility.category.daily", "mobility.category.yoga", "mobility.category.range"),
    "balance": ("balance.category.drills", "balance.category.core", "balance.category.one_leg"),
    "cardio": ("cardio.category.weekly", "cardio.category.intervals", "cardio.category.gradual"),
}
_MAINTAIN_TIPS: dict[str, tuple[str, ...]] = {
    "strength": ("strength.maintain.level", "strength.maintain.full_body"),
    "mobility": ("mobility.maintain.level", "mobility.maintain.routine"),
    "balance": ("balance.maintain.level", "balance.maintain.daily"),
    "cardio": ("cardio.maintain.level", "cardio.maintain.variety"),
}


def tip_for(code: str) -> Tip:
    """The tip `code` with its texts (catalogue tips and the risk-level advice): what a
    stored assessment's tip codes read back as. KeyError for a code this version lacks."""
    if code.startswith("risk."):
        return _risk_tip(code)
    return TIPS[code]


@functools.lru_cache(maxsize=64)
def _risk_tip(code: str) -> Tip:
    # Worded once per code (only valid ones are kept: errors are not remembered); two of
    # them go with every assessment scored or read back.
    _, kind, level = code.split(".", 2)
    advice = RISK_ADVICE[RiskLevel(level)]
    if kind == "advice":
        return Tip(code, advice.text_ko, advice.text_en)
    if kind == "reassess":
        sentence = reassess_advice(RiskLevel(level))
        return Tip(code, sentence.ko, sentence.en)
    raise KeyError(code)


def _risk_tips(scores: AssessmentScores) -> tuple[Tip, ...]:
    if scores.overall is None:
        return ()  # nothing measured, nothing to advise on
    level = scores.risk_level.value
    return (tip_for(f"risk.advice.{level}"), tip_for(f"risk.reassess.{level}"))


def _unique(codes: list[str]) -> tuple[Tip, ...]:
    return tuple(TIPS[code] for code in dict.fromkeys(codes))[:MAX_TIPS_PER_CATEGORY]


def recommend(
    inputs: AssessmentInputs, scores: AssessmentScores, *, height_cm: float | None = None
) -> Recommendations:
    """Tips per category in the order strength, mobility, balance, cardio, risk.

    Per-test rules first (a rule needs its test measured), then the category tips when a
    category is below 60, then two "keep it up" tips for a measured category left without
    any. BMI rules need `height_cm` (a client fact, not an assessment input).
    """
    older = inputs.age > 50
    codes: dict[str, list[str]] = {
        "strength": _strength(inputs, scores, older),
        "mobility": _mobility(inputs, scores, older),
        "balance": _balance(inputs, scores, older),
        "cardio": _cardio(inputs, scores, older),
    }
    body_mass = bmi(height_cm, inputs.body_weight_kg)
    if body_mass is not None and body_mass > 25:
        codes["cardio"].append("cardio.bmi.longer")
        codes["strength"].append("strength.bmi.compound")
    if body_mass is not None and body_mass < 18.5:
        codes["strength"].append("strength.bmi.lean_mass")
    for category, category_codes in codes.items():
        value = scores.category(category)
        if value is not None and value < _CATEGORY_TIP_BELOW:
            category_codes += _CATEGORY_TIPS[category]
        if value is not None and not category_codes:
            category_codes += _MAINTAIN_TIPS[category]
    by_category = {category: _unique(codes[category]) for category in codes}
    by_category["risk"] = _risk_tips(scores)
    return Recommendations(by_category)
