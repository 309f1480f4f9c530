"""The screening and questionnaire part of the wizard draft, and its service draft.

Kept as plain JSON data in `WizardDraft.health` so the crash-safe draft file carries it:
{"reuse_screening_id": str | None, "use_previous": bool, "screening": {key: bool},
 "proceed_confirmed": bool, "proceed_reason": str, "skipped": bool,
 "answers": {question key: choice key | [choice keys] | scale value}}.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from the5hc_desktop.domain.labels import Label
from the5hc_desktop.services.health import AssessmentHealthView, HealthDraft

from .draft import WizardDraft


@dataclass(frozen=True)
class WizardHealth:
    reuse_screening_id: str | None = None
    use_previous: bool = True
    screening: Mapping[str, bool] = field(default_factory=dict)
    proceed_confirmed: bool = False
    proceed_reason: str = ""
    skipped: bool = False
    answers: Mapping[str, Any] = field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        return {
            "reuse_screening_id": self.reuse_screening_id,
            "use_previous": self.use_previous,
            "screening": dict(self.screening),
            "proceed_confirmed": self.proceed_confirmed,
            "proceed_reason": self.proceed_reason,
            "skipped": self.skipped,
            "answers": {k: list(v) if isinstance(v, tuple) else v
                        for k, v in self.answers.items()},
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> WizardHealth:
        screening = data.get("screening") or {}
        answers = data.get("answers") or {}
        reuse = data.get("reuse_screening_id")
        return cls(
            reuse_screening_id=str(reuse) if reuse else None,
            use_previous=bool(data.get("use_previous", True)),
            screening={str(k): v for k, v in dict(screening).items() if isinstance(v, bool)},
            proceed_confirmed=bool(data.get("proceed_confirmed", False)),
            proceed_reason=str(data.get("proceed_reason") or ""),
            skipped=bool(data.get("skipped", False)),
            answers=dict(answers),
        )


def health_of(draft: WizardDraft) -> WizardHealth:
    return WizardHealth.from_data(draft.health)


def with_health(draft: WizardDraft, health: WizardHealth) -> WizardDraft:
    return replace(draft, health=health.to_data())


def uses_previous(health: WizardHealth) -> bool:
    return health.use_previous and health.reuse_screening_id is not None


def to_health_draft(health: WizardHealth) -> HealthDraft:
    """What the health service stores; the proceed reason only counts once confirmed."""
    previous = uses_previous(health)
    reuse = uuid.UUID(health.reuse_screening_id) if previous and health.reuse_screening_id \
        else None
    answers = None if previous or not health.screening else dict(health.screening)
    return HealthDraft(
        reuse_screening_id=reuse,
        screening_answers=answers,
        proceed_reason=health.proceed_reason if health.proceed_confirmed else "",
        questionnaire=None if health.skipped else dict(health.answers),
    )


def from_stored(view: AssessmentHealthView | None) -> WizardHealth:
    """The wizard state for editing an assessment: its screening reused, its answers."""
    if view is None:  # nothing recorded (older or imported assessment)
        return WizardHealth(use_previous=False, skipped=True)
    return WizardHealth(
        reuse_screening_id=str(view.screening.id) if view.screening is not None else None,
        use_previous=view.screening is not None,
        proceed_confirmed=view.proceed_reason is not None,
        proceed_reason=view.proceed_reason or "",
        skipped=view.answers is None,
        answers=dict(view.answers or {}),
    )


def words(ko: str, en: str, language: str) -> str:
    return Label(ko, en).text(language)
