"""A gym with two members and three assessments, made through the services.

A unique module name: test folders are not packages, so `conftest` is not importable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from the5hc_desktop.services import Services
from the5hc_desktop.services.assessments import AssessmentDraft, AssessmentView
from the5hc_desktop.services.clients import ClientDraft, ClientView
from the5hc_desktop.services.context import Actor

PASSWORD = "owner-pass-1"
FIRST_DAY = date(2024, 3, 5)
SECOND_DAY = date(2024, 6, 5)
OTHER_DAY = date(2024, 9, 10)

VALUES: dict[str, object] = {
    "push_up_reps": 23,
    "push_up_type": "standard",
    "farmer_carry_weight_kg": 32.5,
    "farmer_carry_distance_m": 40,
    "farmer_carry_time_s": 52,
    "toe_touch_cm": -3.5,
    "shoulder_mobility_score": 2,
    "overhead_squat_score": 2,
    "balance_right_open_s": 41.3,
    "balance_left_open_s": 28.7,
    "balance_right_closed_s": 12.1,
    "balance_left_closed_s": 9.4,
    "step_test_duration_s": 180,
    "step_test_pulse_1": 52,
    "step_test_pulse_2": 47,
    "step_test_pulse_3": 44,
}


@dataclass
class Gym:
    services: Services
    owner: Actor
    client: ClientView  # 김민수, assessed on FIRST_DAY and SECOND_DAY
    first: AssessmentView
    second: AssessmentView
    other_client: ClientView  # 이영희, assessed on OTHER_DAY
    other: AssessmentView


def seed(services: Services) -> Gym:
    services.accounts.create_gym_and_owner("The5HC 강남점", "김대표", "owner", PASSWORD)
    owner = services.accounts.sign_in("owner", PASSWORD)
    clients, assessments = services.clients, services.assessments
    minsu = clients.create(owner, ClientDraft(
        "김민수", "male", "010-1234-5678", date(1990, 3, 15), height_cm=175,
        weight_kg=70)).client
    younghee = clients.create(owner, ClientDraft(
        "이영희", "female", "010-9876-4321", date(1988, 11, 20), height_cm=162,
        weight_kg=52)).client
    first = assessments.create(owner, AssessmentDraft(
        minsu.id, FIRST_DAY, values=VALUES, notes="왼쪽 무릎 주의"))
    second = assessments.create(owner, AssessmentDraft(
        minsu.id, SECOND_DAY, values={**VALUES, "push_up_reps": 31}))
    other = assessments.create(owner, AssessmentDraft(younghee.id, OTHER_DAY, values=VALUES))
    return Gym(services, owner, minsu, first, second, younghee, other)
