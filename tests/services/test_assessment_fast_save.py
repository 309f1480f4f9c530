"""Saving an assessment writes its row and audit rows without the unit of work
(`stamping.insert_new`): on random assessments it must store, stamp, chain and announce
exactly what the plain ORM flush of the same objects did."""

from __future__ import annotations

import itertools
import random
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from service_support import Clock

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.services.assessments import AssessmentDraft, AssessmentService, Override
from the5hc_desktop.services.changes import ChangePublisher, Changes
from the5hc_desktop.services.clients import ClientDraft, ClientService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.store import base, stamping
from the5hc_desktop.store.audit_chain import verify
from the5hc_desktop.store.clock import HybridClock
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import ENVIRONMENTS, OVERHEAD_SQUAT_QUALITIES, TEST_NOTE_KEYS
from the5hc_desktop.store.types import utcnow

REALS = {
    "farmer_carry_weight_kg": (0, 80), "farmer_carry_distance_m": (0, 60),
    "farmer_carry_time_s": (1, 120), "toe_touch_cm": (-30, 30),
    "shoulder_left_cm": (0, 40), "shoulder_right_cm": (0, 40),
    "balance_right_open_s": (0, 120), "balance_left_open_s": (0, 120),
    "balance_right_closed_s": (0, 60), "balance_left_closed_s": (0, 60),
    "step_test_duration_s": (60, 240),
}
WHOLES = {"push_up_reps": (0, 80), "shoulder_mobility_score": (0, 3),
          "overhead_squat_score": (0, 3), "step_test_pulse_1": (40, 90),
          "step_test_pulse_2": (40, 90), "step_test_pulse_3": (40, 90)}
FLAGS = ("shoulder_pain", "knee_valgus", "forward_lean", "heel_lift", "arm_drop")
TESTS = tuple(TEST_NOTE_KEYS)


def random_draft(rng: random.Random, client_id: uuid.UUID, today: date) -> AssessmentDraft:
    def maybe(make: Callable[[], Any]) -> Any:
        return make() if rng.random() < 0.7 else None

    values: dict[str, object] = {
        name: round(rng.uniform(lo, hi), rng.choice((0, 1, 2))) for name, (lo, hi) in REALS.items()
        if rng.random() < 0.8
    }
    values |= {name: rng.randint(lo, hi) for name, (lo, hi) in WHOLES.items()
               if rng.random() < 0.8}
    values |= {name: rng.random() < 0.5 for name in FLAGS if rng.random() < 0.7}
    values["push_up_type"] = rng.choice(("standard", "modified", "wall"))
    overridden = rng.sample(TESTS, rng.choice((0, 0, 1, 2)))
    return AssessmentDraft(
        client_id=client_id,
        assessed_on=today - timedelta(days=rng.randint(0, 400)),
        environment=rng.choice(tuple(ENVIRONMENTS)),
        temperature_c=maybe(lambda: round(rng.uniform(-5, 35), 1)),
        height_cm=maybe(lambda: round(rng.uniform(150, 195), 1)),
        weight_kg=maybe(lambda: round(rng.uniform(45, 110), 2)),
        body_fat_pct=maybe(lambda: round(rng.uniform(5, 40), 1)),
        skeletal_muscle_kg=maybe(lambda: round(rng.uniform(15, 45), 1)),
        values=values,
        overhead_squat_quality=maybe(lambda: rng.choice(tuple(OVERHEAD_SQUAT_QUALITIES))),
        test_notes={key: f"메모 {rng.randint(1, 99)}" for key in rng.sample(TESTS, 2)},
        notes=rng.choice(("", "  무릎 통증 호소 ", "note")),
        overrides={key: Override(rng.randint(1, 4), "측정 오류") for key in overridden},
    )


def plain_flush(session: Any, _device: uuid.UUID, _clock: HybridClock,
                objects: Sequence[Any]) -> None:
    """The plain ORM path: add the objects, let the flush stamp and chain them."""
    session.add_all(objects)
    session.flush()


def file_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(path) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in tables}


