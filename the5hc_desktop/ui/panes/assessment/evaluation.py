"""The wizard's numbers, from the very calls the service makes when it stores them.

`AssessmentService.evaluate` is what `create` and `update` run before writing: inputs from
`inputs_for` (gender from the client, age on the assessment date, body weight), then the
scores, risk and recommendations. There is no preview formula of our own (gotcha G8). All
of it is pure and fast, so it runs on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from the5hc_desktop.domain.scoring import (
    TEST_MAX,
    AssessmentInputs,
    AssessmentScores,
    fmt1,
    score_assessment,
)
from the5hc_desktop.domain.vocabulary import INTEGER_TESTS
from the5hc_desktop.services.assessments import AssessmentService, Evaluation
from the5hc_desktop.services.clients import ClientView

from .draft import WizardDraft, to_service_draft

__all__ = ["Evaluation", "evaluate", "fmt_score", "page_inputs", "score_values"]


def evaluate(client: ClientView, draft: WizardDraft) -> Evaluation:
    """Everything the review page shows; raises the domain's ValidationError(field)."""
    return AssessmentService.evaluate(client, to_service_draft(draft))


def page_inputs(client: ClientView, draft: WizardDraft, keys: Iterable[str]) -> AssessmentInputs:
    """Inputs holding only the given measurement keys (and the body weight), so a page is
    checked for its own fields and never blamed for another page's."""
    wanted = set(keys)
    only = replace(draft, values={k: v for k, v in draft.values.items() if k in wanted})
    return AssessmentService.inputs_for(client, to_service_draft(only))


def score_values(client: ClientView, draft: WizardDraft, keys: Iterable[str]) -> AssessmentScores:
    """Check a page's values and score them (the page's live score read-out; the body
    measures are the body page's to check, so only the scores are computed here)."""
    return score_assessment(page_inputs(client, draft, keys))


def fmt_score(value: float, key: str | None = None) -> str:
    """A test score: whole-level tests as "3", real ones (carry, balance) as "2.4"."""
    if key in INTEGER_TESTS and float(value).is_integer():
        return str(int(value))
    return fmt1(value)


def score_out_of(value: float, key: str) -> str:
    """A test score against its maximum, written as a fraction: "3/4"."""
    return f"{fmt_score(value, key)}/{TEST_MAX[key]}"
