"""Fitness assessments: score with desktop-1, store every input and score, compare, recalc."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.compare import Comparison, compare_assessments
from the5hc_desktop.domain.errors import ConflictError, PermissionDenied, ValidationError
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.recommendations import Recommendations, Tip, recommend
from the5hc_desktop.domain.risk import (
    Concern,
    RiskAssessment,
    RiskFactor,
    RiskLevel,
    assess_risk,
    risk_level_for,
)
from the5hc_desktop.domain.scoring import (
    SCORING_VERSION,
    TEST_KEYS,
    AssessmentInputs,
    AssessmentScores,
    score_assessment,
)
from the5hc_desktop.domain.validation import check_number
from the5hc_desktop.services.base import ServiceBase, get_live, gym_zone, local_today
from the5hc_desktop.services.clients import CLIENT, ClientView, client_view, whole_years_between
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.services.settings import read_settings
from the5hc_desktop.store.models import (
    ASSESSMENT_INPUT_FIELDS,
    ENVIRONMENTS,
    OVERHEAD_SQUAT_QUALITIES,
    SCORE_COLUMNS,
    TEST_NOTE_KEYS,
    Assessment,
    Client,
    StaffAccount,
)

ASSESSMENT = ("평가", "Assessment")
# Inputs the draft may carry in `values`; gender and age come from the client.
DRAFT_VALUE_KEYS = tuple(name for name in ASSESSMENT_INPUT_FIELDS if name != "gender")
_TRAINER_ROLES = ("owner", "senior", "trainer")
_SCORE_FIELDS = tuple(SCORE_COLUMNS)


def is_recalculable(scoring_version: str) -> bool:
    """Imported scores (legacy, original, original-head) may be recalculated explicitly."""
    return scoring_version == "legacy" or scoring_version.startswith("original")


@dataclass(frozen=True)
class Override:
    """A trainer's replacement for one computed test score, and why."""

    value: float
    reason: str


@dataclass(frozen=True)
class AssessmentDraft:
    client_id: uuid.UUID
    assessed_on: date
    trainer_id: uuid.UUID | None = None  # None: the acting trainer
    environment: str = "indoor"
    temperature_c: float | None = None
    height_cm: float | None = None
    weight_kg: float | None = None
    body_fat_pct: float | None = None
    skeletal_muscle_kg: float | None = None
    values: Mapping[str, object] = field(default_factory=dict)
    overhead_squat_quality: str | None = None
    test_notes: Mapping[str, str] = field(default_factory=dict)
    notes: str = ""
    overrides: Mapping[str, Override] = field(default_factory=dict)


@dataclass(frozen=True)
class AssessmentView:
    id: uuid.UUID
    client_id: uuid.UUID
    client_name: str
    assessed_on: date
    trainer_id: uuid.UUID
    trainer_name: str
    age: int | None
    environment: str
    temperature_c: float | None
    height_cm: float | None
    weight_kg: float | None
    body_fat_pct: float | None
    skeletal_muscle_kg: float | None
    inputs: AssessmentInputs
    scores: AssessmentScores
    risk: RiskAssessment | None
    recommendations: Recommendations
    notes: str
    test_notes: Mapping[str, str]
    # {test key: {"computed": float|None, "value": float, "by": staff id, "reason": str}}
    overrides: Mapping[str, Mapping[str, Any]]
    scoring_version: str
    draft: AssessmentDraft


@dataclass(frozen=True)
class AssessmentSummary:
    id: uuid.UUID
    client_id: uuid.UUID
    client_name: str
    assessed_on: date
    trainer_name: str
    overall: float | None
    strength: float | None
    mobility: float | None
    balance: float | None
    cardio: float | None
    complete: bool
    scoring_version: str


# -- pure helpers -------------------------------------------------------------------------------


