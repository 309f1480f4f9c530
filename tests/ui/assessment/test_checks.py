"""The wizard's page checks and review numbers are the service's own (no copies)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from assessment_ui_support import Gym

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.services.assessments import AssessmentService
from the5hc_desktop.ui.panes.assessment.checks import check_body, check_start
from the5hc_desktop.ui.panes.assessment.draft import WizardDraft, to_service_draft
from the5hc_desktop.ui.panes.assessment.evaluation import evaluate

TODAY = date(2025, 6, 15)


def start_draft(gym: Gym, **changes: object) -> WizardDraft:
    draft = WizardDraft(client_id=str(gym.client.id), client_name=gym.client.name,
                        assessed_on=TODAY, trainer_id=str(gym.owner.staff_id))
    return dataclasses.replace(draft, **changes)  # type: ignore[arg-type]


def refused(check: object, *args: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check(*args)  # type: ignore[operator]
    return caught.value


def test_start_page_checks_its_own_fields_with_the_service_rules(gym: Gym) -> None:
    # Values of later pages (a bad weight, a bad count) are not the first page's business.
    check_start(start_draft(gym, weight_kg=5, values={"push_up_reps": -1}), gym.client, TODAY)
    assert refused(check_start, start_draft(gym), None, TODAY).field == "client_id"
    future = start_draft(gym, assessed_on=TODAY + timedelta(days=1))
    error = refused(check_start, future, gym.client, TODAY)
    assert (error.field, error.message("ko")) == ("assessed_on", "평가 날짜는 미래일 수 없습니다.")
    error = refused(check_start, start_draft(gym, temperature_c=80), gym.client, TODAY)
    service = refused(AssessmentService.validate_draft,
                      to_service_draft(start_draft(gym, temperature_c=80)), TODAY)
    assert (error.field, error.message("ko")) == ("temperature_c", service.message("ko"))
    before_birth = start_draft(gym, assessed_on=date(1980, 1, 1))
    assert refused(check_start, before_birth, gym.client, TODAY).field == "assessed_on"


def test_body_page_checks_the_body_measures_only(gym: Gym) -> None:
    check_body(start_draft(gym, temperature_c=80, height_cm=175.0, weight_kg=72.0), TODAY)
    for name, value in (("height_cm", 20), ("weight_kg", 5), ("body_fat_pct", 90),
                        ("skeletal_muscle_kg", "많음")):
        assert refused(check_body, start_draft(gym, **{name: value}), TODAY).field == name


def test_review_numbers_are_the_service_evaluation(gym: Gym) -> None:
    draft = start_draft(gym, weight_kg=72.0, values={"push_up_reps": 27, "toe_touch_cm": -4.0})
    shown = evaluate(gym.client, draft)
    assert shown == AssessmentService.evaluate(gym.client, to_service_draft(draft))
    assert shown.partial == frozenset({"strength", "mobility"})
