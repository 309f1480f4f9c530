"""Assessments: desktop-1 scores stored unrounded, age on the date, overrides, edit rules,
compare, soft delete and the explicit recalculation of imported rows."""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import date

import pytest
from service_support import Clock, audit_rows, table_counts
from sqlalchemy import event, select

from the5hc_desktop.domain.errors import (
    ConflictError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from the5hc_desktop.domain.recommendations import recommend
from the5hc_desktop.domain.risk import assess_risk
from the5hc_desktop.domain.scoring import SCORING_VERSION, AssessmentInputs, score_assessment
from the5hc_desktop.services.assessments import (
    AssessmentDraft,
    AssessmentService,
    Override,
    score_columns,
)
from the5hc_desktop.services.clients import ClientDraft, ClientService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.settings import SettingsService
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    ASSESSMENT_INPUT_FIELDS,
    SCORE_COLUMNS,
    Assessment,
    Client,
)

FULL_VALUES: dict[str, object] = {
    "push_up_reps": 23,
    "push_up_type": "standard",
    "farmer_carry_weight_kg": 32.5,
    "farmer_carry_distance_m": 40,
    "farmer_carry_time_s": 52,
    "toe_touch_cm": -3.5,
    "shoulder_mobility_score": 2,
    "shoulder_left_cm": 12,
    "shoulder_right_cm": 17,
    "overhead_squat_score": 2,
    "knee_valgus": True,
    "balance_right_open_s": 41.3,
    "balance_left_open_s": 28.7,
    "balance_right_closed_s": 12.1,
    "balance_left_closed_s": 9.4,
    "step_test_duration_s": 180,
    "step_test_pulse_1": 52,
    "step_test_pulse_2": 47,
    "step_test_pulse_3": 44,
}


@pytest.fixture
def clients(db: Database, clock: Clock) -> ClientService:
    return ClientService(db, now=clock)


@pytest.fixture
def service(db: Database, clock: Clock) -> AssessmentService:
    return AssessmentService(db, now=clock)


@pytest.fixture
def minsu(clients: ClientService, owner: Actor) -> uuid.UUID:
    draft = ClientDraft("김민수", "male", "010-1234-5678", birth_date=date(1990, 3, 1),
                        height_cm=176, weight_kg=72.4)
    return clients.create(owner, draft).client.id


def full_draft(client: uuid.UUID, **changes: object) -> AssessmentDraft:
    draft = AssessmentDraft(client, date(2024, 12, 1), None, environment="outdoor",
                            temperature_c=12.5, height_cm=176, weight_kg=72.4, body_fat_pct=18.2,
                            values=dict(FULL_VALUES), overhead_squat_quality="compensations",
                            test_notes={"push_up": "가슴이 바닥에 닿음"}, notes="첫 평가")
    return dataclasses.replace(draft, **changes)  # type: ignore[arg-type]


def stored_row(db: Database, assessment_id: uuid.UUID) -> Assessment:
    with db.read() as session:
        row = session.get(Assessment, assessment_id)
        assert row is not None
        return row


def test_create_stores_every_input_and_the_unrounded_desktop1_scores(
    service: AssessmentService, owner: Actor, minsu: uuid.UUID, db: Database
) -> None:
    view = service.create(owner, full_draft(minsu))
    expected_inputs = AssessmentInputs(gender="male", age=34, body_weight_kg=72.4,  # type: ignore[arg-type]
                                       **FULL_VALUES)  # type: ignore[arg-type]
    expected = score_assessment(expected_inputs)
    assert view.inputs == expected_inputs
    assert view.scores == expected
    assert view.scoring_version == SCORING_VERSION == "desktop-1"
    assert view.trainer_id == owner.staff_id
    row = stored_row(db, view.id)
    for name, column in SCORE_COLUMNS.items():
        value = getattr(expected, name)
        assert getattr(row, column) == (str(value) if name == "risk_level" else value), name
    for name in ASSESSMENT_INPUT_FIELDS:
        assert getattr(row, name) == getattr(expected_inputs, name), name
    assert row.age_at_assessment == 34
    assert (row.environment, row.temperature_c, row.body_fat_pct) == ("outdoor", 12.5, 18.2)
    assert row.test_notes == {"push_up": "가슴이 바닥에 닿음"}
    assert view.risk == assess_risk(expected_inputs, expected)
    assert view.recommendations == recommend(expected_inputs, expected, height_cm=176)
    # Stored compactly: tip codes, and per risk factor no concern texts (read from the domain).
    assert row.recommendations == {"by_category": {
        category: [tip.code for tip in tips]
        for category, tips in view.recommendations.by_category.items()}}
    assert all(isinstance(item, list) for item in row.risk_factors)
    assert "text_ko" not in json.dumps(row.risk_factors)
    (entry,) = audit_rows(db, "assessment_created")
    assert entry.entity_id == view.id


