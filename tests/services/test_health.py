"""Health screening and questionnaire storage: reuse window, proceed reason (audited), the
questionnaire snapshot, skipping, editing, permissions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from service_support import Clock, audit_rows, make_staff, table_counts
from sqlalchemy import select

from the5hc_desktop.domain import screening as s
from the5hc_desktop.domain.errors import PermissionDenied, ValidationError
from the5hc_desktop.services import build_services
from the5hc_desktop.services.assessments import AssessmentDraft, AssessmentView
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.health import HealthDraft, HealthService
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import AssessmentHealth, HealthScreening, assessment_health_id

ALL_NO = dict.fromkeys(s.SCREENING_KEYS, False)
CHEST_PAIN = ALL_NO | {"chest_pain": True}
ANSWERS = {
    "strength_frequency": "two_three",
    "recovery_nutrients": ["protein", "carbohydrate"],
    "sleep_hours": "five_six",  # flagged: insufficient sleep
    "tobacco": "never",
    "main_goal": "build_muscle",
    "goal_confidence": 4,
}
VALUES: dict[str, object] = {
    "push_up_reps": 23, "farmer_carry_weight_kg": 32.5, "farmer_carry_distance_m": 40,
    "farmer_carry_time_s": 52, "toe_touch_cm": -3.5, "shoulder_mobility_score": 2,
    "shoulder_left_cm": 12, "shoulder_right_cm": 17, "overhead_squat_score": 2,
    "knee_valgus": True, "balance_right_open_s": 41.3, "balance_left_open_s": 28.7,
    "balance_right_closed_s": 12.1, "balance_left_closed_s": 9.4,
    "step_test_pulse_1": 52, "step_test_pulse_2": 47, "step_test_pulse_3": 44,
}
TODAY = date(2025, 6, 15)  # the `clock` fixture's day in Seoul


class World:
    def __init__(self, db: Database, clock: Clock, owner: Actor) -> None:
        self.services = build_services(db, now=clock)
        self.db, self.owner = db, owner
        self.health: HealthService = self.services.health
        draft = ClientDraft("김민수", "male", "010-1234-5678", birth_date=date(1990, 3, 1),
                            weight_kg=72.4)
        self.client_id = self.services.clients.create(owner, draft).client.id

    def assess(self, day: date = TODAY) -> AssessmentView:
        draft = AssessmentDraft(client_id=self.client_id, assessed_on=day, values=VALUES)
        return self.services.assessments.create(self.owner, draft)


@pytest.fixture
def world(db: Database, clock: Clock, owner: Actor) -> World:
    return World(db, clock, owner)


def test_new_screening_with_no_yes_needs_no_reason(world: World) -> None:
    view = world.assess()
    saved = world.health.save_for_assessment(
        world.owner, view.id, HealthDraft(screening_answers=ALL_NO))
    assert saved.screening is not None
    assert saved.screening.outcome is s.ScreeningOutcome.CLEAR
    assert saved.screening.screened_on == view.assessed_on
    assert saved.proceed_reason is None
    assert saved.skipped
    assert saved.result is None  # skipped: no questionnaire scores, never zeros
    assert audit_rows(world.db, "screening_proceed_confirmed") == []
    [recorded] = audit_rows(world.db, "screening_recorded")
    assert recorded.entity_id == world.client_id
    assert recorded.details["outcome"] == "clear"


def test_any_yes_needs_a_reason_and_proceeding_is_audited(world: World) -> None:
    view = world.assess()
    before = table_counts(world.db)
    with pytest.raises(ValidationError) as caught:
        world.health.save_for_assessment(world.owner, view.id,
                                         HealthDraft(screening_answers=CHEST_PAIN))
    assert caught.value.field == "proceed_reason"
    assert table_counts(world.db) == before  # nothing half-written
    reason = "주치의 소견서로 저강도 측정 허가 확인"
    saved = world.health.save_for_assessment(
        world.owner, view.id, HealthDraft(screening_answers=CHEST_PAIN, proceed_reason=reason))
    assert saved.screening is not None
    assert saved.screening.outcome.label.ko == "의사 확인 권장"
    assert [q.key for q in saved.screening.yes_questions] == ["chest_pain"]
    assert (saved.proceed_reason, saved.proceed_by_name) == (reason, "김대표")
    [entry] = audit_rows(world.db, "screening_proceed_confirmed")
    assert entry.actor_id == world.owner.staff_id
    assert entry.entity_id == view.id
    assert entry.details["reason"] == reason
    assert entry.details["yes"] == ["chest_pain"]


def test_a_new_assessment_needs_a_screening(world: World) -> None:
    view = world.assess()
    with pytest.raises(ValidationError) as caught:
        world.health.save_for_assessment(world.owner, view.id, HealthDraft(questionnaire=ANSWERS))
    assert caught.value.field == "screening"
    # editing an imported assessment that never had one is allowed
    saved = world.health.save_for_assessment(world.owner, view.id,
                                             HealthDraft(questionnaire=ANSWERS),
                                             require_screening=False)
    assert saved.screening is None
    assert saved.result is not None


def test_screening_is_reused_while_younger_than_twelve_months(
    world: World, clock: Clock
) -> None:
    first_day = TODAY - timedelta(days=300)
    screening = world.health.record_screening(world.owner, world.client_id, CHEST_PAIN,
                                              first_day)
    assert world.health.reusable_screening(world.owner, world.client_id, TODAY) == screening
    last_day = s.valid_until(first_day)
    assert world.health.reusable_screening(world.owner, world.client_id, last_day) is not None
    after = last_day + timedelta(days=1)
    assert world.health.reusable_screening(world.owner, world.client_id, after) is None

    view = world.assess()
    draft = HealthDraft(reuse_screening_id=screening.id, proceed_reason="재확인함")
    saved = world.health.save_for_assessment(world.owner, view.id, draft)
    assert saved.screening == screening
    with world.db.read() as session:
        assert len(session.scalars(select(HealthScreening)).all()) == 1  # no copy made

    clock.advance(days=70)  # the screening is now more than 12 months old
    late = world.assess(TODAY + timedelta(days=70))
    with pytest.raises(ValidationError) as caught:
        world.health.save_for_assessment(world.owner, late.id, draft)
    assert caught.value.field == "screening"
    assert "12개월" in caught.value.message_ko


def test_screening_of_another_member_cannot_be_reused(world: World) -> None:
    other = world.services.clients.create(world.owner, ClientDraft(
        "이영희", "female", "010-2222-3333", birth_date=date(1992, 1, 1))).client.id
    theirs = world.health.record_screening(world.owner, other, ALL_NO, TODAY)
    view = world.assess()
    with pytest.raises(ValidationError, match="another member"):
        world.health.save_for_assessment(world.owner, view.id,
                                         HealthDraft(reuse_screening_id=theirs.id))


def test_a_screening_cannot_be_dated_in_the_future(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        world.health.record_screening(world.owner, world.client_id, ALL_NO,
                                      TODAY + timedelta(days=1))
    assert caught.value.field == "screened_on"


def test_member_page_state(world: World, clock: Clock) -> None:
    state = world.health.screening_state(world.owner, world.client_id)
    assert (state.latest, state.current) == (None, False)
    world.health.record_screening(world.owner, world.client_id, ALL_NO, TODAY - timedelta(400))
    newer = world.health.record_screening(world.owner, world.client_id, CHEST_PAIN,
                                          TODAY - timedelta(10))
    state = world.health.screening_state(world.owner, world.client_id)
    assert state.latest == newer
    assert state.current
    clock.advance(days=400)
    assert not world.health.screening_state(world.owner, world.client_id).current
    detail = world.services.clients.get(world.owner, world.client_id)
    assert detail.screening is not None
    assert detail.screening.latest == newer


def test_questionnaire_snapshot_uses_the_stored_assessment(world: World) -> None:
    view = world.assess()
    assert view.scores.overall is not None
    assert view.risk is not None
    saved = world.health.save_for_assessment(
        world.owner, view.id, HealthDraft(screening_answers=ALL_NO, questionnaire=ANSWERS))
    result = saved.result
    assert result is not None
    # knowledge (5 + 4) / 10; lifestyle (2 + 5) / 10; readiness (5 + 4/5 × 5) / 10
    assert dict(result.categories) == {"knowledge": 90.0, "lifestyle": 70.0, "readiness": 90.0}
    expected = 0.6 * view.scores.overall + 0.15 * 90 + 0.15 * 70 + 0.10 * 90
    assert result.comprehensive == pytest.approx(expected, abs=0.051)
    assert [r.code for r in result.risk_answers] == ["insufficient_sleep"]
    assert result.questionnaire_risk == 10.0
    assert result.blended_risk == pytest.approx(view.risk.score * 0.8 + 2.0, abs=0.051)
    assert result.physical_risk == view.risk.score
    assert saved.answers is not None
    assert saved.answers["recovery_nutrients"] == ("protein", "carbohydrate")
    # read back from the database: the same figures
    again = world.health.for_assessment(world.owner, view.id)
    assert again == saved
    [entry] = audit_rows(world.db, "questionnaire_saved")
    assert entry.details["skipped"] is False
    assert entry.details["comprehensive"] == result.comprehensive


def test_editing_replaces_the_answers_in_the_same_row(world: World) -> None:
    view = world.assess()
    world.health.save_for_assessment(world.owner, view.id,
                                     HealthDraft(screening_answers=ALL_NO, questionnaire=ANSWERS))
    screening = world.health.for_assessment(world.owner, view.id)
    assert screening is not None
    assert screening.screening is not None
    better = ANSWERS | {"sleep_hours": "seven_eight"}
    edited = world.health.save_for_assessment(
        world.owner, view.id,
        HealthDraft(reuse_screening_id=screening.screening.id, questionnaire=better))
    assert edited.result is not None
    assert edited.result.categories["lifestyle"] == 100.0
    assert edited.result.risk_answers == ()
    skipped = world.health.save_for_assessment(
        world.owner, view.id, HealthDraft(reuse_screening_id=screening.screening.id))
    assert skipped.skipped
    with world.db.read() as session:
        rows = session.scalars(select(AssessmentHealth)).all()
        assert [r.id for r in rows] == [assessment_health_id(view.id)]
        assert rows[0].category_scores is None
        assert rows[0].comprehensive is None


def test_bad_answers_write_nothing(world: World) -> None:
    view = world.assess()
    before = table_counts(world.db)
    with pytest.raises(ValidationError) as caught:
        world.health.save_for_assessment(world.owner, view.id, HealthDraft(
            screening_answers=ALL_NO, questionnaire=ANSWERS | {"goal_confidence": 9}))
    assert caught.value.field == "questionnaire.goal_confidence"
    assert table_counts(world.db) == before


def test_front_desk_cannot_record_screenings(world: World) -> None:
    view = world.assess()
    desk = make_staff(world.services.accounts, world.owner, "desk", Role.ASSISTANT)
    with pytest.raises(PermissionDenied):
        world.health.save_for_assessment(desk, view.id, HealthDraft(screening_answers=ALL_NO))
    with pytest.raises(PermissionDenied):
        world.health.record_screening(desk, world.client_id, ALL_NO, TODAY)
    assert world.health.screening_state(desk, world.client_id).latest is None


def test_pure_check_matches_what_saving_refuses() -> None:
    with pytest.raises(ValidationError) as caught:
        HealthService.check(HealthDraft(screening_answers=ALL_NO | {"chest_pain": None}))
    assert caught.value.field == "screening"
    checked = HealthService.check(HealthDraft(screening_answers=CHEST_PAIN, proceed_reason=" ok "))
    assert checked.outcome is s.ScreeningOutcome.CLEARANCE_ADVISED
    assert checked.proceed_reason == "ok"
    preview = HealthService.preview(ANSWERS, overall=60.0, physical_risk=30.0)
    assert preview.blended_risk == 26.0  # 30 × 0.8 + 10 × 0.2


def test_report_data_carries_the_health_record(world: World) -> None:
    view = world.assess()
    assert world.services.reports.assessment_data(world.owner, view.id).health is None
    world.health.save_for_assessment(world.owner, view.id, HealthDraft(
        screening_answers=CHEST_PAIN, proceed_reason="소견서 확인", questionnaire=ANSWERS))
    health = world.services.reports.assessment_data(world.owner, view.id).health
    assert health is not None
    assert health.screening_outcome is s.ScreeningOutcome.CLEARANCE_ADVISED
    assert health.proceed_reason == "소견서 확인"
    assert health.result is not None
    assert health.result.categories["readiness"] == 90.0
