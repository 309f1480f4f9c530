"""The cheaper ways scoring gets its figures, each against the plain computation on random
inputs: one-decimal rounding without the Decimal, the risk rules run once per scoring, and
remembered primary-concern and risk-advice texts, and input checks that let through a
value already in range."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_properties import valid_inputs

from the5hc_desktop.domain import assessment_inputs, recommendations, risk, words
from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.recommendations import tip_for
from the5hc_desktop.domain.risk import (
    Concern,
    RiskAssessment,
    RiskLevel,
    assess_risk,
    concern_of,
)
from the5hc_desktop.domain.scoring import (
    AssessmentInputs,
    AssessmentScores,
    category_scores,
    fmt1,
    overall_score,
    physical_fitness_index,
    round1,
    score_assessment,
    score_tests,
    score_with_risk,
)
from the5hc_desktop.domain.validation import check_flag, check_number, check_whole
from the5hc_desktop.domain.vocabulary import CATEGORY_KEYS, INPUT_LABELS


def plain_round1(value: float) -> float:
    return float(words._half_up(value))


def plain_fmt1(value: float) -> str:
    text = str(words._half_up(value))
    return "0.0" if text == "-0.0" else text


# Ties and near-ties of the first decimal (x.x5 and its neighbouring floats), where the
# shortest repr and the binary value may round differently; plus plain floats and ints.
_TIES = st.builds(
    lambda hundredths, steps: _step(hundredths / 100, steps),
    st.integers(min_value=-10**8, max_value=10**8).map(lambda n: 10 * n + 5),
    st.integers(min_value=-3, max_value=3),
)
_NUMBERS = (
    _TIES
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.floats(min_value=-1000, max_value=1000)
    | st.integers(min_value=-10**12, max_value=10**12)
    | st.decimals(min_value=-10**6, max_value=10**6, places=3).map(float)
)


def _step(value: float, steps: int) -> float:
    direction = math.inf if steps > 0 else -math.inf
    for _ in range(abs(steps)):
        value = math.nextafter(value, direction)
    return value


@settings(max_examples=3000, database=None)
@given(_NUMBERS)
@example(2.45)
@example(0.25)
@example(-2.45)
@example(1.05)
@example(-0.04)
@example(99.95)
@example(0)
@example(10**6 - 0.05)
@example(1e300)
@example(math.nan)
@example(math.inf)
@example(1e7 + 0.05)
def test_round1_and_fmt1_equal_the_decimal_rounding(value: Any) -> None:
    # Both sides fail alike too (the Decimal refuses a value of more than 28 digits).
    assert _result(round1, value) == _result(plain_round1, value)
    assert _result(fmt1, value) == _result(plain_fmt1, value)


def _result(rounding: Any, value: Any) -> Any:
    try:
        return repr(rounding(value))  # repr: -0.0 and nan compare as text
    except ArithmeticError as error:
        return type(error)


def _concern(concern: Concern | None) -> tuple[Any, ...] | None:
    if concern is None:
        return None
    return (concern.code, concern.text_ko, concern.text_en, concern.params)


def _whole(result: RiskAssessment) -> tuple[Any, ...]:
    """Every field, the concerns' params included (they are left out of ==)."""
    return (
        result.score,
        result.level,
        [(f.code, f.points, f.details, _concern(f.concern)) for f in result.factors],
        [_concern(c) for c in result.primary_concerns],
    )


def _plain_scores(inputs: AssessmentInputs) -> tuple[AssessmentScores, RiskAssessment]:
    """Scoring as it was written first: the scores with a placeholder risk, the risk rules on
    them, the risk figures put in by `dataclasses.replace`; the evaluation then ran the
    rules a second time on the finished scores."""
    tests = score_tests(inputs)
    categories = category_scores(tests)
    pulses = (inputs.step_test_pulse_1, inputs.step_test_pulse_2, inputs.step_test_pulse_3)
    pfi = None if None in pulses else physical_fitness_index(
        inputs.step_test_duration_s, *pulses)  # type: ignore[arg-type]
    first = AssessmentScores(
        push_up=tests["push_up"], farmer_carry=tests["farmer_carry"],
        toe_touch=tests["toe_touch"], shoulder_mobility=tests["shoulder_mobility"],
        overhead_squat=tests["overhead_squat"], balance=tests["balance"],
        step_test=tests["step_test"], pfi=pfi, strength=categories["strength"],
        mobility=categories["mobility"], balance_category=categories["balance"],
        cardio=categories["cardio"], overall=overall_score(categories),
        complete=all(value is not None for value in tests.values()),
        risk_score=0.0, risk_level=RiskLevel.LOW,
    )
    found = assess_risk(inputs, first)
    scores = dataclasses.replace(first, risk_score=found.score, risk_level=found.level)
    return scores, assess_risk(inputs, scores)


@settings(max_examples=1500, database=None)
@given(valid_inputs)
def test_score_with_risk_equals_scoring_then_assessing_risk(data: dict[str, Any]) -> None:
    inputs = AssessmentInputs.from_mapping(data)
    scores, found = score_with_risk(inputs)
    plain_scores, plain_risk = _plain_scores(inputs)
    assert scores == plain_scores == score_assessment(inputs)
    assert scores.to_dict() == plain_scores.to_dict()
    assert _whole(found) == _whole(plain_risk)
    assert (scores.risk_score, scores.risk_level) == (found.score, found.level)