@pytest.mark.parametrize("seed", range(4))
def test_fast_save_writes_exactly_what_the_orm_flush_wrote(
        db: Database, clock: Clock, owner: Actor, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    draft = ClientDraft("김민수", "male", "010-1234-5678", birth_date=date(1980, 3, 1))
    client_id = ClientService(db, now=clock).create(owner, draft).client.id
    db.close()  # both runs start from this very file: same device, counter and chain
    start = tmp_path / "start.sqlite3"
    shutil.copyfile(db.path, start)  # type: ignore[arg-type]  # a file database
    # Same ids, clock values and instants in both runs.
    hlcs = HybridClock(uuid.uuid4(), None).take(200)
    fixed_now = utcnow()
    monkeypatch.setattr(stamping, "utcnow", lambda: fixed_now)

    def run(name: str, write: Callable[..., None] | None) -> tuple[Any, ...]:
        ids = itertools.count(1)
        taken = iter(hlcs)
        monkeypatch.setattr(base, "new_id", lambda: uuid.UUID(int=(7 << 76) | next(ids)))
        monkeypatch.setattr(HybridClock, "take",
                            lambda _self, count: [next(taken) for _ in range(count)])
        if write is not None:
            monkeypatch.setattr("the5hc_desktop.services.assessments.insert_new", write)
        path = tmp_path / name / "the5hc.sqlite3"
        path.parent.mkdir()
        shutil.copyfile(start, path)
        database = Database.open(path)
        heard: list[Changes] = []
        publisher = ChangePublisher()
        publisher.subscribe(heard.append)
        service = AssessmentService(database, now=Clock(clock()), changes=publisher)
        rng = random.Random(seed)
        views = [service.create(owner, random_draft(rng, client_id, date(2025, 6, 15)))
                 for _ in range(6)]
        with database.engine.connect() as conn:
            problems = verify(conn)[0]
        database.close()
        return views, heard, problems, file_rows(path)

    plain = run("plain", plain_flush)
    monkeypatch.undo()
    monkeypatch.setattr(stamping, "utcnow", lambda: fixed_now)
    fast = run("fast", None)
    assert plain[2] == fast[2] == []
    assert fast[0] == plain[0]  # the views returned
    assert fast[1] == plain[1] == [Changes.of("assessments", "audit_log")] * 6
    assert len(fast[3]["assessments"]) == len(plain[3]["assessments"]) > 0
    for table, rows in plain[3].items():
        assert fast[3][table] == rows, table


def _risk_whole(risk: Any) -> Any:
    """Every field of a risk assessment, the concerns' params included (left out of ==)."""
    if risk is None:
        return None

    def concern(c: Any) -> Any:
        return None if c is None else (c.code, c.text_ko, c.text_en, c.params)

    return (risk.score, risk.level,
            [(f.code, f.points, f.details, concern(f.concern)) for f in risk.factors],
            [concern(c) for c in risk.primary_concerns])


@pytest.mark.parametrize("seed", range(3))
def test_the_view_a_save_returns_is_the_stored_rows_view(
        db: Database, clock: Clock, owner: Actor, seed: int) -> None:
    """The saved view takes scores, risk and tips from the evaluation it stored: they equal
    what reading the stored row back gives (the plain path, `get`)."""
    draft = ClientDraft("김민수", "male", "010-1234-5678", birth_date=date(1980, 3, 1),
                        height_cm=172.5)
    client_id = ClientService(db, now=clock).create(owner, draft).client.id
    service = AssessmentService(db, now=clock)
    rng = random.Random(100 + seed)
    saves = 0
    while saves < 25:
        try:
            saved = service.create(owner, random_draft(rng, client_id, date(2025, 6, 15)))
        except ValidationError:  # an override out of its test's range
            continue
        saves += 1
        stored = service.get(owner, saved.id)
        assert saved == stored
        assert saved.scores.to_dict() == stored.scores.to_dict()
        assert _risk_whole(saved.risk) == _risk_whole(stored.risk)
        assert saved.recommendations.to_dict() == stored.recommendations.to_dict()
