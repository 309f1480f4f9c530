"""A small gym for the GUI tests: an owner, a trainer, four members, packages, sessions
and one assessment, on a settable clock (2025-06-15 10:00 in Seoul at the end)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from the5hc_desktop.services import Services
from the5hc_desktop.services.assessments import AssessmentDraft
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.services.context import Actor, Role

OWNER_PASSWORD = "owner-pass-1"
STAFF_PASSWORD = "staff-pass-1"
GYM_NAME = "더파이브 헬스케어 강남점"


class Clock:
    """A settable UTC clock for the services' `now`."""

    def __init__(self, start: datetime) -> None:
        self.value = start

    def __call__(self) -> datetime:
        return self.value

    def set_local(self, year: int, month: int, day: int, hour: int = 10) -> None:
        self.value = datetime(year, month, day, hour, tzinfo=UTC) - timedelta(hours=9)


@dataclass(frozen=True)
class Gym:
    owner: Actor
    trainer: Actor


def seed_owner(services: Services) -> Actor:
    services.accounts.create_gym_and_owner(GYM_NAME, "김대표", "owner", OWNER_PASSWORD)
    return services.accounts.sign_in("owner", OWNER_PASSWORD)


def seed_gym(services: Services, clock: Clock) -> Gym:
    """Everything dated in June 2025; the clock ends on Sunday 15 June, 10:00 Seoul."""
    clock.set_local(2025, 6, 2)
    owner = seed_owner(services)
    view = services.accounts.add_staff(owner, "trainer", "이트레이너", Role.TRAINER,
                                       STAFF_PASSWORD)
    trainer = Actor(view.id, view.role, view.display_name, view.username)
    members = {}
    for name, gender, phone in (("김민수", "male", "01012345678"),
                                ("이서연", "female", "01023456789"),
                                ("박지훈", "male", "01034567890"),
                                ("최유나", "female", "01045678901")):
        saved = services.clients.create(owner, ClientDraft(name=name, gender=gender, phone=phone,
                                                           birth_date=date(1990, 3, 1),
                                                           height_cm=170, weight_kg=65))
        members[name] = saved.client.id
    big = services.packages.sell(owner, members["김민수"], 700_000, 70_000, "card",
                                 paid_on=date(2025, 6, 2))
    small = services.packages.sell(owner, members["이서연"], 210_000, 70_000, "cash",
                                   paid_on=date(2025, 6, 2))
    services.packages.sell(owner, members["박지훈"], 350_000, 70_000, "transfer",
                           paid_on=date(2025, 5, 20))
    first = services.sessions.book(owner, members["이서연"], small.id, owner.staff_id,
                                   datetime(2025, 6, 3, 9, 0))
    second = services.sessions.book(owner, members["김민수"], big.id, trainer.staff_id,
                                    datetime(2025, 6, 4, 11, 0))
    third = services.sessions.book(owner, members["김민수"], big.id, trainer.staff_id,
                                   datetime(2025, 6, 5, 11, 0))
    clock.set_local(2025, 6, 10)
    services.sessions.complete(owner, first.id)
    services.sessions.complete(owner, second.id)
    services.sessions.no_show(owner, third.id)
    services.assessments.create(owner, AssessmentDraft(
        client_id=members["김민수"], assessed_on=date(2025, 6, 10),
        values={"push_up_reps": 25, "toe_touch_cm": 3.0, "balance_right_open_s": 40.0,
                "balance_left_open_s": 35.0, "step_test_pulse_1": 60,
                "step_test_pulse_2": 55, "step_test_pulse_3": 50},
    ))
    clock.set_local(2025, 6, 15)
    services.sessions.book(owner, members["김민수"], big.id, trainer.staff_id,
                           datetime(2025, 6, 15, 14, 0))
    services.sessions.book(owner, members["이서연"], small.id, owner.staff_id,
                           datetime(2025, 6, 15, 16, 0))
    return Gym(owner, trainer)