def age_for_assessment(client: ClientView, assessed_on: date) -> int:
    """Whole years on the assessment date: from the birth date, else the legacy snapshot."""
    if client.birth_date is not None:
        if assessed_on < client.birth_date:
            raise ValidationError(
                "평가 날짜가 생년월일보다 빠릅니다.",
                "The assessment date is before the birth date.",
                field="assessed_on",
            )
        years = whole_years_between(client.birth_date, assessed_on)
    elif client.age_recorded is not None:
        shift = (
            whole_years_between(client.age_recorded_on, assessed_on)
            if client.age_recorded_on is not None else 0
        )
        years = client.age_recorded + shift
    else:
        raise ValidationError(
            "평가하려면 회원의 생년월일이 필요합니다.",
            "The client's birth date is needed to score an assessment.",
            field="birth_date",
        )
    if years < 1:
        raise ValidationError(
            "평가 날짜의 나이가 1세 미만입니다.", "The age on the assessment date is under 1.",
            field="assessed_on",
        )
    return years


def _override_value(override: object) -> object:
    return override.value if isinstance(override, Override) else override


def _stored(value: object) -> object:
    return value.value if isinstance(value, Enum) else value


def _risk_json(risk: RiskAssessment) -> list[dict[str, Any]]:
    # Factors with their concern and its place among the primary concerns, so the whole
    # RiskAssessment can be rebuilt from the row without re-running the rules.
    ranks = {concern.code: n for n, concern in enumerate(risk.primary_concerns)}
    return [
        {
            "code": f.code,
            "points": f.points,
            "details": f.details,
            "concern": None if f.concern is None else {
                "code": f.concern.code, "text_ko": f.concern.text_ko, "text_en": f.concern.text_en
            },
            "primary_rank": None if f.concern is None else ranks.get(f.concern.code),
        }
        for f in risk.factors
    ]


def _risk_from_row(row: Assessment) -> RiskAssessment | None:
    if row.risk_score is None:
        return None
    factors: list[RiskFactor] = []
    primary: dict[int, Concern] = {}
    for item in row.risk_factors or []:
        if not isinstance(item, Mapping) or "code" not in item:
            continue
        concern = None
        raw = item.get("concern")
        if isinstance(raw, Mapping) and "code" in raw:
            concern = Concern(str(raw["code"]), str(raw.get("text_ko", "")),
                              str(raw.get("text_en", "")))
            rank = item.get("primary_rank")
            if isinstance(rank, int):
                primary.setdefault(rank, concern)
        details = item.get("details")
        factors.append(RiskFactor(str(item["code"]), float(item.get("points") or 0),
                                  dict(details) if isinstance(details, Mapping) else {}, concern))
    level = _risk_level(row.risk_level, row.risk_score)
    concerns = tuple(primary[rank] for rank in sorted(primary))
    return RiskAssessment(row.risk_score, level, tuple(factors), concerns)


def _risk_level(stored: str | None, score: float) -> RiskLevel:
    try:
        return RiskLevel(stored) if stored else risk_level_for(score)
    except ValueError:
        return risk_level_for(score)


def _recommendations_from(data: Any) -> Recommendations | None:
    by = data.get("by_category") if isinstance(data, Mapping) else None
    if not isinstance(by, Mapping):
        return None
    return Recommendations({
        str(category): tuple(
            Tip(str(t.get("code", "")), str(t.get("text_ko", "")), str(t.get("text_en", "")))
            for t in tips if isinstance(t, Mapping)
        )
        for category, tips in by.items() if isinstance(tips, list)
    })


def scores_from_row(row: Assessment) -> AssessmentScores:
    """The stored snapshot as AssessmentScores (never recomputed).

    Imported rows without a risk score get 0 / low here; `AssessmentView.risk` is None then.
    """
    risk_score = float(row.risk_score or 0.0)
    return AssessmentScores(
        push_up=row.score_push_up,
        farmer_carry=row.score_farmer_carry,
        toe_touch=row.score_toe_touch,
        shoulder_mobility=row.score_shoulder_mobility,
        overhead_squat=row.score_overhead_squat,
        balance=row.score_balance,
        step_test=row.score_step_test,
        pfi=row.pfi,
        strength=row.score_strength,
        mobility=row.score_mobility,
        balance_category=row.score_balance_category,
        cardio=row.score_cardio,
        overall=row.score_overall,
        complete=bool(row.complete),
        risk_score=risk_score,
        risk_level=_risk_level(row.risk_level, risk_score),
    )


