"""A gym with staff, members, a package and assessments, made through the services.

A unique module name: test folders are not packages.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from the5hc_desktop.domain.fees import PaymentMethod
from the5hc_desktop.services import Services
from the5hc_desktop.services.assessments import AssessmentDraft
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.services.context import Actor, Role

PASSWORD = "pass-word-1"

ASSESSMENT_VALUES: dict[str, object] = {
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
class Seeded:
    services: Services
    owner: Actor
    senior: Actor
    trainer: Actor
    assistant: Actor
    ids: dict[str, uuid.UUID] = field(default_factory=dict)  # member name -> id


def _staff(services: Services, owner: Actor, username: str, name: str, role: Role) -> Actor:
    view = services.accounts.add_staff(owner, username, name, role, PASSWORD)
    return Actor(view.id, view.role, view.display_name, view.username)


def seed(services: Services) -> Seeded:
    view = services.accounts.create_gym_and_owner("The5HC 강남점", "김대표", "owner", PASSWORD)
    owner = Actor(view.id, view.role, view.display_name, view.username)
    data = Seeded(
        services,
        owner,
        _staff(services, owner, "senior", "최선임", Role.SENIOR),
        _staff(services, owner, "coach", "박코치", Role.TRAINER),
        _staff(services, owner, "desk", "정데스크", Role.ASSISTANT),
    )
    clients = services.clients
    members = (
        ClientDraft("김민수", "male", "010-1234-5678", date(1990, 3, 15), height_cm=175,
                    weight_kg=70, goals="체지방 감량", medical_notes="왼쪽 무릎 수술 이력"),
        ClientDraft("김민지", "female", "010-2222-3333", date(1995, 7, 1), height_cm=162,
                    weight_kg=51),
        ClientDraft("이영희", "female", "010-9876-4321", date(1988, 11, 20),
                    trainer_id=data.trainer.staff_id),
        ClientDraft("박지성", "male", "010-5555-1234", date(1981, 2, 25)),
    )
    for draft in members:
        data.ids[draft.name] = clients.create(owner, draft).client.id
    clients.set_active(owner, data.ids["박지성"], False)

    minsu = data.ids["김민수"]
    services.packages.sell(owner, minsu, 600_000, 60_000, PaymentMethod.CARD, name="PT 10회")
    for day, reps, pulse in ((date(2024, 12, 1), 12, 60), (date(2025, 3, 2), 20, 52),
                             (date(2025, 6, 1), 28, 44)):
        values = dict(ASSESSMENT_VALUES, push_up_reps=reps, step_test_pulse_1=pulse)
        services.assessments.create(owner, AssessmentDraft(minsu, day, values=values))
    return data
