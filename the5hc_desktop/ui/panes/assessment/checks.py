"""Page checks for the fields that are not scoring inputs (client, date, conditions, body).

Each page hands the service's own check (`AssessmentService.validate_draft`) a draft holding
only its fields, so a page refuses exactly what saving would refuse, earlier and next to
the field, and is never blamed for another page's values. The scoring inputs are checked
by `AssessmentService.inputs_for` (see evaluation.page_inputs).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.services.assessments import (
    ENVIRONMENTS,
    AssessmentDraft,
    AssessmentService,
    age_for_assessment,
)
from the5hc_desktop.services.clients import ClientView

from .draft import Entry, WizardDraft, to_service_draft

__all__ = ["ENVIRONMENTS", "ENVIRONMENT_LABELS", "check_body", "check_start"]

ENVIRONMENT_LABELS = {"indoor": Label("실내", "Indoor"), "outdoor": Label("실외", "Outdoor")}

_BODY_FIELDS = ("height_cm", "weight_kg", "body_fat_pct", "skeletal_muscle_kg")


def check_start(draft: WizardDraft, client: ClientView | None, today: date) -> None:
    """Client chosen, date not in the future and after the birth date, conditions valid."""
    if draft.client_id is None or client is None:
        raise ValidationError("회원을 선택하세요.", "Choose a client.", field="client_id")
    if draft.assessed_on is None:
        raise ValidationError(
            "평가 날짜를 입력하세요.", "Enter the assessment date.", field="assessed_on"
        )
    start = _only(draft)
    AssessmentService.validate_draft(start, today)  # date, environment, temperature
    age_for_assessment(client, start.assessed_on)  # needs a birth date (or legacy age)


def check_body(draft: WizardDraft, today: date) -> None:
    """Height, weight, body fat and muscle mass within the service's limits."""
    body = _only(draft, *_BODY_FIELDS)
    AssessmentService.validate_draft(replace(body, temperature_c=None), today)


def _only(draft: WizardDraft, *body: str) -> AssessmentDraft:
    # The first page's fields (client, date, environment, temperature) and the named body
    # measures; everything later pages enter is left out.
    def kept(name: str) -> Entry:
        return getattr(draft, name) if name in body else None

    return to_service_draft(replace(
        draft,
        height_cm=kept("height_cm"),
        weight_kg=kept("weight_kg"),
        body_fat_pct=kept("body_fat_pct"),
        skeletal_muscle_kg=kept("skeletal_muscle_kg"),
        values={},
        overhead_squat_quality=None,
        test_notes={},
        notes="",
        overrides={},
    ))