def test_inputs_for_is_the_same_formula(
    service: AssessmentService, clients: ClientService, owner: Actor, minsu: uuid.UUID
) -> None:
    draft = full_draft(minsu)
    preview = AssessmentService.inputs_for(clients.view(owner, minsu), draft)
    assert service.create(owner, draft).scores == score_assessment(preview)
    # Body weight: the draft's, else the client's.
    assert AssessmentService.inputs_for(
        clients.view(owner, minsu), dataclasses.replace(draft, weight_kg=None)
    ).body_weight_kg == 72.4


def test_age_is_taken_on_the_assessment_date(
    service: AssessmentService, clients: ClientService, owner: Actor, minsu: uuid.UUID
) -> None:
    assert clients.view(owner, minsu).age == 35  # today, 2025-06-15
    assert service.create(owner, full_draft(minsu, assessed_on=date(2025, 2, 28))).age == 34
    assert service.create(owner, full_draft(minsu, assessed_on=date(2025, 3, 1))).age == 35


def test_legacy_age_snapshot_is_advanced_to_the_assessment_date(
    service: AssessmentService, owner: Actor, db: Database
) -> None:
    with db.write() as session:
        client = Client(name="이영희", name_initials="ㅇㅇㅎ", gender="female", age_years=30,
                        age_recorded_on=date(2020, 6, 1))
        session.add(client)
    view = service.create(owner, AssessmentDraft(client.id, date(2023, 1, 1),
                                                 values={"push_up_reps": 10}))
    assert view.age == 32
    assert view.inputs.gender == "female"


def test_future_date_and_missing_age_are_refused_without_writing(
    service: AssessmentService, clients: ClientService, owner: Actor, minsu: uuid.UUID,
    db: Database,
) -> None:
    no_birth = clients.create(owner, ClientDraft("박지성", "male")).client.id
    before = table_counts(db)
    with pytest.raises(ValidationError) as caught:
        service.create(owner, full_draft(minsu, assessed_on=date(2025, 6, 16)))
    assert caught.value.field == "assessed_on"
    assert "미래" in caught.value.message("ko")
    with pytest.raises(ValidationError) as caught:
        service.create(owner, full_draft(no_birth))
    assert caught.value.field == "birth_date"
    assert table_counts(db) == before
    assert service.create(owner, full_draft(minsu, assessed_on=date(2025, 6, 15))).age == 35


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"values": FULL_VALUES | {"step_test_pulse_1": 200}}, "step_test_pulse_1"),
        ({"values": FULL_VALUES | {"push_up_reps": -1}}, "push_up_reps"),
        ({"values": FULL_VALUES | {"shoulder_mobility_score": 4}}, "shoulder_mobility_score"),
        ({"values": FULL_VALUES | {"balance_left_open_s": 301}}, "balance_left_open_s"),
        ({"values": FULL_VALUES | {"push_up_type": "diamond"}}, "push_up_type"),
        ({"values": FULL_VALUES | {"sit_ups": 3}}, "sit_ups"),
        ({"values": FULL_VALUES | {"age": 20}}, "age"),
        ({"environment": "space"}, "environment"),
        ({"temperature_c": 80}, "temperature_c"),
        ({"weight_kg": 5}, "weight_kg"),
        ({"weight_kg": 300}, "weight_kg"),  # the member form's rule: refused in both
        ({"height_cm": 175, "weight_kg": 200}, "weight_kg"),  # BMI 65
        ({"overhead_squat_quality": "great"}, "overhead_squat_quality"),
        ({"test_notes": {"sit_ups": "x"}}, "test_notes"),
        ({"overrides": {"toe_touch": Override(4, "  ")}}, "overrides"),
        ({"overrides": {"toe_touch": Override(7, "again")}}, "overrides"),
        ({"overrides": {"sit_ups": Override(3, "again")}}, "overrides"),
        ({"client_id": uuid.uuid4()}, None),
    ],
)
def test_bad_drafts_write_nothing(
    service: AssessmentService, owner: Actor, minsu: uuid.UUID, db: Database,
    changes: dict[str, object], field: str | None,
) -> None:
    before = table_counts(db)
    expected = NotFound if field is None else ValidationError
    with pytest.raises(expected) as caught:
        service.create(owner, full_draft(minsu, **changes))
    if field is not None:
        assert caught.value.field == field
    assert table_counts(db) == before


