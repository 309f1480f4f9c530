"""Lifestyle questionnaire: shipped data, every answer type, the two fixed defects, the blend."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from the5hc_desktop import paths
from the5hc_desktop.domain import questionnaire as q
from the5hc_desktop.domain.errors import ValidationError

DATA_FILE = paths.resources_dir() / "questionnaire" / "lifestyle_questionnaire.json"


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shipped() -> q.Questionnaire:
    return q.load_questionnaire(DATA_FILE)


BEST = {  # the best answer to every question
    "strength_frequency": "two_three",
    "recovery_nutrients": ("protein", "carbohydrate", "fat"),
    "sleep_hours": "seven_eight",
    "tobacco": "never",
    "main_goal": "better_health",
    "goal_confidence": 5,
}


def hangul(text: str) -> bool:
    return any("가" <= ch <= "힣" for ch in text)


def test_shipped_data_loads_with_korean_text_everywhere(shipped: q.Questionnaire) -> None:
    assert [c.key for c in shipped.categories] == ["knowledge", "lifestyle", "readiness"]
    assert [c.weight for c in shipped.categories] == [0.15, 0.15, 0.10]
    assert len(shipped.questions) == 6
    assert sum(len(question.choices) for question in shipped.questions) == 20
    assert {question.kind for question in shipped.questions} == set(q.AnswerKind)
    for question in shipped.questions:
        assert hangul(question.text.ko), question.key
        assert hangul(question.help.ko), question.key
        for choice in question.choices:
            assert choice.text.ko.strip(), choice.key
            assert choice.text.en.strip(), choice.key
        if question.scale is not None:
            assert (question.scale.low, question.scale.high) == (1, 5)  # one scale, 1–5
    for label in shipped.risk_labels.values():
        assert hangul(label.ko)
    flagged = {(qq.key, c.key): c.risk for qq in shipped.questions for c in qq.choices if c.risk}
    assert flagged == {
        ("strength_frequency", "daily"): "overtraining",
        ("sleep_hours", "under_5"): "sleep_deprivation",
        ("sleep_hours", "five_six"): "insufficient_sleep",
        ("tobacco", "daily"): "smoking",
        ("tobacco", "sometimes"): "smoking",
    }


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["questions"][0].pop("text_ko"), "Korean and English"),
    (lambda d: d["questions"][0]["choices"][0].update(ko=""), "Korean and English"),
    (lambda d: d["questions"][0].update(category="Knowledge Assessment"), "unknown category"),
    (lambda d: d["categories"][0].update(key="Knowledge Assessment"), "category key"),
    (lambda d: d["categories"][0].update(weight=0.5), "add to 1"),
    (lambda d: d["questions"][1]["choices"][3].update(points=3), "add up to more"),
    (lambda d: d["questions"][0]["choices"][3].update(risk="stress"), "unknown risk"),
    (lambda d: d["questions"][5]["scale"].update(max=1), "min < max"),
    (lambda d: d["questions"].append(copy.deepcopy(d["questions"][0])), "keys repeat"),
])
def test_malformed_data_is_refused(raw: dict[str, Any], change: Any, message: str) -> None:
    data = copy.deepcopy(raw)
    change(data)
    with pytest.raises(q.QuestionnaireDataError, match=message):
        q.parse_questionnaire(data)


@pytest.mark.parametrize(("key", "answer", "points"), [
    ("strength_frequency", "two_three", 5.0),  # single: the chosen choice's points
    ("strength_frequency", "daily", 1.0),
    ("sleep_hours", "under_5", 0.0),
    ("recovery_nutrients", ("protein",), 2.0),  # multiple: the sum of the choices
    ("recovery_nutrients", ("protein", "carbohydrate", "fat", "vitamins"), 5.0),
    ("recovery_nutrients", ("vitamins",), 0.0),
    ("goal_confidence", 5, 5.0),  # scale: value ÷ max × points (G17 fixed; was 0)
    ("goal_confidence", 4, 4.0),
    ("goal_confidence", 3, 3.0),
    ("goal_confidence", 1, 1.0),
])
def test_points_per_answer_type(
    shipped: q.Questionnaire, key: str, answer: q.Answer, points: float
) -> None:
    assert q.earned_points(shipped.question(key), answer) == points


def test_best_answers_score_100_everywhere(shipped: q.Questionnaire) -> None:
    answers = q.check_answers(shipped, BEST)
    assert q.category_scores(shipped, answers) == {
        "knowledge": 100.0, "lifestyle": 100.0, "readiness": 100.0}
    # DOMAIN 4.5's example (overall 67.75) gave 74.2 with readiness stuck at 50 by the
    # scale defect; with the scale in proportion readiness is 100.
    assert q.comprehensive_score(shipped, 67.75, q.category_scores(shipped, answers)) == 80.7


def test_scale_answer_counts_in_proportion_in_its_category(shipped: q.Questionnaire) -> None:
    answers = q.check_answers(shipped, BEST | {"goal_confidence": 2})
    # readiness: goal 5 + confidence 2/5 × 5 = 2 → 7 of 10 points
    assert q.category_scores(shipped, answers)["readiness"] == 70.0


def test_only_answered_questions_count(shipped: q.Questionnaire) -> None:
    answers = q.check_answers(shipped, {k: v for k, v in BEST.items()
                                        if k != "recovery_nutrients"})
    assert q.category_scores(shipped, answers)["knowledge"] == 100.0  # 5 of 5, not 5 of 10
    partial = q.check_answers(shipped, {"strength_frequency": "one_two",
                                        "sleep_hours": "five_six"}, complete=False)
    scores = q.category_scores(shipped, partial)
    assert scores == {"knowledge": 40.0, "lifestyle": 40.0, "readiness": None}
    # DOMAIN 4.5: a category without answers counts 0, not re-weighted
    assert q.comprehensive_score(shipped, 67.75, scores) == 52.7


def test_no_comprehensive_score_without_overall_or_answers(shipped: q.Questionnaire) -> None:
    answers = q.check_answers(shipped, BEST)
    assert q.comprehensive_score(shipped, None, q.category_scores(shipped, answers)) is None
    empty = q.category_scores(shipped, {})
    assert empty == dict.fromkeys(q.CATEGORY_KEYS)
    assert q.comprehensive_score(shipped, 80.0, empty) is None


@pytest.mark.parametrize(("answers", "field"), [
    ({**BEST, "sleep_hours": "ten"}, "questionnaire.sleep_hours"),
    ({**BEST, "recovery_nutrients": "protein"}, "questionnaire.recovery_nutrients"),
    ({**BEST, "recovery_nutrients": ("protein", "protein")}, "questionnaire.recovery_nutrients"),
    ({**BEST, "goal_confidence": 6}, "questionnaire.goal_confidence"),
    ({**BEST, "goal_confidence": 0}, "questionnaire.goal_confidence"),
    ({**BEST, "goal_confidence": True}, "questionnaire.goal_confidence"),
    ({**BEST, "goal_confidence": 10}, "questionnaire.goal_confidence"),  # no 1–10 slider
    ({k: v for k, v in BEST.items() if k != "tobacco"}, "questionnaire.tobacco"),
    ({**BEST, "stress": "high"}, "questionnaire"),
])
def test_bad_or_missing_answers_are_refused(
    shipped: q.Questionnaire, answers: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        q.check_answers(shipped, answers)
    assert caught.value.field == field
    assert hangul(caught.value.message_ko)


def test_optional_question_may_stay_unanswered(shipped: q.Questionnaire) -> None:
    answers = q.check_answers(shipped, {**BEST, "recovery_nutrients": ()})
    assert "recovery_nutrients" not in answers
    ordered = q.check_answers(shipped, {**BEST, "recovery_nutrients": ["fat", "protein"]})
    assert ordered["recovery_nutrients"] == ("protein", "fat")  # the data's order


@pytest.mark.parametrize(("score", "band", "tip_band"), [
    (100.0, "매우 우수", q.TipBand.HIGH),
    (85.0, "우수", q.TipBand.HIGH),
    (80.0, "우수", q.TipBand.HIGH),
    (79.9, "양호", q.TipBand.MIDDLE),
    (60.0, "보통", q.TipBand.MIDDLE),
    (59.9, "개선 필요", q.TipBand.LOW),
    (0.0, "개선 필요", q.TipBand.LOW),
])
def test_insight_bands_and_tips(score: float, band: str, tip_band: q.TipBand) -> None:
    for category in q.CATEGORY_KEYS:
        insight = q.insight_for(category, score)
        assert insight.band.ko == band
        assert insight.tips == q.QUESTIONNAIRE_TIPS[category][tip_band]
        assert all(hangul(tip.ko) for tip in insight.tips)


def test_insights_use_the_real_category_keys(shipped: q.Questionnaire) -> None:
    """G16 fixed: a member with perfect lifestyle answers gets the top band and its tip,
    not the lowest band and the "improve your sleep" tips of a lookup that found nothing."""
    result = q.score_questionnaire(shipped, q.check_answers(shipped, BEST),
                                   overall=70.0, physical_risk=20.0)
    insights = {i.category: i for i in result.insights()}
    assert set(insights) == set(q.CATEGORY_KEYS)
    lifestyle = insights["lifestyle"]
    assert (lifestyle.score, lifestyle.band.ko) == (100.0, "매우 우수")
    assert lifestyle.tips == q.QUESTIONNAIRE_TIPS["lifestyle"][q.TipBand.HIGH]
    with pytest.raises(KeyError):
        q.insight_for("Lifestyle Assessment", 100.0)


@pytest.mark.parametrize(("changes", "flags", "mcq", "blended"), [
    ({}, (), 0.0, 34.0),  # nothing flagged: the physical risk unchanged
    ({"tobacco": "daily"}, ("smoking",), 10.0, 29.2),
    # DOMAIN 2.15.4's example: three flagged answers → 30.0, blend 34.0 → 33.2
    ({"strength_frequency": "daily", "sleep_hours": "under_5", "tobacco": "sometimes"},
     ("overtraining", "sleep_deprivation", "smoking"), 30.0, 33.2),
])
def test_questionnaire_risk_blend(
    shipped: q.Questionnaire, changes: dict[str, object], flags: tuple[str, ...],
    mcq: float, blended: float
) -> None:
    answers = q.check_answers(shipped, BEST | changes)
    result = q.score_questionnaire(shipped, answers, overall=67.75, physical_risk=34.0)
    assert tuple(r.code for r in result.risk_answers) == flags
    assert result.questionnaire_risk == mcq
    assert result.blended_risk == blended


def test_no_blend_without_a_physical_risk(shipped: q.Questionnaire) -> None:
    answers = q.check_answers(shipped, BEST | {"tobacco": "daily"})
    result = q.score_questionnaire(shipped, answers, overall=None, physical_risk=None)
    assert (result.blended_risk, result.comprehensive) == (None, None)
    assert result.questionnaire_risk == 10.0
