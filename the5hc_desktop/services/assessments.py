"""Fitness assessments: check a draft, score it with desktop-1, store every input and score,
compare, recalculate.

The pure half (`validate_draft`, `inputs_for`, `evaluate`) is what the wizard calls for its
page checks and live review, and what `create`/`update` call before storing: one set of
limits and one formula. The values and their row conversions live in assessment_views.py.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Protocol

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.compare import Comparison, compare_assessments
from the5hc_desktop.domain.errors import ConflictError, PermissionDenied, ValidationError
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.people import Gender, check_body
from the5hc_desktop.domain.roles import trains
from the5hc_desktop.domain.scoring import (
    SCORING_VERSION,
    TEST_KEYS,
    AssessmentInputs,
    score_assessment,
)
from the5hc_desktop.domain.validation import check_number
from the5hc_desktop.services.assessment_views import (
    DRAFT_VALUE_KEYS,
    AssessmentDraft,
    AssessmentSummary,
    AssessmentView,
    Evaluation,
    Override,
    assessment_view,
    draft_from_row,
    evaluate_inputs,
    fresh_assessment_view,
    inputs_from_row,
    score_columns,
    scores_from_row,
    staff_name,
    summaries_for_client,
    summary_of,
    summary_query,
)
from the5hc_desktop.services.base import (
    ServiceBase,
    get_live,
    local_today,
    not_found,
    zone_named,
)
from the5hc_desktop.services.boundary import checks_actor_itself
from the5hc_desktop.services.clients import CLIENT, whole_years_between
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.services.settings import GymSettings, check_actor_reading, read_settings
from the5hc_desktop.store.models import (
    ASSESSMENT_INPUT_FIELDS,
    ENVIRONMENTS,
    OVERHEAD_SQUAT_QUALITIES,
    SCORE_COLUMNS,
    TEST_NOTE_KEYS,
    Assessment,
    AuditLogEntry,
    Client,
    StaffAccount,
)
from the5hc_desktop.store.stamping import insert_new

__all__ = [
    "ASSESSMENT",
    "DRAFT_VALUE_KEYS",
    "ENVIRONMENTS",
    "AssessmentDraft",
    "AssessmentService",
    "AssessmentSummary",
    "AssessmentView",
    "ClientFacts",
    "Evaluation",
    "Override",
    "age_for_assessment",
    "draft_from_row",
    "evaluate_inputs",
    "inputs_from_row",
    "is_recalculable",
    "score_columns",
    "scores_from_row",
    "summaries_for_client",
]

ASSESSMENT = ("평가", "Assessment")
# Conditions and body measures: label, low, high (inclusive).
_MEASURES: dict[str, tuple[Label, float, float]] = {
    "temperature_c": (Label("온도 (°C)", "Temperature (°C)"), -10, 50),
    # height_cm and weight_kg: the member form's one rule, `people.check_body`.
    "body_fat_pct": (Label("체지방률 (%)", "Body fat (%)"), 1, 75),
    "skeletal_muscle_kg": (Label("골격근량 (kg)", "Skeletal muscle (kg)"), 1, 150),
}


def is_recalculable(scoring_version: str) -> bool:
    """Imported scores (legacy, original, original-head) may be recalculated explicitly."""
    return scoring_version == "legacy" or scoring_version.startswith("original")


class ClientFacts(Protocol):
    """What scoring needs to know about the client; a `ClientView` has all of it."""

    @property
    def gender(self) -> Gender: ...
    @property
    def birth_date(self) -> date | None: ...
    @property
    def height_cm(self) -> float | None: ...
    @property
    def weight_kg(self) -> float | None: ...
    @property
    def age_recorded(self) -> int | None: ...
    @property
    def age_recorded_on(self) -> date | None: ...


@dataclass(frozen=True)
class _StoredClient:
    gender: Gender
    birth_date: date | None
    height_cm: float | None
    weight_kg: float | None
    age_recorded: int | None
    age_recorded_on: date | None
    name: str = ""


def _facts(client: Client) -> _StoredClient:
    # Straight from the row: a full ClientView would cost the trainer and time-zone look-ups.
    return _StoredClient(Gender(client.gender), client.birth_date, client.height_cm,
                         client.weight_kg, client.age_years, client.age_recorded_on)


# What a save needs of the client, read without loading the whole row (built once).
_CLIENT_FACTS = select(
    Client.gender, Client.birth_date, Client.height_cm, Client.weight_kg, Client.age_years,
    Client.age_recorded_on, Client.name,
).where(Client.id == bindparam("id"), Client.deleted_at.is_(None))


def _live_client_facts(session: Session, client_id: uuid.UUID) -> _StoredClient:
    """`get_live(session, Client, ...)`, reduced to what scoring and the view use."""
    found = session.connection().execute(_CLIENT_FACTS, {"id": client_id}).first()
    if found is None:
        raise not_found(CLIENT)
    return _StoredClient(Gender(found[0]), *found[1:])


# -- pure checks --------------------------------------------------------------------------------


def age_for_assessment(client: ClientFacts, assessed_on: date) -> int:
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


def _error(field_name: str, ko: str, en: str) -> ValidationError:
    return ValidationError(ko, en, field=field_name)


def _check_date(draft: AssessmentDraft, today: date) -> None:
    if isinstance(draft.assessed_on, datetime) or not isinstance(draft.assessed_on, date):
        raise _error("assessed_on", "평가 날짜가 올바르지 않습니다.",
                     "Not a valid assessment date.")
    if draft.assessed_on > today:
        raise _error("assessed_on", "평가 날짜는 미래일 수 없습니다.",
                     "The assessment date cannot be in the future.")


def _measure(draft: AssessmentDraft, name: str) -> float | None:
    value = getattr(draft, name)
    if value is None:
        return None
    label, lo, hi = _MEASURES[name]
    return check_number(value, name, label, lo, hi)


def _clean_conditions(draft: AssessmentDraft) -> dict[str, Any]:
    """Checked non-scored fields of a draft (conditions, body measures, notes)."""
    if draft.environment not in ENVIRONMENTS:
        raise _error("environment", "측정 환경은 실내 또는 실외입니다.",
                     "The environment is indoor or outdoor.")
    measures = {name: _measure(draft, name) for name in _MEASURES}
    measures["height_cm"], measures["weight_kg"] = check_body(draft.height_cm, draft.weight_kg)
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


@dataclass(frozen=True)
class _Applied:
    client: _StoredClient
    evaluation: Evaluation
    changed_overrides: dict[str, dict[str, Any]]


class AssessmentService(ServiceBase):
    # -- pure: the checks and the one formula the wizard and the service share -----------------

    @staticmethod
    def validate_draft(draft: AssessmentDraft, today: date) -> None:
        """The checks saving makes that need no database: the date (not in the future on
        `today`, the gym's calendar day), environment, temperature, body measures, squat
        quality, test notes, notes and override reasons. Raises the ValidationError(field)
        `create`/`update` would raise. Scoring inputs and the age are checked by `evaluate`."""
        _check_date(draft, today)
        _clean_conditions(draft)

    @staticmethod
    def inputs_for(client: ClientFacts, draft: AssessmentDraft) -> AssessmentInputs:
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

    @staticmethod
    def evaluate(client: ClientFacts, draft: AssessmentDraft) -> Evaluation:
        """Pure: `inputs_for`, then the scores, risk and recommendations exactly as `create`
        and `update` store them (BMI tips from the draft's height, else the client's).
        ValidationError(field) for a bad value."""
        inputs = AssessmentService.inputs_for(client, draft)
        height, _weight = check_body(draft.height_cm, draft.weight_kg)
        return evaluate_inputs(inputs, client.height_cm if height is None else height)

    # -- changes ------------------------------------------------------------------------------

    @checks_actor_itself
    def create(self, actor: Actor, draft: AssessmentDraft) -> AssessmentView:
        """Score, store and audit a new assessment.

        The hot path: one transaction (the actor is checked inside it) and the row and its
        audit rows written by `insert_new` (no unit of work), stamped, chained and announced
        as a flush would: one stamp reservation, one chain lookup.
        """
        require(actor, Capability.RUN_ASSESSMENTS)
        with self._db.write() as session:
            actor_name, settings = check_actor_reading(
                session, actor, "timezone", "trainers_edit_any_assessment")
            trainer_id = self._trainer_for(session, actor, draft.trainer_id,
                                           settings["trainers_edit_any_assessment"])
            row = Assessment(trainer_id=trainer_id)
            today = local_today(zone_named(settings["timezone"]), self._now)
            applied = self._apply(session, actor, row, draft, today, previous_overrides={})
            entries = [  # written below with the row, not by a flush
                self._audit_entry(actor, "assessment_created", "assessment", row.id,
                                  {"client_id": row.client_id,
                                   "scoring_version": SCORING_VERSION,
                                   "overall": row.score_overall}),
                *(self._audit_entry(actor, "assessment_score_overridden", "assessment", row.id,
                                    _override_details(key, entry))
                  for key, entry in applied.changed_overrides.items()),
            ]
            database = self._db.database
            insert_new(session, database.device_id, database.clock, [row, *entries])
            # The view names the trainer: usually the actor, whose name the check read.
            trainer_name = actor_name if row.trainer_id == actor.staff_id else None
            return self._fresh_view(session, row, applied.client, applied.evaluation,
                                    trainer_name)

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
            applied = self._apply(session, actor, row, draft, self._today(settings),
                                  previous_overrides=dict(row.overrides or {}))
            after = self._snapshot(row)
            changed = sorted(k for k in after if before.get(k) != after[k])
            self._audit(session, actor, "assessment_updated", "assessment", row.id, {
                "changed": changed,
                "scoring_version": [before["scoring_version"], SCORING_VERSION],
                "overall": [before["score_overall"], row.score_overall],
            })
            self._audit_overrides(session, actor, row, applied.changed_overrides)
            return self._fresh_view(session, row, applied.client, applied.evaluation)

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
                age = age_for_assessment(_facts(client), row.assessed_on)
            inputs, dropped = inputs_from_row(row, age)
            before = {column: getattr(row, column) for column in SCORE_COLUMNS.values()}
            old_version = row.scoring_version
            row.age_at_assessment = age
            evaluation = evaluate_inputs(
                inputs, client.height_cm if row.height_cm is None else row.height_cm)
            _write_columns(row, evaluation.columns())
            after = {column: getattr(row, column) for column in SCORE_COLUMNS.values()}
            self._audit(session, actor, "assessment_recalculated", "assessment", row.id, {
                "scoring_version": [old_version, SCORING_VERSION],
                "before": before,
                "after": after,
                "ignored_inputs": list(dropped),
            })
            return self._fresh_view(session, row, client, evaluation)

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
        query = summary_query().where(
            Assessment.assessed_on >= date_from, Assessment.assessed_on <= date_to
        )
        if client_ids is not None:
            query = query.where(Assessment.client_id.in_(list(client_ids)))
        with self._db.read() as session:
            rows = session.execute(
                query.order_by(Assessment.assessed_on, Client.name, Assessment.created_at)
            ).all()
            return tuple(summary_of(r[0], r[1], r[2] or r[3] or "") for r in rows)

    # -- internals ----------------------------------------------------------------------------

    def _today(self, settings: GymSettings) -> date:
        # The gym's calendar day, from the settings already read in this transaction.
        return local_today(zone_named(settings.timezone), self._now)

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
                or not trains(staff.role)):
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
        today: date,
        previous_overrides: dict[str, Any],
    ) -> _Applied:
        """Validate the draft, then write inputs, conditions and scores onto `row`.

        Returns the client, the evaluation stored and the overrides that are new or changed
        (to be audited).
        """
        _check_date(draft, today)
        client = _live_client_facts(session, draft.client_id)
        conditions = _clean_conditions(draft)
        evaluation = self.evaluate(client, draft)
        inputs = evaluation.inputs

        row.client_id = draft.client_id  # the live client just read
        row.assessed_on = draft.assessed_on
        row.age_at_assessment = inputs.age
        for name in ASSESSMENT_INPUT_FIELDS:
            setattr(row, name, _stored(getattr(inputs, name)))
        for name, value in conditions.items():
            setattr(row, name, value)
        computed: dict[str, float | None] = {}
        if draft.overrides or previous_overrides:
            # What each overridden test would score on its own (kept beside the override).
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
        _write_columns(row, evaluation.columns())
        return _Applied(client, evaluation, changes)

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
        session: Session, actor: Actor, row: Assessment, changes: dict[str, dict[str, Any]],
    ) -> list[AuditLogEntry]:
        return [
            self._audit(session, actor, "assessment_score_overridden", "assessment", row.id,
                        _override_details(key, entry))
            for key, entry in changes.items()
        ]

    def _row_inputs(self, session: Session, row: Assessment) -> AssessmentInputs:
        age = row.age_at_assessment
        if age is None:
            client = get_live(session, Client, row.client_id, CLIENT)
            age = age_for_assessment(_facts(client), row.assessed_on)
        return inputs_from_row(row, age)[0]

    def _view(self, session: Session, row: Assessment) -> AssessmentView:
        """The view of a stored row (its inputs read back, scores never recomputed)."""
        client = session.get(Client, row.client_id)
        trainer = session.get(StaffAccount, row.trainer_id)
        return assessment_view(row, client.name if client is not None else "",
                               staff_name(trainer), self._row_inputs(session, row))

    @staticmethod
    def _fresh_view(
        session: Session, row: Assessment, client: Client | _StoredClient,
        evaluation: Evaluation,
        trainer_name: str | None = None,
    ) -> AssessmentView:
        """The view of a row just written from `evaluation`: built in memory, no re-reading
        (only the trainer's name is looked up, unless the caller has it)."""
        if trainer_name is None:
            trainer_name = staff_name(session.get(StaffAccount, row.trainer_id))
        return fresh_assessment_view(row, client.name, trainer_name, evaluation)


def _override_details(key: str, change: dict[str, Any]) -> dict[str, Any]:
    return {"test": key} | change


def _write_columns(row: Assessment, columns: Mapping[str, Any]) -> None:
    for column, value in columns.items():
        setattr(row, column, value)