def test_override_stores_computed_value_who_and_why(
    service: AssessmentService, owner: Actor, trainer: Actor, minsu: uuid.UUID, db: Database
) -> None:
    draft = full_draft(minsu, overrides={"toe_touch": Override(3, "재측정 결과 반영")})
    view = service.create(trainer, draft)
    assert view.scores.toe_touch == 3.0
    assert view.overrides["toe_touch"] == {
        "computed": 2.0, "value": 3.0, "by": str(trainer.staff_id), "reason": "재측정 결과 반영"}
    assert view.draft.overrides == {"toe_touch": Override(3.0, "재측정 결과 반영")}
    (entry,) = audit_rows(db, "assessment_score_overridden")
    assert entry.details["test"] == "toe_touch"
    assert entry.details["computed"] == 2.0
    # Saving again unchanged keeps who overrode it and writes no new override entry.
    service.update(owner, view.id, view.draft)
    assert service.get(owner, view.id).overrides["toe_touch"]["by"] == str(trainer.staff_id)
    assert len(audit_rows(db, "assessment_score_overridden")) == 1


def test_update_rescores_and_audits(
    service: AssessmentService, owner: Actor, minsu: uuid.UUID, db: Database
) -> None:
    view = service.create(owner, full_draft(minsu))
    values = dict(view.draft.values) | {"toe_touch_cm": 8.0}
    updated = service.update(owner, view.id, dataclasses.replace(view.draft, values=values))
    assert updated.scores.toe_touch == 4.0
    assert updated.scores == score_assessment(dataclasses.replace(view.inputs, toe_touch_cm=8.0))
    (entry,) = audit_rows(db, "assessment_updated")
    assert {"toe_touch_cm", "score_toe_touch", "score_mobility", "score_overall"} <= set(
        entry.details["changed"])
    assert entry.details["overall"] == [view.scores.overall, updated.scores.overall]
    before = table_counts(db)
    with pytest.raises(ValidationError):
        service.update(owner, view.id,
                       dataclasses.replace(view.draft, assessed_on=date(2026, 1, 1)))
    with pytest.raises(ValidationError) as caught:
        service.update(owner, view.id, dataclasses.replace(view.draft, client_id=uuid.uuid4()))
    assert caught.value.field == "client_id"
    assert table_counts(db) == before


def test_role_rules(
    service: AssessmentService, owner: Actor, senior: Actor, trainer: Actor, assistant: Actor,
    minsu: uuid.UUID, db: Database, clock: Clock,
) -> None:
    before = table_counts(db)
    with pytest.raises(PermissionDenied):
        service.create(assistant, full_draft(minsu))
    assert table_counts(db) == before
    mine = service.create(trainer, full_draft(minsu))
    theirs = service.create(owner, full_draft(minsu))
    assert service.get(assistant, mine.id).id == mine.id  # front desk may look
    with pytest.raises(PermissionDenied):
        service.update(assistant, mine.id, mine.draft)
    service.update(trainer, mine.id, mine.draft)
    with pytest.raises(PermissionDenied):
        service.update(trainer, theirs.id, theirs.draft)
    with pytest.raises(PermissionDenied):
        service.create(trainer, full_draft(minsu, trainer_id=owner.staff_id))
    service.update(senior, mine.id, mine.draft)
    settings = SettingsService(db, now=clock)
    settings.update(owner, dataclasses.replace(settings.get(), trainers_edit_any_assessment=True))
    service.update(trainer, theirs.id, theirs.draft)
    for actor in (trainer, assistant):
        with pytest.raises(PermissionDenied):
            service.delete(actor, theirs.id)


