"""The busy-gym demo profile: the density of a real busy gym, for benchmarks and load.

Per member about 1 assessment, 1.25 packages (each sold with a payment) and 4 sessions
(completed, cancelled, no-show, and scheduled up to 14 days ahead); registrations spread
over three years. Trainers scale with the members so nobody is double-booked: each
session takes a free hour of its trainer's day. The light profile (`demo_plan.plan_gym`)
stays the one for screenshots and the first-run demo.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from the5hc_desktop.domain.people import Gender
from the5hc_desktop.services import demo_data as words
from the5hc_desktop.services.demo_plan import (
    _SEATS,
    BOOKING_HORIZON_DAYS,
    GymPlan,
    MemberPlan,
    PackagePlan,
    SessionPlan,
    StaffPlan,
    _assessment,
    _person_name,
    _Picker,
    _sell,
    plan_members,
    plan_staff,
)

REGISTRATION_DAYS = 3 * 365
MEMBERS_PER_TRAINER = 2_500
_FIRST_HOUR, _LAST_HOUR = 7, 21  # session start hours, inclusive
_SESSIONS_PER_PACKAGE = _Picker(((1, 15.0), (2, 20.0), (3, 25.0), (4, 20.0), (5, 12.0),
                                 (6, 8.0)))  # mean 3.18: × 1.25 packages ≈ 4 a member
_SECOND_PACKAGE = 0.25
_FIRST_ASSESSMENT = 0.92
_SECOND_ASSESSMENT = 0.35


class _Diary:
    """Which hours of which day each trainer is booked (no double-booking)."""

    def __init__(self) -> None:
        self.taken: set[tuple[int, date, int]] = set()

    def book(self, rng: random.Random, trainer: int, day: date) -> tuple[date, int]:
        span = _LAST_HOUR - _FIRST_HOUR + 1
        while True:
            first = rng.randrange(span)
            for step in range(span):
                hour = _FIRST_HOUR + (first + step) % span
                if (trainer, day, hour) not in self.taken:
                    self.taken.add((trainer, day, hour))
                    return day, hour
            day += timedelta(days=1)


def _staff(rng: random.Random, clients: int) -> list[StaffPlan]:
    staff = plan_staff(rng)
    trainers = sum(1 for s in staff if s.role in _SEATS)
    seen = {s.display_name for s in staff}
    number = sum(1 for s in staff if s.role == "trainer")
    while trainers * MEMBERS_PER_TRAINER < clients:
        number += 1
        trainers += 1
        name = _person_name(rng, Gender.MALE if rng.random() < 0.6 else Gender.FEMALE)
        while name in seen:
            name = _person_name(rng, Gender.FEMALE)
        seen.add(name)
        staff.append(StaffPlan(f"trainer{number}", name, "trainer"))
    return staff


def _sessions(rng: random.Random, package: PackagePlan, diary: _Diary, today: date) -> date:
    """Book the package's sessions; returns the day after the last one."""
    horizon = today + timedelta(days=BOOKING_HORIZON_DAYS)
    day = package.sold_on + timedelta(days=rng.randint(1, 4))
    for _ in range(_SESSIONS_PER_PACKAGE(rng)):
        day, hour = diary.book(rng, package.trainer, day)
        if day > horizon:
            break
        status = "scheduled"
        if day < today:
            roll = rng.random()
            status = "cancelled" if roll < 0.06 else "no_show" if roll < 0.09 else "completed"
        notes = rng.choice(words.SESSION_NOTES) if rng.random() < 0.2 else ""
        duration = 50 if rng.random() < 0.1 else 60
        package.sessions_list.append(SessionPlan(day, hour, duration, status, notes))
        day += timedelta(days=rng.randint(2, 7))
    return day


def _member_history(
    rng: random.Random, member: MemberPlan, trainer: int, diary: _Diary, today: date,
    desk: list[int],
) -> list[PackagePlan]:
    price = rng.choice(words.PACKAGE_PRICES)
    first_day = min(today, member.joined_on + timedelta(days=rng.randrange(15)))
    packages: list[PackagePlan] = []
    day = first_day
    for number in range(2 if rng.random() < _SECOND_PACKAGE else 1):
        if number and day > today:
            break
        package = _sell(rng, member, trainer, min(day, today), price, desk)
        packages.append(package)
        day = _sessions(rng, package, diary, today)
        day += timedelta(days=rng.randrange(30))
    return packages


def plan_busy_gym(seed: int, clients: int, today: date) -> GymPlan:
    """The busy demo gym for a seed: the same seed and day give the same gym. Sessions
    never exceed a package's credits (at most 6 of at least 10), with or without the
    no-show rule."""
    rng = random.Random(seed)
    staff = _staff(rng, clients)
    members = plan_members(rng, clients, today)
    trainers = [i for i, s in enumerate(staff) if s.role in _SEATS]
    desk = [i for i, s in enumerate(staff) if s.role == "assistant"]
    diary = _Diary()
    packages: list[PackagePlan] = []
    assessments = []
    recent = today - timedelta(days=182)
    for member in members:
        member.joined_on = today - timedelta(days=rng.randrange(REGISTRATION_DAYS))
        member.trainer = rng.choice(trainers)
        own = _member_history(rng, member, member.trainer, diary, today, desk)
        packages += own
        last = max((s.on for p in own for s in p.sessions_list), default=member.joined_on)
        member.active = last >= recent or member.joined_on >= recent
        fitness_start = own[0].sold_on
        if rng.random() < _FIRST_ASSESSMENT:
            assessments.append(_assessment(rng, member, member.trainer, fitness_start, 0.0,
                                           fitness_start))
        if len(own) > 1 and own[1].sold_on <= today and rng.random() < _SECOND_ASSESSMENT:
            on = own[1].sold_on
            progress = 0.08 * (on - fitness_start).days / 30
            assessments.append(_assessment(rng, member, member.trainer, on, progress,
                                           fitness_start))
    return GymPlan(staff, members, packages, assessments)