def score_columns(inputs: AssessmentInputs, height_cm: float | None) -> dict[str, Any]:
    """Column values of a desktop-1 scoring: every score unrounded, the risk factors, the
    recommendations snapshot and `scoring_version` (one formula for the service, imports
    and the demo generator)."""
    scores = score_assessment(inputs)
    data = scores.to_dict()
    columns: dict[str, Any] = {column: data[name] for name, column in SCORE_COLUMNS.items()}
    columns["risk_factors"] = _risk_json(assess_risk(inputs, scores))
    columns["recommendations"] = recommend(inputs, scores, height_cm=height_cm).to_dict()
    columns["scoring_version"] = SCORING_VERSION
    return columns


def inputs_from_row(row: Assessment, age: int) -> tuple[AssessmentInputs, tuple[str, ...]]:
    """Inputs as stored, and the names of stored values the rules refuse (imported rows may
    hold e.g. a bpm figure where desktop-1 expects a 30-second count): those are left out."""
    data: dict[str, object] = {name: getattr(row, name) for name in ASSESSMENT_INPUT_FIELDS}
    data["age"] = age
    data["overrides"] = {
        key: item["value"] for key, item in (row.overrides or {}).items()
        if isinstance(item, Mapping) and item.get("value") is not None
    }
    dropped: list[str] = []
    while True:
        try:
            return AssessmentInputs.from_mapping(data), tuple(dropped)
        except ValidationError as error:
            name = error.field
            if name is None or name in ("gender", "age") or name not in data:
                raise
            dropped.append(name)
            data[name] = {} if name == "overrides" else None


def draft_from_row(row: Assessment) -> AssessmentDraft:
    """The editable draft of a stored assessment (what the wizard opens for editing)."""
    return AssessmentDraft(
        client_id=row.client_id,
        assessed_on=row.assessed_on,
        trainer_id=row.trainer_id,
        environment=row.environment or "indoor",
        temperature_c=row.temperature_c,
        height_cm=row.height_cm,
        weight_kg=row.weight_kg,
        body_fat_pct=row.body_fat_pct,
        skeletal_muscle_kg=row.skeletal_muscle_kg,
        values={name: getattr(row, name) for name in DRAFT_VALUE_KEYS},
        overhead_squat_quality=row.overhead_squat_quality,
        test_notes=dict(row.test_notes or {}),
        notes=row.notes or "",
        overrides={
            key: Override(float(item["value"]), str(item.get("reason", "")))
            for key, item in (row.overrides or {}).items()
            if isinstance(item, Mapping) and item.get("value") is not None
        },
    )


def _error(field_name: str, ko: str, en: str) -> ValidationError:
    return ValidationError(ko, en, field=field_name)


def _clean_conditions(draft: AssessmentDraft) -> dict[str, Any]:
    """Checked non-scored fields of a draft (conditions, body measures, notes)."""
    if draft.environment not in ENVIRONMENTS:
        raise _error("environment", "측정 환경은 실내 또는 실외입니다.",
                     "The environment is indoor or outdoor.")
    measures: dict[str, Any] = {}
    for name, label, lo, hi in (
        ("temperature_c", Label("온도 (°C)", "Temperature (°C)"), -10, 50),
        ("height_cm", Label("키 (cm)", "Height (cm)"), 50, 300),
        ("weight_kg", Label("몸무게 (kg)", "Weight (kg)"), 20, 500),
        ("body_fat_pct", Label("체지방률 (%)", "Body fat (%)"), 1, 75),
        ("skeletal_muscle_kg", Label("골격근량 (kg)", "Skeletal muscle (kg)"), 1, 150),
    ):
        value = getattr(draft, name)
        measures[name] = None if value is None else check_number(value, name, label, lo, hi)
    quality = draft.overhead_squat_quality or None
    if quality is not None and quality not in OVERHEAD_SQUAT_QUALITIES:
        raise _error("overhead_squat_quality", "오버헤드 스쿼트 수행 품질 값이 올바르지 않습니다.",
                     "Unknown overhead squat quality.")
    notes: dict[str, str] = {}
    for key, text in dict(draft.test_notes or {}).items():
        if key not in TEST_NOTE_KEYS or not isinstance(text, str):
            raise _error("test_notes", "테스트 메모가 올바르지 않습니다.", "Invalid test note.")
        if text.strip():
            notes[key] = text.strip()
    if not isinstance(draft.notes, str):
        raise _error("notes", "메모는 글자로 입력하세요.", "Notes must be text.")
    for key, override in dict(draft.overrides or {}).items():
        if key not in TEST_KEYS:
            raise _error("overrides", f"알 수 없는 테스트입니다 ({key}).", f"Unknown test ({key}).")
        reason = override.reason if isinstance(override, Override) else ""
        if not isinstance(reason, str) or not reason.strip():
            raise _error("overrides", "점수를 직접 입력할 때는 이유를 적어주세요.",
                         "Give a reason for overriding a score.")
    return {
        "environment": draft.environment,
        "overhead_squat_quality": quality,
        "test_notes": notes,
        "notes": draft.notes.strip() or None,
        **measures,
    }