def test_soft_delete(
    service: AssessmentService, senior: Actor, minsu: uuid.UUID, db: Database
) -> None:
    view = service.create(senior, full_draft(minsu))
    service.delete(senior, view.id)
    assert stored_row(db, view.id).deleted_at is not None
    with pytest.raises(NotFound):
        service.get(senior, view.id)
    assert service.list_for_client(senior, minsu) == ()
    assert audit_rows(db, "assessment_deleted")[0].entity_id == view.id


def test_compare_and_lists(
    service: AssessmentService, clients: ClientService, owner: Actor, minsu: uuid.UUID
) -> None:
    first = service.create(owner, full_draft(minsu, assessed_on=date(2025, 1, 10)))
    values = FULL_VALUES | {"push_up_reps": 35, "toe_touch_cm": 6}
    second = service.create(owner, full_draft(minsu, assessed_on=date(2025, 4, 10),
                                              values=values))
    for a, b in ((first.id, second.id), (second.id, first.id)):
        comparison = service.compare(owner, a, b)
        assert comparison.days_between == 90
        push_up = next(r for r in comparison.rows if r.key == "push_up")
        assert (push_up.raw_a, push_up.raw_b) == (23, 35)
    overall = service.compare(owner, first.id, second.id).categories[-1]
    assert overall.change == pytest.approx(second.scores.overall - first.scores.overall)
    other = clients.create(owner, ClientDraft("최서연", "female", birth_date=date(1995, 1, 1)))
    third = service.create(owner, full_draft(other.client.id, assessed_on=date(2025, 4, 10)))
    with pytest.raises(ValidationError):
        service.compare(owner, first.id, third.id)
    assert [s.id for s in service.list_for_client(owner, minsu)] == [second.id, first.id]
    between = service.list_between(owner, date(2025, 1, 10), date(2025, 4, 10))
    assert [s.id for s in between] == [first.id, second.id, third.id]
    assert [s.client_name for s in between] == ["김민수", "김민수", "최서연"]
    only = service.list_between(owner, date(2025, 4, 1), date(2025, 4, 30), [other.client.id])
    assert [s.id for s in only] == [third.id]
    assert only[0].overall == third.scores.overall
    with pytest.raises(ValidationError):
        service.list_between(owner, date(2025, 4, 30), date(2025, 4, 1))


def _legacy_row(db: Database, client_id: uuid.UUID, trainer_id: uuid.UUID,
                version: str = "legacy") -> uuid.UUID:
    # An imported row: raw inputs kept, the Original's scores (cardio 20) as stored.
    with db.write() as session:
        row = Assessment(
            client_id=client_id, trainer_id=trainer_id, assessed_on=date(2024, 5, 1),
            age_at_assessment=34, gender="male", body_weight_kg=72.4, push_up_reps=23,
            push_up_type="standard", toe_touch_cm=-3.5, shoulder_mobility_score=2,
            overhead_squat_score=2, balance_right_open_s=41.3, balance_left_open_s=28.7,
            balance_right_closed_s=12.1, balance_left_closed_s=9.4, step_test_pulse_1=52,
            step_test_pulse_2=47, step_test_pulse_3=160,  # a bpm figure: out of range today
            score_strength=50.0, score_mobility=62.5, score_balance_category=50.0,
            score_cardio=20.0, score_overall=47.1, complete=False, scoring_version=version,
        )
        session.add(row)
        return row.id


@pytest.mark.parametrize("version", ["legacy", "original", "original-head"])
def test_recalculate_an_imported_row(
    service: AssessmentService, owner: Actor, minsu: uuid.UUID, db: Database, version: str
) -> None:
    row_id = _legacy_row(db, minsu, owner.staff_id, version)
    kept = service.get(owner, row_id)
    assert (kept.scores.cardio, kept.scores.overall, kept.risk) == (20.0, 47.1, None)
    assert kept.scoring_version == version
    view = service.recalculate(owner, row_id)
    values = {k: v for k, v in FULL_VALUES.items()
              if k in ("push_up_reps", "toe_touch_cm", "shoulder_mobility_score",
                       "overhead_squat_score", "step_test_pulse_1", "step_test_pulse_2")
              or k.startswith("balance_")}
    inputs = AssessmentInputs(gender="male", age=34, body_weight_kg=72.4,  # type: ignore[arg-type]
                              **values)  # type: ignore[arg-type]
    assert view.scores == score_assessment(inputs)
    assert view.scores.cardio is None  # one pulse count was unusable: not measured
    assert view.scoring_version == SCORING_VERSION
    (entry,) = audit_rows(db, "assessment_recalculated")
    assert entry.details["scoring_version"] == [version, "desktop-1"]
    assert entry.details["before"]["score_cardio"] == 20.0
    assert entry.details["ignored_inputs"] == ["step_test_pulse_3"]
    assert stored_row(db, row_id).step_test_pulse_3 == 160  # raw data is never rewritten
    with pytest.raises(ConflictError):
        service.recalculate(owner, row_id)


