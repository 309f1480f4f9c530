"""The demo gym as a seeded random model: members, PT engagements, packages, sessions and
assessment inputs. Pure Python plus `domain/`; `demo.py` writes the plan to the store.

How the gym behaves (so the numbers look like a real one):
- Members joined over five years; most never bought personal training.
- PT capacity is limited by the trainers: each trainer has "seats", each with two or three
  fixed weekly slots (e.g. Mon and Thu 19:00). A seat serves one member at a time for two
  to eight months, then the next member takes it. So a trainer is never double-booked and
  there are sessions today and booked for the next two weeks.
- Packages of 10/20/30 sessions are bought when credits run out; completions and no-shows
  take a credit, cancellations do not. Future bookings never exceed the credits left.
- Members are assessed at the start of PT and every two to three months; other members
  sometimes once after joining. Test inputs follow each member's fitness (sex, age and a
  personal factor that improves during PT) and are scored later by the real service code.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from the5hc_desktop.domain.fees import PaymentMethod
from the5hc_desktop.domain.people import Gender
from the5hc_desktop.domain.pushup_table import PUSH_UP_THRESHOLDS, push_up_age_band
from the5hc_desktop.domain.scoring import suggest_overhead_squat, suggest_shoulder_mobility
from the5hc_desktop.domain.vocabulary import OverheadSquatQuality, PushUpType
from the5hc_desktop.services import demo_data as words

HISTORY_DAYS = 730  # two years of activity
BOOKING_HORIZON_DAYS = 14
_SEATS = {"owner": 10, "senior": 16, "trainer": 20}
# Two years hold ~4.5 engagements (average 150 days + gap) a seat; planning for 6 leaves
# members in the pool, so every seat still has someone training today.
_ENGAGEMENTS_PER_SEAT = 6


@dataclass(slots=True)
class MemberPlan:
    index: int
    name: str
    gender: Gender
    birth_date: date
    phone: str
    email: str
    height_cm: float
    weight_kg: float
    goals: str
    medical_notes: str
    notes: str
    joined_on: date
    join_hour: int
    join_minute: int
    fitness: float
    trainer: int | None = None  # index into the staff list
    active: bool = True


@dataclass(slots=True)
class SessionPlan:
    on: date
    hour: int
    duration_min: int
    status: str
    notes: str


@dataclass(slots=True)
class PackagePlan:
    member: int
    trainer: int
    sold_on: date
    sessions: int
    session_price: int
    method: PaymentMethod
    desk: int  # staff index who took the payment
    expires_on: date | None
    sessions_list: list[SessionPlan] = field(default_factory=list)


@dataclass(slots=True)
class AssessmentPlan:
    member: int
    trainer: int
    on: date
    values: dict[str, Any]
    weight_kg: float
    body_fat_pct: float | None
    skeletal_muscle_kg: float | None
    environment: str
    temperature_c: float | None
    quality: str | None
    test_notes: dict[str, str]
    notes: str


@dataclass(slots=True)
class StaffPlan:
    username: str
    display_name: str
    role: str


@dataclass
class GymPlan:
    staff: list[StaffPlan]
    members: list[MemberPlan]
    packages: list[PackagePlan]
    assessments: list[AssessmentPlan]


class _Picker:
    """Weighted choice with precomputed cumulative weights (random.choices re-adds them)."""

    def __init__(self, items: tuple[tuple[Any, float], ...]) -> None:
        self.values = [item for item, _ in items]
        self.cum = list(itertools.accumulate(weight for _, weight in items))

    def __call__(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


_FAMILY = _Picker(words.FAMILY_NAMES)
_DOMAIN = _Picker(words.EMAIL_DOMAINS)
_AGE_BAND = _Picker(((20, 24.0), (30, 30.0), (40, 22.0), (50, 14.0), (60, 8.0), (70, 2.0)))
_PACK_SIZE = _Picker(((10, 50.0), (20, 35.0), (30, 15.0)))
_METHOD = _Picker(((PaymentMethod.CARD, 70.0), (PaymentMethod.TRANSFER, 22.0),
                   (PaymentMethod.CASH, 8.0)))


def _clamp(value: float, lo: float, hi: float) -> float:
    return lo if value < lo else hi if value > hi else value


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


# --- staff ------------------------------------------------------------------------------------


def plan_staff(rng: random.Random) -> list[StaffPlan]:
    """3–6 people: the owner (who also trains), trainers, a senior and a front desk."""
    count = rng.randint(3, 6)
    roles = ["owner"]
    if count >= 4:
        roles.append("assistant")
    if count >= 5:
        roles.append("senior")
    roles += ["trainer"] * (count - len(roles))
    staff = []
    seen: set[str] = set()
    counters: dict[str, int] = {}
    for role in roles:
        name = _person_name(rng, Gender.MALE if rng.random() < 0.6 else Gender.FEMALE)
        while name in seen:
            name = _person_name(rng, Gender.FEMALE)
        seen.add(name)
        if role == "owner":
            username = "demo"
        else:
            counters[role] = counters.get(role, 0) + 1
            prefix = {"assistant": "desk", "senior": "senior", "trainer": "trainer"}[role]
            username = f"{prefix}{counters[role]}"
        staff.append(StaffPlan(username, name, role))
    return staff


def _person_name(rng: random.Random, gender: Gender) -> str:
    family: str = _FAMILY(rng)
    if gender is Gender.MALE:
        first, second = words.GIVEN_MALE_FIRST, words.GIVEN_MALE_SECOND
    else:
        first, second = words.GIVEN_FEMALE_FIRST, words.GIVEN_FEMALE_SECOND
    a: str = rng.choice(first)
    if rng.random() < 0.02:  # one-syllable given names exist (김솔, 이현)
        return family + a
    b = rng.choice(second)
    while b == a:
        b = rng.choice(second)
    return family + a + b


# --- members ----------------------------------------------------------------------------------


def plan_members(rng: random.Random, count: int, today: date) -> list[MemberPlan]:
    window_start = today - timedelta(days=HISTORY_DAYS)
    oldest = _years_before(today, 5)
    phones: set[str] = set()
    members: list[MemberPlan] = []
    for index in range(count):
        gender = Gender.FEMALE if rng.random() < 0.55 else Gender.MALE
        name = _person_name(rng, gender)
        age = _AGE_BAND(rng) + rng.randrange(10)
        age = max(age, 19)
        birth = _years_before(today, age) - timedelta(days=rng.randrange(365))
        if gender is Gender.MALE:
            height = rng.gauss(174.0, 6.0)
            bmi = rng.gauss(24.5, 3.0)
        else:
            height = rng.gauss(161.0, 5.5)
            bmi = rng.gauss(21.8, 2.8)
        height = round(_clamp(height, 145.0, 200.0), 1)
        weight = round(_clamp(bmi, 16.5, 38.0) * (height / 100) ** 2, 1)
        if members and rng.random() < 0.01:  # family members sharing one phone
            phone = members[rng.randrange(len(members))].phone
        else:
            phone = f"010{rng.randint(2000, 9999)}{rng.randrange(10000):04d}"
            while phone in phones:
                phone = f"010{rng.randint(2000, 9999)}{rng.randrange(10000):04d}"
        phones.add(phone)
        email = ""
        if rng.random() < 0.35:
            handle = words.ROMAN_FAMILY.get(name[0], "member")
            email = f"{handle}{rng.randint(10, 99999)}@{_DOMAIN(rng)}"
        if rng.random() < 0.45:
            joined = window_start + timedelta(days=rng.randrange(HISTORY_DAYS + 1))
        else:
            joined = oldest + timedelta(days=rng.randrange((window_start - oldest).days))
        members.append(MemberPlan(
            index=index,
            name=name,
            gender=gender,
            birth_date=birth,
            phone=phone,
            email=email,
            height_cm=height,
            weight_kg=weight,
            goals=rng.choice(words.GOALS) if rng.random() < 0.6 else "",
            medical_notes=rng.choice(words.MEDICAL_NOTES) if rng.random() < 0.12 else "",
            notes=rng.choice(words.CLIENT_NOTES) if rng.random() < 0.08 else "",
            joined_on=joined,
            join_hour=rng.randint(10, 21),
            join_minute=rng.randrange(60),
            fitness=rng.gauss(0.0, 1.0),
        ))
    return members


# --- personal training ------------------------------------------------------------------------


@dataclass(order=True)
class _Seat:
    free_on: date
    number: int
    trainer: int = field(compare=False)
    slots: tuple[tuple[int, int], ...] = field(compare=False)  # (weekday, hour)


def _seats(rng: random.Random, staff: list[StaffPlan], wanted: int, start: date) -> list[_Seat]:
    """Up to `wanted` seats spread round-robin over the trainers, each with its own slots."""
    trainers = [i for i, s in enumerate(staff) if s.role in _SEATS]
    free_slots: dict[int, list[tuple[int, int]]] = {}
    for t in trainers:
        slots = [(d, h) for d in range(5) for h in range(7, 22)]
        slots += [(5, h) for h in range(9, 16)]
        rng.shuffle(slots)
        free_slots[t] = slots
    capacity = {t: _SEATS[staff[t].role] for t in trainers}
    seats: list[_Seat] = []
    for number in range(wanted):
        open_trainers = [t for t in trainers if capacity[t] > 0]
        if not open_trainers:
            break
        t = open_trainers[number % len(open_trainers)]
        capacity[t] -= 1
        per_week = 3 if rng.random() < 0.2 else 2
        picked = tuple(sorted(free_slots[t].pop() for _ in range(per_week)))
        seats.append(_Seat(start + timedelta(days=rng.randrange(60)), number, t, picked))
    return seats


def plan_training(
    rng: random.Random,
    staff: list[StaffPlan],
    members: list[MemberPlan],
    today: date,
    no_show_consumes: bool,
) -> list[PackagePlan]:
    """PT engagements on the trainers' seats, with their packages and sessions."""
    window_start = today - timedelta(days=HISTORY_DAYS)
    pool_size = int(len(members) * 0.6)
    capacity = sum(_SEATS[s.role] for s in staff if s.role in _SEATS)
    seat_count = max(1, min(capacity, pool_size // _ENGAGEMENTS_PER_SEAT))
    seats = _seats(rng, staff, seat_count if pool_size else 0, window_start)
    desk = [i for i, s in enumerate(staff) if s.role == "assistant"]
    order = list(range(len(members)))
    rng.shuffle(order)
    pool = iter(order[:pool_size])
    heapq.heapify(seats)
    packages: list[PackagePlan] = []
    while seats:
        seat = heapq.heappop(seats)
        if seat.free_on >= today:
            continue
        member_index = next(pool, None)
        if member_index is None:
            break
        member = members[member_index]
        start = seat.free_on
        # They join when they start PT, unless they were members already.
        member.joined_on = min(member.joined_on, start - timedelta(days=rng.randrange(15)))
        member.trainer = seat.trainer
        end = start + timedelta(days=rng.randint(60, 240))
        packages += _engagement(rng, member, seat, start, end, today, desk, no_show_consumes)
        seat.free_on = end + timedelta(days=rng.randrange(30))
        heapq.heappush(seats, seat)
    return packages


def _engagement(
    rng: random.Random,
    member: MemberPlan,
    seat: _Seat,
    start: date,
    end: date,
    today: date,
    desk: list[int],
    no_show_consumes: bool,
) -> list[PackagePlan]:
    horizon = today + timedelta(days=BOOKING_HORIZON_DAYS)
    price = rng.choice(words.PACKAGE_PRICES)
    packages: list[PackagePlan] = []
    current: PackagePlan | None = None
    remaining = 0
    day = start
    last = min(end, horizon)
    slots = {weekday: hour for weekday, hour in seat.slots}
    while day < last:
        hour = slots.get(day.weekday())
        if hour is None:
            day += timedelta(days=1)
            continue
        future = day >= today  # today's sessions are still to come
        if current is None or remaining < 1 or (
            current.expires_on is not None and day > current.expires_on
        ):
            if future or (current is not None and rng.random() < 0.15):
                break  # no renewal in the future; some members stop when credits run out
            current = _sell(rng, member, seat.trainer, day, price, desk)
            packages.append(current)
            remaining = current.sessions
        status = "scheduled"
        if not future:
            roll = rng.random()
            status = "cancelled" if roll < 0.06 else "no_show" if roll < 0.09 else "completed"
        if status != "cancelled" and (status != "no_show" or no_show_consumes):
            remaining -= 1
        notes = rng.choice(words.SESSION_NOTES) if rng.random() < 0.2 else ""
        duration = 50 if rng.random() < 0.1 else 60
        current.sessions_list.append(SessionPlan(day, hour, duration, status, notes))
        day += timedelta(days=1)
    member.active = end >= today or any(
        s.on >= today for p in packages for s in p.sessions_list
    )
    return packages


def _sell(
    rng: random.Random, member: MemberPlan, trainer: int, first_session: date, price: int,
    desk: list[int],
) -> PackagePlan:
    sold = max(member.joined_on, first_session - timedelta(days=rng.randrange(4)))
    size = _PACK_SIZE(rng)
    expires = None
    if rng.random() < 0.25:
        expires = sold + timedelta(days=365 if size == 30 else 180)
    taker = rng.choice(desk) if desk and rng.random() < 0.7 else trainer
    return PackagePlan(member.index, trainer, sold, size, price, _METHOD(rng), taker, expires)


# --- assessments ------------------------------------------------------------------------------


def plan_assessments(
    rng: random.Random,
    staff: list[StaffPlan],
    members: list[MemberPlan],
    packages: list[PackagePlan],
    today: date,
) -> list[AssessmentPlan]:
    window_start = today - timedelta(days=HISTORY_DAYS)
    trainers = [i for i, s in enumerate(staff) if s.role in _SEATS]
    by_member: dict[int, list[PackagePlan]] = {}
    for package in packages:
        by_member.setdefault(package.member, []).append(package)
    plans: list[AssessmentPlan] = []
    for member in members:
        dates: list[tuple[date, date | None]] = []  # (assessed on, PT start for progress)
        own = by_member.get(member.index)
        if own:
            start = own[0].sold_on
            last = max(s.on for p in own for s in p.sessions_list) if any(
                p.sessions_list for p in own) else start
            day = start
            while day <= min(last, today):
                if day == start or rng.random() < 0.8:
                    dates.append((day, start))
                day += timedelta(days=rng.randint(56, 84))
        elif member.joined_on >= window_start:
            if rng.random() < 0.35:
                first = member.joined_on + timedelta(days=rng.randrange(11))
                if first <= today:
                    dates.append((first, None))
                    second = first + timedelta(days=rng.randint(60, 240))
                    if rng.random() < 0.2 and second <= today:
                        dates.append((second, None))
        elif rng.random() < 0.08:
            dates.append((window_start + timedelta(days=rng.randrange(HISTORY_DAYS)), None))
        trainer = member.trainer if member.trainer is not None else rng.choice(trainers)
        for on, pt_start in dates:
            progress = 0.0 if pt_start is None else 0.08 * (on - pt_start).days / 30
            plans.append(_assessment(rng, member, trainer, on, progress, pt_start))
    return plans


def _assessment(
    rng: random.Random,
    member: MemberPlan,
    trainer: int,
    on: date,
    progress: float,
    pt_start: date | None,
) -> AssessmentPlan:
    g = member.gender
    male = g is Gender.MALE
    age = on.year - member.birth_date.year - (
        (on.month, on.day) < (member.birth_date.month, member.birth_date.day))
    f = member.fitness + progress
    months = 0.0 if pt_start is None else (on - pt_start).days / 30
    bmi_now = member.weight_kg / (member.height_cm / 100) ** 2
    drift = -0.3 * months if bmi_now > 23 else 0.1 * months
    weight = round(_clamp(member.weight_kg + drift + rng.gauss(0, 0.6), 35.0, 200.0), 1)
    values: dict[str, Any] = {"body_weight_kg": weight}

    kind = PushUpType.STANDARD
    if age >= 65 and f < -0.8:
        kind = PushUpType.WALL
    elif (not male and f < 0.4 and rng.random() < 0.7) or (male and f < -1.2):
        kind = PushUpType.MODIFIED
    excellent, _good, average = PUSH_UP_THRESHOLDS[(g, push_up_age_band(age), kind)]
    reps = average + f * (excellent - average) / 1.6 + rng.gauss(0, 2.5)
    values["push_up_reps"] = round(_clamp(reps, 0, 80))
    values["push_up_type"] = kind.value

    if rng.random() > 0.04:
        values["farmer_carry_weight_kg"] = float(
            2 * round(weight * _clamp(rng.gauss(0.5 + 0.08 * f, 0.1), 0.2, 1.1) / 2))
        values["farmer_carry_distance_m"] = float(rng.choice((20, 30, 40)))
        base = 45.0 if male else 32.0
        values["farmer_carry_time_s"] = round(_clamp(rng.gauss(base + 9 * f, 8), 5, 150), 1)

    toe = 1.5 + 3.5 * f + (3.0 if not male else 0.0) - 0.12 * (age - 30) + rng.gauss(0, 5)
    values["toe_touch_cm"] = round(_clamp(toe, -35.0, 35.0) * 2) / 2

    fist = 11.0 if male else 9.5
    pain = rng.random() < 0.02 + 0.0006 * max(0, age - 40)
    left = round(_clamp(rng.gauss(fist * (1.35 - 0.22 * f), 3.5), 0.0, 60.0) * 2) / 2
    right = round(_clamp(left + rng.gauss(0, 2.5), 0.0, 60.0) * 2) / 2
    values.update(shoulder_left_cm=left, shoulder_right_cm=right, shoulder_pain=pain,
                  shoulder_mobility_score=suggest_shoulder_mobility(pain, left, right, fist))

    roll = rng.random()
    p_perfect = 0.12 + 0.15 * _clamp(f, -1.0, 2.0)
    if roll < 0.03:
        quality = OverheadSquatQuality.PAIN
    elif roll < 0.14 - 0.03 * _clamp(f, -1.0, 1.0):
        quality = OverheadSquatQuality.CANNOT_SQUAT
    elif roll > 1 - max(0.02, p_perfect):
        quality = OverheadSquatQuality.PERFECT
    else:
        quality = OverheadSquatQuality.COMPENSATIONS
    flags = {"knee_valgus": False, "forward_lean": False, "heel_lift": False, "arm_drop": False}
    if quality is OverheadSquatQuality.COMPENSATIONS:
        for name, chance in (("knee_valgus", 0.45), ("forward_lean", 0.5), ("heel_lift", 0.3),
                             ("arm_drop", 0.35)):
            flags[name] = rng.random() < chance
        if not any(flags.values()):
            flags["forward_lean"] = True
    values.update(flags)
    values["overhead_squat_score"] = suggest_overhead_squat(quality, **flags)

    open_mean = _clamp(34 + 9 * f - 0.35 * (age - 30) + rng.gauss(0, 6), 1.0, 60.0)
    for side in ("right", "left"):
        opened = round(_clamp(open_mean + rng.gauss(0, 5), 0.5, 60.0), 1)
        values[f"balance_{side}_open_s"] = opened
        if rng.random() > 0.03:
            closed = opened * _clamp(rng.gauss(0.35 + 0.05 * f, 0.1), 0.05, 0.9)
            values[f"balance_{side}_closed_s"] = round(_clamp(closed, 0.5, 60.0), 1)

    if rng.random() > 0.08:
        duration = 180.0 if rng.random() < 0.9 else float(rng.randint(60, 179))
        p1 = _clamp(round(rng.gauss(49 - 5 * f + 0.1 * (age - 30), 5)), 25, 100)
        p2 = _clamp(p1 - round(rng.gauss(5, 2)), 20, 100)
        p3 = _clamp(p2 - round(rng.gauss(4, 2)), 15, 100)
        values.update(step_test_duration_s=duration, step_test_pulse_1=int(p1),
                      step_test_pulse_2=int(p2), step_test_pulse_3=int(p3))

    body_fat = muscle = None
    if rng.random() < 0.6:
        body_fat = round(_clamp(rng.gauss((20.0 if male else 28.0) - 2 * f, 5), 5, 50), 1)
        muscle = round(weight * (1 - body_fat / 100) * (0.55 if male else 0.5), 1)
    environment, temperature = "indoor", None
    if rng.random() < 0.05:
        environment, temperature = "outdoor", round(_clamp(rng.gauss(18, 8), -5, 38), 1)
    test_notes = {key: rng.choice(texts) for key, texts in words.TEST_NOTES.items()
                  if rng.random() < 0.06}
    notes = rng.choice(words.ASSESSMENT_NOTES) if rng.random() < 0.2 else ""
    return AssessmentPlan(member.index, trainer, on, values, weight, body_fat, muscle,
                          environment, temperature, quality.value, test_notes, notes)


def plan_gym(
    seed: int, clients: int, today: date, no_show_consumes: bool = True
) -> GymPlan:
    """The whole demo gym for a seed: the same seed and day give the same gym."""
    rng = random.Random(seed)
    staff = plan_staff(rng)
    members = plan_members(rng, clients, today)
    packages = plan_training(rng, staff, members, today, no_show_consumes)
    trainers = [i for i, s in enumerate(staff) if s.role in _SEATS]
    six_months_ago = today - timedelta(days=182)
    pt_members = {p.member for p in packages}
    for member in members:
        if member.index in pt_members:
            continue
        member.active = rng.random() < (0.85 if member.joined_on >= six_months_ago else 0.35)
        if rng.random() < 0.7:
            member.trainer = rng.choice(trainers)
    assessments = plan_assessments(rng, staff, members, packages, today)
    return GymPlan(staff, members, packages, assessments)
