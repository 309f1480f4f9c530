"""The lifestyle questionnaire (생활습관 설문): its content, answer checks and scores.

The questions live as data (resources/questionnaire/lifestyle_questionnaire.json), checked
here when loaded. Scoring follows DOMAIN 4.3–4.5 with two defects of the original fixed on
purpose (scoring version `QUESTIONNAIRE_SCORING`):

* G17 — a scale answer earns points in proportion: value ÷ scale maximum × the question's
  points (the original gave it 0 while its maximum still counted, so nobody could reach
  100 in readiness). One scale, 1–5, for every scale question.
* G16 — insights and tips are looked up by the category's stable key (`knowledge`,
  `lifestyle`, `readiness`) stored in the data, not by a display name; the original looked
  up "knowledge" among categories named "Knowledge Assessment", found nothing and printed
  the lowest band and its tips for everyone.

Everything else is as DOMAIN 4.3–4.5 describes: a multiple-choice answer earns the sum of
its choices (the loader refuses data whose choices add up to more than the question's
points, so no category can pass 100); only answered questions count in a category; the
comprehensive score is 0.60 × overall + the category weights × category scores, a category
without answers counting 0. The wizard asks every required question, so a saved
questionnaire has an answer in every category. A member who skipped the questionnaire has
no questionnaire scores at all (never zeros). The risk blend is DOMAIN 2.15.4 (risk.py).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from .errors import ValidationError
from .labels import Band, Label
from .risk import blend_questionnaire_risk, questionnaire_risk
from .words import band_for, round1

QUESTIONNAIRE_SCORING = "desktop-q1"
OVERALL_WEIGHT = 0.60
CATEGORY_KEYS: tuple[str, ...] = ("knowledge", "lifestyle", "readiness")

Answer = str | tuple[str, ...] | int
"""single: a choice key; multiple: choice keys; scale: a whole number on the scale."""


class AnswerKind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    SCALE = "scale"


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    text: Label
    points: int
    risk: str | None = None
    risk_weight: float = 0.0


@dataclass(frozen=True, slots=True)
class Scale:
    low: int
    high: int
    low_text: Label
    high_text: Label


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    category: str
    kind: AnswerKind
    points: int
    required: bool
    text: Label
    help: Label
    choices: tuple[Choice, ...] = ()
    scale: Scale | None = None

    def choice(self, key: str) -> Choice:
        for choice in self.choices:
            if choice.key == key:
                return choice
        raise KeyError(key)


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    name: Label
    weight: float


@dataclass(frozen=True, slots=True)
class Questionnaire:
    version: str
    categories: tuple[Category, ...]
    questions: tuple[Question, ...]
    risk_labels: Mapping[str, Label]

    def question(self, key: str) -> Question:
        for question in self.questions:
            if question.key == key:
                return question
        raise KeyError(key)

    def in_category(self, key: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.category == key)

    def category(self, key: str) -> Category:
        for category in self.categories:
            if category.key == key:
                return category
        raise KeyError(key)


# -- loading --------------------------------------------------------------------------------


class QuestionnaireDataError(ValueError):
    """The shipped questionnaire data is malformed (a build error, not a user error)."""


def _label(data: Mapping[str, Any], prefix: str, where: str) -> Label:
    ko, en = data.get(f"{prefix}ko"), data.get(f"{prefix}en")
    if not isinstance(ko, str) or not ko.strip() or not isinstance(en, str) or not en.strip():
        raise QuestionnaireDataError(f"{where}: Korean and English text are both required")
    return Label(ko, en)


def _int(data: Mapping[str, Any], key: str, where: str, default: int | None = None) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise QuestionnaireDataError(f"{where}: `{key}` must be a whole number")
    return value


def _choice(data: Mapping[str, Any], where: str, risks: Mapping[str, Label]) -> Choice:
    key = data.get("key")
    if not isinstance(key, str) or not key:
        raise QuestionnaireDataError(f"{where}: a choice needs a key")
    risk = data.get("risk") or None
    if risk is not None and risk not in risks:
        raise QuestionnaireDataError(f"{where}.{key}: unknown risk factor {risk!r}")
    weight = float(data.get("risk_weight", 1.0)) if risk else 0.0
    if not 0.0 <= weight <= 1.0:
        raise QuestionnaireDataError(f"{where}.{key}: risk_weight must be within 0–1")
    points = _int(data, "points", f"{where}.{key}", 0)
    return Choice(key, _label(data, "", f"{where}.{key}"), points, risk, weight)


def _question(data: Mapping[str, Any], categories: set[str],
              risks: Mapping[str, Label]) -> Question:
    key = data.get("key")
    if not isinstance(key, str) or not key:
        raise QuestionnaireDataError("a question needs a key")
    category = data.get("category")
    if category not in categories:
        raise QuestionnaireDataError(f"{key}: unknown category {category!r}")
    try:
        kind = AnswerKind(data.get("type", "single"))
    except ValueError as error:
        raise QuestionnaireDataError(f"{key}: unknown type {data.get('type')!r}") from error
    points = _int(data, "points", key, 1)
    if points < 1:
        raise QuestionnaireDataError(f"{key}: points must be at least 1")
    choices = tuple(_choice(c, key, risks) for c in data.get("choices", ()))
    if len({c.key for c in choices}) != len(choices):
        raise QuestionnaireDataError(f"{key}: choice keys repeat")
    scale = None
    if kind is AnswerKind.SCALE:
        spec = data.get("scale")
        if not isinstance(spec, Mapping) or choices:
            raise QuestionnaireDataError(f"{key}: a scale question has a scale and no choices")
        low, high = _int(spec, "min", key), _int(spec, "max", key)
        if not 0 <= low < high:
            raise QuestionnaireDataError(f"{key}: the scale needs 0 ≤ min < max")
        scale = Scale(low, high, _label(spec, "low_", key), _label(spec, "high_", key))
    elif len(choices) < 2:
        raise QuestionnaireDataError(f"{key}: a choice question needs at least two choices")
    if any(not 0 <= c.points <= points for c in choices):
        raise QuestionnaireDataError(f"{key}: a choice is worth 0 to {points} points")
    if kind is AnswerKind.MULTIPLE and sum(c.points for c in choices) > points:
        raise QuestionnaireDataError(f"{key}: its choices add up to more than {points} points")
    return Question(
        key=key, category=str(category), kind=kind, points=points,
        required=bool(data.get("required", True)),
        text=_label(data, "text_", key), help=_label(data, "help_", key),
        choices=choices, scale=scale,
    )


def parse_questionnaire(data: Mapping[str, Any]) -> Questionnaire:
    """The checked questionnaire; QuestionnaireDataError names what is wrong."""
    raw_categories = data.get("categories")
    if not isinstance(raw_categories, Sequence) or not raw_categories:
        raise QuestionnaireDataError("no categories")
    categories = []
    for item in sorted(raw_categories, key=lambda c: int(c.get("order", 0))):
        key = item.get("key")
        if key not in CATEGORY_KEYS:
            raise QuestionnaireDataError(f"category key {key!r} is not one of {CATEGORY_KEYS}")
        weight = float(item.get("weight", 0))
        categories.append(Category(key, _label(item, "name_", key), weight))
    if sorted(c.key for c in categories) != sorted(CATEGORY_KEYS):
        raise QuestionnaireDataError(f"the categories must be exactly {CATEGORY_KEYS}")
    if abs(sum(c.weight for c in categories) + OVERALL_WEIGHT - 1.0) > 1e-9:
        raise QuestionnaireDataError("category weights and the overall weight must add to 1")
    risks = {
        code: _label(texts, "", f"risk factor {code}")
        for code, texts in dict(data.get("risk_factors", {})).items()
    }
    names = {c.key for c in categories}
    questions = tuple(_question(q, names, risks) for q in data.get("questions", ()))
    if len({q.key for q in questions}) != len(questions):
        raise QuestionnaireDataError("question keys repeat")
    for category in categories:
        if not any(q.category == category.key for q in questions):
            raise QuestionnaireDataError(f"category {category.key} has no question")
    return Questionnaire(str(data.get("version", "1")), tuple(categories), questions, risks)


def load_questionnaire(path: Path) -> Questionnaire:
    with path.open(encoding="utf-8") as handle:
        return parse_questionnaire(json.load(handle))


# -- answers --------------------------------------------------------------------------------


def _answer_error(question: Question, ko: str, en: str) -> ValidationError:
    return ValidationError(f"{question.text.ko} — {ko}", f"{question.text.en} — {en}",
                           field=f"questionnaire.{question.key}")


def _check_one(question: Question, value: object) -> Answer | None:
    """The answer in its stored form; None for "not answered"."""
    if value is None:
        return None
    if question.kind is AnswerKind.SINGLE:
        if not isinstance(value, str) or value not in {c.key for c in question.choices}:
            raise _answer_error(question, "보기에서 하나를 고르세요.", "pick one of the choices.")
        return value
    if question.kind is AnswerKind.MULTIPLE:
        if isinstance(value, str) or not isinstance(value, Sequence):
            raise _answer_error(question, "보기에서 고르세요.", "pick from the choices.")
        keys = {c.key for c in question.choices}
        picked = [str(v) for v in value]
        if any(v not in keys for v in picked) or len(set(picked)) != len(picked):
            raise _answer_error(question, "보기에서 고르세요.", "pick from the choices.")
        # Stored in the data's order, so equal answers compare equal.
        ordered = tuple(c.key for c in question.choices if c.key in picked)
        return ordered or None
    scale = question.scale
    assert scale is not None
    if isinstance(value, bool) or not isinstance(value, int) or not (
            scale.low <= value <= scale.high):
        raise _answer_error(question, f"{scale.low}~{scale.high} 중에서 고르세요.",
                            f"choose from {scale.low} to {scale.high}.")
    return value


def check_answers(
    questionnaire: Questionnaire, answers: Mapping[str, object], *, complete: bool = True
) -> dict[str, Answer]:
    """Known questions with valid answers; with `complete`, every required one answered.
    Unanswered questions are left out of the result."""
    unknown = sorted(set(answers) - {q.key for q in questionnaire.questions})
    if unknown:
        raise ValidationError(f"알 수 없는 설문 문항입니다 ({', '.join(unknown)}).",
                              f"Unknown questionnaire question ({', '.join(unknown)}).",
                              field="questionnaire")
    checked: dict[str, Answer] = {}
    for question in questionnaire.questions:
        answer = _check_one(question, answers.get(question.key))
        if answer is not None:
            checked[question.key] = answer
        elif complete and question.required:
            raise _answer_error(question, "답을 선택하세요.", "this question needs an answer.")
    return checked


def earned_points(question: Question, answer: Answer) -> float:
    """DOMAIN 4.3, with scale answers in proportion (G17 fixed)."""
    if question.kind is AnswerKind.SINGLE:
        assert isinstance(answer, str)
        return float(question.choice(answer).points)
    if question.kind is AnswerKind.MULTIPLE:
        assert isinstance(answer, tuple)
        return float(sum(question.choice(key).points for key in answer))
    assert isinstance(answer, int)
    assert question.scale is not None
    return answer / question.scale.high * question.points


def category_scores(
    questionnaire: Questionnaire, answers: Mapping[str, Answer]
) -> dict[str, float | None]:
    """0–100 per category from its answered questions (one decimal); None if none answered."""
    scores: dict[str, float | None] = {}
    for category in questionnaire.categories:
        answered = [q for q in questionnaire.in_category(category.key) if q.key in answers]
        if not answered:
            scores[category.key] = None
            continue
        earned = sum(earned_points(q, answers[q.key]) for q in answered)
        scores[category.key] = round1(earned / sum(q.points for q in answered) * 100)
    return scores


def comprehensive_score(
    questionnaire: Questionnaire, overall: float | None, scores: Mapping[str, float | None]
) -> float | None:
    """DOMAIN 4.5: 0.60 × overall + Σ weight × category (unanswered = 0). None when the
    physical overall was not measured or no question was answered (never a made-up 0)."""
    if overall is None or all(v is None for v in scores.values()):
        return None
    total = OVERALL_WEIGHT * overall
    for category in questionnaire.categories:
        total += category.weight * (scores.get(category.key) or 0.0)
    return round1(total)


@dataclass(frozen=True, slots=True)
class RiskAnswer:
    """A selected choice flagged as a risk (DOMAIN 2.15.4)."""

    question: str
    choice: str
    code: str
    weight: float


def risk_answers(
    questionnaire: Questionnaire, answers: Mapping[str, Answer]
) -> tuple[RiskAnswer, ...]:
    found: list[RiskAnswer] = []
    for question in questionnaire.questions:
        answer = answers.get(question.key)
        if answer is None or question.kind is AnswerKind.SCALE:
            continue
        keys = (answer,) if isinstance(answer, str) else answer
        assert isinstance(keys, tuple)
        for key in keys:
            choice = question.choice(key)
            if choice.risk is not None and choice.risk_weight > 0:
                found.append(RiskAnswer(question.key, key, choice.risk, choice.risk_weight))
    return tuple(found)


# -- insights (DOMAIN 4.6) -----------------------------------------------------------------------


class TipBand(StrEnum):
    LOW = "low"  # < 60
    MIDDLE = "middle"  # 60–79
    HIGH = "high"  # ≥ 80


def tip_band(score: float) -> TipBand:
    if score >= 80:
        return TipBand.HIGH
    if score >= 60:
        return TipBand.MIDDLE
    return TipBand.LOW


QUESTIONNAIRE_TIPS: dict[str, dict[TipBand, tuple[Label, ...]]] = {
    "knowledge": {
        TipBand.LOW: (
            Label("운동 원리와 기술을 차근차근 배우는 시간이 필요합니다.",
                  "Take time to learn how training works and how to do it well."),
            Label("트레이너와 함께 동작의 바른 자세부터 익히세요.",
                  "Learn the correct form of each movement with your trainer first."),
            Label("기본 영양 지식(단백질, 탄수화물, 수분)을 함께 익히세요.",
                  "Pick up the basics of nutrition: protein, carbohydrate and fluids."),
        ),
        TipBand.MIDDLE: (
            Label("지금 프로그램이 왜 이렇게 짜였는지 한 단계 더 알아보세요.",
                  "Dig one level deeper into why your programme is built the way it is."),
            Label("영양과 회복에 대해 부족한 부분을 채우세요.",
                  "Fill the gaps in what you know about nutrition and recovery."),
        ),
        TipBand.HIGH: (
            Label("운동 지식이 훌륭합니다. 지금처럼 꾸준히 배우세요.",
                  "Your training knowledge is excellent; keep learning."),
        ),
    },
    "lifestyle": {
        TipBand.LOW: (
            Label("하루 7~8시간 잠을 자도록 생활을 조정하세요.",
                  "Rearrange your day to sleep 7–8 hours."),
            Label("자신에게 맞는 스트레스 해소법을 찾아 꾸준히 실천하세요.",
                  "Find a way of handling stress that suits you and keep it up."),
            Label("끼니를 거르지 말고 골고루 드세요.",
                  "Eat regular, balanced meals."),
        ),
        TipBand.MIDDLE: (
            Label("생활 습관을 더 규칙적으로 지키면 운동 효과가 커집니다.",
                  "Steadier daily habits will make your training pay off more."),
            Label("물을 충분히 드세요.", "Drink enough water."),
        ),
        TipBand.HIGH: (
            Label("건강한 생활 습관입니다. 지금처럼 유지하세요.",
                  "Healthy habits; keep them as they are."),
        ),
    },
    "readiness": {
        TipBand.LOW: (
            Label("지금 컨디션에 맞춰 운동 강도를 낮춰 시작하세요.",
                  "Start at an intensity that matches how you feel now."),
            Label("충분히 회복한 뒤에 운동하세요.", "Train only once you have recovered."),
            Label("통증이 있으면 전문가의 진료를 먼저 받으세요.",
                  "If something hurts, see a professional first."),
        ),
        TipBand.MIDDLE: (
            Label("운동 전 준비 운동을 넉넉히 하세요.", "Warm up thoroughly before training."),
            Label("목표를 더 구체적으로 세우면 의욕이 오래갑니다.",
                  "Sharper goals keep motivation going."),
        ),
        TipBand.HIGH: (
            Label("운동할 준비가 잘 되어 있습니다. 안전하게 운동하세요.",
                  "You are ready to train; train safely."),
        ),
    },
}


@dataclass(frozen=True, slots=True)
class Insight:
    category: str
    score: float
    band: Band
    tips: tuple[Label, ...]


def insight_for(category: str, score: float) -> Insight:
    """Band and tips of a category score, by the category's key (G16 fixed: a key that is
    not a questionnaire category is an error, never a silent lowest band)."""
    if category not in QUESTIONNAIRE_TIPS:
        raise KeyError(f"no questionnaire category {category!r}")
    band = band_for(score)
    assert band is not None
    return Insight(category, score, band, QUESTIONNAIRE_TIPS[category][tip_band(score)])


# -- the whole result -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuestionnaireResult:
    categories: Mapping[str, float | None]
    comprehensive: float | None
    risk_answers: tuple[RiskAnswer, ...]
    questionnaire_risk: float
    physical_risk: float | None
    blended_risk: float | None

    def insights(self) -> tuple[Insight, ...]:
        return tuple(insight_for(key, value) for key, value in self.categories.items()
                     if value is not None)


def score_questionnaire(
    questionnaire: Questionnaire,
    answers: Mapping[str, Answer],
    *,
    overall: float | None,
    physical_risk: float | None,
) -> QuestionnaireResult:
    """Category, comprehensive and risk figures of checked answers (see `check_answers`).

    The blended injury risk is the physical risk × 0.8 + questionnaire risk × 0.2 when the
    answers flag any risk, else the physical risk; None when no physical risk was computed.
    """
    scores = category_scores(questionnaire, answers)
    flagged = risk_answers(questionnaire, answers)
    weights = [r.weight for r in flagged]
    blended = None if physical_risk is None else blend_questionnaire_risk(physical_risk, weights)
    return QuestionnaireResult(
        categories=scores,
        comprehensive=comprehensive_score(questionnaire, overall, scores),
        risk_answers=flagged,
        questionnaire_risk=questionnaire_risk(weights),
        physical_risk=physical_risk,
        blended_risk=blended,
    )
