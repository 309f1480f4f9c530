"""Report data built from stored assessments, and the PDFs rendered from it."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from services_training import Clock, add_client

from the5hc_desktop.domain.errors import NotFound, StorageUnavailable, ValidationError
from the5hc_desktop.domain.scoring import fmt1
from the5hc_desktop.services.assessments import AssessmentDraft, AssessmentService
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.report_service import ReportService
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import Assessment

VALUES: dict[str, object] = {
    "push_up_reps": 23,
    "farmer_carry_weight_kg": 32.5,
    "farmer_carry_time_s": 52,
    "toe_touch_cm": -3.5,
    "shoulder_mobility_score": 2,
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
def reports(db: Database, clock: Clock) -> ReportService:
    return ReportService(db, now=clock)


@pytest.fixture
def assessments(db: Database, clock: Clock) -> AssessmentService:
    return AssessmentService(db, now=clock)


@pytest.fixture
def client_id(db: Database, clock: Clock, owner: Actor) -> uuid.UUID:
    return add_client(db, clock, owner, "김민수", "010-1234-5678")


def _assess(service: AssessmentService, actor: Actor, client: uuid.UUID, on: date,
            **changes: object) -> uuid.UUID:
    values = VALUES | changes
    draft = AssessmentDraft(client, on, actor.staff_id, weight_kg=72.4, height_cm=176,
                            values=values, notes="어깨 스트레칭 매일")
    return service.create(actor, draft).id


def _text(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_assessment_data_comes_from_the_stored_row(
    db: Database, reports: ReportService, assessments: AssessmentService, owner: Actor,
    assistant: Actor, client_id: uuid.UUID,
) -> None:
    aid = _assess(assessments, owner, client_id, date(2025, 6, 1))
    stored = assessments.get(owner, aid)
    # A stored score is printed as stored, even if today's formula would say otherwise.
    with db.write() as s:
        s.get_one(Assessment, aid).score_overall = 77.25

    data = reports.assessment_data(assistant, aid)  # front desk may print

    assert data.gym_name == "The5HC 피트니스 센터"
    assert (data.client_name, data.age, data.assessed_on) == ("김민수", 35, date(2025, 6, 1))
    assert data.gender.ko == "여성"  # type: ignore[union-attr]
    assert (data.height_cm, data.weight_kg) == (176, 72.4)
    assert data.trainer_name == owner.display_name
    assert data.scores.overall == 77.25
    assert data.scores.strength == stored.scores.strength
    assert data.risk == stored.risk
    assert data.recommendations == stored.recommendations
    assert data.scoring_version == "desktop-1"
    assert data.notes == "어깨 스트레칭 매일"
    assert data.generated_at.utcoffset() is not None


def test_render_assessment_writes_a_readable_pdf(
    tmp_path: Path, reports: ReportService, assessments: AssessmentService, owner: Actor,
    client_id: uuid.UUID,
) -> None:
    aid = _assess(assessments, owner, client_id, date(2025, 6, 1))
    overall = assessments.get(owner, aid).scores.overall

    path = reports.render_assessment(owner, aid, tmp_path / "out" / "report.pdf")

    assert path == tmp_path / "out" / "report.pdf"
    pages, text = _text(path)
    assert pages >= 1
    assert "김민수" in text
    assert "The5HC 피트니스 센터" in text
    assert "체력 평가 보고서" in text
    assert fmt1(overall) in text
    # A folder gets the standard, Windows-safe name, never replacing an existing file.
    first = reports.render_assessment(owner, aid, tmp_path)
    second = reports.render_assessment(owner, aid, tmp_path)
    assert first.name == "2025-06-01_김민수_평가보고서.pdf"
    assert second.name == "2025-06-01_김민수_평가보고서 (2).pdf"


def test_an_unwritable_target_is_a_storage_error_naming_the_path(
    tmp_path: Path, reports: ReportService, assessments: AssessmentService, owner: Actor,
    client_id: uuid.UUID,
) -> None:
    aid = _assess(assessments, owner, client_id, date(2025, 6, 1))
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")

    with pytest.raises(StorageUnavailable) as caught:
        reports.render_assessment(owner, aid, blocker / "report.pdf")

    assert caught.value.field == "path"
    assert str(blocker / "report.pdf") in caught.value.message("ko")


def test_a_missing_assessment_reads_naturally_in_korean(
    reports: ReportService, owner: Actor
) -> None:
    with pytest.raises(NotFound) as caught:
        reports.assessment_data(owner, uuid.uuid4())
    assert caught.value.message("ko") == "평가를 찾을 수 없습니다."


def test_comparison_puts_the_earlier_assessment_first(
    tmp_path: Path, reports: ReportService, assessments: AssessmentService, owner: Actor,
    db: Database, clock: Clock, client_id: uuid.UUID,
) -> None:
    early = _assess(assessments, owner, client_id, date(2025, 3, 1))
    late = _assess(assessments, owner, client_id, date(2025, 6, 1), push_up_reps=35)
    data = reports.comparison_data(owner, late, early)
    assert (data.before.assessed_on, data.after.assessed_on) == (date(2025, 3, 1),
                                                                 date(2025, 6, 1))
    assert data.after.inputs.push_up_reps == 35
    path = reports.render_comparison(owner, early, late, tmp_path)
    assert path.name == "2025-03-01_2025-06-01_김민수_비교보고서.pdf"
    pages, text = _text(path)
    assert pages >= 1
    assert "김민수" in text
    other = add_client(db, clock, owner, "이영희")
    foreign = _assess(assessments, owner, other, date(2025, 6, 2))
    with pytest.raises(ValidationError):
        reports.comparison_data(owner, early, foreign)
    with pytest.raises(NotFound):
        reports.assessment_data(owner, uuid.uuid4())


def test_batch_export_with_progress_and_cancel(
    tmp_path: Path, db: Database, clock: Clock, reports: ReportService,
    assessments: AssessmentService, owner: Actor, client_id: uuid.UUID,
) -> None:
    other = add_client(db, clock, owner, "이영희")
    _assess(assessments, owner, client_id, date(2025, 5, 1))
    _assess(assessments, owner, client_id, date(2025, 6, 1))
    _assess(assessments, owner, other, date(2025, 6, 1))
    seen: list[tuple[int, int]] = []

    june = reports.export_batch(owner, tmp_path / "june", date(2025, 6, 1), date(2025, 6, 30),
                                progress=lambda done, total: seen.append((done, total)))

    assert sorted(p.name for p in june) == ["2025-06-01_김민수_평가보고서.pdf",
                                            "2025-06-01_이영희_평가보고서.pdf"]
    assert seen == [(0, 2), (1, 2), (2, 2)]
    assert all(_text(p)[0] >= 1 for p in june)
    mine = reports.export_batch(owner, tmp_path / "mine", client_ids=[client_id])
    assert [p.name for p in mine] == ["2025-05-01_김민수_평가보고서.pdf",
                                      "2025-06-01_김민수_평가보고서.pdf"]

    answers = iter([False, False, True])
    seen.clear()
    stopped = reports.export_batch(owner, tmp_path / "stopped",
                                   progress=lambda done, total: seen.append((done, total)),
                                   cancelled=lambda: next(answers, True))
    assert [p.name for p in stopped] == ["2025-05-01_김민수_평가보고서.pdf",
                                         "2025-06-01_김민수_평가보고서.pdf"]
    assert seen == [(0, 3), (1, 3), (2, 3)]
    assert sorted(p.name for p in (tmp_path / "stopped").iterdir()) == sorted(
        p.name for p in stopped)
    with pytest.raises(ValidationError):
        reports.export_batch(owner, tmp_path, date(2025, 6, 2), date(2025, 6, 1))
