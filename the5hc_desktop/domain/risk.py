"""Injury-risk score 0–100 (higher = more risk): DOMAIN 2.15 rules on desktop-1 scores.

A rule whose inputs were not measured is skipped; nothing is filled with a default.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from .labels import Label
from .vocabulary import CATEGORY_KEYS, CATEGORY_LABELS
from .words import fmt1, round1

if TYPE_CHECKING:  # scoring imports this module to fill in the risk fields
    from .scoring import AssessmentInputs, AssessmentScores


class RiskLevel(StrEnum):
    LOW = "low"
    LOW_MODERATE = "low-moderate"
    MODERATE = "moderate"
    HIGH = "high"

    @property
    def label(self) -> Label:
        return RISK_LEVEL_LABELS[self]


RISK_LEVEL_LABELS: dict[RiskLevel, Label] = {
    RiskLevel.LOW: Label("낮음", "Low"),
    RiskLevel.LOW_MODERATE: Label("낮음-보통", "Low-moderate"),
    RiskLevel.MODERATE: Label("보통", "Moderate"),
    RiskLevel.HIGH: Label("높음", "High"),
}


def risk_level_for(score: float) -> RiskLevel:
    """≥ 70 high, ≥ 40 moderate, ≥ 20 low-moderate, else low."""
    if score >= 70:
        return RiskLevel.HIGH
    if score >= 40:
        return RiskLevel.MODERATE
    if score >= 20:
        return RiskLevel.LOW_MODERATE
    return RiskLevel.LOW


@dataclass(frozen=True, slots=True)
class Concern:
    """A primary concern shown on the assessment screen and in the report.

    `params` are what its texts are made of (`concern_of` rebuilds them from the code and
    the params, which is all a stored assessment keeps)."""

    code: str
    text_ko: str
    text_en: str
    params: tuple[str, ...] = field(default=(), compare=False)


def concern_of(code: str, params: tuple[str, ...] = ()) -> Concern:
    """The concern `code` with its texts: the one place for each concern's wording.

    KeyError / ValueError for a code or params this version does not know.
    """
    return _concern(code, tuple(str(value) for value in params))


@functools.lru_cache(maxsize=4096)
def _concern(code: str, p: tuple[str, ...]) -> Concern:
    # Remembered: a few hundred (code, params) pairs recur over every assessment scored and
    # every stored one read back; a Concern is immutable, so one object serves them all.
    if code == "category_imbalance":
        key, pct = p
        label = CATEGORY_LABELS[key]
        ko = f"심각한 {label.ko} 불균형 ({pct}% 편차)"
        en = f"Severe {label.en.lower()} imbalance ({pct}% deviation)"
    elif code == "balance_asymmetry":
        (pct,) = p
        ko, en = f"균형 비대칭 ({pct}%)", f"Balance asymmetry ({pct}%)"
    elif code == "shoulder_asymmetry":
        (cm,) = p
        ko, en = f"어깨 가동성 비대칭 ({cm}cm)", f"Shoulder mobility asymmetry ({cm} cm)"
    elif code == "movement_compensations":
        (n,) = p
        ko = f"움직임 보상 (오버헤드 스쿼트에서 {n}개 문제)"
        en = f"Movement compensations ({n} in the overhead squat)"
    elif code == "poor_mobility":
        (n,) = p
        ko = f"{n}개 테스트에서 낮은 유연성"
        en = f"Low mobility in {n} test{'s' if n != '1' else ''}"
    elif code == "poor_balance" and not p:
        ko, en = "낮은 균형 능력", "Poor balance"
    else:
        raise KeyError(code)
    return Concern(code, ko, en, p)


@dataclass(frozen=True, slots=True)
class RiskFactor:
    """One rule that added points; `details` holds JSON-safe values for storage and display."""

    code: str
    points: float
    details: dict[str, object] = field(default_factory=dict, hash=False)
    concern: Concern | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    score: float
    level: RiskLevel
    factors: tuple[RiskFactor, ...]
    primary_concerns: tuple[Concern, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "score": self.score,
            "level": str(self.level),
            "factors": [
                {"code": f.code, "points": f.points, "details": f.details} for f in self.factors
            ],
            "primary_concerns": [
                {"code": c.code, "text_ko": c.text_ko, "text_en": c.text_en}
                for c in self.primary_concerns
            ],
        }


@dataclass(frozen=True, slots=True)
class Advice:
    text_ko: str
    text_en: str


RISK_ADVICE: dict[RiskLevel, Advice] = {
    RiskLevel.HIGH: Advice(
        "부상 위험 요인이 뚜렷합니다. 약한 부위를 바로잡는 교정 운동부터 시작하고, 필요하면 "
        "물리치료사나 의사와 상담하세요. 문제가 해결될 때까지 고강도 운동은 피하고 가동성과 "
        "안정성 훈련에 집중합니다.",
        "Significant risk factors: start with corrective work on the weak areas and consider "
        "seeing a physiotherapist or doctor. Avoid high-intensity training until they are "
        "resolved and focus on mobility and stability.",
    ),
    RiskLevel.MODERATE: Advice(
        "여러 위험 요인이 있습니다. 교정 운동 프로그램으로 근력 불균형과 좌우 비대칭을 "
        "바로잡고, 약한 부위를 중심으로 강도를 천천히 높이세요.",
        "Several risk factors: follow a corrective programme that addresses imbalances and "
        "left-right asymmetries, and progress gradually with the weak areas in focus.",
    ),
    RiskLevel.LOW_MODERATE: Advice(
        "일부 위험 요인이 있습니다. 부상 예방 운동을 더하고 작은 불균형도 꾸준히 살피면서 "
        "균형 잡힌 프로그램을 이어가세요.",
        "Some risk factors: add injury-prevention exercises, keep an eye on small imbalances "
        "and keep the programme balanced.",
    ),
    RiskLevel.LOW: Advice(
        "위험 요인이 거의 없습니다. 지금의 프로그램을 유지하면서 몸 상태에 맞춰 강도를 높이고 "
        "목표에 집중하세요.",
        "Minimal risk: keep the current programme, progress as tolerated and focus on your goals.",
    ),
}


def _imbalance(scores: AssessmentScores) -> RiskFactor | None:
    values = {key: scores.category(key) for key in CATEGORY_KEYS}
    measured = {key: v for key, v in values.items() if v is not None}
    if len(measured) < len(CATEGORY_KEYS):
        return None  # rule 1 compares all four categories or none
    average = sum(measured.values()) / len(measured)
    deviations = {key: abs(v - average) for key, v in measured.items()}
    points = min(30.0, max(deviations.values()) / average * 50)
    if points <= 0:
        return None
    listed = {key: dev for key, dev in deviations.items() if dev > 0.3 * average}
    details: dict[str, object] = {
        "average": round1(average),
        "categories": {
            key: {
                "score": measured[key],
                "deviation": round1(dev),
                "percentage": round1(dev / average * 100),
            }
            for key, dev in listed.items()
        },
    }
    concern = None
    if listed:
        worst = max(listed, key=lambda key: listed[key])
        concern = concern_of("category_imbalance", (worst, fmt1(listed[worst] / average * 100)))
    return RiskFactor("category_imbalance", points, details, concern)


def _side_asymmetry(
    code: str, right: float | None, left: float | None, *, concern: bool
) -> RiskFactor | None:
    if right is None or left is None or right <= 0 or left <= 0:
        return None
    asymmetry = abs(right - left) / max(right, left) * 100
    if asymmetry <= 30:
        return None
    details: dict[str, object] = {
        "right": right,
        "left": left,
        "asymmetry_pct": round1(asymmetry),
    }
    # Only the eyes-open asymmetry is a primary concern (DOMAIN 2.15.3).
    shown = concern_of("balance_asymmetry", (fmt1(asymmetry),))
    return RiskFactor(code, min(20.0, asymmetry * 0.4), details, shown if concern else None)


def _shoulder_asymmetry(inputs: AssessmentInputs) -> RiskFactor | None:
    left, right = inputs.shoulder_left_cm, inputs.shoulder_right_cm
    if left is None or right is None:
        return None
    difference = abs(left - right)
    if difference <= 2:
        return None
    level = "high" if difference > 5 else "moderate"
    details: dict[str, object] = {"difference_cm": round1(difference), "level": level}
    concern = concern_of("shoulder_asymmetry", (fmt1(difference),))
    return RiskFactor("shoulder_asymmetry", min(20.0, difference * 3), details, concern)


def _poor_mobility(scores: AssessmentScores) -> RiskFactor | None:
    tests: list[dict[str, object]] = []
    points = 0.0
    for key in ("overhead_squat", "toe_touch", "shoulder_mobility"):
        score = scores.test(key)
        if score is None or score > 1:
            continue
        severe = score < 1
        points += 15 if severe else 10
        severity = "severe limitation" if severe else "significant limitation"
        tests.append({"test": key, "score": score, "severity": severity})
    if not tests:
        return None
    concern = concern_of("poor_mobility", (str(len(tests)),))
    return RiskFactor("poor_mobility", points, {"tests": tests}, concern)


_POOR_BALANCE = concern_of("poor_balance")


def _poor_balance(scores: AssessmentScores) -> RiskFactor | None:
    balance = scores.balance_category
    if balance is None or not 0 < balance < 40:
        return None
    interpretation = "high fall risk" if balance < 20 else "moderate fall risk"
    details: dict[str, object] = {"balance": balance, "interpretation": interpretation}
    return RiskFactor("poor_balance", 15 * (1 - balance / 100), details, _POOR_BALANCE)


def _poor_static_balance(inputs: AssessmentInputs) -> RiskFactor | None:
    times = [t for t in (inputs.balance_right_open_s, inputs.balance_left_open_s) if t is not None]
    if not times or min(times) >= 10:
        return None
    details: dict[str, object] = {"shortest_eyes_open_s": min(times)}
    return RiskFactor("poor_static_balance", 10.0, details, _POOR_BALANCE)


_COMPENSATIONS = (
    ("knee_valgus", "knee valgus"),
    ("forward_lean", "forward lean"),
    ("heel_lift", "heel lift"),
)


def _compensations(inputs: AssessmentInputs) -> RiskFactor | None:
    # Arm drop is not one of the risk rule's compensations (DOMAIN 2.15.1).
    found = [name for attr, name in _COMPENSATIONS if getattr(inputs, attr)]
    if not found:
        return None
    n = len(found)
    details: dict[str, object] = {
        "overhead_squat": found,
        "count": n,
        "risk_level": "high" if n >= 2 else "moderate",
    }
    concern = concern_of("movement_compensations", (str(n),))
    return RiskFactor("movement_compensations", min(10.0, n * 4.0), details, concern)


def _low_strength(scores: AssessmentScores) -> RiskFactor | None:
    strength = scores.strength
    if strength is None or not 0 < strength < 30:
        return None
    interpretation = "severe weakness" if strength < 20 else "significant weakness"
    details: dict[str, object] = {"strength": strength, "interpretation": interpretation}
    return RiskFactor("low_strength", 5 * (1 - strength / 100), details)


def _poor_cardio(scores: AssessmentScores) -> RiskFactor | None:
    cardio = scores.cardio
    if cardio is None or not 0 < cardio < 30:
        return None
    return RiskFactor("poor_cardio", 5 * (1 - cardio / 100), {"cardio": cardio})


def _factors(inputs: AssessmentInputs, scores: AssessmentScores) -> list[RiskFactor]:
    compensations = _compensations(inputs)
    found = [
        _imbalance(scores),
        _side_asymmetry(
            "balance_asymmetry_eyes_open",
            inputs.balance_right_open_s,
            inputs.balance_left_open_s,
            concern=True,
        ),
        _side_asymmetry(
            "balance_asymmetry_eyes_closed",
            inputs.balance_right_closed_s,
            inputs.balance_left_closed_s,
            concern=False,
        ),
        _shoulder_asymmetry(inputs),
        _poor_mobility(scores),
        _poor_balance(scores),
        _poor_static_balance(inputs),
        compensations,
    ]
    if inputs.shoulder_pain:
        details: dict[str, object] = {"with_compensations": compensations is not None}
        found.append(RiskFactor("shoulder_pain", 10.0, details))
    found.append(_low_strength(scores))
    if scores.push_up is not None and scores.push_up <= 1:
        found.append(RiskFactor("weak_push_up", 5.0, {"push_up": scores.push_up}))
    found.append(_poor_cardio(scores))
    return [factor for factor in found if factor is not None]


# Order of the primary concerns (DOMAIN 2.15.3), at most three of them.
_CONCERN_ORDER = (
    "category_imbalance",
    "shoulder_asymmetry",
    "balance_asymmetry",
    "movement_compensations",
    "poor_mobility",
    "poor_balance",
)


def _concerns(factors: list[RiskFactor]) -> tuple[Concern, ...]:
    by_code: dict[str, Concern] = {}
    for factor in factors:
        if factor.concern is not None:
            by_code.setdefault(factor.concern.code, factor.concern)
    return tuple(by_code[code] for code in _CONCERN_ORDER if code in by_code)[:3]


def assess_risk(inputs: AssessmentInputs, scores: AssessmentScores) -> RiskAssessment:
    """Rules of DOMAIN 2.15.2; score capped at 100 and rounded to one decimal, half up."""
    factors = _factors(inputs, scores)
    score = round1(min(100.0, sum(factor.points for factor in factors)))
    return RiskAssessment(score, risk_level_for(score), tuple(factors), _concerns(factors))


def questionnaire_risk(weights: Iterable[float]) -> float:
    """MCQ risk from the weights of the selected risk-flagged answers (2.15.4)."""
    total = sum(min(w, 1.0) for w in weights if w > 0)
    return round1(min(total / 10 * 100, 100.0))


def blend_questionnaire_risk(risk_score: float, weights: Iterable[float]) -> float:
    """Injury risk × 0.8 + MCQ risk × 0.2 when the questionnaire flagged any risk."""
    mcq = questionnaire_risk(weights)
    if mcq <= 0:
        return risk_score
    return round1(risk_score * 0.8 + mcq * 0.2)
