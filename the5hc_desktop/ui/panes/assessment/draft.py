"""The wizard's working draft and its crash-safe JSON file.

Each page writes its fields into a `WizardDraft` (a frozen value, replaced on every change);
the wizard saves it to `<data_dir>/drafts/<draft_id>.json` as the trainer types, atomically
(temp file + rename), so a crash or a closed window never loses a half-finished assessment
and never leaves a torn file. Nothing here touches the database.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast

from the5hc_desktop import paths
from the5hc_desktop.domain.assessment_inputs import MEASUREMENT_FIELDS
from the5hc_desktop.services.assessments import AssessmentDraft, AssessmentView, Override

log = logging.getLogger("the5hc.ui.drafts")

FORMAT = 1

# Measurement keys of `values`: docs/rules.md §2 inputs but gender, age and the body weight, which
# the body page keeps (`farmer_carry_percent` comes only from imported assessments).
VALUE_KEYS: tuple[str, ...] = tuple(k for k in MEASUREMENT_FIELDS if k != "body_weight_kg")


# A typed entry: a number, None (not entered) or text that did not parse; the page check
# turns the last into the domain's "enter a number" message.
Entry = int | float | str | None


@dataclass(frozen=True)
class WizardDraft:
    """Everything the trainer entered so far; None = not entered (미측정)."""

    draft_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    # Set when an existing assessment is being edited (Finish updates instead of creating).
    assessment_id: str | None = None
    client_id: str | None = None
    client_name: str = ""
    assessed_on: date | None = None
    trainer_id: str | None = None
    environment: str = "indoor"
    temperature_c: Entry = None
    height_cm: Entry = None
    weight_kg: Entry = None
    body_fat_pct: Entry = None
    skeletal_muscle_kg: Entry = None
    values: Mapping[str, Any] = field(default_factory=dict)
    overhead_squat_quality: str | None = None
    test_notes: Mapping[str, str] = field(default_factory=dict)
    notes: str = ""
    # Overrides kept from an edited assessment: {test key: {"value": float, "reason": str}}.
    overrides: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # Screen state that is not a measurement but must survive a resume.
    fist_cm: Entry = None  # the client's fist, for the shoulder suggestion
    chosen_scores: tuple[str, ...] = ()  # FMS tests whose score the trainer picked by hand
    # Screening and questionnaire pages (health_state.WizardHealth as JSON-ready data).
    health: Mapping[str, Any] = field(default_factory=dict)
    page: int = 0
    saved_at: datetime | None = None

    def value(self, key: str) -> Any:
        return self.values.get(key)

    def with_values(self, **changes: Any) -> WizardDraft:
        """A copy with measurement values changed; None removes the key (not measured)."""
        merged = {k: v for k, v in {**self.values, **changes}.items() if v is not None}
        return replace(self, values=merged)

    def is_empty(self) -> bool:
        """Nothing worth offering for resume: no client and no measurement."""
        return self.client_id is None and not self.values

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["assessed_on"] = self.assessed_on.isoformat() if self.assessed_on else None
        data["saved_at"] = self.saved_at.isoformat() if self.saved_at else None
        data["values"] = dict(self.values)
        data["test_notes"] = dict(self.test_notes)
        data["overrides"] = {k: dict(v) for k, v in self.overrides.items()}
        data["chosen_scores"] = list(self.chosen_scores)
        data["health"] = dict(self.health)
        data["format"] = FORMAT
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> WizardDraft:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if values.get("assessed_on"):
            values["assessed_on"] = date.fromisoformat(values["assessed_on"])
        if values.get("saved_at"):
            values["saved_at"] = datetime.fromisoformat(values["saved_at"])
        unknown = set(values.get("values", {})) - set(VALUE_KEYS)
        values["values"] = {
            k: v for k, v in dict(values.get("values", {})).items() if k not in unknown
        }
        values["test_notes"] = dict(values.get("test_notes", {}))
        values["overrides"] = dict(values.get("overrides", {}))
        values["chosen_scores"] = tuple(values.get("chosen_scores", ()))
        values["health"] = dict(values.get("health") or {})
        return cls(**values)


def default_drafts_dir() -> Path:
    return paths.data_dir() / "drafts"


class DraftStore:
    """One JSON file per draft in `folder`; writes are atomic (same-folder temp + replace)
    and may run on a single background thread (`save_later`)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_drafts_dir()
        self._executor: ThreadPoolExecutor | None = None
        self._pending: list[Future[None]] = []
        self._error: OSError | None = None

    def path_for(self, draft_id: str) -> Path:
        if not draft_id.isalnum():  # ids are uuid hex; never let one name a path
            raise ValueError(f"bad draft id {draft_id!r}")
        return self.folder / f"{draft_id}.json"

    def save(self, draft: WizardDraft) -> WizardDraft:
        """Write the draft now (stamped with the time) and return the stamped copy."""
        stamped, text = self._stamp(draft)
        self.flush()
        self._write(draft.draft_id, text)
        return stamped

    def save_later(self, draft: WizardDraft) -> WizardDraft:
        """Stamp and serialise here, write on the store's own thread: an fsync can take tens
        of milliseconds on a laptop disk and must not stall typing. Writes and deletes run
        in submission order, so a delete is never undone by an older write."""
        stamped, text = self._stamp(draft)
        self._submit(self._write, draft.draft_id, text)
        return stamped

    def take_error(self) -> OSError | None:
        """The last background write failure, once (the GUI thread reports it)."""
        error, self._error = self._error, None
        return error

    def flush(self) -> None:
        """Wait until every submitted write and delete has finished."""
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()

    def _stamp(self, draft: WizardDraft) -> tuple[WizardDraft, str]:
        stamped = replace(draft, saved_at=datetime.now(UTC))
        return stamped, json.dumps(stamped.to_json(), ensure_ascii=False, indent=1)

    def _submit(self, job: Callable[..., None], *args: str) -> None:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drafts")
        self._pending = [f for f in self._pending if not f.done()]
        self._pending.append(self._executor.submit(self._guarded, job, *args))

    def _guarded(self, job: Callable[..., None], *args: str) -> None:
        try:
            job(*args)
        except OSError as error:
            log.warning("draft file operation failed: %s", error)
            self._error = error

    def _write(self, draft_id: str, text: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".draft-", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp_name, self.path_for(draft_id))
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise

    def load(self, draft_id: str) -> WizardDraft | None:
        path = self.path_for(draft_id)
        try:
            return WizardDraft.from_json(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
            log.warning("unreadable draft %s: %s", path.name, error)
            return None

    def list(self) -> list[WizardDraft]:
        """Every readable draft, the most recently saved first."""
        self.flush()
        if not self.folder.is_dir():
            return []
        drafts = [
            draft
            for path in self.folder.glob("*.json")
            if (draft := self.load(path.stem)) is not None
        ]
        epoch = datetime.min.replace(tzinfo=UTC)
        return sorted(drafts, key=lambda d: d.saved_at or epoch, reverse=True)

    def delete(self, draft_id: str) -> None:
        """Remove the draft file, after any write still on its way."""
        path = self.path_for(draft_id)
        self._submit(lambda: path.unlink(missing_ok=True))
        self.flush()


# --- to and from the service's draft -------------------------------------------------------


def _typed(value: Entry) -> float | None:
    # Text that did not parse is passed on as it is: the service's check refuses it with
    # "enter a number" (the pages refuse it first).
    return cast(float | None, value)


def to_service_draft(draft: WizardDraft) -> AssessmentDraft:
    """The service's draft; needs a client and a date (the first page guarantees both)."""
    if draft.client_id is None or draft.assessed_on is None:
        raise ValueError("a draft needs a client and a date before it can be scored")
    return AssessmentDraft(
        client_id=uuid.UUID(draft.client_id),
        assessed_on=draft.assessed_on,
        trainer_id=uuid.UUID(draft.trainer_id) if draft.trainer_id else None,
        environment=draft.environment,
        temperature_c=_typed(draft.temperature_c),
        height_cm=_typed(draft.height_cm),
        weight_kg=_typed(draft.weight_kg),
        body_fat_pct=_typed(draft.body_fat_pct),
        skeletal_muscle_kg=_typed(draft.skeletal_muscle_kg),
        values={k: v for k, v in draft.values.items() if v is not None},
        overhead_squat_quality=draft.overhead_squat_quality,
        test_notes={k: v for k, v in draft.test_notes.items() if v.strip()},
        notes=draft.notes,
        overrides={
            key: Override(float(item["value"]), str(item.get("reason", "")))
            for key, item in draft.overrides.items()
        },
    )


def from_assessment(view: AssessmentView) -> WizardDraft:
    """A wizard draft for editing a stored assessment."""
    source = view.draft
    values = {k: v for k, v in source.values.items() if k in VALUE_KEYS and v is not None}
    weight = source.weight_kg
    if weight is None:
        # The weight the scores used (the client's card at the time) becomes editable here.
        stored = source.values.get("body_weight_kg")
        weight = float(stored) if isinstance(stored, int | float) else None
    chosen = tuple(
        key
        for key in ("shoulder_mobility", "overhead_squat")
        if values.get(f"{key}_score") is not None
    )
    return WizardDraft(
        assessment_id=str(view.id),
        client_id=str(view.client_id),
        client_name=view.client_name,
        assessed_on=view.assessed_on,
        trainer_id=str(view.trainer_id),
        environment=source.environment,
        temperature_c=source.temperature_c,
        height_cm=source.height_cm,
        weight_kg=weight,
        body_fat_pct=source.body_fat_pct,
        skeletal_muscle_kg=source.skeletal_muscle_kg,
        values=values,
        overhead_squat_quality=source.overhead_squat_quality,
        test_notes=dict(source.test_notes),
        notes=source.notes,
        overrides={
            key: {"value": o.value, "reason": o.reason} for key, o in source.overrides.items()
        },
        chosen_scores=chosen,
    )