def test_recalculate_needs_permission(
    service: AssessmentService, owner: Actor, assistant: Actor, minsu: uuid.UUID, db: Database
) -> None:
    row_id = _legacy_row(db, minsu, owner.staff_id)
    before = table_counts(db)
    with pytest.raises(PermissionDenied):
        service.recalculate(assistant, row_id)
    assert table_counts(db) == before
    with db.read() as session:
        assert session.scalar(select(Assessment.scoring_version)) == "legacy"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"assessed_on": date(2025, 6, 16)}, "assessed_on"),
        ({"environment": "space"}, "environment"),
        ({"temperature_c": 80}, "temperature_c"),
        ({"height_cm": 20}, "height_cm"),
        ({"weight_kg": 5}, "weight_kg"),
        ({"body_fat_pct": "18"}, "body_fat_pct"),
        ({"overhead_squat_quality": "great"}, "overhead_squat_quality"),
        ({"test_notes": {"sit_ups": "x"}}, "test_notes"),
        ({"overrides": {"toe_touch": Override(4, "  ")}}, "overrides"),
        ({"overrides": {"sit_ups": Override(3, "again")}}, "overrides"),
    ],
)
def test_validate_draft_refuses_what_saving_refuses(
    service: AssessmentService, owner: Actor, minsu: uuid.UUID,
    changes: dict[str, object], field: str,
) -> None:
    today = date(2025, 6, 15)  # the clock's day in Seoul
    AssessmentService.validate_draft(full_draft(minsu), today)
    with pytest.raises(ValidationError) as checked:
        AssessmentService.validate_draft(full_draft(minsu, **changes), today)
    with pytest.raises(ValidationError) as saved:
        service.create(owner, full_draft(minsu, **changes))
    assert checked.value.field == saved.value.field == field
    assert checked.value.message("ko") == saved.value.message("ko")


def test_evaluate_is_what_create_stores(
    service: AssessmentService, clients: ClientService, owner: Actor, minsu: uuid.UUID,
    db: Database,
) -> None:
    draft = full_draft(minsu, height_cm=None,
                       overrides={"toe_touch": Override(3, "재측정 결과 반영")})
    evaluation = AssessmentService.evaluate(clients.view(owner, minsu), draft)
    view = service.create(owner, draft)
    assert (view.inputs, view.scores, view.risk, view.recommendations) == (
        evaluation.inputs, evaluation.scores, evaluation.risk, evaluation.recommendations)
    assert evaluation.scores == score_assessment(evaluation.inputs)
    # No height on the draft: the BMI tips use the client's card (176 cm).
    assert evaluation.recommendations == recommend(
        evaluation.inputs, evaluation.scores, height_cm=176)
    assert evaluation.partial == frozenset()
    row = stored_row(db, view.id)
    columns = score_columns(evaluation.inputs, 176)
    assert columns == evaluation.columns()
    for column, value in columns.items():
        if column not in ("risk_factors", "recommendations"):  # JSON: compared below
            assert getattr(row, column) == value, column
    assert row.recommendations == columns["recommendations"]
    assert service.get(owner, view.id).risk == evaluation.risk
    with pytest.raises(ValidationError) as caught:
        AssessmentService.evaluate(clients.view(owner, minsu), full_draft(minsu, height_cm=20))
    assert caught.value.field == "height_cm"


def test_create_reads_the_settings_once_and_builds_the_view_in_memory(
    service: AssessmentService, owner: Actor, minsu: uuid.UUID, db: Database
) -> None:
    service.create(owner, full_draft(minsu))  # warm: first-use statements are not counted
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        service.create(owner, full_draft(minsu))
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert sum("FROM settings" in s for s in statements) == 1
    assert sum("FROM clients" in s for s in statements) == 1
    assert not any("FROM assessments" in s for s in statements)