_NUMBER_TEXT = st.floats(min_value=0, max_value=500, allow_nan=False).map(fmt1)
_PARAMS = {
    "category_imbalance": st.tuples(st.sampled_from(CATEGORY_KEYS), _NUMBER_TEXT),
    "balance_asymmetry": st.tuples(_NUMBER_TEXT),
    "shoulder_asymmetry": st.tuples(_NUMBER_TEXT),
    "movement_compensations": st.tuples(st.integers(1, 3).map(str)),
    "poor_mobility": st.tuples(st.integers(1, 3).map(str)),
    "poor_balance": st.just(()),
}
# Well-formed params of each code, and some that are not (unknown code, wrong count).
_CONCERN_CALLS = st.one_of(
    *(st.tuples(st.just(code), params) for code, params in _PARAMS.items()),
    st.tuples(st.sampled_from([*_PARAMS, "unknown"]),
              st.lists(_NUMBER_TEXT | st.sampled_from(CATEGORY_KEYS), max_size=3).map(tuple)),
)


def _outcome(make: Any) -> Any:
    try:
        return _concern(make())
    except (KeyError, ValueError) as error:
        return type(error)


@settings(max_examples=1000, database=None)
@given(_CONCERN_CALLS)
def test_remembered_concerns_equal_freshly_worded_ones(call: tuple[str, tuple[str, ...]]) -> None:
    code, params = call
    expected = _outcome(lambda: risk._concern.__wrapped__(code, params))  # not remembered
    for _ in range(2):  # the second call is answered from the memo
        assert _outcome(lambda: concern_of(code, params)) == expected


@settings(max_examples=300, database=None)
@given(st.sampled_from(("advice", "reassess", "other", "")),
       st.sampled_from([*(level.value for level in RiskLevel), "extreme", ""]))
def test_remembered_risk_tips_equal_freshly_worded_ones(kind: str, level: str) -> None:
    code = f"risk.{kind}.{level}"

    def worded(make: Any) -> Any:
        try:
            tip = make(code)
        except (KeyError, ValueError) as error:
            return type(error)
        return (tip.code, tip.text_ko, tip.text_en)

    expected = worded(recommendations._risk_tip.__wrapped__)  # not remembered
    for _ in range(2):  # the second call is answered from the memo
        assert worded(tip_for) == expected


def _candidate(lo: float, hi: float) -> st.SearchStrategy[Any]:
    """In range (int, float, whole float), out of range, not finite, the wrong type."""
    return st.one_of(
        st.none(),
        st.floats(min_value=lo, max_value=hi),
        st.integers(min_value=math.ceil(lo), max_value=math.floor(hi)),
        st.integers(min_value=math.ceil(lo), max_value=math.floor(hi)).map(float),
        st.sampled_from([lo - 1, hi + 1, hi + 0.5, math.nan, math.inf, -math.inf]),
        st.sampled_from([True, False, "12", [1]]),
    )


_CHECKED_INPUTS = st.fixed_dictionaries({
    "gender": st.just("male"),
    **{name: _candidate(lo, hi) for name, (lo, hi) in assessment_inputs._REAL_RANGES.items()},
    **{name: _candidate(lo, hi) for name, (lo, hi) in assessment_inputs._WHOLE_RANGES.items()},
    **{name: st.sampled_from([None, True, False, 0, 1, "no"])
       for name in assessment_inputs._FLAGS},
})


def _plain_checks(data: dict[str, Any]) -> Any:
    """The checks as written before in-range values were let through: every present value
    through its check, in the same order; the first refusal wins."""
    present = {k: v for k, v in data.items() if v is not None}
    if "age" not in present:
        return "age required"
    out: dict[str, Any] = {}
    try:
        for name, (lo, hi) in assessment_inputs._REAL_RANGES.items():
            if name in present:
                out[name] = check_number(present[name], name, INPUT_LABELS[name], lo, hi)
        for name, (ilo, ihi) in assessment_inputs._WHOLE_RANGES.items():
            if name in present:
                out[name] = check_whole(present[name], name, INPUT_LABELS[name], ilo, ihi)
        for name in assessment_inputs._FLAGS:
            out[name] = check_flag(present.get(name, False), name, INPUT_LABELS[name])
    except ValidationError as error:
        return (error.field, str(error))
    return {name: (type(value), value) for name, value in out.items()}


@settings(max_examples=1500, database=None)
@given(_CHECKED_INPUTS)
def test_inputs_let_through_in_range_values_as_the_checks_would(data: dict[str, Any]) -> None:
    expected = _plain_checks(data)
    try:
        inputs = AssessmentInputs.from_mapping(data)
    except ValidationError as error:
        got: Any = "age required" if error.field == "age" and data["age"] is None else (
            error.field, str(error))
    else:
        got = {name: (type(getattr(inputs, name)), getattr(inputs, name))
               for name in expected} if isinstance(expected, dict) else "accepted"
    assert got == expected  # nan is never accepted, so the values compare by ==
