"""The wizard's draft file: JSON round trip, atomic and ordered writes, bad files skipped."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from the5hc_desktop.ui.panes.assessment.draft import DraftStore, WizardDraft


def sample() -> WizardDraft:
    return WizardDraft(
        client_id="0190c0de-0000-7000-8000-000000000001", client_name="김민수",
        assessed_on=date(2025, 6, 1), trainer_id="0190c0de-0000-7000-8000-000000000002",
        environment="outdoor", temperature_c=12.5, weight_kg=70.0, body_fat_pct="1a",
        values={"push_up_reps": 20, "knee_valgus": True, "toe_touch_cm": -3.5},
        overhead_squat_quality="compensations", test_notes={"push_up": "무릎"},
        notes="메모", overrides={"balance": {"value": 3.0, "reason": "재측정"}},
        fist_cm=10.0, chosen_scores=("overhead_squat",), page=6,
    )


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    saved = store.save(sample())
    loaded = store.load(saved.draft_id)
    assert loaded == saved
    assert loaded is not None
    assert loaded.saved_at is not None


def test_background_writes_and_deletes_keep_their_order(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    draft = sample()
    for reps in range(30):
        draft = draft.with_values(push_up_reps=reps)
        store.save_later(draft)
    store.delete(draft.draft_id)  # after every write still queued: nothing comes back
    assert store.list() == []
    store.save_later(draft)
    assert [d.value("push_up_reps") for d in store.list()] == [29]
    assert not list(tmp_path.glob(".draft-*"))  # no temporary files left behind


def test_unreadable_files_are_skipped(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save(sample())
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "odd.json").write_text(json.dumps({"assessed_on": "yesterday"}), encoding="utf-8")
    assert len(store.list()) == 1


def test_unknown_measurement_keys_are_dropped(tmp_path: Path) -> None:
    data = sample().to_json()
    data["values"]["gender"] = "female"  # never taken from a file: it comes from the client
    loaded = WizardDraft.from_json(data)
    assert "gender" not in loaded.values


def test_with_values_none_means_not_measured() -> None:
    draft = sample().with_values(push_up_reps=None)
    assert "push_up_reps" not in draft.values


def test_draft_ids_cannot_name_a_path(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="bad draft id"):
        DraftStore(tmp_path).path_for("../x")
