"""The wizard's numbers, from the very calls the service makes when it stores them.

`AssessmentService.inputs_for` builds the inputs (gender from the client, age on the
assessment date, body weight), then `score_assessment`, `assess_risk` and `recommend` run
exactly as in `AssessmentService._store_scores`. There is no preview formula of our own
(gotcha G8). All of it is pure and fast, so it runs on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from the5hc_desktop.domain.recommendations import Recommendations, recommend
from the5hc_desktop.domain.risk import RiskAssessment, assess_risk
from the5hc_desktop.domain.scoring import (
    AssessmentInputs,
    AssessmentScores,
    fmt1,
    partial_categories,
    score_assessment,
)
from the5hc_desktop.domain.vocabulary import INTEGER_TESTS
from the5hc_desktop.services.assessments import AssessmentService
from the5hc_desktop.services.clients import ClientView

from .draft import WizardDraft, to_service_draft


@dataclass(frozen=True)
class Evaluation:
    inputs: AssessmentInputs
    scores: AssessmentScores
    risk: RiskAssessment | None
    recommendations: Recommendations
    partial: frozenset[str]


def evaluate(client: ClientView, draft: WizardDraft) -> Evaluation:
    """Everything the review page shows; raises the domain's ValidationError(field)."""
    service_draft = to_service_draft(draft)
    inputs = AssessmentService.inputs_for(client, service_draft)
    scores = score_assessment(inputs)
    height = service_draft.height_cm if service_draft.height_cm is not None else client.height_cm
    return Evaluation(
        inputs=inputs,
        scores=scores,
        risk=assess_risk(inputs, scores),
        recommendations=recommend(inputs, scores, height_cm=height),
        partial=partial_categories(scores),
    )


def page_inputs(client: ClientView, draft: WizardDraft, keys: Iterable[str]) -> AssessmentInputs:
    """Inputs holding only the given measurement keys (and the body weight), so a page is
    checked for its own fields and never blamed for another page's."""
    wanted = set(keys)
    only = replace(draft, values={k: v for k, v in draft.values.items() if k in wanted})
    return AssessmentService.inputs_for(client, to_service_draft(only))


def score_values(client: ClientView, draft: WizardDraft, keys: Iterable[str]) -> AssessmentScores:
    """Check a page's values and score them (the page's live score read-out)."""
    return score_assessment(page_inputs(client, draft, keys))


def fmt_score(value: float, key: str | None = None) -> str:
    """A test score: whole-level tests as "3", real ones (carry, balance) as "2.4"."""
    if key in INTEGER_TESTS and float(value).is_integer():
        return str(int(value))
    return fmt1(value)
