"""Page checks for the fields that are not scoring inputs (client, date, conditions, body).

The limits and messages are those `AssessmentService.create` applies, so a page refuses
exactly what saving would refuse, only earlier and next to the field. The scoring inputs
themselves are checked by `AssessmentInputs` (see evaluation.page_inputs).
"""

from __future__ import annotations

from datetime import date

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.validation import check_number
from the5hc_desktop.services.assessments import age_for_assessment
from the5hc_desktop.services.clients import ClientView

from .draft import WizardDraft

ENVIRONMENTS = ("indoor", "outdoor")
ENVIRONMENT_LABELS = {"indoor": Label("실내", "Indoor"), "outdoor": Label("실외", "Outdoor")}

# name, label, low, high — as in AssessmentService (services/assessments.py).
CONDITION_LIMITS: tuple[tuple[str, Label, float, float], ...] = (
    ("temperature_c", Label("온도 (°C)", "Temperature (°C)"), -10, 50),
)
BODY_LIMITS: tuple[tuple[str, Label, float, float], ...] = (
    ("height_cm", Label("키 (cm)", "Height (cm)"), 50, 300),
    ("weight_kg", Label("몸무게 (kg)", "Weight (kg)"), 20, 500),
    ("body_fat_pct", Label("체지방률 (%)", "Body fat (%)"), 1, 75),
    ("skeletal_muscle_kg", Label("골격근량 (kg)", "Skeletal muscle (kg)"), 1, 150),
)


def check_start(draft: WizardDraft, client: ClientView | None, today: date) -> None:
    """Client chosen, date not in the future and after the birth date, conditions valid."""
    if draft.client_id is None or client is None:
        raise ValidationError("회원을 선택하세요.", "Choose a client.", field="client_id")
    if draft.assessed_on is None:
        raise ValidationError(
            "평가 날짜를 입력하세요.", "Enter the assessment date.", field="assessed_on"
        )
    if draft.assessed_on > today:
        raise ValidationError(
            "평가 날짜는 미래일 수 없습니다.",
            "The assessment date cannot be in the future.",
            field="assessed_on",
        )
    age_for_assessment(client, draft.assessed_on)  # needs a birth date (or legacy age)
    if draft.environment not in ENVIRONMENTS:
        raise ValidationError(
            "측정 환경은 실내 또는 실외입니다.",
            "The environment is indoor or outdoor.",
            field="environment",
        )
    _check_limits(draft, CONDITION_LIMITS)


def check_body(draft: WizardDraft) -> None:
    _check_limits(draft, BODY_LIMITS)


def _check_limits(draft: WizardDraft, limits: tuple[tuple[str, Label, float, float], ...]) -> None:
    for name, label, low, high in limits:
        value = getattr(draft, name)
        if value is not None:
            check_number(value, name, label, low, high)