def _summary(row: Assessment, client_name: str, trainer_name: str) -> AssessmentSummary:
    return AssessmentSummary(
        id=row.id,
        client_id=row.client_id,
        client_name=client_name,
        assessed_on=row.assessed_on,
        trainer_name=trainer_name,
        overall=row.score_overall,
        strength=row.score_strength,
        mobility=row.score_mobility,
        balance=row.score_balance_category,
        cardio=row.score_cardio,
        complete=bool(row.complete),
        scoring_version=row.scoring_version,
    )


def _staff_name(staff: StaffAccount | None) -> str:
    return (staff.display_name or staff.username) if staff is not None else ""


def _summary_query() -> Any:
    return (
        select(Assessment, Client.name, StaffAccount.display_name, StaffAccount.username)
        .join(Client, Client.id == Assessment.client_id)
        .outerjoin(StaffAccount, StaffAccount.id == Assessment.trainer_id)
        .where(Assessment.deleted_at.is_(None), Client.deleted_at.is_(None))
    )


def summaries_for_client(
    session: Session, client_id: uuid.UUID
) -> tuple[tuple[AssessmentSummary, ...], list[tuple[date, AssessmentScores]]]:
    """A client's assessments newest first, and (date, scores) points for the progress chart."""
    rows = session.execute(
        _summary_query()
        .where(Assessment.client_id == client_id)
        .order_by(Assessment.assessed_on.desc(), Assessment.created_at.desc())
    ).all()
    summaries = tuple(_summary(r[0], r[1], r[2] or r[3] or "") for r in rows)
    points = [(r[0].assessed_on, scores_from_row(r[0])) for r in reversed(rows)]
    return summaries, points


class AssessmentService(ServiceBase):
    # -- the one formula the wizard and the service share ---------------------------------------

    @staticmethod
    def inputs_for(client: ClientView, draft: AssessmentDraft) -> AssessmentInputs:
        """Pure: gender from the client, age on the assessment date, body weight from the
        draft (else the client's), the draft's values and overrides. ValidationError(field)."""
        values = dict(draft.values or {})
        for reserved in ("gender", "age", "overrides"):
            if reserved in values:
                raise _error(reserved, f"입력값에 {reserved} 항목을 넣을 수 없습니다.",
                             f"`{reserved}` is not an input value here.")
        if values.get("body_weight_kg") is None:
            values["body_weight_kg"] = (
                draft.weight_kg if draft.weight_kg is not None else client.weight_kg
            )
        values["gender"] = client.gender
        values["age"] = age_for_assessment(client, draft.assessed_on)
        values["overrides"] = {
            key: _override_value(override) for key, override in dict(draft.overrides or {}).items()
        }
        return AssessmentInputs.from_mapping(values)

    # -- changes ------------------------------------------------------------------------------

    def create(self, actor: Actor, draft: AssessmentDraft) -> AssessmentView:
        require(actor, Capability.RUN_ASSESSMENTS)
        with self._db.write() as session:
            settings = read_settings(session)
            trainer_id = self._trainer_for(session, actor, draft.trainer_id,
                                           settings.trainers_edit_any_assessment)
            row = Assessment(trainer_id=trainer_id)
            changes = self._apply(session, actor, row, draft, previous_overrides={})
            session.add(row)
            self._audit(session, actor, "assessment_created", "assessment", row.id,
                        {"client_id": row.client_id, "scoring_version": SCORING_VERSION,
                         "overall": row.score_overall})
            self._audit_overrides(session, actor, row, changes)
            return self._view(session, row)

    def update(
        self, actor: Actor, assessment_id: uuid.UUID, draft: AssessmentDraft
    ) -> AssessmentView:
        """Replace inputs and conditions, re-score with desktop-1, audit what changed."""
        require(actor, Capability.RUN_ASSESSMENTS)
        with self._db.write() as session:
            row = get_live(session, Assessment, assessment_id, ASSESSMENT)
            settings = read_settings(session)
            self._check_may_edit(actor, row, settings.trainers_edit_any_assessment)
            if draft.client_id != row.client_id:
                raise _error("client_id", "다른 회원의 평가로 옮길 수 없습니다.",
                             "An assessment cannot be moved to another client.")
            if draft.trainer_id is not None and draft.trainer_id != row.trainer_id:
                row.trainer_id = self._trainer_for(session, actor, draft.trainer_id,
                                                   settings.trainers_edit_any_assessment)
            before = self._snapshot(row)
            changes = self._apply(session, actor, row, draft,
                                  previous_overrides=dict(row.overrides or {}))
            after = self._snapshot(row)
            changed = sorted(k for k in after if before.get(k) != after[k])
            self._audit(session, actor, "assessment_updated", "assessment", row.id, {
                "changed": changed,
                "scoring_version": [before["scoring_version"], SCORING_VERSION],
                "overall": [before["score_overall"], row.score_overall],
            })
            self._audit_overrides(session, actor, row, changes)
            return self._view(session, row)

    def delete(self, actor: Actor, assessment_id: uuid.UUID) -> None:
        """Soft delete (tombstone); owner and senior only."""
        require(actor, Capability.DELETE)
        with self._db.write() as session:
            row = get_live(session, Assessment, assessment_id, ASSESSMENT)
            row.soft_delete(self.utc_now())
            self._audit(session, actor, "assessment_deleted", "assessment", row.id,
                        {"client_id": row.client_id})

    def recalculate(self, actor: Actor, assessment_id: uuid.UUID) -> AssessmentView:
        """Re-score an imported (legacy / original*) assessment with desktop-1; audited."""
        require(actor, Capability.RUN_ASSESSMENTS)
        with self._db.write() as session:
            row = get_live(session, Assessment, assessment_id, ASSESSMENT)
            settings = read_settings(session)
            self._check_may_edit(actor, row, settings.trainers_edit_any_assessment)
            if not is_recalculable(row.scoring_version):
                raise ConflictError(
                    f"이미 현재 방식({row.scoring_version})으로 계산된 평가입니다.",
                    f"This assessment is already scored with {row.scoring_version}.",
                )
            client = get_live(session, Client, row.client_id, CLIENT)
            age = row.age_at_assessment
            if age is None:
                age = age_for_assessment(self._client_view(session, client), row.assessed_on)
            inputs, dropped = inputs_from_row(row, age)
            before = {column: getattr(row, column) for column in SCORE_COLUMNS.values()}
            old_version = row.scoring_version
            row.age_at_assessment = age
            self._store_scores(row, inputs, client.height_cm if row.height_cm is None
                               else row.height_cm)
            after = {column: getattr(row, column) for column in SCORE_COLUMNS.values()}
            self._audit(session, actor, "assessment_recalculated", "assessment", row.id, {
                "scoring_version": [old_version, SCORING_VERSION],
                "before": before,
                "after": after,
                "ignored_inputs": list(dropped),
            })
            return self._view(session, row)

    # -- reading ------------------------------------------------------------------------------

    def get(self, actor: Actor, assessment_id: uuid.UUID) -> AssessmentView:
        require(actor, Capability.VIEW_CLIENTS)
        with self._db.read() as session:
            return self._view(session, get_live(session, Assessment, assessment_id, ASSESSMENT))

    def compare(self, actor: Actor, a_id: uuid.UUID, b_id: uuid.UUID) -> Comparison:
        """Two assessments of one client, the earlier one first whatever the argument order."""
        require(actor, Capability.VIEW_CLIENTS)
        with self._db.read() as session:
            a = get_live(session, Assessment, a_id, ASSESSMENT)
            b = get_live(session, Assessment, b_id, ASSESSMENT)
            if a.client_id != b.client_id:
                raise _error("b_id", "같은 회원의 평가끼리만 비교할 수 있습니다.",
                             "Only assessments of the same client can be compared.")
            sides = sorted((a, b), key=lambda r: (r.assessed_on, r.created_at))
            snapshots = [
                (r.assessed_on, self._row_inputs(session, r), scores_from_row(r)) for r in sides
            ]
        return compare_assessments(snapshots[0], snapshots[1])

    def list_for_client(
        self, actor: Actor, client_id: uuid.UUID
    ) -> tuple[AssessmentSummary, ...]:
        require(actor, Capability.VIEW_CLIENTS)
        with self._db.read() as session:
            get_live(session, Client, client_id, CLIENT)
            return summaries_for_client(session, client_id)[0]

    def list_between(
        self,
        actor: Actor,
        date_from: date,
        date_to: date,
        client_ids: list[uuid.UUID] | tuple[uuid.UUID, ...] | None = None,
    ) -> tuple[AssessmentSummary, ...]:
        """Assessments dated date_from…date_to (inclusive), oldest first."""
        require(actor, Capability.VIEW_CLIENTS)
        if date_to < date_from:
            raise _error("date_to", "끝 날짜가 시작 날짜보다 빠릅니다.",
                         "The end date is before the start date.")
        query = _summary_query().where(
            Assessment.assessed_on >= date_from, Assessment.assessed_on <= date_to
        )
        if client_ids is not None:
            query = query.where(Assessment.client_id.in_(list(client_ids)))
        with self._db.read() as session:
            rows = session.execute(
                query.order_by(Assessment.assessed_on, Client.name, Assessment.created_at)
            ).all()
            return tuple(_summary(r[0], r[1], r[2] or r[3] or "") for r in rows)

    # -- internals ----------------------------------------------------------------------------

    def _today(self, session: Session) -> date:
        return local_today(gym_zone(session), self._now)

    def _client_view(self, session: Session, client: Client) -> ClientView:
        return client_view(session, client, self._today(session))

    def _trainer_for(
        self, session: Session, actor: Actor, trainer_id: uuid.UUID | None, any_allowed: bool
    ) -> uuid.UUID:
        if trainer_id is None or trainer_id == actor.staff_id:
            return actor.staff_id
        if actor.role is Role.TRAINER and not any_allowed:
            raise PermissionDenied(
                "다른 트레이너 이름으로 평가를 기록할 수 없습니다.",
                "You cannot record an assessment for another trainer.",
            )
        staff = session.get(StaffAccount, trainer_id)
        if (staff is None or staff.deleted_at is not None or not staff.active
                or staff.role not in _TRAINER_ROLES):
            raise _error("trainer_id", "담당 트레이너를 찾을 수 없습니다.",
                         "The trainer was not found.")
        return staff.id

    @staticmethod
    def _check_may_edit(actor: Actor, row: Assessment, any_allowed: bool) -> None:
        if actor.role is Role.TRAINER and row.trainer_id != actor.staff_id and not any_allowed:
            raise PermissionDenied(
                "다른 트레이너의 평가는 수정할 수 없습니다.",
                "You cannot edit another trainer's assessment.",
            )

    def _apply(
        self,
        session: Session,
        actor: Actor,
        row: Assessment,
        draft: AssessmentDraft,
        previous_overrides: dict[str, Any],
    ) -> dict[str, dict[str, Any]]:
        """Validate the draft, then write inputs, conditions and scores onto `row`.

        Returns the overrides that are new or changed (to be audited).
        """
        if isinstance(draft.assessed_on, datetime) or not isinstance(draft.assessed_on, date):
            raise _error("assessed_on", "평가 날짜가 올바르지 않습니다.",
                         "Not a valid assessment date.")
        if draft.assessed_on > self._today(session):
            raise _error("assessed_on", "평가 날짜는 미래일 수 없습니다.",
                         "The assessment date cannot be in the future.")
        client = get_live(session, Client, draft.client_id, CLIENT)
        conditions = _clean_conditions(draft)
        inputs = self.inputs_for(self._client_view(session, client), draft)

        row.client_id = client.id
        row.assessed_on = draft.assessed_on
        row.age_at_assessment = inputs.age
        for name in ASSESSMENT_INPUT_FIELDS:
            setattr(row, name, _stored(getattr(inputs, name)))
        for name, value in conditions.items():
            setattr(row, name, value)
        plain = score_assessment(dataclasses.replace(inputs, overrides={}))
        computed = {key: plain.test(key) for key in TEST_KEYS}
        stored: dict[str, Any] = {}
        changes: dict[str, dict[str, Any]] = {}
        for key, override in dict(draft.overrides or {}).items():
            value = inputs.overrides[key]
            reason = override.reason.strip() if isinstance(override, Override) else ""
            old = previous_overrides.get(key)
            same = (isinstance(old, Mapping) and old.get("value") == value
                    and old.get("reason") == reason)
            entry = {
                "computed": computed[key],
                "value": value,
                "by": old.get("by") if same and isinstance(old, Mapping) else str(actor.staff_id),
                "reason": reason,
            }
            stored[key] = entry
            if not same:
                changes[key] = entry
        for key in previous_overrides.keys() - stored.keys():
            changes[key] = {"removed": True, "computed": computed.get(key)}
        row.overrides = stored
        height = conditions["height_cm"]
        self._store_scores(row, inputs, client.height_cm if height is None else height)
        return changes

    @staticmethod
    def _store_scores(row: object, inputs: AssessmentInputs, height_cm: float | None) -> None:
        """Write `score_columns` onto a row (or any object with those attributes)."""
        for column, value in score_columns(inputs, height_cm).items():
            setattr(row, column, value)

    @staticmethod
    def _snapshot(row: Assessment) -> dict[str, Any]:
        names = (*ASSESSMENT_INPUT_FIELDS, *SCORE_COLUMNS.values(), "assessed_on",
                 "age_at_assessment", "environment", "temperature_c", "height_cm", "weight_kg",
                 "body_fat_pct", "skeletal_muscle_kg", "overhead_squat_quality", "notes",
                 "test_notes", "scoring_version", "trainer_id")
        return {name: getattr(row, name) for name in names} | {
            "overrides": dict(row.overrides or {})
        }

    def _audit_overrides(
        self,
        session: Session, actor: Actor, row: Assessment, changes: dict[str, dict[str, Any]]
    ) -> None:
        for key, entry in changes.items():
            self._audit(session, actor, "assessment_score_overridden", "assessment", row.id,
                        {"test": key} | entry)

    def _row_inputs(self, session: Session, row: Assessment) -> AssessmentInputs:
        age = row.age_at_assessment
        if age is None:
            client = get_live(session, Client, row.client_id, CLIENT)
            age = age_for_assessment(self._client_view(session, client), row.assessed_on)
        return inputs_from_row(row, age)[0]

    def _view(self, session: Session, row: Assessment) -> AssessmentView:
        client = session.get(Client, row.client_id)
        trainer = session.get(StaffAccount, row.trainer_id)
        inputs = self._row_inputs(session, row)
        scores = scores_from_row(row)
        recommendations = _recommendations_from(row.recommendations) or recommend(
            inputs, scores, height_cm=row.height_cm)
        return AssessmentView(
            id=row.id,
            client_id=row.client_id,
            client_name=client.name if client is not None else "",
            assessed_on=row.assessed_on,
            trainer_id=row.trainer_id,
            trainer_name=_staff_name(trainer),
            age=row.age_at_assessment,
            environment=row.environment or "indoor",
            temperature_c=row.temperature_c,
            height_cm=row.height_cm,
            weight_kg=row.weight_kg,
            body_fat_pct=row.body_fat_pct,
            skeletal_muscle_kg=row.skeletal_muscle_kg,
            inputs=inputs,
            scores=scores,
            risk=_risk_from_row(row),
            recommendations=recommendations,
            notes=row.notes or "",
            test_notes=dict(row.test_notes or {}),
            overrides={k: dict(v) for k, v in (row.overrides or {}).items()},
            scoring_version=row.scoring_version,
            draft=draft_from_row(row),
        )
